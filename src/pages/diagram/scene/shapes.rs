//! The pieces of a scene: step boxes with their ports, links, notes and group frames, and
//! where each sits.

use super::routing;
use super::viewport::{Rect, Vec2};
use flow_model::flow::graph::LinkId;
use flow_model::flow::{shape, FlowGraph, NodeId, Port, Severity};
use flow_model::l10n::{Locale, Text};
use std::collections::HashMap;

pub use flow_model::flow::shape::{STEP_HEIGHT, STEP_WIDTH};

#[derive(Clone, PartialEq, Debug)]
pub struct NodeBox {
    pub node: NodeId,
    pub rect: Rect,
    pub icon: icondata_core::Icon,
    pub title: String,
    pub summary: String,
    pub problem: Option<Severity>,
    pub start: bool,
    /// Its app's group colour ([`super::icons::app_tint`]).
    pub tint: Option<&'static str>,
    /// Where links leave: next on the right, branches and failover along the bottom.
    pub ports: Vec<PortDot>,
}

/// A port drawn on a node.
#[derive(Clone, PartialEq, Debug)]
pub struct PortDot {
    pub port: Port,
    pub at: Vec2,
    pub label: String,
    pub linked: bool,
    /// Listed down the right side ([`shape::lists_ports`]): how far right of the box its line
    /// turns down.
    pub turn: Option<f64>,
}

/// How near (in world units at zoom 1) a press must be to grab a port.
pub const PORT_REACH: f64 = 9.0;

/// Where each port of a node of `rect` sits, and how far right of it a listed port's line
/// turns: next on the right of the title band, the branches spread along the bottom, or, when
/// there are many, one per row down the right side.
pub(super) fn port_places(rect: &Rect, ports: &[Port]) -> Vec<(Vec2, Option<f64>)> {
    let listed = shape::lists_ports(ports);
    let branches = ports.iter().filter(|port| **port != Port::Next).count();
    let mut index = 0;
    ports
        .iter()
        .map(|port| {
            if *port == Port::Next {
                return (exit(rect), None);
            }
            index += 1;
            if listed {
                let row = index - 1;
                let at = Vec2::new(rect.x + rect.width, rect.y + shape::listed_port_offset(row));
                (at, Some(shape::turn_offset(row, branches)))
            } else {
                let at = Vec2::new(
                    rect.x + rect.width * index as f64 / (branches + 1) as f64,
                    rect.y + rect.height,
                );
                (at, None)
            }
        })
        .collect()
}

/// Where next leaves a box: the middle of its right side's title band.
pub(super) fn exit(rect: &Rect) -> Vec2 {
    Vec2::new(rect.x + rect.width, entry(rect).y)
}

/// Where links enter a box: the middle of its left side's title band (a box that lists ports
/// is taller below it).
pub fn entry(rect: &Rect) -> Vec2 {
    Vec2::new(rect.x, rect.y + rect.height.min(STEP_HEIGHT) / 2.0)
}

#[derive(Clone, PartialEq, Debug)]
pub struct Edge {
    pub from: NodeId,
    pub to: NodeId,
    pub label: String,
    /// Leaves a listed port, whose label is on its row in the box rather than on the line.
    pub listed: bool,
    /// A goto or failover: drawn dashed.
    pub jump: bool,
    pub points: Vec<Vec2>,
    /// The port it leaves from.
    pub port: Port,
    pub link: LinkId,
}

