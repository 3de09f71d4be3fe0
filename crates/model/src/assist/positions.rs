//! Positions in text three ways: byte offsets (Rust), 1-based line and character column (what
//! people read), and UTF-16 code units (what browsers and their editors count).

/// Where each line of a text starts, to find many `line:column` places without rescanning.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Self { text, starts }
    }

    /// The byte offset of `line:column` (1-based, column in characters), clamped to the line
    /// (and to the text's end for lines past it).
    pub fn byte_offset(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |end| start + end);
        self.text[start..line_end]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_end, |(offset, _)| start + offset)
    }
}

/// The byte offset of `line:column` (1-based, column in characters), clamped to the text.
pub fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    LineIndex::new(text).byte_offset(line, column)
}

/// The UTF-16 offsets of byte offsets `bytes` (in any order; each rounded down to a character
/// boundary), in one pass over the text.
pub fn utf16_from_bytes(text: &str, bytes: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..bytes.len()).collect();
    order.sort_by_key(|&index| bytes[index]);
    let mut converted = vec![0; bytes.len()];
    let mut units = 0;
    let mut characters = text.char_indices().peekable();
    for index in order {
        let target = bytes[index].min(text.len());
        while let Some(&(offset, character)) = characters.peek() {
            if offset + character.len_utf8() > target {
                break;
            }
            units += character.len_utf16();
            characters.next();
        }
        converted[index] = units;
    }
    converted
}

/// The UTF-16 offset of byte offset `byte` (rounded down to a character boundary).
pub fn utf16_from_byte(text: &str, byte: usize) -> usize {
    utf16_from_bytes(text, &[byte])[0]
}

/// The byte offset of UTF-16 offset `units` (inside a surrogate pair: the character's start).
pub fn byte_from_utf16(text: &str, units: usize) -> usize {
    let mut counted = 0;
    for (offset, character) in text.char_indices() {
        if counted + character.len_utf16() > units {
            return offset;
        }
        counted += character.len_utf16();
    }
    text.len()
}

/// The UTF-16 offset of `line:column` (1-based, column in characters).
pub fn utf16_offset(text: &str, line: usize, column: usize) -> usize {
    utf16_from_byte(text, byte_offset(text, line, column))
}
