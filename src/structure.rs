//! Article structure: a role for every part of the text, and the article's metadata.
//!
//! Scraped news carries more than the story: titles, publication lines, datelines, bylines,
//! photo captions, related-story links, share bars and site notices. This stage gives every
//! line (or part of a line) a [`Role`] so that an analyst can keep the body and drop the rest,
//! and reads the [`DocMeta`] (title, publication date, dateline, credited agencies).
//!
//! It works on normalized text (paragraphs separated by one blank line, lines by `\n`) in three
//! passes over its lines, all rules about shape and generic cues (see [`cues`]):
//! 1. cues: each line on its own (links, share bars, bylines, captions, publication lines);
//!    lines of hard-wrapped prose (newswires) are recognised so that cue words inside a
//!    sentence do not fire;
//! 2. the lead: the title is the first headline-shaped line before the story starts, the
//!    dateline opens the first story line (or stands alone right after the title);
//! 3. the tail: short unpunctuated lines after the story, next to other boilerplate, are
//!    boilerplate too (site names, app links).
//!
//! Everything else is body. Consecutive body lines of one paragraph form one block, so that a
//! sentence wrapped over several lines is not cut.

mod agencies;
mod cues;
mod dateline;
mod dates;

use cues::{Cue, Shape, last_mark};

use crate::types::{Block, ByteSpan, DocMeta, Role, Sentence, Structure};
pub(crate) use dates::month_at;

/// How many lines from the top the title may be looked for.
const LEAD_LINES: usize = 12;
/// Headlines are short: at most this many words and bytes.
const TITLE_MAX_WORDS: usize = 30;
const TITLE_MAX_BYTES: usize = 250;

/// How much of a line is scanned for its shape (word count, case).
const HEAD_BYTES: usize = 320;
/// The word count given to lines longer than `HEAD_BYTES` (more than any rule's limit).
const LONG_LINE_WORDS: usize = 50;

/// One non-empty line, trimmed, with the shape features the rules use.
#[derive(Debug, Clone)]
struct Line {
    start: usize,
    end: usize,
    /// Paragraph number (paragraphs are separated by blank lines).
    para: usize,
    words: usize,
    /// Ends with sentence or clause punctuation (`.`, `!`, `?`, `:`, `;`, `…`).
    terminal: bool,
    /// Mostly upper-case letters (`GRUMMAN UNIT GETS CONTRACT`, `CHARTWELL <CTWL> 4th qtr net`).
    upper: bool,
    /// Starts with a lower-case letter (a continuation of a wrapped sentence).
    lower_start: bool,
}

fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut para = 0;
    let mut blank_before = false;
    let mut offset = 0;
    for raw in text.split('\n') {
        let line_start = offset;
        offset += raw.len() + 1;
        let t = raw.trim();
        if t.is_empty() {
            blank_before = true;
            continue;
        }
        if blank_before && !lines.is_empty() {
            para += 1;
        }
        blank_before = false;
        let start = line_start + (raw.len() - raw.trim_start().len());
        let b = t.as_bytes();
        // One pass over the head of the line: the rules only compare word counts with small
        // limits and the case of short lines, so a long paragraph need not be counted to
        // its end. Letters outside ASCII are not counted (English text).
        let head = &b[..b.len().min(HEAD_BYTES)];
        let (mut spaces, mut lower, mut upper) = (0u32, 0u32, 0u32);
        for &c in head {
            spaces += u32::from(c == b' ');
            lower += u32::from(c.is_ascii_lowercase());
            upper += u32::from(c.is_ascii_uppercase());
        }
        let mut words = 1 + spaces as usize;
        if b.len() > HEAD_BYTES {
            words = words.max(LONG_LINE_WORDS);
        }
        let mut chars = t.chars();
        let first = chars.next();
        // `iTunes`, `eBay`: a lower-case letter before an upper-case one is a name, not prose
        let lower_start =
            first.is_some_and(char::is_lowercase) && !chars.next().is_some_and(char::is_uppercase);
        lines.push(Line {
            start,
            end: start + t.len(),
            para,
            words,
            terminal: matches!(last_mark(t), Some('.' | '!' | '?' | ':' | ';' | '…')),
            upper: upper >= 2 && upper * 10 >= (upper + lower) * 6,
            lower_start,
        });
    }
    lines
}

