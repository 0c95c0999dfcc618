//! 头发变化: one customer's pictures by scalp site and date, two of them compared
//! (first and latest by default), and their measurements as a trend with the change
//! since the first visit in words. Shared by the staff side and the customer's own
//! self-check (which shows exactly this, for the one identified customer, and nothing
//! else). A print layout gives the customer a sheet to take home.

use chrono::NaiveDate;
use yew::prelude::*;

use crate::actions;
use crate::context::use_app;
use crate::hooks::use_load;
use crate::domain::chart::line_chart;
use crate::domain::photo::{by_site, default_pair};
use crate::domain::progress::{changes, first_and_latest, series, summary, Metric, Trend};
use crate::domain::{MeasurementSet, PhotoMeta, ScalpSite};
use crate::i18n::{Label, Lang, Msg, T};
use crate::components::compare::{Compare, PhotoImage};

#[derive(Properties, PartialEq)]
pub struct ProgressViewProps {
    pub customer_id: AttrValue,
    /// A heading line naming the customer (王先生).
    pub title: AttrValue,
    /// Shown to staff (who may line up a comparison by hand), not the customer's own view.
    #[prop_or_default]
    pub staff: bool,
}

#[derive(Clone, PartialEq)]
struct Loaded {
    photos: Vec<PhotoMeta>,
    measurements: Vec<MeasurementSet>,
}

