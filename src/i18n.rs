pub use crate::domain::text::Lang;
