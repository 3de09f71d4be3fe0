//! Line differences between two texts, laid out side by side the way reviewers read them:
//! changed lines paired up, unchanged runs folded down to a few lines of context.

/// One row of a side-by-side view.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Row {
    /// The same line on both sides (1-based numbers).
    Same {
        left: usize,
        right: usize,
        text: String,
    },
    /// A line that differs: removed on the left, added on the right, or both (changed).
    Changed {
        left: Option<(usize, String)>,
        right: Option<(usize, String)>,
    },
    /// Unchanged lines not shown.
    Folded { lines: usize },
}

/// How the two sides differ, in lines.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Summary {
    pub removed: usize,
    pub added: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Edit {
    Same(usize, usize),
    Removed(usize),
    Added(usize),
}

/// Beyond this many differing lines the exact alignment costs more than it helps: the rest
/// of the middle is shown as replaced.
const MAX_EDIT_DISTANCE: usize = 2_000;

/// The edit script from `old` to `new` (Myers' algorithm on the part between the common
/// prefix and suffix).
fn edits(old: &[&str], new: &[&str]) -> Vec<Edit> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (a, b) = (
        &old[prefix..old.len() - suffix],
        &new[prefix..new.len() - suffix],
    );
    let mut script: Vec<Edit> = (0..prefix).map(|i| Edit::Same(i, i)).collect();
    match middle(a, b) {
        Some(middle) => script.extend(middle.into_iter().map(|edit| match edit {
            Edit::Same(i, j) => Edit::Same(prefix + i, prefix + j),
            Edit::Removed(i) => Edit::Removed(prefix + i),
            Edit::Added(j) => Edit::Added(prefix + j),
        })),
        None => {
            script.extend((0..a.len()).map(|i| Edit::Removed(prefix + i)));
            script.extend((0..b.len()).map(|j| Edit::Added(prefix + j)));
        }
    }
    script.extend((0..suffix).map(|k| Edit::Same(old.len() - suffix + k, new.len() - suffix + k)));
    script
}

/// Myers' shortest edit script, or `None` when it is longer than [`MAX_EDIT_DISTANCE`].
fn middle(a: &[&str], b: &[&str]) -> Option<Vec<Edit>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = ((n + m) as usize).min(MAX_EDIT_DISTANCE) as isize;
    let offset = max + 1;
    let mut frontier = vec![0isize; 2 * max as usize + 3];
    // The frontier before each round, only its diagonals -d..=d: all the walk back reads.
    let mut trace: Vec<Vec<isize>> = Vec::new();
    let mut found = None;
    'search: for d in 0..=max {
        trace.push(frontier[(offset - d) as usize..=(offset + d) as usize].to_vec());
        for k in (-d..=d).step_by(2) {
            let index = (k + offset) as usize;
            let mut x = if k == -d || (k != d && frontier[index - 1] < frontier[index + 1]) {
                frontier[index + 1]
            } else {
                frontier[index - 1] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            frontier[index] = x;
            if x >= n && y >= m {
                found = Some(d);
                break 'search;
            }
        }
    }
    let distance = found?;
    // Walk back through the saved frontiers.
    let mut script = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (1..=distance).rev() {
        let frontier = &trace[d as usize];
        let at = |k: isize| frontier[(k + d) as usize];
        let k = x - y;
        let down = k == -d || (k != d && at(k - 1) < at(k + 1));
        let previous_k = if down { k + 1 } else { k - 1 };
        let previous_x = at(previous_k);
        let previous_y = previous_x - previous_k;
        while x > previous_x && y > previous_y {
            x -= 1;
            y -= 1;
            script.push(Edit::Same(x as usize, y as usize));
        }
        if down {
            y -= 1;
            script.push(Edit::Added(y as usize));
        } else {
            x -= 1;
            script.push(Edit::Removed(x as usize));
        }
    }
    while x > 0 && y > 0 {
        x -= 1;
        y -= 1;
        script.push(Edit::Same(x as usize, y as usize));
    }
    script.reverse();
    Some(script)
}

/// The side-by-side rows from `old` (left) to `new` (right), with `context` unchanged lines
/// kept around each change, and the counts of removed and added lines.
pub fn side_by_side(old: &str, new: &str, context: usize) -> (Vec<Row>, Summary) {
    let old_lines: Vec<&str> = old.lines().collect();
    let new_lines: Vec<&str> = new.lines().collect();
    let script = edits(&old_lines, &new_lines);
    let mut summary = Summary::default();
    let mut rows = Vec::new();
    let mut index = 0;
    while index < script.len() {
        match script[index] {
            Edit::Same(i, j) => {
                rows.push(Row::Same {
                    left: i + 1,
                    right: j + 1,
                    text: old_lines[i].to_owned(),
                });
                index += 1;
            }
            _ => {
                // A run of changes: removals beside additions, line by line.
                let mut removed = Vec::new();
                let mut added = Vec::new();
                while let Some(edit) = script.get(index) {
                    match *edit {
                        Edit::Removed(i) => removed.push(i),
                        Edit::Added(j) => added.push(j),
                        Edit::Same(..) => break,
                    }
                    index += 1;
                }
                summary.removed += removed.len();
                summary.added += added.len();
                for row in 0..removed.len().max(added.len()) {
                    rows.push(Row::Changed {
                        left: removed.get(row).map(|&i| (i + 1, old_lines[i].to_owned())),
                        right: added.get(row).map(|&j| (j + 1, new_lines[j].to_owned())),
                    });
                }
            }
        }
    }
    (fold(rows, context), summary)
}

