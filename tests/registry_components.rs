//! The Flow page's components in a real browser: the table (rows, selection, sorting,
//! permissions, states), pagination, filters, the modals and the toasts.

#![cfg(target_arch = "wasm32")]

mod support;

use flow_model::l10n::Locale;
use flow_model::{FlowType, ListResponse, Permission, RoutingSchema, Tag};
use flow_studio::api::ApiError;
use flow_studio::components::modal::Modal;
use flow_studio::components::toast::{use_toasts, Toaster};
use flow_studio::i18n::{use_i18n, I18n};
use flow_studio::pages::registry::create_modal::CreateModal;
use flow_studio::pages::registry::delete_modal::DeleteModal;
use flow_studio::pages::registry::filters::Filters;
use flow_studio::pages::registry::table::FlowTable;
use flow_studio::pages::registry::view::RegistryView;
use flow_studio::pages::registry::{FlowPage, Registry};
use leptos::prelude::*;
use leptos_router::components::Router;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const EVERYTHING: [Permission; 4] = [
    Permission::Create,
    Permission::Read,
    Permission::Update,
    Permission::Delete,
];

fn flow(id: i64, name: &str, kind: FlowType, diagram: bool, tags: &[&str]) -> RoutingSchema {
    RoutingSchema {
        id: Some(id),
        name: Some(name.into()),
        flow_type: Some(kind),
        editor: Some(diagram),
        tags: Some(tags.iter().map(|tag| Tag::new(*tag)).collect()),
        created_at: Some(1_700_000_000_000),
        updated_at: Some(1_700_000_100_000),
        ..RoutingSchema::default()
    }
}

fn three_flows() -> FlowPage {
    Ok(ListResponse {
        items: vec![
            flow(1, "<b>Inbound</b>", FlowType::Voice, true, &["ivr"]),
            flow(2, "Chat bot", FlowType::Chat, false, &[]),
            flow(3, "Form", FlowType::Processing, false, &["a", "b"]),
        ],
        next: true,
    })
}

/// A registry over a fixed answer, recording the URLs it goes to.
struct Mounted {
    page: web_sys::HtmlElement,
    urls: RwSignal<Vec<String>>,
    registry: RwSignal<Option<Registry>>,
    lang: RwSignal<Option<I18n>>,
}

fn mount_registry(
    permissions: &'static [Permission],
    shown: RegistryView,
    answer: fn() -> FlowPage,
    content: fn() -> AnyView,
) -> Mounted {
    let urls = RwSignal::new(Vec::new());
    let registry_slot = RwSignal::new(None);
    let lang = RwSignal::new(None);
    let page = mount(move || {
        let auth = provide_app(permissions);
        lang.set(Some(use_i18n()));
        let view = Memo::new(move |_| shown.clone());
        let flows = LocalResource::new(move || async move { answer() });
        let registry = Registry::new(
            view,
            flows,
            RwSignal::new(0),
            Callback::new(move |url| urls.update(|urls| urls.push(url))),
            auth,
        );
        provide_context(registry);
        registry_slot.set(Some(registry));
        view! { <Router>{content()}</Router> }
    });
    Mounted {
        page,
        urls,
        registry: registry_slot,
        lang,
    }
}

fn table() -> AnyView {
    view! { <FlowTable /> }.into_any()
}

fn last_url(mounted: &Mounted) -> Option<String> {
    mounted.urls.with_untracked(|urls| urls.last().cloned())
}

fn checked(page: &web_sys::HtmlElement, css: &str) -> bool {
    find::<web_sys::HtmlInputElement>(page, css).checked()
}

#[wasm_bindgen_test]
async fn the_table_lists_flows_as_text_with_labels_and_links() {
    let mounted = mount_registry(&EVERYTHING, RegistryView::default(), three_flows, table);
    wait(20).await;
    let page = &mounted.page;
    assert_eq!(
        texts(page, "td.name"),
        ["<b>Inbound</b>", "Chat bot", "Form"]
    );
    assert!(!exists(page, "td.name b"), "names are text, never markup");
    let first_row = texts(page, "tbody tr:first-child td").join("|");
    assert!(first_row.contains("Diagram|Voice|ivr"), "{first_row}");
    assert_eq!(texts(page, "tbody tr:nth-child(3) .chip"), ["a", "b"]);
    let link: web_sys::HtmlAnchorElement = find(page, "tbody tr:first-child td.name a");
    assert!(link.href().ends_with("/flows/1/diagram"));
    let link: web_sys::HtmlAnchorElement = find(page, "tbody tr:nth-child(2) td.name a");
    assert!(link.href().ends_with("/flows/2/code"));
    for action in ["Download", "Edit", "Delete"] {
        assert_eq!(
            page.query_selector_all(&format!("[aria-label={action}]"))
                .unwrap()
                .length(),
            3,
            "{action} on every row"
        );
    }
    page.remove();
}

