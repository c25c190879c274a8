//! Sentence segmentation: pure functions over `&str`, no I/O.
//!
//! One pass over the bytes of each paragraph. The scan stops only at `.`, `!`, `?`, line
//! breaks and a few multi-byte terminators and bullets; each candidate is decided from a small
//! amount of context: the token before it (number, URL, abbreviation, initial), the closing
//! quotes and brackets after it, and the next word (its case, whether it typically opens a
//! sentence). Paragraph breaks (blank lines) always end a sentence; single line breaks are
//! decided per paragraph (see `lines.rs`). No regular expressions, no allocation per character.
//!
//! Decisions, in brief:
//! - `.`/`!`/`?` followed by a lower-case word never end a sentence ("Yahoo! in", "co. at");
//! - `!`/`?` before a capitalized word do, unless a closing quote is followed by a reporting
//!   clause (`"Why?" Smith asked.`);
//! - a period after an ordinary word or a number ends the sentence; after a title (`Mr.`,
//!   `Gen.`) never; after `No.`/`p.`/`Sept.` not before a digit; after other abbreviations
//!   and initials only before a typical sentence opener ("The", "He", "However"...) or a
//!   word the same document writes in lower case elsewhere (a common word capitalized because
//!   it starts a sentence); after `Inc.`/`Corp.` also when the document writes that suffix
//!   without a period elsewhere (wire style); after `U.S.`-style acronyms only before a word
//!   that cannot follow them inside a sentence ("The", "He"), because some wire copy
//!   capitalizes every word after them ("the U.S. Economy"). An abbreviation never ends a
//!   sentence of fewer than four words or starts a one-word one ("The U.S.", "U.S. Dlrs.");
//! - periods inside tokens (`1.5`, `U.S.A`, URLs, e-mail addresses) are never boundaries,
//!   except a period glued between a word and a capitalized word ("Tuesday.Mr.");
//! - ellipses follow the usual rules: `...` ends a sentence before a capital; three spaced
//!   dots `. . .` do not; a period plus spaced ellipsis (`word. . . . Next`) ends the sentence
//!   at the period;
//! - list items (`1.`, `2)`, `a.`, bullets) start new sentences, and a marker alone is never a
//!   sentence.

mod lexicon;
mod lines;
mod scan;

use crate::types::ByteSpan;
use lexicon::{
    AbbrevClass, abbrev_class, is_clause_tail, is_connector, is_speech_verb, is_starter, is_state,
    is_strong_starter,
};
use lines::Line;
use scan::{
    STOP, char_at, is_ascii_ws, is_bullet, is_cjk_terminator, is_closer, is_opener, is_quote,
    is_terminator,
};

/// Sentence spans of `text`, in order, non-overlapping, trimmed of surrounding whitespace.
pub fn segment(text: &str) -> Vec<ByteSpan> {
    let mut s = Segmenter {
        text,
        b: text.as_bytes(),
        out: Vec::with_capacity(text.len() / 128 + 1),
        sent_start: 0,
        ps: 0,
        pe: 0,
        list: None,
        lines: Vec::with_capacity(32),
        budget: 4 + text.len() / 8192,
    };
    s.run();
    s.out
}

/// Bytes on either side of a position that document-evidence look-ups search.
const WINDOW: usize = 3000;

/// The kind of list marker a list continues with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListKind {
    Digit,
    Letter,
}

/// What kind of abbreviation a period follows, for [`Segmenter::abbrev_ends`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum After {
    Acronym,
    Company,
    Other,
}

/// What the token before a period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// An ordinary word, a number, a URL or an e-mail address: the period ends the sentence.
    Plain,
    /// One letter (`E.` in "Jonas E. Smith", `p.` in "p. 55").
    Letter,
    /// Letters and periods (`U.S`, `a.m`, `Ph.D`).
    Acronym,
    Abbrev(AbbrevClass),
}

struct Segmenter<'a> {
    text: &'a str,
    b: &'a [u8],
    out: Vec<ByteSpan>,
    /// Where the current sentence starts (possibly whitespace before it).
    sent_start: usize,
    /// The current paragraph.
    ps: usize,
    pe: usize,
    /// The list marker that would continue a list started in this paragraph.
    list: Option<(ListKind, u32)>,
    /// Lines of the current paragraph when it has more than one.
    lines: Vec<Line>,
    /// Remaining document-wide look-ups (bounds the cost on pathological input).
    budget: usize,
}