/// Whether the document is hard-wrapped prose (newswires): most lines that have a next line in
/// the same paragraph end mid-sentence.
fn hard_wrapped(lines: &[Line]) -> bool {
    let mut with_next = 0usize;
    let mut open = 0usize;
    for w in lines.windows(2) {
        if w[0].para == w[1].para {
            with_next += 1;
            if !w[0].terminal && w[0].words >= 5 {
                open += 1;
            }
        }
    }
    open >= 3 && open * 3 >= with_next
}

/// Parts of one line: up to two heads (metadata, then a dateline, glued to the story:
/// ` date 2022-04-19 Damascus, SANA-The ministry ...`), then the rest of the line with `role`.
#[derive(Debug, Clone)]
struct Part {
    role: Option<Role>,
    /// (head end, rest start, head role), absolute offsets.
    head: Option<(usize, usize, Role)>,
    /// A dateline after `head`.
    head2: Option<(usize, usize, Role)>,
}

/// Roles and metadata of a normalized document text (paragraphs separated by blank lines).
pub fn analyze(text: &str) -> Structure {
    let lines = split_lines(text);
    let n = lines.len();
    let wrapped = hard_wrapped(&lines);
    let mut parts: Vec<Part> = vec![
        Part {
            role: None,
            head: None,
            head2: None,
        };
        n
    ];
    let mut meta = DocMeta::default();
    let mut agencies: Vec<String> = Vec::new();
    let mut published: Option<String> = None;
    let mut updated: Option<String> = None;
    let mut byline_date: Option<String> = None;
    let mut dateline_date: Option<String> = None;
    let line_text = |i: usize| &text[lines[i].start..lines[i].end];

    // 1. Cues, line by line.
    for i in 0..n {
        let l = &lines[i];
        let s = line_text(i);
        let same_para_prev = i > 0 && lines[i - 1].para == l.para;
        // this line continues the previous one's sentence (the same test as `cont_next`)
        let cont_prev = same_para_prev
            && parts[i - 1].role.is_none()
            && !lines[i - 1].terminal
            && !lines[i - 1].upper
            && (l.lower_start || (wrapped && lines[i - 1].words >= 5));
        let cont_next = i + 1 < n
            && lines[i + 1].para == l.para
            && !l.terminal
            && !l.upper
            && (lines[i + 1].lower_start || (wrapped && l.words >= 5));
        let shape = Shape {
            standalone: !cont_prev && !cont_next,
            words: l.words,
        };
        // a sign-off ends its paragraph; `... told\nReuters.` ends a wrapped sentence
        let para_end = (i + 1 == n || lines[i + 1].para != l.para)
            && (!cont_prev || l.upper || !s.ends_with('.') || s.ends_with("..."));
        if (shape.standalone || para_end)
            && l.words <= 3
            && let Some(a) = agencies::whole(s)
        {
            // a sign-off (`REUTER`) or credit line
            parts[i].role = Some(Role::Metadata);
            agencies.push(a.to_string());
            continue;
        }
        if cont_prev {
            continue; // the middle of a wrapped sentence: no cue applies
        }
        match cues::classify(s, shape) {
            None => {}
            Some(Cue::Whole(r)) => {
                parts[i].role = Some(r);
                if r == Role::Byline {
                    // `By Jane Doe | April 19, 2022`
                    if let Some((_, d)) = dates::find_date(s) {
                        byline_date.get_or_insert(d);
                    }
                }
            }
            Some(Cue::Meta { date, published: p }) => {
                parts[i].role = Some(Role::Metadata);
                if let Some(d) = date {
                    let slot = if p { &mut published } else { &mut updated };
                    slot.get_or_insert(d);
                }
            }
            Some(Cue::MetaHead {
                head_end,
                rest,
                date,
                published: p,
            }) => {
                parts[i].head = Some((l.start + head_end, l.start + rest, Role::Metadata));
                let slot = if p { &mut published } else { &mut updated };
                slot.get_or_insert(date);
            }
        }
    }
    // A line introducing links (`... at the following addresses:`) goes with them.
    for i in (0..n.saturating_sub(1)).rev() {
        if parts[i].role.is_none()
            && parts[i].head.is_none()
            && last_mark(line_text(i)) == Some(':')
            && lines[i].words <= 25
            && matches!(parts[i + 1].role, Some(Role::Link | Role::Boilerplate))
        {
            parts[i].role = Some(Role::Boilerplate);
        }
    }

    // 2. The lead: title, then dateline.
    let mut title_idx = None;
    let mut i = 0;
    while i < n && i < LEAD_LINES {
        if parts[i].role.is_some() {
            i += 1;
            continue;
        }
        if parts[i].head.is_some() {
            break;
        }
        let l = &lines[i];
        let next_same = i + 1 < n && lines[i + 1].para == l.para;
        if l.words <= 2
            && dateline::parse(line_text(i), !wrapped).is_none()
            && !l.terminal
            && !(l.upper && next_same)
            && i + 1 < n
        {
            // navigation (`World`, `Middle East`) above the headline
            parts[i].role = Some(Role::Boilerplate);
            i += 1;
            continue;
        }
        if headline(text, &lines, &parts, i) {
            title_idx = Some(i);
        }
        break;
    }
    // A very short first candidate (`Al Arabiya English`) over a longer headline further down
    // the lead (past publication lines) is the site's name.
    if let Some(t) = title_idx.filter(|&t| lines[t].words <= 3 && !lines[t].upper) {
        // the next unclaimed line, with publication (or other claimed) lines in between
        let later = (t + 1..n.min(LEAD_LINES))
            .find(|&j| parts[j].role.is_none())
            .filter(|&j| j > t + 1 && parts[j].head.is_none() && lines[j].words > lines[t].words)
            .filter(|&j| headline(text, &lines, &parts, j));
        if let Some(j) = later {
            parts[t].role = Some(Role::Boilerplate);
            title_idx = Some(j);
        }
    }
    if let Some(t) = title_idx {
        parts[t].role = Some(Role::Title);
        meta.title = Some(line_text(t).to_string());
    }
    // The dateline opens the first story line, or stands alone on a line of its own.
    let first_story =
        (title_idx.map_or(0, |t| t + 1)..n.min(LEAD_LINES + 8)).find(|&j| parts[j].role.is_none());
    if let Some(j) = first_story {
        let l = &lines[j];
        let (from, s) = match parts[j].head {
            Some((_, rest, _)) => (rest, &text[rest..l.end]),
            None => (l.start, line_text(j)),
        };
        let own_para =
            (j == 0 || lines[j - 1].para != l.para) && (j + 1 == n || lines[j + 1].para != l.para);
        // a dateline alone on a line: not a wrapped newswire line (`... (CCC)` + newline)
        let alone_ok = own_para || !wrapped;
        if let Some(d) = dateline::parse(s, !wrapped).filter(|d| d.rest < s.len() || alone_ok) {
            meta.dateline = Some(s[d.place.clone()].to_string());
            meta.dateline_span = Some(from + d.place.start..from + d.place.end);
            if let Some(a) = d.agency {
                let written = &s[a];
                agencies.push(agencies::whole(written).unwrap_or(written).to_string());
            }
            if d.rest == s.len() && parts[j].head.is_none() {
                parts[j].role = Some(Role::Dateline);
            } else if parts[j].head.is_none() {
                parts[j].head = Some((from + d.end, from + d.rest, Role::Dateline));
            } else {
                parts[j].head2 = Some((from + d.end, from + d.rest, Role::Dateline));
            }
            if let Some(iso) = d.date {
                dateline_date = Some(iso); // `Edmonton, Ky. (November 28, 2016) –`
            }
        }
    }

    // 3. The tail: after the last story line, short unpunctuated lines next to boilerplate.
    let last_prose = (0..n).rev().find(|&i| {
        parts[i].role.is_none() && (lines[i].terminal || lines[i].words >= 10)
            || parts[i].head.is_some()
    });
    let tail_from = last_prose.map_or(0, |i| i + 1);
    let tail_has_chrome =
        (tail_from..n).any(|i| matches!(parts[i].role, Some(Role::Boilerplate | Role::Link)));
    for i in tail_from..n {
        if parts[i].role.is_some() {
            continue;
        }
        let t = line_text(i);
        let unpunctuated = !matches!(last_mark(t), Some('.' | '!' | '?'));
        if tail_has_chrome && lines[i].words <= 10 && unpunctuated {
            parts[i].role = Some(Role::Boilerplate);
        } else if !tail_has_chrome && i + 1 == n && i > 0 && lines[i - 1].terminal && author_name(t)
        {
            // a signature after the story (`Hazem Sabbagh`, `J. Doe`)
            parts[i].role = Some(Role::Byline);
        }
    }

    meta.published = published.or(updated).or(byline_date).or(dateline_date);
    let blocks = blocks(text, &lines, &parts);
    collect_agencies(text, &blocks, &mut agencies);
    agencies.sort_unstable();
    agencies.dedup();
    meta.agencies = agencies;
    Structure { meta, blocks }
}

