//! Byte offsets to Unicode code-point offsets: the one place the conversion happens.

/// Maps byte offsets of one text to code-point offsets, in O(log n) per lookup.
///
/// Built once per document; for pure-ASCII text the map is the identity and costs nothing.
pub struct CharOffsets {
    /// Byte offset of every non-ASCII char, in order; empty for ASCII text.
    wide: Vec<(usize, usize)>,
}

impl CharOffsets {
    pub fn new(text: &str) -> CharOffsets {
        let mut wide = Vec::new();
        if !text.is_ascii() {
            // (byte offset just after a multi-byte char, extra bytes seen so far)
            let mut extra = 0;
            for (i, c) in text.char_indices() {
                let n = c.len_utf8();
                if n > 1 {
                    extra += n - 1;
                    wide.push((i + n, extra));
                }
            }
        }
        CharOffsets { wide }
    }

    /// Code-point offset of a byte offset that lies on a char boundary.
    pub fn to_char(&self, byte: usize) -> usize {
        // Extra bytes of all multi-byte chars that end at or before `byte`.
        let k = self.wide.partition_point(|&(end, _)| end <= byte);
        if k == 0 {
            byte
        } else {
            byte - self.wide[k - 1].1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        let m = CharOffsets::new("abc def");
        assert_eq!(m.to_char(0), 0);
        assert_eq!(m.to_char(7), 7);
    }

    #[test]
    fn multibyte_counts_code_points() {
        let text = "a–b’c😀d";
        let m = CharOffsets::new(text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(m.to_char(bi), ci, "byte {bi}");
        }
        assert_eq!(m.to_char(text.len()), text.chars().count());
    }
}
