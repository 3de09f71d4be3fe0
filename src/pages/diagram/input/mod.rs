//! What the pointer and the keyboard do on the canvas, as plain data.

pub mod keys;
pub mod palette_drag;
pub mod pointer;
