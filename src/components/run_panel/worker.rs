//! The page's side of the simulator's worker: started when a run first starts (so a page that
//! never runs a flow never downloads the simulator), commands held until it listens, updates
//! handed on as they come. Stopping ends the worker itself, whatever the flow is doing.

use flow_simulator::{Command, Update};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

/// The worker's loader, as the build names it, beside the page (under its `<base href>`).
const WORKER_SCRIPT: &str = "./flow-simulator-worker_loader.js";

pub struct SimulatorWorker {
    worker: Worker,
    /// Commands sent before the worker listened, in order.
    held: std::rc::Rc<std::cell::RefCell<Option<Vec<String>>>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl SimulatorWorker {
    /// Starts the worker; `on_update` gets each update (a worker that fails to load reports a
    /// failed run).
    pub fn start(on_update: impl Fn(Update) + 'static) -> Result<Self, String> {
        let worker = Worker::new(WORKER_SCRIPT).map_err(|error| format!("{error:?}"))?;
        let held = std::rc::Rc::new(std::cell::RefCell::new(Some(Vec::<String>::new())));
        let on_update = std::rc::Rc::new(on_update);
        let (listening, ready_worker, report) = (held.clone(), worker.clone(), on_update.clone());
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(text) = event.data().as_string() else {
                return;
            };
            if text == "ready" {
                for command in listening.borrow_mut().take().unwrap_or_default() {
                    let _ = ready_worker.post_message(&JsValue::from_str(&command));
                }
                return;
            }
            match serde_json::from_str::<Update>(&text) {
                Ok(update) => report(update),
                Err(error) => report(Update::failed(format!("{error}"))),
            }
        });
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_event: web_sys::Event| {
            on_update(Update::failed("the simulator did not load".to_owned()));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Self {
            worker,
            held,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    pub fn send(&self, command: &Command) {
        let text = serde_json::to_string(command).expect("commands serialize");
        match &mut *self.held.borrow_mut() {
            Some(held) => held.push(text),
            None => {
                let _ = self.worker.post_message(&JsValue::from_str(&text));
            }
        }
    }
}

impl Drop for SimulatorWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}
