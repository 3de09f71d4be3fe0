//! An editor's list of problems: each a button that goes to where it is (`T`: a step, a line
//! and column), errors marked as such, or a word that there are none.

use crate::i18n::{use_i18n, Msg};
use flow_model::flow::Severity;
use leptos::prelude::*;

/// One problem as the list shows it.
#[derive(Clone, PartialEq, Debug)]
pub struct ProblemRow<T> {
    pub severity: Severity,
    /// Where it is, shown before the message (the code editor's line:column).
    pub place: Option<String>,
    pub message: String,
    /// What a click goes to.
    pub target: T,
}

#[component]
pub fn ProblemList<T>(
    #[prop(into)] rows: Signal<Vec<ProblemRow<T>>>,
    on_go: Callback<T>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    let i18n = use_i18n();
    view! {
        <h2>{move || i18n.t(Msg::Problems)}</h2>
        <ul>
            {move || {
                let rows = rows.get();
                if rows.is_empty() {
                    return view! { <li class="none">{i18n.t(Msg::NoProblems)}</li> }.into_any();
                }
                rows.into_iter().map(|row| {
                    let target = row.target;
                    view! {
                        <li>
                            <button
                                type="button"
                                class="problem"
                                class:error=row.severity == Severity::Error
                                on:click=move |_| on_go.run(target.clone())
                            >
                                {row.place.map(|place| view! { <span class="where">{place}</span> })}
                                {row.message}
                            </button>
                        </li>
                    }
                }).collect_view().into_any()
            }}
        </ul>
    }
}
