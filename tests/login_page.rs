//! The login page in a real browser: what it shows and when it lets the user submit.

#![cfg(target_arch = "wasm32")]

mod support;

use flow_studio::pages::login::LoginPage;
use leptos::prelude::*;
use leptos_router::components::Router;
use support::{find, mount, type_into};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mount_login() -> web_sys::HtmlElement {
    mount(|| {
        support::provide_app(&[]);
        view! { <Router><LoginPage /></Router> }
    })
}

#[wasm_bindgen_test]
async fn sign_in_is_enabled_only_when_every_field_is_filled() {
    let page = mount_login();
    support::wait(0).await;
    let submit: web_sys::HtmlButtonElement = find(&page, "button[type=submit]");
    assert_eq!(submit.text_content().unwrap(), "Sign in");
    assert!(submit.disabled());

    type_into(&page, "input[name=username]", "admin");
    type_into(&page, "input[name=password]", "secret");
    support::wait(0).await;
    assert!(submit.disabled(), "the domain is still empty");

    type_into(&page, "input[name=domain]", "main");
    support::wait(0).await;
    assert!(!submit.disabled());

    type_into(&page, "input[name=domain]", "   ");
    support::wait(0).await;
    assert!(submit.disabled(), "blank is not filled");
    page.remove();
}

#[wasm_bindgen_test]
async fn api_server_setting_opens_on_demand() {
    let page = mount_login();
    support::wait(0).await;
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
    support::wait(0).await;
    let base: web_sys::HtmlInputElement = find(&page, "input[name=api_base]");
    assert_eq!(base.value(), "/api");
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    page.remove();
}
