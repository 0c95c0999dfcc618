//! Same-spot alignment of two photos of one scalp site.
//!
//! `geometry` (always built, no dependencies) is what the app needs to show an aligned
//! pair; `estimate` (feature `estimate`, FFT-based) finds the alignment and runs in the
//! web worker (`src/bin/align_worker.rs`), never in the app's own bundle.

pub mod geometry;
#[cfg(feature = "estimate")]
pub mod estimate;
#[cfg(feature = "estimate")]
pub mod gray;

pub use geometry::{common_crop, css_transforms, Frame, Rect, Similarity};
