//! The few browser services the pages need, behind plain functions: saving a file, reading a
//! picked file, fetching one of the app's files, copying to the clipboard, showing a time,
//! waiting for typing to pause, and answering what is typed as it changes.

use flow_model::l10n::Locale;
use leptos::prelude::*;
use leptos::wasm_bindgen::{JsCast, JsValue};
use std::future::Future;
use std::time::Duration;
use web_sys::js_sys;

/// Offers `text` to the user as a download named `file_name`.
pub fn download_text(file_name: &str, text: &str) -> Result<(), String> {
    let fail = |error: JsValue| format!("cannot save {file_name}: {error:?}");
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = document();
    let link: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(fail)?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // The click has handed the blob to the browser's download; the URL is not needed after.
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// The bytes of a picked file, as they are on disk (decoding is the importer's, so that a file
/// that is not UTF-8 is refused rather than read with its letters replaced).
pub async fn read_file_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|error| format!("cannot read {}: {error:?}", file.name()))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The text of the app's own file at `path` (relative to the page's base).
pub async fn fetch_text(path: &str) -> Result<String, String> {
    let response = gloo_net::http::Request::get(path)
        .send()
        .await
        .map_err(|error| format!("{path}: {error}"))?;
    let html = response
        .headers()
        .get("content-type")
        .is_some_and(|kind| kind.starts_with("text/html"));
    // A file that is not there is answered by the app's page.
    if !response.ok() || html {
        return Err(format!("{path}: not found ({})", response.status()));
    }
    response
        .text()
        .await
        .map_err(|error| format!("{path}: {error}"))
}

/// Marks a moment for the browser benchmarks (`performance.mark`).
pub fn performance_mark(name: &str) {
    if let Some(performance) = window().performance() {
        let _ = performance.mark(name);
    }
}

/// Runs `work`, recorded as a `performance.measure` named `name` for the browser benchmarks.
pub fn measured<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let Some(performance) = window().performance() else {
        return work();
    };
    let start = format!("{name}-start");
    let _ = performance.mark(&start);
    let result = work();
    let _ = performance.measure_with_start_mark(name, &start);
    result
}

/// Puts `text` on the clipboard.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let clipboard = window().navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|error| {
            error
                .dyn_ref::<js_sys::Error>()
                .map(|error| String::from(error.message()))
                .unwrap_or_else(|| format!("{error:?}"))
        })
}

/// An epoch-milliseconds time as the user's locale writes a date and time.
pub fn format_time(epoch_ms: i64, locale: Locale) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(epoch_ms as f64));
    let options = js_sys::Object::new();
    for (key, value) in [
        ("year", "numeric"),
        ("month", "short"),
        ("day", "numeric"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
    ] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    date.to_locale_string(locale.code(), &options).into()
}

/// Runs the last of quickly repeated calls once they pause for `delay`. A call still waiting
/// when the component that made the debouncer goes away is cancelled: it would run after the
/// component's signals and stored values are gone (a panic on the first one it reads).
#[derive(Clone, Copy)]
pub struct Debouncer {
    delay: Duration,
    pending: StoredValue<Option<TimeoutHandle>, LocalStorage>,
}

impl Debouncer {
    /// A debouncer for the current component (its owner): cancelled when that is cleaned up.
    pub fn new(delay: Duration) -> Self {
        let debouncer = Self {
            delay,
            pending: StoredValue::new_local(None),
        };
        // Cleanups run before the owner's values are dropped, so `pending` is still there.
        on_cleanup(move || debouncer.cancel());
        debouncer
    }

    pub fn run(&self, action: impl FnOnce() + 'static) {
        self.cancel();
        let handle = set_timeout_with_handle(action, self.delay).ok();
        self.pending.set_value(handle);
    }

    pub fn cancel(&self) {
        if let Some(handle) = self.pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    }
}

/// The answer `ask` gives to the latest `question`, asked again whenever the question
/// changes (to another value: a signal set to what it was asks nothing); an answer to an
/// older question is dropped. Unlike a resource read in the view, waiting for it suspends
/// nothing around it, so a search field typed in keeps its focus and its list.
pub fn latest_answer<Question, Answer, Asked>(
    question: impl Fn() -> Question + Send + Sync + 'static,
    ask: impl Fn(Question) -> Asked + 'static,
) -> ReadSignal<Option<Answer>, LocalStorage>
where
    Question: PartialEq + Clone + Send + Sync + 'static,
    Answer: 'static,
    Asked: Future<Output = Answer> + 'static,
{
    let question = Memo::new(move |_| question());
    let answer = RwSignal::new_local(None);
    let asked = StoredValue::new(0u64);
    Effect::new(move |_| {
        let waiting = ask(question.get());
        let number = asked.get_value() + 1;
        asked.set_value(number);
        leptos::task::spawn_local(async move {
            let found = waiting.await;
            // Gone with its component, or overtaken by a newer question: dropped.
            if asked.try_get_value() == Some(number) {
                answer.try_set(Some(found));
            }
        });
    });
    answer.read_only()
}