#[wasm_bindgen_test]
async fn select_all_selects_the_page_and_shows_mixed_states() {
    let mounted = mount_registry(&EVERYTHING, RegistryView::default(), three_flows, table);
    wait(20).await;
    let page = &mounted.page;
    let registry = mounted.registry.get_untracked().unwrap();
    click(page, "thead input[type=checkbox]");
    wait(0).await;
    assert_eq!(registry.selected.get_untracked(), [1, 2, 3]);
    assert!(checked(page, "tbody tr:nth-child(2) input"));
    click(page, "tbody tr:nth-child(2) input");
    wait(0).await;
    assert_eq!(registry.selected.get_untracked(), [1, 3]);
    let all: web_sys::HtmlInputElement = find(page, "thead input[type=checkbox]");
    assert!(all.indeterminate() && !all.checked());
    click(page, "thead input[type=checkbox]");
    wait(0).await;
    assert_eq!(registry.selected.get_untracked(), [1, 2, 3]);
    click(page, "thead input[type=checkbox]");
    wait(0).await;
    assert!(registry.selected.get_untracked().is_empty());
    page.remove();
}

#[wasm_bindgen_test]
async fn headers_sort_none_ascending_descending() {
    let mounted = mount_registry(&EVERYTHING, RegistryView::default(), three_flows, table);
    wait(20).await;
    let page = &mounted.page;
    let name_header: web_sys::Element = find(page, "th:has(button[data-sort=name])");
    assert_eq!(
        name_header.get_attribute("aria-sort").as_deref(),
        Some("none")
    );
    click(page, "button[data-sort=name]");
    assert_eq!(last_url(&mounted).as_deref(), Some("/?sort=%2Bname"));
    click(page, "button[data-sort=updated_at]");
    assert_eq!(last_url(&mounted).as_deref(), Some("/?sort=%2Bupdated_at"));
    page.remove();

    let sorted = RegistryView::default().toggle_sort(flow_model::SortField::Name);
    let mounted = mount_registry(&EVERYTHING, sorted, three_flows, table);
    wait(20).await;
    let page = &mounted.page;
    let name_header: web_sys::Element = find(page, "th:has(button[data-sort=name])");
    assert_eq!(
        name_header.get_attribute("aria-sort").as_deref(),
        Some("ascending")
    );
    click(page, "button[data-sort=name]");
    assert_eq!(last_url(&mounted).as_deref(), Some("/?sort=-name"));
    page.remove();
}

#[wasm_bindgen_test]
async fn a_viewer_gets_no_edit_or_delete() {
    let mounted = mount_registry(
        &[Permission::Read],
        RegistryView::default(),
        three_flows,
        table,
    );
    wait(20).await;
    let page = &mounted.page;
    assert_eq!(texts(page, "td.name").len(), 3);
    assert!(!exists(page, "[aria-label=Edit]"));
    assert!(!exists(page, "[aria-label=Delete]"));
    assert!(exists(page, "[aria-label=Download]"));
    page.remove();
}

#[wasm_bindgen_test]
async fn pagination_moves_pages_and_sizes_through_the_url() {
    let mounted = mount_registry(&EVERYTHING, RegistryView::default(), three_flows, table);
    wait(20).await;
    let page = &mounted.page;
    assert_eq!(texts(page, ".page-number"), ["Page 1"]);
    let previous: web_sys::HtmlButtonElement = find(page, "button[aria-label='Previous page']");
    assert!(previous.disabled());
    click(page, "button[aria-label='Next page']");
    assert_eq!(last_url(&mounted).as_deref(), Some("/?page=2"));
    choose(page, "select[name=size]", "40");
    assert_eq!(last_url(&mounted).as_deref(), Some("/?size=40"));
    page.remove();

    fn last_page() -> FlowPage {
        Ok(ListResponse {
            items: vec![flow(9, "Last", FlowType::Voice, false, &[])],
            next: false,
        })
    }
    let mounted = mount_registry(
        &EVERYTHING,
        RegistryView::default().with_page(3),
        last_page,
        table,
    );
    wait(20).await;
    let page = &mounted.page;
    assert_eq!(texts(page, ".page-number"), ["Page 3"]);
    let next: web_sys::HtmlButtonElement = find(page, "button[aria-label='Next page']");
    assert!(next.disabled(), "no page after the last");
    click(page, "button[aria-label='Previous page']");
    assert_eq!(last_url(&mounted).as_deref(), Some("/?page=2"));
    page.remove();
}

