//! 备份与恢复 (staff): the whole tablet to one file, and a file back in — merged, or
//! replacing everything after two confirmations — with a progress bar and a report.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::context::use_app;
use crate::components::choice_group::ChoiceGroup;
use crate::components::text_field::TextField;
use crate::actions;
use crate::components::backup_reminder::BackupReminder;
use crate::domain::backup::{check_new_passphrase, Mode, Report, SkipReason};
use crate::i18n::{Label, Msg, T};
use crate::storage::backup::{Progress, Step};

/// An object URL for a Blob, revoked when the last holder lets go.
struct ObjectUrl(String);

impl Drop for ObjectUrl {
    fn drop(&mut self) {
        let _ = web_sys::Url::revoke_object_url(&self.0);
    }
}

#[derive(Clone)]
struct Made {
    name: String,
    url: Rc<ObjectUrl>,
    customers: usize,
    photos: usize,
}

impl PartialEq for Made {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.url, &other.url)
    }
}

/// Starts the browser's download of `url` as `name`.
fn download(url: &str, name: &str) {
    let document = gloo::utils::document();
    let Ok(a) = document.create_element("a") else { return };
    let _ = a.set_attribute("href", url);
    let _ = a.set_attribute("download", name);
    if let (Some(body), Ok(a)) = (document.body(), a.dyn_into::<web_sys::HtmlElement>()) {
        let _ = body.append_child(&a);
        a.click();
        let _ = body.remove_child(&a);
    }
}

fn step_text(step: Step) -> T {
    step.label()
}

#[derive(Properties, PartialEq)]
struct ProgressBarProps {
    progress: Progress,
}

/// A bar and the same in words (the bar alone would be colour only).
#[function_component(ProgressBar)]
fn progress_bar(props: &ProgressBarProps) -> Html {
    let ctx = use_app();
    let Progress { step, done, total } = props.progress;
    let words = if total > 1 { format!("{} {done} / {total}", ctx.t(step_text(step))) } else { ctx.t(step_text(step)).to_string() };
    html! {
        <div class="backup-progress" role="status">
            if total > 1 {
                <progress max={total.to_string()} value={done.to_string()} aria-label={words.clone()} />
            } else {
                <progress aria-label={words.clone()} />
            }
            <p>{ words }</p>
        </div>
    }
}

