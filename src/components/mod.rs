//! Reusable pieces of screen: they render and report taps; they never touch storage.

pub mod choice_group;
pub mod storage_warning;
pub mod idle_guard;
pub mod text_field;
pub mod top_bar;
pub mod update_banner;