/// Whether line `i` is shaped like a headline and placed like one: the last line of its
/// paragraph, an upper-case line over mixed-case text (newswires), or followed by a line the
/// cues or the dateline rule claim.
fn headline(text: &str, lines: &[Line], parts: &[Part], i: usize) -> bool {
    let l = &lines[i];
    let s = &text[l.start..l.end];
    let shape_ok = (2..=TITLE_MAX_WORDS).contains(&l.words)
        && s.len() <= TITLE_MAX_BYTES
        && !l.lower_start
        && match last_mark(s) {
            Some(',' | ';' | ':') => false,
            // a full stop ends a sentence, unless it ends an abbreviation (`U.S.`) or `...`
            Some('.') => {
                let t = s.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»']);
                l.upper || t.ends_with("...") || t.ends_with('…') || abbreviation_end(t)
            }
            _ => true,
        };
    // `Washington (CNN)` or `Damascus, SANA` on its own is a dateline, not a headline
    if !shape_ok || (l.words <= 6 && dateline::parse(s, false).is_some_and(|d| d.rest == s.len())) {
        return false;
    }
    let Some(next) = lines.get(i + 1).filter(|n| n.para == l.para) else {
        return true;
    };
    let next_text = &text[next.start..next.end];
    (l.upper && (!next.upper || !ends_with_function_word(s)))
        || parts[i + 1].role.is_some()
        // a short line over a long sentence of the same paragraph (text without blank lines)
        || (l.words <= 20
            && !l.terminal
            && next.words >= 12
            && next.terminal
            && !next.lower_start
            && !ends_with_function_word(s)
            && !hard_wrapped(lines))
        || dateline::parse(next_text, false).is_some()
}

