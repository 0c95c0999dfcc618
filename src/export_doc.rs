//! The customer's own copy as one HTML file they can open on any phone or computer:
//! every section in Chinese first and English second, pictures embedded as data:
//! URLs, and the same records as JSON inside (machine-readable). Pure: it builds a
//! string from a [`CustomerExport`]; every stored text is escaped, and the file's own
//! Content-Security-Policy lets it load nothing and run nothing.

use chrono::{FixedOffset, NaiveDate, TimeZone};

use crate::domain::customer_form::{grade_code, grade_label};
use crate::domain::export::{CustomerExport, ExportInfo};
use crate::domain::notices::Notice;
use crate::domain::registration::{HairTypeChoice, SourceChoice};
use crate::domain::{AuditAction, HairLossGrade, HairLossType, InfoSource};
use crate::i18n::{Label, Lang, Msg, T};

/// `<`, `>`, `&` and quotes made harmless in text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// [`escape`], added to `out` (the search's result list writes fifty rows into one).
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// JSON safe inside `<script type="application/json">`: no `</script>` or `<!--` can
/// end or bend the element.
fn json_in_script(json: &str) -> String {
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// Chinese, then English, as one escaped label.
fn both(zh: &str, en: &str) -> String {
    format!("{} <span class=\"en\" lang=\"en\">{}</span>", escape(zh), escape(en))
}

fn t(text: T) -> String {
    both(text.get(Lang::Zh), text.get(Lang::En))
}

const STYLE: &str = "body{font-family:system-ui,'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;font-size:20px;line-height:1.5;color:#1b1b1b;background:#fff;margin:0 auto;max-width:960px;padding:1.5rem}\
h1{font-size:1.8rem;margin:0 0 .5rem}h2{font-size:1.35rem;margin:2rem 0 .6rem;border-bottom:2px solid #6b6b6b}\
.en{color:#3d3d3d;font-size:.9em}dl{display:grid;grid-template-columns:minmax(10rem,auto) 1fr;gap:.3rem 1rem}dt{font-weight:600}dd{margin:0}\
.wide{overflow-x:auto}table{border-collapse:collapse;width:100%}th,td{border:1px solid #6b6b6b;padding:.3rem .5rem;text-align:left;vertical-align:top}\
figure{margin:0 0 1.5rem}img{max-width:100%;height:auto;border:1px solid #6b6b6b}.none{color:#3d3d3d}";

/// The whole document.
pub fn render(export: &CustomerExport, info: &ExportInfo) -> String {
    let offset = FixedOffset::east_opt(info.utc_offset_minutes * 60).unwrap_or(FixedOffset::east_opt(0).expect("UTC"));
    let time = |ms: i64| offset.timestamp_millis_opt(ms).single().map(|t| t.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default();
    let mut html = String::new();
    html.push_str("<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">");
    html.push_str(&format!("<title>{} {}</title><style>{STYLE}</style></head><body>\n", escape(T::ExportDocTitle.get(Lang::Zh)), escape(T::ExportDocTitle.get(Lang::En))));
    html.push_str(&format!(
        "<header><h1>{}</h1><p>{}</p><p>{}: {} · {}: {}</p></header>\n",
        t(T::ExportDocTitle),
        t(T::ExportDocIntro),
        t(T::SettingsStore),
        escape(&info.store_name),
        t(T::ExportDocMade),
        escape(&time(info.made_at))
    ));

    html.push_str(&record_section(export));
    html.push_str(&consents_section(export, &time));
    html.push_str(&follow_ups_section(export, &time));
    html.push_str(&purchases_section(export));
    html.push_str(&measurements_section(export));
    html.push_str(&complaints_section(export, &time));
    html.push_str(&incidents_section(export));
    html.push_str(&appointments_section(export));
    html.push_str(&photos_section(export));
    html.push_str(&audit_section(export, &time));

    html.push_str(&format!("<h2>{}</h2><p>{}</p>\n", t(T::ExportDocData), t(T::ExportDocDataHint)));
    html.push_str("<script type=\"application/json\" id=\"follicle-data\">\n");
    html.push_str(&json_in_script(&export.to_json(info)));
    html.push_str("\n</script>\n</body></html>\n");
    html
}

fn none() -> String {
    format!("<p class=\"none\">{}</p>\n", t(T::ExportDocNone))
}

fn table(heading: T, columns: &[T], rows: Vec<Vec<String>>) -> String {
    let mut out = format!("<h2>{}</h2>\n", t(heading));
    if rows.is_empty() {
        return out + &none();
    }
    out.push_str("<div class=\"wide\"><table><thead><tr>");
    for c in columns {
        out.push_str(&format!("<th>{}</th>", t(*c)));
    }
    out.push_str("</tr></thead><tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            out.push_str(&format!("<td>{cell}</td>"));
        }
        out.push_str("</tr>\n");
    }
    out + "</tbody></table></div>\n"
}

fn day(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn record_section(export: &CustomerExport) -> String {
    let c = &export.customer;
    let text = |v: &Option<String>| v.as_deref().map(escape);
    let rows: Vec<(T, Option<String>)> = vec![
        (T::Name, Some(escape(&c.name))),
        (T::Gender, c.gender.map(label)),
        (T::BirthDate, c.birth_date.map(|d| d.to_string())),
        (T::Phone, Some(escape(&c.phone))),
        (T::Address, text(&c.address)),
        (T::Occupation, text(&c.occupation)),
        (T::HairType, c.hair_loss_type.as_ref().map(hair_type)),
        (T::HairGrade, c.hair_loss_grade.map(grade)),
        (T::HairDuration, c.hair_loss_duration.map(label)),
        (T::PriorTreatment, text(&c.prior_treatment)),
        (T::HealthNotes, text(&c.health_notes)),
        (T::LifeNotes, text(&c.life_notes)),
        (T::Hobbies, text(&c.hobbies)),
        (T::Source, c.info_source.as_ref().map(source)),
        (T::FirstVisit, c.first_visit.map(|d| d.to_string())),
        (T::LastVisit, c.last_visit.map(|d| d.to_string())),
        (T::UsePlace, c.use_place.map(label)),
        (T::AppearanceNotes, text(&c.appearance_notes)),
        (T::Consultant, text(&c.consultant)),
        (T::ConsultationAdvice, text(&c.consultation_advice)),
        (T::Notes, text(&c.notes)),
        (T::ClassEffect, c.effect_class.map(label)),
    ];
    let mut out = format!("<h2>{}</h2>\n<dl>", t(T::ExportDocRecord));
    for (label, value) in rows {
        out.push_str(&format!("<dt>{}</dt><dd>{}</dd>\n", t(label), value.unwrap_or_else(|| t(T::NotFilled))));
    }
    out + "</dl>\n"
}

fn consents_section(export: &CustomerExport, time: &dyn Fn(i64) -> String) -> String {
    let rows = export
        .consents
        .iter()
        .map(|c| {
            let notice = Notice::for_kind(c.kind);
            let state = match (c.granted, c.withdrawn_at) {
                (_, Some(at)) => format!("{} {}", t(T::ConsentWithdrawnAt), time(at)),
                (true, None) => t(T::ConsentGiven),
                (false, None) => t(T::ConsentNotGiven),
            };
            let mut who = c.staff_present.as_deref().map(escape).unwrap_or_default();
            if let Some(g) = &c.guardian {
                who = format!("{who} {}: {}", t(T::GuardianName), escape(&g.name));
            }
            vec![both(notice.title(Lang::Zh), notice.title(Lang::En)), state, time(c.at), escape(&format!("{} ({})", c.notice_id, c.notice_hash)), who]
        })
        .collect();
    table(T::CardConsents, &[T::ExportDocConsentKind, T::ExportDocState, T::VisitTime, T::ExportDocNotice, T::StaffPresent], rows)
}

fn follow_ups_section(export: &CustomerExport, time: &dyn Fn(i64) -> String) -> String {
    let rows = export
        .follow_ups
        .iter()
        .map(|f| vec![time(f.at), f.method.map(label).unwrap_or_default(), escape(&f.content), escape(&f.result), escape(&f.by_staff), day(f.next_due)])
        .collect();
    table(T::CardFollowUps, &[T::VisitTime, T::VisitMethod, T::VisitContent, T::VisitResult, T::VisitBy, T::NextDate], rows)
}

fn purchases_section(export: &CustomerExport) -> String {
    let rows = export
        .purchases
        .iter()
        .map(|p| vec![day(p.date), escape(&p.product), p.quantity.to_string(), crate::domain::care::money(p.unit_price_fen), p.use_place.map(label).unwrap_or_default()])
        .collect();
    table(T::CardProducts, &[T::ExportDocDate, T::ExportDocProduct, T::ExportDocQuantity, T::ExportDocUnitPrice, T::UsePlace], rows)
}

fn measurements_section(export: &CustomerExport) -> String {
    let num = |v: Option<f64>| v.map(|v| format!("{v}")).unwrap_or_default();
    let scale = |v: Option<u8>| v.map(|v| v.to_string()).unwrap_or_default();
    let rows = export
        .measurements
        .iter()
        .map(|m| {
            vec![
                day(m.taken_on),
                num(m.density_per_cm2),
                num(m.shaft_diameter_um),
                scale(m.oiliness),
                scale(m.itch),
                scale(m.dandruff),
                scale(m.shedding),
                scale(m.new_growth),
                scale(m.self_rating),
                m.note.as_deref().map(escape).unwrap_or_default(),
            ]
        })
        .collect();
    let columns = [T::MeasuredOn, T::Density, T::Diameter, T::Oiliness, T::Itch, T::Dandruff, T::Shedding, T::NewGrowth, T::SelfRating, T::Notes];
    table(T::Measurements, &columns, rows)
}

fn complaints_section(export: &CustomerExport, time: &dyn Fn(i64) -> String) -> String {
    let mut rows: Vec<Vec<String>> =
        export.complaints.iter().map(|c| vec![time(c.at), escape(&c.content), escape(&format!("{} {}", c.steps, c.result))]).collect();
    rows.extend(export.returns.iter().map(|r| vec![day(r.purchase_date), escape(&r.reason), format!("{} × {}", r.quantity_used, crate::domain::care::money(r.unit_price_fen))]));
    table(T::ExportDocComplaints, &[T::ExportDocDate, T::VisitContent, T::VisitResult], rows)
}

fn incidents_section(export: &CustomerExport) -> String {
    let rows = export.incidents.iter().map(|i| vec![day(i.date), escape(&i.description), escape(&i.action), escape(&i.by_staff)]).collect();
    table(T::CardIncidents, &[T::ExportDocDate, T::IncidentReaction, T::IncidentAction, T::VisitBy], rows)
}

fn appointments_section(export: &CustomerExport) -> String {
    let rows = export
        .appointments
        .iter()
        .map(|a| vec![format!("{} {}", a.day, a.time.format("%H:%M")), escape(&a.purpose), escape(&a.staff), a.note.as_deref().map(escape).unwrap_or_default()])
        .collect();
    table(T::CardAppointments, &[T::AppointmentWhen, T::AppointmentPurpose, T::AppointmentStaff, T::Notes], rows)
}

/// What was done to the customer's data, by whom (the staff member signed in; none
/// for what the app did by itself).
fn audit_section(export: &CustomerExport, time: &dyn Fn(i64) -> String) -> String {
    let rows = export
        .audit
        .iter()
        .map(|a| {
            let what = match a.action {
                AuditAction::Erased => T::AuditErased,
                AuditAction::ConsentWithdrawn => T::AuditConsentWithdrawn,
                AuditAction::Exported => T::AuditExported,
                AuditAction::BackupMade => T::AuditBackupMade,
                AuditAction::BackupRestored => T::AuditBackupRestored,
                AuditAction::Merged => T::AuditMerged,
                AuditAction::Assigned => T::AuditAssigned,
            };
            vec![time(a.at), t(what), escape(&a.by_staff), a.detail.as_deref().map(escape).unwrap_or_default()]
        })
        .collect();
    table(T::ExportDocAudit, &[T::VisitTime, T::ExportDocAuditAction, T::VisitBy, T::ExportDocAuditDetail], rows)
}

fn photos_section(export: &CustomerExport) -> String {
    let mut out = format!("<h2>{}</h2>\n", t(T::ExportDocPhotos));
    if export.photos.is_empty() {
        return out + &none();
    }
    for p in &export.photos {
        let kind = label(p.meta.kind);
        let mut caption = format!("{} · {} · {kind}", p.meta.taken_on, both(&p.meta.site.label(Lang::Zh), &p.meta.site.label(Lang::En)));
        if let Some(note) = &p.meta.note {
            caption = format!("{caption} · {}", escape(note));
        }
        out.push_str(&format!(
            "<figure><img id=\"{}\" src=\"{}\" width=\"{}\" height=\"{}\" alt=\"{}\"><figcaption>{caption}</figcaption></figure>\n",
            escape(&p.element_id()),
            p.data_url(),
            p.meta.width,
            p.meta.height,
            escape(&format!("{} {}", p.meta.taken_on, p.meta.site.label(Lang::Zh)))
        ));
    }
    out
}

/// A value's name from [`Label`], in both languages.
fn label(value: impl Label) -> String {
    t(value.label())
}

/// A message in both languages.
fn msg(m: Msg) -> String {
    both(&m.get(Lang::Zh), &m.get(Lang::En))
}

fn hair_type(h: &HairLossType) -> String {
    match h {
        HairLossType::Other(what) => msg(Msg::new(T::LabelValue).arg(T::HairOther).arg(what.as_str())),
        known => label(HairTypeChoice::from_type(known)),
    }
}

fn grade(g: HairLossGrade) -> String {
    let code = grade_code(Some(g));
    both(&grade_label(&code, Lang::Zh), &grade_label(&code, Lang::En))
}

fn source(s: &InfoSource) -> String {
    match s {
        InfoSource::Referral(by) => msg(Msg::new(T::LabelValue).arg(T::SrcReferral).arg(by)),
        InfoSource::Other(what) => msg(Msg::new(T::LabelValue).arg(T::SrcOther).arg(what)),
        known => label(SourceChoice::from_source(known)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::export::sample;

    fn info() -> ExportInfo {
        ExportInfo { store_name: "朝阳店".into(), made_at: 1_763_000_000_000, utc_offset_minutes: 480 }
    }

    #[test]
    fn the_document_holds_the_customers_records_chinese_first() {
        let html = render(&sample("王超", "13800138000"), &info());
        for expected in ["王超", "13800138000", "王超喜欢钓鱼", "防脱精华液", "¥298.00", "问王超精华液用得怎么样", "personal-v1", "112", "data:image/webp;base64,UklGRg==", "起疹子：额头两侧", "停用精华液", "撤回同意"] {
            assert!(html.contains(expected), "missing {expected}");
        }
        let zh = html.find("个人资料副本").unwrap();
        let en = html.find("Copy of your personal data").unwrap();
        assert!(zh < en, "Chinese comes first");
        // Times read as the store's clock (UTC+8): 1_763_000_000_000 ms is 2025-11-13 02:13 UTC.
        assert!(html.contains("2025-11-13 10:13"));
    }

    #[test]
    fn stored_text_is_escaped_everywhere() {
        let mut export = sample("<script>alert(1)</script>", "138");
        export.follow_ups[0].content = "\"><img src=x onerror=alert(2)>".into();
        export.customer.notes = Some("</script><script>alert(3)</script>".into());
        let html = render(&export, &info());
        assert!(!html.contains("<script>alert"), "no stored text becomes a script");
        assert!(!html.contains("<img src=x"), "no stored text becomes an element");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        // The JSON island cannot be closed early by a stored `</script>` either.
        let island = html.split("id=\"follicle-data\">").nth(1).unwrap();
        let json = island.split("</script>").next().unwrap();
        let parsed: serde_json::Value = serde_json::from_str(json).expect("the JSON island parses whole");
        assert_eq!(parsed["customer"]["notes"], "</script><script>alert(3)</script>");
    }

    #[test]
    fn the_document_loads_and_runs_nothing() {
        let html = render(&sample("王超", "138"), &info());
        assert!(html.contains("default-src 'none'; img-src data:"));
        assert_eq!(html.matches("<script").count(), 1, "only the JSON island");
        assert!(html.contains("<script type=\"application/json\""));
        assert!(!html.contains("http://") && !html.contains("https://"), "no other host named");
    }

    #[test]
    fn values_are_named_from_the_catalogue_in_both_languages() {
        let mut export = sample("王超", "138");
        export.customer.hair_loss_grade = Some(HairLossGrade::Norwood(3));
        export.customer.info_source = Some(InfoSource::Referral("<b>张阿姨</b>".into()));
        export.customer.gender = Some(crate::domain::Gender::Male);
        let html = render(&export, &info());
        assert!(html.contains("Norwood III 级 <span class=\"en\" lang=\"en\">Norwood III</span>"), "{html}");
        assert!(html.contains("朋友介绍：&lt;b&gt;张阿姨&lt;/b&gt; <span class=\"en\" lang=\"en\">A friend: &lt;b&gt;张阿姨&lt;/b&gt;</span>"));
        assert!(html.contains("男 <span class=\"en\" lang=\"en\">Male</span>"));
    }

    #[test]
    fn empty_sections_say_so() {
        let mut export = sample("王超", "138");
        export.photos.clear();
        export.purchases.clear();
        let html = render(&export, &info());
        assert!(html.matches("没有记录").count() >= 3, "purchases, complaints and photos say there is nothing");
    }
}
