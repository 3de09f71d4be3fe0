//! The palette: the steps offered for the flow's type, found by name. A click (or Enter) adds
//! the step after the selected one; a drag drops it onto the canvas (where it stands, to be
//! linked) or onto a link (it goes into it).

use crate::components::icon::Icon;
use crate::i18n::{use_i18n, Msg};
use crate::pages::diagram::input::palette_drag::{PaletteDrag, PaletteDrop};
use crate::pages::diagram::scene::icons;
use crate::pages::diagram::scene::viewport::{Rect, Vec2};
use crate::pages::diagram::state::use_diagram;
use flow_model::catalog;
use leptos::ev;
use leptos::html;
use leptos::prelude::*;

fn client_point(event: &web_sys::MouseEvent) -> Vec2 {
    Vec2::new(f64::from(event.client_x()), f64::from(event.client_y()))
}

#[component]
pub fn Palette(canvas_ref: NodeRef<html::Canvas>) -> impl IntoView {
    let store = use_diagram();
    let i18n = use_i18n();
    let search = RwSignal::new(String::new());
    let dragged = RwSignal::new(None::<PaletteDrag>);
    // A drag that ends on its own palette button must not also count as a click there.
    let just_dropped = StoredValue::new(false);
    let listeners = [
        window_event_listener(ev::pointermove, move |event| {
            if let Some(drag) = dragged.get_untracked() {
                let next = drag.moved(client_point(&event));
                if next != drag {
                    dragged.set(Some(next));
                }
            }
        }),
        window_event_listener(ev::pointerup, move |event| {
            let Some(drag) = dragged.get_untracked() else {
                return;
            };
            dragged.set(None);
            let Some(canvas) = canvas_ref.get_untracked() else {
                return;
            };
            let area = canvas.get_bounding_client_rect();
            let area = Rect {
                x: area.left(),
                y: area.top(),
                width: area.width(),
                height: area.height(),
            };
            let drop = drag.dropped(client_point(&event), area);
            if drop == PaletteDrop::Click {
                return; // the button adds the step
            }
            just_dropped.set_value(true);
            set_timeout(
                move || just_dropped.set_value(false),
                std::time::Duration::ZERO,
            );
            if let PaletteDrop::Canvas(at) = drop {
                if store.drop_step(drag.app, at).is_some() {
                    let _ = canvas.focus();
                }
            }
        }),
    ];
    on_cleanup(move || listeners.into_iter().for_each(|listener| listener.remove()));
    let apps = move || catalog::find_in_palette(store.kind, &search.get(), i18n.locale());
    view! {
        <aside class="palette" aria-label=move || i18n.t(Msg::Palette)>
            <input type="search" name="find-step" placeholder=move || i18n.t(Msg::FindApp)
                prop:value=search on:input=move |event| search.set(event_target_value(&event)) />
            <ul>
                {move || apps().into_iter().map(|app| {
                    let locale = i18n.locale();
                    view! {
                    <li>
                        <button
                            class="palette-item"
                            title=app.help_in(locale).into_owned()
                            data-app=app.name
                            on:pointerdown=move |event: ev::PointerEvent| {
                                if event.button() == 0 {
                                    dragged.set(Some(PaletteDrag::new(app.name, client_point(&event))));
                                }
                            }
                            on:click=move |_| if !just_dropped.get_value() { store.add_step(app.name) }
                        >
                            <span class="app-label"><Icon icon=icons::app_icon(app.name) />{app.label_in(locale).into_owned()}</span>
                            <span class="app-group">{app.group.label_in(locale).into_owned()}</span>
                        </button>
                    </li>
                }}).collect_view()}
            </ul>
        </aside>
        {move || dragged.get().and_then(|drag| {
            let at = drag.at?;
            let label = catalog::app(drag.app)
                .map_or(drag.app.to_owned(), |spec| spec.label_in(i18n.locale()).into_owned());
            Some(view! {
                <div class="palette-ghost" aria-hidden="true" style=format!("left: {}px; top: {}px", at.x, at.y)>
                    {label}
                </div>
            })
        })}
    }
}
