//! The staff search's rows packed for a fast load (schema v9). `search_rows` keeps one
//! line per customer, and reading 100,000 records costs IndexedDB more than the
//! bytes do; so the same lines are also kept in [`PAGES`] pages (`search_pages`, each
//! one record: the UTF-8 lines of the customers whose id falls in it, `\n` between)
//! and the search loads a few hundred records instead of one per customer.
//!
//! Nothing in them is stale, by the same rule as every derived row: each write of a
//! search row writes, in its transaction,
//! - a changed row: the row again into `search_changes` (keyed by customer id) — a
//!   blind put, cheap for any write; the load takes it over the page's line;
//! - a removed row (erasure, merge, a deletion received): the customer's line out of
//!   their page and their change out of `search_changes` at once, so nothing of them
//!   stays in either;
//! - every row rewritten (rules, restore, the data steps): every page anew.
//!
//! Changes are folded into their pages (one transaction over both stores) by bulk
//! writes once many are waiting, and after a sign-in's load. Until the pages are built
//! (the marker record [`BUILT`] says they are), the load reads `search_rows` and builds
//! them.

use std::collections::{HashMap, HashSet};

use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use super::records::{commit, err, in_tx};
use super::schema::{SEARCH_CHANGES, SEARCH_PAGES, SEARCH_ROWS};
use super::{Db, Result, StorageError};
use crate::domain::search::Entry;

/// How many pages: at 100,000 customers about 400 rows (40 KB) each. Fixed: a
/// customer's page is worked out from their id ([`page_of`]).
pub const PAGES: u32 = 256;
/// The key of the record that says the pages are built, and its value.
const BUILT: &str = "built";
const FORMAT: &str = "search-pages 1";
/// Changes a bulk write leaves waiting before it folds them into the pages.
pub(crate) const FOLD_BULK: u32 = 4_096;
/// Changes a sign-in's load leaves waiting before it has them folded.
pub const FOLD_AFTER_LOAD: u32 = 128;

/// The page of a customer's line (FNV-1a of the id: fixed forever, as pages are
/// stored by it).
pub fn page_of(id: &str) -> u32 {
    let hash = id.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    hash % PAGES
}

/// The customer id a row starts with.
fn id_in(row: &str) -> &str {
    &row[..row.find('\t').unwrap_or(row.len())]
}

/// The customer id a line starts with.
fn id_of(line: &[u8]) -> &[u8] {
    let end = line.iter().position(|b| *b == b'\t').unwrap_or(line.len());
    &line[..end]
}

/// A request's result, to wait for. Its handlers are set at once (not when first
/// awaited), so requests made together may be awaited in turn.
fn done(request: web_sys::IdbRequest) -> impl std::future::Future<Output = Result<JsValue>> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    async move {
        if wasm_bindgen_futures::JsFuture::from(promise).await.is_err() {
            return Err(match request.error() {
                Ok(Some(dom)) => StorageError::from_dom_name(&dom.name(), dom.message()),
                _ => StorageError::Other("search pages: a request failed".into()),
            });
        }
        request.result().map_err(StorageError::from_js)
    }
}

fn store(tx: &Transaction<'_>, name: &str) -> Result<web_sys::IdbObjectStore> {
    Ok(tx.object_store(name).map_err(err)?.as_sys().clone())
}

/// Whether the transaction covers the pages (a database still at an older version,
/// which only a migration's tests hold open, has none: its rows are paged by the v9
/// data step). A write of search rows in a transaction without the pages of a
/// database that has them would leave them stale: refused.
fn paged(tx: &Transaction<'_>) -> Result<bool> {
    if in_tx(tx, SEARCH_PAGES) && in_tx(tx, SEARCH_CHANGES) {
        return Ok(true);
    }
    let raw: web_sys::IdbTransaction = tx.as_sys().clone().unchecked_into();
    if raw.db().object_store_names().contains(SEARCH_PAGES) {
        return Err(StorageError::Other("a search row written without its search pages".into()));
    }
    Ok(false)
}

/// A customer's search row was written as `row`: the load takes it over the page's.
pub(crate) fn changed(tx: &Transaction<'_>, id: &str, row: &str) -> Result<()> {
    if paged(tx)? {
        store(tx, SEARCH_CHANGES)?.put_with_key(&JsValue::from_str(row), &JsValue::from_str(id)).map_err(StorageError::from_js)?;
    }
    Ok(())
}

