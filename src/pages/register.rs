//! 新顾客登记: the registration wizard. One topic per screen, a "why" beside every
//! step, consent before anything sensitive is kept, and one transaction to save.
//! The draft lives only in this page: leaving (or the idle timer) discards it.

use std::collections::HashSet;
use std::rc::Rc;

use chrono::NaiveDate;
use gloo::timers::callback::Timeout;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::{now_ms, AppContext, Route};
use crate::components::choice_group::ChoiceGroup;
use crate::components::text_field::TextField;
use crate::domain::consent::ConsentKind;
use crate::domain::notices::Notice;
use crate::domain::registration::{Draft, HairTypeChoice, SourceChoice, Step};
use crate::domain::validation::{check_name, check_phone};
use crate::domain::Customer;
use crate::i18n::{label_of, Label, Lang, Msg, T};
use crate::pages::choices::{DURATIONS, GENDERS, HAIR_TYPES, SOURCES};

/// How long the done screen stays before returning home.
const DONE_RETURN_MS: u32 = 10_000;

/// The draft, changed by small edits so that quick taps never overwrite each other.
#[derive(Default, PartialEq)]
struct DraftState(Draft);

type Edit = Rc<dyn Fn(&mut Draft)>;

impl Reducible for DraftState {
    type Action = Edit;
    fn reduce(self: Rc<Self>, edit: Edit) -> Rc<Self> {
        let mut draft = self.0.clone();
        edit(&mut draft);
        Rc::new(DraftState(draft))
    }
}

/// Which kind of match made the duplicate warning appear.
#[derive(Clone, Copy, PartialEq)]
enum Duplicate {
    Phone,
    NameAndBirth,
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn step_title(step: Step) -> T {
    step.label()
}

fn step_why(step: Step) -> T {
    match step {
        Step::Welcome | Step::Basic => T::WhyBasic,
        Step::Hair => T::WhyHair,
        Step::Health => T::WhyHealth,
        Step::Source => T::WhySource,
        Step::Consent => T::WhyConsent,
        Step::Review => T::WhyReview,
    }
}


#[function_component(Register)]
pub fn register() -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    let navigator = use_navigator().expect("inside a router");
    let draft = use_reducer(DraftState::default);
    let step = use_state(|| Step::Welcome);
    // Steps where "next" was tried: their problems show, and update as the customer types.
    let attempted = use_state(HashSet::<usize>::new);
    let duplicate = use_state(|| None::<Duplicate>);
    // The phone + name + birth date the customer chose to register anew despite a match.
    let duplicate_accepted = use_state(|| None::<String>);
    let saving = use_state(|| false);
    let save_error = use_state(|| None::<Msg>);
    let saved = use_state(|| None::<Rc<Customer>>);
    let heading = use_node_ref();
    let l = ctx.lang;
    let d = &draft.0;