#[function_component(Backup)]
pub fn backup() -> Html {
    let ctx = use_app();
    let l = ctx.lang;
    let progress = use_state(|| None::<Progress>);
    // Remounts the "last backup" line after a backup.
    let made_count = use_state(|| 0u32);

    // --- export ---
    let passphrase = use_state(String::new);
    let again = use_state(String::new);
    let plain = use_state(|| false);
    let busy = use_state(|| false);
    let export_error = use_state(|| None::<Msg>);
    let made = use_state(|| None::<Made>);

    let on_export = {
        let (ctx, passphrase, again, plain, busy, export_error, made, progress, made_count) =
            (ctx.clone(), passphrase.clone(), again.clone(), plain.clone(), busy.clone(), export_error.clone(), made.clone(), progress.clone(), made_count.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let chosen = if *plain {
                None
            } else {
                match check_new_passphrase(&passphrase, &again) {
                    Ok(p) => Some(p),
                    Err(e) => return export_error.set(Some(e)),
                }
            };
            export_error.set(None);
            made.set(None);
            busy.set(true);
            let (ctx, busy, export_error, made, progress, made_count, passphrase, again) =
                (ctx.clone(), busy.clone(), export_error.clone(), made.clone(), progress.clone(), made_count.clone(), passphrase.clone(), again.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let tell = {
                    let progress = progress.clone();
                    move |p: Progress| progress.set(Some(p))
                };
                let result = actions::backup::export(&ctx, chosen.as_deref(), &tell).await;
                progress.set(None);
                busy.set(false);
                match result {
                    Ok(exported) => {
                        let name = exported.name;
                        match web_sys::Url::create_object_url_with_blob(&exported.file) {
                            Ok(url) => {
                                download(&url, &name);
                                // Only a file handed to the download counts as the last backup.
                                if let Err(e) = actions::backup::delivered(&ctx, exported.made_at).await {
                                    export_error.set(Some(e));
                                }
                                made.set(Some(Made { name, url: Rc::new(ObjectUrl(url)), customers: exported.customers, photos: exported.photos }));
                            }
                            Err(_) => export_error.set(Some(crate::storage::backup::BackupFailure::Browser(String::new()).message())),
                        }
                        passphrase.set(String::new());
                        again.set(String::new());
                        made_count.set(*made_count + 1);
                    }
                    Err(e) => export_error.set(Some(e)),
                }
            });
        })
    };

    // --- restore ---
    let file = use_state(|| None::<web_sys::File>);
    let restore_pass = use_state(String::new);
    let mode = use_state(|| 0usize);
    // 0: not asked; 1 and 2: the first and second confirmation of "replace all" shown.
    let confirm = use_state(|| 0u8);
    let restore_error = use_state(|| None::<Msg>);
    let report = use_state(|| None::<Report>);

    let run_restore = {
        let (ctx, file, restore_pass, mode, confirm, busy, restore_error, report, progress) =
            (ctx.clone(), file.clone(), restore_pass.clone(), mode.clone(), confirm.clone(), busy.clone(), restore_error.clone(), report.clone(), progress.clone());
        Rc::new(move || {
            let Some(chosen) = (*file).clone() else {
                return restore_error.set(Some(Msg::from(T::RestoreNoFile)));
            };
            let mode = if *mode == 1 { Mode::Replace } else { Mode::Merge };
            confirm.set(0);
            restore_error.set(None);
            report.set(None);
            busy.set(true);
            let (ctx, restore_pass, busy, restore_error, report, progress) =
                (ctx.clone(), restore_pass.clone(), busy.clone(), restore_error.clone(), report.clone(), progress.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let tell = {
                    let progress = progress.clone();
                    move |p: Progress| progress.set(Some(p))
                };
                let pass = (*restore_pass).clone();
                let result = actions::backup::restore(&ctx, &chosen, &pass, mode, &tell).await;
                progress.set(None);
                busy.set(false);
                match result {
                    Ok(done) => {
                        restore_pass.set(String::new());
                        report.set(Some(done));
                    }
                    Err(e) => restore_error.set(Some(e)),
                }
            });
        })
    };
    let on_restore = {
        let (mode, confirm, file, restore_error, busy, run) = (mode.clone(), confirm.clone(), file.clone(), restore_error.clone(), busy.clone(), run_restore.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            if file.is_none() {
                return restore_error.set(Some(Msg::from(T::RestoreNoFile)));
            }
            if *mode == 1 {
                confirm.set(1);
            } else {
                run();
            }
        })
    };
    let on_file = {
        let (file, report, restore_error) = (file.clone(), report.clone(), restore_error.clone());
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            file.set(input.files().and_then(|f| f.get(0)));
            report.set(None);
            restore_error.set(None);
        })
    };
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |v: String| state.set(v))
    };
    let on_plain = {
        let plain = plain.clone();
        Callback::from(move |e: Event| plain.set(e.target_unchecked_into::<HtmlInputElement>().checked()))
    };
    let on_mode = {
        let (mode, confirm) = (mode.clone(), confirm.clone());
        Callback::from(move |i: usize| {
            mode.set(i);
            confirm.set(0);
        })
    };
    let confirm_first = {
        let confirm = confirm.clone();
        Callback::from(move |_: MouseEvent| confirm.set(2))
    };
    let confirm_second = {
        let run = run_restore.clone();
        Callback::from(move |_: MouseEvent| run())
    };
    let cancel = {
        let confirm = confirm.clone();
        Callback::from(move |_: MouseEvent| confirm.set(0))
    };

    let error_line = |e: &Option<Msg>| match e {
        Some(e) => html! { <p class="error" role="alert"><span aria-hidden="true">{ "⚠ " }</span>{ e.get(l).to_string() }</p> },
        None => html! {},
    };
    let report_html = match &*report {
        None => html! {},
        Some(report) => {
            let total = report.total();
            let reason = |r: &SkipReason| r.label();
            html! {
                <div class="restore-report" role="status">
                    <p class="status">{ ctx.t(T::RestoreDone) }</p>
                    <dl class="facts">
                        <dt>{ ctx.t(T::RestoreAdded) }</dt><dd class="added">{ total.added }</dd>
                        <dt>{ ctx.t(T::RestoreUpdated) }</dt><dd class="updated">{ total.updated }</dd>
                        <dt>{ ctx.t(T::RestoreUnchanged) }</dt><dd class="unchanged">{ total.unchanged }</dd>
                        <dt>{ ctx.t(T::RestoreRemoved) }</dt><dd class="removed">{ total.removed }</dd>
                        <dt>{ ctx.t(T::RestoreSkipped) }</dt><dd class="skipped">{ total.skipped_total() }</dd>
                    </dl>
                    <ul class="skip-reasons">
                        { for total.skipped.iter().map(|(r, n)| html! {
                            <li>{ Msg::new(T::LabelValue).arg(reason(r)).arg(*n).get(l) }</li>
                        }) }
                    </ul>
                </div>
            }
        }
    };
    let busy_now = *busy;

    html! {
        <section class="backup narrow">
            <h1>{ ctx.t(T::BackupTitle) }</h1>
            <BackupReminder key={*made_count} link={false} />
            if let Some(p) = *progress { <ProgressBar progress={p} /> }

            <h2>{ ctx.t(T::BackupMakeTitle) }</h2>
            <p class="hint">{ ctx.t(T::BackupMakeHint) }</p>
            <form class="backup-make" onsubmit={on_export} novalidate=true>
                if !*plain {
                    <TextField id="backup-pass" label={ctx.t(T::BackupPassphrase)} value={(*passphrase).clone()} oninput={set(&passphrase)}
                        lang={l} required=true input_type="password" autocomplete="new-password" hint={AttrValue::Static(ctx.t(T::BackupPassphraseHint))} />
                    <TextField id="backup-pass-again" label={ctx.t(T::BackupPassphraseAgain)} value={(*again).clone()} oninput={set(&again)}
                        lang={l} required=true input_type="password" autocomplete="new-password" />
                }
                <label class={classes!("choice", plain.then_some("checked"))}>
                    <input type="checkbox" id="backup-plain" checked={*plain} onchange={on_plain} />
                    { ctx.t(T::BackupNoEncryption) }
                </label>
                { error_line(&export_error) }
                <div class="actions">
                    <button class="btn primary big" type="submit" disabled={busy_now}>{ ctx.t(T::BackupStart) }</button>
                </div>
            </form>
            if let Some(m) = &*made {
                <div class="backup-made" role="status">
                    <p class="status">{ Msg::new(T::BackupDoneFile).arg(&m.name).get(l) }</p>
                    <p>{ Msg::new(T::BackupCountsOf).arg(m.customers).arg(m.photos).get(l) }</p>
                    <a class="btn big" href={m.url.0.clone()} download={m.name.clone()}>{ ctx.t(T::BackupDownloadAgain) }</a>
                </div>
            }

            <h2>{ ctx.t(T::RestoreTitle) }</h2>
            <p class="hint">{ ctx.t(T::RestoreHint) }</p>
            <form class="backup-restore" onsubmit={on_restore} novalidate=true>
                <div class="field">
                    <label for="restore-file">{ ctx.t(T::RestoreFile) }</label>
                    <input id="restore-file" type="file" accept=".follicle,application/octet-stream" onchange={on_file} />
                </div>
                <TextField id="restore-pass" label={ctx.t(T::RestorePassphrase)} value={(*restore_pass).clone()} oninput={set(&restore_pass)}
                    lang={l} input_type="password" autocomplete="off" />
                <ChoiceGroup id="restore-mode" legend={ctx.t(T::RestoreMode)} options={vec![AttrValue::Static(ctx.t(T::RestoreMerge)), AttrValue::Static(ctx.t(T::RestoreReplace))]}
                    selected={Some(*mode)} onselect={on_mode} lang={l} required=true />
                { error_line(&restore_error) }
                if *confirm == 0 {
                    <div class="actions">
                        <button class="btn primary big" type="submit" disabled={busy_now}>{ ctx.t(T::RestoreStart) }</button>
                    </div>
                }
            </form>
            if *confirm == 1 {
                <div class="confirm" role="alertdialog" aria-labelledby="confirm-1">
                    <p class="error" id="confirm-1"><span aria-hidden="true">{ "⚠ " }</span>{ ctx.t(T::RestoreConfirm1) }</p>
                    <div class="actions">
                        <button class="btn big" onclick={cancel.clone()}>{ ctx.t(T::Cancel) }</button>
                        <button class="btn primary big" onclick={confirm_first}>{ ctx.t(T::RestoreConfirm1Yes) }</button>
                    </div>
                </div>
            }
            if *confirm == 2 {
                <div class="confirm" role="alertdialog" aria-labelledby="confirm-2">
                    <p class="error" id="confirm-2"><span aria-hidden="true">{ "⚠ " }</span>{ ctx.t(T::RestoreConfirm2) }</p>
                    <div class="actions">
                        <button class="btn big" onclick={cancel}>{ ctx.t(T::Cancel) }</button>
                        <button class="btn primary big" onclick={confirm_second} disabled={busy_now}>{ ctx.t(T::RestoreConfirm2Yes) }</button>
                    </div>
                </div>
            }
            { report_html }
        </section>
    }
}