#[function_component(ProgressView)]
pub fn progress_view(props: &ProgressViewProps) -> Html {
    let ctx = use_app();
    let data = use_load(props.customer_id.clone(), |ctx, id| async move {
        actions::photos::progress_of(&ctx, &id).await.map(|(photos, measurements)| Loaded { photos, measurements })
    });
    let site = use_state(|| None::<ScalpSite>);
    // The two pictures compared (ids), once someone picks other than the default.
    let pair = use_state(|| None::<(String, String)>);
    let metric = use_state(|| Metric::Density);
    // How many times printing was asked for (0: the sheet is not drawn).
    let sheet = use_state(|| 0u32);
    let l = ctx.lang;

    use_effect_with(*sheet, |asked| {
        if *asked > 0 {
            wasm_bindgen_futures::spawn_local(async {
                // Print when every picture is drawn, or after 3 s with what there is.
                for _ in 0..30 {
                    gloo::timers::future::TimeoutFuture::new(100).await;
                    if gloo::utils::document().query_selector(".print-sheet .img-loading").ok().flatten().is_none() {
                        break;
                    }
                }
                let _ = gloo::utils::window().print();
            });
        }
    });

    let data = match &*data {
        None => return html! { <p class="status">{ ctx.t(T::Loading) }</p> },
        Some(Err(e)) => return html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> },
        Some(Ok(d)) => d,
    };

    let sites = by_site(&data.photos);
    let current = site.as_ref().filter(|s| sites.iter().any(|(x, _)| x == *s)).cloned().or_else(|| sites.first().map(|(s, _)| s.clone()));
    let timeline: Vec<&PhotoMeta> = sites.iter().find(|(s, _)| Some(s) == current.as_ref()).map(|(_, t)| t.clone()).unwrap_or_default();
    let chosen = pair
        .as_ref()
        .and_then(|(b, a)| Some((*timeline.iter().find(|p| &p.id == b)?, *timeline.iter().find(|p| &p.id == a)?)))
        .or_else(|| default_pair(&timeline));

    let site_tabs = html! {
        <div class="site-tabs" role="group" aria-label={ctx.t(T::ScalpSiteLabel)}>
            { for sites.iter().map(|(s, photos)| {
                let on = Some(s) == current.as_ref();
                let onclick = { let (site, pair, s) = (site.clone(), pair.clone(), s.clone()); Callback::from(move |_: MouseEvent| { pair.set(None); site.set(Some(s.clone())) }) };
                html! {
                    <button class={classes!("btn", on.then_some("primary"))} aria-pressed={on.to_string()} {onclick}>
                        { format!("{} ({})", s.label(l), photos.len()) }
                    </button>
                }
            }) }
        </div>
    };
    let pick = {
        let pair = pair.clone();
        let chosen_ids = chosen.map(|(b, a)| (b.id.clone(), a.id.clone(), b.taken_on, a.taken_on));
        Callback::from(move |(id, day): (String, NaiveDate)| {
            if let Some((b, a, _, a_day)) = chosen_ids.clone() {
                // Earlier than the right-hand picture replaces the left; later, the right.
                if day < a_day && id != a {
                    pair.set(Some((id, a)));
                } else if id != b {
                    pair.set(Some((b, id)));
                }
            }
        })
    };
    let timeline_html = html! {
        <ol class="timeline">
            { for timeline.iter().map(|p| {
                let role = chosen.and_then(|(b, a)| if b.id == p.id { Some(T::Before) } else if a.id == p.id { Some(T::After) } else { None });
                let onclick = pick.reform({ let (id, day) = (p.id.clone(), p.taken_on); move |_: MouseEvent| (id.clone(), day) });
                html! {
                    <li>
                        <button class={classes!("thumb", role.is_some().then_some("chosen"))} {onclick} aria-pressed={role.is_some().to_string()}>
                            <PhotoImage photo_id={p.id.clone()} thumb=true alt={format!("{} {}", p.site.label(l), p.taken_on)} />
                            <span class="thumb-date">{ p.taken_on.to_string() }</span>
                            if let Some(r) = role { <span class="thumb-role">{ format!("✓ {}", r.get(l)) }</span> }
                        </button>
                    </li>
                }
            }) }
        </ol>
    };

    let photos_html = match (timeline.len(), chosen) {
        (0, _) => html! { <p class="note">{ ctx.t(T::NoPhotosYet) }</p> },
        (1, _) | (_, None) => html! { <><p class="note">{ ctx.t(T::OnePhotoOnly) }</p>{ timeline_html }</> },
        (_, Some((before, after))) => html! {
            <>
                <Compare before={before.clone()} after={after.clone()} can_adjust={props.staff} />
                <p class="hint">{ ctx.t(T::PickHint) }</p>
                { timeline_html }
            </>
        },
    };

    // The sheet's full-size pictures load only once printing is asked for, not with
    // every opening of this view; the print dialog opens when they are all drawn.
    let print = {
        let sheet = sheet.clone();
        Callback::from(move |_: MouseEvent| sheet.set(sheet.wrapping_add(1)))
    };
    html! {
        <section class="progress-view">
            <div class="progress-head">
                <h1>{ props.title.clone() }</h1>
                <button class="btn big" onclick={print}>{ ctx.t(T::PrintSheet) }</button>
            </div>
            if !sites.is_empty() { { site_tabs } }
            { photos_html }
            { measurements_html(&data.measurements, *metric, metric.clone(), l) }
            if *sheet > 0 { { print_sheet(props.title.as_str(), &sites, &data.measurements, ctx.clock.today(), l) } }
        </section>
    }
}

