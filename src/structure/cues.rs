//! Line cues: what a line is, from its own shape and generic web/wire conventions.
//!
//! The cue lists are generic (share, subscribe, back to top, read more, also read, related,
//! advertisement, cookie, all rights reserved, photo credits, bylines, publication lines), not
//! phrases of any particular corpus. Each cue also has a shape condition (a delimiter after it,
//! a short line, a line on its own) so that the same words inside prose do not fire.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};

use super::dates::find_date;
use crate::types::Role;

/// What a cue at the start of a line says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prefix {
    /// A related-content link; needs a delimiter (`READ MORE:`), an upper-case cue, or the
    /// end of the line right after it.
    LinkDelim,
    /// A link whatever follows (`Click here`).
    LinkStrong,
    /// `By Jane Doe`: needs capitalized name words after it.
    By,
    /// `Reporting by`, `Written by`...
    Credit,
    /// `Photo:`, `Image caption` ... with a delimiter.
    CaptionDelim,
    /// `In this photo`, `The photo shows` ...
    CaptionStrong,
    /// `Published`, `Updated`, `Date` ...: metadata when a date follows.
    Published,
    Updated,
    /// `Source:`: metadata with a delimiter.
    MetaDelim,
    /// `Tags:`, `Topics:`: boilerplate with a delimiter.
    BoilerDelim,
}

