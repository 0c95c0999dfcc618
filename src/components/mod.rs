//! Reusable pieces of screen: they render, report taps, and read or write only
//! through actions. Shared by several pages (no page imports another page).

pub mod appointment_row;
pub mod appointments_today;
pub mod backup_reminder;
pub mod birthdays;
pub mod choice_group;
pub mod choices;
pub mod compare;
pub mod date_picker;
pub mod idle_guard;
pub mod kiosk;
pub mod kiosk_settings;
pub mod manager_only;
pub mod nav;
pub mod progress_view;
pub mod referrals;
pub mod result_row;
pub mod sensitive_gate;
pub mod staff_host;
pub mod staff_only;
pub mod storage_warning;
pub mod sync_agent;
pub mod sync_status;
pub mod text_field;
pub mod top_bar;
pub mod update_banner;
pub mod visit_form;
pub mod whose;
