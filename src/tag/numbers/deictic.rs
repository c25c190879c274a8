//! Time expressions without a digit that point at the moment of writing or at a period named by
//! a common noun: `now`, `the day`, `the year before`, `the end of the day`, `week 10`, seasons
//! (`this summer`, `the spring of 2019`), frequencies (`annual`, `weekly`), and durations read as
//! dates (`in three weeks`, `two days from now`, `30 minutes later`). The moment of writing is
//! the publication date when it is known; without it the ISO value stays empty.

use super::cal::{Ymd, days_in_month};
use super::lex::{self, Lex};
use super::{Atom, DateParts, P};
use crate::types::NumberKind;

/// Seasons as TIMEX3 writes them (ISO 8601 has no season): spring, summer, autumn, winter.
const SEASONS: [(&str, &str, u32); 5] = [
    ("spring", "SP", 0),
    ("summer", "SU", 1),
    ("autumn", "FA", 2),
    ("fall", "FA", 2),
    ("winter", "WI", 3),
];

/// Words that put a season or a `now` in a time phrase when they come right before it.
const TIME_PREPS: &[&str] = &[
    "in",
    "during",
    "since",
    "until",
    "till",
    "by",
    "through",
    "throughout",
    "over",
    "before",
    "after",
    "every",
    "each",
    "the",
    "this",
    "last",
    "next",
    "coming",
    "past",
    "previous",
    "that",
    "early",
    "late",
    "mid",
    "for",
    "from",
    "of",
];

/// The season (0 spring .. 3 winter) and the year it belongs to on day `p`; January and
/// February belong to the winter that began the year before.
fn season_of(p: Ymd) -> (u32, i32) {
    match p.m {
        3..=5 => (0, p.y),
        6..=8 => (1, p.y),
        9..=11 => (2, p.y),
        12 => (3, p.y),
        _ => (3, p.y - 1),
    }
}

/// `p` moved by `n` units (day, week, month, year, fortnight); the day of the month is kept
/// (clamped to the month's length).
pub(super) fn shift(p: Ymd, unit: &str, n: i64) -> Option<Ymd> {
    Some(match unit {
        "day" | "night" => p.add_days(n),
        "week" => p.add_days(7 * n),
        "fortnight" => p.add_days(14 * n),
        "month" | "year" | "decade" => {
            let months = match unit {
                "month" => n,
                "year" => 12 * n,
                _ => 120 * n,
            };
            let (y, m) = p.add_months(i32::try_from(months).ok()?);
            Ymd {
                y,
                m,
                d: p.d.min(days_in_month(y, m)),
            }
        }
        _ => return None,
    })
}