const PREFIXES: &[(&str, Prefix)] = &[
    ("read more", Prefix::LinkDelim),
    ("read also", Prefix::LinkDelim),
    ("also read", Prefix::LinkDelim),
    ("see also", Prefix::LinkDelim),
    ("related", Prefix::LinkDelim),
    ("related articles", Prefix::LinkDelim),
    ("related stories", Prefix::LinkDelim),
    ("related news", Prefix::LinkDelim),
    ("related content", Prefix::LinkDelim),
    ("related coverage", Prefix::LinkDelim),
    ("related topics", Prefix::LinkDelim),
    ("related links", Prefix::LinkDelim),
    ("related post", Prefix::LinkDelim),
    ("related posts", Prefix::LinkDelim),
    ("more on this", Prefix::LinkDelim),
    ("more on this story", Prefix::LinkDelim),
    ("more from", Prefix::LinkDelim),
    ("more", Prefix::LinkDelim),
    ("more news", Prefix::LinkDelim),
    ("more stories", Prefix::LinkDelim),
    ("watch", Prefix::LinkDelim),
    ("watch now", Prefix::LinkDelim),
    ("watch video", Prefix::LinkDelim),
    ("video", Prefix::LinkDelim),
    ("listen", Prefix::LinkDelim),
    ("recommended", Prefix::LinkDelim),
    ("recommended stories", Prefix::LinkDelim),
    ("you may also like", Prefix::LinkDelim),
    ("you might also like", Prefix::LinkDelim),
    ("further reading", Prefix::LinkDelim),
    ("trending", Prefix::LinkDelim),
    ("trending now", Prefix::LinkDelim),
    ("must read", Prefix::LinkDelim),
    ("don't miss", Prefix::LinkDelim),
    ("don’t miss", Prefix::LinkDelim),
    ("top stories", Prefix::LinkDelim),
    ("most read", Prefix::LinkDelim),
    ("most popular", Prefix::LinkDelim),
    ("latest news", Prefix::LinkDelim),
    ("editor's picks", Prefix::LinkDelim),
    ("editor’s picks", Prefix::LinkDelim),
    ("in pictures", Prefix::LinkDelim),
    ("full story", Prefix::LinkDelim),
    ("check also", Prefix::LinkDelim),
    ("see more", Prefix::LinkDelim),
    ("learn more", Prefix::LinkDelim),
    ("also on", Prefix::LinkDelim),
    ("also see", Prefix::LinkDelim),
    ("click here", Prefix::LinkStrong),
    ("tap here", Prefix::LinkStrong),
    ("read the full", Prefix::LinkStrong),
    ("continue reading", Prefix::LinkStrong),
    ("by", Prefix::By),
    ("reporting by", Prefix::Credit),
    ("additional reporting by", Prefix::Credit),
    ("reported by", Prefix::Credit),
    ("writing by", Prefix::Credit),
    ("written by", Prefix::Credit),
    ("editing by", Prefix::Credit),
    ("edited by", Prefix::Credit),
    ("compiled by", Prefix::Credit),
    ("story by", Prefix::Credit),
    ("words by", Prefix::Credit),
    ("text by", Prefix::Credit),
    ("posted by", Prefix::Credit),
    ("author:", Prefix::Credit),
    ("authors:", Prefix::Credit),
    ("photo", Prefix::CaptionDelim),
    ("photos", Prefix::CaptionDelim),
    ("photograph", Prefix::CaptionDelim),
    ("picture", Prefix::CaptionDelim),
    ("pictured", Prefix::CaptionDelim),
    ("image", Prefix::CaptionDelim),
    ("caption", Prefix::CaptionDelim),
    ("image caption", Prefix::CaptionDelim),
    ("media caption", Prefix::CaptionDelim),
    ("image source", Prefix::CaptionDelim),
    ("photo credit", Prefix::CaptionDelim),
    ("credit", Prefix::CaptionDelim),
    ("illustration", Prefix::CaptionDelim),
    ("file photo", Prefix::CaptionStrong),
    ("a file photo", Prefix::CaptionStrong),
    ("handout photo", Prefix::CaptionStrong),
    ("in this photo", Prefix::CaptionStrong),
    ("in this picture", Prefix::CaptionStrong),
    ("in this image", Prefix::CaptionStrong),
    ("in this file photo", Prefix::CaptionStrong),
    ("in this file picture", Prefix::CaptionStrong),
    ("in this handout photo", Prefix::CaptionStrong),
    ("in this undated photo", Prefix::CaptionStrong),
    ("in this photograph", Prefix::CaptionStrong),
    ("this photo", Prefix::CaptionStrong),
    ("this picture", Prefix::CaptionStrong),
    ("this image", Prefix::CaptionStrong),
    ("this file photo", Prefix::CaptionStrong),
    ("this handout photo", Prefix::CaptionStrong),
    ("the photo shows", Prefix::CaptionStrong),
    ("the picture shows", Prefix::CaptionStrong),
    ("the image shows", Prefix::CaptionStrong),
    ("photo shows", Prefix::CaptionStrong),
    ("picture shows", Prefix::CaptionStrong),
    ("published", Prefix::Published),
    ("published on", Prefix::Published),
    ("first published", Prefix::Published),
    ("publication date", Prefix::Published),
    ("publish date", Prefix::Published),
    ("posted", Prefix::Published),
    ("posted on", Prefix::Published),
    ("date", Prefix::Published),
    ("dated", Prefix::Published),
    ("released", Prefix::Published),
    ("issued", Prefix::Published),
    ("created", Prefix::Published),
    ("updated", Prefix::Updated),
    ("updated on", Prefix::Updated),
    ("last updated", Prefix::Updated),
    ("last update", Prefix::Updated),
    ("modified", Prefix::Updated),
    ("last modified", Prefix::Updated),
    ("source", Prefix::MetaDelim),
    ("sources", Prefix::MetaDelim),
    ("tags", Prefix::BoilerDelim),
    ("topics", Prefix::BoilerDelim),
    ("filed under", Prefix::BoilerDelim),
    ("categories", Prefix::BoilerDelim),
    ("category", Prefix::BoilerDelim),
    ("keywords", Prefix::BoilerDelim),
];

