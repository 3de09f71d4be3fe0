use thiserror::Error;

/// Why a flow cannot be run at all (anything less is logged in the run, as on the runtime).
#[derive(Clone, Debug, Error, PartialEq)]
pub enum SimulatorError {
    #[error("a flow schema is a JSON array of steps")]
    NotAnArray,
    #[error("the saved tests are not valid: {0}")]
    Tests(String),
    #[error("{0:?}: expected name=value")]
    NotAPair(String),
    #[error("{0:?}: expected 'METHOD URLGLOB=STATUS BODY', such as 'GET https://api/*=200 {{\"ok\":true}}', or =timeout, =error")]
    NotAnHttpAnswer(String),
    #[error("{0:?}: expected open, closed, expired or exception")]
    NotACalendarState(String),
}
