//! What is under the pointer, and where there is room: hit tests over a built scene.

use super::viewport::{Rect, Vec2};
use super::{Edge, NodeBox, NoteBox, PortDot, Scene, PORT_REACH};
use crate::pages::diagram::editing::decorations::Decoration;
use flow_model::flow::shape::PORT_ROW;
use flow_model::flow::{NodeId, Port};

impl Scene {
    /// The port within reach of a world point (`reach` in world units), if any.
    pub fn port_at(&self, world: Vec2, reach: f64) -> Option<(NodeId, Port)> {
        self.boxes.iter().rev().find_map(|node_box| {
            node_box
                .ports
                .iter()
                .find(|dot| (dot.at.x - world.x).hypot(dot.at.y - world.y) <= reach)
                .map(|dot| (node_box.node, dot.port.clone()))
        })
    }

    /// The listed port ([`PortDot::turn`]) whose row or dot is at a world point.
    pub fn listed_port_at(&self, world: Vec2) -> Option<&PortDot> {
        self.boxes.iter().rev().find_map(|node_box| {
            let reach = Rect {
                width: node_box.rect.width + PORT_REACH,
                ..node_box.rect
            };
            if !reach.contains(world) {
                return None;
            }
            node_box
                .ports
                .iter()
                .filter(|dot| dot.turn.is_some())
                .find(|dot| (dot.at.y - world.y).abs() <= PORT_ROW / 2.0)
        })
    }

    /// The node at a world point, the one drawn last (on top) first.
    pub fn hit(&self, world: Vec2) -> Option<NodeId> {
        self.boxes
            .iter()
            .rev()
            .find(|node_box| node_box.rect.contains(world))
            .map(|node_box| node_box.node)
    }

    /// The nodes a world rectangle touches, in reading order.
    pub fn touching(&self, area: &Rect) -> Vec<NodeId> {
        self.boxes
            .iter()
            .filter(|node_box| node_box.rect.intersects(area))
            .map(|node_box| node_box.node)
            .collect()
    }

    /// The note or group at a world point: a collapsed group's box, an open group's label
    /// band, then a note.
    pub fn decoration_at(&self, world: Vec2) -> Option<Decoration> {
        let frame = self
            .frames
            .iter()
            .rev()
            .find(|frame| frame.header().contains(world))
            .map(|frame| Decoration::Group(frame.id.clone()));
        frame.or_else(|| {
            self.notes
                .iter()
                .rev()
                .find(|note| note.rect.contains(world))
                .map(|note| Decoration::Note(note.id.clone()))
        })
    }

    /// The note whose bottom-right corner (its resize grip) is within `reach` of a world point.
    pub fn note_grip_at(&self, world: Vec2, reach: f64) -> Option<&NoteBox> {
        self.notes.iter().rev().find(|note| {
            let corner = Vec2::new(
                note.rect.x + note.rect.width,
                note.rect.y + note.rect.height,
            );
            (corner.x - world.x).abs() <= reach && (corner.y - world.y).abs() <= reach
        })
    }

    /// The link whose line passes within `reach` of a world point.
    pub fn edge_at(&self, world: Vec2, reach: f64) -> Option<&Edge> {
        self.edges.iter().find(|edge| {
            edge.points.windows(2).any(|pair| {
                let span = Rect::spanning(pair[0], pair[1]);
                world.x >= span.x - reach
                    && world.x <= span.x + span.width + reach
                    && world.y >= span.y - reach
                    && world.y <= span.y + span.height + reach
            })
        })
    }

    /// Where to put a new `size` box near `around` (its centre) without covering anything:
    /// the nearest free place on a grid of `step`, ring by ring; `around` itself when the
    /// neighbourhood is full. Returns the top left.
    pub fn free_spot(&self, around: Vec2, size: Vec2, step: f64) -> Vec2 {
        const RINGS: i32 = 12;
        let taken: Vec<Rect> = self
            .boxes
            .iter()
            .map(|node_box| node_box.rect)
            .chain(self.notes.iter().map(|note| note.rect))
            .chain(self.frames.iter().map(|frame| frame.rect))
            .collect();
        let place = |dx: i32, dy: i32| Rect {
            x: ((around.x - size.x / 2.0) / step).round() * step + f64::from(dx) * step,
            y: ((around.y - size.y / 2.0) / step).round() * step + f64::from(dy) * step,
            width: size.x,
            height: size.y,
        };
        let free = |rect: &Rect| {
            let spaced = Rect {
                x: rect.x - step,
                y: rect.y - step,
                width: rect.width + 2.0 * step,
                height: rect.height + 2.0 * step,
            };
            !taken.iter().any(|other| other.intersects(&spaced))
        };
        (0..=RINGS)
            .flat_map(|ring| {
                (-ring..=ring).flat_map(move |dx| {
                    (-ring..=ring)
                        .filter(move |dy| dx.abs() == ring || dy.abs() == ring)
                        .map(move |dy| (dx, dy))
                })
            })
            .map(|(dx, dy)| place(dx, dy))
            .find(free)
            .map_or(Vec2::new(place(0, 0).x, place(0, 0).y), |rect| {
                Vec2::new(rect.x, rect.y)
            })
    }

    /// Everything drawn: steps, notes and groups.
    pub fn bounds(&self) -> Option<Rect> {
        Rect::around(
            self.boxes
                .iter()
                .map(|node_box| node_box.rect)
                .chain(self.notes.iter().map(|note| note.rect))
                .chain(self.frames.iter().map(|frame| frame.rect)),
        )
    }

    /// Where a note or group is drawn.
    pub fn decoration_rect(&self, decoration: &Decoration) -> Option<Rect> {
        match decoration {
            Decoration::Note(id) => self
                .notes
                .iter()
                .find(|note| note.id == *id)
                .map(|note| note.rect),
            Decoration::Group(id) => self
                .frames
                .iter()
                .find(|frame| frame.id == *id)
                .map(|frame| frame.rect),
        }
    }

    pub fn box_of(&self, node: NodeId) -> Option<&NodeBox> {
        self.boxes.iter().find(|node_box| node_box.node == node)
    }
}
