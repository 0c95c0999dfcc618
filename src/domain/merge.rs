//! Two records of one person made one: which record is kept, what it takes from the
//! other, and which of the other's records move over. Pure; storage does it in one
//! transaction (`Db::merge_customers`).

use super::customer::Customer;

/// The kept record with what only the other knew: each field the kept record leaves
/// empty is taken from the other; the first visit and first purchase are the earlier
/// of the two, the last visit the later; notes of both are kept. The other record's
/// id leaves the list of possible duplicates (and so does the kept one's own).
pub fn merged(keep: &Customer, other: &Customer) -> Customer {
    let mut c = keep.clone();
    macro_rules! fill {
        ($($field:ident),+) => { $( if c.$field.is_none() { c.$field = other.$field.clone(); } )+ };
    }
    fill!(gender, birth_date, address, occupation, hair_loss_type, hair_loss_grade, hair_loss_duration, prior_treatment, health_notes,
        life_notes, hobbies, appearance_notes, consultant, consultation_advice, info_source, use_place, effect_class, prospect_class);
    if c.phone.is_empty() {
        c.phone = other.phone.clone();
    }
    c.first_visit = earlier(keep.first_visit, other.first_visit);
    c.first_purchase = earlier(keep.first_purchase, other.first_purchase);
    c.last_visit = keep.last_visit.max(other.last_visit);
    c.notes = match (&keep.notes, &other.notes) {
        (Some(a), Some(b)) if a != b => Some(format!("{a}\n{b}")),
        (a, b) => a.clone().or_else(|| b.clone()),
    };
    c.possible_duplicates.retain(|id| *id != other.id && *id != keep.id);
    for id in &other.possible_duplicates {
        if *id != keep.id && !c.possible_duplicates.contains(id) {
            c.possible_duplicates.push(id.clone());
        }
    }
    c.refresh_keys();
    c
}

fn earlier<T: Ord>(a: Option<T>, b: Option<T>) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Whether `candidate` may be the same person as the one registering: the same phone
/// number, or the same name and birth date.
pub fn may_be_same(new: &Customer, candidate: &Customer) -> bool {
    new.id != candidate.id
        && ((!new.phone_digits.is_empty() && new.phone_digits == candidate.phone_digits)
            || (new.birth_date.is_some() && new.birth_date == candidate.birth_date && new.name_key == candidate.name_key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2026, m, d)
    }

    fn person(id: &str, name: &str, phone: &str) -> Customer {
        let mut c = Customer { id: id.into(), name: name.into(), phone: phone.into(), ..Customer::default() };
        c.refresh_keys();
        c
    }

    #[test]
    fn the_kept_record_wins_and_takes_what_only_the_other_knew() {
        let mut keep = person("a", "王超", "13800138000");
        keep.first_visit = day(5, 1);
        keep.last_visit = day(6, 1);
        keep.life_notes = Some("刚退休".into());
        keep.notes = Some("喜欢早上来".into());
        keep.possible_duplicates = vec!["b".into()];
        let mut other = person("b", "王 超", "13900139000");
        other.first_visit = day(3, 1);
        other.last_visit = day(11, 20);
        other.birth_date = NaiveDate::from_ymd_opt(1962, 4, 2);
        other.life_notes = Some("在照顾孙子".into());
        other.notes = Some("怕冷".into());
        other.possible_duplicates = vec!["a".into(), "c".into()];

        let m = merged(&keep, &other);
        assert_eq!((m.id.as_str(), m.name.as_str(), m.phone.as_str()), ("a", "王超", "13800138000"), "the kept record's own");
        assert_eq!(m.birth_date, NaiveDate::from_ymd_opt(1962, 4, 2), "a blank filled from the other");
        assert_eq!(m.life_notes.as_deref(), Some("刚退休"), "a filled field is not overwritten");
        assert_eq!((m.first_visit, m.last_visit), (day(3, 1), day(11, 20)), "earlier first visit, later last visit");
        assert_eq!(m.notes.as_deref(), Some("喜欢早上来\n怕冷"));
        assert_eq!(m.possible_duplicates, ["c"], "neither of the two, but another candidate stays");
    }

    #[test]
    fn the_same_phone_or_the_same_name_and_birth_date_may_be_the_same_person() {
        let mut new = person("n", "李兰", "13800001111");
        new.birth_date = NaiveDate::from_ymd_opt(1960, 1, 1);
        assert!(may_be_same(&new, &person("x", "别人", "13800001111")), "same phone");
        let mut twin = person("y", "李 兰", "13900002222");
        twin.birth_date = new.birth_date;
        assert!(may_be_same(&new, &twin), "same name and birth date");
        twin.birth_date = NaiveDate::from_ymd_opt(1961, 1, 1);
        assert!(!may_be_same(&new, &twin), "same name, another birth date");
        assert!(!may_be_same(&new, &new.clone()), "not itself");
    }
}

/// The fields of a customer two versions can differ in, as staff compare them (the
/// record's own keys, not derived ones).
pub const COMPARED: [&str; 24] = [
    "name", "phone", "gender", "birth_date", "address", "occupation", "hair_loss_type", "hair_loss_grade", "hair_loss_duration",
    "prior_treatment", "health_notes", "life_notes", "hobbies", "appearance_notes", "consultant", "consultation_advice", "info_source",
    "first_visit", "first_purchase", "use_place", "notes", "last_visit", "effect_class", "prospect_class",
];

/// The fields where `a` and `b` differ, in [`COMPARED`] order.
pub fn differing_fields(a: &Customer, b: &Customer) -> Vec<&'static str> {
    let (va, vb) = (serde_json::to_value(a).unwrap_or_default(), serde_json::to_value(b).unwrap_or_default());
    COMPARED.into_iter().filter(|k| va.get(k) != vb.get(k)).collect()
}

/// `base` with the fields named in `take` as `other` has them (staff picking, field by
/// field, between two versions of one record).
pub fn take_fields(base: &Customer, other: &Customer, take: &[&str]) -> Customer {
    let mut v = serde_json::to_value(base).unwrap_or_default();
    let o = serde_json::to_value(other).unwrap_or_default();
    for k in take.iter().filter(|k| COMPARED.contains(k)) {
        v[*k] = o.get(*k).cloned().unwrap_or(serde_json::Value::Null);
    }
    let mut c: Customer = serde_json::from_value(v).unwrap_or_else(|_| base.clone());
    c.refresh_keys();
    c
}

#[cfg(test)]
mod picking {
    use super::*;

    #[test]
    fn two_versions_differ_in_the_fields_staff_see_and_can_be_picked_from() {
        let mut a = Customer { id: "x".into(), name: "赵敏".into(), phone: "13700137000".into(), ..Customer::default() };
        a.appearance_notes = Some("短发".into());
        a.refresh_keys();
        let mut b = a.clone();
        b.appearance_notes = None;
        b.life_notes = Some("刚退休".into());
        b.meta.updated_at = 99;
        assert_eq!(differing_fields(&a, &b), ["life_notes", "appearance_notes"], "meta is not compared");
        let both = take_fields(&a, &b, &["life_notes"]);
        assert_eq!((both.appearance_notes.as_deref(), both.life_notes.as_deref()), (Some("短发"), Some("刚退休")));
        assert!(differing_fields(&a, &a).is_empty());
        let renamed = take_fields(&a, &Customer { name: "赵 敏敏".into(), ..a.clone() }, &["name", "not_a_field"]);
        assert_eq!((renamed.name.as_str(), renamed.name_key.as_str()), ("赵 敏敏", "赵敏敏"), "keys follow the name");
    }
}