/// A customer's search row was deleted: their line leaves their page, and their
/// change goes, now.
pub(crate) async fn removed(tx: &Transaction<'_>, id: &str) -> Result<()> {
    if !paged(tx)? {
        return Ok(());
    }
    store(tx, SEARCH_CHANGES)?.delete(&JsValue::from_str(id)).map_err(StorageError::from_js)?;
    let pages = store(tx, SEARCH_PAGES)?;
    let key = JsValue::from(page_of(id));
    let Some(page) = page_bytes(&done(pages.get(&key).map_err(StorageError::from_js)?).await?) else { return Ok(()) };
    let kept = rewrite(&page, &HashSet::from([id.as_bytes()]), std::iter::empty());
    if kept.len() != page.len() {
        pages.put_with_key(&Uint8Array::from(kept.as_slice()), &key).map_err(StorageError::from_js)?;
    }
    Ok(())
}

fn page_bytes(value: &JsValue) -> Option<Vec<u8>> {
    value.dyn_ref::<Uint8Array>().map(Uint8Array::to_vec)
}

/// A page's lines but those of `drop`, then `add`.
fn rewrite<'a>(page: &[u8], drop: &HashSet<&[u8]>, add: impl Iterator<Item = &'a str>) -> Vec<u8> {
    let mut out = Vec::with_capacity(page.len());
    let mut push = |line: &[u8]| {
        if !out.is_empty() {
            out.push(b'\n');
        }
        out.extend_from_slice(line);
    };
    for line in page.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        if !drop.contains(id_of(line)) {
            push(line);
        }
    }
    for row in add {
        push(row.as_bytes());
    }
    out
}

/// Writes every page anew from these rows (every customer's), inside the caller's
/// transaction; no change waits afterwards.
pub(crate) fn write_all<'a>(tx: &Transaction<'_>, rows: impl Iterator<Item = &'a str>) -> Result<()> {
    if !paged(tx)? {
        return Ok(());
    }
    let mut pages: Vec<Vec<u8>> = vec![Vec::new(); PAGES as usize];
    for row in rows.filter(|r| !r.is_empty()) {
        let page = &mut pages[page_of(id_in(row)) as usize];
        if !page.is_empty() {
            page.push(b'\n');
        }
        page.extend_from_slice(row.as_bytes());
    }
    let store = store(tx, SEARCH_PAGES)?;
    store.clear().map_err(StorageError::from_js)?;
    for (k, page) in pages.iter().enumerate().filter(|(_, p)| !p.is_empty()) {
        store.put_with_key(&Uint8Array::from(page.as_slice()), &JsValue::from(k as u32)).map_err(StorageError::from_js)?;
    }
    store.put_with_key(&JsValue::from_str(FORMAT), &JsValue::from_str(BUILT)).map_err(StorageError::from_js)?;
    self::store(tx, SEARCH_CHANGES)?.clear().map_err(StorageError::from_js)?;
    Ok(())
}

/// Every row of `search_rows`, as stored.
async fn all_rows(tx: &Transaction<'_>) -> Result<Vec<String>> {
    let rows: Array = done(store(tx, SEARCH_ROWS)?.get_all().map_err(StorageError::from_js)?).await?.unchecked_into();
    // The rows cross into Rust as one string: 100,000 one by one take longer.
    let joined = String::from(rows.join("\n"));
    Ok(joined.split('\n').filter(|r| !r.is_empty()).map(str::to_string).collect())
}

/// Builds the pages from `search_rows` (the v9 data step, and a load that finds them
/// not built). Returns the rows.
pub(crate) async fn build(db: &Db, data_step: Option<u32>) -> Result<Vec<String>> {
    let tx = db.tx(&[SEARCH_ROWS, SEARCH_PAGES, SEARCH_CHANGES, super::schema::SETTINGS], TransactionMode::Readwrite)?;
    let rows = all_rows(&tx).await?;
    write_all(&tx, rows.iter().map(String::as_str))?;
    if let Some(step) = data_step {
        super::records::put_data_version(&tx, step)?;
    }
    commit(tx).await?;
    Ok(rows)
}

