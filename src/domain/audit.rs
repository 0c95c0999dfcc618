//! Who did what to a customer's data, and when: erasures, consent withdrawals, data
//! exports. Kept apart from the customer (an erased customer's entry stays, naming
//! only the customer id), so the store can show what happened and by whom.

use serde::{Deserialize, Serialize};

use super::record::{impl_record, new_id, Meta, Millis, Stamp};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    /// The customer and everything about them deleted from the tablet.
    Erased,
    /// A consent withdrawn (and what it covered deleted).
    ConsentWithdrawn,
    /// A copy of the customer's own data given to them.
    Exported,
    /// A backup of the whole tablet made (`customer_id` empty: it is about everyone).
    BackupMade,
    /// A backup restored onto this tablet (`detail`: merge or replace).
    BackupRestored,
    /// Two records of one person made one: logged on the record kept (`detail`: the
    /// merged record's id) and on the merged one.
    Merged,
    /// Assigned to a staff member or moved to another (`detail`: "from → to" by name).
    Assigned,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: String,
    pub at: Millis,
    pub customer_id: String,
    pub action: AuditAction,
    /// The staff member signed in.
    pub by_staff: String,
    pub store_id: String,
    pub device_id: String,
    /// A detail that names no one (e.g. which consent).
    pub detail: Option<String>,
    /// Where and when it was written, as on every replicated record (entries written
    /// before replication read it empty).
    #[serde(default)]
    pub meta: Meta,
}
impl_record!(AuditEntry, "audit_log");

impl AuditEntry {
    pub fn new(customer_id: &str, action: AuditAction, by_staff: &str, stamp: &Stamp) -> Self {
        AuditEntry {
            id: new_id(),
            at: stamp.now,
            customer_id: customer_id.to_string(),
            action,
            by_staff: by_staff.to_string(),
            store_id: stamp.store_id.clone(),
            device_id: stamp.device_id.clone(),
            detail: None,
            meta: Meta::new(stamp),
        }
    }
}
