//! A step's box as the diagram draws it, which the layout makes room for: its size, and where
//! its ports are. Next leaves the middle of its title band on the right. A few branches leave
//! along the bottom; more than that (a switch's cases, a menu's buttons, a queue's hooks) and
//! the box grows a labelled row per port down its right side, as Webitel's own switch does,
//! each port's line turning down at its own distance from the box so that none overlap.

use super::graph::Port;

pub const STEP_WIDTH: f64 = 200.0;
/// A step's height without listed ports: its title band and summary line.
pub const STEP_HEIGHT: f64 = 58.0;
/// The height of one listed port's row.
pub const PORT_ROW: f64 = 22.0;
/// Below its last listed port's row, so the row does not touch the box's edge.
const LIST_END: f64 = 6.0;
/// Branch ports along the bottom at most; with more, their labels would run into each other.
const MOST_ALONG_BOTTOM: usize = 3;
/// The distance from the box to where the line of its lowest listed port turns down, and
/// between two neighbouring ports' turns.
const FIRST_TURN: f64 = 14.0;
const TURN_SPACING: f64 = 8.0;
/// Room past the last turn before a line can enter a step's left side.
const ARRIVAL_ROOM: f64 = 28.0;

fn branch_count(ports: &[Port]) -> usize {
    ports.iter().filter(|port| **port != Port::Next).count()
}

/// Does a step with these ports list its branches down its right side?
pub fn lists_ports(ports: &[Port]) -> bool {
    branch_count(ports) > MOST_ALONG_BOTTOM
}

/// The height of a step's box with these ports.
pub fn step_height(ports: &[Port]) -> f64 {
    if lists_ports(ports) {
        STEP_HEIGHT + branch_count(ports) as f64 * PORT_ROW + LIST_END
    } else {
        STEP_HEIGHT
    }
}

/// Where the port `row` (counted among the branches, from 0) of a listing step sits, down from
/// its box's top.
pub fn listed_port_offset(row: usize) -> f64 {
    STEP_HEIGHT + (row as f64 + 0.5) * PORT_ROW
}

/// How far right of its box the line of listed port `row` of `rows` turns: the lowest turns
/// first, so that no line crosses another on its way down.
pub fn turn_offset(row: usize, rows: usize) -> f64 {
    FIRST_TURN + rows.saturating_sub(row + 1) as f64 * TURN_SPACING
}

/// The space right of a step with these ports that its lines need before the next layer.
pub fn room_right(ports: &[Port]) -> f64 {
    if lists_ports(ports) {
        turn_offset(0, branch_count(ports)) + ARRIVAL_ROOM
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ports(branches: usize) -> Vec<Port> {
        std::iter::once(Port::Next)
            .chain((0..branches).map(|index| Port::branch(&["case", &index.to_string()])))
            .collect()
    }

    #[test]
    fn a_few_branches_stay_along_the_bottom_and_more_are_listed_in_rows_that_fit_the_box() {
        assert!(!lists_ports(&ports(3)));
        assert_eq!(step_height(&ports(3)), STEP_HEIGHT);
        assert!(lists_ports(&ports(4)));
        for count in [4, 20, 40] {
            let height = step_height(&ports(count));
            assert!(listed_port_offset(count - 1) + PORT_ROW / 2.0 <= height);
            assert!(listed_port_offset(0) - PORT_ROW / 2.0 >= STEP_HEIGHT);
        }
    }

    #[test]
    fn lower_ports_turn_nearer_the_box_each_at_its_own_distance_within_the_room() {
        let rows = 40;
        let turns: Vec<f64> = (0..rows).map(|row| turn_offset(row, rows)).collect();
        assert!(turns
            .windows(2)
            .all(|pair| pair[0] - pair[1] >= TURN_SPACING));
        assert!(turns[0] < room_right(&ports(rows)));
        assert_eq!(room_right(&ports(2)), 0.0);
    }
}
