//! Keeps the catalogue the only home of user text: a test reads every `src/**/*.rs`
//! and fails on a string literal holding Chinese (Han characters or Chinese
//! punctuation such as `：` `，` `（`) outside `src/i18n/` and the versioned consent
//! notices, whose exact wording is hashed. Comments, char literals and test code
//! (`#[cfg(test)]` items and the files of `#[cfg(test)] mod x;`) are not read: test
//! fixtures need Chinese names. Data that is not text people read is allowed by name
//! in [`NOT_USER_TEXT`].

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Paths under `src/` whose literals may hold Chinese.
const ALLOWED_PATHS: &[&str] = &["i18n/", "domain/notices.rs"];

/// Items (`const` / `static` by name) that hold Chinese data, not text: (file under
/// `src/`, item name, why).
const NOT_USER_TEXT: &[(&str, &str, &str)] = &[(
    "domain/customer.rs",
    "COMPOUND_SURNAMES",
    "复姓 that take two characters, to find a surname for the salutation; never shown",
)];

/// Han ideographs, CJK punctuation, and the full-width punctuation Chinese text uses.
/// (Full-width ＋ － ＝ are symbols on buttons, the same in both languages.)
pub(crate) fn is_chinese(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
        || matches!(c, '！' | '（' | '）' | '，' | '：' | '；' | '？')
}

/// One finding: `path:line: "literal"`.
pub(crate) fn scan_tree(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    collect(src, &mut files);
    files.sort();
    let mut test_only: HashSet<PathBuf> = HashSet::new();
    let mut found = Vec::new();
    // Every file first, for its `#[cfg(test)] mod x;`: those files are test code.
    let scanned: Vec<(PathBuf, Scan)> = files
        .iter()
        .map(|path| {
            let rel = path.strip_prefix(src).unwrap_or(path).to_string_lossy().replace('\\', "/");
            let allowed_items: Vec<&str> = NOT_USER_TEXT.iter().filter(|(f, _, _)| *f == rel).map(|(_, item, _)| *item).collect();
            let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path.clone(), scan_source(&text, &allowed_items))
        })
        .collect();
    for (path, scan) in &scanned {
        for module in &scan.test_modules {
            test_only.extend(module_files(path, module));
        }
    }
    for (path, scan) in scanned {
        let rel = path.strip_prefix(src).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        if ALLOWED_PATHS.iter().any(|a| rel.starts_with(a)) || test_only.contains(&path) {
            continue;
        }
        found.extend(scan.chinese.into_iter().map(|(line, lit)| format!("src/{rel}:{line}: {lit:?}")));
    }
    found
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Where `mod name;` declared in `file` lives.
fn module_files(file: &Path, name: &str) -> [PathBuf; 2] {
    let dir = file.parent().unwrap_or(Path::new("."));
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let base = if matches!(stem, "mod" | "lib" | "main") { dir.to_path_buf() } else { dir.join(stem) };
    [base.join(format!("{name}.rs")), base.join(name).join("mod.rs")]
}

#[derive(Debug, Default, PartialEq)]
pub(crate) struct Scan {
    /// (line, decoded literal) of each string literal holding Chinese.
    pub chinese: Vec<(usize, String)>,
    /// Modules declared `#[cfg(test)] mod name;` (their files are test code).
    pub test_modules: Vec<String>,
}

/// Reads one file's tokens, as much of Rust as finding string literals needs: comments,
/// strings (with escapes), raw strings, char literals and lifetimes, brackets.
pub(crate) fn scan_source(text: &str, allowed_items: &[&str]) -> Scan {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Scan::default();
    let mut i = 0;
    let mut line = 1;
    // While skipping an item: the bracket depth it started at, and whether it has
    // opened its braces yet.
    let mut skip: Option<(i32, bool)> = None;
    let mut depth: i32 = 0;
    let mut words: Vec<String> = Vec::new();
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut nest = 0;
            while i < chars.len() {
                if chars[i] == '/' && at(i + 1) == '*' {
                    nest += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    nest -= 1;
                    i += 2;
                    if nest == 0 {
                        break;
                    }
                } else {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
            }
        } else if c == '"' || ((c == 'r' || c == 'b') && starts_string(&chars, i)) {
            let start_line = line;
            let (literal, next) = read_string(&chars, i);
            line += chars[i..next].iter().filter(|c| **c == '\n').count();
            i = next;
            if skip.is_none() && literal.chars().any(is_chinese) {
                out.chinese.push((start_line, literal));
            }
            words.clear();
        } else if c == '\'' {
            // A char literal ('a', '\n', '\u{FF1A}') or a lifetime ('a, 'static).
            if at(i + 1) == '\\' {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                i += 1;
            }
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            // `const NAME` / `static NAME` of an allowed data table: skip the item.
            if skip.is_none() && matches!(words.last().map(String::as_str), Some("const" | "static")) && allowed_items.contains(&word.as_str()) {
                skip = Some((depth, false));
            }
            words.push(word);
        } else if c == '#' && skip.is_none() && is_cfg_test_at(&chars, i) {
            // Skip the item after `#[cfg(test)]`: to its `;`, or through its braces.
            let end = chars[i..].iter().position(|c| *c == ']').map_or(chars.len(), |p| i + p + 1);
            i = end;
            if let Some(name) = mod_declaration_after(&chars, i) {
                out.test_modules.push(name);
            }
            skip = Some((depth, false));
        } else {
            match c {
                '{' | '[' | '(' => {
                    depth += 1;
                    if c == '{' {
                        if let Some((d, _)) = skip {
                            skip = Some((d, true));
                        }
                    }
                }
                '}' | ']' | ')' => {
                    depth -= 1;
                    if let Some((d, opened)) = skip {
                        // The item's braces closed, or the block around it did (a field).
                        if depth < d || (opened && c == '}' && depth == d) {
                            skip = None;
                        }
                    }
                }
                ';' => {
                    if let Some((d, _)) = skip {
                        if depth == d {
                            skip = None;
                        }
                    }
                }
                _ => {}
            }
            if !c.is_whitespace() {
                words.clear();
            }
            i += 1;
        }
    }
    out
}

