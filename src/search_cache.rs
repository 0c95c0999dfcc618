//! The staff search's in-memory index, shared by the staff pages: loaded from the
//! search rows (packed in pages, `storage::search_pages`) on the first search after sign-in, kept current by every page
//! that changes a customer, and dropped when the staff side locks (names and phone
//! numbers stay in memory only while a staff member is signed in).

use std::cell::RefCell;
use std::rc::Rc;

use crate::domain::search::{Entry, SearchIndex};
use crate::storage::{Db, StorageError};

enum Change {
    Upsert(Entry),
    Remove(String),
}

#[derive(Default)]
enum State {
    #[default]
    Empty,
    /// Rows are being read by the load numbered here; changes made meanwhile wait
    /// here, as the read may or may not have seen them.
    Loading(u64, Vec<Change>),
    Ready(SearchIndex),
}

/// The state, the number of the last load begun (a load that finds the state no
/// longer its own — the staff side locked meanwhile, and maybe a new sign-in began
/// another load — keeps nothing), whether the staff side is locked (then nothing
/// loads, not even for a staff screen's task that was still waiting when it locked),
/// and the tasks waiting for a load in flight, woken when the state leaves `Loading`.
#[derive(Clone, Default)]
pub struct SearchCache(Rc<RefCell<State>>, Rc<std::cell::Cell<u64>>, Rc<std::cell::Cell<bool>>, Rc<RefCell<Vec<std::task::Waker>>>);

impl PartialEq for SearchCache {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl SearchCache {
    /// Loads the index unless it is loaded; while another screen's load is under way,
    /// waits for that one (so nobody searches an index that is not there yet).
    pub async fn load(&self, db: &Db) -> Result<(), StorageError> {
        // Wait for a load in flight (a lock meanwhile empties the state: load anew).
        std::future::poll_fn(|cx| {
            if matches!(*self.0.borrow(), State::Loading(..)) {
                self.3.borrow_mut().push(cx.waker().clone());
                std::task::Poll::Pending
            } else {
                std::task::Poll::Ready(())
            }
        })
        .await;
        if matches!(*self.0.borrow(), State::Ready(_)) || self.2.get() {
            return Ok(());
        }
        let load = self.1.get() + 1;
        self.1.set(load);
        *self.0.borrow_mut() = State::Loading(load, Vec::new());
        let mine = |state: &State| matches!(state, State::Loading(n, _) if *n == load);
        // Indexed part by part as the pages arrive (the browser reads the next part
        // meanwhile).
        let mut index = SearchIndex::default();
        index.begin_load();
        let index = std::cell::RefCell::new(index);
        let read = db.each_search_entry(&mut |entry| index.borrow_mut().insert(entry), &mut |n| index.borrow_mut().reserve(n)).await;
        let mut index = index.into_inner();
        index.end_load();
        if let Err(e) = read {
            if mine(&self.0.borrow()) {
                *self.0.borrow_mut() = State::Empty;
                self.wake();
            }
            return Err(e);
        }
        let mut state = self.0.borrow_mut();
        // Cleared (locked) while loading, and maybe loading again for the next sign-in:
        // this load keeps nothing, and leaves the state to the one that owns it.
        if !mine(&state) {
            return Ok(());
        }
        if let State::Loading(_, changes) = std::mem::take(&mut *state) {
            for change in changes {
                match change {
                    Change::Upsert(entry) => index.insert(entry),
                    Change::Remove(id) => index.remove(&id),
                }
            }
            *state = State::Ready(index);
        }
        drop(state);
        self.wake();
        // Rows changed since their pages were written are read one by one on every
        // load: many of them are folded into their pages now, while staff type.
        let db = db.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let _ = db.fold_search_changes(crate::storage::search_pages::FOLD_AFTER_LOAD).await;
        });
        Ok(())
    }

    /// The state left `Loading`: the tasks waiting for it go on.
    fn wake(&self) {
        let waiting = std::mem::take(&mut *self.3.borrow_mut());
        waiting.into_iter().for_each(std::task::Waker::wake);
    }

    pub fn is_ready(&self) -> bool {
        matches!(*self.0.borrow(), State::Ready(_))
    }

    /// Runs `f` on the index, if loaded.
    pub fn with<R>(&self, f: impl FnOnce(&SearchIndex) -> R) -> Option<R> {
        match &*self.0.borrow() {
            State::Ready(index) => Some(f(index)),
            _ => None,
        }
    }

    fn change(&self, change: Change) {
        match &mut *self.0.borrow_mut() {
            State::Empty => {}
            State::Loading(_, pending) => pending.push(change),
            State::Ready(index) => match change {
                Change::Upsert(entry) => index.insert(entry),
                Change::Remove(id) => index.remove(&id),
            },
        }
    }

    /// A customer (or what hangs off them: a purchase, a follow-up) was saved: the
    /// index takes their summary row as the write made it, so it finds them and
    /// counts them as they are.
    pub fn upsert(&self, entry: Entry) {
        self.change(Change::Upsert(entry));
    }

    /// A customer was deleted.
    pub fn remove(&self, id: &str) {
        self.change(Change::Remove(id.to_string()));
    }

    /// Forgets the index (customers changed under it: a restore, new rules); the
    /// next search loads it again.
    pub fn clear(&self) {
        *self.0.borrow_mut() = State::Empty;
        self.wake();
    }

    /// The staff side locked: the index is forgotten, and nothing loads until
    /// [`unlock`](Self::unlock) (a load asked for meanwhile answers with no index).
    pub fn lock(&self) {
        self.2.set(true);
        self.clear();
    }

    /// A PIN is being checked, or a staff member signed in: loading is allowed again.
    pub fn unlock(&self) {
        self.2.set(false);
    }

    pub fn is_locked(&self) -> bool {
        self.2.get()
    }
}
