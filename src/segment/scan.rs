//! Character classes and small byte-level helpers for the segmenter.

/// Bytes at which the main scan has to stop: `.`, `!`, `?`, `\n`, and the lead bytes of the
/// multi-byte terminators and bullets (`…` `‼` `⁇` `•` ... start with 0xE2, `。` with 0xE3,
/// `！` `？` with 0xEF). Everything else is skipped with one table lookup.
pub static STOP: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b'\n' as usize] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// Sentence-final punctuation.
pub fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '。' | '！' | '？'
    )
}

/// Full-width terminators of CJK text, which end a sentence without a following space.
pub fn is_cjk_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？')
}

/// Closing quotes and brackets that belong to the sentence they follow.
pub fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '}' | '”' | '’' | '»' | '›' | '」' | '』' | '）'
    )
}

/// Closing quotation marks (a quotation may be followed by its reporting clause).
pub fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | '」' | '』')
}

/// Opening quotes and brackets.
pub fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '(' | '[' | '{' | '“' | '‘' | '«' | '‹' | '「' | '『' | '（'
    )
}

/// List bullets: each starts a new item (and so a new sentence).
pub fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '◦' | '▪' | '●' | '‣' | '⁃' | '■' | '►' | '▶' | '◆')
}

/// ASCII whitespace as the scanner sees it.
pub fn is_ascii_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// The char starting at byte `i` (which must be a char boundary), if any.
pub fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}