/// Folds the waiting changes into their pages inside the caller's transaction, if at
/// least `at_least` wait (and the pages are built). Returns how many were folded.
pub(crate) async fn fold_in(tx: &Transaction<'_>, at_least: u32) -> Result<u32> {
    if !paged(tx)? {
        return Ok(0);
    }
    let changes = store(tx, SEARCH_CHANGES)?;
    let waiting = done(changes.count().map_err(StorageError::from_js)?).await?.as_f64().unwrap_or(0.0) as u32;
    if waiting == 0 || waiting < at_least {
        return Ok(0);
    }
    let pages = store(tx, SEARCH_PAGES)?;
    let built = done(pages.get(&JsValue::from_str(BUILT)).map_err(StorageError::from_js)?).await?;
    if built.as_string().as_deref() != Some(FORMAT) {
        return Ok(0);
    }
    let rows: Array = done(changes.get_all().map_err(StorageError::from_js)?).await?.unchecked_into();
    let rows: Vec<String> = rows.iter().filter_map(|r| r.as_string()).collect();
    let mut by_page: HashMap<u32, Vec<&str>> = HashMap::new();
    for row in &rows {
        by_page.entry(page_of(id_in(row))).or_default().push(row);
    }
    for (k, rows) in by_page {
        let key = JsValue::from(k);
        let page = page_bytes(&done(pages.get(&key).map_err(StorageError::from_js)?).await?).unwrap_or_default();
        let drop: HashSet<&[u8]> = rows.iter().map(|r| id_of(r.as_bytes())).collect();
        let page = rewrite(&page, &drop, rows.into_iter());
        pages.put_with_key(&Uint8Array::from(page.as_slice()), &key).map_err(StorageError::from_js)?;
    }
    changes.clear().map_err(StorageError::from_js)?;
    Ok(waiting)
}

/// The pages are read in this many requests, made at once: the browser reads the
/// next while the last is parsed and indexed.
const CHUNKS: u32 = 16;

/// Every customer's entry handed to `each`, chunk of pages by chunk as they arrive
/// (one transaction: what they hold is one moment's), a waiting change over its
/// page's line; then `Ok(n)`, how many. `None` if the pages are not built (nothing
/// was handed over). A line that cannot be read is skipped.
async fn read_each(db: &Db, each: &mut dyn FnMut(Entry), expect: &mut dyn FnMut(usize)) -> Result<Option<usize>> {
    let tx = db.tx(&[SEARCH_PAGES, SEARCH_CHANGES], TransactionMode::Readonly)?;
    if !paged(&tx)? {
        return Ok(None);
    }
    let pages = store(&tx, SEARCH_PAGES)?;
    let built = done(pages.get(&JsValue::from_str(BUILT)).map_err(StorageError::from_js)?);
    let changes = done(store(&tx, SEARCH_CHANGES)?.get_all().map_err(StorageError::from_js)?);
    let per = PAGES / CHUNKS;
    let chunks = (0..CHUNKS)
        .map(|k| {
            let range = web_sys::IdbKeyRange::bound(&JsValue::from(k * per), &JsValue::from(k * per + per - 1)).map_err(StorageError::from_js)?;
            Ok(done(pages.get_all_with_key(&range).map_err(StorageError::from_js)?))
        })
        .collect::<Result<Vec<_>>>()?;
    // `tx` lives until every request is read (dropped, it would abort them).
    if built.await?.as_string().as_deref() != Some(FORMAT) {
        return Ok(None);
    }
    let changes: Array = changes.await?.unchecked_into();
    let changes: Vec<String> = changes.iter().filter_map(|r| r.as_string()).collect();
    let changed: HashSet<&[u8]> = changes.iter().map(|r| id_of(r.as_bytes())).collect();
    let mut count = 0;
    let mut bytes = Vec::new();
    for (k, chunk) in chunks.into_iter().enumerate() {
        let chunk: Array = chunk.await?.unchecked_into();
        // One copy out of the browser per page, into one buffer.
        bytes.clear();
        for page in chunk.iter() {
            if let Some(page) = page.dyn_ref::<Uint8Array>() {
                let start = bytes.len();
                bytes.resize(start + page.length() as usize + 1, b'\n');
                page.copy_to(&mut bytes[start..start + page.length() as usize]);
            }
        }
        if k == 0 {
            // About as many in every chunk (pages are by a hash of the id).
            let lines = bytes.iter().filter(|b| **b == b'\n').count();
            expect(lines * CHUNKS as usize + changes.len());
        }
        for line in String::from_utf8_lossy(&bytes).split('\n') {
            if line.is_empty() || (!changed.is_empty() && changed.contains(id_of(line.as_bytes()))) {
                continue;
            }
            if let Some(entry) = Entry::from_row(line) {
                each(entry);
                count += 1;
            }
        }
    }
    drop(tx);
    for entry in changes.iter().filter_map(|r| Entry::from_row(r)) {
        each(entry);
        count += 1;
    }
    Ok(Some(count))
}

