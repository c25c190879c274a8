//! Story groups: documents that report the same event, grouped under a `story_id`.
//!
//! Different outlets report one event in their own words, so near-duplicate detection does not
//! join them. What they share are the event's *specific facts* (the same figures, the same dates)
//! and, usually, stretches of the same quoted statement. Sharing a country, a city that is in
//! the news every day, or a year is not the same event. The rule, per pair of documents:
//!
//! - **facts**: figures (cardinals, percents, money, measures; not vague ones such as
//!   "thousands") and dates stated in body or caption sentences, both documents stating the same
//!   value. Each carries a weight for how specific it is: a count with 3+ significant digits
//!   (`774`) 1.0, with 2 (`2,500`, `$9.3bn`) 0.6, round (`4,000`) 0.3, small counts and
//!   percentages less; a day or a range of months 1.0, a month 0.5, a bare year nothing. A fact
//!   stated by many documents of the corpus weighs less (`sqrt(free / df)`), and the number of
//!   matches two fact-heavy documents (tables, market reports) would share by chance is
//!   subtracted.
//! - **places**: resolved places below country level (cities, districts, provinces) count a
//!   little, capped at 1: many reports share a place without sharing an event.
//! - **text**: the share of the shorter document's (sampled) word 5-shingles found in the other,
//!   shingles weighted down when many documents have them (formulaic wire text).
//!
//! `score = facts + min(places, 1) + text_weight * text`; a pair is the same story when
//! `score >= min_score` and it shares at least one fact of weight >= 0.5 (an *anchor*), or when
//! the text overlap alone is strong (`text >= strong_text`; twice that when both documents state
//! specific facts and share none of them: recurring reports such as daily market notices).

//! Template and background paragraphs (an outlet's standing paragraph under every article on a
//! topic, "The US-led coalition has been conducting airstrikes since September 2014...") would
//! otherwise make two different stories of one outlet look alike. A paragraph found word for
//! word in both documents is therefore left out of their comparison (its facts, places and
//! text), unless such shared paragraphs make up half or more of the shorter document, which
//! makes it a copy of the other (then they are the same story).
//!
//! Near-duplicates (the `near_duplicates` clusters) are one story by definition: a member is
//! paired with its cluster's representative only, and left out of the corpus statistics and
//! candidate keys, so that syndicated copies neither make their text look common nor multiply
//! the pairs (k copies would give k² pairs with every document they share a key with).
//!
//! Scaling: pairs are only scored when the documents share a candidate key (an anchor fact or a
//! sampled shingle) that fewer than `max_key_df` documents have; groups are the connected
//! components of accepted pairs (union-find). All orders are fixed, so the result does not
//! depend on input order or thread count. [`StoryGrouper`] does this in external memory: a few
//! tens of bytes per document stay in memory, everything else goes through spill files.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use crate::neardup::for_each_word_hash;

mod grouper;
use crate::types::{AnalyzedDoc, NumberKind, PlaceKind, Role};
pub use grouper::StoryGrouper;

/// Parameters of story grouping.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryConfig {
    /// Score from which a pair with an anchor fact is the same story.
    pub min_score: f64,
    /// Weight of the text overlap (a share in 0..=1) in the score: 0.1 overlap counts like one
    /// specific figure.
    pub text_weight: f64,
    /// Text overlap from which a pair is the same story on text alone.
    pub strong_text: f64,
    /// Keys (facts, shingles) found in more documents than this are not used to find candidate
    /// pairs, and such shingles do not count as shared text (outlet boilerplate).
    pub max_key_df: usize,
}

impl Default for StoryConfig {
    fn default() -> Self {
        StoryConfig {
            min_score: 2.0,
            text_weight: 10.0,
            strong_text: 0.3,
            max_key_df: 200,
        }
    }
}

/// Words per text shingle (5: long enough that topic phrases such as "the UN Security Council"
/// are not a shared shingle, short enough to catch quoted phrases inside paraphrases).
pub const TEXT_SHINGLE: usize = 5;
/// One shingle in this many is kept (by hash, so both documents keep the same ones).
pub const TEXT_SAMPLE: u64 = 2;
/// Text overlap is divided by at least this many sampled shingles (about 40 words), so that
/// two short templated notices ("Qtly div 25 cts vs 25 cts prior") are not "strong overlap".
pub const TEXT_MIN_SAMPLES: usize = 20;
/// Candidate pairs from text need at least this many shared sampled shingles.
pub const MIN_SHARED_SAMPLES: usize = 3;
/// A fact stated in more documents than `max(FACT_DF_FREE, N * FACT_DF_SHARE)` has its weight
/// multiplied by `sqrt(free / df)`: "March 31" in hundreds of dividend notices is not specific.
pub const FACT_DF_FREE: usize = 20;
/// Chance matches: two documents listing `m` and `n` facts (weight >= 0.3) are expected to
/// share `m * n / CHANCE_SPACE` of them by accident; that much is subtracted from the facts'
/// score. Negligible for ordinary reports (5 x 5 facts: 0.025), decisive for tables
/// (40 x 40 figures: 1.6).
pub const CHANCE_SPACE: f64 = 1000.0;
/// A shingle in more documents than `max(SHINGLE_DF_FREE, N * SHINGLE_DF_SHARE)` weighs
/// `free / df` in the text overlap (formulaic wire text: "the selling concession is 1-1/4 pct
/// while management..."), and nothing in more than `max_key_df`.
pub const SHINGLE_DF_FREE: usize = 5;
pub const SHINGLE_DF_SHARE: f64 = 0.0005;
pub const FACT_DF_SHARE: f64 = 0.005;

/// What a document is compared on (built once per document, spilled to disk until grouping).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoryFeatures {
    pub doc_id: String,
    /// Figures and dates stated in body or caption sentences, one entry per occurrence, sorted.
    pub facts: Vec<Fact>,
    /// Resolved places below country level in body or caption sentences, sorted.
    pub places: Vec<PlaceFact>,
    /// Sampled hashes of body/caption word shingles with their paragraph index, sorted, unique.
    pub shingles: Vec<(u32, u32)>,
    /// Per paragraph (index = position): hash of its words and its number of words.
    pub paragraphs: Vec<(u64, u32)>,
}

/// A specific fact: a figure or a date, with how specific it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// `figure` or `date`.
    pub class: FactClass,
    /// What must be equal: `cardinal:4000`, `percent:2`, `money:USD:5000000`, `date:2017-06`.
    pub key: String,
    /// 0..=1: how unlikely two reports of different events share it.
    pub weight: f64,
    /// The counted object, if the tagger found one (shown in signals only).
    pub object: Option<String>,
    pub paragraph: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FactClass {
    Figure,
    Date,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlaceFact {
    pub geonameid: u32,
    pub weight: f64,
    pub paragraph: u32,
}

/// One row of the `stories` table (every document has one).
#[derive(Debug, Clone, PartialEq)]
pub struct StoryRow {
    pub doc_id: String,
    /// The smallest `doc_id` in the group (a document alone is its own story).
    pub story_id: String,
    /// Score of the strongest accepted pair this document is in (0 for a story of one).
    pub score: f64,
    /// What that pair shares, e.g.
    /// `with:<doc_id>;figures:4000,2500,1500;dates:2017-06/2017-10;places:172955;text:0.31`.
    pub signals: String,
}

#[cfg(test)]
fn fmt_value(v: f64) -> String {
    let mut s = String::new();
    push_value(&mut s, v);
    s
}

/// Append a fact's value to `out`: an integer in plain digits, anything else with at most 6
/// decimals and no trailing zeros (`4000`, `-3`, `1.16`). Integers, most figures, are written
/// without the formatting machinery (a key is built for every figure of every document).
fn push_value(out: &mut String, v: f64) {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        for &d in crate::rows::decimal(v as i64, &mut [0; 20]) {
            out.push(char::from(d));
        }
    } else {
        use std::fmt::Write;
        let start = out.len();
        // writing to a String cannot fail
        let _ = write!(out, "{v:.6}");
        let kept = out[start..]
            .trim_end_matches('0')
            .trim_end_matches('.')
            .len();
        out.truncate(start + kept);
    }
}

/// Significant digits of a value (`4000` 1, `2500` 2, `774` 3, `9.3e9` 2, `0.25` 2), at most 6:
/// those of the value rounded to 6 significant digits, as `{:.5e}` writes it.
fn significant_digits(a: f64) -> u32 {
    if a == 0.0 || !a.is_finite() {
        return 1;
    }
    let a = a.abs();
    if a.fract() == 0.0 && a < 1e15 {
        // an exact integer (most figures): round it to 6 digits in integer arithmetic
        // instead of formatting it; a tie is left to the formatter's rounding rule
        let n = a as u64;
        let len = n.checked_ilog10().unwrap_or(0) + 1;
        let mut q = n;
        if len > 6 {
            let p = 10u64.pow(len - 6);
            let (r, half) = (n % p, p / 2);
            q = n / p + u64::from(r > half);
            if r == half {
                return significant_digits_formatted(a);
            }
        }
        while q.is_multiple_of(10) {
            q /= 10;
        }
        return q.checked_ilog10().unwrap_or(0) + 1;
    }
    significant_digits_formatted(a)
}

