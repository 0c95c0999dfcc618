//! A message: a catalogue key and its arguments, rendered in either language when shown.
//!
//! Rules (validation, storage, backup, plans, progress) return a [`Msg`] instead of
//! text, so the words live only in the catalogue and a language switch while a message
//! is on screen changes it too. Templates take `{0}`, `{1}`, … for the arguments, and
//! `{0?one|other}` for a word that depends on whether argument 0 is 1 (English plurals:
//! `"{0} {0?minute|minutes}"`).

use chrono::NaiveDate;

use super::{Lang, T};

/// A key of the catalogue with its arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Msg {
    key: T,
    args: Vec<Arg>,
}

/// One argument of a [`Msg`].
#[derive(Clone, Debug)]
pub enum Arg {
    /// A whole number, as digits.
    Int(i64),
    /// A number as Rust writes it (`140`, `1.5`).
    Num(f64),
    /// Text as it is: a name, a product, a figure already formatted.
    Text(String),
    /// Another message (or key), rendered in the same language.
    Msg(Msg),
    /// A date, written as the catalogue's `DateFormat` says for the language.
    Date(NaiveDate),
    /// A date written with another format of the catalogue (`MonthYearFormat`: 2026年3月).
    DateAs(NaiveDate, T),
    /// Messages one after another, with the separator key between them.
    Join(Vec<Msg>, T),
}

impl PartialEq for Arg {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Arg::Int(a), Arg::Int(b)) => a == b,
            (Arg::Num(a), Arg::Num(b)) => a.to_bits() == b.to_bits(),
            (Arg::Text(a), Arg::Text(b)) => a == b,
            (Arg::Msg(a), Arg::Msg(b)) => a == b,
            (Arg::Date(a), Arg::Date(b)) => a == b,
            (Arg::DateAs(a, f), Arg::DateAs(b, g)) => a == b && f == g,
            (Arg::Join(a, s), Arg::Join(b, t)) => a == b && s == t,
            _ => false,
        }
    }
}

impl Eq for Arg {}

impl Msg {
    pub fn new(key: T) -> Self {
        Self { key, args: Vec::new() }
    }

    /// The next argument (`{0}` first).
    pub fn arg(mut self, arg: impl Into<Arg>) -> Self {
        self.args.push(arg.into());
        self
    }

    /// Text that is shown as it is in both languages (a name the store typed).
    pub fn verbatim(text: impl Into<String>) -> Self {
        Msg::new(T::Verbatim).arg(text.into())
    }

    /// `items` one after another with `separator` between them (`T::ListComma`: "，" / ", ").
    pub fn join(separator: T, items: impl IntoIterator<Item = Msg>) -> Self {
        Msg::new(T::Verbatim).arg(Arg::Join(items.into_iter().collect(), separator))
    }

    pub fn key(&self) -> T {
        self.key
    }

    pub fn args(&self) -> &[Arg] {
        &self.args
    }

    /// The message in `lang`.
    pub fn get(&self, lang: Lang) -> String {
        render(self.key.get(lang), &self.args, lang)
    }
}

impl From<T> for Msg {
    fn from(key: T) -> Self {
        Msg::new(key)
    }
}

impl Arg {
    /// `day` written with the catalogue's format `format` (a chrono pattern per language).
    pub fn date_as(day: NaiveDate, format: T) -> Self {
        Arg::DateAs(day, format)
    }

    fn render(&self, lang: Lang) -> String {
        match self {
            Arg::Int(n) => n.to_string(),
            Arg::Num(x) => x.to_string(),
            Arg::Text(s) => s.clone(),
            Arg::Msg(m) => m.get(lang),
            Arg::Date(d) => d.format(T::DateFormat.get(lang)).to_string(),
            Arg::DateAs(d, format) => d.format(format.get(lang)).to_string(),
            Arg::Join(items, sep) => items.iter().map(|m| m.get(lang)).collect::<Vec<_>>().join(sep.get(lang)),
        }
    }

    /// Whether the argument is the number one (for `{0?one|other}`).
    fn is_one(&self) -> bool {
        match self {
            Arg::Int(n) => *n == 1,
            Arg::Num(x) => *x == 1.0,
            _ => false,
        }
    }
}

macro_rules! int_arg {
    ($($t:ty),+) => { $(impl From<$t> for Arg { fn from(n: $t) -> Self { Arg::Int(n as i64) } })+ };
}
int_arg!(i32, i64, u8, u16, u32, u64, usize);

