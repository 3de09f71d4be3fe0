//! Undo and redo for the diagram: each change is one step, however much it moved (a whole drag
//! is one step), kept up to [`DEPTH`] deep.

use flow_model::flow::FlowGraph;
use std::collections::VecDeque;

pub const DEPTH: usize = 500;

#[derive(Default)]
pub struct History {
    undo: VecDeque<FlowGraph>,
    redo: Vec<FlowGraph>,
}

impl History {
    /// Remembers `before`, the graph as it was before a change; a new change forgets what
    /// could be redone.
    pub fn record(&mut self, before: FlowGraph) {
        if self.undo.len() == DEPTH {
            self.undo.pop_front();
        }
        self.undo.push_back(before);
        self.redo.clear();
    }

    /// The graph before the last change, taking `current`'s place (kept for redo).
    pub fn undo(&mut self, current: FlowGraph) -> Option<FlowGraph> {
        let previous = self.undo.pop_back()?;
        self.redo.push(current);
        Some(previous)
    }

    pub fn redo(&mut self, current: FlowGraph) -> Option<FlowGraph> {
        let next = self.redo.pop()?;
        self.undo.push_back(current);
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::diagram::editing::edit::add_step;

    fn steps(flow: &FlowGraph) -> usize {
        flow.node_count()
    }

    #[test]
    fn undo_and_redo_walk_the_changes() {
        let mut history = History::default();
        let mut flow = FlowGraph::new();
        for app in ["answer", "playback", "hangup"] {
            history.record(flow.clone());
            add_step(&mut flow, None, app);
        }
        assert_eq!(steps(&flow), 3);
        flow = history.undo(flow).unwrap();
        flow = history.undo(flow).unwrap();
        assert_eq!(steps(&flow), 1);
        flow = history.redo(flow).unwrap();
        assert_eq!(steps(&flow), 2);
        assert!(history.can_redo());
        // A new change after undoing forgets the redo.
        history.record(flow.clone());
        add_step(&mut flow, None, "log");
        assert!(!history.can_redo());
        assert!(history.redo(flow.clone()).is_none());
        flow = history.undo(flow).unwrap();
        flow = history.undo(flow).unwrap();
        flow = history.undo(flow).unwrap();
        assert_eq!(steps(&flow), 0);
        assert!(!history.can_undo());
        assert!(history.undo(flow).is_none());
    }

    #[test]
    fn at_most_the_depth_is_kept() {
        let mut history = History::default();
        for _ in 0..DEPTH + 20 {
            history.record(FlowGraph::new());
        }
        let mut undone = 0;
        let mut flow = FlowGraph::new();
        while let Some(previous) = history.undo(flow) {
            flow = previous;
            undone += 1;
        }
        assert_eq!(undone, DEPTH);
    }
}