fn measurements_html(sets: &[MeasurementSet], metric: Metric, set_metric: UseStateHandle<Metric>, l: Lang) -> Html {
    if sets.is_empty() {
        return html! { <section class="card-section measurements"><h2>{ T::Measurements.get(l) }</h2><p class="note">{ T::NoMeasurements.get(l) }</p></section> };
    }
    let found = first_and_latest(sets).map(|(first, latest)| changes(first, latest));
    let present: Vec<Metric> = Metric::ALL.into_iter().filter(|m| !series(sets, *m).is_empty()).collect();
    let metric = if present.contains(&metric) { metric } else { present.first().copied().unwrap_or(metric) };
    let points = series(sets, metric);
    let chart = line_chart(&points, 720.0, 300.0, 56.0);
    html! {
        <section class="card-section measurements">
            <h2>{ T::Measurements.get(l) }</h2>
            if let Some(list) = found {
                <p class="big-fact">{ Msg::new(T::LabelValue).arg(T::ChangeSinceFirst).arg(summary(&list)).get(l) }</p>
                <ul class="changes">
                    { for list.iter().map(|c| html! {
                        <li class={classes!(match c.trend { Trend::Better => "better", Trend::Worse => "worse", Trend::Same => "same" })}>
                            <span aria-hidden="true">{ match c.trend { Trend::Better => "✓ ", Trend::Worse => "⚠ ", Trend::Same => "＝ " } }</span>
                            { c.text.get(l).to_string() }
                        </li>
                    }) }
                </ul>
            }
            <div class="metric-tabs" role="group">
                { for present.iter().map(|m| {
                    let on = *m == metric;
                    let onclick = { let (set, m) = (set_metric.clone(), *m); Callback::from(move |_: MouseEvent| set.set(m)) };
                    html! { <button class={classes!("btn", on.then_some("primary"))} aria-pressed={on.to_string()} {onclick}>{ m.label().get(l).to_string() }</button> }
                }) }
            </div>
            if let Some(c) = chart {
                <svg class="trend" viewBox={format!("0 0 {} {}", c.width, c.height)} role="img"
                    aria-label={format!("{}: {}", metric.label().get(l), points.iter().map(|(d, v)| format!("{d} {v}")).collect::<Vec<_>>().join(", "))}>
                    { for c.y_ticks.iter().map(|(y, label)| html! {
                        <g>
                            <line x1="56" x2={(c.width - 16.0).to_string()} y1={y.to_string()} y2={y.to_string()} class="grid" />
                            <text x="48" y={(y + 7.0).to_string()} text-anchor="end">{ label.clone() }</text>
                        </g>
                    }) }
                    { for c.x_labels.iter().map(|(x, label)| html! {
                        <text x={x.to_string()} y={(c.height - 12.0).to_string()} text-anchor="middle">{ label.clone() }</text>
                    }) }
                    <path d={c.path.clone()} class="line" />
                    { for c.points.iter().map(|(x, y)| html! { <circle cx={x.to_string()} cy={y.to_string()} r="8" class="dot" /> }) }
                </svg>
            }
        </section>
    }
}

/// What the customer takes home: the first and latest picture of each site with their
/// dates, and the measurement changes. Shown only when printing (see styles).
fn print_sheet(title: &str, sites: &[(ScalpSite, Vec<&PhotoMeta>)], sets: &[MeasurementSet], today: NaiveDate, l: Lang) -> Html {
    let found = first_and_latest(sets).map(|(first, latest)| changes(first, latest)).unwrap_or_default();
    html! {
        <section class="print-sheet" aria-hidden="true">
            <h1>{ T::SheetTitle.get(l) }</h1>
            <p>{ format!("{title} · {today}") }</p>
            { for sites.iter().filter_map(|(site, timeline)| {
                // A site with one picture prints it alone, as the first.
                let (first, latest) = default_pair(timeline).or_else(|| timeline.first().map(|p| (*p, *p)))?;
                Some(html! {
                    <div class="sheet-site">
                        <h2>{ site.label(l) }</h2>
                        <div class="sheet-pair">
                            <figure><PhotoImage photo_id={first.id.clone()} alt={format!("{} {}", T::FirstImage.get(l), first.taken_on)} />
                                <figcaption>{ format!("{} {}", T::FirstImage.get(l), first.taken_on) }</figcaption></figure>
                            if latest.id != first.id {
                                <figure><PhotoImage photo_id={latest.id.clone()} alt={format!("{} {}", T::LatestImage.get(l), latest.taken_on)} />
                                    <figcaption>{ format!("{} {}", T::LatestImage.get(l), latest.taken_on) }</figcaption></figure>
                            }
                        </div>
                    </div>
                })
            }) }
            if !found.is_empty() {
                <h2>{ T::ChangeSinceFirst.get(l) }</h2>
                <ul>{ for found.iter().map(|c| html! { <li>{ c.text.get(l).to_string() }</li> }) }</ul>
            }
        </section>
    }
}
