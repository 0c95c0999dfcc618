//! The layout's rules, checked on the source (ARCHITECTURE.md draws them): pages and
//! components never import `app.rs`, never reach the database, never make record ids,
//! never name an IndexedDB index; no page imports another page.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Lines of code (comments left out) of every file under `src/<dir>`.
fn code_lines(dir: &str) -> Vec<(String, usize, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir);
    let files = rust_files(&root);
    assert!(!files.is_empty(), "no source under {}", root.display());
    let mut out = Vec::new();
    for path in files {
        let text = fs::read_to_string(&path).expect("readable source");
        let name = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(&path).display().to_string();
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("").to_string();
            if !code.trim().is_empty() {
                out.push((name.clone(), i + 1, code));
            }
        }
    }
    out
}

/// Where a line holds one of `needles`.
fn offenders(lines: &[(String, usize, String)], needles: &[&str]) -> Vec<String> {
    lines.iter().filter(|(_, _, code)| needles.iter().any(|n| code.contains(n))).map(|(f, n, code)| format!("{f}:{n}: {}", code.trim())).collect()
}

#[test]
fn pages_and_components_keep_to_their_layer() {
    for dir in ["pages", "components"] {
        let lines = code_lines(dir);
        let found = offenders(&lines, &["crate::app::", "ctx.db", ".db.", "new_id(", "Meta::new(", "\"by_customer\"", "\"by_phone\"", "\"by_name_key\"", "\"by_next_due\"", "indexed_db_futures"]);
        assert!(found.is_empty(), "{dir}/ reaches past the actions layer:\n{}", found.join("\n"));
    }
}

#[test]
fn no_page_imports_another_page() {
    let lines = code_lines("pages");
    let found: Vec<String> = lines
        .iter()
        .filter(|(_, _, code)| code.contains("crate::pages::"))
        .map(|(f, n, code)| format!("{f}:{n}: {}", code.trim()))
        .collect();
    assert!(found.is_empty(), "a page imports another page (share it through components/):\n{}", found.join("\n"));
}

#[test]
fn the_rules_can_fail() {
    let sample = vec![("src/pages/x.rs".to_string(), 3, "    let x = ctx.db.get(1);".to_string())];
    assert_eq!(offenders(&sample, &["ctx.db"]).len(), 1);
    assert!(offenders(&sample, &["new_id("]).is_empty());
}