/// The last word is an abbreviation with inner dots (`U.S.`, `S.A.`).
fn abbreviation_end(s: &str) -> bool {
    let last = s.rsplit(' ').next().unwrap_or("");
    last.len() >= 4 && last.ends_with('.') && last[..last.len() - 1].contains('.')
}

/// Ends with a word that cannot end a headline (`... the`, `... of`): a wrapped line.
fn ends_with_function_word(s: &str) -> bool {
    let last = s.rsplit(' ').next().unwrap_or("");
    const WORDS: &[&str] = &[
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "by", "from", "and", "or",
        "but", "that", "which", "who", "its", "their", "his", "her", "is", "are", "was", "were",
        "be", "as",
    ];
    WORDS.iter().any(|w| w.eq_ignore_ascii_case(last))
}

/// A person's name alone: 2-4 capitalized words (initials and `al-`, `bin`, `de` allowed),
/// or several such names between slashes.
fn author_name(s: &str) -> bool {
    // `Raghda Sawas/ Ruaa al-Jazaeri`: several names joined by slashes
    let words: Vec<&str> = s.split([' ', '/']).filter(|w| !w.is_empty()).collect();
    let names = 1 + s.matches('/').count();
    (2..=4 * names).contains(&words.len())
        && s.len() <= 48 * names
        && words.iter().all(|w| {
            // `School Of Rock`, `Record March Two` are titles and table rows, not names
            !matches!(
                *w,
                "Of" | "The" | "And" | "For" | "In" | "On" | "At" | "To" | "A" | "An" | "With"
            ) && dates::month_at(w.as_bytes(), 0).is_none_or(|(_, e)| e != w.len())
                && !dateline::COMPANY_WORDS.contains(&w.trim_end_matches('.'))
        })
        && words.iter().all(|w| {
            let w = w
                .strip_prefix("al-")
                .or_else(|| w.strip_prefix("el-"))
                .unwrap_or(w);
            matches!(w, "bin" | "ibn" | "de" | "van" | "von" | "al" | "el" | "da")
                || (w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars()
                        .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
                    && w.chars().skip(1).any(char::is_lowercase)
                    || is_initial(w))
        })
}

