//! Changes to the flow graph as plain functions, each tested natively: adding, removing and
//! linking steps, notes and groups, the clipboard, undo history and find.

pub mod clipboard;
pub mod decorations;
pub mod edit;
pub mod find;
pub mod history;
pub mod wiring;
