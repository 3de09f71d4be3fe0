//! Icons from the Lucide set (through `icondata_lu`), drawn in the text colour.

use icondata_core::Icon as IconData;
use leptos::prelude::*;

pub use icondata_lu as lucide;

/// A decorative icon: the button or link around it carries the accessible name.
#[component]
pub fn Icon(icon: IconData) -> impl IntoView {
    view! {
        <svg
            class="icon"
            aria-hidden="true"
            focusable="false"
            width="16"
            height="16"
            viewBox=icon.view_box.unwrap_or("0 0 24 24")
            fill=icon.fill.unwrap_or("none")
            stroke=icon.stroke.unwrap_or("currentColor")
            stroke-width=icon.stroke_width.unwrap_or("2")
            stroke-linecap=icon.stroke_linecap.unwrap_or("round")
            stroke-linejoin=icon.stroke_linejoin.unwrap_or("round")
            inner_html=icon.data
        ></svg>
    }
}
