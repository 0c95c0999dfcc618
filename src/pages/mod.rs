//! One module per screen. Pages read the [`crate::app::AppContext`], call the storage
//! layer and domain rules, and render; they hold no rules of their own.

pub mod coming;
pub mod customer_card;
pub mod customer_edit;
pub mod home;
pub mod register;
pub mod settings;
pub mod setup;
pub mod staff;
pub mod staff_search;
pub mod visit_form;
