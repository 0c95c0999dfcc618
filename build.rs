//! Makes the text catalogue: every `src/i18n/catalogue/*.in` file, in name order, into
//! one `catalogue! { … }` call in `$OUT_DIR/catalogue.rs`, which `src/i18n/mod.rs`
//! includes. A fragment holds entries `Key => "中文", "English";` and `//` comments.
//! A key defined twice, an entry without both languages, or an empty text stops the
//! build with the file and line. Standard library only.

use std::collections::HashMap;
use std::path::Path;
use std::{env, fs};

const DIR: &str = "src/i18n/catalogue";

struct Entry {
    line: usize,
    key: String,
    zh: String,
    en: String,
}

fn main() {
    println!("cargo:rerun-if-changed={DIR}");
    let mut files: Vec<_> = fs::read_dir(DIR)
        .unwrap_or_else(|e| panic!("{DIR}: {e}"))
        .map(|e| e.expect("a catalogue file").path())
        .filter(|p| p.extension().is_some_and(|x| x == "in"))
        .collect();
    files.sort();
    let mut defined: HashMap<String, String> = HashMap::new();
    let mut errors = Vec::new();
    let mut out = String::from("catalogue! {\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?").to_string();
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let entries = parse(&text, &name, &mut errors);
        out.push_str(&format!("    // {name}\n"));
        for e in entries {
            let here = format!("{name}:{}", e.line);
            if let Some(first) = defined.insert(e.key.clone(), here.clone()) {
                errors.push(format!("{here}: {} is already defined at {first}", e.key));
            }
            out.push_str(&format!("    {} => {}, {};\n", e.key, e.zh, e.en));
        }
    }
    out.push_str("}\n");
    if !errors.is_empty() {
        panic!("the text catalogue ({DIR}) has errors:\n{}", errors.join("\n"));
    }
    let target = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("catalogue.rs");
    fs::write(&target, out).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
}

/// The entries of one fragment; problems go to `errors` as `file:line: what`.
fn parse(text: &str, file: &str, errors: &mut Vec<String>) -> Vec<Entry> {
    let mut p = Parser { chars: text.chars().collect(), at: 0, line: 1 };
    let mut entries = Vec::new();
    loop {
        p.skip_space();
        if p.at >= p.chars.len() {
            return entries;
        }
        let line = p.line;
        match p.entry() {
            Ok(e) => entries.push(e),
            Err(what) => {
                errors.push(format!("{file}:{line}: {what}"));
                p.skip_to_semicolon();
            }
        }
    }
}

struct Parser {
    chars: Vec<char>,
    at: usize,
    line: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    /// White space and `//` comments.
    fn skip_space(&mut self) {
        while let Some(c) = self.peek() {
            if c.is_whitespace() {
                self.bump();
            } else if c == '/' && self.chars.get(self.at + 1) == Some(&'/') {
                while self.peek().is_some_and(|c| c != '\n') {
                    self.bump();
                }
            } else {
                break;
            }
        }
    }

    fn skip_to_semicolon(&mut self) {
        while let Some(c) = self.bump() {
            if c == ';' {
                break;
            }
        }
    }

    fn expect(&mut self, token: &str, what: &str) -> Result<(), String> {
        self.skip_space();
        for t in token.chars() {
            if self.peek() != Some(t) {
                return Err(what.to_string());
            }
            self.bump();
        }
        Ok(())
    }

    fn entry(&mut self) -> Result<Entry, String> {
        let line = self.line;
        let mut key = String::new();
        while let Some(c) = self.peek().filter(|c| c.is_ascii_alphanumeric() || *c == '_') {
            key.push(c);
            self.bump();
        }
        if !key.starts_with(|c: char| c.is_ascii_uppercase()) {
            return Err("an entry starts with its key, a name in CamelCase".into());
        }
        self.expect("=>", &format!("{key}: `=>` must follow the key"))?;
        let zh = self.literal(&format!("{key}: the Chinese text is missing"))?;
        self.expect(",", &format!("{key}: the English text is missing (`, \"…\"` after the Chinese)"))?;
        let en = self.literal(&format!("{key}: the English text is missing"))?;
        self.expect(";", &format!("{key}: `;` must end the entry (two texts only: Chinese, then English)"))?;
        for (text, lang) in [(&zh, "Chinese"), (&en, "English")] {
            if text[1..text.len() - 1].trim().is_empty() {
                return Err(format!("{key}: the {lang} text is empty"));
            }
        }
        Ok(Entry { line, key, zh, en })
    }

    /// A Rust string literal, kept as written (quotes and escapes included).
    fn literal(&mut self, missing: &str) -> Result<String, String> {
        self.skip_space();
        if self.peek() != Some('"') {
            return Err(missing.to_string());
        }
        let mut out = String::new();
        out.push(self.bump().unwrap_or('"'));
        loop {
            match self.bump() {
                None => return Err("a text is not closed with `\"`".into()),
                Some('\\') => {
                    out.push('\\');
                    match self.bump() {
                        Some(c) => out.push(c),
                        None => return Err("a text is not closed with `\"`".into()),
                    }
                }
                Some('"') => {
                    out.push('"');
                    return Ok(out);
                }
                Some(c) => out.push(c),
            }
        }
    }
}