impl<'a> Segmenter<'a> {
    fn run(&mut self) {
        let n = self.b.len();
        // Every line (start, end before `\n`), `None` for a blank one.
        let mut all: Vec<Option<(usize, usize)>> = Vec::new();
        let mut ls = 0;
        loop {
            let le = self.text[ls..].find('\n').map_or(n, |p| ls + p);
            all.push((!self.is_blank(ls, le)).then_some((ls, le)));
            if le >= n {
                break;
            }
            ls = le + 1;
        }
        let wrap = self.wrap_width(&all);
        let mut raw: Vec<(usize, usize)> = Vec::with_capacity(32);
        for line in all {
            match line {
                Some(l) => raw.push(l),
                None => self.flush(&mut raw, wrap),
            }
        }
        self.flush(&mut raw, wrap);
    }

    /// The document's wrap width when it is hard-wrapped: some line of 30 or more bytes
    /// without final punctuation is continued in lower case on the next line. Paragraphs of
    /// such a document are all treated as wrapped, even short ones with no such line.
    fn wrap_width(&self, all: &[Option<(usize, usize)>]) -> Option<usize> {
        let b = self.b;
        let mut width = None;
        for pair in all.windows(2) {
            if let [Some((mut s, mut e)), Some((mut ns, ne))] = *pair {
                // Byte-level trims and checks: this runs on every line break.
                while s < e && is_ascii_ws(b[s]) {
                    s += 1;
                }
                while e > s && is_ascii_ws(b[e - 1]) {
                    e -= 1;
                }
                while ns < ne && is_ascii_ws(b[ns]) {
                    ns += 1;
                }
                let open = e > s && !matches!(b[e - 1], b'.' | b'!' | b'?' | b'"' | b'\'' | b')');
                if open && e - s >= 30 && ns < ne && b[ns].is_ascii_lowercase() {
                    let len = if b[s..e].is_ascii() {
                        e - s
                    } else {
                        self.text[s..e].chars().count()
                    };
                    width = width.max(Some(len));
                }
            }
        }
        width
    }

    /// Segment the paragraph made of `raw` lines, if any, and clear them.
    fn flush(&mut self, raw: &mut Vec<(usize, usize)>, wrap: Option<usize>) {
        if let (Some(&(s, _)), Some(&(_, e))) = (raw.first(), raw.last()) {
            if raw.len() > 1 {
                lines::plan(self.text, raw, wrap, &mut self.lines);
            } else {
                self.lines.clear();
            }
            self.paragraph(s, e);
        }
        raw.clear();
    }

    fn is_blank(&self, s: usize, e: usize) -> bool {
        for &c in &self.b[s..e] {
            if c >= 0x80 {
                return self.text[s..e].trim().is_empty();
            }
            if !is_ascii_ws(c) {
                return false;
            }
        }
        true
    }

    /// Segment `text[ps..pe]`, a paragraph whose line breaks are already planned.
    fn paragraph(&mut self, ps: usize, pe: usize) {
        self.ps = ps;
        self.pe = pe;
        self.sent_start = ps;
        self.list = None;
        self.start_sentence(ps);
        let b = self.b;
        let mut line = 0usize;
        let mut i = ps;
        while i < pe {
            let c = b[i];
            if !STOP[c as usize] {
                if c == b' ' && self.list.is_some() {
                    self.continue_list(i);
                }
                i += 1;
                continue;
            }
            match c {
                b'\n' => {
                    while line < self.lines.len() && self.lines[line].nl < i {
                        line += 1;
                    }
                    let cut = self
                        .lines
                        .get(line)
                        .is_some_and(|l| l.nl == i && l.cut_after);
                    if cut {
                        self.cut(i);
                    }
                    i += 1;
                }
                b'.' | b'!' | b'?' => i = self.terminator(i),
                _ => match char_at(self.text, i) {
                    Some(ch) if is_terminator(ch) => i = self.terminator(i),
                    Some(ch) => {
                        if is_bullet(ch) {
                            self.bullet(i);
                        }
                        i += ch.len_utf8();
                    }
                    None => i += 1,
                },
            }
        }
        self.cut(pe);
    }

