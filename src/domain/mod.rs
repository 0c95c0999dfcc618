//! Domain types and rules: pure Rust, no browser APIs, tested natively with `cargo test`.
//!
//! Every function here that depends on "now" takes it as an argument, so rules are
//! tested with fixed dates and never read the wall clock.

pub mod aftercare;
pub mod appointment;
pub mod assign;
pub mod audit;
pub mod birthdays;
pub mod backup;
pub mod care;
pub mod chart;
pub mod classify;
pub mod consent;
pub mod customer;
pub mod customer_form;
pub mod export;
pub mod kiosk;
pub mod lockout;
pub mod merge;
pub mod month_plan;
pub mod notices;
pub mod photo;
pub mod plan;
pub mod progress;
pub mod registration;
pub mod replication;
pub mod retention;
pub mod search;
pub mod self_check;
pub mod record;
pub mod referral;
pub mod settings;
pub mod sort;
pub mod stats;
pub mod staff;
pub mod storage_use;
pub mod today;
pub mod validation;
pub mod view_code;
pub mod win_back;

pub use audit::{AuditAction, AuditEntry};
pub use care::{CheckedFollowUp, Complaint, ContactMethod, FollowUpDraft, FollowUpEntry, Incident, MeasurementDraft, MeasurementSet, Purchase, PurchaseDraft, ReturnRecord, UsePlace};
pub use chart::Chart;
pub use consent::{ConsentKind, ConsentRecord, Guardian};
pub use customer::{Customer, EffectClass, Gender, HairLossDuration, HairLossGrade, HairLossType, InfoSource};
pub use photo::{PhotoDraft, PhotoKind, PhotoMeta, ScalpSite};
pub use record::{new_id, Meta, Record, Stamp, Tombstone};
pub use self_check::SelfCheckAttempts;
pub use settings::AppSettings;
