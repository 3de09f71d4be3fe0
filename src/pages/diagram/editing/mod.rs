//! Changes to the flow graph as plain functions, each tested natively: adding, removing and
//! linking steps, notes and groups, the clipboard, the selection and undo history.

pub mod clipboard;
pub mod decorations;
pub mod edit;
pub mod history;
pub mod selection;
pub mod wiring;
