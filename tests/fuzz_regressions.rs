//! Inputs that broke a text stage, minimized, replayed through the same checks the fuzz
//! targets run (`tests/support/targets.rs`). Found with `just fuzz TARGET SECONDS`; each test
//! names the target, the date and what went wrong.

#[path = "support/invariants.rs"]
mod invariants;
#[path = "support/targets.rs"]
mod targets;

/// normalize, 2026-11-21: a removed soft hyphen between a letter and a combining mark left
/// decomposed text (not NFC), and a second normalize composed it. Fixed in src/normalize.rs.
#[test]
fn normalize_soft_hyphen_before_combining_mark() {
    targets::normalize(b"Cafe\xC2\xAD\xCC\x81");
    targets::normalize(b"e\x00\xCC\x81 x");
    targets::analyze(b"Cafe\xE2\x80\x8B\xCC\x81.");
}

/// names, 2026-11-21: the name with byte 0xE9 and the UTF-8 name `caf\xE9` were both shown as
/// `caf\xE9`, and discover dropped one of the two files. Fixed in src/discover.rs.
#[cfg(unix)]
#[test]
fn names_escape_is_reversible() {
    targets::names(b"caf\xE9");
    targets::names(b"caf\\xE9");
    targets::names(b"\\\\x41\xFF");
}

/// Every stage on the empty input and on the smallest awkward texts.
#[test]
fn smallest_inputs() {
    for data in [
        &b""[..],
        b"\n",
        b".",
        b"\xEF\xBB\xBF",
        b"\xFF\xFE",
        b"\xFE\xFF\x00",
        b"\xCC\x81",
        b"1\n",
    ] {
        targets::normalize(data);
        targets::analyze(data);
        let text = String::from_utf8_lossy(data);
        targets::segment(&text);
        targets::numbers(&text);
        targets::places(&text);
        targets::structure(&text);
    }
}

/// normalize (decode), 2026-11-21: Windows-1252 `„Fuß“` holds the bytes DF 93, valid UTF-8 by
/// accident, so with one invalid byte it was read as lossy UTF-8 and garbled. Fixed in
/// src/normalize.rs (invalid bytes must be rare next to the valid multi-byte characters).
#[test]
fn decode_windows_1252_with_an_accidental_utf8_pair() {
    let d = newscorpus::normalize::decode(b"\x84Fu\xdf\x93").unwrap();
    assert_eq!((d.text.as_str(), d.encoding), ("„Fuß“", "windows-1252"));
    targets::normalize(b"\x84Fu\xdf\x93");
}
