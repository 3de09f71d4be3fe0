//! Where in a JSON document a position is, read from the text before it: the path of the
//! container it is in, and whether it is where a key or a value goes. Tolerant: the text is
//! usually half-typed, so nothing after the position and no error before it stops the scan.

use crate::flow::PathSeg;

/// What the position is at.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Spot {
    /// Where an object key goes (or inside one being typed).
    Key {
        /// The key's text typed so far, without its opening quote.
        prefix: String,
        /// Where the replaced text starts: the opening quote, or the first letter of a bare
        /// word, or the position itself.
        from: usize,
        /// Where the replaced text ends: past an already closed quote, else the position.
        to: usize,
        /// The keys the object already has before the position.
        siblings: Vec<String>,
        /// The key itself when the position is inside a finished key (for hover).
        whole: Option<String>,
    },
    /// Where a value goes: after `key:` in an object, or as an array element.
    Value {
        /// The string typed so far, when inside one.
        prefix: String,
        from: usize,
        to: usize,
        /// The key the value belongs to (`None` in an array).
        key: Option<String>,
    },
}

/// The position in context: the path of the innermost container, and the spot in it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Context {
    /// The path from the document to the container the position is in.
    pub path: Vec<PathSeg>,
    pub spot: Spot,
    /// Whether the document itself is an object (a whole flow) rather than a bare array.
    pub document_is_object: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Expect {
    Key,
    Colon,
    Value,
    Separator,
}

struct Frame {
    is_object: bool,
    expect: Expect,
    keys: Vec<String>,
    /// The object's current key, or the array's current index.
    key: Option<String>,
    index: usize,
}

impl Frame {
    fn new(is_object: bool) -> Self {
        Self {
            is_object,
            expect: if is_object {
                Expect::Key
            } else {
                Expect::Value
            },
            keys: Vec::new(),
            key: None,
            index: 0,
        }
    }

    fn segment(&self) -> PathSeg {
        if self.is_object {
            PathSeg::Key(self.key.clone().unwrap_or_default())
        } else {
            PathSeg::Index(self.index)
        }
    }

    /// A value just ended in this container.
    fn value_done(&mut self) {
        self.expect = Expect::Separator;
    }
}

/// A string token starting at `start`: its end (past the closing quote, or the text's end)
/// and whether it was closed.
pub(super) fn string_end(bytes: &[u8], start: usize) -> (usize, bool) {
    let mut at = start + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' => return (at + 1, true),
            b'\n' => return (at, false),
            _ => at += 1,
        }
    }
    (bytes.len(), false)
}

fn decoded(raw: &str) -> String {
    serde_json::from_str(&format!("\"{raw}\"")).unwrap_or_else(|_| raw.to_owned())
}

pub(super) fn is_word_byte(byte: u8) -> bool {
    !matches!(
        byte,
        b'{' | b'}' | b'[' | b']' | b',' | b':' | b'"' | b' ' | b'\t' | b'\n' | b'\r'
    )
}

/// The context of byte offset `at` in `text` (clamped to the text and to a char boundary).
pub fn context_at(text: &str, at: usize) -> Option<Context> {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut document_is_object = None;
    let mut pos = 0;
    let path_of = |stack: &[Frame]| -> Vec<PathSeg> {
        stack[..stack.len().saturating_sub(1)]
            .iter()
            .map(Frame::segment)
            .collect()
    };
    while pos < bytes.len() {
        let byte = bytes[pos];
        match byte {
            b' ' | b'\t' | b'\n' | b'\r' => {
                if pos >= at {
                    break;
                }
                pos += 1;
            }
            b'"' => {
                let (end, closed) = string_end(bytes, pos);
                let inside = at > pos && (at < end || (!closed && at <= end));
                if inside {
                    let prefix = decoded(&text[pos + 1..at]);
                    let whole = closed.then(|| decoded(&text[pos + 1..end - 1]));
                    let to = if closed { end } else { at };
                    let path = path_of(&stack);
                    let top = stack.last()?;
                    let spot = if top.is_object && matches!(top.expect, Expect::Key) {
                        Spot::Key {
                            prefix,
                            from: pos,
                            to,
                            siblings: top.keys.clone(),
                            whole,
                        }
                    } else {
                        Spot::Value {
                            prefix,
                            from: pos,
                            to,
                            key: top.is_object.then(|| top.key.clone()).flatten(),
                        }
                    };
                    return Some(Context {
                        path,
                        spot,
                        document_is_object: document_is_object.unwrap_or(false),
                    });
                }
                if pos >= at {
                    break;
                }
                match stack.last_mut() {
                    Some(frame) if frame.is_object && frame.expect == Expect::Key => {
                        let key = decoded(&text[pos + 1..end.saturating_sub(1).max(pos + 1)]);
                        frame.keys.push(key.clone());
                        frame.key = Some(key);
                        frame.expect = Expect::Colon;
                    }
                    Some(frame) => frame.value_done(),
                    None => {}
                }
                pos = end;
            }
            b'{' | b'[' => {
                if pos >= at {
                    break;
                }
                document_is_object.get_or_insert(byte == b'{');
                stack.push(Frame::new(byte == b'{'));
                pos += 1;
            }
            b'}' | b']' => {
                if pos >= at {
                    break;
                }
                stack.pop();
                if let Some(frame) = stack.last_mut() {
                    frame.value_done();
                }
                pos += 1;
            }
            b':' => {
                if pos >= at {
                    break;
                }
                if let Some(frame) = stack.last_mut() {
                    frame.expect = Expect::Value;
                }
                pos += 1;
            }
            b',' => {
                if pos >= at {
                    break;
                }
                if let Some(frame) = stack.last_mut() {
                    if frame.is_object {
                        frame.expect = Expect::Key;
                        frame.key = None;
                    } else {
                        frame.expect = Expect::Value;
                        frame.index += 1;
                    }
                }
                pos += 1;
            }
            _ => {
                let start = pos;
                while pos < bytes.len() && is_word_byte(bytes[pos]) {
                    pos += 1;
                }
                if at > start && at <= pos {
                    // A bare word being typed: the key or value it will become.
                    let top = stack.last()?;
                    let prefix = text[start..at].to_owned();
                    let spot = if top.is_object && matches!(top.expect, Expect::Key) {
                        Spot::Key {
                            prefix,
                            from: start,
                            to: at,
                            siblings: top.keys.clone(),
                            whole: None,
                        }
                    } else {
                        Spot::Value {
                            prefix,
                            from: start,
                            to: at,
                            key: top.is_object.then(|| top.key.clone()).flatten(),
                        }
                    };
                    return Some(Context {
                        path: path_of(&stack),
                        spot,
                        document_is_object: document_is_object.unwrap_or(false),
                    });
                }
                if start >= at {
                    break;
                }
                if let Some(frame) = stack.last_mut() {
                    frame.value_done();
                }
            }
        }
    }
    let path = path_of(&stack);
    let top = stack.last()?;
    let spot = match top.expect {
        Expect::Key => Spot::Key {
            prefix: String::new(),
            from: at,
            to: at,
            siblings: top.keys.clone(),
            whole: None,
        },
        Expect::Value => Spot::Value {
            prefix: String::new(),
            from: at,
            to: at,
            key: top.is_object.then(|| top.key.clone()).flatten(),
        },
        Expect::Colon | Expect::Separator => return None,
    };
    Some(Context {
        path,
        spot,
        document_is_object: document_is_object.unwrap_or(false),
    })
}