fn nothing() -> FlowPage {
    Ok(ListResponse {
        items: Vec::new(),
        next: false,
    })
}

#[wasm_bindgen_test]
async fn empty_registry_and_empty_search_say_so_differently() {
    let mounted = mount_registry(&EVERYTHING, RegistryView::default(), nothing, table);
    wait(20).await;
    assert!(texts(&mounted.page, ".empty-state")
        .join("")
        .contains("There are no flows yet"));
    click(&mounted.page, ".empty-state button");
    wait(0).await;
    assert!(matches!(
        mounted
            .registry
            .get_untracked()
            .unwrap()
            .dialog
            .get_untracked(),
        Some(flow_studio::pages::registry::Dialog::Create)
    ));
    mounted.page.remove();

    let searched = RegistryView::default().with_search("zzz");
    let mounted = mount_registry(&EVERYTHING, searched, nothing, table);
    wait(20).await;
    assert!(texts(&mounted.page, ".empty-state")
        .join("")
        .contains("No flows match"));
    click(&mounted.page, ".empty-state button");
    assert_eq!(last_url(&mounted).as_deref(), Some("/"));
    mounted.page.remove();
}

#[wasm_bindgen_test]
async fn an_unreachable_server_offers_a_retry() {
    fn down() -> FlowPage {
        Err(ApiError::Network("connection refused".into()))
    }
    let mounted = mount_registry(&EVERYTHING, RegistryView::default(), down, table);
    wait(20).await;
    let text = texts(&mounted.page, ".empty-state").join("");
    assert!(text.contains("The server cannot be reached"), "{text}");
    assert!(text.contains("connection refused"), "{text}");
    let registry = mounted.registry.get_untracked().unwrap();
    let before = registry.flows.get_untracked();
    click(&mounted.page, ".empty-state button");
    wait(20).await;
    assert!(
        before.is_some() && registry.flows.get_untracked().is_some(),
        "fetched again"
    );
    mounted.page.remove();
}

fn filters() -> AnyView {
    view! { <Filters /> }.into_any()
}

#[wasm_bindgen_test]
async fn filters_go_to_the_url_after_typing_pauses() {
    let mounted = mount_registry(&EVERYTHING, RegistryView::default(), three_flows, filters);
    wait(20).await;
    let page = &mounted.page;
    let reset: web_sys::HtmlButtonElement =
        find(page, "button[aria-controls=more-filters] + button");
    assert!(reset.disabled(), "nothing to reset");
    type_into(page, "input[name=q]", "in");
    type_into(page, "input[name=q]", "inb");
    wait(50).await;
    assert_eq!(last_url(&mounted), None, "waits for a pause");
    wait(350).await;
    assert_eq!(
        mounted.urls.get_untracked(),
        ["/?q=inb"],
        "one navigation for the pause"
    );

    let more: web_sys::HtmlElement = find(page, "#more-filters");
    assert!(more.hidden());
    click(page, "button[aria-controls=more-filters]");
    wait(0).await;
    assert!(!more.hidden());
    click(page, "input[name=type][value=chat]");
    assert_eq!(last_url(&mounted).as_deref(), Some("/?type=chat"));
    type_into(page, "#filter-tags", "ivr");
    press(page, "#filter-tags", "Enter");
    assert_eq!(last_url(&mounted).as_deref(), Some("/?tag=ivr"));
    page.remove();

    let filtered = RegistryView::default()
        .toggle_type(FlowType::Voice)
        .with_tags(vec!["x".into()]);
    let mounted = mount_registry(&EVERYTHING, filtered, three_flows, filters);
    wait(20).await;
    let page = &mounted.page;
    assert!(
        !find::<web_sys::HtmlElement>(page, "#more-filters").hidden(),
        "active filters show"
    );
    assert!(checked(page, "input[name=type][value=voice]"));
    assert_eq!(texts(page, ".chip span"), ["x"]);
    click(page, ".chip-remove");
    assert_eq!(last_url(&mounted).as_deref(), Some("/?type=voice"));
    click(page, "button[aria-controls=more-filters] + button");
    assert_eq!(last_url(&mounted).as_deref(), Some("/"));
    page.remove();
}