/// [`significant_digits`] of a finite, non-zero value by formatting it.
fn significant_digits_formatted(a: f64) -> u32 {
    let mut digits = format!("{:.5e}", a.abs()); // d.ddddde±x
    if let Some(e) = digits.find('e') {
        digits.truncate(e);
    }
    let digits = digits.replace('.', "");
    digits.trim_end_matches('0').len().max(1) as u32
}

/// Specificity of a stated quantity: how unlikely it is that two reports of different events
/// state it. Values are not equally likely: small counts, round figures and rates are
/// everywhere (economic news is full of "0.3%" and "$1.5bn"); a count with three or more
/// significant digits ("774 civilians", "4,132 homes") is rarely repeated by chance.
/// Percentages are never anchors on their own (0.4 at most).
fn figure_weight(kind: NumberKind, v: f64) -> f64 {
    let a = v.abs();
    if !a.is_finite() {
        return 0.0;
    }
    let sig = significant_digits(a);
    if kind == NumberKind::Percent {
        return if sig >= 3 { 0.4 } else { 0.2 };
    }
    if a < 10.0 && a.fract() == 0.0 {
        return 0.2;
    }
    if a.fract() == 0.0 && (1900.0..=2100.0).contains(&a) {
        return 0.3; // could be a year
    }
    if a < 100.0 && a.fract() == 0.0 {
        return 0.4;
    }
    match sig {
        1 => 0.3,
        2 => 0.6,
        // prices, rates and ratios (1.16, 52.8) recur in market news; counts are integers
        _ if a.fract() != 0.0 => 0.6,
        _ => 1.0,
    }
}

/// Is `iso` a plain `YYYY-MM-DD` day, and how many days since 0000-03-01 (for closeness)?
fn day_number(iso: &str) -> Option<i64> {
    let b = iso.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = iso.get(0..4)?.parse().ok()?;
    let m: i64 = iso.get(5..7)?.parse().ok()?;
    let d: i64 = iso.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    Some(365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d)
}

/// Granularity of an ISO date part: 3 day, 2 month, 1 year, 0 other.
fn granularity(iso: &str) -> u8 {
    let b = iso.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if digits(0..4) && b.len() == 4 {
        1
    } else if digits(0..4) && b.len() == 7 && b[4] == b'-' && digits(5..7) {
        2
    } else if day_number(iso).is_some() {
        3
    } else {
        0
    }
}

/// Specificity of a stated date: a day 1.0 (0.5 within 3 days of publication: any two
/// articles of that day say "on Monday"), a month 0.5, a range of months or days 1.0,
/// a range of years 0.3, a year 0 (never enough).
fn date_weight(iso: &str, published: Option<i64>) -> f64 {
    if let Some((a, b)) = iso.split_once('/') {
        let g = granularity(a).max(granularity(b));
        return match g {
            2 | 3 => 1.0,
            1 => 0.3,
            _ => 0.0,
        };
    }
    match granularity(iso) {
        3 => match (day_number(iso), published) {
            (Some(d), Some(p)) if (d - p).abs() <= 3 => 0.5,
            _ => 1.0,
        },
        2 => 0.5,
        _ => 0.0,
    }
}

/// Weight of a resolved place by its GeoNames feature code: countries and larger regions
/// 0 (they name a topic, not an event), first-order divisions 0.3, anything smaller 0.5.
fn place_weight(feature_code: Option<&str>) -> f64 {
    match feature_code {
        None => 0.3,
        Some(c) if c.starts_with("PCL") => 0.0,
        Some("TERR" | "CONT" | "RGN" | "ZN" | "OCN" | "SEA" | "GULF" | "AREA") => 0.0,
        Some("ADM1" | "ADM1H") => 0.3,
        Some(_) => 0.5,
    }
}

fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl StoryFeatures {
    /// Features of one analyzed document: only body and caption sentences count (a title,
    /// a "READ MORE" link or a publication line is not a statement of the event).
    pub fn from_doc(doc_id: &str, doc: &AnalyzedDoc) -> StoryFeatures {
        let text = doc.text.as_str();
        // paragraphs: separated by blank lines (normalized text: exactly "\n\n")
        let mut paras: Vec<std::ops::Range<usize>> = Vec::new();
        let mut start = None;
        let mut pos = 0;
        // lines, each with its '\n' (the last one may have none): a plain byte scan, as lines
        // are short (a paragraph and a blank line) and a searcher's set-up is most of the work
        let bytes = text.as_bytes();
        while pos < text.len() {
            let end = bytes[pos..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(text.len(), |i| pos + i + 1);
            let line = text.get(pos..end).unwrap_or("");
            let blank = line.trim().is_empty();
            match (blank, start) {
                (false, None) => start = Some(pos),
                (true, Some(s)) => {
                    paras.push(s..pos);
                    start = None;
                }
                _ => {}
            }
            pos = end;
        }
        if let Some(s) = start {
            paras.push(s..text.len());
        }
        let para_of = |off: usize| -> u32 {
            let i = paras.partition_point(|p| p.end <= off);
            i.min(paras.len().saturating_sub(1)) as u32
        };

        // body and caption sentences (all the text when there is no segmentation at all)
        let spans: Vec<std::ops::Range<usize>> = if doc.sentences.is_empty() {
            std::iter::once(0..text.len()).collect()
        } else {
            doc.sentences
                .iter()
                .filter(|s| matches!(s.role, Role::Body | Role::Caption))
                .map(|s| s.span.clone())
                .collect()
        };
        let in_body = |off: usize| {
            let i = spans.partition_point(|s| s.end <= off);
            spans.get(i).is_some_and(|s| s.start <= off)
        };

        let published = doc.meta.published.as_deref().and_then(day_number);
        let mut facts = Vec::new();
        for n in &doc.numbers {
            if !in_body(n.span.start) || n.vague {
                continue;
            }
            let para = para_of(n.span.start);
            let object = n.object.clone();
            match n.kind {
                NumberKind::Cardinal
                | NumberKind::Percent
                | NumberKind::Money
                | NumberKind::Measure => {
                    let Some(v) = n.value.filter(|v| v.is_finite()) else {
                        continue;
                    };
                    let w = figure_weight(n.kind, v);
                    let unit = n.unit.as_deref().unwrap_or("");
                    // `kind:value`, `kind:unit:value` for money and measures
                    let mut key = String::with_capacity(n.kind.as_str().len() + unit.len() + 24);
                    key.push_str(n.kind.as_str());
                    key.push(':');
                    if matches!(n.kind, NumberKind::Money | NumberKind::Measure) {
                        key.push_str(unit);
                        key.push(':');
                    }
                    push_value(&mut key, v);
                    facts.push(Fact {
                        class: FactClass::Figure,
                        key,
                        weight: w,
                        object,
                        paragraph: para,
                    });
                }
                NumberKind::Date | NumberKind::DateRange => {
                    let Some(iso) = n.iso.as_deref() else {
                        continue;
                    };
                    let w = date_weight(iso, published);
                    if w > 0.0 {
                        facts.push(Fact {
                            class: FactClass::Date,
                            key: format!("date:{iso}"),
                            weight: w,
                            object: None,
                            paragraph: para,
                        });
                    }
                }
                _ => {}
            }
        }
        facts.sort_by(|a, b| {
            (a.class, &a.key, a.paragraph)
                .cmp(&(b.class, &b.key, b.paragraph))
                .then(b.weight.total_cmp(&a.weight))
        });

        let mut places = Vec::new();
        for p in &doc.places {
            if p.kind != PlaceKind::Name || !in_body(p.span.start) || p.confidence < 0.3 {
                continue;
            }
            let Some(id) = p.geonameid else { continue };
            let w = place_weight(p.feature_code.as_deref());
            if w > 0.0 {
                places.push(PlaceFact {
                    geonameid: id,
                    weight: w,
                    paragraph: para_of(p.span.start),
                });
            }
        }
        places.sort_by_key(|p| (p.geonameid, p.paragraph));
        places.dedup_by(|a, b| a.geonameid == b.geonameid && a.paragraph == b.paragraph);

        // words of body/caption sentences, per paragraph
        let mut para_words: Vec<Vec<u64>> = vec![Vec::new(); paras.len().max(1)];
        for s in &spans {
            // a span may cross paragraphs (no segmentation): split it at their bounds
            let first = paras.partition_point(|p| p.end <= s.start);
            for (p, range) in paras.iter().enumerate().skip(first) {
                if range.start >= s.end {
                    break;
                }
                let part = s.start.max(range.start)..s.end.min(range.end);
                if let (Some(t), Some(ws)) = (text.get(part), para_words.get_mut(p)) {
                    // room for a word every 4 bytes (text has one every 6 or so): rarely regrown
                    ws.reserve(t.len() / 4 + 1);
                    for_each_word_hash(t, |h| ws.push(h));
                }
            }
        }
        // (hash << 32 | paragraph): sorted as one integer, the order of (hash, paragraph)
        let mut sampled: Vec<u64> = Vec::new();
        let mut paragraphs = Vec::with_capacity(para_words.len());
        for (p, ws) in para_words.iter().enumerate() {
            let mut ph = 0x7061_7261u64;
            for &w in ws {
                ph = mix64(ph ^ w);
            }
            paragraphs.push((if ws.is_empty() { 0 } else { ph }, ws.len() as u32));
            if ws.len() >= TEXT_SHINGLE {
                for win in ws.windows(TEXT_SHINGLE) {
                    let mut h = TEXT_SHINGLE as u64;
                    for &w in win {
                        h = mix64(h.rotate_left(27) ^ w);
                    }
                    if h.is_multiple_of(TEXT_SAMPLE) {
                        sampled.push((h >> 32) << 32 | u64::from(p as u32));
                    }
                }
            }
        }
        sampled.sort_unstable();
        // one per hash: its first paragraph's
        sampled.dedup_by_key(|s| *s >> 32);
        // Bottom-k: the smallest hashes are a consistent sample across documents.
        sampled.truncate(MAX_SHINGLES);
        let shingles: Vec<(u32, u32)> = sampled
            .iter()
            .map(|&s| ((s >> 32) as u32, s as u32))
            .collect();
        cap_facts(&mut facts);

        StoryFeatures {
            doc_id: doc_id.to_string(),
            facts,
            places,
            shingles,
            paragraphs,
        }
    }
}

/// Features are kept for every document until grouping and a document's are loaded whole, so
/// an extreme document (a 25 MB "article" of repeated figures) must not hold a million of them;
/// no news article comes near.
pub const MAX_FACTS: usize = 2000;
/// See [`MAX_FACTS`]: the sampled shingles kept per document at most.
pub const MAX_SHINGLES: usize = 20_000;

/// Past [`MAX_FACTS`], keep one fact per key (the first paragraph's, with its highest weight),
/// then the most specific ones; order stays sorted as `from_doc` left it.
fn cap_facts(facts: &mut Vec<Fact>) {
    if facts.len() <= MAX_FACTS {
        return;
    }
    facts.dedup_by(|b, a| a.class == b.class && a.key == b.key);
    if facts.len() > MAX_FACTS {
        let mut by_weight: Vec<usize> = (0..facts.len()).collect();
        by_weight.sort_by(|&i, &j| facts[j].weight.total_cmp(&facts[i].weight).then(i.cmp(&j)));
        let mut keep = vec![false; facts.len()];
        for &i in &by_weight[..MAX_FACTS] {
            keep[i] = true;
        }
        let mut k = keep.into_iter();
        facts.retain(|_| k.next().unwrap_or(false));
    }
}

/// [`shared_paragraphs_sorted`] from the features alone.
#[cfg(test)]
fn shared_paragraphs(a: &StoryFeatures, b: &StoryFeatures) -> (Vec<bool>, Vec<bool>, f64) {
    shared_paragraphs_sorted(a, &paragraph_hashes(a), b, &paragraph_hashes(b))
}

/// Hashes of a document's non-empty paragraphs, sorted and unique.
fn paragraph_hashes(f: &StoryFeatures) -> Vec<u64> {
    nonempty_paragraph_hashes(f.paragraphs.iter().copied())
}

/// The hashes of the non-empty ones of `(hash, words)` paragraphs, sorted and unique (from
/// the features, or read from a stored record in place).
fn nonempty_paragraph_hashes(paragraphs: impl Iterator<Item = (u64, u32)>) -> Vec<u64> {
    let mut v: Vec<u64> = Vec::with_capacity(paragraphs.size_hint().0);
    v.extend(paragraphs.filter(|p| p.1 > 0).map(|p| p.0));
    v.sort_unstable();
    v.dedup();
    v
}

/// Which paragraphs of `a` and of `b` appear word for word in both (non-empty ones), and the
/// share of the shorter document's words they hold; given each document's non-empty
/// paragraph hashes, sorted and unique (as [`Prepared`] keeps them).
fn shared_paragraphs_sorted(
    a: &StoryFeatures,
    hashes_a: &[u64],
    b: &StoryFeatures,
    hashes_b: &[u64],
) -> (Vec<bool>, Vec<bool>, f64) {
    let mark = |f: &StoryFeatures, other: &[u64]| -> (Vec<bool>, u64, u64) {
        let mut m = vec![false; f.paragraphs.len()];
        let (mut shared, mut total) = (0u64, 0u64);
        for (i, p) in f.paragraphs.iter().enumerate() {
            total += u64::from(p.1);
            if p.1 > 0 && other.binary_search(&p.0).is_ok() {
                m[i] = true;
                shared += u64::from(p.1);
            }
        }
        (m, shared, total)
    };
    let (ma, sa, ta) = mark(a, hashes_b);
    let (mb, sb, tb) = mark(b, hashes_a);
    let share = if ta.min(tb) == 0 {
        0.0
    } else if ta <= tb {
        sa as f64 / ta as f64
    } else {
        sb as f64 / tb as f64
    };
    (ma, mb, share)
}

/// The comparison of one pair (see [`explain_pair`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PairScore {
    pub score: f64,
    pub same_story: bool,
    /// What the pair shares, as in [`StoryRow::signals`].
    pub signals: String,
}

