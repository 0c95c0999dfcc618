//! The server's address and database name as the manager enters them, checked.
//!
//! `https://` only, except `http://` to this machine (`localhost`, `127.x.x.x`,
//! `[::1]`: a server on the tablet itself or the tests' server); no user name or
//! password inside the address (they are entered apart and never shown), no query or
//! fragment. A path is kept (a CouchDB behind a reverse proxy at `/couch`).

use crate::i18n::{Msg, T};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressError {
    Empty,
    /// Not `http://` or `https://`.
    NotHttp,
    /// `http://` to another machine: passwords and records would cross the network
    /// in clear.
    PlainHttp,
    /// `user:password@` inside the address.
    Credentials,
    /// `?…` or `#…`.
    QueryOrFragment,
    BadHost,
    BadPort,
    /// Not a CouchDB database name: a lowercase letter, then lowercase letters,
    /// digits and `_ $ ( ) + - /`, at most 238 characters.
    BadDatabase,
}

impl AddressError {
    pub fn message(self) -> Msg {
        Msg::from(match self {
            AddressError::Empty => T::SyncAddressEmpty,
            AddressError::NotHttp => T::SyncAddressNotHttp,
            AddressError::PlainHttp => T::SyncAddressPlainHttp,
            AddressError::Credentials => T::SyncAddressCredentials,
            AddressError::QueryOrFragment => T::SyncAddressQuery,
            AddressError::BadHost => T::SyncAddressHost,
            AddressError::BadPort => T::SyncAddressPort,
            AddressError::BadDatabase => T::SyncAddressDatabase,
        })
    }
}

/// The server's base URL, normalised: scheme and host in lowercase, no trailing `/`.
pub fn parse_server(input: &str) -> Result<String, AddressError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(AddressError::Empty);
    }
    let (scheme, rest) = input.split_once("://").ok_or(AddressError::NotHttp)?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return Err(AddressError::NotHttp);
    }
    if rest.contains(['?', '#']) {
        return Err(AddressError::QueryOrFragment);
    }
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].trim_end_matches('/')),
        None => (rest, ""),
    };
    if authority.contains('@') {
        return Err(AddressError::Credentials);
    }
    let (host, port) = split_port(authority)?;
    let host = host.to_ascii_lowercase();
    let ip6 = host.starts_with('[') && host.ends_with(']') && host.len() > 2;
    let valid = if ip6 {
        host[1..host.len() - 1].bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
    } else {
        !host.is_empty()
            && host.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            })
    };
    if !valid {
        return Err(AddressError::BadHost);
    }
    if scheme == "http" && !is_loopback(&host) {
        return Err(AddressError::PlainHttp);
    }
    if path.bytes().any(|b| b <= b' ' || b == b'\\') {
        return Err(AddressError::BadHost);
    }
    let port = port.map(|p| format!(":{p}")).unwrap_or_default();
    Ok(format!("{scheme}://{host}{port}{path}"))
}

fn split_port(authority: &str) -> Result<(&str, Option<u16>), AddressError> {
    // An IPv6 literal holds colons of its own.
    let colon = if authority.starts_with('[') {
        authority.find(']').and_then(|end| authority[end..].find(':').map(|i| end + i))
    } else {
        authority.rfind(':')
    };
    match colon {
        None => Ok((authority, None)),
        Some(i) => {
            let digits = &authority[i + 1..];
            if digits.is_empty() || digits.len() > 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(AddressError::BadPort);
            }
            match digits.parse::<u32>() {
                Ok(p @ 1..=65535) => Ok((&authority[..i], Some(p as u16))),
                _ => Err(AddressError::BadPort),
            }
        }
    }
}

/// `localhost`, `127.0.0.0/8` or `[::1]`.
pub fn is_loopback(host: &str) -> bool {
    if host == "localhost" || host == "[::1]" {
        return true;
    }
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts[0] == "127"
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok_and(|n| n <= 255))
}

