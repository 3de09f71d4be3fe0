//! Positions in text three ways: byte offsets (Rust), 1-based line and character column (what
//! people read), and UTF-16 code units (what browsers and their editors count).

/// The byte offset of `line:column` (1-based, column in characters), clamped to the text.
pub fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(newline) => start += newline + 1,
            None => return text.len(),
        }
    }
    let line_end = text[start..]
        .find('\n')
        .map_or(text.len(), |end| start + end);
    text[start..line_end]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_end, |(offset, _)| start + offset)
}

/// The UTF-16 offset of byte offset `byte` (rounded down to a character boundary).
pub fn utf16_from_byte(text: &str, byte: usize) -> usize {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    text[..byte].encode_utf16().count()
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
