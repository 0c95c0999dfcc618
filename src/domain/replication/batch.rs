//! Cutting what is sent into requests by bytes as well as by count, and what to do when
//! the server still finds a request too large.
//!
//! Documents go to `_bulk_docs` in order (the order of the local changes feed), so the
//! checkpoint can move to the last document of every accepted request. A request holds
//! at most [`Limits::max_docs`] documents and [`Limits::max_bytes`] bytes of body,
//! except that one document larger than that goes alone. An HTTP 413 sends the first
//! half of the same documents again, and for the rest of the run no request holds more
//! documents than that half or as many bytes as the refused one; a single document refused as too large is set aside as failed and
//! the rest go on. Photos never ride in these requests: their documents go one by one
//! with the image bytes streamed (see `sync::http`).

use std::ops::Range;

/// The bytes `{"new_edits":false,"docs":[` … `]}` adds around the documents.
pub const BULK_DOCS_ENVELOPE: usize = r#"{"new_edits":false,"docs":[]}"#.len();

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub max_docs: usize,
    pub max_bytes: usize,
}

impl Default for Limits {
    /// 100 documents or 1 MiB: far below CouchDB 3's defaults (`max_document_size`
    /// 8 MB, `max_http_request_size` 4 GB), small enough for a slow shop connection.
    fn default() -> Self {
        Self { max_docs: 100, max_bytes: 1 << 20 }
    }
}

/// The bytes of a `_bulk_docs` body holding documents of these sizes.
pub fn body_bytes(doc_sizes: &[usize]) -> usize {
    BULK_DOCS_ENVELOPE + doc_sizes.iter().sum::<usize>() + doc_sizes.len().saturating_sub(1)
}

/// What the sender does after a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The server took the request (per-document errors are the caller's to read).
    Accepted,
    /// HTTP 413.
    TooLarge,
}

/// The queue of one run's documents, by their serialised sizes.
#[derive(Clone, Debug)]
pub struct Batcher {
    sizes: Vec<usize>,
    /// The first document not yet accepted or set aside.
    next: usize,
    limits: Limits,
    /// Documents refused alone as too large, by index.
    too_large: Vec<usize>,
    /// 413s met in this run.
    pub halvings: u32,
}

impl Batcher {
    pub fn new(doc_sizes: Vec<usize>, limits: Limits) -> Self {
        let limits = Limits { max_docs: limits.max_docs.max(1), max_bytes: limits.max_bytes.max(1) };
        Self { sizes: doc_sizes, next: 0, limits, too_large: vec![], halvings: 0 }
    }

    /// The limits now in force (lowered by 413s).
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The documents (as indexes into the sizes given) of the next request, or `None`
    /// when all are done.
    pub fn current(&self) -> Option<Range<usize>> {
        if self.next >= self.sizes.len() {
            return None;
        }
        let mut end = self.next + 1;
        let mut bytes = body_bytes(&self.sizes[self.next..end]);
        while end < self.sizes.len() && end - self.next < self.limits.max_docs {
            let more = bytes + 1 + self.sizes[end];
            if more > self.limits.max_bytes {
                break;
            }
            bytes = more;
            end += 1;
        }
        Some(self.next..end)
    }

    /// Records what the server did with [`Batcher::current`].
    pub fn record(&mut self, outcome: Outcome) {
        let Some(range) = self.current() else { return };
        match outcome {
            Outcome::Accepted => self.next = range.end,
            Outcome::TooLarge => {
                self.halvings += 1;
                let n = range.len();
                if n == 1 {
                    // Alone and still too large: it can never go; the rest can.
                    self.too_large.push(range.start);
                    self.next = range.end;
                    // Its size says nothing about the others' limit.
                } else {
                    // The next request is the first half; nothing as large as the
                    // refused body is tried again in this run.
                    let bytes = body_bytes(&self.sizes[range]);
                    self.limits.max_docs = n.div_ceil(2).min(self.limits.max_docs);
                    self.limits.max_bytes = (bytes - 1).max(1).min(self.limits.max_bytes);
                }
            }
        }
    }

    /// How many documents are accepted (a prefix of the queue, skipping those set aside).
    pub fn done(&self) -> usize {
        self.next
    }

    /// Documents the server refused even alone.
    pub fn too_large(&self) -> &[usize] {
        &self.too_large
    }
}

