//! Every screen's address. Routes carry random UUIDs only, never personal data.

use yew_router::prelude::*;

#[derive(Clone, Routable, PartialEq, Eq, Debug)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/register")]
    Register,
    #[at("/self-check")]
    SelfCheck,
    #[at("/staff")]
    Staff,
    #[at("/settings")]
    Settings,
    /// A customer's card (staff). The id is a random UUID: no personal data in the URL.
    #[at("/staff/customers/:id")]
    Customer { id: String },
    /// Merging two records of one person: pick the other record, then compare.
    #[at("/staff/customers/:id/merge")]
    MergePick { id: String },
    #[at("/staff/customers/:id/merge/:other")]
    Merge { id: String, other: String },
    #[at("/staff/customers/:id/progress")]
    CustomerProgress { id: String },
    #[at("/staff/customers/:id/photo")]
    AddPhoto { id: String },
    #[at("/staff/customers/:id/measure")]
    AddMeasurement { id: String },
    /// Log a follow-up from the today list (back to it once saved).
    #[at("/staff/customers/:id/follow-up")]
    LogFollowUp { id: String },
    #[at("/staff/today")]
    Today,
    #[at("/staff/stats")]
    Stats,
    /// Customers by class; the filter is a code such as `lost` or `new-2026-11`.
    #[at("/staff/list/:filter")]
    CustomerList { filter: String },
    /// The purchases (or buyers) behind a sales figure; the filter is a code such as
    /// `2026-11`, `2026-11-buyers` or `2026-11-p-<product name as hex>`.
    #[at("/staff/sales/:filter")]
    SalesList { filter: String },
    #[at("/settings/sync")]
    SyncSetup,
    #[at("/settings/follow-up")]
    FollowUpRules,
    /// Aftercare forms: a new complaint, handling one (ids are random UUIDs), a
    /// return, an adverse reaction.
    #[at("/staff/customers/:id/complaint")]
    NewComplaint { id: String },
    #[at("/staff/customers/:id/complaints/:complaint")]
    HandleComplaint { id: String, complaint: String },
    #[at("/staff/customers/:id/return")]
    NewReturn { id: String },
    #[at("/staff/customers/:id/incident")]
    NewIncident { id: String },
    /// Asking a customer again for the sensitive-information consent (the notice shown
    /// on the tablet, the customer ticks).
    #[at("/staff/customers/:id/consent")]
    ConsentAgain { id: String },
    /// Asking a customer again for a consent given to an older notice (`kind` is
    /// `ConsentKind::code`: personal, sensitive).
    #[at("/staff/customers/:id/consent/:kind")]
    ConsentRenew { id: String, kind: String },
    /// Whose records the retention rule erases on which day (the manager).
    #[at("/settings/retention")]
    Retention,
    #[at("/staff/win-back")]
    WinBack,
    /// Backup and restore of the whole tablet (the manager).
    #[at("/staff/backup")]
    Backup,
    /// The staff list: add, rename, remove (the manager).
    #[at("/staff/team")]
    Team,
    /// Changing one's own PIN (every staff member).
    #[at("/staff/pin")]
    OwnPin,
    /// The appointment book (预约到店表), a day at a time.
    #[at("/staff/appointments")]
    Appointments,
    /// Booking a visit for a customer (from the card).
    #[at("/staff/customers/:id/book")]
    BookVisit { id: String },
    /// 我的顾客: the signed-in staff member's customers (the manager assigns here too).
    #[at("/staff/mine")]
    MyCustomers,
    /// This month's visit plan of each staff member (the manager).
    #[at("/staff/plan")]
    MonthPlan,
    #[not_found]
    #[at("/404")]
    NotFound,
}

impl Route {
    /// The screens a customer uses (home, registration, the self-check). Arriving on
    /// one ends the staff session: the tablet is being handed over.
    pub fn is_customer_side(&self) -> bool {
        matches!(self, Route::Home | Route::Register | Route::SelfCheck | Route::NotFound)
    }
}
