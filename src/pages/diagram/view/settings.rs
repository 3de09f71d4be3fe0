//! The Flow settings dialog: a diagram's tags and description, saved with the diagram (the
//! name is typed in the toolbar), and the flows it runs and is used by. Wrong values are named
//! at their field at once.

use crate::components::dependencies::FlowDependencies;
use crate::components::modal::Modal;
use crate::components::tag_input::TagInput;
use crate::i18n::{use_i18n, Msg};
use crate::pages::diagram::document::FlowSettings;
use flow_model::FlowType;
use leptos::prelude::*;

#[component]
pub fn FlowSettingsModal(
    settings: RwSignal<FlowSettings>,
    kind: FlowType,
    /// The stored flow's id; none while it is new.
    flow_id: Signal<Option<i64>>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let tags = Signal::derive(move || settings.with(|settings| settings.tags.clone()));
    let problem = move || settings.with(|settings| settings.checked(i18n.locale()).err());
    view! {
        <Modal title=Signal::derive(move || i18n.t(Msg::FlowSettings)) on_close>
            <div class="flow-settings">
                <div class="field">
                    <label for="diagram-tags">{move || i18n.t(Msg::Tags)}</label>
                    <TagInput
                        tags
                        types=Signal::derive(move || vec![kind])
                        input_id="diagram-tags"
                        on_change=Callback::new(move |tags| settings.update(|settings| settings.tags = tags))
                    />
                </div>
                <label>
                    {move || i18n.t(Msg::Description)}
                    <textarea
                        name="description"
                        rows="4"
                        aria-invalid=move || problem().is_some().to_string()
                        prop:value=move || settings.with(|settings| settings.description.clone())
                        on:input=move |event| {
                            let typed = event_target_value(&event);
                            settings.update(|settings| settings.description = typed);
                        }
                    ></textarea>
                </label>
                <span class="error" role="alert">{problem}</span>
                {move || flow_id.get().map(|id| view! { <FlowDependencies id /> })}
                <div class="modal-actions">
                    <button class="primary" on:click=move |_| on_close.run(())>{move || i18n.t(Msg::Done)}</button>
                </div>
            </div>
        </Modal>
    }
}
