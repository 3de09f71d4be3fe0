//! Where things are in the app: the routes `app.rs` matches and the URLs that lead to them,
//! built from the same segment names, so each path is spelled once, here.

use crate::api::encode_component;
use crate::storage::Store;
use flow_model::{FlowType, RoutingSchema};
use leptos_router::{OptionalParamSegment, ParamSegment, StaticSegment};
use std::sync::OnceLock;

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
/// The drop-in route's parameter holding a flow's type (Webitel's admin may leave it empty).
pub const DROP_IN_TYPE_PARAM: &str = "type";

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

/// The route Webitel's admin opens its Flow Diagram app at: `{VITE_FLOW_DIAGRAM_URL}/{id}/{type}`,
/// with `new` for the id of a new flow and the type empty for a stored one (webitel/client
/// `src/modules/routing/modules/flow/modules/diagram/components/opened-flow-diagram.vue`).
pub const DROP_IN_ROUTE: (ParamSegment, OptionalParamSegment) = (
    ParamSegment(FLOW_ID_PARAM),
    OptionalParamSegment(DROP_IN_TYPE_PARAM),
);

/// Where a drop-in URL leads: the stored flow `id`, or a new flow of `kind` (untyped when the
/// type is missing or unknown, as Webitel's `default`), in the diagram editor; `None` when `id` is neither.
pub fn drop_in_target(id: &str, kind: Option<&str>) -> Option<String> {
    if id == NEW {
        let kind = kind.and_then(|kind| kind.parse().ok()).unwrap_or_default();
        return Some(new_flow_url(kind, EditorKind::Diagram));
    }
    let id: i64 = id.parse().ok().filter(|id| *id > 0)?;
    Some(flow_url(id, EditorKind::Diagram))
}

/// The path the app is served under, without its trailing `/` (empty at the root): the path of
/// the page's `<base href>`, which the server writes (`--base-path`).
pub fn base_path() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let base_url = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.base_uri().ok().flatten())
            .and_then(|uri| web_sys::Url::new(&uri).ok());
        base_path_of(&base_url.map(|url| url.pathname()).unwrap_or_default())
    })
}

/// The app's base path given the path of its `<base href>`.
fn base_path_of(base_href_path: &str) -> String {
    base_href_path.trim_end_matches('/').to_owned()
}

/// `path` (as the browser shows it) without the app's base path, as the routes and URLs here
/// spell it.
pub fn app_path<'a>(path: &'a str, base: &str) -> &'a str {
    match path.strip_prefix(base) {
        Some("") => REGISTRY_PATH,
        Some(rest) if rest.starts_with('/') => rest,
        _ => path,
    }
}

/// The browser's address of the app's `path` (a route, or a file the build puts beside the
/// app such as the code editor's bundle), for links; navigation adds the base path itself.
pub fn href(path: &str) -> String {
    format!("{}{path}", base_path())
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

/// The query parameter naming the step an editor opens at: its place in the schema (a JSON
/// pointer, as a run and a search inside flows name it).
pub const STEP_PARAM: &str = "step";
/// The query parameter naming the diagram note the diagram editor opens at.
pub const NOTE_PARAM: &str = "note";

/// Where in a flow its editor opens: a step selected and shown (the code editor's cursor on its
/// line), or a note of the diagram.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum OpenAt {
    Step(String),
    Note(String),
}

impl OpenAt {
    /// From an editor's query parameters; a blank value names nothing.
    pub fn from_query(step: Option<String>, note: Option<String>) -> Option<Self> {
        let given = |value: Option<String>| value.filter(|value| !value.is_empty());
        given(step)
            .map(Self::Step)
            .or_else(|| given(note).map(Self::Note))
    }
}