    /// End the current sentence at `pos` (a char boundary) and start the next one there.
    fn cut(&mut self, pos: usize) {
        if pos <= self.sent_start {
            return;
        }
        let s = &self.text[self.sent_start..pos];
        let t = s.trim_start();
        let start = self.sent_start + (s.len() - t.len());
        let t = t.trim_end();
        if !t.is_empty() {
            self.out.push(start..start + t.len());
        }
        self.sent_start = pos;
        if pos < self.pe {
            self.start_sentence(pos);
        }
    }

    /// The current sentence has text other than whitespace and bullets before `pos`.
    ///
    /// Looks at most at the first 256 bytes, so that a long run of bullets stays linear.
    fn has_content(&self, pos: usize) -> bool {
        let mut e = pos.min(self.sent_start + 256);
        while !self.text.is_char_boundary(e) {
            e -= 1;
        }
        e < pos
            || self.text[self.sent_start..e]
                .chars()
                .any(|c| !c.is_whitespace() && !is_bullet(c))
    }

    /// A new sentence starts at `pos`: does it open with a list marker (`1.`, `2)`, `a.`)?
    fn start_sentence(&mut self, pos: usize) {
        let mut k = pos;
        // Bounded, so that a long run of bullets stays linear.
        while let Some(c) = char_at(self.text, k).filter(|_| k < self.pe && k < pos + 64) {
            if c.is_whitespace() || is_bullet(c) {
                k += c.len_utf8();
            } else {
                break;
            }
        }
        if let Some((kind, value, _)) = self.marker_at(k) {
            self.list = Some((kind, value + 1));
        }
    }

    /// A list marker at `k`: one or two digits or one lower-case letter, then `.`, `.)` or
    /// `)`, then whitespace. Returns its kind, value and end.
    fn marker_at(&self, k: usize) -> Option<(ListKind, u32, usize)> {
        let b = self.b;
        let pe = self.pe;
        let mut j = k;
        let (kind, value) = if j < pe && b[j].is_ascii_digit() {
            let mut v = 0u32;
            while j < pe && b[j].is_ascii_digit() && j - k < 2 {
                v = v * 10 + u32::from(b[j] - b'0');
                j += 1;
            }
            (ListKind::Digit, v)
        } else if j < pe && b[j].is_ascii_lowercase() {
            j += 1;
            (ListKind::Letter, u32::from(b[j - 1]))
        } else {
            return None;
        };
        if j < pe && b[j] == b'.' {
            j += 1;
            if j < pe && b[j] == b')' {
                j += 1;
            }
        } else if j < pe && b[j] == b')' {
            j += 1;
        } else {
            return None;
        }
        (j < pe && is_ascii_ws(b[j])).then_some((kind, value, j))
    }

    /// At a space inside a list: cut before the next marker of the list ("1. The first item
    /// 2. The second item").
    fn continue_list(&mut self, i: usize) {
        let Some((kind, want)) = self.list else {
            return;
        };
        let k = i + 1;
        if let Some((kind2, value, _)) = self.marker_at(k)
            && kind2 == kind
            && value == want
            && self.has_content(k)
        {
            self.cut(k);
        }
    }

    /// A bullet after whitespace starts a new item.
    fn bullet(&mut self, i: usize) {
        if (i == self.ps || is_ascii_ws(self.b[i - 1])) && self.has_content(i) {
            self.cut(i);
        }
    }

    /// Whitespace (ASCII or Unicode) from `pos`, within the paragraph: returns its end.
    fn skip_ws(&self, mut pos: usize) -> usize {
        while pos < self.pe {
            let c = self.b[pos];
            if is_ascii_ws(c) {
                pos += 1;
            } else if c >= 0x80 {
                match char_at(self.text, pos) {
                    Some(ch) if ch.is_whitespace() => pos += ch.len_utf8(),
                    _ => break,
                }
            } else {
                break;
            }
        }
        pos
    }

