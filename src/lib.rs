//! Flow Studio's web app: pages -> components -> api client, over the shared model crate.

pub mod api;
mod app;
pub mod browser;
pub mod components;
pub mod i18n;
pub mod nav;
pub mod pages;
pub mod session;
pub mod storage;

pub use app::App;
