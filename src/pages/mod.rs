//! One module per screen. Pages read the [`crate::context::AppContext`], call the storage
//! layer and domain rules, and render; they hold no rules of their own.

pub mod backup;
pub mod backup_reminder;
pub mod capture;
pub mod card_aftercare;
pub mod choices;
pub mod compare;
pub mod complaint_form;
pub mod customer_card;
pub mod customer_edit;
pub mod customer_list;
pub mod customer_export;
pub mod home;
pub mod incident_form;
pub mod measure_form;
pub mod progress;
pub mod purchase_form;
pub mod register;
pub mod rules;
pub mod return_form;
pub mod self_check;
pub mod settings;
pub mod setup;
pub mod staff;
pub mod staff_search;
pub mod stats;
pub mod today;
pub mod visit_form;
pub mod win_back;