    /// A terminator at `i`: read the whole cluster (`?!`, `...`, `. . .`, closing quotes and
    /// brackets), decide, and return where the scan goes on.
    fn terminator(&mut self, i: usize) -> usize {
        let (b, pe) = (self.b, self.pe);
        let mut j = i;
        let mut dots = 0u32;
        let mut excl = false; // `!` or `?`
        let mut ellipsis = false;
        let mut spaced = false;
        let mut cjk = false;
        while j < pe {
            match b[j] {
                b'.' => {
                    dots += 1;
                    j += 1;
                }
                b'!' | b'?' => {
                    excl = true;
                    j += 1;
                }
                b' ' if !excl && j > i && b[j - 1] == b'.' && j + 1 < pe && b[j + 1] == b'.' => {
                    spaced = true;
                    j += 1;
                }
                c if c >= 0x80 => match char_at(self.text, j) {
                    Some(ch) if is_terminator(ch) => {
                        if ch == '…' {
                            ellipsis = true;
                        } else if is_cjk_terminator(ch) {
                            cjk = true;
                        } else {
                            excl = true;
                        }
                        j += ch.len_utf8();
                    }
                    _ => break,
                },
                _ => break,
            }
        }
        let term_end = j;
        let mut quote = false;
        while j < pe {
            let c = b[j];
            if c < 0x80 {
                match c {
                    b'"' | b'\'' => quote = true,
                    b')' | b']' | b'}' => {}
                    b'.' => dots += 1,
                    b'!' | b'?' => excl = true,
                    _ => break,
                }
                j += 1;
            } else {
                match char_at(self.text, j) {
                    Some(ch) if is_closer(ch) => {
                        quote |= is_quote(ch);
                        j += ch.len_utf8();
                    }
                    _ => break,
                }
            }
        }
        let end = j;
        if end >= pe {
            return end;
        }
        let k = self.skip_ws(end);
        if k == end {
            // Nothing between this and the next character: inside a token.
            if cjk {
                self.cut(end);
            } else if dots == 1 && !excl && !ellipsis && term_end == end && self.glued(i) {
                self.cut(i + 1);
            } else if (ellipsis || dots >= 3) && !excl && !spaced && self.glued_ellipsis(i, end) {
                self.cut(end);
            }
            return end;
        }
        if k >= pe {
            return end;
        }
        // The next word, past opening quotes and brackets.
        let mut w = k;
        while let Some(ch) = char_at(self.text, w).filter(|&c| w < pe && is_opener(c)) {
            w += ch.len_utf8();
        }
        let Some(nc) = char_at(self.text, w).filter(|_| w < pe) else {
            return end;
        };
        if cjk {
            self.cut(end);
            return end;
        }
        if nc.is_lowercase() {
            return end;
        }
        if excl {
            if !(quote && self.reporting_clause(k)) {
                self.cut(end);
            }
            return end;
        }
        if dots >= 2 || ellipsis {
            // "[...]" marks an omission inside a quotation, not an end.
            let bracketed =
                i > self.ps && b[i - 1] == b'[' && b[term_end..end].first() == Some(&b']');
            let upper = nc.is_uppercase() && !bracketed;
            if spaced {
                let attached = i > self.ps && !is_ascii_ws(b[i - 1]);
                if attached && dots >= 4 {
                    // "compounds. . . . The": the period ends the sentence, the ellipsis
                    // opens the next one.
                    if upper {
                        let first = char_at(self.text, i).map_or(1, char::len_utf8);
                        self.cut(i + first);
                    }
                } else if (attached || dots != 3) && upper {
                    // Three spaced dots on their own (" . . . I") do not end a sentence.
                    self.cut(end);
                }
            } else if upper {
                self.cut(end);
            }
            return end;
        }
        if self.marker_only(i) {
            return end;
        }
        if self.period_ends(i, k, w, nc, quote) {
            self.cut(end);
        }
        end
    }

    /// The current sentence so far is only a list marker or an initial (`1`, `a`, `• 9`).
    fn marker_only(&self, i: usize) -> bool {
        if i - self.sent_start > 256 {
            return false;
        }
        let s = self.text[self.sent_start..i]
            .trim_start_matches(|c: char| c.is_whitespace() || is_bullet(c));
        let b = s.as_bytes();
        match b.len() {
            1 => b[0].is_ascii_alphanumeric(),
            2 => b[0].is_ascii_digit() && b[1].is_ascii_digit(),
            _ => false,
        }
    }

