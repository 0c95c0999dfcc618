//! One module per screen. Pages read the [`crate::app::AppContext`], call the storage
//! layer and domain rules, and render; they hold no rules of their own.

pub mod backup;
pub mod backup_reminder;
pub mod capture;
pub mod choices;
pub mod coming;
pub mod compare;
pub mod customer_card;
pub mod customer_edit;
pub mod home;
pub mod measure_form;
pub mod progress;
pub mod register;
pub mod self_check;
pub mod settings;
pub mod setup;
pub mod staff;
pub mod staff_search;
pub mod visit_form;