/// Compare two documents on their own (no corpus-wide boilerplate filtering): why they are,
/// or are not, one story. For inspection and tests; [`StoryGrouper`] uses the same rule.
pub fn explain_pair(a: &StoryFeatures, b: &StoryFeatures, cfg: &StoryConfig) -> PairScore {
    let stats = CorpusStats::default();
    score_pair(
        &Prepared::new(a, &stats),
        &Prepared::new(b, &stats),
        &stats,
        cfg,
        true,
    )
}

/// Best weight per fact key outside the masked paragraphs, sorted by key.
fn best_facts<'a>(f: &'a StoryFeatures, mask: &[bool]) -> Vec<(FactClass, &'a str, f64)> {
    // (filtered collections are given their capacity: growing them was a measurable share)
    let mut all: Vec<(FactClass, &str, f64)> = Vec::with_capacity(f.facts.len());
    all.extend(
        f.facts
            .iter()
            .filter(|x| !excluded(mask, x.paragraph))
            .map(|x| (x.class, x.key.as_str(), x.weight)),
    );
    if all.is_sorted_by(|x, y| (x.0, x.1) <= (y.0, y.1)) {
        // as `from_doc` leaves them: keep the first of each key's highest weights in one pass
        // (what the stable sort below, weight descending within a key, and dedup keep)
        let mut out: Vec<(FactClass, &str, f64)> = Vec::with_capacity(all.len());
        for x in all {
            match out.last_mut() {
                Some(l) if l.0 == x.0 && l.1 == x.1 => {
                    if x.2.total_cmp(&l.2) == std::cmp::Ordering::Greater {
                        *l = x;
                    }
                }
                _ => out.push(x),
            }
        }
        return out;
    }
    all.sort_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)).then(y.2.total_cmp(&x.2)));
    all.dedup_by(|x, y| x.0 == y.0 && x.1 == y.1);
    all
}

/// Bytes of a fact's key in its prefix (see [`key_prefixes`]).
const KEY_PREFIX: usize = 15;

/// Per fact, its class (first byte) and the first [`KEY_PREFIX`] bytes of its key,
/// zero-padded, as a big-endian number: two facts whose prefixes differ compare like their
/// `(class, key)` (equal prefixes need the whole keys, see [`key_order`]). Pairs are merged
/// on these alone, one integer comparison a step.
fn key_prefixes(facts: &[(FactClass, &str, f64)]) -> Vec<u128> {
    facts
        .iter()
        .map(|f| {
            let mut b = [0u8; 16];
            b[0] = match f.0 {
                FactClass::Figure => 0,
                FactClass::Date => 1,
            };
            let k = f.1.as_bytes();
            let n = k.len().min(KEY_PREFIX);
            b[1..=n].copy_from_slice(&k[..n]);
            u128::from_be_bytes(b)
        })
        .collect()
}

/// The order of two keys of one class whose first [`KEY_PREFIX`] bytes (zero-padded, see
/// [`key_prefixes`]) are equal: when both fit, the shorter one is a prefix of the other (the
/// longer one's extra bytes are zeros), so their lengths decide without comparing the bytes
/// again.
fn key_order(a: &str, b: &str) -> std::cmp::Ordering {
    if a.len() <= KEY_PREFIX && b.len() <= KEY_PREFIX {
        a.len().cmp(&b.len())
    } else {
        a.cmp(b)
    }
}

/// Calls `f(i, j)` for each fact `fa[i]` whose `(class, key)` is `fb[j]`'s, in that order;
/// `pre_a` and `pre_b` are their [`key_prefixes`]. Both lists are sorted and unique, as
/// [`best_facts`] leaves them.
fn for_each_shared_fact(
    fa: &[(FactClass, &str, f64)],
    pre_a: &[u128],
    fb: &[(FactClass, &str, f64)],
    pre_b: &[u128],
    mut f: impl FnMut(usize, usize),
) {
    let (mut i, mut j) = (0, 0);
    while i < pre_a.len() && j < pre_b.len() {
        let (x, y) = (pre_a[i], pre_b[j]);
        if x < y {
            i += 1;
            continue;
        }
        if x > y {
            j += 1;
            continue;
        }
        let (Some(ka), Some(kb)) = (fa.get(i), fb.get(j)) else {
            return;
        };
        match key_order(ka.1, kb.1) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                f(i, j);
                i += 1;
                j += 1;
            }
        }
    }
}

fn excluded(mask: &[bool], para: u32) -> bool {
    mask.get(para as usize).copied().unwrap_or(false)
}

