//! Runs a flow before it goes live, as Webitel's runtime (`flow_manager`) runs it: the same
//! stepping (positions, stale ones included), the same variables (all text, Go's formatting),
//! the same JavaScript rules (ES5), its surprises kept. Plain Rust and deterministic: the
//! outside world (the caller, HTTP, calendars, queues, other flows) is given as [`Mocks`] and
//! [`Input`]s, and every step is recorded.

mod apps;
mod clock;
mod error;
mod js;
mod mocks;
mod program;
mod run;
mod script;
mod session;
mod text;

pub use error::SimulatorError;
pub use js::es5_refusal;
pub use mocks::{
    called_flows, name_and_value, read_lines, BridgeOutcome, CalendarState, Channel, HttpAnswer,
    HttpMock, Mocks, QueueEvent, QueueScript,
};
pub use run::{
    AppOutcome, Change, Ended, Event, Input, Output, Simulator, StepRecord, Wait, DEFAULT_BUDGET,
};
pub use script::{run, tests_in, Dropped, Expectation, Inputs, Report, ReportStep, TestCase};
pub use session::{
    Changes, Command, Mode, RunState, Session, Tested, Update, VariableChange, HISTORY_TAIL,
    LOG_TAIL,
};
