//! What every step's screen is drawn from: the draft, the problems shown, the
//! language and today; and the small edits that change one part of the draft.

use std::rc::Rc;

use chrono::NaiveDate;
use yew::prelude::*;

use crate::domain::registration::{Draft, Problems};
use crate::i18n::{Lang, T, Msg};

/// The draft, changed by small edits so that quick taps never overwrite each other.
#[derive(Default, PartialEq)]
pub(super) struct DraftState(pub Draft);

type Edit = Rc<dyn Fn(&mut Draft)>;

impl Reducible for DraftState {
    type Action = Edit;
    fn reduce(self: Rc<Self>, edit: Edit) -> Rc<Self> {
        let mut draft = self.0.clone();
        edit(&mut draft);
        Rc::new(DraftState(draft))
    }
}

pub(super) struct Form {
    pub draft: UseReducerHandle<DraftState>,
    /// Shown only for a step where "next" was tried.
    pub problems: Problems,
    pub lang: Lang,
    pub today: NaiveDate,
}

impl Form {
    pub fn d(&self) -> &Draft {
        &self.draft.0
    }

    pub fn t(&self, text: T) -> &'static str {
        text.get(self.lang)
    }

    pub fn error_of(&self, field: &str) -> Option<Msg> {
        self.problems.iter().find(|(f, _)| *f == field).map(|(_, e)| e.clone())
    }

    /// A text field's input, written into one field of the draft.
    pub fn text(&self, put: fn(&mut Draft, String)) -> Callback<String> {
        let draft = self.draft.clone();
        Callback::from(move |v: String| draft.dispatch(Rc::new(move |d: &mut Draft| put(d, v.clone()))))
    }

    /// A box ticked or unticked.
    pub fn toggle(&self, flag: fn(&mut Draft) -> &mut bool) -> Callback<Event> {
        let draft = self.draft.clone();
        Callback::from(move |_: Event| draft.dispatch(Rc::new(move |d: &mut Draft| *flag(d) = !*flag(d))))
    }

    /// The options of a choice (labels from `table`), which one is chosen, and the
    /// callback that chooses.
    pub fn choice<E: Copy + PartialEq + 'static>(
        &self,
        table: &'static [(E, T)],
        get: fn(&Draft) -> Option<E>,
        put: fn(&mut Draft, E),
    ) -> (Vec<AttrValue>, Option<usize>, Callback<usize>) {
        let options = table.iter().map(|(_, t)| AttrValue::Static(t.get(self.lang))).collect();
        let selected = table.iter().position(|(e, _)| Some(*e) == get(self.d()));
        let draft = self.draft.clone();
        let onselect = Callback::from(move |i: usize| {
            let value = table[i].0;
            draft.dispatch(Rc::new(move |d: &mut Draft| put(d, value)))
        });
        (options, selected, onselect)
    }
}
