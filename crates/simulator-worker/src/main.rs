//! The Run panel's worker: the page posts [`Command`]s as JSON text and gets [`Update`]s back,
//! one per command and one per slice of a run that goes on. Slices end every few tens of
//! milliseconds and the next is scheduled behind the messages already queued, so a pause comes through while
//! a flow runs; a stop ends the worker itself.

use flow_simulator::{Command, Session, Update};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Events per slice: tens of milliseconds of work, so a pause waits no longer, and the page
/// takes a running flow's steps in a few large updates rather than many small ones.
const SLICE: usize = 20_000;

struct Worker {
    scope: DedicatedWorkerGlobalScope,
    session: RefCell<Session>,
    /// Runs the next slice once the messages queued before it were handled: made once, as a
    /// closure must outlive its calls.
    next_slice: RefCell<Option<js_sys::Function>>,
}

impl Worker {
    fn post(&self, update: &Update) {
        let text = serde_json::to_string(update).expect("updates serialize");
        // A page that went away cannot be told; nothing to do then.
        let _ = self.scope.post_message(&JsValue::from_str(&text));
    }

    fn receive(&self, text: &str) {
        let update = match serde_json::from_str::<Command>(text) {
            Ok(command) => self.session.borrow_mut().handle(command, SLICE),
            // A page and a worker of two builds.
            Err(error) => Update::failed(format!("not a command: {error}")),
        };
        self.post(&update);
        self.schedule();
    }

    fn schedule(&self) {
        if !self.session.borrow().is_running() {
            return;
        }
        if let Some(next_slice) = &*self.next_slice.borrow() {
            // A zero timeout queues behind the messages already waiting (a pause among them).
            let _ = self
                .scope
                .set_timeout_with_callback_and_timeout_and_arguments_0(next_slice, 0);
        }
    }

    fn slice(&self) {
        if self.session.borrow().is_running() {
            let update = self.session.borrow_mut().work(SLICE);
            self.post(&update);
            self.schedule();
        }
    }
}

fn main() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let worker = Rc::new(Worker {
        scope: scope.clone(),
        session: RefCell::new(Session::default()),
        next_slice: RefCell::new(None),
    });
    let slicer = Rc::clone(&worker);
    let next_slice = Closure::<dyn FnMut()>::new(move || slicer.slice());
    *worker.next_slice.borrow_mut() = Some(next_slice.into_js_value().unchecked_into());
    let on_message =
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            match event.data().as_string() {
                Some(text) => worker.receive(&text),
                None => worker.post(&Update::failed("a command is JSON text".to_owned())),
            }
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // The page holds its commands until the worker is listening.
    let _ = scope.post_message(&JsValue::from_str("ready"));
}