/// The orthogonal path of a link out of `port` of a node at `a` into a node at `b`: from the
/// right side (next, or a listed branch, which turns down at its own distance), or from its
/// port on the bottom (other branches), into `b`'s left side. `dot` is the port as drawn
/// (none out of a collapsed group). A next link back to a step below goes down just right of
/// its source (one that wraps around a band's steps is [`super::wraps`]'s).
pub(super) fn route(port: &Port, a: &Rect, b: &Rect, dot: Option<&PortDot>) -> Vec<Vec2> {
    let end = entry(b);
    let listed_turn = dot.and_then(|dot| dot.turn);
    if *port != Port::Next && listed_turn.is_none() {
        // From a port on the bottom: down, across, into the target's left side.
        let start = dot.map_or(Vec2::new(a.x + a.width / 2.0, a.y + a.height), |dot| dot.at);
        let level = if end.y > start.y + routing::LEAVE {
            end.y
        } else {
            start.y + routing::LEAVE
        };
        let approach = end.x - routing::ARRIVE;
        return vec![
            start,
            Vec2::new(start.x, level),
            Vec2::new(approach, level),
            Vec2::new(approach, end.y),
            end,
        ];
    }
    // Out of the right side: next from the title band, a listed branch from its row, which
    // turns down at its own distance from the box.
    let (start, turn) = match (dot, listed_turn) {
        (Some(dot), Some(turn)) => (dot.at, Some(turn)),
        _ => (exit(a), None),
    };
    let ahead = match turn {
        Some(turn) => end.x - routing::ARRIVE >= start.x + turn,
        None => leads_ahead(start, end),
    };
    let turn_at = turn.map_or((start.x + end.x) / 2.0, |turn| start.x + turn);
    let turn = turn.unwrap_or(NEXT_TURN);
    if ahead {
        vec![
            start,
            Vec2::new(turn_at, start.y),
            Vec2::new(turn_at, end.y),
            end,
        ]
    } else if b.y > a.y + a.height + 2.0 * routing::ARRIVE {
        // Back to a step below: across the gap above it.
        let middle = start.x + turn;
        let above = b.y - routing::ARRIVE;
        vec![
            start,
            Vec2::new(middle, start.y),
            Vec2::new(middle, above),
            Vec2::new(end.x - routing::ARRIVE, above),
            Vec2::new(end.x - routing::ARRIVE, end.y),
            end,
        ]
    } else {
        // Backwards (a loop or a jump back): around below the source.
        let middle = start.x + turn;
        let below = (a.y + a.height).max(b.y + b.height) + 24.0;
        vec![
            start,
            Vec2::new(middle, start.y),
            Vec2::new(middle, below),
            Vec2::new(end.x - 20.0, below),
            Vec2::new(end.x - 20.0, end.y),
            end,
        ]
    }
}

/// How far right of its step a next link that goes back turns down.
pub(super) const NEXT_TURN: f64 = 20.0;

/// Does a next link from `start` into `end` go forward, turning down or up half way?
pub(super) fn leads_ahead(start: Vec2, end: Vec2) -> bool {
    end.x > start.x + NEXT_TURN
}

/// A sticky note as drawn.
#[derive(Clone, PartialEq, Debug)]
pub struct NoteBox {
    pub id: String,
    pub rect: Rect,
    pub text: String,
}

/// A group as drawn: a frame with its label above its steps, or, collapsed, one box in their
/// place that links lead into and out of.
#[derive(Clone, PartialEq, Debug)]
pub struct GroupFrame {
    pub id: String,
    pub label: String,
    pub rect: Rect,
    pub collapsed: bool,
    pub members: Vec<NodeId>,
    /// How many steps it holds, in words ("5 steps"), shown when it is collapsed.
    pub count: String,
}

/// The space between a group's frame and its steps, and the height of its label band.
pub const FRAME_PADDING: f64 = 16.0;
pub const FRAME_HEADER: f64 = 24.0;
/// How near (world units at zoom 1) a press must be to a note's corner to resize it.
pub const GRIP: f64 = 12.0;

impl GroupFrame {
    /// The band a press grabs an open group by (the rest of its frame is canvas).
    pub fn header(&self) -> Rect {
        if self.collapsed {
            self.rect
        } else {
            Rect {
                height: FRAME_HEADER,
                ..self.rect
            }
        }
    }

    pub(super) fn around(members: &[Rect]) -> Option<Rect> {
        Rect::around(members.iter().copied()).map(|span| Rect {
            x: span.x - FRAME_PADDING,
            y: span.y - FRAME_PADDING - FRAME_HEADER,
            width: span.width + 2.0 * FRAME_PADDING,
            height: span.height + 2.0 * FRAME_PADDING + FRAME_HEADER,
        })
    }
}

/// The frames of the flow's groups around their steps' boxes; a collapsed group is one
/// step-sized box where its steps begin.
pub(super) fn frames_of(flow: &FlowGraph, boxes: &[NodeBox], locale: Locale) -> Vec<GroupFrame> {
    if flow.groups.is_empty() {
        return Vec::new();
    }
    let rects: HashMap<NodeId, Rect> = boxes
        .iter()
        .map(|node_box| (node_box.node, node_box.rect))
        .collect();
    flow.groups
        .iter()
        .filter_map(|group| {
            let members: Vec<Rect> = group
                .nodes
                .iter()
                .filter_map(|node| rects.get(node).copied())
                .collect();
            let rect = if group.collapsed {
                let span = Rect::around(members.iter().copied())?;
                Rect {
                    x: span.x,
                    y: span.y,
                    width: STEP_WIDTH,
                    height: STEP_HEIGHT,
                }
            } else {
                GroupFrame::around(&members)?
            };
            Some(GroupFrame {
                id: group.id.clone(),
                label: group.label.clone(),
                rect,
                collapsed: group.collapsed,
                members: group.nodes.clone(),
                count: Text::new("group-step-count")
                    .with("count", group.nodes.len())
                    .in_locale(locale),
            })
        })
        .collect()
}