/// Site-chrome phrases: boilerplate wherever they occur in a short line standing on its own.
const PHRASES: &[&str] = &[
    "back to top",
    "all rights reserved",
    "share this",
    "share on facebook",
    "share on twitter",
    "share via",
    "share article",
    "share story",
    "follow us on",
    "follow us",
    "sign up for our",
    "sign up to our",
    "subscribe to our",
    "subscribe now",
    "our newsletter",
    "cookie policy",
    "we use cookies",
    "uses cookies",
    "accept cookies",
    "privacy policy",
    "terms of use",
    "terms of service",
    "terms and conditions",
    "skip to content",
    "skip to main",
    "story continues below",
    "article continues below",
    "continue reading below",
    "scroll to continue",
    "leave a comment",
    "post a comment",
    "view comments",
    "show comments",
    "download the app",
    "download our app",
    "get the app",
    "join our",
    "alternate address",
    "alternative address",
    "mirror site",
    "can also be accessed",
    "enable javascript",
    "update your browser",
    "browser does not support",
    "browser is not supported",
    "advertise with us",
    "sponsored content",
    "report an error",
    "report a typo",
    "contact us",
    "about us",
    "©",
    "copyright ©",
    "(c) copyright",
    "rights reserved",
    "reproduction prohibited",
    "may not be published, broadcast",
    "not be reproduced",
    "print this",
    "email this",
    "scroll down",
    "opens in new window",
    "opens in a new window",
    "leave a reply",
    "your email address will not be published",
    "required fields are marked",
    "listen to this article",
    "recommended for you",
    "post navigation",
    "you must be logged in",
];

/// Words that make up share bars and menus (`Facebook Twitter Email`, `Share`, `Print`).
const MENU_WORDS: &[&str] = &[
    "share",
    "print",
    "email",
    "e-mail",
    "mail",
    "tweet",
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "telegram",
    "linkedin",
    "pinterest",
    "reddit",
    "instagram",
    "youtube",
    "messenger",
    "tiktok",
    "comments",
    "comment",
    "subscribe",
    "newsletter",
    "newsletters",
    "advertisement",
    "advert",
    "sponsored",
    "menu",
    "search",
    "login",
    "log",
    "in",
    "register",
    "home",
    "rss",
    "copy",
    "link",
    "copied",
    "save",
    "bookmark",
    "ad",
    "this",
    "article",
    "story",
    "page",
    "post",
    "on",
    "via",
    "us",
    "the",
    "and",
    "to",
    "now",
    "next",
    "previous",
    "top",
    "back",
    "close",
    "more",
    "show",
    "hide",
    "follow",
    "sign",
    "up",
    "out",
    "feed",
    "flipboard",
    "vk",
    "viber",
    "sms",
    "tumblr",
    "loading",
    "navigation",
    "reply",
    "favorites",
    "favourites",
    "vkontakte",
    "odnoklassniki",
    "pocket",
    "skype",
    "line",
    "threads",
    "mastodon",
];

static PREFIX_AC: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Anchored)
        .build(PREFIXES.iter().map(|(p, _)| p))
        .expect("static prefix cues build")
});

static PHRASE_AC: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(PHRASES)
        .expect("static phrase cues build")
});

/// What the cues say about one line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cue {
    /// The whole line has this role.
    Whole(Role),
    /// A publication line (metadata), with its date if one is written.
    Meta {
        date: Option<String>,
        /// `Published` (true) rather than `Updated` (false).
        published: bool,
    },
    /// A publication cue and date glued to the story (` date 2022-04-19 Syria ...`): metadata
    /// up to `head_end` (relative to the line), body from `rest`.
    MetaHead {
        head_end: usize,
        rest: usize,
        date: String,
        published: bool,
    },
}

/// The shape of a line the cues need.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shape {
    /// The line is not part of a run of wrapped prose lines.
    pub standalone: bool,
    pub words: usize,
}

fn word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c >= 0x80
}

/// Index of the first letter/digit (skips bullets, brackets and quotes at the line start).
fn content_start(line: &str) -> usize {
    for (i, c) in line.char_indices().take(4) {
        if c.is_alphanumeric() || c == '©' {
            return i;
        }
    }
    0
}

/// Ends with sentence punctuation (closing quotes and brackets skipped).
pub(crate) fn last_mark(line: &str) -> Option<char> {
    line.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»'])
        .chars()
        .next_back()
}