/// Whether a string literal (`r"…"`, `r#"…"#`, `b"…"`, `br"…"`) starts at `i`.
fn starts_string(chars: &[char], i: usize) -> bool {
    let prev_ident = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
    if prev_ident {
        return false;
    }
    let mut j = i;
    if chars.get(j) == Some(&'b') {
        j += 1;
    }
    if chars.get(j) == Some(&'r') {
        j += 1;
        while chars.get(j) == Some(&'#') {
            j += 1;
        }
    }
    j > i && chars.get(j) == Some(&'"')
}

/// The literal starting at `i`, decoded (escapes of plain strings resolved), and the
/// index after it.
fn read_string(chars: &[char], mut i: usize) -> (String, usize) {
    let mut raw = false;
    let mut hashes = 0;
    while chars[i] != '"' {
        match chars[i] {
            'r' => raw = true,
            '#' => hashes += 1,
            _ => {}
        }
        i += 1;
    }
    i += 1;
    let mut out = String::new();
    while i < chars.len() {
        let c = chars[i];
        if raw {
            if c == '"' && chars[i + 1..].iter().take(hashes).filter(|c| **c == '#').count() == hashes {
                return (out, i + 1 + hashes);
            }
            out.push(c);
            i += 1;
        } else if c == '\\' {
            match chars.get(i + 1) {
                Some('u') => {
                    let close = chars[i..].iter().position(|c| *c == '}').map_or(chars.len(), |p| i + p);
                    let hex: String = chars[i + 3..close].iter().collect();
                    if let Some(decoded) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                        out.push(decoded);
                    }
                    i = close + 1;
                }
                Some(other) => {
                    out.push(*other);
                    i += 2;
                }
                None => i += 1,
            }
        } else if c == '"' {
            return (out, i + 1);
        } else {
            out.push(c);
            i += 1;
        }
    }
    (out, i)
}

/// Whether `#[cfg(test)]` (any spacing) starts at `i`.
fn is_cfg_test_at(chars: &[char], i: usize) -> bool {
    let compact: String = chars[i..].iter().take(40).filter(|c| !c.is_whitespace()).collect();
    compact.starts_with("#[cfg(test)]")
}

/// `mod name;` right after an attribute ending at `i`: the name.
fn mod_declaration_after(chars: &[char], i: usize) -> Option<String> {
    let rest: String = chars[i..].iter().take(200).collect();
    let rest = rest.trim_start();
    let rest = rest.strip_prefix("pub ").unwrap_or(rest).trim_start();
    let rest = rest.strip_prefix("mod")?.trim_start();
    let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    let after = rest[name.len()..].trim_start();
    (!name.is_empty() && after.starts_with(';')).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_chinese_text_outside_the_catalogue() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let found = scan_tree(&src);
        assert!(
            found.is_empty(),
            "user text belongs in src/i18n/catalogue/ (a Msg for text with values):\n{}",
            found.join("\n")
        );
        // The scan did read the tree: the notices it allows hold Chinese.
        let notices = fs::read_to_string(src.join("domain/notices.rs")).unwrap();
        assert!(!scan_source(&notices, &[]).chinese.is_empty());
    }

    #[test]
    fn the_scan_finds_literals_and_ignores_comments_chars_and_tests() {
        let source = r##"
            // 注释：不是文字
            /* 块注释 /* 嵌套 */ 也不是 */
            fn label<'a>(x: &'a str) -> &'a str { if x == "ok" { "好" } else { "\u{FF1A}" } }
            const C: char = '：';
            const RAW: &str = r#"原样"#;
            const SYMBOL: &str = "＋";
            const DATA: &[&str] = &["欧阳", "司马"];
            #[cfg(test)]
            mod tests { fn f() { let name = "王超"; } }
            #[cfg(test)]
            mod more;
            fn after() -> &'static str { "之后" }
        "##;
        let scan = scan_source(source, &["DATA"]);
        let found: Vec<&str> = scan.chinese.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(found, ["好", "\u{FF1A}", "原样", "之后"]);
        assert_eq!(scan.chinese[0].0, 4, "the line of the literal");
        assert_eq!(scan.test_modules, ["more"]);
        assert!(scan_source(source, &[]).chinese.iter().any(|(_, s)| s == "欧阳"), "only allowed items are skipped");
    }

    #[test]
    fn test_modules_declared_elsewhere_are_found_by_path() {
        assert_eq!(module_files(Path::new("src/domain/backup.rs"), "tests")[0], Path::new("src/domain/backup/tests.rs"));
        assert_eq!(module_files(Path::new("src/i18n/mod.rs"), "tests")[0], Path::new("src/i18n/tests.rs"));
    }
}