impl From<f64> for Arg {
    fn from(x: f64) -> Self {
        Arg::Num(x)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}

impl From<T> for Arg {
    fn from(key: T) -> Self {
        Arg::Msg(Msg::new(key))
    }
}

impl From<Msg> for Arg {
    fn from(m: Msg) -> Self {
        Arg::Msg(m)
    }
}

impl From<NaiveDate> for Arg {
    fn from(d: NaiveDate) -> Self {
        Arg::Date(d)
    }
}

/// A placeholder at the start of `s` (just after its `{`): the argument's index, the
/// two words of a `?one|other` choice if any, and how many bytes it takes with its `}`.
pub(crate) fn placeholder(s: &str) -> Option<(usize, Option<(&str, &str)>, usize)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let index = s.get(..digits)?.parse().ok()?;
    let rest = &s[digits..];
    if rest.starts_with('}') {
        return Some((index, None, digits + 1));
    }
    let choice = rest.strip_prefix('?')?;
    let end = choice.find('}')?;
    let (one, other) = choice[..end].split_once('|')?;
    Some((index, Some((one, other)), digits + 1 + end + 1))
}

/// `template` with its placeholders filled in; a placeholder without its argument stays
/// as written, so a missing argument shows rather than vanishes.
fn render(template: &str, args: &[Arg], lang: Lang) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match placeholder(after) {
            Some((i, choice, len)) if i < args.len() => {
                match choice {
                    None => out.push_str(&args[i].render(lang)),
                    Some((one, other)) => out.push_str(if args[i].is_one() { one } else { other }),
                }
                rest = &after[len..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_take_their_arguments_in_each_language() {
        let m = Msg::new(T::LabelValue).arg(T::VisitBy).arg("李店长");
        assert_eq!(m.get(Lang::Zh), "记录人：李店长");
        assert_eq!(m.get(Lang::En), "Logged by: 李店长");
        assert_eq!(render("{1} and {0}", &[Arg::Int(1), Arg::Num(2.5)], Lang::En), "2.5 and 1");
        assert_eq!(render("{0}", &[Arg::Num(400.0)], Lang::En), "400", "no .0 on whole numbers");
    }

    #[test]
    fn a_missing_argument_shows_its_placeholder() {
        assert_eq!(render("a {0} b {1}", &[Arg::Int(3)], Lang::En), "a 3 b {1}");
        assert_eq!(render("{x} {", &[], Lang::En), "{x} {");
    }

    #[test]
    fn english_plurals_follow_the_number() {
        let minutes = |n: i64| Msg::new(T::MinutesCount).arg(n);
        assert_eq!(minutes(1).get(Lang::En), "1 minute");
        assert_eq!(minutes(2).get(Lang::En), "2 minutes");
        assert_eq!(minutes(0).get(Lang::En), "0 minutes");
        assert_eq!(minutes(1).get(Lang::Zh), "1 分钟");
        assert_eq!(render("{0?one|many}", &[Arg::Num(1.0)], Lang::En), "one");
        assert_eq!(render("{0?one|many}", &[Arg::Text("1".into())], Lang::En), "many", "only numbers count");
    }

    #[test]
    fn dates_keys_and_lists_render_in_the_same_language() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        assert_eq!(Arg::from(day).render(Lang::Zh), "2026年3月5日");
        assert_eq!(Arg::from(day).render(Lang::En), "5 March 2026");
        assert_eq!(Arg::date_as(day, T::MonthYearFormat).render(Lang::Zh), "2026年3月");
        assert_eq!(Arg::date_as(day, T::MonthYearFormat).render(Lang::En), "March 2026");
        let list = Msg::join(T::ListComma, [Msg::new(T::Male), Msg::new(T::Female)]);
        assert_eq!(list.get(Lang::Zh), "男，女");
        assert_eq!(list.get(Lang::En), "Male, Female");
        assert_eq!(Msg::verbatim("耳后").get(Lang::En), "耳后");
    }

    #[test]
    fn messages_compare_by_key_and_arguments() {
        assert_eq!(Msg::new(T::Male), Msg::from(T::Male));
        assert_ne!(Msg::new(T::LabelValue).arg(1), Msg::new(T::LabelValue).arg(2));
        assert_eq!(Msg::new(T::LabelValue).arg(0.5).key(), T::LabelValue);
    }
}
