//! Decoding raw bytes to text, and normalizing that text: pure functions, no I/O.
//!
//! The normalized text is what `documents.text` holds and what every offset points into, so
//! every rule here is part of the output contract: NFC, `\n` line ends, no control characters,
//! single spaces inside lines, paragraphs separated by exactly one blank line.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Why a file's bytes are not accepted as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("empty file")]
    Empty,
    #[error("binary file ({0})")]
    Binary(&'static str),
    #[error("no text: only whitespace or control characters")]
    NoText,
}

/// Text decoded from a file, with the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `utf-8`, `utf-8-bom`, `utf-8-lossy`, `utf-16le`, `utf-16be`, or `windows-1252`.
    pub encoding: &'static str,
}

/// How much of the start of a file the binary sniffing looks at.
const SNIFF_BYTES: usize = 64 * 1024;

/// Decode a file's bytes: BOMs first, then UTF-16 without BOM (NUL-byte pattern), then UTF-8,
/// then Windows-1252 (a superset of Latin-1's printable range) for single-byte text.
///
/// UTF-8 with a few invalid sequences (a truncated last character, a stray byte) is read as
/// UTF-8 with U+FFFD replacements and reported as `utf-8-lossy`, because reading it as
/// Windows-1252 would garble every valid multi-byte character in it.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let decoded = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Decoded {
            text: String::from_utf8_lossy(rest).into_owned(),
            encoding: "utf-8-bom",
        }
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        Decoded {
            text: decode_utf16(rest, true),
            encoding: "utf-16le",
        }
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        Decoded {
            text: decode_utf16(rest, false),
            encoding: "utf-16be",
        }
    } else if let Some(little_endian) = sniff_utf16(bytes) {
        let encoding = if little_endian {
            "utf-16le"
        } else {
            "utf-16be"
        };
        Decoded {
            text: decode_utf16(bytes, little_endian),
            encoding,
        }
    } else {
        if let Some(why) = sniff_binary(bytes) {
            return Err(DecodeError::Binary(why));
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => Decoded {
                text: s.to_owned(),
                encoding: "utf-8",
            },
            Err(_) if mostly_utf8(bytes) => Decoded {
                text: String::from_utf8_lossy(bytes).into_owned(),
                encoding: "utf-8-lossy",
            },
            Err(_) => {
                let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                Decoded {
                    text: text.into_owned(),
                    encoding: "windows-1252",
                }
            }
        }
    };
    if control_share(&decoded.text) > 0.10 {
        return Err(DecodeError::Binary("control characters"));
    }
    Ok(decoded)
}

fn decode_utf16(bytes: &[u8], little_endian: bool) -> String {
    let enc = if little_endian {
        encoding_rs::UTF_16LE
    } else {
        encoding_rs::UTF_16BE
    };
    let (text, _) = enc.decode_without_bom_handling(bytes);
    text.into_owned()
}

/// UTF-16 without a BOM: text in Latin script has a NUL in every other byte.
/// Returns `Some(true)` for little-endian, `Some(false)` for big-endian.
fn sniff_utf16(bytes: &[u8]) -> Option<bool> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_nul = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let mostly = |n: usize| n * 10 >= pairs * 7;
    let rarely = |n: usize| n * 20 <= pairs;
    if mostly(odd_nul) && rarely(even_nul) {
        Some(true)
    } else if mostly(even_nul) && rarely(odd_nul) {
        Some(false)
    } else {
        None
    }
}

/// A reason to call the bytes binary, looking at the start of the file: NUL bytes or many
/// C0 control characters (text has tabs and line ends, not bells and escapes).
fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let nul = head.iter().filter(|&&b| b == 0).count();
    if nul * 100 > head.len() {
        return Some("NUL bytes");
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c) && b != 0)
        .count();
    if controls * 20 > head.len() {
        return Some("control bytes");
    }
    None
}

/// Whether invalid UTF-8 is still mostly UTF-8: a truncated character at the very end, or
/// invalid bytes that are few (under 1% of the bytes, or under 4 in all) and rare next to the
/// valid multi-byte characters (at most one for every two).
///
/// The last condition keeps Windows-1252 text out: there a letter in Â..ß followed by
/// punctuation in 0x80..0xBF happens to be valid UTF-8 (`ß“` is the bytes DF 93, U+07D3), so
/// German text such as `„Fuß“` has one "valid" multi-byte character and one invalid byte,
/// and reading it as UTF-8 would garble both.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    let (mut invalid, mut multibyte, mut truncated) = (0usize, 0usize, false);
    let few = |invalid: usize| invalid < 4 || invalid * 100 < bytes.len();
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                multibyte += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                multibyte += std::str::from_utf8(good)
                    .map(|g| g.chars().filter(|c| !c.is_ascii()).count())
                    .unwrap_or(0);
                match e.error_len() {
                    Some(n) => {
                        invalid += n;
                        rest = &bad[n..];
                        if !few(invalid) {
                            return false;
                        }
                    }
                    None => {
                        truncated = true;
                        break;
                    }
                }
            }
        }
    }
    (multibyte > 0 || truncated) && few(invalid) && invalid * 2 <= multibyte
}

fn control_share(text: &str) -> f64 {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(SNIFF_BYTES) {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0c}') {
            control += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        control as f64 / total as f64
    }
}

