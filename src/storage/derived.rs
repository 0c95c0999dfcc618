//! What is derived from a customer's records — their search row (name, phone, classes,
//! amount bought, last contact) and their follow-up plan — rewritten in the same
//! transaction as every write that changes them, so neither can disagree with the
//! records. Lists, statistics and the today list read only these.

use std::collections::HashMap;

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};

use super::records::{by_index, err, Setting, APP_SETTINGS_KEY};
use super::schema::*;
use super::{Db, Result};
use crate::clock::local_day;
use crate::domain::plan::{self, Contact, History, Plan};
use crate::domain::search::Entry;
use crate::domain::{AppSettings, Customer, FollowUpEntry, Purchase, ReturnRecord};

/// The stores a transaction that calls [`write_for`] must include.
pub(crate) const STORES: [&str; 8] = [PURCHASES, RETURNS, FOLLOWUPS, SETTINGS, SEARCH_ROWS, PLANS, SEARCH_PAGES, SEARCH_CHANGES];

/// A customer's records the derived rows are made from.
#[derive(Default)]
pub(crate) struct Inputs {
    pub purchases: Vec<Purchase>,
    pub returns: Vec<ReturnRecord>,
    pub log: Vec<FollowUpEntry>,
}

/// The plan and search entry for a customer with these records.
pub(crate) fn derive(customer: &Customer, inputs: &Inputs, settings: &AppSettings) -> (Entry, Plan) {
    let mut log: Vec<&FollowUpEntry> = inputs.log.iter().collect();
    crate::domain::sort::sort_by_key(&mut log, |e| (e.at, e.meta.created_at));
    let contacts: Vec<Contact> =
        log.iter().filter_map(|e| Some(Contact { on: local_day(e.at)?, method: e.method, next_due: e.next_due })).collect();
    let history = History {
        first_visit: customer.first_visit,
        last_visit: customer.last_visit.or(customer.first_visit),
        purchases: &inputs.purchases,
        contacts: &contacts,
    };
    let plan = plan::plan(&customer.id, &history, &settings.store.follow_up_rules, &settings.store.products);
    let entry = crate::domain::search::entry_for(customer, crate::domain::care::net_bought_fen(&inputs.purchases, &inputs.returns), plan.last_contact);
    (entry, plan)
}

/// Writes both rows inside the caller's transaction (which includes [`STORES`]) and
/// returns the summary row written, for what the app keeps in memory.
pub(crate) fn put(tx: &Transaction<'_>, customer: &Customer, inputs: &Inputs, settings: &AppSettings) -> Result<Entry> {
    let (entry, row) = put_rows(tx, customer, inputs, settings)?;
    super::search_pages::changed(tx, &customer.id, &row)?;
    Ok(entry)
}

/// Writes both rows, not yet into the search pages; returns the summary row and its
/// line.
fn put_rows(tx: &Transaction<'_>, customer: &Customer, inputs: &Inputs, settings: &AppSettings) -> Result<(Entry, String)> {
    let (entry, plan) = derive(customer, inputs, settings);
    let row = entry.to_row();
    tx.object_store(SEARCH_ROWS).map_err(err)?.put(row.as_str()).with_key(customer.id.as_str()).primitive().map_err(err)?;
    tx.object_store(PLANS).map_err(err)?.put(&plan).serde().map_err(err)?;
    Ok((entry, row))
}

/// This tablet's settings, read inside the caller's transaction.
pub(crate) async fn settings_in(tx: &Transaction<'_>) -> Result<AppSettings> {
    let row: Option<Setting<AppSettings>> =
        tx.object_store(SETTINGS).map_err(err)?.get(APP_SETTINGS_KEY).serde().map_err(err)?.await.map_err(err)?;
    Ok(row.map(|r| r.value).unwrap_or_default())
}

/// Reads the customer's records inside the caller's transaction (so writes made
/// earlier in it count), rewrites both rows and returns the summary row.
pub(crate) async fn write_for(tx: &Transaction<'_>, customer: &Customer) -> Result<Entry> {
    let id = customer.id.as_str();
    let inputs = Inputs {
        purchases: by_index(&tx.object_store(PURCHASES).map_err(err)?, "by_customer", id).await?,
        returns: by_index(&tx.object_store(RETURNS).map_err(err)?, "by_customer", id).await?,
        log: by_index(&tx.object_store(FOLLOWUPS).map_err(err)?, "by_customer", id).await?,
    };
    let settings = settings_in(tx).await?;
    put(tx, customer, &inputs, &settings)
}

