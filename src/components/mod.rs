//! Reusable pieces of the pages.

pub mod code_editor;
pub mod draft;
pub mod flow_loader;
pub mod icon;
pub mod modal;
pub mod require_session;
pub mod save_outcome;
pub mod tag_input;
pub mod toast;
pub mod unsaved;
