//! The staff search: the matcher and the index are their own crate
//! (`crates/search`, `follicle-search`), so that it alone is built for speed
//! (`opt-level = 3` beside the release profile in Cargo.toml) while the rest of the
//! app is built for size. A sign-in indexes every customer: at opt-level "z" that
//! was 1.6 times slower. What needs the app's records stays here.

pub use follicle_search::*;

use chrono::NaiveDate;

use super::customer::{Customer, InfoSource};

/// The customer's entry; `bought_fen` and `last_contact` come from their purchases
/// and follow-up log.
pub fn entry_for(c: &Customer, bought_fen: i64, last_contact: Option<NaiveDate>) -> Entry {
    let mut entry = Entry::new(&c.id, &c.name, &c.phone_digits, c.last_visit.or(c.first_visit));
    entry.gender = c.gender;
    entry.birth_date = c.birth_date;
    entry.first_visit = c.first_visit;
    entry.effect = c.effect_class;
    entry.prospect = c.prospect_class;
    entry.bought_fen = bought_fen;
    entry.last_contact = last_contact;
    entry.possible_duplicate = !c.possible_duplicates.is_empty();
    entry.staff_id = c.staff_id.clone();
    entry.referred = c.referred_by.is_some() || matches!(c.info_source, Some(InfoSource::Referral(_)));
    entry.referred_by = c.referred_by.clone();
    entry.referral_thanked = c.referral_thanked.is_some();
    entry
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn an_entry_survives_its_row_form() {
        let mut c = Customer::new("曾\t小燕", "13722223333", &crate::domain::Stamp { store_id: "s".into(), device_id: "d".into(), now: 1 });
        c.gender = Some(Gender::Female);
        c.birth_date = day("1970-02-03");
        c.last_visit = day("2026-11-01");
        c.first_visit = day("2025-04-05");
        c.effect_class = Some(EffectClass::D);
        c.prospect_class = Some(ProspectClass::B);
        let entry = entry_for(&c, 59_600, day("2026-11-20"));
        let back = Entry::from_row(&entry.to_row()).unwrap();
        assert_eq!(back.name, "曾 小燕", "a tab in a name cannot break the row");
        assert_eq!((back.id.as_str(), back.gender, back.birth_date, back.last_visit), (c.id.as_str(), c.gender, c.birth_date, c.last_visit));
        assert_eq!((back.first_visit, back.effect, back.prospect, back.bought_fen, back.last_contact), (c.first_visit, c.effect_class, c.prospect_class, 59_600, day("2026-11-20")));
        assert_eq!(back.phone_tail(), "3333");
        assert!(!back.possible_duplicate);
        // A registration that may be someone already there carries the mark.
        c.possible_duplicates = vec!["earlier".into()];
        let marked = Entry::from_row(&entry_for(&c, 0, None).to_row()).unwrap();
        assert!(marked.possible_duplicate);
        assert_eq!(marked.staff_id, None);
        // The staff member the customer is assigned to (issue 20).
        c.staff_id = Some("staff-wang".into());
        let assigned = Entry::from_row(&entry_for(&c, 0, None).to_row()).unwrap();
        assert_eq!((assigned.staff_id.as_deref(), assigned.possible_duplicate), (Some("staff-wang"), true));
        // A row from before (twelve fields) still reads, unassigned.
        let v6 = Entry::from_row("id\t王超\t13800138000\tm\t\t2026-10-01\t\t\t\t0\t\td").unwrap();
        assert_eq!((v6.possible_duplicate, v6.staff_id), (true, None));
        // Referrals (issue 20): written at registration, then linked and thanked.
        c.info_source = Some(crate::domain::InfoSource::Referral("张阿姨".into()));
        let referred = Entry::from_row(&entry_for(&c, 0, None).to_row()).unwrap();
        assert_eq!((referred.referred, referred.referred_by.as_deref(), referred.referral_thanked), (true, None, false));
        c.referred_by = Some("zhang".into());
        c.referral_thanked = Some(5);
        let linked = Entry::from_row(&entry_for(&c, 0, None).to_row()).unwrap();
        assert_eq!((linked.referred, linked.referred_by.as_deref(), linked.referral_thanked, linked.staff_id.as_deref()), (true, Some("zhang"), true, Some("staff-wang")));
        // A v5 row (eleven fields) still reads, unmarked.
        let v5 = Entry::from_row("id\t王超\t13800138000\tm\t\t2026-10-01\t\t\t\t0\t").unwrap();
        assert!(!v5.possible_duplicate);
        // A v4 row (six fields) still reads.
        let old = Entry::from_row("id\t王超\t13800138000\tm\t\t2026-10-01").unwrap();
        assert_eq!((old.last_visit, old.bought_fen, old.effect), (day("2026-10-01"), 0, None));
        for bad in ["", "x", "id\tname\t1\tq\t\t", "id\tname\t1\tm\t1970-13-01\t", "id\tn\t1\t\t\t\textra", "id\tn\t1\t\t\t\t\tX\t\t0\t", "id\tn\t1\t\t\t\t\t\t\tabc\t", "id\tn\t1\t\t\t\t\t\t\t0\t\tq"] {
            assert_eq!(Entry::from_row(bad), None, "{bad:?}");
        }
    }
}