impl P<'_> {
    /// Token `k - 1`, when it lies on the same line and at or after `floor`.
    fn prev(&self, k: usize, floor: usize) -> Option<usize> {
        (k > floor && self.near(k)).then(|| k - 1)
    }

    /// A clause ends after token `k - 1`: end of text, a line break, or a closing mark.
    fn clause_end(&self, k: usize) -> bool {
        k >= self.n()
            || !self.near(k)
            || matches!(
                self.s(k),
                "." | "," | ";" | ":" | "!" | "?" | ")" | "\"" | "”" | "—" | "–"
            )
    }

    /// The publication day as a date atom at `t0..t1` (no ISO value without it).
    fn today_atom(&self, t0: usize, t1: usize) -> Atom {
        let mut a = Atom::new(t0, t1, NumberKind::Date);
        if let Some(p) = self.published {
            a.set_day(p);
        }
        a
    }

    /// `now`, `right now`, `just now`, `until now`, `as of now`: the moment of writing (a date:
    /// the publication day). Only as a time adverbial: after a time preposition, or ending its
    /// clause (`the talks are over now.`); not the discourse `Now, ...` nor `is now the largest`.
    pub(super) fn now_at(&self, i: usize, floor: usize) -> Option<Atom> {
        if self.is_p(i + 1, "-") && self.glued(i + 1) {
            return None; // now-defunct
        }
        let before = self.prev(i, floor);
        let mut t0 = i;
        let cue = match before {
            Some(b) if self.is_any(b, &["right", "just"]) => {
                t0 = b;
                true
            }
            Some(b) => {
                self.is_any(b, &["until", "till", "by", "for", "since", "between"])
                    || (self.is(b, "of") && self.prev(b, floor).is_some_and(|c| self.is(c, "as")))
            }
            None => false,
        };
        let sentence_start = i == 0
            || !self.near(i)
            || matches!(self.s(i - 1), "." | "!" | "?" | "\"" | "“" | ":" | ";");
        // a straight quote after `now` may open a quotation (`is now "resting"`)
        let end = self.clause_end(i + 1)
            && !self.is_p(i + 1, "\"")
            && !(sentence_start && self.is_p(i + 1, ","));
        if !(cue || (end && !sentence_start)) {
            return None;
        }
        Some(self.today_atom(t0, i + 1))
    }

    /// `to date`, `till date`, `at the moment`: the moment of writing, like `now` (a date: the
    /// publication day). Not `up to date`, `out of date`, the verb (`thought to date from`,
    /// `to date the bones`), the noun (`interest to date of payment`) nor `at the moment he
    /// arrived`.
    pub(super) fn so_far_at(&self, i: usize, floor: usize) -> Option<Atom> {
        let b = self.prev(i, floor)?;
        let t0 = if self.is(i, "date") {
            if !self.is_any(b, &["to", "till"])
                || self
                    .prev(b, 0)
                    .is_some_and(|c| self.is_any(c, &["up", "out", "of"]))
                || (self.is_p(i + 1, "-") && self.glued(i + 1))
            {
                return None;
            }
            // `from March to date`, `from 1984 to date`: the end of a range joined later,
            // whose `to` stays between the two (a range only with a publication date)
            if b > 0
                && self.published.is_some()
                && (self.month_of(b - 1).is_some() || self.year_at(b - 1).is_some())
            {
                i
            } else {
                b
            }
        } else {
            let a = self
                .prev(b, floor)
                .filter(|&a| self.is(b, "the") && self.is(a, "at"))?;
            // `at the moment of the crash`, `at the moment he spoke`: another moment
            if self.near(i + 1) && self.is_word(i + 1) && !self.is_any(i + 1, &["and", "but", "or"])
            {
                return None;
            }
            a
        };
        // the verb `date` takes an object or `from`/`back`; the noun a figure (`date 1`)
        if self.is(i, "date")
            && self.near(i + 1)
            && (self.is_num(i + 1)
                || self.is_any(
                    i + 1,
                    &[
                        "from", "back", "the", "it", "them", "a", "an", "its", "his", "her",
                        "their", "this", "these", "those", "of",
                    ],
                ))
        {
            return None;
        }
        Some(self.today_atom(t0, i + 1))
    }

    /// `at year-end`, `by the year end`, `before month-end`, `at year-end 1986`: the end of a
    /// year or month (modifier late) after a preposition of time, as accounts and forecasts
    /// write it (not `year-end results`, an attributive). The year is the one written after
    /// it, else the current one, or the last one ended when the verb is past (`reserves
    /// were 3 bln at year-end`, written in March: the December before).
    fn period_end(&self, i: usize, floor: usize, unit: &str) -> Option<Atom> {
        let mut e = i + 1;
        if self.is_p(e, "-") && self.glued(e) && self.glued(e + 1) {
            e += 1;
        } else if !self.near(e) {
            return None;
        }
        if !self.is(e, "end") {
            return None;
        }
        let mut t0 = i;
        let mut b = self.prev(i, floor)?;
        if self.is(b, "the") {
            t0 = b;
            b = self.prev(b, floor)?;
        }
        if !self.is_any(
            b,
            &[
                "at", "by", "before", "after", "until", "till", "since", "to", "around", "near",
                "towards", "toward",
            ],
        ) {
            return None;
        }
        let year = if unit == "year" && self.near(e + 1) {
            self.year_at(e + 1)
        } else {
            None
        };
        if year.is_none()
            && self.near(e + 1)
            && self.is_word(e + 1)
            && self.b(e + 1).first().is_some_and(u8::is_ascii_lowercase)
            && super::plural_noun(self.b(e + 1))
        {
            return None; // `at year-end levels`
        }
        let t1 = if year.is_some() { e + 2 } else { e + 1 };
        let mut a = match year {
            Some(y) => self.mk_date(t0, t1, Some(y), None, None),
            None => {
                let back = self.published.is_some_and(|p| {
                    self.tense_around(t0, t1) < 0 && (unit == "month" || p.m < 12)
                });
                self.current_unit(t0, t1, unit, if back { -1 } else { 0 })
            }
        };
        a.modifier = Some("late");
        Some(a)
    }

    /// `EOD`: the end of the publication day.
    pub(super) fn eod_at(&self, i: usize, floor: usize) -> Option<Atom> {
        let mut a = self.today_atom(i, i + 1);
        if let Some(b) = self.prev(i, floor)
            && self.is(b, "the")
        {
            a.t0 = b;
        }
        a.modifier = Some("late");
        Some(a)
    }

    /// A period named by its unit word at `i` (day, week, month, year): `the day`, `the year
    /// before`, `the day after tomorrow`, `that day`, `all day`, `the whole week`, `week 10`,
    /// `(end of) year`.
    pub(super) fn unit_phrase(&self, i: usize, floor: usize) -> Option<Atom> {
        let Some(Lex::TimeUnit(_, unit)) = self.lex(i) else {
            return None;
        };
        if !matches!(unit, "day" | "week" | "month" | "year") || self.s(i).ends_with(['s', 'S']) {
            return self.few_units(i, floor);
        }
        // year to date, year-to-date sales, week-to-date: from the start of the period of
        // publication to the moment of writing
        let mut k = i + 1;
        let hyphen = |k: usize| self.is_p(k, "-") && self.glued(k) && self.glued(k + 1);
        if hyphen(k) {
            k += 1;
        }
        if self.is(k, "to") && self.near(k) {
            let mut d = k + 1;
            if hyphen(d) {
                d += 1;
            }
            if self.is(d, "date") && self.near(d) {
                let mut a = Atom::new(i, d + 1, NumberKind::DateRange);
                // (`nil year-to-date last year`: the same stretch of another year)
                let other = self.is_any(d + 1, &["last", "previous", "a"]);
                a.iso = self.published.filter(|_| !other).and_then(|p| {
                    let start = match unit {
                        "year" => Ymd { y: p.y, m: 1, d: 1 },
                        "month" => Ymd {
                            y: p.y,
                            m: p.m,
                            d: 1,
                        },
                        "week" => p.week_start(),
                        _ => return None,
                    };
                    Some(format!("{}/{}", start.iso(), p.iso()))
                });
                return Some(a);
            }
        }
        // `versus 292,000 week ago`, `up from year ago`: market reports' telegraphic "a week
        // ago" (the figure before is the week's quantity, not a count of weeks). Before a
        // noun (`the year ago quarter`, `year ago levels`) it is a year before the period
        // reported, which is not the publication's: no value.
        if self.is(i + 1, "ago") && self.near(i + 1) {
            let mut a = Atom::new(i, i + 2, NumberKind::Date);
            let attributive = i + 2 < self.n()
                && self.b(i + 2).first().is_some_and(u8::is_ascii_lowercase)
                && !self.verb_position(i + 2);
            if !attributive {
                a.iso = self.published.and_then(|p| super::ago(p, 1.0, unit));
            }
            return Some(a);
        }
        if unit == "day"
            && let Some(a) = self.us_holiday_day(i, floor)
        {
            return Some(a);
        }
        if unit == "week"
            && let Some(a) = self.week_number(i, floor)
        {
            return Some(a);
        }
        if matches!(unit, "year" | "month")
            && let Some(a) = self.period_end(i, floor, unit)
        {
            return Some(a);
        }
        // Thought for the Day, Player of the Year: a title
        if self.capitalized(i) && i > 0 && !matches!(self.s(i - 1), "." | "!" | "?") {
            return None;
        }
        let before = self.prev(i, floor);
        let glued_next = self.glued(i + 1)
            && (self.is_p(i + 1, "-") || self.is_p(i + 1, "'") || self.is_word(i + 1));
        if glued_next {
            return None; // the year-long, the day's (kept: the year's below)
        }
        // all day, the whole week, an entire year: one unit of time
        if let Some(b) = before
            && (self.is(b, "all")
                || (self.is_any(b, &["whole", "entire"])
                    && self
                        .prev(b, floor)
                        .is_some_and(|c| self.is_any(c, &["the", "a", "an"]))))
        {
            let t0 = if self.is(b, "all") { b } else { b - 1 };
            let one = Atom::num(t0, i, NumberKind::Cardinal, 1.0);
            let mut d = self.duration_after(i, &one, false)?;
            d.t0 = t0;
            return (d.kind == NumberKind::Duration).then_some(d);
        }
        // (the) end of year, the start of the day: the period the modifier applies to
        if let Some(b) = before
            && self.is(b, "of")
            && self
                .prev(b, floor)
                .is_some_and(|c| self.is_any(c, &["end", "close", "start", "beginning", "middle"]))
        {
            let t0 = i;
            return Some(self.current_unit(t0, i + 1, unit, 0));
        }
        let det = before.filter(|&b| self.is_any(b, &["the", "that"]))?;
        // the first quarter of the year, the second half of the month: part of a period
        if let Some(o) = self.prev(det, 0)
            && self.is(o, "of")
            && self.prev(o, 0).is_some_and(|q| {
                matches!(
                    self.lex(q),
                    Some(Lex::Quarter(_) | Lex::Half | Lex::TimeUnit(..))
                )
            })
        {
            return None;
        }
        if self.is(det, "that") {
            // later that day, on that day, earlier that year: the day of an event told before
            let anchor = self.prev(det, floor).is_some_and(|c| {
                self.is_any(
                    c,
                    &[
                        "later",
                        "earlier",
                        "on",
                        "in",
                        "during",
                        "since",
                        "until",
                        "till",
                        "by",
                        "for",
                        "from",
                        "throughout",
                        "of",
                        "all",
                    ],
                )
            });
            if !anchor {
                return None;
            }
            let mut a = Atom::new(det, i + 1, NumberKind::Date);
            a.unit = None;
            return Some(a);
        }
        let k = i + 1;
        // the day before yesterday, the day after tomorrow
        if unit == "day" && self.near(k) && self.near(k + 1) {
            let rel = if self.is(k, "before") && self.is(k + 1, "yesterday") {
                Some(-2)
            } else if self.is(k, "after") && self.is(k + 1, "tomorrow") {
                Some(2)
            } else {
                None
            };
            if let Some(r) = rel {
                return Some(self.current_unit(det, k + 2, unit, r));
            }
        }
        // the day before, the year after (ending the clause): one unit from the moment of writing
        if self.near(k) && self.is_any(k, &["before", "after"]) && self.clause_end(k + 1) {
            let dir = if self.is(k, "before") { -1 } else { 1 };
            return Some(self.current_unit(det, k + 1, unit, dir));
        }
        // the day after the election: a day counted from another event (no value)
        if self.near(k) && self.is_any(k, &["before", "after"]) {
            let mut a = Atom::new(det, k, NumberKind::Date);
            a.unit = None;
            return Some(a);
        }
        // the day of the attack, the day he died, the week when: the time of another event
        if self.near(k)
            && (self.is_any(
                k,
                &[
                    "of",
                    "when",
                    "that",
                    "which",
                    "where",
                    "he",
                    "she",
                    "they",
                    "it",
                    "we",
                    "i",
                    "you",
                    "his",
                    "her",
                    "their",
                    "its",
                    "our",
                    "my",
                    "commencing",
                    "beginning",
                    "starting",
                    "ending",
                    "ended",
                    "ends",
                    "to",
                    "the",
                    "a",
                    "an",
                    "this",
                    "these",
                    "those",
                ],
            ) || self.is_num(k)
                || (self.is_word(k) && self.capitalized(k)))
        {
            return None;
        }
        Some(self.current_unit(det, k, unit, 0))
    }

    /// The day, week, month or year of publication moved by `dir` units, at tokens `t0..t1`.
    fn current_unit(&self, t0: usize, t1: usize, unit: &str, dir: i64) -> Atom {
        let mut a = Atom::new(t0, t1, NumberKind::Date);
        if let Some(p) = self.published
            && let Some(d) = shift(p, unit, dir)
        {
            let (iso, parts) = match unit {
                "day" => (
                    d.iso(),
                    DateParts {
                        y: Some(d.y),
                        m: Some(d.m),
                        d: Some(d.d),
                    },
                ),
                "week" => (
                    d.iso_week(),
                    DateParts {
                        y: None,
                        m: None,
                        d: None,
                    },
                ),
                "month" => (
                    format!("{:04}-{:02}", d.y, d.m),
                    DateParts {
                        y: Some(d.y),
                        m: Some(d.m),
                        d: None,
                    },
                ),
                _ => (
                    format!("{:04}", d.y),
                    DateParts {
                        y: Some(d.y),
                        m: None,
                        d: None,
                    },
                ),
            };
            a.iso = Some(iso);
            if unit != "week" {
                a.date = Some(parts);
            }
        }
        a
    }

    /// `week 10`, `the week 1 of 2019`: an ISO week number (1-53) of the year written after it,
    /// else of the publication year.
    fn week_number(&self, i: usize, floor: usize) -> Option<Atom> {
        let k = i + 1;
        if !self.near(k) || !self.is_num(k) || self.s(k).len() > 2 {
            return None;
        }
        if self.glued(k + 1) && !self.is_p(k + 1, ",") && !self.is_p(k + 1, ".") {
            return None;
        }
        if (self.is_p(k + 1, ".") || self.is_p(k + 1, ",")) && self.glued(k + 2) {
            return None; // week 10.5, week 1,000
        }
        let w: u32 = self.s(k).parse().ok()?;
        if !(1..=53).contains(&w) {
            return None;
        }
        let mut e = k + 1;
        let mut y = None;
        let mut ye = e;
        if self.is_any(ye, &["of", "in"]) || self.is_p(ye, ",") {
            ye += 1;
        }
        if let Some(yy) = self.year_at(ye)
            && self.near(ye)
        {
            y = Some(yy);
            e = ye + 1;
        }
        let t0 = match self.prev(i, floor) {
            Some(b) if self.is(b, "the") => b,
            _ => i,
        };
        let mut a = Atom::new(t0, e, NumberKind::Date);
        a.iso = Some(match y.or(self.published.map(|p| p.y)) {
            Some(y) => format!("{y:04}-W{w:02}"),
            None => format!("XXXX-W{w:02}"),
        });
        Some(a)
    }

    /// `a few hours`, `a couple of days`: a duration with a vague count (few = 3, couple = 2).
    fn few_units(&self, i: usize, floor: usize) -> Option<Atom> {
        let b = self.prev(i, floor)?;
        let (v, mut t0) = if self.is(b, "few") {
            (3.0, b)
        } else if self.is(b, "of") && self.prev(b, floor).is_some_and(|c| self.is(c, "couple")) {
            (2.0, b - 1)
        } else {
            return None;
        };
        if let Some(c) = self.prev(t0, floor)
            && self.is(c, "a")
        {
            t0 = c;
        } else if v == 2.0 {
            return None; // "couple of days" needs its article
        }
        let n = Atom::num(t0, i, NumberKind::Cardinal, v);
        let mut d = self.duration_after(i, &n, false)?;
        d.t0 = t0;
        d.vague = true;
        Some(d)
    }

    /// Seasons: `this summer`, `last winter`, `the spring of 2019`, `summer 2020`, `in autumn`,
    /// `Winter,` (TIMEX3 `2019-SU`, or `SU` without a year). A season word used as a modifier
    /// (`summer camp`, `Spring Festival`) or as a name (`Arab Spring`) is no date.
    pub(super) fn season_at(&self, i: usize, floor: usize) -> Option<Atom> {
        let w = self.s(i);
        let &(_, code, idx) = SEASONS.iter().find(|s| w.eq_ignore_ascii_case(s.0))?;
        let ambiguous = idx == 0 || w.eq_ignore_ascii_case("fall");
        let before = self.prev(i, floor);
        let mut t0 = i;
        let mut year: Option<i32> = None;
        let mut modifier = None;
        // early summer, late autumn, mid-winter
        let mut b = before;
        if let Some(bb) = b
            && self.is_any(bb, &["early", "late", "mid"])
        {
            modifier = Some(match self.s(bb).to_ascii_lowercase().as_str() {
                "early" => "early",
                "late" => "late",
                _ => "mid",
            });
            t0 = bb;
            b = self.prev(bb, floor);
        } else if self.is_p(i.wrapping_sub(1), "-")
            && self.glued(i)
            && i >= 2
            && i - 2 >= floor
            && self.is(i - 2, "mid")
        {
            modifier = Some("mid");
            t0 = i - 2;
            b = self.prev(i - 2, floor);
        }
        let rel = b.and_then(|bb| {
            if self.is_any(bb, &["this", "current"]) {
                Some(0)
            } else if self.is_any(bb, &["last", "past", "previous"]) {
                Some(-1)
            } else if self.is_any(bb, &["next", "coming", "following"]) {
                Some(1)
            } else {
                None
            }
        });
        if let (Some(r), Some(bb)) = (rel, b) {
            t0 = t0.min(bb);
            if let Some(p) = self.published {
                let (cur, cy) = season_of(p);
                year = Some(match r {
                    0 => {
                        if idx == 3 {
                            cy
                        } else {
                            p.y
                        }
                    }
                    -1 => {
                        let y = if idx < cur { p.y } else { p.y - 1 };
                        if idx == 3 && cur == 3 { cy - 1 } else { y }
                    }
                    _ => {
                        let y = if idx > cur { p.y } else { p.y + 1 };
                        if idx == 3 && cur == 3 { cy + 1 } else { y }
                    }
                });
            }
        }
        // summer 2019, the spring of 2019, winter of 2010
        let mut e = i + 1;
        let mut yk = e;
        if self.is(yk, "of") || self.is_p(yk, ",") {
            yk += 1;
        }
        if let Some(y) = self.year_at(yk)
            && self.near(yk)
            && !(self.glued(yk + 1) && self.is_word(yk + 1))
        {
            year = Some(y);
            e = yk + 1;
        } else if self.is(e, "of") {
            return None; // the fall of Kabul
        }
        let has_year = e > i + 1;
        let cue = rel.is_some()
            || has_year
            || modifier.is_some()
            || b.is_some_and(|bb| {
                if ambiguous {
                    // in the fall, during spring (not: the fall in prices, a hot spring)
                    self.is_any(
                        bb,
                        &["in", "during", "since", "until", "till", "every", "each"],
                    ) || (self.is(bb, "the")
                        && self.prev(bb, floor).is_some_and(|c| {
                            self.is_any(c, &["in", "during", "since", "until", "till", "by"])
                        }))
                } else {
                    self.is_any(bb, TIME_PREPS)
                }
            });
        // a season followed by a noun modifies it (summer camp, Spring Festival)
        let free = has_year
            || self.clause_end(e)
            || (self.is_word(e) && !self.capitalized(e) && self.flag(e, lex::STOP));
        if !free || (ambiguous && !cue) || (!cue && !self.clause_end(e) && !self.capitalized(i)) {
            return None;
        }
        if !cue && b.is_some_and(|bb| self.is_word(bb) && self.capitalized(bb)) {
            return None; // Arab Spring, Indian Summer
        }
        if let Some(bb) = b
            && self.is(bb, "the")
            && rel.is_none()
        {
            t0 = t0.min(bb);
        }
        let mut a = Atom::new(t0, e, NumberKind::Date);
        a.iso = Some(match year {
            Some(y) => format!("{y:04}-{code}"),
            None => code.to_owned(),
        });
        a.modifier = modifier;
        Some(a)
    }

    /// `daily`, `weekly`, `quarterly`, `annual`: a recurrence (duration with modifier `every`).
    /// Not in names (`Daily Mail`, `The Weekly Standard`).
    pub(super) fn frequency_at(&self, i: usize) -> Option<Atom> {
        let w = self.s(i);
        if w.len() > 12 {
            return None;
        }
        let mut buf = [0u8; 12];
        for (d, s) in buf.iter_mut().zip(w.as_bytes()) {
            *d = s.to_ascii_lowercase();
        }
        let word = &buf[..w.len()];
        let (mut iso, mut unit) = match word {
            b"daily" => ("P1D", "day"),
            b"nightly" => ("P1D", "night"),
            b"weekly" => ("P1W", "week"),
            b"fortnightly" | b"biweekly" => ("P2W", "week"),
            b"monthly" => ("P1M", "month"),
            b"bimonthly" => ("P2M", "month"),
            b"quarterly" => ("P3M", "month"),
            b"annual" | b"annually" | b"yearly" => ("P1Y", "year"),
            // twice a year (the dictionaries' biannual; biennial is every two years)
            b"semiannual" | b"semiannually" | b"biannual" | b"biannually" => ("P6M", "month"),
            b"biennial" | b"biennially" => ("P2Y", "year"),
            _ => return None,
        };
        // semi-annual, half-yearly, bi-annual, bi-weekly, bi-monthly: the prefix changes the
        // period (twice a year; every two weeks or months); twice a month or a week is no
        // whole period and no row
        let mut t0 = i;
        if i >= 2 && self.is_p(i - 1, "-") && self.glued(i - 1) && self.glued(i) {
            let yearly = matches!(word, b"annual" | b"annually" | b"yearly");
            if self.is_any(i - 2, &["semi", "half"]) {
                if !yearly {
                    return None;
                }
                (iso, unit) = ("P6M", "month");
                t0 = i - 2;
            } else if self.is(i - 2, "bi") {
                (iso, unit) = match word {
                    b"annual" | b"annually" => ("P6M", "month"),
                    b"weekly" => ("P2W", "week"),
                    b"monthly" => ("P2M", "month"),
                    _ => return None,
                };
                t0 = i - 2;
            }
        }
        if self.capitalized(i) && self.is_word(i + 1) && self.capitalized(i + 1) && self.near(i + 1)
        {
            return None;
        }
        if self.glued(i + 1) && self.is_p(i + 1, "-") {
            return None;
        }
        let mut a = Atom::new(t0, i + 1, NumberKind::Duration);
        a.iso = Some(iso.to_owned());
        a.modifier = Some("every");
        a.unit = Some(unit);
        Some(a)
    }

    /// A duration at `a` read as a point in time: `in three weeks` (with a future verb before it
    /// in the sentence, or `time` after: `in a fortnight's time`) and `two days from now` count
    /// from publication; `three days later` counts from an event told before (no ISO value).
    /// Clock units (minutes, hours) need the time of writing, which is unknown: no ISO value.
    pub(super) fn duration_as_date(&self, a: &mut Atom, floor: usize) {
        if a.kind != NumberKind::Duration || a.modifier.is_some() {
            return;
        }
        let (Some(v), Some(unit)) = (a.value, a.unit) else {
            return;
        };
        let clock = matches!(unit, "second" | "minute" | "hour");
        let k = a.t1;
        let (t0, t1, dir): (usize, usize, Option<i64>) =
            if self.near(k) && self.is(k, "from") && self.is(k + 1, "now") && self.near(k + 1) {
                (a.t0, k + 2, Some(1))
            } else if self.near(k) && self.is_any(k, &["later", "earlier"]) {
                (a.t0, k + 1, None)
            } else if let Some(b) = self.prev(a.t0, floor)
                && self.is(b, "in")
                && (self.time_after(k) || self.future_before(b))
            {
                let t1 = if self.time_after(k) {
                    self.time_end(k)
                } else {
                    k
                };
                (b, t1, Some(1))
            } else {
                return;
            };
        a.kind = if clock {
            NumberKind::Time
        } else {
            NumberKind::Date
        };
        a.t0 = t0;
        a.t1 = t1;
        a.iso = None;
        a.lower = None;
        a.upper = None;
        if let Some(dir) = dir
            && !clock
            && v.fract() == 0.0
            && (0.0..=1000.0).contains(&v)
            && let Some(p) = self.published
            && let Some(d) = shift(p, unit, dir * v as i64)
        {
            a.iso = Some(d.iso());
        }
    }

    /// `'s time`, `’ time`, `time` after a duration (`in three weeks' time`).
    fn time_after(&self, k: usize) -> bool {
        self.time_end(k) > k
    }

    fn time_end(&self, k: usize) -> usize {
        let mut j = k;
        if (self.is_p(j, "'") || self.is_p(j, "’")) && self.glued(j) {
            j += 1;
            if self.is(j, "s") && self.glued(j) {
                j += 1;
            }
        }
        if self.is(j, "time") && self.near(j) {
            j + 1
        } else {
            k
        }
    }

    /// A verb of the future earlier in the sentence of token `k` (`will`, `'ll`, `is due`,
    /// `expected`, `plans`): `in three weeks` is then a point ahead, not a span.
    fn future_before(&self, k: usize) -> bool {
        let mut j = k;
        let mut steps = 0;
        while j > 0 && steps < 30 {
            j -= 1;
            steps += 1;
            let s = self.s(j);
            if matches!(s, "." | "!" | "?" | ";") || !self.near(j + 1) {
                return false;
            }
            if self.is_any(
                j,
                &[
                    "will",
                    "shall",
                    "would",
                    "going",
                    "due",
                    "expected",
                    "expects",
                    "scheduled",
                    "plans",
                    "planned",
                    "plan",
                    "aims",
                    "hopes",
                    "hope",
                    "want",
                    "wants",
                    "expect",
                    "intend",
                    "intends",
                    "let's",
                    "wo",
                ],
            ) || s.len() > 3 && (s.ends_with("'ll") || s.ends_with("’ll"))
            {
                return true;
            }
        }
        false
    }
}

