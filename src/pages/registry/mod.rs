//! The Flow page: the registry of a domain's flows. The view (page, size, sort, search,
//! filters) lives in the URL; the pieces below share one [`Registry`] state through context.

pub mod create_modal;
pub mod delete_modal;
pub mod filters;
pub mod header;
pub mod import_modal;
pub mod table;
pub mod text_results;
pub mod view;

use crate::api::ApiError;
use crate::components::require_session::RequireSession;
use crate::i18n::{fetch_editor_texts, use_i18n};
use crate::nav::remember_registry_url;
use crate::session::{use_auth, Auth};
use create_modal::CreateModal;
use delete_modal::DeleteModal;
use filters::Filters;
use flow_model::transfer::ImportedFlow;
use flow_model::{ListResponse, Permission, RoutingSchema, TextMatch};
use header::Header;
use import_modal::ImportModal;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use table::FlowTable;
use text_results::TextResults;
use view::RegistryView;

/// The modal open over the registry, if any.
#[derive(Clone)]
pub enum Dialog {
    Create,
    Import {
        file_name: String,
        flow: Box<ImportedFlow>,
    },
    Delete(Vec<RoutingSchema>),
}

pub type FlowPage = Result<ListResponse<RoutingSchema>, ApiError>;
pub type TextPage = Result<ListResponse<TextMatch>, ApiError>;

/// What the pieces of the page share.
#[derive(Clone, Copy)]
pub struct Registry {
    pub view: Memo<RegistryView>,
    pub flows: LocalResource<FlowPage>,
    /// The places inside flows holding the search text, while the view searches inside them.
    pub texts: LocalResource<Option<TextPage>>,
    /// Whether the server can tell what flows use and search inside them (Webitel's engine
    /// cannot); so it is taken to until it says otherwise.
    pub knows_contents: LocalResource<bool>,
    pub selected: RwSignal<Vec<i64>>,
    pub dialog: RwSignal<Option<Dialog>>,
    refreshes: RwSignal<u64>,
    auth: Auth,
    navigate: StoredValue<Callback<String>>,
}

impl Registry {
    /// The state of a registry showing `view`, listing `flows`, going to other views (URLs)
    /// through `navigate`.
    pub fn new(
        view: Memo<RegistryView>,
        flows: LocalResource<FlowPage>,
        refreshes: RwSignal<u64>,
        navigate: Callback<String>,
        auth: Auth,
    ) -> Self {
        let i18n = use_i18n();
        let texts = LocalResource::new(move || {
            let search = view.get().text_search();
            refreshes.track();
            let client = auth.client();
            async move {
                let search = search?;
                let found = client.search_texts(&search).await;
                // Steps are named in the reader's language: the catalog's texts.
                fetch_editor_texts(i18n.locale_untracked()).await;
                Some(found)
            }
        });
        let knows_contents = LocalResource::new(move || {
            let client = auth.client();
            async move { client.knows_flow_contents().await.unwrap_or(true) }
        });
        Self {
            view,
            flows,
            texts,
            knows_contents,
            selected: RwSignal::new(Vec::new()),
            dialog: RwSignal::new(None),
            refreshes,
            auth,
            navigate: StoredValue::new(navigate),
        }
    }

    /// Shows another view (a new history entry, so Back returns to this one).
    pub fn go(&self, view: RegistryView) {
        self.navigate.get_value().run(view.to_url());
    }

    /// Fetches the current view again.
    pub fn refresh(&self) {
        self.refreshes.update(|count| *count += 1);
    }

    pub fn client(&self) -> crate::api::ApiClient {
        self.auth.client()
    }

    /// Whether the server can search inside flows and tell what they use; taken to until it
    /// answers.
    pub fn contents_known(&self) -> bool {
        self.knows_contents.get().unwrap_or(true)
    }

    pub fn can(&self, permission: Permission) -> bool {
        self.auth
            .session
            .with(|session| session.as_ref().is_some_and(|s| s.can(permission)))
    }

    /// The flows of the page as loaded, if they are.
    pub fn items(&self) -> Vec<RoutingSchema> {
        match self.flows.get() {
            Some(Ok(page)) => page.items,
            _ => Vec::new(),
        }
    }
}

pub fn use_registry() -> Registry {
    expect_context::<Registry>()
}

// The production build (`split` feature) fetches what only some visits use (the search inside
// flows, the "Create new flow" modal with its templates) when it is first shown, so a first
// visit to the flow list downloads only the list.

#[cfg_attr(feature = "split", leptos::lazy)]
async fn text_results() -> AnyView {
    view! { <TextResults /> }.into_any()
}

#[cfg_attr(feature = "split", leptos::lazy)]
async fn create_modal() -> AnyView {
    let registry = use_registry();
    view! { <CreateModal on_close=Callback::new(move |()| registry.dialog.set(None)) /> }.into_any()
}

#[component]
pub fn RegistryPage() -> impl IntoView {
    view! {
        <RequireSession>
            <RegistryContent />
        </RequireSession>
    }
}

#[component]
fn RegistryContent() -> impl IntoView {
    let auth = use_auth();
    let query = use_query_map();
    let navigate = use_navigate();
    let view = Memo::new(move |_| {
        query.with(|query| {
            RegistryView::from_query(query.into_iter().map(|(key, value)| (key.as_ref(), value)))
        })
    });
    let refreshes = RwSignal::new(0u64);
    let flows = LocalResource::new(move || {
        let view = view.get();
        refreshes.track();
        let client = auth.client();
        async move {
            // Searching inside flows shows places, not this list.
            if view.inside {
                return Ok(ListResponse {
                    items: Vec::new(),
                    next: false,
                });
            }
            client.search_flows(&view.search()).await
        }
    });
    let registry = Registry::new(
        view,
        flows,
        refreshes,
        Callback::new(move |url: String| navigate(&url, NavigateOptions::default())),
        auth,
    );
    provide_context(registry);

    Effect::new(move |_| remember_registry_url(&view.get().to_url()));
    // Keep the selection to rows that are on the page; after deletions or a view change, a
    // hidden selection would make the bulk delete act on flows the user cannot see.
    Effect::new(move |_| {
        if let Some(Ok(page)) = flows.get() {
            let ids: Vec<i64> = page.items.iter().filter_map(|flow| flow.id).collect();
            registry
                .selected
                .update(|selected| selected.retain(|id| ids.contains(id)));
            // A page emptied by deletions: show the one before it.
            let current = view.get_untracked();
            if page.items.is_empty() && current.page > 1 && !current.inside {
                registry.go(current.with_page(current.page - 1));
            }
        }
    });

    view! {
        <Header />
        <main class="registry">
            <Filters />
            <Show when=move || view.with(|view| view.inside) fallback=FlowTable>
                <Suspense>{Suspend::new(text_results())}</Suspense>
            </Show>
        </main>
        {move || registry.dialog.get().map(|dialog| match dialog {
            Dialog::Create => view! { <Suspense>{Suspend::new(create_modal())}</Suspense> }.into_any(),
            Dialog::Import { file_name, flow } => view! { <ImportModal file_name flow=*flow /> }.into_any(),
            Dialog::Delete(flows) => view! { <DeleteModal flows /> }.into_any(),
        })}
    }
}
