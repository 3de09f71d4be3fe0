//! The registry table: select, sortable columns, per-row Download / Edit / Delete, the empty
//! and error states, and pagination.

use super::view::{page_selection, PageSelection, ROWS_PER_PAGE_CHOICES};
use super::{use_registry, Dialog, Registry};
use crate::api::ApiError;
use crate::browser::{download_text, format_time};
use crate::components::icon::{lucide, Icon};
use crate::components::require_session::use_api_error_handler;
use crate::components::toast::use_toasts;
use crate::i18n::{use_i18n, Msg};
use crate::nav::{self, flow_url, EditorKind};
use crate::session::use_auth;
use flow_model::transfer::{export_file_name, export_text};
use flow_model::{FlowType, Permission, RoutingSchema, SortField};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn FlowTable() -> impl IntoView {
    let registry = use_registry();
    let i18n = use_i18n();
    let on_error = use_api_error_handler();
    let busy = RwSignal::new(false);
    let skeleton = move || {
        view! {
            <div class="skeleton" aria-busy="true" aria-label=move || i18n.t(Msg::Loading)>
                {(0..6).map(|_| view! { <div class="skeleton-row"></div> }).collect_view()}
            </div>
        }
    };
    view! {
        <section class="table-area" aria-busy=move || busy.get().to_string()>
            <Transition fallback=skeleton set_pending=busy>
                {move || {
                    let on_error = on_error.clone();
                    registry.flows.get().map(move |result| match result {
                        Ok(page) if page.items.is_empty() => view! { <EmptyState /> }.into_any(),
                        Ok(page) => view! { <Rows flows=page.items /> }.into_any(),
                        Err(error @ ApiError::Network(_)) => {
                            let detail = on_error(error);
                            view! { <Unreachable detail /> }.into_any()
                        }
                        Err(error) => {
                            let text = on_error(error);
                            view! { <p class="error" role="alert">{text}</p> }.into_any()
                        }
                    })
                }}
            </Transition>
            <Pagination has_next=Signal::derive(move || {
                matches!(registry.flows.get(), Some(Ok(page)) if page.next)
            }) />
        </section>
    }
}

#[component]
fn EmptyState() -> impl IntoView {
    let registry = use_registry();
    let i18n = use_i18n();
    let filtered = move || registry.view.with(|view| view.has_filters());
    view! {
        <div class="empty-state">
            <Show
                when=filtered
                fallback=move || view! {
                    <Icon icon=lucide::LuInbox />
                    <p>{move || i18n.t(Msg::NoFlowsYet)}</p>
                    <Show when=move || registry.can(Permission::Create)>
                        <button class="primary" on:click=move |_| registry.dialog.set(Some(Dialog::Create))>
                            <Icon icon=lucide::LuPlus />
                            {move || i18n.t(Msg::Add)}
                        </button>
                    </Show>
                }
            >
                <Icon icon=lucide::LuSearchX />
                <p>{move || i18n.t(Msg::NoResults)}</p>
                <button on:click=move |_| registry.go(registry.view.get_untracked().without_filters())>
                    {move || i18n.t(Msg::ResetFilters)}
                </button>
            </Show>
        </div>
    }
}

#[component]
fn Unreachable(detail: String) -> impl IntoView {
    let registry = use_registry();
    let i18n = use_i18n();
    view! {
        <div class="empty-state" role="alert">
            <Icon icon=lucide::LuWifiOff />
            <p>{move || i18n.t(Msg::Unreachable)}</p>
            <p class="detail">{detail}</p>
            <button class="primary" on:click=move |_| registry.refresh()>{move || i18n.t(Msg::Retry)}</button>
        </div>
    }
}

