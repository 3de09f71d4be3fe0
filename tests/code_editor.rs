//! The code editor component in a real browser, where its module is not served (as when a
//! network or proxy blocks it): typing still works, in a plain text area that says why.

#![cfg(target_arch = "wasm32")]

mod support;

use flow_model::FlowType;
use flow_studio::components::code_editor::{CodeEditor, CodeEditorControl};
use leptos::prelude::*;
use support::{find, mount, texts, type_into};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn without_its_module_the_editor_falls_back_to_a_text_area_that_keeps_every_change() {
    let changes = RwSignal::new(Vec::<(String, u32)>::new());
    let control = CodeEditorControl::default();
    let page = mount(move || {
        support::provide_app(&[]);
        view! {
            <CodeEditor
                text="[]".to_owned()
                flow_type=Signal::stored(FlowType::Voice)
                read_only=false
                on_change=Callback::new(move |change| changes.update(|all| all.push(change)))
                on_save=Callback::new(|()| {})
                control
                label="Flow schema"
            />
        }
    });
    let mut waited = 0;
    while page.query_selector("textarea").unwrap().is_none() && waited < 100 {
        support::wait(50).await;
        waited += 1;
    }
    let area: web_sys::HtmlTextAreaElement = find(&page, "textarea");
    assert_eq!(area.value(), "[]");
    assert_eq!(
        area.get_attribute("aria-label").as_deref(),
        Some("Flow schema")
    );
    assert_eq!(
        texts(&page, "[role=status]"),
        ["The code editor could not load: editing as plain text."]
    );

    type_into(&page, "textarea", "[{\"answer\": \"\"}]");
    control.set_text("[{\"hangup\": \"\"}]");
    support::wait(0).await;
    assert_eq!(area.value(), "[{\"hangup\": \"\"}]");
    assert_eq!(
        changes.get_untracked(),
        [
            ("[{\"answer\": \"\"}]".to_owned(), 1),
            ("[{\"hangup\": \"\"}]".to_owned(), 2)
        ],
        "every change reaches the page, numbered"
    );

    // Going to a line and column puts the caret there (in UTF-16 units).
    control.go_to("[{\"hangup\": \"\"}]", 1, 3);
    assert_eq!(area.selection_start().unwrap(), Some(2));
    page.remove();
}
