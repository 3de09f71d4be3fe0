//! Where things are in the app: the routes `app.rs` matches and the URLs that lead to them,
//! built from the same segment names, so each path is spelled once, here.

use crate::api::encode_component;
use crate::storage::Store;
use flow_model::{FlowType, RoutingSchema};
use leptos_router::{ParamSegment, StaticSegment};

const LOGIN: &str = "login";
const FLOWS: &str = "flows";
const NEW: &str = "new";
/// The route parameter holding a stored flow's id.
pub const FLOW_ID_PARAM: &str = "id";
/// The query parameter holding a new flow's type.
pub const NEW_FLOW_TYPE_PARAM: &str = "type";
/// The login page's query parameter naming where to go once signed in.
pub const AFTER_LOGIN_PARAM: &str = "next";
/// Where the registry view last shown is remembered (for the tab only).
const REGISTRY_URL_KEY: &str = "flow-studio.registry-url";

/// The registry's path: the root of the app.
pub const REGISTRY_PATH: &str = "/";

type Static = StaticSegment<&'static str>;

/// The login page's route.
pub const LOGIN_ROUTE: (Static,) = (StaticSegment(LOGIN),);
/// The root has no segment (the same as `path!("/")`).
pub const REGISTRY_ROUTE: () = ();

/// The route of a new flow in `editor`.
pub const fn new_flow_route(editor: EditorKind) -> (Static, Static, Static) {
    (
        StaticSegment(FLOWS),
        StaticSegment(NEW),
        StaticSegment(editor.as_str()),
    )
}

/// The route of a stored flow in `editor`.
pub const fn flow_route(editor: EditorKind) -> (Static, ParamSegment, Static) {
    (
        StaticSegment(FLOWS),
        ParamSegment(FLOW_ID_PARAM),
        StaticSegment(editor.as_str()),
    )
}

/// Which editor a flow is made with, and so which page opens it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum EditorKind {
    Code,
    Diagram,
}

impl EditorKind {
    /// The editor `flow` was made with: the diagram when its `editor` flag says so, else code
    /// (flows from before the diagram have no flag).
    pub fn of_flow(flow: &RoutingSchema) -> Self {
        if flow.editor.unwrap_or(false) {
            Self::Diagram
        } else {
            Self::Code
        }
    }

    /// The editor's name, as in its URLs and its drafts' keys.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Code => "code",
            Self::Diagram => "diagram",
        }
    }
}

/// The page of the stored flow `id` in `editor`.
pub fn flow_url(id: i64, editor: EditorKind) -> String {
    format!("/{FLOWS}/{id}/{}", editor.as_str())
}

/// The page of a new flow of type `kind` in `editor`.
pub fn new_flow_url(kind: FlowType, editor: EditorKind) -> String {
    format!(
        "/{FLOWS}/{NEW}/{}?{NEW_FLOW_TYPE_PARAM}={}",
        editor.as_str(),
        kind.as_str()
    )
}

/// The login page, returning to `here` (a path with its query) once signed in; the registry
/// is where it returns anyway.
pub fn login_url(here: &str) -> String {
    let login = login_path();
    if here.is_empty() || here == REGISTRY_PATH || here.starts_with(&login) {
        login
    } else {
        format!("{login}?{AFTER_LOGIN_PARAM}={}", encode_component(here))
    }
}

/// Where to go once signed in, given the login page's `next` parameter: only paths of this
/// app, never another site, else the registry.
pub fn after_login(next: Option<String>) -> String {
    match next {
        Some(next)
            if next.starts_with('/')
                && !next.starts_with("//")
                && !next.starts_with(&login_path()) =>
        {
            next
        }
        _ => REGISTRY_PATH.to_owned(),
    }
}

fn login_path() -> String {
    format!("/{LOGIN}")
}

/// The registry URL last shown in this tab, so an editor's Close returns to the same view.
pub fn registry_url() -> String {
    Store::Session
        .get(REGISTRY_URL_KEY)
        .unwrap_or_else(|| REGISTRY_PATH.to_owned())
}

/// Remembers the registry `url` shown, for [`registry_url`].
pub fn remember_registry_url(url: &str) {
    Store::Session.set(REGISTRY_URL_KEY, url);
}

#[cfg(test)]
mod tests {
    use super::*;
    use leptos_router::PossibleRouteMatch;

    #[test]
    fn flows_open_in_their_editor() {
        assert_eq!(flow_url(7, EditorKind::Diagram), "/flows/7/diagram");
        assert_eq!(flow_url(8, EditorKind::Code), "/flows/8/code");
        let mut flow = RoutingSchema::default();
        assert_eq!(EditorKind::of_flow(&flow), EditorKind::Code);
        flow.editor = Some(false);
        assert_eq!(EditorKind::of_flow(&flow), EditorKind::Code);
        flow.editor = Some(true);
        assert_eq!(EditorKind::of_flow(&flow), EditorKind::Diagram);
    }

    #[test]
    fn new_flows_open_in_their_editor() {
        assert_eq!(
            new_flow_url(FlowType::Voice, EditorKind::Diagram),
            "/flows/new/diagram?type=voice"
        );
        assert_eq!(
            new_flow_url(FlowType::Processing, EditorKind::Code),
            "/flows/new/code?type=processing"
        );
    }

    #[test]
    fn routes_match_the_urls_made_for_them() {
        for editor in [EditorKind::Code, EditorKind::Diagram] {
            let url = flow_url(42, editor);
            let stored = flow_route(editor).test(&url).expect("a match");
            assert!(stored.is_complete());
            assert_eq!(stored.params(), [(FLOW_ID_PARAM.into(), "42".to_owned())]);

            let url = new_flow_url(FlowType::Chat, editor);
            let (path, query) = url.split_once('?').expect("a query");
            assert!(new_flow_route(editor)
                .test(path)
                .expect("a match")
                .is_complete());
            assert_eq!(query, format!("{NEW_FLOW_TYPE_PARAM}=chat"));
        }
        let diagram = flow_url(1, EditorKind::Diagram);
        assert!(flow_route(EditorKind::Code).test(&diagram).is_none());
        let login = login_url(&diagram);
        let (path, query) = login.split_once('?').expect("a return");
        assert!(LOGIN_ROUTE.test(path).expect("a match").is_complete());
        assert!(query.starts_with(&format!("{AFTER_LOGIN_PARAM}=")));
    }

    #[test]
    fn login_url_returns_to_the_page() {
        assert_eq!(login_url("/"), "/login");
        assert_eq!(login_url(""), "/login");
        assert_eq!(login_url("/login?next=%2F"), "/login");
        assert_eq!(
            login_url("/?page=2&type=voice"),
            "/login?next=%2F%3Fpage%3D2%26type%3Dvoice"
        );
    }

    #[test]
    fn returns_only_to_paths_of_this_app() {
        assert_eq!(after_login(Some("/?page=2".into())), "/?page=2");
        assert_eq!(after_login(Some("//evil.example".into())), "/");
        assert_eq!(after_login(Some("https://evil.example".into())), "/");
        assert_eq!(after_login(Some("/login".into())), "/");
        assert_eq!(after_login(None), "/");
    }
}