/// Classify a line by its cues. `None`: no cue; the line's role comes from its context.
pub(crate) fn classify(line: &str, shape: Shape) -> Option<Cue> {
    let b = line.as_bytes();
    let cs = content_start(line);
    let head = &line[cs..];
    let lower_start = head.chars().next().is_some_and(char::is_lowercase);
    // Cues start lines with a capital (`reported by exporters.` is prose), except glued
    // publication lines (` date 2022-04-19 ...`).
    let found = PREFIX_AC
        .find(Input::new(head).anchored(Anchored::Yes))
        .filter(|m| {
            !lower_start
                || matches!(
                    PREFIXES[m.pattern().as_usize()].1,
                    Prefix::Published | Prefix::Updated
                )
        });
    if let Some(m) = found {
        let end = cs + m.end();
        let kind = PREFIXES[m.pattern().as_usize()].1;
        let boundary = end == b.len() || !word_byte(b[end]) || line[cs..end].ends_with(':');
        if boundary && let Some(cue) = prefix_cue(line, cs, end, kind, shape) {
            return Some(cue);
        }
    }
    if !shape.standalone {
        return None;
    }
    if let Some(role) = url_line(line, shape) {
        return Some(Cue::Whole(role));
    }
    if line.len() <= 200 && (shape.words <= 15 || last_mark(line) != Some('.')) && phrase(line) {
        return Some(Cue::Whole(Role::Boilerplate));
    }
    if shape.words <= 6 && menu_line(line) {
        return Some(Cue::Whole(Role::Boilerplate));
    }
    if shape.words <= 8 && breadcrumb(line) {
        return Some(Cue::Whole(Role::Boilerplate));
    }
    if credit_at_end(line) {
        return Some(Cue::Whole(Role::Caption));
    }
    if shape.words <= 20
        && line.len() <= 120
        && let Some((_, iso)) = find_date(line)
        && date_words_only(line)
    {
        return Some(Cue::Meta {
            date: Some(iso),
            published: true,
        });
    }
    None
}

/// A line made only of dates, times and their labels:
/// `Tue Oct 24, 2017 05:40PM [Updated: Tue Oct 24, 2017 06:00PM ]`, `19 April 2022 | 10:00 GMT`.
fn date_words_only(line: &str) -> bool {
    const LABELS: &[&str] = &[
        "updated",
        "update",
        "published",
        "posted",
        "last",
        "first",
        "on",
        "at",
        "date",
        "time",
        "am",
        "pm",
        "a.m",
        "p.m",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "of",
        "modified",
        "created",
    ];
    line.split(' ').all(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            return true;
        }
        let b = w.as_bytes();
        let numeric = b[0].is_ascii_digit()
            && w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .bytes()
                .all(|c| c.is_ascii_digit() || matches!(c, b':' | b'.' | b'/' | b'-'))
            && w.trim_start_matches(|c: char| !c.is_ascii_alphabetic())
                .len()
                <= 2;
        numeric
            || super::dates::month_at(b, 0).is_some_and(|(_, e)| e == b.len())
            || (b.len() <= 4 && b.iter().all(u8::is_ascii_uppercase)) // GMT, BST, KSA
            || LABELS.iter().any(|l| l.eq_ignore_ascii_case(w))
    })
}

/// What follows a cue: skip spaces, then is there a delimiter or the end of the line?
fn delimited(line: &str, end: usize) -> bool {
    if line[..end].ends_with(':') {
        return true;
    }
    let after = line[end..].trim_start_matches(' ');
    after.is_empty() || after.starts_with([':', '|', '»', '>', '›', '-', '–', '—', '/', ','])
}