impl Db {
    /// What the staff search needs of every customer, from the pages (built from
    /// `search_rows` first if they are not). A line that cannot be read is skipped
    /// (the customer record itself is intact, and saving it again rewrites the line).
    pub async fn search_entries(&self) -> Result<Vec<Entry>> {
        let mut out = Vec::new();
        self.each_search_entry(&mut |entry| out.push(entry), &mut |_| {}).await?;
        Ok(out)
    }

    /// [`search_entries`](Self::search_entries) handed to `each` as the pages arrive:
    /// the search indexes one part while the browser reads the next. `expect` is
    /// told early about how many there are.
    pub async fn each_search_entry(&self, each: &mut dyn FnMut(Entry), expect: &mut dyn FnMut(usize)) -> Result<usize> {
        if let Some(count) = read_each(self, each, expect).await? {
            return Ok(count);
        }
        let rows = build(self, None).await?;
        expect(rows.len());
        let mut count = 0;
        for entry in rows.iter().filter_map(|r| Entry::from_row(r)) {
            each(entry);
            count += 1;
        }
        Ok(count)
    }

    /// What the staff search needs of every customer, read from `search_rows` one
    /// record each (as before the pages; the benchmark compares them).
    pub async fn search_entries_from_rows(&self) -> Result<Vec<Entry>> {
        let tx = self.tx(&[SEARCH_ROWS], TransactionMode::Readonly)?;
        let rows = all_rows(&tx).await?;
        drop(tx);
        Ok(rows.iter().filter_map(|r| Entry::from_row(r)).collect())
    }

    /// What the search pages and the changes beside them hold, as text (tests: that
    /// nothing of an erased customer stays in them).
    pub async fn search_pages_text(&self) -> Result<String> {
        let tx = self.tx(&[SEARCH_PAGES, SEARCH_CHANGES], TransactionMode::Readonly)?;
        if !paged(&tx)? {
            return Ok(String::new());
        }
        let pages = done(store(&tx, SEARCH_PAGES)?.get_all().map_err(StorageError::from_js)?);
        let changes = done(store(&tx, SEARCH_CHANGES)?.get_all().map_err(StorageError::from_js)?);
        let (pages, changes): (Array, Array) = (pages.await?.unchecked_into(), changes.await?.unchecked_into());
        let mut text = String::new();
        for value in pages.iter().chain(changes.iter()) {
            let line = match value.dyn_ref::<Uint8Array>() {
                Some(page) => String::from_utf8_lossy(&page.to_vec()).into_owned(),
                None => value.as_string().filter(|s| s != FORMAT).unwrap_or_default(),
            };
            text.push('\n');
            text.push_str(&line);
        }
        Ok(text)
    }

    /// How many row changes wait to be folded into the pages.
    pub async fn search_changes_waiting(&self) -> Result<u32> {
        let tx = self.tx(&[SEARCH_CHANGES], TransactionMode::Readonly)?;
        if !in_tx(&tx, SEARCH_CHANGES) {
            return Ok(0);
        }
        Ok(done(store(&tx, SEARCH_CHANGES)?.count().map_err(StorageError::from_js)?).await?.as_f64().unwrap_or(0.0) as u32)
    }

    /// Folds the waiting row changes into their pages if at least `at_least` wait.
    /// Returns how many were folded.
    pub async fn fold_search_changes(&self, at_least: u32) -> Result<u32> {
        let tx = self.tx(&[SEARCH_PAGES, SEARCH_CHANGES], TransactionMode::Readwrite)?;
        let folded = fold_in(&tx, at_least).await?;
        commit(tx).await?;
        Ok(folded)
    }
}