#[wasm_bindgen_test]
async fn create_waits_for_both_choices_and_starts_afresh() {
    let closed = RwSignal::new(0);
    let page = mount(move || {
        provide_app(&EVERYTHING);
        view! { <Router><CreateModal on_close=Callback::new(move |()| closed.update(|n| *n += 1)) /></Router> }
    });
    wait(0).await;
    let create: web_sys::HtmlButtonElement = find(&page, ".modal button.primary");
    assert!(create.disabled());
    assert_eq!(texts(&page, ".modal h2"), ["Create new flow"]);
    let dialog: web_sys::Element = find(&page, "[role=dialog]");
    assert_eq!(
        dialog.get_attribute("aria-labelledby"),
        find::<web_sys::Element>(&page, ".modal h2").get_attribute("id")
    );
    click(&page, ".choice:nth-child(2)");
    wait(0).await;
    assert_eq!(
        find::<web_sys::Element>(&page, ".choice:nth-child(2)")
            .get_attribute("aria-checked")
            .as_deref(),
        Some("true")
    );
    assert!(create.disabled(), "a type is needed too");
    choose(&page, ".modal select[name=type]", "chat");
    wait(0).await;
    assert!(!create.disabled());
    press(&page, ".modal", "Escape");
    assert_eq!(closed.get_untracked(), 1, "Escape closes");
    page.remove();
}

#[wasm_bindgen_test]
async fn a_modal_takes_focus_and_closes_on_escape_or_backdrop() {
    let closed = RwSignal::new(0);
    let page = mount(move || {
        provide_app(&EVERYTHING);
        view! {
            <Modal title="Title" on_close=Callback::new(move |()| closed.update(|n| *n += 1))>
                <input name="first" />
            </Modal>
        }
    });
    wait(0).await;
    let active = support::document().active_element().unwrap();
    assert_eq!(active.get_attribute("name").as_deref(), Some("first"));
    click(&page, ".modal");
    assert_eq!(closed.get_untracked(), 0, "a click inside stays");
    click(&page, ".modal-backdrop");
    assert_eq!(closed.get_untracked(), 1);
    press(&page, "input[name=first]", "Escape");
    assert_eq!(closed.get_untracked(), 2);
    page.remove();
}

#[wasm_bindgen_test]
async fn delete_confirmation_names_every_flow() {
    fn content() -> AnyView {
        let flows = vec![
            flow(1, "Alpha", FlowType::Voice, false, &[]),
            flow(2, "Bravo", FlowType::Chat, false, &[]),
        ];
        view! { <DeleteModal flows /> }.into_any()
    }
    let mounted = mount_registry(&EVERYTHING, RegistryView::default(), three_flows, content);
    wait(0).await;
    assert_eq!(texts(&mounted.page, ".modal h2"), ["Confirm deletion"]);
    assert_eq!(
        texts(&mounted.page, ".modal .question"),
        ["Delete «Alpha», «Bravo»? This cannot be undone."]
    );
    mounted.page.remove();
}

#[wasm_bindgen_test]
async fn toasts_announce_and_errors_stay_until_dismissed() {
    let page = mount(move || {
        provide_app(&EVERYTHING);
        let toasts = use_toasts();
        toasts.success("Saved".into());
        toasts.error("Refused: name taken".into());
        view! { <Toaster /> }
    });
    wait(0).await;
    assert_eq!(texts(&page, "[role=status] span"), ["Saved"]);
    assert_eq!(texts(&page, "[role=alert] span"), ["Refused: name taken"]);
    click(&page, "[role=alert] button");
    wait(0).await;
    assert!(!exists(&page, "[role=alert]"));
    page.remove();
}

#[wasm_bindgen_test]
async fn the_table_speaks_the_chosen_language() {
    let mounted = mount_registry(&EVERYTHING, RegistryView::default(), three_flows, table);
    wait(20).await;
    let page = &mounted.page;
    let headers = texts(page, "thead th").join("|");
    assert!(headers.contains("Name|Editor|Type|Tags"), "{headers}");
    mounted
        .lang
        .get_untracked()
        .unwrap()
        .set(Locale::from_code("ru").unwrap());
    wait(0).await;
    let headers = texts(page, "thead th").join("|");
    assert!(headers.contains("Имя|Редактор|Тип|Теги"), "{headers}");
    assert!(texts(page, "tbody tr:first-child td")
        .join("|")
        .contains("Диаграмма|Голос"));
    mounted.lang.get_untracked().unwrap().set(Locale::ENGLISH);
    page.remove();
}