/// A header cell that sorts by `field` on click, announcing its state.
#[component]
fn SortHeader(field: SortField, label: Msg) -> impl IntoView {
    let registry = use_registry();
    let i18n = use_i18n();
    let state = move || registry.view.with(|view| view.sorted_by(field));
    let aria_sort = move || match state() {
        Some(false) => "ascending",
        Some(true) => "descending",
        None => "none",
    };
    let icon = move || match state() {
        Some(false) => view! { <Icon icon=lucide::LuArrowUp /> },
        Some(true) => view! { <Icon icon=lucide::LuArrowDown /> },
        None => view! { <Icon icon=lucide::LuArrowUpDown /> },
    };
    let label_text = label.clone();
    view! {
        <th aria-sort=aria_sort>
            <button
                class="sort"
                data-sort=field.as_str()
                title=move || i18n.t(match state() {
                    Some(false) => Msg::SortAscending,
                    Some(true) => Msg::SortDescending,
                    None => Msg::NotSorted,
                })
                on:click=move |_| registry.go(registry.view.get_untracked().toggle_sort(field))
            >
                {move || i18n.t(label_text.clone())}
                <span class="sort-icon" class:active=move || state().is_some()>{icon}</span>
            </button>
        </th>
    }
}

#[component]
fn Rows(flows: Vec<RoutingSchema>) -> impl IntoView {
    let registry = use_registry();
    let i18n = use_i18n();
    let ids: Vec<i64> = flows.iter().filter_map(|flow| flow.id).collect();
    let selection = {
        let ids = ids.clone();
        move || {
            registry
                .selected
                .with(|selected| page_selection(selected, &ids))
        }
    };
    let toggle_all = move |_| {
        let all = page_selection(&registry.selected.get_untracked(), &ids) == PageSelection::All;
        registry
            .selected
            .set(if all { Vec::new() } else { ids.clone() });
    };
    view! {
        <table class="flows">
            <thead>
                <tr>
                    <th class="select">
                        <input
                            type="checkbox"
                            aria-label=move || i18n.t(Msg::SelectAll)
                            prop:checked={
                                let selection = selection.clone();
                                move || selection() == PageSelection::All
                            }
                            prop:indeterminate=move || selection() == PageSelection::Some
                            on:change=toggle_all
                        />
                    </th>
                    <SortHeader field=SortField::Name label=Msg::Name />
                    <SortHeader field=SortField::Editor label=Msg::Editor />
                    <SortHeader field=SortField::Type label=Msg::Type />
                    <th>{move || i18n.t(Msg::Tags)}</th>
                    <SortHeader field=SortField::CreatedAt label=Msg::Created />
                    <SortHeader field=SortField::UpdatedAt label=Msg::Modified />
                    <th class="actions"><span class="visually-hidden">{move || i18n.t(Msg::Actions)}</span></th>
                </tr>
            </thead>
            <tbody>
                {flows.into_iter().map(|flow| view! { <Row flow registry /> }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn Row(flow: RoutingSchema, registry: Registry) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let on_error = use_api_error_handler();
    let id = flow.id.unwrap_or_default();
    let name = flow.name.clone().unwrap_or_default();
    let editor = EditorKind::of_flow(&flow);
    let href = nav::href(&flow_url(id, editor));
    let kind = flow.flow_type.unwrap_or(FlowType::Default);
    let tags: Vec<String> = flow
        .tags
        .iter()
        .flatten()
        .map(|tag| tag.name.clone())
        .collect();
    let created = flow.created_at;
    let modified = flow.updated_at;
    let time = move |at: Option<i64>| at.map(|at| format_time(at, i18n.locale()));
    let checked = move || registry.selected.with(|selected| selected.contains(&id));
    let toggle = move |_| {
        registry
            .selected
            .update(|selected| match selected.iter().position(|s| *s == id) {
                Some(at) => {
                    selected.remove(at);
                }
                None => selected.push(id),
            })
    };
    let download = move |_| {
        let client = auth.client();
        let on_error = on_error.clone();
        spawn_local(async move {
            match client.flow(id).await {
                Ok(full) => {
                    let file = export_file_name(full.name.as_deref().unwrap_or_default());
                    if let Err(reason) = download_text(&file, &export_text(&full)) {
                        toasts.error(reason);
                    }
                }
                Err(error) => toasts.error(on_error(error)),
            }
        });
    };
    let delete = {
        let flow = flow.clone();
        move |_| {
            registry
                .dialog
                .set(Some(Dialog::Delete(vec![flow.clone()])))
        }
    };
    let label_name = name.clone();
    view! {
        <tr class:selected=checked>
            <td class="select">
                <input
                    type="checkbox"
                    aria-label=move || i18n.t(Msg::SelectFlow(label_name.clone()))
                    prop:checked=checked
                    on:change=toggle
                />
            </td>
            <td class="name"><a href=href.clone()>{name.clone()}</a></td>
            <td>{move || i18n.t(Msg::EditorKind(editor == EditorKind::Diagram))}</td>
            <td>{move || i18n.t(Msg::FlowType(kind))}</td>
            <td class="tags">
                <ul class="chips">{tags.into_iter().map(|tag| view! { <li class="chip">{tag}</li> }).collect_view()}</ul>
            </td>
            <td class="time">{move || time(created)}</td>
            <td class="time">{move || time(modified)}</td>
            <td class="actions">
                <button class="icon-button" title=move || i18n.t(Msg::Download)
                    aria-label=move || i18n.t(Msg::Download) on:click=download>
                    <Icon icon=lucide::LuDownload />
                </button>
                <Show when=move || registry.can(Permission::Update)>
                    <a class="icon-button" href=href.clone() title=move || i18n.t(Msg::Edit)
                        aria-label=move || i18n.t(Msg::Edit)>
                        <Icon icon=lucide::LuPencil />
                    </a>
                </Show>
                <Show when=move || registry.can(Permission::Delete)>
                    <button class="icon-button danger" title=move || i18n.t(Msg::Delete)
                        aria-label=move || i18n.t(Msg::Delete) on:click=delete.clone()>
                        <Icon icon=lucide::LuTrash2 />
                    </button>
                </Show>
            </td>
        </tr>
    }
}

/// Rows per page and the pages before and after (`has_next`: whether one follows).
#[component]
pub fn Pagination(has_next: Signal<bool>) -> impl IntoView {
    let registry = use_registry();
    let i18n = use_i18n();
    let view = registry.view;
    view! {
        <nav class="pagination" aria-label=move || i18n.t(Msg::PageNumber(view.with(|v| v.page)))>
            <label class="page-size">
                {move || i18n.t(Msg::RowsPerPage)}
                <select
                    name="size"
                    on:change=move |event| {
                        if let Ok(size) = event_target_value(&event).parse() {
                            registry.go(view.get_untracked().with_size(size));
                        }
                    }
                >
                    {ROWS_PER_PAGE_CHOICES
                        .into_iter()
                        .map(|size| view! {
                            <option value=size.to_string() selected=move || view.with(|v| v.size == size)>
                                {size.to_string()}
                            </option>
                        })
                        .collect_view()}
                </select>
            </label>
            <button
                class="icon-button"
                aria-label=move || i18n.t(Msg::PreviousPage)
                disabled=move || view.with(|v| v.page <= 1)
                on:click=move |_| {
                    let current = view.get_untracked();
                    registry.go(current.with_page(current.page - 1));
                }
            >
                <Icon icon=lucide::LuChevronLeft />
            </button>
            <span class="page-number" aria-live="polite">{move || i18n.t(Msg::PageNumber(view.with(|v| v.page)))}</span>
            <button
                class="icon-button"
                aria-label=move || i18n.t(Msg::NextPage)
                disabled=move || !has_next.get()
                on:click=move |_| {
                    let current = view.get_untracked();
                    registry.go(current.with_page(current.page + 1));
                }
            >
                <Icon icon=lucide::LuChevronRight />
            </button>
        </nav>
    }
}
