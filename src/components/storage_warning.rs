//! 本机存储快满了: on the staff home when this site's storage is 80% used or more,
//! with the figures and what to do (back up, then delete old photos) before writes
//! start failing.

use yew::prelude::*;

use crate::domain::storage_use::StorageUse;
use crate::i18n::{human_bytes, Lang, Msg, T};
use crate::storage::device;

/// Reads the browser's estimate once and shows [`StorageWarningView`] if near full.
#[function_component(StorageWarning)]
pub fn storage_warning() -> Html {
    let lang = use_context::<crate::context::AppContext>().map(|c| c.lang).unwrap_or_default();
    let figures = use_state(|| None::<StorageUse>);
    {
        let figures = figures.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(e) = device::estimate().await {
                    figures.set(Some(StorageUse { used_bytes: e.used_bytes, quota_bytes: e.quota_bytes }));
                }
            });
        });
    }
    match *figures {
        Some(figures) => html! { <StorageWarningView {figures} {lang} /> },
        None => html! {},
    }
}

#[derive(Properties, PartialEq)]
pub struct StorageWarningViewProps {
    pub figures: StorageUse,
    pub lang: Lang,
}

/// The warning for given figures; nothing when there is room.
#[function_component(StorageWarningView)]
pub fn storage_warning_view(props: &StorageWarningViewProps) -> Html {
    let StorageWarningViewProps { figures, lang: l } = *props;
    let Some(percent) = figures.percent().filter(|_| figures.near_full()) else { return html! {} };
    let amount = Msg::new(T::StorageUsedOf).arg(percent).arg(human_bytes(figures.used_bytes)).arg(human_bytes(figures.quota_bytes)).get(l);
    html! {
        <section class="storage-warning" role="alert">
            <h2>{ T::StorageNearFull.get(l) }</h2>
            <p class="storage-figures">{ amount }</p>
            <p>{ T::StorageNearFullWhat.get(l) }</p>
        </section>
    }
}
