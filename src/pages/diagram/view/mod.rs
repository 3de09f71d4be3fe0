//! The diagram editor's components, each reading the store: the toolbar, the palette, the
//! canvas with its controls, minimap and screen-reader list, the side panel, the dialogs; and
//! the painting of the canvas.

pub mod canvas;
pub mod canvas_controls;
pub mod decoration_panel;
pub mod dialogs;
pub mod find_bar;
pub mod flow_picker;
pub mod links;
mod lookup_picker;
pub mod minimap;
pub mod node_list;
pub mod paint;
pub mod palette;
mod panel_frame;
mod panel_size;
pub mod properties;
pub mod save_as;
pub mod settings;
pub mod side_panel;
pub mod toolbar;