/// The page of the stored flow `id` in `editor`, opened `at` a step or note; the code editor
/// has no notes to open at.
pub fn flow_url_at(id: i64, editor: EditorKind, at: &OpenAt) -> String {
    let (param, value) = match (at, editor) {
        (OpenAt::Step(place), _) => (STEP_PARAM, place),
        (OpenAt::Note(id), EditorKind::Diagram) => (NOTE_PARAM, id),
        (OpenAt::Note(_), EditorKind::Code) => return flow_url(id, editor),
    };
    format!(
        "{}?{param}={}",
        flow_url(id, editor),
        encode_component(value)
    )
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
/// is where it returns anyway. Already on the login page, it stays with the return it has.
pub fn login_url(here: &str) -> String {
    let login = login_path();
    if here.starts_with(&login) {
        here.to_owned()
    } else if here.is_empty() || here == REGISTRY_PATH {
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
    fn flows_open_at_a_step_or_a_note() {
        let step = OpenAt::Step("/1/if/then/0".into());
        assert_eq!(
            flow_url_at(7, EditorKind::Diagram, &step),
            "/flows/7/diagram?step=%2F1%2Fif%2Fthen%2F0"
        );
        assert_eq!(
            flow_url_at(7, EditorKind::Code, &step),
            "/flows/7/code?step=%2F1%2Fif%2Fthen%2F0"
        );
        let note = OpenAt::Note("n 1".into());
        assert_eq!(
            flow_url_at(7, EditorKind::Diagram, &note),
            "/flows/7/diagram?note=n%201"
        );
        assert_eq!(flow_url_at(7, EditorKind::Code, &note), "/flows/7/code");
        assert_eq!(
            OpenAt::from_query(Some("/0".into()), Some("n1".into())),
            Some(OpenAt::Step("/0".into()))
        );
        assert_eq!(
            OpenAt::from_query(Some(String::new()), Some("n1".into())),
            Some(OpenAt::Note("n1".into()))
        );
        assert_eq!(OpenAt::from_query(None, None), None);
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
    fn drop_in_urls_open_the_diagram_editor() {
        assert_eq!(
            drop_in_target("42", Some("")).as_deref(),
            Some("/flows/42/diagram")
        );
        assert_eq!(
            drop_in_target("42", None).as_deref(),
            Some("/flows/42/diagram")
        );
        assert_eq!(
            drop_in_target("new", Some("chat")).as_deref(),
            Some("/flows/new/diagram?type=chat")
        );
        assert_eq!(
            drop_in_target("new", Some("")).as_deref(),
            Some("/flows/new/diagram?type=default")
        );
        assert_eq!(drop_in_target("login2", None), None);
        assert_eq!(drop_in_target("-3", None), None);
        assert_eq!(drop_in_target("0", None), None);
        for (url, id, kind) in [
            ("/42/voice", "42", Some("voice")),
            ("/42", "42", None),
            ("/new/service", "new", Some("service")),
        ] {
            let matched = DROP_IN_ROUTE.test(url).expect("a match");
            assert!(matched.is_complete(), "{url}");
            let params = matched.params();
            assert_eq!(params[0], (FLOW_ID_PARAM.into(), id.to_owned()));
            assert_eq!(
                params.get(1).map(|(_, value)| value.as_str()),
                kind,
                "{url}"
            );
        }
    }

    #[test]
    fn the_base_path_is_left_out_of_app_paths() {
        assert_eq!(base_path_of("/"), "");
        assert_eq!(base_path_of("/flow-diagram/"), "/flow-diagram");
        assert_eq!(
            app_path("/flow-diagram/flows/7/diagram", "/flow-diagram"),
            "/flows/7/diagram"
        );
        assert_eq!(app_path("/flow-diagram", "/flow-diagram"), "/");
        assert_eq!(
            app_path("/flow-diagrams/x", "/flow-diagram"),
            "/flow-diagrams/x"
        );
        assert_eq!(app_path("/flows/7/code", ""), "/flows/7/code");
    }

    #[test]
    fn login_url_returns_to_the_page() {
        assert_eq!(login_url("/"), "/login");
        assert_eq!(login_url(""), "/login");
        assert_eq!(
            login_url("/login?next=%2Fflows%2F7%2Fcode"),
            "/login?next=%2Fflows%2F7%2Fcode"
        );
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
