//! Reusable pieces of the pages.

pub mod code_editor;
pub mod conflict;
pub mod dependencies;
pub mod draft;
pub mod editor_shell;
pub mod flow_loader;
pub mod icon;
pub mod language_switch;
pub mod modal;
pub mod problem_list;
pub mod require_session;
pub mod run_panel;
pub mod save_outcome;
pub mod tag_input;
pub mod toast;
pub mod unsaved;