/// Checks a CouchDB database name.
pub fn check_database(name: &str) -> Result<(), AddressError> {
    let mut bytes = name.bytes();
    let first_ok = bytes.next().is_some_and(|b| b.is_ascii_lowercase());
    let rest_ok = name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_$()+-/".contains(&b));
    if first_ok && rest_ok && name.len() <= 238 {
        Ok(())
    } else {
        Err(AddressError::BadDatabase)
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters, for a path
/// segment or a query value.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The database's URL under a checked server base (a `/` in the name is encoded, as
/// CouchDB wants).
pub fn database_url(server: &str, database: &str) -> String {
    format!("{server}/{}", encode_component(database))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_normalises_https_addresses() {
        assert_eq!(parse_server(" HTTPS://Couch.Example.com/ ").unwrap(), "https://couch.example.com");
        assert_eq!(parse_server("https://couch.example.com:6984/couch/").unwrap(), "https://couch.example.com:6984/couch");
        assert_eq!(parse_server("https://10.0.0.5").unwrap(), "https://10.0.0.5");
        assert_eq!(parse_server("https://[fd00::1]:6984").unwrap(), "https://[fd00::1]:6984");
    }

    #[test]
    fn plain_http_only_to_this_machine() {
        assert_eq!(parse_server("http://127.0.0.1:5984").unwrap(), "http://127.0.0.1:5984");
        assert_eq!(parse_server("http://localhost:5984").unwrap(), "http://localhost:5984");
        assert_eq!(parse_server("http://[::1]:5984").unwrap(), "http://[::1]:5984");
        assert_eq!(parse_server("http://127.1.2.3").unwrap(), "http://127.1.2.3");
        for far in ["http://couch.example.com", "http://10.0.0.5:5984", "http://127.0.0.1.evil.com", "http://localhost.evil.com", "http://128.0.0.1"] {
            assert_eq!(parse_server(far), Err(AddressError::PlainHttp), "{far}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_plain_server_address() {
        let cases = [
            ("", AddressError::Empty),
            ("couch.example.com", AddressError::NotHttp),
            ("ftp://couch.example.com", AddressError::NotHttp),
            ("https://admin:pw@couch.example.com", AddressError::Credentials),
            ("https://couch.example.com/?a=1", AddressError::QueryOrFragment),
            ("https://couch.example.com#x", AddressError::QueryOrFragment),
            ("https://", AddressError::BadHost),
            ("https://bad_host", AddressError::BadHost),
            ("https://-a.com", AddressError::BadHost),
            ("https://a..com", AddressError::BadHost),
            ("https://a.com/x y", AddressError::BadHost),
            ("https://a.com:0", AddressError::BadPort),
            ("https://a.com:70000", AddressError::BadPort),
            ("https://a.com:", AddressError::BadPort),
            ("https://a.com:8o", AddressError::BadPort),
        ];
        for (input, err) in cases {
            assert_eq!(parse_server(input), Err(err), "{input}");
            assert!(!err.message().get(crate::i18n::Lang::Zh).is_empty() && !err.message().get(crate::i18n::Lang::En).is_empty());
        }
    }

    #[test]
    fn database_names_follow_couchdb() {
        for ok in ["store_a", "chain/store-1", "a", "s$()+-9"] {
            assert_eq!(check_database(ok), Ok(()), "{ok}");
        }
        for bad in ["", "Store", "_users", "1store", "store a", "店"] {
            assert_eq!(check_database(bad), Err(AddressError::BadDatabase), "{bad}");
        }
        assert_eq!(check_database(&"a".repeat(239)), Err(AddressError::BadDatabase));
        assert_eq!(database_url("https://c.example", "chain/store-1"), "https://c.example/chain%2Fstore-1");
    }

    #[test]
    fn encodes_components() {
        assert_eq!(encode_component("customer:ab-1"), "customer%3Aab-1");
        assert_eq!(encode_component("[\"1-a\"]"), "%5B%221-a%22%5D");
        assert_eq!(encode_component("王"), "%E7%8E%8B");
        assert_eq!(encode_component("a.b_c~"), "a.b_c~");
    }
}
