//! Replication with the store's CouchDB, the browser side: the HTTP peer ([`http`])
//! and sending documents in requests cut by bytes ([`push`]). The rules are pure, in
//! `domain::replication`.

pub mod engine;
pub mod http;
pub mod push;
