//! One module per screen (a folder for a screen with parts of its own). A page reads
//! the [`crate::context::AppContext`], calls actions and renders; it never touches
//! the database, and no page imports another (shared pieces live in `components/`).

pub mod appointment_book;
pub mod backup;
pub mod book_visit;
pub mod capture;
pub mod card;
pub mod complaint_form;
pub mod consent_again;
pub mod customer_list;
pub mod home;
pub mod incident_form;
pub mod measure_form;
pub mod merge;
pub mod month_plan;
pub mod my_customers;
pub mod own_pin;
pub mod progress;
pub mod register;
pub mod retention;
pub mod sales_list;
pub mod return_form;
pub mod rules;
pub mod self_check;
pub mod settings;
pub mod setup;
pub mod staff;
pub mod stats;
pub mod sync_setup;
pub mod team;
pub mod today;
pub mod win_back;