/// Normalize decoded text into the form every offset refers to:
/// - Unicode NFC;
/// - line ends `\r\n`, `\r`, U+2028, U+2029, form feed and vertical tab become `\n`;
/// - tabs and Unicode spaces (NBSP, thin spaces, ideographic space...) become a plain space;
/// - control characters, zero-width spaces, soft hyphens and stray BOMs are removed;
/// - inside a line, runs of spaces become one, and lines are trimmed;
/// - one or more blank lines become exactly one (a paragraph break);
/// - no leading or trailing blank lines.
///
/// Returns `Err(DecodeError::NoText)` when nothing but whitespace is left.
///
/// NFC comes last, after the removals: a removed character between a letter and a combining
/// mark (`e` + soft hyphen + U+0301) would otherwise leave decomposed text behind, and a second
/// `normalize` would change it. No canonical composition or decomposition creates whitespace or
/// control characters out of other characters, so the cleaning stays valid after NFC.
pub fn normalize(text: &str) -> Result<String, DecodeError> {
    let mut out = String::with_capacity(text.len());
    // Pending separators, emitted only before the next visible character.
    let mut pending_space = false;
    let mut newlines = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                newlines += 1;
                pending_space = false;
            }
            '\n' | '\u{2028}' | '\u{2029}' | '\u{0b}' | '\u{0c}' | '\u{85}' => {
                newlines += 1;
                pending_space = false;
            }
            '\u{200b}' | '\u{feff}' | '\u{ad}' | '\u{2060}' => {}
            c if c == '\t' || (c.is_whitespace() && c != '\n') => pending_space = true,
            c if c.is_control() => {}
            c => {
                if !out.is_empty() {
                    if newlines >= 2 {
                        out.push_str("\n\n");
                    } else if newlines == 1 {
                        out.push('\n');
                    } else if pending_space {
                        out.push(' ');
                    }
                }
                newlines = 0;
                pending_space = false;
                out.push(c);
            }
        }
    }
    if out.is_empty() {
        Err(DecodeError::NoText)
    } else if out.is_ascii() || is_nfc_quick(out.chars()) == IsNormalized::Yes {
        Ok(out)
    } else {
        Ok(out.nfc().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_and_bom() {
        assert_eq!(decode("héllo".as_bytes()).unwrap().encoding, "utf-8");
        let d = decode(b"\xEF\xBB\xBFhi").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("hi", "utf-8-bom"));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let le: Vec<u8> = "Raqqa, Syria"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let be: Vec<u8> = "Raqqa, Syria"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        let mut le_bom = vec![0xFF, 0xFE];
        le_bom.extend(&le);
        let mut be_bom = vec![0xFE, 0xFF];
        be_bom.extend(&be);
        for (bytes, enc) in [
            (&le, "utf-16le"),
            (&be, "utf-16be"),
            (&le_bom, "utf-16le"),
            (&be_bom, "utf-16be"),
        ] {
            let d = decode(bytes).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), ("Raqqa, Syria", enc));
        }
    }

    #[test]
    fn windows_1252_and_lossy_utf8() {
        let d = decode(b"caf\xe9 \x93quoted\x94").unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("café “quoted”", "windows-1252")
        );
        // Valid UTF-8 with a truncated final character.
        let mut bytes = "Deir ez-Zor – Raqqa ".as_bytes().to_vec();
        bytes.extend(&"é".as_bytes()[..1]);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "utf-8-lossy");
        assert!(d.text.starts_with("Deir ez-Zor – Raqqa"));
        // Only ASCII before a truncated last character is still UTF-8.
        let d = decode(b"Raqqa \xC3").unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("Raqqa \u{fffd}", "utf-8-lossy")
        );
    }

    /// Regression: Windows-1252 German with `ß“` (DF 93, valid UTF-8 by accident) and one
    /// invalid byte was read as lossy UTF-8: `„Fuß“` became `\u{fffd}Fu\u{7d3}`.
    #[test]
    fn windows_1252_with_an_accidental_utf8_pair_stays_windows_1252() {
        let d = decode(b"Der \x84Fu\xdf\x93 ist gesperrt.").unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("Der „Fuß“ ist gesperrt.", "windows-1252")
        );
        // UTF-8 with one stray byte among several accented letters is still UTF-8.
        let d = decode(
            "Zürich, Genève, São Paulo \u{2013} "
                .as_bytes()
                .iter()
                .chain(b"\xff")
                .copied()
                .collect::<Vec<u8>>()
                .as_slice(),
        )
        .unwrap();
        assert_eq!(d.encoding, "utf-8-lossy");
    }

    #[test]
    fn rejects_empty_and_binary() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10"),
            Err(DecodeError::Binary(_))
        ));
        assert_eq!(normalize(" \n\t \r\n "), Err(DecodeError::NoText));
    }

    #[test]
    fn normalizes_whitespace_and_paragraphs() {
        let raw = "\u{feff} Title\u{a0} here \r\n\r\n\r\n\tFirst\u{2009}line\nsecond  line\u{0}\n \n\nLast.\u{a0}\n\n";
        assert_eq!(
            normalize(raw).unwrap(),
            "Title here\n\nFirst line\nsecond line\n\nLast."
        );
    }

    #[test]
    fn composes_to_nfc() {
        assert_eq!(normalize("Cafe\u{301}").unwrap(), "Caf\u{e9}");
    }

    /// Regression: a removed character (soft hyphen, zero-width space, control) between a
    /// letter and a combining mark left decomposed text behind, so the output was not NFC and a
    /// second normalize changed it.
    #[test]
    fn removing_invisible_characters_keeps_nfc_and_idempotence() {
        for raw in [
            "Cafe\u{ad}\u{301}",
            "Cafe\u{200b}\u{301} au lait",
            "e\u{0}\u{301}",
            "A\u{feff}\u{30a}ngstr\u{f6}m",
        ] {
            let once = normalize(raw).unwrap();
            assert!(unicode_normalization::is_nfc(&once), "{raw:?} -> {once:?}");
            assert_eq!(normalize(&once).unwrap(), once, "{raw:?}");
        }
        assert_eq!(normalize("Cafe\u{ad}\u{301}").unwrap(), "Caf\u{e9}");
    }
}