/// Splits `n` items into chunks of at most `size` (for `_bulk_get` and `_revs_diff`
/// requests, whose bodies are lists of ids and revisions).
pub fn chunks(n: usize, size: usize) -> impl Iterator<Item = Range<usize>> {
    let size = size.max(1);
    (0..n.div_ceil(size)).map(move |i| i * size..((i + 1) * size).min(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drain(b: &mut Batcher, server_limit: usize) -> Vec<(Range<usize>, Outcome)> {
        let mut log = vec![];
        while let Some(r) = b.current() {
            let bytes = body_bytes(&b.sizes[r.clone()]);
            let outcome = if bytes > server_limit { Outcome::TooLarge } else { Outcome::Accepted };
            log.push((r, outcome.clone()));
            b.record(outcome);
            assert!(log.len() < 10_000, "never ends");
        }
        log
    }

    #[test]
    fn batches_are_cut_by_count_and_by_bytes() {
        let b = Batcher::new(vec![10; 7], Limits { max_docs: 3, max_bytes: 10_000 });
        assert_eq!(b.current(), Some(0..3));
        // 28 bytes of envelope, 10 per document, 1 per comma.
        assert_eq!(body_bytes(&[10, 10]), BULK_DOCS_ENVELOPE + 21);
        let limit = BULK_DOCS_ENVELOPE + 10 + 1 + 10;
        let mut b = Batcher::new(vec![10; 5], Limits { max_docs: 100, max_bytes: limit });
        assert_eq!(b.current(), Some(0..2));
        b.record(Outcome::Accepted);
        assert_eq!(b.current(), Some(2..4));
        b.record(Outcome::Accepted);
        assert_eq!(b.current(), Some(4..5));
        b.record(Outcome::Accepted);
        assert_eq!(b.current(), None);
        assert_eq!(b.done(), 5);
    }

    #[test]
    fn a_document_larger_than_the_limit_goes_alone() {
        let b = Batcher::new(vec![5_000, 10, 10], Limits { max_docs: 100, max_bytes: 1_000 });
        assert_eq!(b.current(), Some(0..1));
        let mut b = Batcher::new(vec![10, 5_000, 10], Limits { max_docs: 100, max_bytes: 1_000 });
        assert_eq!(b.current(), Some(0..1));
        b.record(Outcome::Accepted);
        assert_eq!(b.current(), Some(1..2));
        b.record(Outcome::Accepted);
        assert_eq!(b.current(), Some(2..3));
    }

    #[test]
    fn a_413_halves_the_request_until_it_passes_and_the_limit_stays_low() {
        // 40 documents of 1,000 bytes; the server takes at most 10,000 bytes.
        let mut b = Batcher::new(vec![1_000; 40], Limits::default());
        let log = drain(&mut b, 10_000);
        assert_eq!(log[0], (0..40, Outcome::TooLarge));
        assert_eq!(log[1], (0..20, Outcome::TooLarge));
        assert_eq!(log[2], (0..10, Outcome::TooLarge));
        assert_eq!(log[3], (0..5, Outcome::Accepted));
        // The lowered limit holds for the rest: no more 413s.
        assert!(log[4..].iter().all(|(r, o)| *o == Outcome::Accepted && r.len() <= 5));
        assert_eq!(b.halvings, 3);
        assert_eq!(b.done(), 40);
        assert!(b.too_large().is_empty());
        // Every document was accepted exactly once, in order.
        let accepted: Vec<usize> = log.iter().filter(|(_, o)| *o == Outcome::Accepted).flat_map(|(r, _)| r.clone()).collect();
        assert_eq!(accepted, (0..40).collect::<Vec<_>>());
    }

    #[test]
    fn a_document_too_large_even_alone_is_set_aside_and_the_rest_go() {
        let mut b = Batcher::new(vec![100, 100, 50_000, 100], Limits::default());
        let log = drain(&mut b, 10_000);
        assert_eq!(b.too_large(), &[2]);
        let accepted: Vec<usize> = log.iter().filter(|(_, o)| *o == Outcome::Accepted).flat_map(|(r, _)| r.clone()).collect();
        assert_eq!(accepted, vec![0, 1, 3]);
        assert_eq!(b.done(), 4);
    }

    #[test]
    fn chunks_cover_everything_once() {
        assert_eq!(chunks(5, 2).collect::<Vec<_>>(), vec![0..2, 2..4, 4..5]);
        assert_eq!(chunks(0, 2).count(), 0);
        assert_eq!(chunks(3, 0).collect::<Vec<_>>(), vec![0..1, 1..2, 2..3]);
    }
}
