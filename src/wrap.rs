//! Hard-wrapped text. Newswires and e-mailed copy break lines at a fixed width (60-70
//! columns), in the middle of names (`New` / `York`) and figures (`five` / `billion dlrs`);
//! the taggers treat such a line break as a space, and every other one as a boundary.

/// Shortest line that may be hard-wrapped prose: results-table rows (`Net 94,862 vs 264,607`)
/// and most headlines are shorter than wire copy's 60-70 columns.
pub const WRAP_MIN: usize = 50;

/// Whether the line break at byte `nl` only wraps a sentence: it is a single `\n` (not a
/// paragraph break), the line before it ends open (no closing mark, or the point of capital
/// initials such as `U.S.`, which wire copy wraps before its noun: `13.6 billion U.S.` /
/// `Dlrs`) and either is long prose (lowercase letters in it, so not an all-caps headline) or
/// the next line goes on in lowercase.
pub fn soft_break(b: &[u8], nl: usize) -> bool {
    if b.get(nl) != Some(&b'\n') {
        return false;
    }
    let start = b[..nl]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |p| p + 1);
    let mut line = &b[start..nl];
    while let [rest @ .., b' ' | b'\t' | b'\r'] = line {
        line = rest;
    }
    let mut next = nl + 1;
    while matches!(b.get(next), Some(b' ' | b'\t' | b'\r')) {
        next += 1;
    }
    let Some(&last) = line.last() else {
        return false;
    };
    if b.get(next).is_none_or(|&c| c == b'\n')
        || (matches!(last, b'.' | b'!' | b'?' | b':' | b';') && !ends_with_initials(line))
    {
        return false;
    }
    if b.get(next).is_some_and(u8::is_ascii_lowercase) {
        return true;
    }
    line.len() >= WRAP_MIN
        && line[line.len().saturating_sub(32)..]
            .iter()
            .any(u8::is_ascii_lowercase)
}

/// Whether `line` ends with two or more capital initials, each with its point, as one word
/// (`... the U.S.`, `... H.K.`; not `... in May.` or `... Inc.`).
fn ends_with_initials(line: &[u8]) -> bool {
    let mut rest = line;
    let mut n = 0;
    while let [head @ .., l, b'.'] = rest
        && l.is_ascii_uppercase()
    {
        rest = head;
        n += 1;
    }
    n >= 2
        && rest
            .last()
            .is_none_or(|c| !c.is_ascii_alphanumeric() && *c != b'.')
}

#[cfg(test)]
mod tests {
    use super::soft_break;

    fn at_nl(s: &str) -> bool {
        soft_break(s.as_bytes(), s.find('\n').unwrap())
    }

    #[test]
    fn wire_copy_wraps_and_other_breaks_do_not() {
        // a long open line of prose
        assert!(at_nl(
            "The company, which has its headquarters in downtown New\nYork, said"
        ));
        // a lowercase continuation, whatever the line's length
        assert!(at_nl("Sales rose to 5,400\ndlrs."));
        // initials before their noun on the next line
        assert!(at_nl(
            "    Taiwan's trade surplus rose to a record 13.6 billion U.S.\nDlrs last year"
        ));
        assert!(!at_nl(
            "    Taiwan's trade surplus with the United States rose in May.\nDlrs last year"
        ));
        assert!(!at_nl(
            "    The trade surplus with the United States rose at ACME INC.\nDlrs"
        ));
        // closed sentence, paragraph break, short table row, all-caps headline
        assert!(!at_nl(
            "The company, which has its headquarters in the city, said so.\nYork"
        ));
        assert!(!at_nl(
            "The company, which has its headquarters in downtown New\n\nYork"
        ));
        assert!(!at_nl("Net loss 94,862 vs profit 264,607\nSales 653,246"));
        assert!(!at_nl(
            "WORLD BANK ISSUES 100 MLN ECU EUROBOND IN LUXEMBOURG TODAY\nThe World Bank"
        ));
        // not a line break, or at the very end
        assert!(!soft_break(b"a b", 1));
        assert!(!at_nl(
            "The company, which has its headquarters in downtown New\n"
        ));
    }
}