fn is_initial(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 2 && b[0].is_ascii_uppercase() && b[1] == b'.'
}

/// Blocks from the lines' parts: consecutive body (or caption) lines of one paragraph merge.
fn blocks(text: &str, lines: &[Line], parts: &[Part]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(lines.len());
    let mut last_para = usize::MAX;
    for (l, p) in lines.iter().zip(parts) {
        let mut start = l.start;
        let mut can_merge = l.para == last_para;
        for (head_end, rest, role) in [p.head, p.head2].into_iter().flatten() {
            push_trimmed(text, &mut out, start..head_end, role);
            start = rest;
            can_merge = false;
        }
        let role = p.role.unwrap_or(Role::Body);
        let span = start..l.end;
        match out.last_mut() {
            Some(b)
                if can_merge
                    && b.role == role
                    && matches!(role, Role::Body | Role::Caption)
                    && b.span.end <= span.start =>
            {
                b.span.end = span.end;
            }
            _ => push_trimmed(text, &mut out, span, role),
        }
        last_para = l.para;
    }
    out
}

fn push_trimmed(text: &str, out: &mut Vec<Block>, span: ByteSpan, role: Role) {
    let Some(s) = text.get(span.clone()) else {
        return;
    };
    let t = s.trim_start();
    let start = span.start + (s.len() - t.len());
    let t = t.trim_end();
    if !t.is_empty() {
        out.push(Block {
            span: start..start + t.len(),
            role,
        });
    }
}

/// Agencies the text credits: in datelines, bylines, captions and metadata lines, and in the
/// body where the context makes the name a credit (`according to SANA`, `(AFP)`).
fn collect_agencies(text: &str, blocks: &[Block], out: &mut Vec<String>) {
    let mut bi = 0;
    for (st, en, name) in agencies::mentions(text) {
        while bi < blocks.len() && blocks[bi].span.end <= st {
            bi += 1;
        }
        let role = blocks
            .get(bi)
            .filter(|b| b.span.start <= st)
            .map_or(Role::Body, |b| b.role);
        let credited = match role {
            Role::Dateline | Role::Byline | Role::Caption | Role::Metadata => true,
            Role::Link => false,
            // `Copyright 2022 The Associated Press. All rights reserved.` credits the agency
            Role::Boilerplate => copyright_line(text, blocks.get(bi).map(|b| b.span.clone())),
            Role::Title | Role::Body => {
                !agencies::AMBIGUOUS.contains(&name) && agencies::credited_in_context(text, st, en)
            }
        };
        if credited {
            out.push(name.to_string());
        }
    }
}

fn copyright_line(text: &str, span: Option<ByteSpan>) -> bool {
    let Some(line) = span.and_then(|s| text.get(s)) else {
        return false;
    };
    line.contains('©') || line.to_ascii_lowercase().contains("copyright")
}

/// Sentences cut at block edges, each with the role of its block.
///
/// Blocks are trimmed and text between blocks is whitespace, so every piece of a sentence
/// cut at a block edge is trimmed and non-empty; a sentence outside every block is body.
/// Both inputs are in text order, so one pass over each suffices.
pub fn assign_roles(sentences: &[ByteSpan], blocks: &[Block]) -> Vec<Sentence> {
    let mut out = Vec::with_capacity(sentences.len() + blocks.len() / 4);
    let mut first = 0; // first block that may still overlap a sentence
    for s in sentences {
        if s.start >= s.end {
            continue;
        }
        while first < blocks.len() && blocks[first].span.end <= s.start {
            first += 1;
        }
        let mut covered = false;
        for b in blocks[first..].iter().take_while(|b| b.span.start < s.end) {
            let span = s.start.max(b.span.start)..s.end.min(b.span.end);
            if span.start < span.end {
                out.push(Sentence { span, role: b.role });
                covered = true;
            }
        }
        if !covered {
            out.push(Sentence {
                span: s.clone(),
                role: Role::Body,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
