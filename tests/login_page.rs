//! The login page in a real browser: what it shows and when it lets the user submit.

#![cfg(target_arch = "wasm32")]

use flow_studio::pages::login::LoginPage;
use flow_studio::session::Auth;
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[component]
fn Harness() -> impl IntoView {
    provide_context(Auth::load());
    view! { <Router><LoginPage /></Router> }
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn mount() -> web_sys::HtmlElement {
    let parent: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&parent).unwrap();
    std::mem::forget(leptos::mount::mount_to(parent.clone(), Harness));
    parent
}

fn find<T: JsCast>(parent: &web_sys::HtmlElement, css: &str) -> T {
    parent
        .query_selector(css)
        .unwrap()
        .unwrap_or_else(|| panic!("no {css}"))
        .unchecked_into()
}

/// Types like a user: sets the value and fires a bubbling `input` event.
fn type_into(parent: &web_sys::HtmlElement, css: &str, text: &str) {
    let input: web_sys::HtmlInputElement = find(parent, css);
    input.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn sign_in_is_enabled_only_when_every_field_is_filled() {
    let page = mount();
    leptos::task::tick().await;
    let submit: web_sys::HtmlButtonElement = find(&page, "button[type=submit]");
    assert_eq!(submit.text_content().unwrap(), "Sign in");
    assert!(submit.disabled());

    type_into(&page, "input[name=username]", "admin");
    type_into(&page, "input[name=password]", "secret");
    leptos::task::tick().await;
    assert!(submit.disabled(), "the domain is still empty");

    type_into(&page, "input[name=domain]", "main");
    leptos::task::tick().await;
    assert!(!submit.disabled());

    type_into(&page, "input[name=domain]", "   ");
    leptos::task::tick().await;
    assert!(submit.disabled(), "blank is not filled");
    page.remove();
}

#[wasm_bindgen_test]
async fn api_server_setting_opens_on_demand() {
    let page = mount();
    leptos::task::tick().await;
    assert!(page
        .query_selector("input[name=api_base]")
        .unwrap()
        .is_none());
    let toggle: web_sys::HtmlButtonElement = find(&page, "button.link");
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    toggle.click();
    leptos::task::tick().await;
    let base: web_sys::HtmlInputElement = find(&page, "input[name=api_base]");
    assert_eq!(base.value(), "/api");
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    page.remove();
}