    // A new step starts at the top with its title focused (screen readers announce it).
    {
        let heading = heading.clone();
        use_effect_with((*step, duplicate.is_some(), saved.is_some()), move |_| {
            gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0);
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    // The done screen returns home by itself.
    {
        let navigator = navigator.clone();
        use_effect_with(saved.is_some(), move |done| {
            let timer = done.then(|| Timeout::new(DONE_RETURN_MS, move || navigator.push(&Route::Home)));
            move || drop(timer)
        });
    }

    if let Some(customer) = &*saved {
        let who = customer.salutation(l);
        let greeting = Msg::new(T::WelcomeGreetingName).arg(who).get(l);
        let home = { let navigator = navigator.clone(); Callback::from(move |_| navigator.push(&Route::Home)) };
        return html! {
            <section class="wizard done" aria-live="polite">
                <h1 ref={heading} tabindex="-1">{ ctx.t(T::DoneTitle) }</h1>
                <p class="greeting">{ greeting }</p>
                <p class="lead">{ ctx.t(T::DoneBody) }</p>
                <p>{ ctx.t(T::DoneAuto) }</p>
                <button class="btn primary big" onclick={home}>{ ctx.t(T::Home) }</button>
            </section>
        };
    }

    let today = today();
    let problems = if attempted.contains(&step.index()) { d.problems(*step, today) } else { Vec::new() };
    let error_of = |field: &str| problems.iter().find(|(f, _)| *f == field).map(|(_, e)| e.clone());

    // Edits. Each builds a callback that changes one part of the draft.
    let text = |put: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |v: String| draft.dispatch(Rc::new(move |d: &mut Draft| put(d, v.clone()))))
    };
    let toggle = |flag: fn(&mut Draft) -> &mut bool| {
        let draft = draft.clone();
        Callback::from(move |_: Event| draft.dispatch(Rc::new(move |d: &mut Draft| *flag(d) = !*flag(d))))
    };
    fn choice<E: Copy + PartialEq + 'static>(
        draft: &UseReducerHandle<DraftState>,
        table: &'static [(E, T)],
        get: fn(&Draft) -> Option<E>,
        put: fn(&mut Draft, E),
        lang: Lang,
    ) -> (Vec<AttrValue>, Option<usize>, Callback<usize>) {
        let options = table.iter().map(|(_, t)| AttrValue::Static(t.get(lang))).collect();
        let selected = table.iter().position(|(e, _)| Some(*e) == get(&draft.0));
        let draft = draft.clone();
        let onselect = Callback::from(move |i: usize| {
            let value = table[i].0;
            draft.dispatch(Rc::new(move |d: &mut Draft| put(d, value)))
        });
        (options, selected, onselect)
    }

    let go_to = {
        let (step, duplicate, save_error) = (step.clone(), duplicate.clone(), save_error.clone());
        Callback::from(move |s: Step| {
            duplicate.set(None);
            save_error.set(None);
            step.set(s);
        })
    };
    let on_prev = {
        let (go_to, current) = (go_to.clone(), *step);
        Callback::from(move |_| {
            if let Some(prev) = current.prev() {
                go_to.emit(prev)
            }
        })
    };
    let on_next = {
        let (go_to, attempted, duplicate, accepted) = (go_to.clone(), attempted.clone(), duplicate.clone(), duplicate_accepted.clone());
        let (db, current, draft) = (ctx.db.clone(), *step, draft.clone());
        Callback::from(move |_| {
            let d = &draft.0;
            if !d.problems(current, today).is_empty() {
                let mut tried = (*attempted).clone();
                tried.insert(current.index());
                attempted.set(tried);
                return;
            }
            let Some(next) = current.next() else { return };
            if current != Step::Basic {
                go_to.emit(next);
                return;
            }
            // Before going on, tell the customer if they seem to be registered already.
            let (Ok(name), Ok(phone)) = (check_name(&d.name), check_phone(&d.phone)) else { return };
            let mut probe = Customer { name, phone: phone.digits, birth_date: d.birth(today), ..Customer::default() };
            probe.refresh_keys();
            let key = format!("{}|{}|{:?}", probe.phone_digits, probe.name_key, probe.birth_date);
            if accepted.as_deref() == Some(key.as_str()) {
                go_to.emit(next);
                return;
            }
            let (db, go_to, duplicate, accepted) = (db.clone(), go_to.clone(), duplicate.clone(), accepted.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match db.find_duplicates(&probe).await {
                    Ok(found) if !found.is_empty() => {
                        let by_phone = found.iter().any(|c| c.phone_digits == probe.phone_digits);
                        accepted.set(Some(key));
                        duplicate.set(Some(if by_phone { Duplicate::Phone } else { Duplicate::NameAndBirth }));
                    }
                    // No match, or the lookup failed: the save itself still goes through
                    // `add`, so nothing can be overwritten either way.
                    _ => go_to.emit(next),
                }
            });
        })
    };
    let on_save = {
        let (ctx, draft, saving, save_error, saved, go_to, attempted) =
            (ctx.clone(), draft.clone(), saving.clone(), save_error.clone(), saved.clone(), go_to.clone(), attempted.clone());
        Callback::from(move |_| {
            if *saving {
                return;
            }
            match draft.0.build(&ctx.settings.stamp(now_ms()), today) {
                Err(_) => {
                    attempted.set(Step::ALL.iter().map(|s| s.index()).collect());
                    if let Some(s) = draft.0.first_step_with_problems(today) {
                        go_to.emit(s);
                    }
                }
                Ok((customer, consents)) => {
                    saving.set(true);
                    let (db, search, saving, save_error, saved) =
                        (ctx.db.clone(), ctx.search.clone(), saving.clone(), save_error.clone(), saved.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        // Only after the transaction commits does the screen say "saved".
                        match db.save_registration(&customer, &consents).await {
                            Ok(()) => {
                                search.refresh(&db, &customer.id).await;
                                saved.set(Some(Rc::new(customer)))
                            }
                            Err(e) => save_error.set(Some(e.message())),
                        }
                        saving.set(false);
                    });
                }
            }
        })
    };

    let body = if let Some(kind) = *duplicate {
        let title = match kind {
            Duplicate::Phone => T::DuplicatePhoneTitle,
            Duplicate::NameAndBirth => T::DuplicateNameTitle,
        };
        let staff = { let navigator = navigator.clone(); Callback::from(move |_| navigator.push(&Route::Staff)) };
        let carry_on = {
            let (go_to, next) = (go_to.clone(), step.next().unwrap_or(Step::Hair));
            Callback::from(move |_| go_to.emit(next))
        };
        html! {
            <div class="duplicate" role="alert">
                <h1 ref={heading.clone()} tabindex="-1">{ ctx.t(title) }</h1>
                <p class="lead">{ ctx.t(T::DuplicateBody) }</p>
                <div class="actions">
                    <button class="btn big" onclick={staff}>{ ctx.t(T::OpenExisting) }</button>
                    <button class="btn primary big" onclick={carry_on}>{ ctx.t(T::ContinueNew) }</button>
                </div>
            </div>
        }
    } else {
        let fields = match *step {
            Step::Welcome => html! {
                <>
                    <p class="lead">{ ctx.t(T::WelcomeIntro) }</p>
                    <ul class="benefits">
                        { for [T::Benefit1, T::Benefit2, T::Benefit3].iter().map(|b| html! {
                            <li><span class="tick" aria-hidden="true">{ "✓" }</span>{ ctx.t(*b) }</li>
                        }) }
                    </ul>
                    <p>{ ctx.t(T::WelcomePrivacy) }</p>
                </>
            },
            Step::Basic => {
                let (options, selected, onselect) = choice(&draft, &GENDERS, |d| d.gender, |d, g| d.gender = Some(g), l);
                html! {
                    <>
                        <TextField id="reg-name" label={ctx.t(T::Name)} value={d.name.clone()} oninput={text(|d, v| d.name = v)}
                            lang={l} required=true hint={AttrValue::Static(ctx.t(T::NameHint))} error={error_of("name")} autocomplete="name" />
                        <ChoiceGroup id="reg-gender" legend={ctx.t(T::Gender)} {options} {selected} {onselect} lang={l} />
                        <TextField id="reg-birth" label={ctx.t(T::BirthDate)} value={d.birth_date.clone()} oninput={text(|d, v| d.birth_date = v)}
                            lang={l} input_type="date" error={error_of("birth_date")} />
                        <TextField id="reg-phone" label={ctx.t(T::Phone)} value={d.phone.clone()} oninput={text(|d, v| d.phone = v)}
                            lang={l} required=true input_type="tel" hint={AttrValue::Static(ctx.t(T::PhoneHint))} error={error_of("phone")} autocomplete="tel" />
                    </>
                }
            }
            Step::Hair => {
                let (options, selected, onselect) = choice(&draft, &HAIR_TYPES, |d| d.hair_type, |d, v| d.hair_type = Some(v), l);
                let (dur_options, dur_selected, dur_select) = choice(&draft, &DURATIONS, |d| d.hair_duration, |d, v| d.hair_duration = Some(v), l);
                html! {
                    <>
                        <p class="sensitive-note">{ ctx.t(T::SensitiveLater) }</p>
                        <ChoiceGroup id="reg-hair-type" legend={ctx.t(T::HairType)} {options} {selected} {onselect} lang={l} />
                        if d.hair_type == Some(HairTypeChoice::Other) {
                            <TextField id="reg-hair-other" label={ctx.t(T::HairTypeOther)} value={d.hair_type_other.clone()}
                                oninput={text(|d, v| d.hair_type_other = v)} lang={l} error={error_of("hair_type_other")} />
                        }
                        <ChoiceGroup id="reg-duration" legend={ctx.t(T::HairDuration)} options={dur_options} selected={dur_selected} onselect={dur_select} lang={l} />
                        <TextField id="reg-prior" label={ctx.t(T::PriorTreatment)} value={d.prior_treatment.clone()} oninput={text(|d, v| d.prior_treatment = v)}
                            lang={l} multiline=true hint={AttrValue::Static(ctx.t(T::PriorTreatmentHint))} error={error_of("prior_treatment")} />
                    </>
                }
            }
            Step::Health => html! {
                <>
                    <p class="sensitive-note">{ ctx.t(T::SensitiveLater) }</p>
                    <TextField id="reg-health" label={ctx.t(T::HealthNotes)} value={d.health_notes.clone()} oninput={text(|d, v| d.health_notes = v)}
                        lang={l} multiline=true hint={AttrValue::Static(ctx.t(T::HealthNotesHint))} error={error_of("health_notes")} />
                    <TextField id="reg-life" label={ctx.t(T::LifeNotes)} value={d.life_notes.clone()} oninput={text(|d, v| d.life_notes = v)}
                        lang={l} multiline=true hint={AttrValue::Static(ctx.t(T::LifeNotesHint))} error={error_of("life_notes")} />
                    <TextField id="reg-occupation" label={ctx.t(T::Occupation)} value={d.occupation.clone()} oninput={text(|d, v| d.occupation = v)}
                        lang={l} error={error_of("occupation")} />
                    <TextField id="reg-hobbies" label={ctx.t(T::Hobbies)} value={d.hobbies.clone()} oninput={text(|d, v| d.hobbies = v)}
                        lang={l} error={error_of("hobbies")} />
                </>
            },
            Step::Source => {
                let (options, selected, onselect) = choice(&draft, &SOURCES, |d| d.source, |d, v| d.source = Some(v), l);
                let detail = match d.source {
                    Some(SourceChoice::Referral) => Some(T::ReferralBy),
                    Some(SourceChoice::Other) => Some(T::SourceOtherDetail),
                    _ => None,
                };
                html! {
                    <>
                        <ChoiceGroup id="reg-source" legend={ctx.t(T::Source)} {options} {selected} {onselect} lang={l} />
                        if let Some(label) = detail {
                            <TextField id="reg-source-detail" label={ctx.t(label)} value={d.source_detail.clone()}
                                oninput={text(|d, v| d.source_detail = v)} lang={l} error={error_of("source_detail")} />
                        }
                    </>
                }
            }
            Step::Consent => {
                let boxes = [
                    (ConsentKind::PersonalInfo, d.consent_personal, toggle(|d| &mut d.consent_personal), "consent_personal"),
                    (ConsentKind::SensitiveInfo, d.consent_sensitive, toggle(|d| &mut d.consent_sensitive), "consent_sensitive"),
                    (ConsentKind::Marketing, d.consent_marketing, toggle(|d| &mut d.consent_marketing), "consent_marketing"),
                ];
                html! {
                    <>
                        { for boxes.into_iter().map(|(kind, checked, onchange, field)| {
                            let notice = Notice::for_kind(kind);
                            let required = kind == ConsentKind::PersonalInfo;
                            let id = format!("reg-{field}");
                            let error = error_of(field);
                            html! {
                                <div class={classes!("consent", checked.then_some("checked"), error.is_some().then_some("has-error"))}>
                                    <h2>{ notice.title(l) }</h2>
                                    <p class="notice-text">{ notice.body(l) }</p>
                                    <label class="agree">
                                        <input type="checkbox" id={id} {checked} {onchange} />
                                        <span>{ ctx.t(T::ConsentAgree) }</span>
                                        <span class={classes!("need", required.then_some("required"))}>
                                            { ctx.t(if required { T::ConsentRequired } else { T::ConsentOptional }) }
                                        </span>
                                    </label>
                                    if let Some(e) = error { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
                                </div>
                            }
                        }) }
                        if d.needs_guardian(today) {
                            <div class="guardian">
                                <h2>{ ctx.t(T::GuardianTitle) }</h2>
                                <p>{ ctx.t(T::GuardianIntro) }</p>
                                <TextField id="reg-guardian-name" label={ctx.t(T::GuardianName)} value={d.guardian_name.clone()}
                                    oninput={text(|d, v| d.guardian_name = v)} lang={l} required=true error={error_of("guardian_name")} />
                                <TextField id="reg-guardian-phone" label={ctx.t(T::GuardianPhone)} value={d.guardian_phone.clone()}
                                    oninput={text(|d, v| d.guardian_phone = v)} lang={l} required=true input_type="tel" error={error_of("guardian_phone")} />
                            </div>
                        }
                        <TextField id="reg-staff" label={ctx.t(T::StaffPresent)} value={d.staff_present.clone()}
                            oninput={text(|d, v| d.staff_present = v)} lang={l} hint={AttrValue::Static(ctx.t(T::StaffPresentHint))} error={error_of("staff_present")} />
                    </>
                }
            }
            Step::Review => review(d, l, today, &go_to),
        };
        html! {
            <>
                <h1 ref={heading.clone()} tabindex="-1">{ ctx.t(if *step == Step::Welcome { T::WelcomeTitle } else { step_title(*step) }) }</h1>
                if !problems.is_empty() { <p class="error" role="alert">{ ctx.t(T::FixBeforeSaving) }</p> }
                { fields }
            </>
        }
    };

    let progress = html! {
        <ol class="progress" aria-label={ctx.t(T::StepProgress)}>
            { for Step::ALL.iter().map(|s| {
                let current = *s == *step;
                let done = s.index() < step.index();
                html! {
                    <li class={classes!(current.then_some("current"), done.then_some("done"))}
                        aria-current={current.then_some("step")}>
                        <span class="marker" aria-hidden="true">{ if done { "✓".to_string() } else { (s.index() + 1).to_string() } }</span>
                        <span class="label">{ ctx.t(step_title(*s)) }</span>
                    </li>
                }
            }) }
        </ol>
    };

    let nav = match (*step, duplicate.is_some()) {
        (_, true) => html! {},
        (Step::Welcome, _) => html! {
            <div class="wizard-nav">
                <button class="btn primary big next" onclick={on_next}>{ ctx.t(T::Start) }</button>
            </div>
        },
        (Step::Review, _) => html! {
            <div class="wizard-nav">
                <button class="btn big" onclick={on_prev}>{ ctx.t(T::Prev) }</button>
                <button class="btn primary big next" onclick={on_save} disabled={*saving}>
                    { ctx.t(if *saving { T::Saving } else { T::SaveRegistration }) }
                </button>
            </div>
        },
        _ => html! {
            <div class="wizard-nav">
                <button class="btn big" onclick={on_prev}>{ ctx.t(T::Prev) }</button>
                <button class="btn primary big next" onclick={on_next}>{ ctx.t(T::Next) }</button>
            </div>
        },
    };

    html! {
        <section class="wizard">
            { progress }
            <div class="wizard-body">
                <div class="wizard-main">
                    { body }
                    if let Some(e) = &*save_error { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
                </div>
                if duplicate.is_none() {
                    <aside class="why" aria-labelledby="why-title">
                        <h2 id="why-title">{ ctx.t(T::WhyTitle) }</h2>
                        <p>{ ctx.t(step_why(*step)) }</p>
                    </aside>
                }
            </div>
            { nav }
        </section>
    }
}

/// The review step: every answer, grouped by step, each group with a way back.
fn review(d: &Draft, l: Lang, today: NaiveDate, go_to: &Callback<Step>) -> Html {
    let or_blank = |s: &str| if s.trim().is_empty() { T::NotFilled.get(l).to_string() } else { s.trim().to_string() };
    let opt = |s: Option<&'static str>| s.map(str::to_string).unwrap_or_else(|| T::NotFilled.get(l).to_string());
    let yes_no = |b: bool| T::get(if b { T::Agreed } else { T::Declined }, l).to_string();
    let hair_type = match d.hair_type {
        Some(HairTypeChoice::Other) if !d.hair_type_other.trim().is_empty() => d.hair_type_other.trim().to_string(),
        other => opt(label_of(other, l)),
    };
    let source = match (d.source, d.source_detail.trim()) {
        (Some(s), detail) if !detail.is_empty() => Msg::new(T::LabelValue).arg(s.label()).arg(detail).get(l),
        (s, _) => opt(label_of(s, l)),
    };
    let mut consents = vec![
        (T::get(T::StepConsent, l), format!(
            "{} · {} · {}",
            yes_no(d.consent_personal), yes_no(d.consent_sensitive), yes_no(d.consent_marketing)
        )),
    ];
    if d.needs_guardian(today) {
        consents.push((T::GuardianName.get(l), or_blank(&d.guardian_name)));
        consents.push((T::GuardianPhone.get(l), or_blank(&d.guardian_phone)));
    }
    let sections: Vec<(Step, Vec<(&'static str, String)>)> = vec![
        (Step::Basic, vec![
            (T::Name.get(l), or_blank(&d.name)),
            (T::Gender.get(l), opt(label_of(d.gender, l))),
            (T::BirthDate.get(l), or_blank(&d.birth_date)),
            (T::Phone.get(l), or_blank(&d.phone)),
        ]),
        (Step::Hair, vec![
            (T::HairType.get(l), hair_type),
            (T::HairDuration.get(l), opt(label_of(d.hair_duration, l))),
            (T::PriorTreatment.get(l), or_blank(&d.prior_treatment)),
        ]),
        (Step::Health, vec![
            (T::HealthNotes.get(l), or_blank(&d.health_notes)),
            (T::LifeNotes.get(l), or_blank(&d.life_notes)),
            (T::Occupation.get(l), or_blank(&d.occupation)),
            (T::Hobbies.get(l), or_blank(&d.hobbies)),
        ]),
        (Step::Source, vec![(T::Source.get(l), source)]),
        (Step::Consent, consents),
    ];
    html! {
        <div class="review">
            { for sections.into_iter().map(|(step, rows)| {
                let edit = go_to.reform(move |_| step);
                let has_problem = !d.problems(step, today).is_empty();
                html! {
                    <section class={classes!("review-group", has_problem.then_some("has-error"))}>
                        <div class="review-head">
                            <h2>{ step_title(step).get(l) }</h2>
                            <button class="btn edit" onclick={edit}
                                aria-label={format!("{} {}", T::Edit.get(l), step_title(step).get(l))}>{ T::Edit.get(l) }</button>
                        </div>
                        <dl class="facts">
                            { for rows.into_iter().map(|(k, v)| html! { <><dt>{ k }</dt><dd>{ v }</dd></> }) }
                        </dl>
                    </section>
                }
            }) }
        </div>
    }
}
