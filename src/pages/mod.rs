//! One module per page.

pub mod code_flow;
pub mod diagram;
pub mod drop_in;
pub mod login;
pub mod registry;
