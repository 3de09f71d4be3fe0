//! The canvas's keyboard commands as plain data: which key does what, tested natively.

use crate::pages::diagram::scene::find;
use flow_model::flow::NodeId;

/// What a key pressed on the canvas asks for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Command {
    Undo,
    Redo,
    /// Enter: to the selected step's properties.
    OpenProperties,
    Duplicate,
    /// Delete or Backspace: the picked note or group, else the selected steps.
    Delete,
    Group,
    Ungroup,
    ZoomToSelection,
    /// Space held: a drag anywhere pans.
    HoldSpace,
    ZoomIn,
    ZoomOut,
    /// Arrow keys walk the steps in reading order.
    Walk {
        forward: bool,
    },
    /// F9, as in debuggers: a breakpoint on the selected steps, or off.
    ToggleBreakpoint,
}

/// The command for `key` (as `KeyboardEvent.key` names it), with Ctrl or Cmd (`command_key`)
/// and Shift.
pub fn command(key: &str, command_key: bool, shift: bool) -> Option<Command> {
    let command = match key {
        "z" | "Z" if command_key && shift => Command::Redo,
        "z" | "Z" if command_key => Command::Undo,
        "y" | "Y" if command_key => Command::Redo,
        "d" | "D" if command_key => Command::Duplicate,
        "g" | "G" if command_key && shift => Command::Ungroup,
        "g" | "G" if command_key => Command::Group,
        "f" | "F" if !command_key => Command::ZoomToSelection,
        "Enter" => Command::OpenProperties,
        "Delete" | "Backspace" => Command::Delete,
        " " => Command::HoldSpace,
        "+" | "=" => Command::ZoomIn,
        "-" => Command::ZoomOut,
        "F9" => Command::ToggleBreakpoint,
        "ArrowRight" | "ArrowDown" => Command::Walk { forward: true },
        "ArrowLeft" | "ArrowUp" => Command::Walk { forward: false },
        _ => return None,
    };
    Some(command)
}

/// The step after (or before) `current` in `order`, round the end; the first when none is.
pub fn walk(order: &[NodeId], current: Option<NodeId>, forward: bool) -> Option<NodeId> {
    match current.filter(|node| order.contains(node)) {
        Some(_) => find::next(order, current, forward),
        None => order.first().copied(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_key_with_its_modifiers_asks_for_its_command() {
        let walk = |forward| Some(Command::Walk { forward });
        let table = [
            // key, Ctrl or Cmd, Shift, command
            ("z", true, false, Some(Command::Undo)),
            ("Z", true, true, Some(Command::Redo)),
            ("y", true, false, Some(Command::Redo)),
            ("g", true, false, Some(Command::Group)),
            ("G", true, true, Some(Command::Ungroup)),
            ("d", true, false, Some(Command::Duplicate)),
            ("f", false, false, Some(Command::ZoomToSelection)),
            ("=", false, false, Some(Command::ZoomIn)),
            ("+", false, true, Some(Command::ZoomIn)),
            ("-", false, false, Some(Command::ZoomOut)),
            ("Enter", false, false, Some(Command::OpenProperties)),
            ("F9", false, false, Some(Command::ToggleBreakpoint)),
            ("Backspace", false, false, Some(Command::Delete)),
            ("Delete", false, false, Some(Command::Delete)),
            (" ", false, false, Some(Command::HoldSpace)),
            ("ArrowDown", false, false, walk(true)),
            ("ArrowRight", false, false, walk(true)),
            ("ArrowLeft", false, false, walk(false)),
            ("ArrowUp", false, false, walk(false)),
            // Without Ctrl or Cmd, letters are not commands (F aside).
            ("z", false, false, None),
            ("y", false, false, None),
            // Ctrl+F is the browser's find.
            ("f", true, false, None),
            ("Tab", false, false, None),
        ];
        for (key, command_key, shift, expected) in table {
            assert_eq!(
                command(key, command_key, shift),
                expected,
                "{key} (Ctrl/Cmd {command_key}, Shift {shift})"
            );
        }
    }

    #[test]
    fn walking_goes_round_and_starts_at_the_first() {
        let [a, b, c] = [3, 1, 2].map(NodeId::new);
        let order = [a, b, c];
        let table = [
            // from, forward, to
            (None, false, Some(a)),
            (Some(a), true, Some(b)),
            (Some(c), true, Some(a)),
            (Some(a), false, Some(c)),
            // A step no longer on show: back to the first.
            (Some(NodeId::new(9)), true, Some(a)),
        ];
        for (from, forward, to) in table {
            assert_eq!(
                walk(&order, from, forward),
                to,
                "from {from:?}, forward {forward}"
            );
        }
        assert_eq!(walk(&[], None, true), None);
    }
}