async fn all<R: serde::de::DeserializeOwned>(tx: &Transaction<'_>, store: &str) -> Result<Vec<R>> {
    let found = tx.object_store(store).map_err(err)?.get_all::<R>().serde().map_err(err)?.await.map_err(err)?;
    found.collect::<indexed_db_futures::Result<Vec<R>>>().map_err(err)
}

fn by_customer<R>(records: Vec<R>, customer_id: impl Fn(&R) -> &str) -> HashMap<String, Vec<R>> {
    let mut out: HashMap<String, Vec<R>> = HashMap::new();
    for r in records {
        out.entry(customer_id(&r).to_string()).or_default().push(r);
    }
    out
}

/// Rewrites every customer's rows inside the caller's transaction (which includes
/// `customers` and [`STORES`]). Returns how many customers.
pub(crate) async fn rebuild_in(tx: &Transaction<'_>) -> Result<usize> {
    let settings = settings_in(tx).await?;
    let mut purchases = by_customer(all::<Purchase>(tx, PURCHASES).await?, |p| &p.customer_id);
    let mut returns = by_customer(all::<ReturnRecord>(tx, RETURNS).await?, |r| &r.customer_id);
    let mut log = by_customer(all::<FollowUpEntry>(tx, FOLLOWUPS).await?, |e| &e.customer_id);
    let customers: Vec<Customer> = all(tx, CUSTOMERS).await?;
    let mut rows = Vec::with_capacity(customers.len());
    for customer in &customers {
        let inputs = Inputs {
            purchases: purchases.remove(&customer.id).unwrap_or_default(),
            returns: returns.remove(&customer.id).unwrap_or_default(),
            log: log.remove(&customer.id).unwrap_or_default(),
        };
        rows.push(put_rows(tx, customer, &inputs, &settings)?.1);
    }
    // Every row is new: every search page too.
    super::search_pages::write_all(tx, rows.iter().map(String::as_str))?;
    Ok(customers.len())
}

/// Rewrites every customer's rows in one transaction (a data migration, changed rules
/// or products). Returns how many customers.
pub(crate) async fn rebuild_all(db: &Db, data_step: Option<u32>) -> Result<usize> {
    let mut stores = vec![CUSTOMERS];
    stores.extend(STORES);
    let tx = db.tx(stores.as_slice(), TransactionMode::Readwrite)?;
    let count = rebuild_in(&tx).await?;
    if let Some(step) = data_step {
        super::records::put_data_version(&tx, step)?;
    }
    super::records::commit(tx).await?;
    Ok(count)
}

impl Db {
    /// Rewrites every customer's search row and follow-up plan (after seeding or a
    /// bulk write). Returns how many customers.
    pub async fn rebuild_plans(&self) -> Result<usize> {
        rebuild_all(self, None).await
    }

    /// Saves changed rules, products or class thresholds and rewrites every
    /// customer's plan and summary row with them, in one transaction.
    pub async fn save_rules(&self, settings: &AppSettings) -> Result<usize> {
        let mut stores = vec![CUSTOMERS, DOCS];
        stores.extend(STORES);
        let tx = self.tx(stores.as_slice(), TransactionMode::Readwrite)?;
        super::records::put_settings_in(&tx, settings).await?;
        let count = rebuild_in(&tx).await?;
        super::records::commit(tx).await?;
        Ok(count)
    }

    /// Plans with something due on or before `day`, earliest first.
    pub async fn plans_due_by(&self, day: chrono::NaiveDate) -> Result<Vec<Plan>> {
        let tx = self.raw().transaction(PLANS).with_mode(TransactionMode::Readonly).build().map_err(err)?;
        let store = tx.object_store(PLANS).map_err(err)?;
        let upper = day.format("%Y-%m-%d").to_string();
        let range = indexed_db_futures::KeyRange::UpperBound(upper.as_str(), false);
        let found = store.index("by_next_due").map_err(err)?.get_all::<Plan>().with_query::<&str, _>(range).serde().map_err(err)?.await.map_err(err)?;
        found.collect::<indexed_db_futures::Result<Vec<Plan>>>().map_err(err)
    }

    /// One customer's plan, if written.
    pub async fn plan_of(&self, customer_id: &str) -> Result<Option<Plan>> {
        let tx = self.raw().transaction(PLANS).with_mode(TransactionMode::Readonly).build().map_err(err)?;
        tx.object_store(PLANS).map_err(err)?.get(customer_id).serde().map_err(err)?.await.map_err(err)
    }
}