fn prefix_cue(line: &str, cs: usize, end: usize, kind: Prefix, shape: Shape) -> Option<Cue> {
    let cue_text = &line[cs..end];
    let cue_upper = !cue_text.bytes().any(|c| c.is_ascii_lowercase());
    match kind {
        Prefix::LinkDelim => {
            let ok = shape.standalone
                && line.len() <= 300
                && (delimited(line, end) || (cue_upper && cue_text.len() >= 6));
            ok.then_some(Cue::Whole(Role::Link))
        }
        Prefix::LinkStrong => {
            (shape.standalone && line.len() <= 300).then_some(Cue::Whole(Role::Link))
        }
        Prefix::By => byline(line, end, shape).then_some(Cue::Whole(Role::Byline)),
        Prefix::Credit => (line.len() <= 300).then_some(Cue::Whole(Role::Byline)),
        Prefix::CaptionDelim => {
            let after = line[end..].trim_start_matches(' ');
            let delim = line[..end].ends_with(':')
                || after.is_empty()
                || after.starts_with([':', '|', ','])
                || (after.starts_with(['-', '–', '—']) && cue_upper);
            (shape.standalone && delim && line.len() <= 800).then_some(Cue::Whole(Role::Caption))
        }
        Prefix::CaptionStrong => {
            (shape.standalone && line.len() <= 800).then_some(Cue::Whole(Role::Caption))
        }
        Prefix::Published | Prefix::Updated => publication(line, end, kind == Prefix::Published)
            .or_else(|| {
                // `Last Update: 13:40 KSA`: a publication line without a full date
                let timed = line[end..].bytes().any(|c| c.is_ascii_digit());
                (shape.standalone
                    && timed
                    && shape.words <= 12
                    && line[..end].ends_with(':') | line[end..].starts_with(':')
                    && last_mark(line) != Some('.'))
                .then_some(Cue::Meta {
                    date: None,
                    published: false,
                })
            }),
        Prefix::MetaDelim => (shape.standalone && shape.words <= 12 && delimited(line, end))
            .then_some(Cue::Meta {
                date: None,
                published: false,
            }),
        Prefix::BoilerDelim => (shape.standalone && line.len() <= 300 && delimited(line, end))
            .then_some(Cue::Whole(Role::Boilerplate)),
    }
}

/// `By Jane Doe`, `By JANE DOE, AFP`, `By Jane Doe and John Roe | Reuters`: name words only.
fn byline(line: &str, end: usize, shape: Shape) -> bool {
    if !shape.standalone || line.len() > 120 || shape.words > 14 {
        return false;
    }
    if matches!(last_mark(line), Some('.' | '!' | '?' | ':' | ';')) && !line.ends_with(".)") {
        // "By Jane Doe." is rare; prose "By then, it was over." is not.
        let tail = line.trim_end_matches('.');
        if tail.split(' ').count() > 4 {
            return false;
        }
    }
    let rest = line[end..].trim_start_matches([' ', ':']);
    // the names come first; after a comma or bar anything short (`, Middle East correspondent`)
    let names_part = rest.split([',', '|', '•', '·']).next().unwrap_or("");
    let names_part = names_part.split(" in ").next().unwrap_or(names_part);
    let mut names = 0;
    for w in names_part.split([' ', '/', '&']).filter(|w| !w.is_empty()) {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        if matches!(
            w,
            "and" | "de" | "van" | "von" | "der" | "al" | "bin" | "in" | "da" | "del"
        ) {
            continue;
        }
        if !w.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        if super::dates::month_at(w.as_bytes(), 0).is_some_and(|(_, e)| e == w.len()) {
            return false; // "By March 1990 ..."
        }
        names += 1;
    }
    names >= 1
}

