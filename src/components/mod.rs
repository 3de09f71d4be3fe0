//! Reusable pieces of the pages.

pub mod require_session;
