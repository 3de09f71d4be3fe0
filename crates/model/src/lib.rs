//! Flow Studio's model: the pure, I/O-free types and rules shared by the server and the SPA.
//!
//! - [`contract`]: the API's header, base path and each operation's method and path.
//! - [`api`]: the Webitel-compatible routing-schema API entities and bodies.
//! - [`query`]: search parameters, parsed from and written to URL query pairs.
//! - [`rules`]: what a valid flow name, description, tag list and schema are.
//! - [`access`]: permissions on flows and the role shortcuts.
//! - [`userinfo`]: who is signed in: the userinfo answer, written and read.
//! - [`transfer`]: flows as files: the Download format and the reading of uploads.
//! - [`assist`]: language help for code editors: completion, hover, underlines.
//! - [`lookup`]: Webitel's directories a step's field picks queues, calendars, lists, media
//!   files and mail profiles from.
//! - [`text_diff`]: line differences between two texts, for comparing versions.

pub mod access;
pub mod api;
pub mod assist;
pub mod catalog;
pub mod contract;
pub mod fields;
pub mod flow;
pub mod int64;
pub mod l10n;
pub mod lookup;
pub mod query;
pub mod rules;
pub mod templates;
pub mod text_diff;
pub mod transfer;
pub mod userinfo;

pub use access::{Permission, Permissions, Role};
pub use api::*;
pub use fields::{PatchField, SchemaField};
pub use query::{
    Paging, QueryError, ReferenceSearch, SchemaSearch, Sort, SortField, TagSearch, TextSearch,
    UsedObjectSearch, Uses,
};
pub use rules::{FieldError, Limits};