impl P<'_> {
    /// The figure at a trigger word handled here (`now`, `EOD`, a season, a frequency):
    /// `Some(result)` when the word is one of them, `None` for other words.
    pub(super) fn deictic_word(&self, i: usize, floor: usize) -> Option<Option<Atom>> {
        let w = self.s(i);
        if w.len() < 3 || w.len() > 12 {
            return None;
        }
        let mut buf = [0u8; 12];
        for (d, s) in buf.iter_mut().zip(w.as_bytes()) {
            *d = s.to_ascii_lowercase();
        }
        Some(match &buf[..w.len()] {
            b"now" => self.now_at(i, floor),
            b"date" | b"moment" => self.so_far_at(i, floor),
            b"eod" => self.eod_at(i, floor),
            b"spring" | b"summer" | b"autumn" | b"fall" | b"winter" => self.season_at(i, floor),
            b"twenties" | b"thirties" | b"forties" | b"fifties" | b"sixties" | b"seventies"
            | b"eighties" | b"nineties" => self.word_decade(i, floor),
            b"easter" | b"thanksgiving" => self.easter_or_thanksgiving(i, floor),
            b"daily" | b"nightly" | b"weekly" | b"fortnightly" | b"biweekly" | b"monthly"
            | b"quarterly" | b"annual" | b"annually" | b"yearly" | b"biennial" | b"biennially"
            | b"semiannual" | b"semiannually" | b"biannual" | b"biannually" | b"bimonthly" => {
                self.frequency_at(i)
            }
            _ => return None,
        })
    }
}