    /// The token before the period at `i`, without opening quotes or brackets, and whether
    /// a comma and a space come before it. Tokens longer than 64 bytes come back empty.
    fn token_before(&self, i: usize) -> (&'a str, bool) {
        let lo = i.saturating_sub(64).max(self.ps);
        let mut s = i;
        while s > lo && !is_ascii_ws(self.b[s - 1]) {
            s -= 1;
        }
        if s == lo && lo > self.ps && !is_ascii_ws(self.b[lo - 1]) {
            return ("", false);
        }
        while !self.text.is_char_boundary(s) {
            s += 1;
        }
        let tok = self.text[s..i]
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("");
        let comma = s >= self.ps + 2 && self.b[s - 1] == b' ' && self.b[s - 2] == b',';
        (tok.trim_start_matches(is_opener), comma)
    }

    fn classify(tok: &str, after_comma: bool) -> Token {
        if tok.is_empty()
            || tok.contains('@')
            || tok.contains("://")
            || tok.starts_with("www.")
            || tok.ends_with(|c: char| c.is_ascii_digit())
        {
            return Token::Plain;
        }
        // "Jan.-Dec", "non-U.S": the part after the last hyphen or slash.
        let core = tok.rsplit(['-', '/', '–', '—']).next().unwrap_or(tok);
        let mut chars = core.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return if c.is_alphabetic() {
                Token::Letter
            } else {
                Token::Plain
            };
        }
        if let Some(class) = abbrev_class(core) {
            return Token::Abbrev(class);
        }
        if core.contains('.') {
            if is_acronym(core) {
                return Token::Acronym;
            }
            // Glued to the previous sentence ("Tuesday.Mr"): the part after the last period.
            let last = core.rsplit('.').next().unwrap_or("");
            if last.len() >= 2
                && let Some(class) = abbrev_class(last)
            {
                return Token::Abbrev(class);
            }
        }
        if after_comma && core.starts_with(|c: char| c.is_ascii_uppercase()) && is_state(core) {
            return Token::Abbrev(AbbrevClass::General);
        }
        Token::Plain
    }

    /// Does the period at `i`, followed by whitespace and then `nc` at `w` (the first char
    /// past opening quotes; `k` is where the whitespace ends), end the sentence?
    fn period_ends(&mut self, i: usize, k: usize, w: usize, nc: char, quote: bool) -> bool {
        let (tok, after_comma) = self.token_before(i);
        let digit = nc.is_ascii_digit();
        let mut class = Self::classify(tok, after_comma);
        if let Token::Abbrev(_) = class {
            // "SEC." is an acronym, not "sec."; in an upper-case line ("SMITH AND CO.
            // SAID") it still is the abbreviation.
            let core = tok.rsplit(['-', '/', '–', '—']).next().unwrap_or(tok);
            let next_caps = self.word_at(w).len() >= 2
                && self.word_at(w).bytes().all(|c| c.is_ascii_uppercase());
            if core.len() >= 2
                && core.bytes().all(|c| c.is_ascii_uppercase())
                && nc.is_uppercase()
                && !next_caps
            {
                class = Token::Plain;
            }
        }
        let kind = match class {
            Token::Plain => return !(quote && self.reporting_clause(k)),
            Token::Abbrev(AbbrevClass::Prepositive) | Token::Abbrev(AbbrevClass::NeverEnd) => {
                return false;
            }
            Token::Abbrev(AbbrevClass::Company) => After::Company,
            _ if digit => return false,
            Token::Acronym => After::Acronym,
            _ => After::Other,
        };
        self.abbrev_ends(tok, i, w, nc, kind)
    }

    /// After an abbreviation: does the next word open a new sentence?
    ///
    /// Never when the sentence so far has fewer than four words ("The U.S." is not a
    /// sentence) or the next one would be a single word ("U.S. Dlrs."). After `U.S.`-style
    /// acronyms only before a word that cannot follow them inside a sentence (a pronoun,
    /// "The", "However"): some wire copy capitalizes every word after "U.S." ("the U.S.
    /// Economy", "U.S. And Japan"), so neither other starters nor the document's own
    /// lower-case usage can be trusted there.
    fn abbrev_ends(&mut self, tok: &str, i: usize, w: usize, nc: char, kind: After) -> bool {
        if !nc.is_uppercase() || !self.words_before(i, 4) {
            return false;
        }
        let word = self.word_at(w);
        let e = w + word.len();
        let word = word.strip_suffix("'s").unwrap_or(word);
        if e < self.pe && matches!(self.b[e], b'.' | b'!' | b'?') {
            return false;
        }
        if kind == After::Acronym {
            return is_strong_starter(word);
        }
        if is_starter(word) {
            return true;
        }
        if word.len() >= 2 && word.bytes().all(|c| c.is_ascii_uppercase()) {
            return false;
        }
        if kind == After::Company {
            let core = tok.rsplit(['-', '/', '–', '—']).next().unwrap_or(tok);
            if self.written_without_period(core, i) {
                return true;
            }
        }
        word.len() >= 2 && self.seen_lowercase(word, w)
    }

    /// The current sentence has at least `n` words before `i`.
    fn words_before(&self, i: usize, n: usize) -> bool {
        let mut words = 0;
        let mut in_word = false;
        for &c in &self.b[self.sent_start..i] {
            if is_ascii_ws(c) {
                in_word = false;
            } else if !in_word {
                in_word = true;
                words += 1;
                if words >= n {
                    return true;
                }
            }
        }
        false
    }

    /// The ASCII word (letters and apostrophes) at `w`.
    fn word_at(&self, w: usize) -> &'a str {
        let mut e = w;
        while e < self.pe && (self.b[e].is_ascii_alphabetic() || self.b[e] == b'\'') {
            e += 1;
        }
        &self.text[w..e]
    }

    /// A period glued between words ("Tuesday.Mr.", "1,000.That"): a boundary when a word of
    /// two or more letters (not an abbreviation) or a number precedes and a capitalized word
    /// follows, outside URLs and e-mail addresses.
    fn glued(&self, i: usize) -> bool {
        let b = self.b;
        if i == 0 || i + 2 >= self.pe {
            return false;
        }
        let (p, n1, n2) = (b[i - 1], b[i + 1], b[i + 2]);
        if !(n1.is_ascii_uppercase() && n2.is_ascii_lowercase())
            || !(p.is_ascii_lowercase() || p.is_ascii_digit())
        {
            return false;
        }
        let (before, _) = self.token_before(i);
        let mut e = i + 1;
        while e < self.pe && !is_ascii_ws(b[e]) {
            e += 1;
        }
        let after = &self.b[i + 1..e];
        if before.is_empty()
            || before.contains(['@', '/'])
            || before.starts_with("www")
            || after.contains(&b'@')
            || after.contains(&b'/')
        {
            return false;
        }
        if p.is_ascii_digit() {
            return true;
        }
        let word = before
            .rsplit(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or("");
        word.len() >= 2 && abbrev_class(word).is_none()
    }

    /// An ellipsis glued between a word and a capitalized word ("yesterday...Pakistan
    /// rejected"): a boundary, as with spaces; before a lower-case word it is not ("I
    /// mean...see").
    fn glued_ellipsis(&self, i: usize, end: usize) -> bool {
        let b = self.b;
        i > self.ps
            && end + 1 < self.pe
            && (b[i - 1].is_ascii_lowercase() || b[i - 1].is_ascii_digit())
            && b[end].is_ascii_uppercase()
            && b[end + 1].is_ascii_lowercase()
    }

    /// Words after a closing quote form a reporting clause: up to three words, then a speech
    /// verb that ends the clause (`Smith said.`, `Mr. Smith asked,`, `he said on Monday.`
    /// is not covered; `He said the army ...` is a new sentence).
    fn reporting_clause(&self, k: usize) -> bool {
        let mut pos = k;
        for _ in 0..4 {
            let Some((ts, te)) = self.next_token(pos) else {
                return false;
            };
            let tok = &self.text[ts..te];
            let letters = tok
                .split(|c: char| !c.is_ascii_alphabetic())
                .next()
                .unwrap_or("");
            if is_speech_verb(letters) {
                let rest = &tok[letters.len()..];
                if rest.starts_with(['.', ',', ';', '!', '?']) {
                    return true;
                }
                if !rest.is_empty() {
                    // "Mr Blair added: ..." introduces the next quotation.
                    return false;
                }
                return self.clause_ends_soon(te);
            }
            if tok.ends_with([',', ';', ':']) {
                // "However, he added, ..." opens a new sentence.
                return false;
            }
            pos = te;
        }
        false
    }

    /// After a reporting verb: the clause ends right away ("asked reporters.", "said
    /// Monday,") or after a short time or place phrase ("asked in the New Year.", "said in
    /// a statement."), rather than going on with what was said ("He said the army ...",
    /// "He added that, ...", "said in a statement the price ...").
    fn clause_ends_soon(&self, pos: usize) -> bool {
        let Some((s, e)) = self.next_token(pos) else {
            return true;
        };
        let tok = &self.text[s..e];
        let word = tok.trim_end_matches(['.', ',']);
        if word.len() < tok.len() {
            return !word.is_empty() && !word.contains('.') && !is_connector(word);
        }
        if !is_clause_tail(word) {
            return false;
        }
        let mut pos = e;
        for _ in 0..3 {
            let Some((s, e)) = self.next_token(pos) else {
                return true;
            };
            if self.text[s..e].ends_with(['.', ',']) {
                return true;
            }
            pos = e;
        }
        false
    }

    /// The next whitespace-delimited token at or after `pos`, within the paragraph.
    fn next_token(&self, pos: usize) -> Option<(usize, usize)> {
        let s = self.skip_ws(pos);
        if s >= self.pe {
            return None;
        }
        let mut e = s;
        while e < self.pe && !is_ascii_ws(self.b[e]) {
            e += 1;
        }
        Some((s, e))
    }

    /// A window of the document around `at`, on char boundaries.
    fn window(&self, at: usize) -> (usize, &'a str) {
        let mut lo = at.saturating_sub(WINDOW);
        let mut hi = (at + WINDOW).min(self.b.len());
        while !self.text.is_char_boundary(lo) {
            lo -= 1;
        }
        while !self.text.is_char_boundary(hi) {
            hi += 1;
        }
        (lo, &self.text[lo..hi])
    }

    fn word_edge(&self, p: usize) -> bool {
        p >= self.b.len() || !self.b[p].is_ascii_alphanumeric()
    }

    /// The capitalized `word` at `at` appears in lower case elsewhere near it (so it is a
    /// common word, capitalized here because a sentence starts) and never capitalized after
    /// a lower-case word or a comma (which would make it a name).
    fn seen_lowercase(&mut self, word: &str, at: usize) -> bool {
        if self.budget == 0 || word.len() > 24 {
            return false;
        }
        self.budget -= 1;
        let lower = word.to_ascii_lowercase();
        if lower == word {
            return false;
        }
        let (lo, hay) = self.window(at);
        let lower_seen = hay.match_indices(lower.as_str()).any(|(p, _)| {
            let s = lo + p;
            (s == 0 || self.word_edge(s - 1)) && self.word_edge(s + lower.len())
        });
        if !lower_seen {
            return false;
        }
        let capitalized_mid = hay.match_indices(word).any(|(p, _)| {
            let s = lo + p;
            if s == at || !(s == 0 || self.word_edge(s - 1)) || !self.word_edge(s + word.len()) {
                return false;
            }
            let before = self.text[..s].trim_end();
            before.ends_with(|c: char| c.is_lowercase() || c == ',')
        });
        !capitalized_mid
    }

    /// The abbreviation `word` also appears near `at` without a period after it ("Inc said").
    fn written_without_period(&mut self, word: &str, at: usize) -> bool {
        if self.budget == 0 || word.is_empty() {
            return false;
        }
        self.budget -= 1;
        let (lo, hay) = self.window(at);
        hay.match_indices(word).any(|(p, _)| {
            let s = lo + p;
            let e = s + word.len();
            (s == 0 || self.word_edge(s - 1))
                && e < self.b.len()
                && self.b[e] != b'.'
                && self.word_edge(e)
        })
    }
}

/// Letters and periods, each part one or two ASCII letters, at least one part a single
/// letter: `U.S`, `a.m`, `Ph.D`, `J.R.R` (not `co.uk` or `example.com`).
fn is_acronym(s: &str) -> bool {
    let mut single = false;
    for part in s.split('.') {
        if part.is_empty() || part.len() > 2 || !part.bytes().all(|c| c.is_ascii_alphabetic()) {
            return false;
        }
        single |= part.len() == 1;
    }
    single
}

#[cfg(test)]
mod tests;
