use thiserror::Error;

/// Why a flow cannot be run at all (anything less is logged in the run, as on the runtime).
#[derive(Debug, Error, PartialEq)]
pub enum SimulatorError {
    #[error("a flow schema is a JSON array of steps")]
    NotAnArray,
    #[error("the saved tests are not valid: {0}")]
    Tests(String),
}