/// Easter Sunday of year `y` (Gregorian computus).
fn easter(y: i32) -> Ymd {
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Ymd {
        y,
        m: month as u32,
        d: day as u32,
    }
}

/// The `n`-th weekday `wd` (1 = Monday) of month `m` in year `y`; `n = 0` for the last one.
fn nth_weekday(y: i32, m: u32, wd: u32, n: u32) -> Ymd {
    if n == 0 {
        let last = Ymd {
            y,
            m,
            d: days_in_month(y, m),
        };
        let back = (i64::from(last.weekday()) - i64::from(wd)).rem_euclid(7);
        return last.add_days(-back);
    }
    let first = Ymd { y, m, d: 1 };
    let fwd = (i64::from(wd) - i64::from(first.weekday())).rem_euclid(7);
    first.add_days(fwd + 7 * (i64::from(n) - 1))
}

/// Holidays whose day moves from year to year.
#[derive(Clone, Copy)]
enum Moving {
    /// days after Easter Sunday (Good Friday -2, Easter Monday 1)
    Easter(i64),
    /// US Thanksgiving (fourth Thursday of November), plus days (Black Friday 1)
    Thanksgiving(i64),
    /// US Labor Day: first Monday of September
    LaborDay,
    /// US Memorial Day: last Monday of May
    MemorialDay,
}