/// A publication cue followed by a date: the whole line, or a head glued to the story.
fn publication(line: &str, end: usize, published: bool) -> Option<Cue> {
    let window_end = floor_boundary(line, (end + 80).min(line.len()));
    let (span, iso) = find_date(&line[end..window_end])?;
    let date_start = end + span.start;
    let mut date_end = end + span.end;
    // Only punctuation, spaces and a time of day may stand between the cue and the date.
    let between = &line[end..date_start];
    if between
        .split(' ')
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
        > 2
    {
        return None;
    }
    // A time right after the date belongs to the head (`2022-04-19 10:00`).
    let after = &line[date_end..];
    let t = after.trim_start_matches([' ', ',']);
    if t.len() >= 4 && t.as_bytes()[0].is_ascii_digit() {
        let time_len = t
            .bytes()
            .take_while(|c| c.is_ascii_digit() || *c == b':' || *c == b'.')
            .count();
        if t[..time_len].contains(':') {
            date_end = line.len() - t.len() + time_len;
        }
    }
    let rest_text = line[date_end..].trim_start_matches(' ');
    let rest = line.len() - rest_text.len();
    let rest_words = rest_text.split(' ').filter(|w| !w.is_empty()).count();
    let story = rest_words >= 5
        && rest_text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || "\"“‘".contains(c))
        && matches!(last_mark(line), Some('.' | '!' | '?'));
    if story {
        Some(Cue::MetaHead {
            head_end: date_end,
            rest,
            date: iso,
            published,
        })
    } else if rest_words <= 12 || !matches!(last_mark(line), Some('.' | '!' | '?')) {
        Some(Cue::Meta {
            date: Some(iso),
            published,
        })
    } else {
        None
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A line that is only a URL (`www.example.com`, `https://...`), or a short line around one.
fn url_line(line: &str, shape: Shape) -> Option<crate::types::Role> {
    let has_scheme =
        line.contains("http") && (line.contains("http://") || line.contains("https://"));
    if has_scheme && shape.words <= 8 {
        return Some(Role::Link);
    }
    if shape.words != 1 {
        return None;
    }
    let t = line.trim_end_matches(['.', ',', ';', ')']);
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("www.") && t.len() > 6 {
        return Some(Role::Link);
    }
    // a bare domain: labels of [a-z0-9-], a letters-only top level of 2-6 letters
    let (host, _path) = lower.split_once('/').unwrap_or((&lower, ""));
    let labels: Vec<&str> = host.split('.').collect();
    let tld_ok = labels
        .last()
        .is_some_and(|t| (2..=6).contains(&t.len()) && t.bytes().all(|c| c.is_ascii_lowercase()));
    let labels_ok = labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-'));
    // all lower-case as written (`U.K` and `Inc.` are not domains)
    let written_lower = !t.bytes().any(|c| c.is_ascii_uppercase());
    (tld_ok && labels_ok && written_lower && labels[0].len() >= 2).then_some(Role::Link)
}

fn phrase(line: &str) -> bool {
    let b = line.as_bytes();
    PHRASE_AC.find_iter(line).any(|m| {
        let (s, e) = (m.start(), m.end());
        let p = &line[s..e];
        let before_ok = s == 0 || !word_byte(b[s - 1]) || !p.as_bytes()[0].is_ascii_alphanumeric();
        let after_ok =
            e == b.len() || !word_byte(b[e]) || !p.as_bytes()[p.len() - 1].is_ascii_alphanumeric();
        before_ok && after_ok
    })
}

/// Every word is a share-bar or menu word (`Facebook Twitter WhatsApp`, `Share`, `Print this`).
fn menu_line(line: &str) -> bool {
    let mut any = false;
    for w in line.split([' ', '|', '/', '·', '•']) {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        if w.is_empty() {
            continue;
        }
        if w.len() > 16 || !MENU_WORDS.iter().any(|m| m.eq_ignore_ascii_case(w)) {
            return false;
        }
        any = true;
    }
    // at least one word that is not a filler ("on", "the", "this")
    any && line.split(' ').any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.len() > 3
    })
}

/// `News / Syria`, `Home > World > Middle East`: short segments between separators.
fn breadcrumb(line: &str) -> bool {
    // one byte scan first: most lines have no separator character at all
    if !line
        .bytes()
        .any(|c| matches!(c, b'/' | b'>' | b'|' | b':' | 0xBB | 0xBA))
    {
        return false; // 0xBB, 0xBA: last bytes of `»` and `›` in UTF-8
    }
    let seps = [" / ", " > ", " » ", " › ", " | ", " :: "];
    let Some(sep) = seps.iter().find(|s| line.contains(**s)) else {
        return false;
    };
    if matches!(last_mark(line), Some('.' | '!' | '?' | ':' | ';' | ',')) {
        return false;
    }
    let parts: Vec<&str> = line.split(sep).map(str::trim).collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            let words = p.split(' ').filter(|w| !w.is_empty()).count();
            (1..=4).contains(&words)
                && p.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
}