/// Replaces the unchanged lines farther than `context` from any change by [`Row::Folded`].
fn fold(rows: Vec<Row>, context: usize) -> Vec<Row> {
    let changed: Vec<bool> = rows
        .iter()
        .map(|row| matches!(row, Row::Changed { .. }))
        .collect();
    let mut near = vec![false; rows.len()];
    for (index, _) in changed.iter().enumerate().filter(|(_, changed)| **changed) {
        let start = index.saturating_sub(context);
        let end = (index + context + 1).min(rows.len());
        near[start..end].iter_mut().for_each(|near| *near = true);
    }
    let mut folded = Vec::new();
    let mut hidden = 0;
    for (row, near) in rows.into_iter().zip(near) {
        if near {
            if hidden > 0 {
                folded.push(Row::Folded { lines: hidden });
                hidden = 0;
            }
            folded.push(row);
        } else {
            hidden += 1;
        }
    }
    if hidden > 0 {
        folded.push(Row::Folded { lines: hidden });
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(rows: &[Row]) -> Vec<String> {
        rows.iter()
            .map(|row| match row {
                Row::Same { text, .. } => format!("  {text}"),
                Row::Changed { left, right } => format!(
                    "{}|{}",
                    left.as_ref().map_or("", |(_, text)| text.as_str()),
                    right.as_ref().map_or("", |(_, text)| text.as_str())
                ),
                Row::Folded { lines } => format!("… {lines}"),
            })
            .collect()
    }

    #[test]
    fn identical_texts_fold_to_one_row() {
        let (rows, summary) = side_by_side("a\nb\nc", "a\nb\nc", 3);
        assert_eq!(rows, vec![Row::Folded { lines: 3 }]);
        assert_eq!(summary, Summary::default());
    }

    #[test]
    fn a_changed_line_sits_beside_its_replacement() {
        let (rows, summary) = side_by_side("a\nb\nc", "a\nB\nc", 1);
        assert_eq!(lines(&rows), ["  a", "b|B", "  c"]);
        assert_eq!(
            summary,
            Summary {
                removed: 1,
                added: 1
            }
        );
    }

    #[test]
    fn insertions_and_removals_keep_line_numbers_of_each_side() {
        let (rows, summary) = side_by_side("a\nb\nc\nd", "a\nc\nd\ne", 5);
        assert_eq!(lines(&rows), ["  a", "b|", "  c", "  d", "|e"]);
        assert_eq!(
            rows[2],
            Row::Same {
                left: 3,
                right: 2,
                text: "c".into()
            }
        );
        assert_eq!(
            summary,
            Summary {
                removed: 1,
                added: 1
            }
        );
    }

    #[test]
    fn far_unchanged_lines_fold() {
        let old: String = (0..100).map(|i| format!("{i}\n")).collect();
        let new = old.replace("\n50\n", "\nfifty\n");
        let (rows, _) = side_by_side(&old, &new, 2);
        assert_eq!(
            lines(&rows),
            ["… 48", "  48", "  49", "50|fifty", "  51", "  52", "… 47"]
        );
    }

    #[test]
    fn the_edit_script_is_minimal() {
        let old = ["a", "b", "c", "a", "b", "b", "a"];
        let new = ["c", "b", "a", "b", "a", "c"];
        let script = edits(&old, &new);
        let changes = script
            .iter()
            .filter(|edit| !matches!(edit, Edit::Same(..)))
            .count();
        assert_eq!(changes, 5, "Myers' example has an edit distance of 5");
        // Replaying the script on `old` gives `new`.
        let replayed: Vec<&str> = script
            .iter()
            .filter_map(|edit| match edit {
                Edit::Same(i, _) => Some(old[*i]),
                Edit::Added(j) => Some(new[*j]),
                Edit::Removed(_) => None,
            })
            .collect();
        assert_eq!(replayed, new);
    }

    #[test]
    fn wholly_different_large_texts_still_answer() {
        let old: String = (0..20_000).map(|i| format!("old {i}\n")).collect();
        let new: String = (0..20_000).map(|i| format!("new {i}\n")).collect();
        let (_, summary) = side_by_side(&old, &new, 3);
        assert_eq!(
            summary,
            Summary {
                removed: 20_000,
                added: 20_000
            }
        );
    }
}
