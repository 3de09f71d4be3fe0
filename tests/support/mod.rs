//! What the component tests share: mounting a view with the app's contexts, finding
//! elements, and acting like a user (typing, clicking, choosing).

#![allow(dead_code)] // each test file uses its own subset

use flow_model::l10n::Locale;
use flow_model::{Permission, Session, UserRef};
use flow_studio::components::toast::Toasts;
use flow_studio::i18n::I18n;
use flow_studio::session::Auth;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts `view` in a fresh element of the page.
pub fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> web_sys::HtmlElement {
    let parent: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&parent).unwrap();
    std::mem::forget(leptos::mount::mount_to(parent.clone(), view));
    parent
}

/// The texts the built app fetches with its editors, as it serves them.
const EDITOR_TEXTS: [(&str, &str, &str); 3] = [
    (
        "en",
        "run.ftl",
        include_str!("../../crates/model/locales/en/run.ftl"),
    ),
    (
        "ru",
        "run.ftl",
        include_str!("../../crates/model/locales/ru/run.ftl"),
    ),
    (
        "ru",
        "catalog.ftl",
        include_str!("../../crates/model/locales/ru/catalog.ftl"),
    ),
];

/// Adds the texts the editors fetch in the built app (components are mounted here without
/// their route, which fetches them).
pub fn add_editor_texts() {
    for locale in Locale::all() {
        for name in locale.texts_to_fetch() {
            let (_, _, text) = EDITOR_TEXTS
                .iter()
                .find(|(code, file, _)| *code == locale.code() && *file == name)
                .unwrap_or_else(|| panic!("the tests lack {}/{name}", locale.code()));
            locale.add_texts(name, text);
        }
    }
}

/// Provides what every page expects: a signed-in user with `permissions`, English, toasts,
/// the editors' texts.
pub fn provide_app(permissions: &[Permission]) -> Auth {
    let auth = Auth::load();
    auth.session.set(Some(Session {
        user: UserRef {
            id: 1,
            name: "operator".into(),
        },
        domain: "main".into(),
        permissions: permissions.to_vec(),
        admin: false,
    }));
    provide_context(auth);
    provide_context(I18n {
        lang: RwSignal::new(Locale::ENGLISH),
    });
    provide_context(Toasts::new());
    add_editor_texts();
    auth
}

pub fn find<T: JsCast>(parent: &web_sys::HtmlElement, css: &str) -> T {
    parent
        .query_selector(css)
        .unwrap()
        .unwrap_or_else(|| panic!("no {css}"))
        .unchecked_into()
}

pub fn exists(parent: &web_sys::HtmlElement, css: &str) -> bool {
    parent.query_selector(css).unwrap().is_some()
}

pub fn texts(parent: &web_sys::HtmlElement, css: &str) -> Vec<String> {
    let list = parent.query_selector_all(css).unwrap();
    (0..list.length())
        .map(|at| {
            list.item(at)
                .unwrap()
                .text_content()
                .unwrap_or_default()
                .trim()
                .to_owned()
        })
        .collect()
}

fn fire(target: &web_sys::EventTarget, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    target
        .dispatch_event(&web_sys::Event::new_with_event_init_dict(kind, &init).unwrap())
        .unwrap();
}

/// Types like a user into an input or a text area: sets the value and fires a bubbling
/// `input` event.
pub fn type_into(parent: &web_sys::HtmlElement, css: &str, text: &str) {
    let field: web_sys::HtmlElement = find(parent, css);
    js_sys::Reflect::set(&field, &"value".into(), &text.into()).unwrap();
    fire(&field, "input");
}

/// Leaves a field like a user does after typing: a bubbling `change` event.
pub fn change(parent: &web_sys::HtmlElement, css: &str) {
    fire(&find::<web_sys::HtmlElement>(parent, css), "change");
}

/// Chooses an option of a select and fires `change`.
pub fn choose(parent: &web_sys::HtmlElement, css: &str, value: &str) {
    let select: web_sys::HtmlSelectElement = find(parent, css);
    select.set_value(value);
    fire(&select, "change");
}

pub fn click(parent: &web_sys::HtmlElement, css: &str) {
    find::<web_sys::HtmlElement>(parent, css).click();
}

/// Presses a key on an element (a bubbling `keydown`).
pub fn press(parent: &web_sys::HtmlElement, css: &str, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    find::<web_sys::HtmlElement>(parent, css)
        .dispatch_event(&event)
        .unwrap();
}

/// Lets timers and effects run for `ms` milliseconds.
pub async fn wait(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    leptos::task::tick().await;
}