/// A picture caption ending with its credit in parentheses: `... (AP photo)`,
/// `... (DELIL SOULEIMAN / AFP)`, `... (Photo by Jane Doe/Getty Images)`.
pub(crate) fn credit_at_end(line: &str) -> bool {
    let t = line.trim_end_matches(['.', ' ']);
    if !t.ends_with(')') {
        return agency_slash_credit(t);
    }
    let Some(open) = t.rfind('(') else {
        return false;
    };
    let inner = &t[open + 1..t.len() - 1];
    let before = &t[..open];
    let letters = inner.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || inner.len() > 100 || before.split_whitespace().count() < 5 {
        return false;
    }
    // a caption is a sentence: it has lower-case words before the credit
    if !before.chars().any(char::is_lowercase) {
        return false;
    }
    let lower = inner.to_lowercase();
    let photo_word = [
        "photo",
        "picture",
        "image",
        "getty",
        "handout",
        "courtesy",
        "file",
        "credit",
        "illustration",
        "screenshot",
        "screengrab",
        "video grab",
        "still",
    ]
    .iter()
    .any(|w| lower.contains(w));
    let via = lower.split(' ').any(|w| w == "via");
    // `JANE DOE / AFP`, `Jane Doe/Getty`, not `7/5`
    let slash = inner.split('/').count() == 2
        && inner.split('/').all(|p| {
            let p = p.trim();
            p.chars().next().is_some_and(char::is_alphabetic)
                || p.chars().next_back().is_some_and(char::is_alphabetic)
        });
    let caps_words = inner.split(' ').filter(|w| !w.is_empty()).count() >= 2
        && !inner.chars().any(char::is_lowercase);
    photo_word || via || slash || caps_words
}

