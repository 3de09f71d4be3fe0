//! Which steps are selected: the one the properties and links panels show, and those selected
//! with it (Shift+click, a rubber band), which move and delete together with it.

use flow_model::flow::NodeId;

#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Selection {
    /// The step the panels show.
    pub primary: Option<NodeId>,
    /// Selected along with it.
    pub others: Vec<NodeId>,
}

impl Selection {
    pub fn only(node: NodeId) -> Self {
        Self {
            primary: Some(node),
            others: Vec::new(),
        }
    }

    /// `nodes` selected, the first one shown in the panels.
    pub fn of(nodes: Vec<NodeId>) -> Self {
        let mut nodes = nodes.into_iter();
        Self {
            primary: nodes.next(),
            others: nodes.collect(),
        }
    }

    /// Every selected step, the primary one first.
    pub fn steps(&self) -> Vec<NodeId> {
        self.primary
            .into_iter()
            .chain(self.others.clone())
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.primary.is_none() && self.others.is_empty()
    }

    pub fn contains(&self, node: NodeId) -> bool {
        self.primary == Some(node) || self.others.contains(&node)
    }

    /// Shift+click on `node`: it becomes the primary step when none is; otherwise it joins the
    /// others, or leaves them (the primary step stays).
    pub fn toggled(&self, node: NodeId) -> Self {
        let mut next = self.clone();
        match next.primary {
            None => next.primary = Some(node),
            Some(primary) if primary == node => {}
            Some(_) => match next.others.iter().position(|other| *other == node) {
                Some(at) => {
                    next.others.remove(at);
                }
                None => next.others.push(node),
            },
        }
        next
    }

    /// What is left once the steps `gone` says are gone are let go.
    pub fn without(&self, gone: impl Fn(NodeId) -> bool) -> Self {
        Self {
            primary: self.primary.filter(|node| !gone(*node)),
            others: self
                .others
                .iter()
                .copied()
                .filter(|node| !gone(*node))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(index: usize) -> NodeId {
        NodeId::new(index)
    }

    #[test]
    fn shift_click_adds_removes_and_keeps_the_primary_step() {
        let selection = Selection::default().toggled(node(1));
        assert_eq!(selection, Selection::only(node(1)));
        let selection = selection.toggled(node(2)).toggled(node(3));
        assert_eq!(selection.steps(), vec![node(1), node(2), node(3)]);
        let selection = selection.toggled(node(2));
        assert_eq!(selection.steps(), vec![node(1), node(3)]);
        // Shift+click on the primary step changes nothing.
        assert_eq!(selection.toggled(node(1)), selection);
    }

    #[test]
    fn a_band_selects_its_first_step_as_primary() {
        let selection = Selection::of(vec![node(4), node(5)]);
        assert_eq!(selection.primary, Some(node(4)));
        assert!(selection.contains(node(5)));
        assert!(!selection.contains(node(6)));
        assert!(Selection::of(Vec::new()).is_empty());
    }

    #[test]
    fn steps_that_are_gone_leave_the_selection() {
        let selection = Selection::of(vec![node(1), node(2), node(3)]);
        let left = selection.without(|node| node.index() == 2);
        assert_eq!(left, Selection::of(vec![node(1), node(3)]));
        let left = selection.without(|node| node.index() == 1);
        assert_eq!(left.primary, None);
        assert_eq!(left.others, vec![node(2), node(3)]);
    }
}