impl Moving {
    fn in_year(self, y: i32) -> Ymd {
        match self {
            Moving::Easter(k) => easter(y).add_days(k),
            Moving::Thanksgiving(k) => nth_weekday(y, 11, 4, 4).add_days(k),
            Moving::LaborDay => nth_weekday(y, 9, 1, 1),
            Moving::MemorialDay => nth_weekday(y, 5, 1, 0),
        }
    }
}

impl P<'_> {
    /// `the first half of 2019`, `the second half of the year`: six months (needs the year).
    pub(super) fn half_year(&self, t0: usize, h: u32, k: usize) -> Option<Atom> {
        if !(1..=2).contains(&h) || !self.is(k, "of") || !self.near(k + 1) {
            return None;
        }
        let (y, e) = if let Some(y) = self.year_at(k + 1) {
            (Some(y), k + 2)
        } else if self.is(k + 2, "year") && self.near(k + 2) {
            let dy = if self.is_any(k + 1, &["the", "this"]) {
                0
            } else if self.is_any(k + 1, &["last", "previous"]) {
                -1
            } else if self.is(k + 1, "next") {
                1
            } else {
                return None;
            };
            (self.published.map(|p| p.y + dy), k + 3)
        } else {
            return None;
        };
        let mut t0 = t0;
        if t0 > 0 && self.is(t0 - 1, "the") && self.near(t0) {
            t0 -= 1;
        }
        let mut a = Atom::new(t0, e, NumberKind::DateRange);
        let m0 = if h == 1 { 1 } else { 7 };
        a.iso = y.map(|y| format!("{y:04}-{m0:02}/{y:04}-{:02}", m0 + 5));
        Some(a)
    }

    /// `the nineties`, `the late sixties`: a decade of the 20th century (not ages: `in his
    /// forties`).
    pub(super) fn word_decade(&self, i: usize, floor: usize) -> Option<Atom> {
        let w = self.s(i);
        let d = super::DECADE_WORDS
            .iter()
            .position(|x| x.eq_ignore_ascii_case(w))
            .map(|k| 20 + 10 * k as i32)?;
        let mut b = self.prev(i, floor)?;
        let mut modifier = None;
        // the mid-nineties
        if self.is_p(b, "-") && self.glued(i) && self.glued(b) && b > floor && self.is(b - 1, "mid")
        {
            b -= 1;
        }
        if self.is_any(b, &["early", "mid", "late"]) {
            modifier = Some(match self.s(b).to_ascii_lowercase().as_str() {
                "early" => "early",
                "mid" => "mid",
                _ => "late",
            });
            b = self.prev(b, floor)?;
        }
        if !self.is(b, "the") {
            return self.age_decade(i, f64::from(d), i + 1, floor);
        }
        let y = 1900 + d;
        let mut a = Atom::new(b, i + 1, NumberKind::DateRange);
        a.iso = Some(format!("{y}/{}", y + 9));
        a.modifier = modifier;
        Some(a)
    }

    /// Easter, Good Friday, Easter Monday, Thanksgiving, Black Friday, Labor Day, Memorial Day
    /// at tokens `t0..e`: in the year written after it, the one named before it (`last
    /// Easter`), else the one nearest to publication.
    fn moving_holiday(&self, t0: usize, e: usize, h: Moving, floor: usize) -> Atom {
        let mut t0 = t0;
        let mut e = e;
        let mut year = None;
        let mut yk = e;
        if self.is(yk, "of") || self.is_p(yk, ",") {
            yk += 1;
        }
        if let Some(y) = self.year_at(yk)
            && self.near(yk)
        {
            year = Some(y);
            e = yk + 1;
        }
        let mut rel = 0;
        if let Some(b) = self.prev(t0, floor) {
            if self.is_any(b, &["last", "previous", "past"]) {
                rel = -1;
            } else if self.is_any(b, &["next", "following", "coming"]) {
                rel = 1;
            } else if self.is(b, "this") {
                rel = 2;
            }
            if rel != 0 {
                t0 = b;
            }
        }
        let mut a = Atom::new(t0, e, NumberKind::Date);
        let day = match (year, self.published) {
            (Some(y), _) => Some(h.in_year(y)),
            (None, Some(p)) => {
                let cands = [h.in_year(p.y - 1), h.in_year(p.y), h.in_year(p.y + 1)];
                match rel {
                    -1 => cands.iter().rev().find(|c| c.days() < p.days()).copied(),
                    1 => cands.iter().find(|c| c.days() > p.days()).copied(),
                    2 => Some(cands[1]),
                    _ => cands
                        .iter()
                        .min_by_key(|c| (c.days() - p.days()).abs())
                        .copied(),
                }
            }
            _ => None,
        };
        if let Some(d) = day {
            a.set_day(d);
        }
        a
    }

    /// `Easter` (Sunday, Monday, weekend), `Thanksgiving (Day)` at token `i`.
    pub(super) fn easter_or_thanksgiving(&self, i: usize, floor: usize) -> Option<Atom> {
        let easter = self.is(i, "easter");
        if self.near(i + 1) && self.is_any(i + 1, &["egg", "eggs", "bunny", "island", "rising"]) {
            return None;
        }
        let mut e = i + 1;
        let mut h = if easter {
            Moving::Easter(0)
        } else {
            Moving::Thanksgiving(0)
        };
        if self.near(e) {
            if easter && self.is(e, "sunday") {
                e += 1;
            } else if easter && self.is(e, "monday") {
                h = Moving::Easter(1);
                e += 1;
            } else if !easter && self.is(e, "day") {
                e += 1;
            } else if self.is_word(e) && self.capitalized(e) && !self.is(e, "weekend") {
                return None; // Easter Island, Easter Rising: a name
            }
        }
        Some(self.moving_holiday(i, e, h, floor))
    }

    /// `Good Friday`, `Black Friday` (the weekday at `i`).
    pub(super) fn holiday_friday(&self, i: usize, floor: usize) -> Option<Atom> {
        let b = self.prev(i, floor)?;
        if !self.is(i, "friday") || !self.capitalized(b) && self.capitalized(i) {
            return None;
        }
        let h = if self.is(b, "good") {
            Moving::Easter(-2)
        } else if self.is(b, "black") {
            Moving::Thanksgiving(1)
        } else {
            return None;
        };
        Some(self.moving_holiday(b, i + 1, h, floor))
    }

    /// `Labor Day`, `Memorial Day` (the US holidays; `day` at `i`).
    fn us_holiday_day(&self, i: usize, floor: usize) -> Option<Atom> {
        let b = self.prev(i, floor)?;
        let h = if self.is(b, "labor") {
            Moving::LaborDay
        } else if self.is(b, "memorial") {
            Moving::MemorialDay
        } else {
            return None;
        };
        if !self.capitalized(b) {
            return None;
        }
        Some(self.moving_holiday(b, i + 1, h, floor))
    }
}
