//! The diagram editor's side panels in a real browser: the step form (typed fields, nested
//! lists opened up, switch cases added and removed, errors at the field) and the note and
//! group panel.

#![cfg(target_arch = "wasm32")]

mod support;

use flow_model::catalog::form::{self, FormEdit};
use flow_model::flow::PathSeg;
use flow_studio::pages::diagram::editing::decorations::DecorationAction;
use flow_studio::pages::diagram::view::decoration_panel::{DecorationPanel, Picked};
use flow_studio::pages::diagram::view::properties::{PropertiesPanel, StepData};
use leptos::prelude::*;
use serde_json::{json, Map, Value};
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn object(value: Value) -> Map<String, Value> {
    value.as_object().unwrap().clone()
}

/// The properties panel over one step, applying its edits as the editor does, and the edits
/// it asked for.
fn mount_form(
    app: &'static str,
    step: Value,
) -> (
    web_sys::HtmlElement,
    RwSignal<StepData>,
    RwSignal<Vec<FormEdit>>,
) {
    let data = RwSignal::new((app.to_owned(), object(step)));
    let edits = RwSignal::new(Vec::new());
    let page = mount(move || {
        provide_app(&[]);
        let step = Memo::new(move |_| Some(data.get()));
        let on_edit = Callback::new(move |edit: FormEdit| {
            edits.update(|edits| edits.push(edit.clone()));
            let mut changed = data.get_untracked();
            form::apply(app, &mut changed.1, &edit)?;
            data.set(changed);
            Ok(())
        });
        view! { <PropertiesPanel step on_edit raw=view! { <p>"raw"</p> }.into_any() /> }
    });
    (page, data, edits)
}

fn labels(page: &web_sys::HtmlElement) -> Vec<String> {
    texts(page, ".property-form .property label")
}

#[wasm_bindgen_test]
async fn a_list_opens_up_into_items_added_typed_and_removed() {
    let (page, data, _) = mount_form("playback", json!({"playback": {"files": []}}));
    wait(10).await;
    assert!(labels(&page).starts_with(&["files *".to_owned(), "terminator".to_owned()]));
    click(&page, ".property.collection button.add-item");
    wait(10).await;
    assert!(
        exists(&page, r#"textarea[name="files[0]"]"#),
        "{:?}",
        labels(&page)
    );
    // A wrong item is named at its field while typing, and is not written.
    type_into(&page, r#"textarea[name="files[0]"]"#, "[]");
    wait(10).await;
    assert_eq!(
        texts(&page, r#".property:has([name="files[0]"]) .error"#),
        ["must be an object {...}, got an array"]
    );
    assert_eq!(data.get_untracked().1["playback"]["files"], json!([{}]));
    type_into(
        &page,
        r#"textarea[name="files[0]"]"#,
        r#"{"name": "a.wav"}"#,
    );
    change(&page, r#"textarea[name="files[0]"]"#);
    wait(10).await;
    assert_eq!(
        data.get_untracked().1["playback"]["files"],
        json!([{"name": "a.wav"}])
    );
    click(
        &page,
        r#".property:has([name="files[0]"]) button.remove-item"#,
    );
    wait(10).await;
    assert_eq!(data.get_untracked().1["playback"]["files"], json!([]));
    assert!(!exists(&page, r#"textarea[name="files[0]"]"#));
    page.remove();
}

#[wasm_bindgen_test]
async fn switch_cases_are_added_by_name_and_a_taken_name_is_refused_at_the_field() {
    let (page, data, edits) = mount_form(
        "switch",
        json!({"switch": {"variable": "${digits}", "case": {}}}),
    );
    wait(10).await;
    for name in ["1", "2"] {
        type_into(&page, "input[name=case-new]", name);
        press(&page, "input[name=case-new]", "Enter");
        wait(10).await;
    }
    assert_eq!(
        data.get_untracked().1["switch"]["case"],
        json!({"1": [], "2": []})
    );
    assert_eq!(
        texts(&page, ".property.branch label"),
        ["1 *×", "2 *×"],
        "each case a removable branch"
    );
    type_into(&page, "input[name=case-new]", "2");
    click(&page, ".property.collection button.add-item");
    wait(10).await;
    assert_eq!(
        texts(&page, ".property.collection .error"),
        ["\"2\" is already there"]
    );
    let case = |key: &str| vec![PathSeg::Key("case".into()), PathSeg::Key(key.into())];
    click(
        &page,
        r#".property.branch:has(label[for="property-case.1"]) button.remove-item"#,
    );
    wait(10).await;
    assert_eq!(
        edits.get_untracked().last(),
        Some(&FormEdit::Remove(case("1")))
    );
    assert_eq!(data.get_untracked().1["switch"]["case"], json!({"2": []}));
    page.remove();
}

#[wasm_bindgen_test]
async fn nested_objects_show_their_fields_under_a_heading() {
    let (page, data, _) = mount_form("playback", json!({"playback": {"files": []}}));
    wait(10).await;
    assert!(exists(
        &page,
        r#".property.heading label[for="property-getDigits"]"#
    ));
    type_into(&page, r#"input[name="getDigits.setVar"]"#, "digits");
    change(&page, r#"input[name="getDigits.setVar"]"#);
    wait(10).await;
    assert_eq!(
        data.get_untracked().1["playback"]["getDigits"],
        json!({"setVar": "digits"})
    );
    page.remove();
}

#[wasm_bindgen_test]
async fn the_note_and_group_panels_ask_for_what_their_buttons_say() {
    let picked = RwSignal::new(Some(Picked::Group {
        label: "Menu".into(),
        collapsed: false,
        steps: 3,
    }));
    let asked = RwSignal::new(Vec::new());
    let page = mount(move || {
        provide_app(&[]);
        let shown = Memo::new(move |_| picked.get());
        let on_action = Callback::new(move |action: DecorationAction| {
            asked.update(|asked| asked.push(action));
        });
        view! { <DecorationPanel picked=shown on_action /> }
    });
    wait(10).await;
    assert_eq!(texts(&page, ".group-panel .muted"), ["Group Menu: 3 steps"]);
    click(&page, ".group-panel .decoration-actions button:first-child");
    type_into(&page, "input[name=group-name]", "Main menu");
    change(&page, "input[name=group-name]");
    picked.set(Some(Picked::Note { text: "Why".into() }));
    wait(10).await;
    let note: web_sys::HtmlTextAreaElement = find(&page, "textarea[name=note-text]");
    assert_eq!(note.value(), "Why");
    click(&page, ".note-panel button");
    assert_eq!(
        asked.get_untracked(),
        [
            DecorationAction::Collapse(true),
            DecorationAction::Rename("Main menu".into()),
            DecorationAction::RemoveNote
        ]
    );
    page.remove();
}