/// A caption credit without parentheses at the end of a captioned sentence:
/// `... Oct. 20, 2017. REUTERS/Jane Doe`, `... (file) JANE DOE/AFP`, `... AFP via Getty Images`.
fn agency_slash_credit(t: &str) -> bool {
    let mut cut = t.len().saturating_sub(60);
    while !t.is_char_boundary(cut) {
        cut -= 1;
    }
    let (before, window) = t.split_at(cut);
    let getty = window.ends_with("Getty Images");
    let slash = window.rfind('/');
    if !getty && slash.is_none() {
        return false;
    }
    let sentence = t.split_whitespace().count() >= 7 && before.chars().any(char::is_lowercase);
    if !sentence {
        return false;
    }
    if getty {
        return true;
    }
    let Some(slash) = slash else {
        return false;
    };
    // an agency right before or right after the slash (`REUTERS/Jane Doe`, `Jane Doe / AFP`)
    super::agencies::mentions(window).any(|(s, e, _)| {
        window[e..].trim_start().starts_with('/') && e <= slash
            || window[..s].trim_end().ends_with('/') && s > slash
    }) && {
        // what follows the slash is a name (`Jane Doe`) or an agency, nothing more
        let after: Vec<&str> = window[slash + 1..].split_whitespace().collect();
        (1..=4).contains(&after.len())
            && after
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALONE: Shape = Shape {
        standalone: true,
        words: 0,
    };

    fn c(line: &str) -> Option<Cue> {
        let words = line.split(' ').filter(|w| !w.is_empty()).count();
        classify(line, Shape { words, ..ALONE })
    }

    fn role(line: &str) -> Option<Role> {
        match c(line)? {
            Cue::Whole(r) => Some(r),
            Cue::Meta { .. } | Cue::MetaHead { .. } => Some(Role::Metadata),
        }
    }

    #[test]
    fn links() {
        assert_eq!(role("READ MORE: Some other story here"), Some(Role::Link));
        assert_eq!(role("Read more:"), Some(Role::Link));
        assert_eq!(role("Also read | Another story"), Some(Role::Link));
        assert_eq!(role("www.example.co.uk"), Some(Role::Link));
        assert_eq!(role("https://example.com/a/b"), Some(Role::Link));
        assert_eq!(
            role("Read more about the plan in the report, he said."),
            None
        );
        assert_eq!(role("More than 40 people died."), None);
        assert_eq!(role("Related parties were also fined."), None);
    }

    #[test]
    fn boilerplate() {
        assert_eq!(role("Back to top button"), Some(Role::Boilerplate));
        assert_eq!(role("SHARE THIS ARTICLE"), Some(Role::Boilerplate));
        assert_eq!(
            role("Facebook Twitter WhatsApp Email"),
            Some(Role::Boilerplate)
        );
        assert_eq!(
            role("© 2022 Some Media. All rights reserved."),
            Some(Role::Boilerplate)
        );
        assert_eq!(role("Home / World / Middle East"), Some(Role::Boilerplate));
        assert_eq!(
            role("The site can also be accessed at the following alternate addresses:"),
            Some(Role::Boilerplate)
        );
        assert_eq!(role("Facebook buys WhatsApp for $19bn"), None);
        assert_eq!(role("Share prices fell sharply on Monday."), None);
    }

    #[test]
    fn bylines() {
        assert_eq!(role("By Jane Doe"), Some(Role::Byline));
        assert_eq!(role("By JANE DOE, AFP"), Some(Role::Byline));
        assert_eq!(
            role("By Jane Doe, Middle East correspondent"),
            Some(Role::Byline)
        );
        assert_eq!(role("By Jane Doe in Beirut"), Some(Role::Byline));
        assert_eq!(
            role("(Reporting by Jane Doe; Editing by John Roe)"),
            Some(Role::Byline)
        );
        assert_eq!(role("By the end of the year, prices had doubled."), None);
        assert_eq!(role("By March 1990 the plant will close."), None);
    }

    #[test]
    fn captions() {
        assert_eq!(
            role("A man walks past a damaged building in the city on Monday. (AP photo)"),
            Some(Role::Caption)
        );
        assert_eq!(
            role("Smoke rises over the city after an air strike. (JANE DOE / AFP)"),
            Some(Role::Caption)
        );
        assert_eq!(
            role("In this photo taken on May 1, soldiers stand guard."),
            Some(Role::Caption)
        );
        assert_eq!(role("Photo: Jane Doe"), Some(Role::Caption));
        assert_eq!(
            role("Children play in the rubble of the old city, Oct. 20, 2017. REUTERS/Jane Doe"),
            Some(Role::Caption)
        );
        assert_eq!(
            role("The ministry said 12 people died, citing AFP/Reuters figures for the day."),
            None
        );
        assert_eq!(
            role("The fighters were backed by the Syrian Democratic Forces (SDF)."),
            None
        );
        assert_eq!(role("Photos of the event went viral on Monday."), None);
    }

    #[test]
    fn publication_lines() {
        assert_eq!(
            c("Published: 10:00, April 19, 2022 | Updated: 10:29, April 19, 2022"),
            Some(Cue::Meta {
                date: Some("2022-04-19".into()),
                published: true
            })
        );
        let line = "date 2022-04-19 Syria reserves its right to hold the governments responsible.";
        match c(line) {
            Some(Cue::MetaHead {
                head_end,
                rest,
                date,
                ..
            }) => {
                assert_eq!(&line[..head_end], "date 2022-04-19");
                assert_eq!(&line[rest..rest + 5], "Syria");
                assert_eq!(date, "2022-04-19");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            c("Updated 19 April 2022"),
            Some(Cue::Meta {
                date: Some("2022-04-19".into()),
                published: false
            })
        );
        assert_eq!(
            c("Tue Oct 24, 2017 05:40PM [Updated: Tue Oct 24, 2017 06:00PM ]"),
            Some(Cue::Meta {
                date: Some("2017-10-24".into()),
                published: true
            })
        );
        assert_eq!(role("On March 3, 1987 the company said"), None);
        assert_eq!(role("Pay April 15, 1987"), None);
        assert_eq!(
            c("Tuesday 19 April 2022"),
            Some(Cue::Meta {
                date: Some("2022-04-19".into()),
                published: true
            })
        );
        assert_eq!(role("Date of the vote has not been set."), None);
        assert_eq!(
            role(
                "Released prisoners said on April 19, 2022 that they had been beaten in jail for years."
            ),
            None
        );
    }
}