/// A hasher for the corpus statistics' keys (sampled shingle hashes, fact keys): they are
/// looked up once per shingle of every prepared document, where SipHash was a measurable
/// share of the work; the maps are never iterated, so their order cannot leak.
#[derive(Default, Clone, Copy)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        mix64(self.0)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in chunks.by_ref() {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(29) ^ u64::from_le_bytes(w))
                .wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.0 = (self.0.rotate_left(29) ^ u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59))
                .wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(29) ^ u64::from(i)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn write_u32(&mut self, i: u32) {
        self.0 = (self.0.rotate_left(29) ^ u64::from(i)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A map keyed by shingle hashes or fact keys (see [`KeyHasher`]).
type KeyMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<KeyHasher>>;

/// Weights of the sampled shingles that many documents have (formulaic or boilerplate text);
/// every other shingle weighs 1.
///
/// Every shingle of every prepared document is looked up, and most are in no other document's
/// list, let alone in many: a bit per slice of the hash space (about 16 bits per weighted
/// shingle) says when a shingle cannot be in the map, which spares most look-ups.
#[derive(Default)]
struct ShingleWeights {
    map: KeyMap<u32, f64>,
    /// Bit `h >> shift` is set for every shingle `h` of the map (empty: no filter).
    filter: Vec<u64>,
    shift: u32,
}

impl ShingleWeights {
    fn new(map: KeyMap<u32, f64>) -> ShingleWeights {
        if map.is_empty() {
            return ShingleWeights::default();
        }
        // 2^bits bits, at least 16 a shingle (up to 16 MiB)
        let bits = (map
            .len()
            .saturating_mul(16)
            .next_power_of_two()
            .trailing_zeros())
        .clamp(6, 27);
        let shift = 32 - bits;
        let mut filter = vec![0u64; 1usize << (bits - 6)];
        for &h in map.keys() {
            let b = (h >> shift) as usize;
            if let Some(w) = filter.get_mut(b / 64) {
                *w |= 1 << (b % 64);
            }
        }
        ShingleWeights { map, filter, shift }
    }

    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The weight of a sampled shingle.
    fn get(&self, h: u32) -> f64 {
        let b = (h >> self.shift) as usize;
        if self
            .filter
            .get(b / 64)
            .is_some_and(|w| w & (1 << (b % 64)) == 0)
        {
            return 1.0;
        }
        self.map.get(&h).copied().unwrap_or(1.0)
    }
}

/// What grouping knows about the corpus as a whole.
#[derive(Default)]
struct CorpusStats {
    shingle_weight: ShingleWeights,
    /// Facts stated in many documents, and the factor their weight is multiplied by.
    fact_factor: KeyMap<String, f64>,
}

/// One document, ready for comparison: its features with the per-document work done once.
struct Prepared<'a> {
    f: &'a StoryFeatures,
    /// Hashes of its non-empty paragraphs, sorted.
    paragraphs: Vec<u64>,
    facts: Vec<(FactClass, &'a str, f64)>,
    /// Per fact, its key's first bytes (see [`key_prefixes`]).
    fact_prefix: Vec<u128>,
    /// Per fact, the corpus factor of its key (looked up once here, not once per pair).
    fact_factor: Vec<f64>,
    /// Facts of weight >= 0.3 (chance matches) and >= 0.5 (anchors).
    listed: usize,
    anchors: usize,
    places: Vec<(u32, f64)>,
    /// Sampled shingles (hash, paragraph), sorted and unique by hash, and the sum of their
    /// corpus weights. A shingle's weight is looked up only when the pair's shared text is
    /// counted (few pairs get there).
    shingles: Cow<'a, [(u32, u32)]>,
    total: f64,
}

impl<'a> Prepared<'a> {
    fn new(f: &'a StoryFeatures, stats: &CorpusStats) -> Prepared<'a> {
        Self::with_total(f, stats, None)
    }

    /// [`Prepared::new`], given (when known) the sum of the document's shingles' weights
    /// (as `shingles_of(f, &[], stats).1`: the grouper sums them with the postings).
    fn with_total(f: &'a StoryFeatures, stats: &CorpusStats, total: Option<f64>) -> Prepared<'a> {
        let paragraphs = paragraph_hashes(f);
        let shingles = sampled(f, &[]);
        let total = total.unwrap_or_else(|| weight_sum(&shingles, stats));
        let facts = best_facts(f, &[]);
        let fact_factor = if stats.fact_factor.is_empty() {
            vec![1.0; facts.len()]
        } else {
            facts
                .iter()
                .map(|x| stats.fact_factor.get(x.1).copied().unwrap_or(1.0))
                .collect()
        };
        Prepared {
            f,
            paragraphs,
            fact_prefix: key_prefixes(&facts),
            fact_factor,
            listed: listed_facts(&facts),
            anchors: anchor_facts(&facts),
            facts,
            places: places_of(f, &[]),
            shingles,
            total,
        }
    }
}

/// Facts that count for chance matches (weight >= 0.3).
fn listed_facts(f: &[(FactClass, &str, f64)]) -> usize {
    f.iter().filter(|x| x.2 >= 0.3).count()
}

/// Facts that could be anchors (weight >= 0.5).
fn anchor_facts(f: &[(FactClass, &str, f64)]) -> usize {
    f.iter().filter(|x| x.2 >= 0.5).count()
}

/// Best weight per place outside the masked paragraphs, sorted by geonameid.
fn places_of(f: &StoryFeatures, mask: &[bool]) -> Vec<(u32, f64)> {
    if f.places.is_sorted_by_key(|p| p.geonameid) {
        // as `from_doc` leaves them: one pass, no map
        let mut out: Vec<(u32, f64)> = Vec::new();
        for p in &f.places {
            if excluded(mask, p.paragraph) {
                continue;
            }
            match out.last_mut() {
                Some(e) if e.0 == p.geonameid => e.1 = e.1.max(p.weight),
                _ => out.push((p.geonameid, 0.0f64.max(p.weight))),
            }
        }
        return out;
    }
    let mut m: BTreeMap<u32, f64> = BTreeMap::new();
    for p in &f.places {
        if !excluded(mask, p.paragraph) {
            let e = m.entry(p.geonameid).or_insert(0.0);
            *e = e.max(p.weight);
        }
    }
    m.into_iter().collect()
}

/// Sampled shingles outside the masked paragraphs with their weights, sorted; and their sum.
#[cfg(test)]
fn shingles_of(f: &StoryFeatures, mask: &[bool], stats: &CorpusStats) -> (Vec<(u32, f64)>, f64) {
    let v = sampled(f, mask);
    let total = weight_sum(&v, stats);
    let v = v
        .iter()
        .map(|s| (s.0, stats.shingle_weight.get(s.0)))
        .collect();
    (v, total)
}

/// Sampled shingles outside the masked paragraphs, sorted and unique by hash (the paragraph
/// kept with a hash is any of its own). With no mask, the features' own list when it is
/// strictly increasing, as `from_doc` leaves it: nothing to copy for most documents.
fn sampled<'a>(f: &'a StoryFeatures, mask: &[bool]) -> Cow<'a, [(u32, u32)]> {
    if mask.is_empty() && f.shingles.windows(2).all(|w| w[0].0 < w[1].0) {
        return Cow::Borrowed(&f.shingles);
    }
    let mut v: Vec<(u32, u32)> = Vec::with_capacity(f.shingles.len());
    v.extend(f.shingles.iter().filter(|s| !excluded(mask, s.1)));
    if !v.is_sorted_by_key(|s| s.0) {
        v.sort_unstable_by_key(|s| s.0);
    }
    v.dedup_by_key(|s| s.0);
    Cow::Owned(v)
}

/// The sum of sorted shingles' weights, added in that order.
fn weight_sum(shingles: &[(u32, u32)], stats: &CorpusStats) -> f64 {
    shingles.iter().map(|s| stats.shingle_weight.get(s.0)).sum()
}

/// [`sampled`] with a mask, for a prepared document, and their weights' sum (the same list
/// and sum as `shingles_of(p.f, mask, stats)`).
fn masked_shingles<'a>(
    p: &Prepared<'a>,
    mask: &[bool],
    stats: &CorpusStats,
) -> (Cow<'a, [(u32, u32)]>, f64) {
    let keep = sampled(p.f, mask);
    let total = weight_sum(&keep, stats);
    (keep, total)
}

/// Sum of the weights of the shingles in both sorted lists, added in hash order. A short list
/// against a much longer one gallops through the long one (long reports and tables have
/// thousands of shingles); otherwise a branch-free merge.
fn weighted_intersection(sa: &[(u32, u32)], sb: &[(u32, u32)], weights: &ShingleWeights) -> f64 {
    let (short, long) = if sa.len() <= sb.len() {
        (sa, sb)
    } else {
        (sb, sa)
    };
    let mut n = 0.0f64;
    if long.len() > 8 * short.len() {
        let mut j = 0;
        for &(h, _) in short {
            let mut step = 1;
            while j + step < long.len() && long[j + step].0 < h {
                step *= 2;
            }
            let hi = (j + step + 1).min(long.len());
            j += long[j..hi].partition_point(|x| x.0 < h);
            if j >= long.len() {
                break;
            }
            if long[j].0 == h {
                n += weights.get(h);
            }
        }
    } else {
        let (mut i, mut j) = (0, 0);
        while i < short.len() && j < long.len() {
            let (x, y) = (short[i].0, long[j].0);
            if x == y {
                n += weights.get(x);
            }
            i += usize::from(x <= y);
            j += usize::from(y <= x);
        }
    }
    n
}

/// Score a pair; `explain` builds the signals even when the pair is not one story.
fn score_pair(
    a: &Prepared,
    b: &Prepared,
    stats: &CorpusStats,
    cfg: &StoryConfig,
    explain: bool,
) -> PairScore {
    score_pair_capped(a, b, stats, cfg, explain, None)
}

/// [`score_pair`], given (when known) at most how many sampled shingles the two documents
/// share whose weight can be above 0 (weights are at most 1): a pair that could not be one
/// story even with that much shared text is rejected without intersecting the shingle lists
/// (long reports and tables share a fact with many others; their lists are long). Only the
/// verdict of such a rejection is exact (its score is an upper bound).
fn score_pair_capped(
    a: &Prepared,
    b: &Prepared,
    stats: &CorpusStats,
    cfg: &StoryConfig,
    explain: bool,
    shared_cap: Option<u32>,
) -> PairScore {
    // Paragraphs found word for word in both: template/background, or a copy.
    let any_shared = {
        let (mut i, mut j, mut found) = (0, 0, false);
        while i < a.paragraphs.len() && j < b.paragraphs.len() && !found {
            match a.paragraphs[i].cmp(&b.paragraphs[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => found = true,
            }
        }
        found
    };
    let (ma, mb, copied) = if any_shared {
        shared_paragraphs_sorted(a.f, &a.paragraphs, b.f, &b.paragraphs)
    } else {
        (Vec::new(), Vec::new(), 0.0)
    };
    let is_copy = copied >= 0.5;
    let n_template = ma.iter().filter(|&&x| x).count();
    let masked = n_template > 0 && !is_copy;
    let owned;
    let (fa, fb, pa, pb) = if masked {
        owned = (
            best_facts(a.f, &ma),
            best_facts(b.f, &mb),
            places_of(a.f, &ma),
            places_of(b.f, &mb),
        );
        (&owned.0, &owned.1, &owned.2, &owned.3)
    } else {
        (&a.facts, &b.facts, &a.places, &b.places)
    };

    // facts: best weight per key (outside shared paragraphs) in each document
    let mut facts_score = 0.0;
    let mut anchor = false;
    let (pre_a, pre_b) = if masked {
        (key_prefixes(fa), key_prefixes(fb))
    } else {
        (Vec::new(), Vec::new())
    };
    let (pre_a, pre_b) = if masked {
        (&pre_a, &pre_b)
    } else {
        (&a.fact_prefix, &b.fact_prefix)
    };
    // the weight of a shared fact `fa[i]` = `fb[j]`
    let shared_weight = |i: usize, j: usize| -> f64 {
        let (Some(x), Some(y)) = (fa.get(i), fb.get(j)) else {
            return 0.0;
        };
        let w = x.2.min(y.2);
        // a fact many documents of the corpus state is less specific than it looks
        let factor = if masked {
            stats.fact_factor.get(x.1).copied().unwrap_or(1.0)
        } else {
            a.fact_factor.get(i).copied().unwrap_or(1.0)
        };
        w * factor
    };
    // (the shared facts are listed again for the signals of the few pairs that get them)
    for_each_shared_fact(fa, pre_a, fb, pre_b, |i, j| {
        let w = shared_weight(i, j);
        anchor |= w >= 0.5;
        facts_score += w;
    });

    let mut place_sum = 0.0f64;
    let mut places = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < pa.len() && j < pb.len() {
        match pa[i].0.cmp(&pb[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                place_sum += pa[i].1.min(pb[j].1);
                places.push(pa[i].0);
                i += 1;
                j += 1;
            }
        }
    }
    let place_score = place_sum.min(1.0);

    // Two documents that each state dozens of figures (market reports, results tables) share
    // a few by chance: subtract the expected number of chance matches.
    let (listed_a, listed_b, anchors_a, anchors_b) = if masked {
        (
            listed_facts(fa),
            listed_facts(fb),
            anchor_facts(fa),
            anchor_facts(fb),
        )
    } else {
        (a.listed, b.listed, a.anchors, b.anchors)
    };
    let chance = listed_a as f64 * listed_b as f64 / CHANCE_SPACE;
    let facts_score = (facts_score - chance).max(0.0);
    // Recurring reports (daily market notices, weekly figures) share their wording but not
    // their facts: when both state specific facts and share none of them, text must be
    // twice as strong.
    let conflict = !anchor && anchors_a >= 2 && anchors_b >= 2;
    let text_needed = if conflict {
        (2.0 * cfg.strong_text).min(1.0)
    } else {
        cfg.strong_text
    };
    // text: weighted containment of the shorter side's sampled shingles
    let text_of = |inter: f64, denom: f64| {
        let contained = inter / denom;
        let text = if is_copy {
            copied.max(contained)
        } else {
            contained
        };
        let text = (text * 100.0).round() / 100.0;
        let score = facts_score + place_score + cfg.text_weight * text;
        (text, (score * 1000.0).round() / 1000.0)
    };
    let accepts = |text: f64, score: f64| {
        is_copy || text >= text_needed || (anchor && score >= cfg.min_score)
    };
    // a short text's few shingles prove little: at least TEXT_MIN_SAMPLES in the denominator
    let min_denom = TEXT_MIN_SAMPLES as f64;
    if let Some(cap) = shared_cap.filter(|_| !explain && cfg.text_weight >= 0.0) {
        // the verdict only grows with the shared text: try its largest possible value
        let denom = if masked {
            min_denom
        } else {
            a.total.min(b.total).max(min_denom)
        };
        let (text, score) = text_of(f64::from(cap), denom);
        if !accepts(text, score) {
            return PairScore {
                score,
                same_story: false,
                signals: String::new(),
            };
        }
    }
    let owned_text;
    let ((sa, total_a), (sb, total_b)) = if masked {
        owned_text = (
            masked_shingles(a, &ma, stats),
            masked_shingles(b, &mb, stats),
        );
        (
            (&owned_text.0.0, owned_text.0.1),
            (&owned_text.1.0, owned_text.1.1),
        )
    } else {
        ((&a.shingles, a.total), (&b.shingles, b.total))
    };
    let inter = if shared_cap == Some(0) {
        0.0 // nothing shared that weighs anything: the sum of no or zero weights
    } else {
        weighted_intersection(sa, sb, &stats.shingle_weight)
    };
    let (text, score) = text_of(inter, total_a.min(total_b).max(min_denom));
    let same_story = accepts(text, score);

    if !same_story && !explain {
        return PairScore {
            score,
            same_story,
            signals: String::new(),
        };
    }
    let mut figures: Vec<(f64, String)> = Vec::new();
    let mut dates: Vec<(f64, String)> = Vec::new();
    for_each_shared_fact(fa, pre_a, fb, pre_b, |i, j| {
        let (Some(&(class, key, _)), w) = (fa.get(i), shared_weight(i, j)) else {
            return;
        };
        match class {
            FactClass::Figure => {
                let v = key.rsplit(':').next().unwrap_or("");
                let label = if key.starts_with("percent:") {
                    format!("{v}%")
                } else {
                    v.to_string()
                };
                figures.push((w, label));
            }
            FactClass::Date => dates.push((w, key.trim_start_matches("date:").to_string())),
        }
    });
    // signals, strongest first
    let by_weight = |v: &mut Vec<(f64, String)>| {
        v.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        v.iter().map(|x| x.1.clone()).collect::<Vec<_>>().join(",")
    };
    let mut sig = vec![format!("with:{}", b.f.doc_id)];
    if !figures.is_empty() {
        sig.push(format!("figures:{}", by_weight(&mut figures)));
    }
    if !dates.is_empty() {
        sig.push(format!("dates:{}", by_weight(&mut dates)));
    }
    if !places.is_empty() {
        let p: Vec<String> = places.iter().map(u32::to_string).collect();
        sig.push(format!("places:{}", p.join(",")));
    }
    sig.push(format!("text:{text:.2}"));
    if chance >= 0.05 {
        sig.push(format!("chance:{chance:.2}"));
    }
    if conflict {
        sig.push(format!("different_facts:{anchors_a}/{anchors_b}"));
    }
    if is_copy {
        sig.push(format!("copy:{copied:.2}"));
    } else if n_template > 0 {
        sig.push(format!("shared_paragraphs_ignored:{n_template}"));
    }
    PairScore {
        score,
        same_story,
        signals: sig.join(";"),
    }
}

/// Group documents into stories. Every document gets a row (sorted by `doc_id`); a document
/// that shares no story with another is its own story with score 0 and empty signals. A
/// repeated `doc_id` is kept once (its first occurrence in `docs`).
///
/// A thin wrapper over [`StoryGrouper`] with its spill files in the system's temporary folder,
/// for tests (it panics if that folder cannot be written); library users call
/// [`try_group_stories`], builds use the grouper directly.
#[cfg(test)]
pub(crate) fn group_stories(docs: &[StoryFeatures], cfg: &StoryConfig) -> Vec<StoryRow> {
    match try_group_stories(docs, cfg, &std::env::temp_dir()) {
        Ok(rows) => rows,
        Err(e) => panic!("story grouping: spill files in the temporary folder: {e}"),
    }
}

/// [`group_stories`] with spill files in `dir`.
pub fn try_group_stories(
    docs: &[StoryFeatures],
    cfg: &StoryConfig,
    dir: &std::path::Path,
) -> Result<Vec<StoryRow>, crate::error::BuildError> {
    let mut g = StoryGrouper::new(dir, cfg).map_err(|e| crate::error::BuildError::io(dir, e))?;
    for d in docs {
        g.add(d).map_err(|e| crate::error::BuildError::io(dir, e))?;
    }
    let mut rows = Vec::with_capacity(docs.len());
    g.finish(&mut |r| {
        rows.push(r);
        Ok(())
    })?;
    Ok(rows)
}

/// The in-memory grouping the grouper replaced, kept as the reference its results must equal.
#[cfg(test)]
fn group_stories_reference(docs: &[StoryFeatures], cfg: &StoryConfig) -> Vec<StoryRow> {
    use crate::neardup::MinUnionFind;
    use rayon::prelude::*;
    let mut order: Vec<&StoryFeatures> = docs.iter().collect();
    order.sort_by(|a, b| a.doc_id.cmp(&b.doc_id));
    order.dedup_by(|a, b| a.doc_id == b.doc_id);
    let n = order.len();
    let max_df = cfg.max_key_df.max(2);

    let mut fact_df: HashMap<&str, usize> = HashMap::new();
    for d in &order {
        let mut last: Option<&str> = None;
        for f in &d.facts {
            if last != Some(f.key.as_str()) {
                *fact_df.entry(f.key.as_str()).or_default() += 1;
                last = Some(f.key.as_str());
            }
        }
    }
    let free = (FACT_DF_FREE as f64).max(n as f64 * FACT_DF_SHARE);
    let fact_factor: KeyMap<String, f64> = fact_df
        .into_iter()
        .filter(|&(_, df)| df as f64 > free)
        .map(|(k, df)| (k.to_string(), (free / df as f64).sqrt()))
        .collect();

    // inverted index: facts that can be anchors, and sampled shingles -> documents
    let mut fact_post: HashMap<&str, Vec<u32>> = HashMap::new();
    let mut shingle_post: HashMap<u32, Vec<u32>> = HashMap::new();
    for (i, d) in order.iter().enumerate() {
        let i = i as u32;
        let can_anchor =
            |f: &&Fact| f.weight * fact_factor.get(f.key.as_str()).copied().unwrap_or(1.0) >= 0.5;
        for f in d.facts.iter().filter(can_anchor) {
            let v = fact_post.entry(f.key.as_str()).or_default();
            if v.last() != Some(&i) {
                v.push(i);
            }
        }
        for s in &d.shingles {
            let v = shingle_post.entry(s.0).or_default();
            if v.last() != Some(&i) {
                v.push(i);
            }
        }
    }
    let stats = CorpusStats {
        shingle_weight: ShingleWeights::new({
            let free = (SHINGLE_DF_FREE as f64).max(n as f64 * SHINGLE_DF_SHARE);
            shingle_post
                .iter()
                .filter(|(_, v)| v.len() as f64 > free)
                .map(|(k, v)| {
                    (
                        *k,
                        if v.len() > max_df {
                            0.0
                        } else {
                            free / v.len() as f64
                        },
                    )
                })
                .collect()
        }),
        fact_factor,
    };
    // candidates: documents sharing an anchor fact, or several sampled shingles
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let all_pairs = |v: &[u32], out: &mut Vec<(u32, u32)>| {
        for x in 0..v.len() {
            for y in x + 1..v.len() {
                out.push((v[x], v[y]));
            }
        }
    };
    for v in fact_post.values() {
        if v.len() >= 2 && v.len() <= max_df {
            all_pairs(v, &mut pairs);
        }
    }
    let mut text_pairs: Vec<(u32, u32)> = Vec::new();
    for v in shingle_post.values() {
        if v.len() >= 2 && v.len() <= max_df {
            all_pairs(v, &mut text_pairs);
        }
    }
    text_pairs.sort_unstable();
    let mut k = 0;
    while k < text_pairs.len() {
        let mut e = k + 1;
        while e < text_pairs.len() && text_pairs[e] == text_pairs[k] {
            e += 1;
        }
        if e - k >= MIN_SHARED_SAMPLES {
            pairs.push(text_pairs[k]);
        }
        k = e;
    }
    drop(text_pairs);
    pairs.sort_unstable();
    pairs.dedup();

    let prepared: Vec<Prepared> = order.par_iter().map(|f| Prepared::new(f, &stats)).collect();
    let scored: Vec<Option<PairScore>> = pairs
        .par_iter()
        .map(|&(x, y)| {
            let s = score_pair(
                &prepared[x as usize],
                &prepared[y as usize],
                &stats,
                cfg,
                false,
            );
            s.same_story.then_some(s)
        })
        .collect();

    let mut uf = MinUnionFind::new(n);
    // best accepted pair per document: (score, signals from its point of view)
    let mut best: Vec<Option<(f64, String)>> = vec![None; n];
    for (&(x, y), s) in pairs.iter().zip(&scored) {
        let Some(s) = s else { continue };
        uf.union(x as usize, y as usize);
        for (me, other) in [(x as usize, y as usize), (y as usize, x as usize)] {
            let better = match &best[me] {
                None => true,
                Some((sc, _)) => s.score > *sc,
            };
            if better {
                let signals = if me == x as usize {
                    s.signals.clone()
                } else {
                    s.signals.replacen(
                        &format!("with:{}", order[y as usize].doc_id),
                        &format!("with:{}", order[other].doc_id),
                        1,
                    )
                };
                best[me] = Some((s.score, signals));
            }
        }
    }
    (0..n)
        .map(|i| {
            let r = uf.find(i);
            let (score, signals) = best[i].clone().unwrap_or((0.0, String::new()));
            StoryRow {
                doc_id: order[i].doc_id.clone(),
                story_id: order[r].doc_id.clone(),
                score,
                signals,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_facts_of_sorted_facts_equal_the_sorting_way() {
        let keys = [
            "cardinal:774",
            "cardinal:7740",
            "date:2017-06",
            "money:USD:5000000000",
        ];
        let mut seed = 17u64;
        for _ in 0..200 {
            let mut facts = Vec::new();
            for _ in 0..(seed % 9) {
                seed = mix64(seed);
                facts.push(Fact {
                    class: if seed.is_multiple_of(3) {
                        FactClass::Date
                    } else {
                        FactClass::Figure
                    },
                    key: keys[(seed >> 8) as usize % keys.len()].to_string(),
                    weight: [0.3, 0.5, 1.0][(seed >> 16) as usize % 3],
                    object: None,
                    paragraph: (seed >> 24) as u32 % 3,
                });
            }
            facts.sort_by(|a, b| {
                (a.class, &a.key, a.paragraph)
                    .cmp(&(b.class, &b.key, b.paragraph))
                    .then(b.weight.total_cmp(&a.weight))
            });
            let f = StoryFeatures {
                facts,
                ..Default::default()
            };
            let mask = [false, true, false];
            for m in [&[][..], &mask[..]] {
                let mut want: Vec<(FactClass, &str, f64)> = f
                    .facts
                    .iter()
                    .filter(|x| !excluded(m, x.paragraph))
                    .map(|x| (x.class, x.key.as_str(), x.weight))
                    .collect();
                want.sort_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)).then(y.2.total_cmp(&x.2)));
                want.dedup_by(|x, y| x.0 == y.0 && x.1 == y.1);
                assert_eq!(best_facts(&f, m), want);
            }
            seed = mix64(seed + 1);
        }
    }

    #[test]
    fn key_order_is_the_order_of_the_keys() {
        let keys = [
            "",
            "a",
            "a\0",
            "ab",
            "cardinal:4000",
            "cardinal:40000",
            "cardinal:123456",
            "cardinal:1234567",
            "cardinal:1234568",
            "cardinal:12345670",
            "money:USD:5000000",
            "money:USD:50000000",
            "money:USD:5000001",
            "date:2017-06",
        ];
        let classes = [FactClass::Figure, FactClass::Date];
        for (ca, a) in classes.iter().flat_map(|c| keys.map(|k| (*c, k))) {
            for (cb, b) in classes.iter().flat_map(|c| keys.map(|k| (*c, k))) {
                let pa = key_prefixes(&[(ca, a, 0.0)])[0];
                let pb = key_prefixes(&[(cb, b, 0.0)])[0];
                assert_eq!(
                    pa.cmp(&pb).then_with(|| key_order(a, b)),
                    (ca, a).cmp(&(cb, b)),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    /// Hand-made features: `facts` as (key, weight, paragraph), places as (id, weight, paragraph),
    /// paragraphs as texts (shingles computed like `from_doc` does, all sentences body).
    fn feats(
        id: &str,
        facts: &[(&str, f64, u32)],
        places: &[(u32, f64, u32)],
        paras: &[&str],
    ) -> StoryFeatures {
        let text = paras.join("\n\n");
        let doc = AnalyzedDoc {
            text,
            meta: Default::default(),
            sentences: Vec::new(),
            numbers: Vec::new(),
            places: Vec::new(),
            focus_country: None,
        };
        let mut f = StoryFeatures::from_doc(id, &doc);
        f.facts = facts
            .iter()
            .map(|&(k, w, p)| Fact {
                class: if k.starts_with("date:") {
                    FactClass::Date
                } else {
                    FactClass::Figure
                },
                key: k.to_string(),
                weight: w,
                object: None,
                paragraph: p,
            })
            .collect();
        f.places = places
            .iter()
            .map(|&(g, w, p)| PlaceFact {
                geonameid: g,
                weight: w,
                paragraph: p,
            })
            .collect();
        f
    }

    fn story_of(rows: &[StoryRow], id: &str) -> String {
        rows.iter()
            .find(|r| r.doc_id == id)
            .map(|r| r.story_id.clone())
            .unwrap_or_default()
    }

    const FILLER_A: &str =
        "officials in the capital said the talks would resume after the holiday weekend";
    const FILLER_B: &str =
        "farmers across the valley reported a late harvest because of the cold spring rains";
    const FILLER_C: &str =
        "the company announced a new chief executive who will start work in the autumn";
    const FILLER_D: &str = "schools in the northern district will stay closed until the roads are cleared of snow and ice";
    const FILLER_F: &str = "a new railway line between the two largest towns of the region is planned for the next decade";
    const FILLER_E: &str = "the museum reopened its main hall with an exhibition of paintings lent by private collectors";

    #[test]
    fn shared_specific_figures_make_one_story() {
        let a = feats(
            "a",
            &[
                ("cardinal:2500", 1.0, 0),
                ("cardinal:1500", 1.0, 0),
                ("cardinal:4000", 0.6, 0),
            ],
            &[(172955, 0.5, 0)],
            &[FILLER_A],
        );
        let b = feats(
            "b",
            &[
                ("cardinal:2500", 1.0, 0),
                ("cardinal:1500", 1.0, 0),
                ("cardinal:4000", 0.6, 0),
            ],
            &[(172955, 0.5, 0)],
            &[FILLER_B],
        );
        let rows = group_stories(&[b, a], &StoryConfig::default());
        assert_eq!(story_of(&rows, "b"), "a");
        assert!(
            rows[1].signals.starts_with("with:a;figures:1500,2500,4000"),
            "{}",
            rows[1].signals
        );
        assert!(rows[1].signals.contains("places:172955"));
        assert_eq!(rows[0].score, rows[1].score);
    }

    #[test]
    fn a_place_and_a_year_or_small_numbers_are_not_enough() {
        // same city, several small/round numbers, no anchor
        let a = feats(
            "a",
            &[
                ("cardinal:2", 0.2, 0),
                ("percent:5", 0.3, 0),
                ("cardinal:30", 0.3, 0),
            ],
            &[(1, 0.5, 0), (2, 0.5, 0), (3, 0.5, 0)],
            &[FILLER_A],
        );
        let b = feats(
            "b",
            &[
                ("cardinal:2", 0.2, 0),
                ("percent:5", 0.3, 0),
                ("cardinal:30", 0.3, 0),
            ],
            &[(1, 0.5, 0), (2, 0.5, 0), (3, 0.5, 0)],
            &[FILLER_B],
        );
        let rows = group_stories(&[a, b], &StoryConfig::default());
        assert_eq!(story_of(&rows, "b"), "b");
        assert_eq!(rows[1].score, 0.0);
        assert_eq!(rows[1].signals, "");
    }

    #[test]
    fn one_anchor_alone_is_not_enough_but_anchor_place_and_text_are() {
        let quote = "the destruction of the city and the killing of thousands of civilians whose bodies were buried under the rubble must be investigated by the united nations";
        let a = feats("a", &[("date:2017-06/2017-10", 1.0, 0)], &[], &[FILLER_A]);
        let b = feats("b", &[("date:2017-06/2017-10", 1.0, 0)], &[], &[FILLER_B]);
        let rows = group_stories(&[a, b], &StoryConfig::default());
        assert_eq!(story_of(&rows, "b"), "b");

        let a = feats(
            "a",
            &[("date:2017-06/2017-10", 1.0, 1)],
            &[(172955, 0.5, 1)],
            &[FILLER_A, quote, FILLER_C],
        );
        let b = feats(
            "b",
            &[("date:2017-06/2017-10", 1.0, 0)],
            &[(172955, 0.5, 0)],
            &[&format!("{quote} said the ministry"), FILLER_B],
        );
        let rows = group_stories(&[a, b], &StoryConfig::default());
        assert_eq!(story_of(&rows, "b"), "a", "{rows:?}");
        assert!(rows[0].signals.contains("dates:2017-06/2017-10"));
    }

    #[test]
    fn shared_template_paragraph_is_ignored() {
        let template = "the coalition has been conducting airstrikes against what are said to be targets inside the country since september 2014 without any authorization from the government or a un mandate";
        let a = feats(
            "a",
            &[("cardinal:14", 0.5, 0), ("date:2014-09", 0.5, 1)],
            &[(170794, 0.5, 0), (172955, 0.5, 1)],
            &[FILLER_A, FILLER_D, FILLER_E, template],
        );
        let b = feats(
            "b",
            &[("cardinal:4000", 0.6, 0), ("date:2014-09", 0.5, 1)],
            &[(170794, 0.5, 0), (172955, 0.5, 1)],
            &[FILLER_B, template, FILLER_C, FILLER_F],
        );
        let rows = group_stories(&[a.clone(), b.clone()], &StoryConfig::default());
        assert_eq!(story_of(&rows, "b"), "b", "{rows:?}");
        // the same pair without the template's exclusion would pass on text alone
        let (_, _, share) = shared_paragraphs(&a, &b);
        assert!(share > 0.3 && share < 0.5, "{share}");
        let full = explain_pair(&a, &b, &StoryConfig::default());
        assert!(
            full.signals.contains("shared_paragraphs_ignored:1"),
            "{}",
            full.signals
        );
    }

    #[test]
    fn copies_are_one_story() {
        let a = feats("a", &[], &[], &[FILLER_A, FILLER_B, FILLER_C]);
        let b = feats(
            "b",
            &[],
            &[],
            &[FILLER_A, FILLER_B, "a different last paragraph here today"],
        );
        let rows = group_stories(&[a, b], &StoryConfig::default());
        assert_eq!(story_of(&rows, "b"), "a");
        assert!(rows[1].signals.contains("copy:"), "{}", rows[1].signals);
    }

    #[test]
    fn strong_text_overlap_alone_groups() {
        let long = "the minister told reporters that the new bridge over the river would open next month after three years of delays caused by floods and a dispute with the builders over costs";
        let a = feats("a", &[], &[], &[&format!("{long} {FILLER_A}")]);
        let b = feats("b", &[], &[], &[&format!("{FILLER_B} {long}")]);
        let rows = group_stories(&[a, b], &StoryConfig::default());
        assert_eq!(story_of(&rows, "b"), "a", "{rows:?}");
    }

    #[test]
    fn recurring_reports_with_different_facts_need_more_text() {
        let shared = "treasury balances at the federal reserve banks changed on the day while tax and loan note accounts at commercial banks moved the other way the treasury said in its daily statement";
        let tail_a = "analysts had expected a smaller change after the holiday and dealers said the market was quiet in early trading with little news";
        let tail_b = "the figure was in line with forecasts made by most economists polled last week although some had predicted larger outflows from the banks";
        let a = feats(
            "a",
            &[
                ("date:1987-02-25", 1.0, 0),
                ("money:USD:3412000000", 1.0, 0),
            ],
            &[],
            &[&format!("{shared} {tail_a}")],
        );
        let b = feats(
            "b",
            &[
                ("date:1987-03-05", 1.0, 0),
                ("money:USD:2967000000", 1.0, 0),
            ],
            &[],
            &[&format!("{shared} {tail_b}")],
        );
        let p = explain_pair(&a, &b, &StoryConfig::default());
        assert!(p.signals.contains("different_facts:2/2"), "{}", p.signals);
        let text: f64 = p.signals.split("text:").nth(1).unwrap()[..4]
            .parse()
            .unwrap();
        assert!((0.3..0.6).contains(&text), "{}", p.signals);
        assert!(!p.same_story, "{}", p.signals);
        // without facts the same wording is one story
        let a2 = feats("a", &[], &[], &[&format!("{shared} {tail_a}")]);
        let b2 = feats("b", &[], &[], &[&format!("{shared} {tail_b}")]);
        assert!(explain_pair(&a2, &b2, &StoryConfig::default()).same_story);
    }

    #[test]
    fn groups_are_transitive_order_free_and_cover_everyone() {
        let mk = |id: &str, k1: &str, k2: &str, filler: &str| {
            feats(
                id,
                &[(k1, 1.0, 0), (k2, 1.0, 0)],
                &[(100, 0.5, 0)],
                &[filler],
            )
        };
        let docs = vec![
            mk("d3", "cardinal:777", "date:2020-01-05", FILLER_A),
            mk("d1", "cardinal:777", "date:2020-01-05", FILLER_B),
            mk("d2", "cardinal:555", "date:2021-03-04", FILLER_C),
            mk("d4", "cardinal:555", "date:2021-03-04", FILLER_D),
            mk("d0", "cardinal:123", "date:2019-09-09", FILLER_E),
            feats(
                "d5",
                &[
                    ("cardinal:777", 1.0, 0),
                    ("date:2020-01-05", 1.0, 0),
                    ("cardinal:555", 1.0, 0),
                    ("date:2021-03-04", 1.0, 0),
                ],
                &[(100, 0.5, 0)],
                &["completely unrelated words fill this last paragraph of the sixth test document"],
            ),
        ];
        let rows = group_stories(&docs, &StoryConfig::default());
        let ids: Vec<&str> = rows.iter().map(|r| r.doc_id.as_str()).collect();
        assert_eq!(ids, ["d0", "d1", "d2", "d3", "d4", "d5"]);
        // d5 links d1/d3 and d2/d4 (two anchors with each): one story
        let stories: Vec<&str> = rows.iter().map(|r| r.story_id.as_str()).collect();
        assert_eq!(stories, ["d0", "d1", "d1", "d1", "d1", "d1"], "{rows:?}");
        let mut rev = docs.clone();
        rev.reverse();
        assert_eq!(group_stories(&rev, &StoryConfig::default()), rows);
    }

    proptest::proptest! {
        #[test]
        fn odd_documents_never_panic(
            t in "\\PC{0,120}",
            spans in proptest::collection::vec((0usize..200, 0usize..200), 0..6),
        ) {
            use crate::types::{NumberMention, Sentence};
            let doc = AnalyzedDoc {
                sentences: spans
                    .iter()
                    .map(|&(a, b)| Sentence { span: a..b, role: Role::Body })
                    .collect(),
                numbers: spans
                    .iter()
                    .map(|&(a, b)| NumberMention {
                        span: a..b,
                        kind: NumberKind::Cardinal,
                        value: Some(b as f64 * 1.37),
                        lower: None,
                        upper: None,
                        iso: None,
                        modifier: None,
                        unit: None,
                        object: None,
                        vague: false,
                    })
                    .collect(),
                places: Vec::new(),
                text: t,
                meta: Default::default(),
                focus_country: None,
            };
            let f = StoryFeatures::from_doc("x", &doc);
            let g = StoryFeatures::from_doc("y", &doc);
            let rows = group_stories(&[f, g], &StoryConfig::default());
            proptest::prop_assert_eq!(rows.len(), 2);
        }
    }

    #[test]
    fn shingle_weights_equal_their_map() {
        let mut seed = 3u64;
        for n in [0usize, 1, 5, 1000, 70_000] {
            let mut map: KeyMap<u32, f64> = Default::default();
            for k in 0..n {
                seed = mix64(seed);
                map.insert(seed as u32, (k % 7) as f64 / 8.0);
            }
            map.insert(0, 0.5);
            map.insert(u32::MAX, 0.0);
            let w = ShingleWeights::new(map.clone());
            for _ in 0..20_000 {
                seed = mix64(seed);
                let h = seed as u32;
                assert_eq!(w.get(h), map.get(&h).copied().unwrap_or(1.0));
            }
            for (&h, &x) in &map {
                assert_eq!(w.get(h), x);
            }
        }
    }

    #[test]
    fn masked_shingles_equal_shingles_of_with_the_mask() {
        let f = StoryFeatures {
            doc_id: "a".into(),
            shingles: vec![(1, 0), (1, 2), (5, 1), (7, 0), (9, 2), (11, 1)],
            ..Default::default()
        };
        let stats = CorpusStats {
            shingle_weight: ShingleWeights::new([(5, 0.25), (9, 0.0)].into_iter().collect()),
            ..Default::default()
        };
        let p = Prepared::new(&f, &stats);
        for mask in [
            vec![],
            vec![true],
            vec![false, true],
            vec![true, false, true],
            vec![true; 3],
        ] {
            let (got, got_total) = masked_shingles(&p, &mask, &stats);
            let got: Vec<u32> = got.iter().map(|s| s.0).collect();
            let (want, total) = shingles_of(&f, &mask, &stats);
            let want: Vec<u32> = want.iter().map(|s| s.0).collect();
            assert_eq!((got, got_total), (want, total), "mask {mask:?}");
        }
        // shingle 1 is in paragraphs 0 and 2: masking 0 alone keeps it
        let has_1 = |mask: &[bool]| masked_shingles(&p, mask, &stats).0.iter().any(|s| s.0 == 1);
        assert!(has_1(&[true]));
        assert!(!has_1(&[true, false, true]));
    }

    #[test]
    fn significant_digits_and_values_equal_the_formatted_ones() {
        let old_value = |v: f64| {
            if v.fract() == 0.0 && v.abs() < 1e15 {
                format!("{}", v as i64)
            } else {
                let s = format!("{v:.6}");
                s.trim_end_matches('0').trim_end_matches('.').to_string()
            }
        };
        let mut vals = vec![
            0.0,
            -0.0,
            1.0,
            9.0,
            10.0,
            774.0,
            4000.0,
            2500.0,
            999_999.0,
            1_000_000.0,
            9_999_995.0,
            9_999_994.0,
            9_999_996.0,
            1_234_565.0,
            1_234_575.0,
            12_345_650.0,
            27e9,
            9.3e9,
            999_999_500.0,
            999_998_500.0,
            1e14,
            999_999_999_999_999.0,
            1e15,
            1e16,
            0.25,
            1.16,
            52.8,
            4.75,
            1e-9,
            -1e-9,
            100.000_000_1,
            -3.0,
            -2500.5,
            f64::MAX,
            f64::MIN_POSITIVE,
        ];
        let mut seed = 5u64;
        for _ in 0..20_000 {
            seed = mix64(seed);
            let digits = 1 + (seed % 15) as u32;
            let n = (seed >> 8) % 10u64.pow(digits);
            // many trailing zeros and ties, as real figures have
            let n = n / 10u64.pow((seed >> 60) as u32 % digits)
                * 10u64.pow((seed >> 60) as u32 % digits);
            vals.push(n as f64);
            vals.push(-(n as f64) / 100.0);
        }
        for v in vals {
            if v != 0.0 && v.is_finite() {
                assert_eq!(
                    significant_digits(v),
                    significant_digits_formatted(v),
                    "{v}"
                );
            }
            assert_eq!(fmt_value(v), old_value(v), "{v}");
        }
    }

    #[test]
    fn weights_make_sense() {
        let c = |v| figure_weight(NumberKind::Cardinal, v);
        assert!(c(774.0) > c(2500.0));
        assert!(c(2500.0) > c(4000.0));
        assert!(c(14.0) > c(2.0));
        assert!(
            c(2500.0) >= 0.5 && c(1500.0) >= 0.5 && c(9.3e9) >= 0.5,
            "anchors"
        );
        assert!(
            c(4000.0) < 0.5 && c(14.0) < 0.5 && c(1e6) < 0.5,
            "not anchors"
        );
        assert!(figure_weight(NumberKind::Percent, 4.75) < 0.5);
        assert!(figure_weight(NumberKind::Percent, 0.3) < 0.5);
        assert_eq!(significant_digits(0.25), 2);
        assert_eq!(significant_digits(27e9), 2);
        assert_eq!(significant_digits(4132.0), 4);
        assert!(figure_weight(NumberKind::Cardinal, 2017.0) < 0.5);
        assert_eq!(figure_weight(NumberKind::Cardinal, f64::NAN), 0.0);
        assert_eq!(date_weight("2017", None), 0.0);
        assert_eq!(date_weight("2017-10", None), 0.5);
        assert_eq!(date_weight("2017-10-16", None), 1.0);
        assert_eq!(date_weight("2017-10-16", day_number("2017-10-17")), 0.5);
        assert_eq!(date_weight("2017-06/2017-10", None), 1.0);
        assert_eq!(date_weight("2017/2018", None), 0.3);
        assert_eq!(date_weight("garbage", None), 0.0);
        assert_eq!(date_weight("20é7-10-16", None), 0.0);
        assert_eq!(place_weight(Some("PCLI")), 0.0);
        assert_eq!(place_weight(Some("PPLA")), 0.5);
    }

    #[test]
    fn from_doc_uses_body_and_caption_only() {
        use crate::types::{NumberMention, PlaceMention, Sentence};
        let text =
            "Title 4,000\n\nBody says 2,500 died in Raqqa.\n\nREAD MORE: 1,500 things".to_string();
        let num = |s: &str, v: f64| {
            let start = text.find(s).unwrap();
            NumberMention {
                span: start..start + s.len(),
                kind: NumberKind::Cardinal,
                value: Some(v),
                lower: None,
                upper: None,
                iso: None,
                modifier: None,
                unit: None,
                object: None,
                vague: false,
            }
        };
        let sent = |s: &str, role| {
            let start = text.find(s).unwrap();
            Sentence {
                span: start..start + s.len(),
                role,
            }
        };
        let start = text.find("Raqqa").unwrap();
        let doc = AnalyzedDoc {
            sentences: vec![
                sent("Title 4,000", Role::Title),
                sent("Body says 2,500 died in Raqqa.", Role::Body),
                sent("READ MORE: 1,500 things", Role::Link),
            ],
            numbers: vec![
                num("4,000", 4000.0),
                num("2,500", 2500.0),
                num("1,500", 1500.0),
            ],
            places: vec![PlaceMention {
                span: start..start + 5,
                kind: PlaceKind::Name,
                geonameid: Some(172955),
                name: None,
                country_code: Some("SY".into()),
                feature_code: Some("PPLA".into()),
                lat: None,
                lon: None,
                confidence: 0.9,
            }],
            text: text.clone(),
            meta: Default::default(),
            focus_country: None,
        };
        let f = StoryFeatures::from_doc("x", &doc);
        let keys: Vec<&str> = f.facts.iter().map(|x| x.key.as_str()).collect();
        assert_eq!(keys, ["cardinal:2500"]);
        assert_eq!(f.facts[0].paragraph, 1);
        assert_eq!(f.places.len(), 1);
        assert_eq!(f.paragraphs.len(), 3);
        assert_eq!(f.paragraphs[0].1, 0, "title words are not counted");
        // odd spans never panic
        let mut bad = doc.clone();
        bad.numbers[0].span = 3..1000;
        bad.sentences[1].span = 999..2000;
        let _ = StoryFeatures::from_doc("y", &bad);
    }
}
