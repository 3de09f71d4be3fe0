//! The diagram side of a flow: the graph model, schema <-> graph conversion, layout, the
//! versioned diagram payload, semantic identity of schemas, and graph validation.

pub mod check;
pub mod compile;
pub mod decompile;
pub mod diagnose;
pub mod equivalence;
pub mod generate;
pub mod graph;
pub mod layout;
pub mod payload;
pub mod references;
pub mod shape;
pub mod texts;

pub use check::{check, Problem, ProblemKind, Severity};
pub use compile::{assign_missing_tags, compile, is_generated_tag, step_places, Compiled};
pub use decompile::{decompile, decompile_with_sources, DecompileError, Sources};
pub use diagnose::{diagnose, step_lines, Diagnostic};
pub use equivalence::{semantic_difference, semantically_identical, Difference};
pub use graph::{Comment, FlowGraph, Link, Node, NodeGroup, NodeId, PathSeg, Point, Port, Step};
pub use layout::{auto_layout, LayoutOptions};
pub use references::{references, Reference};
pub use texts::{flow_texts, snippet, FlowText, Snippet, TextSource};

#[cfg(test)]
mod tests;
