//! Parts of a named period and days that share a month with the date before them:
//! `the first three months of 2018`, `the last week of March`, `the third month of 2021`,
//! `the 15th day of next month`; `March 5 and 6`, `June 12 or 13, 2019`. Business and
//! crisis reporting states periods this way ("in the first nine months of the year"), and a
//! reader compares them as calendar ranges, not as spans counted from the publication day.

use super::cal::{Ymd, days_in_month};
use super::lex::Lex;
use super::{Atom, DateParts, P};
use crate::types::NumberKind;

/// Which part of the period: the `n`th unit, or the first or last `count` units.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    Nth(u32),
    First(u32),
    Last(u32),
}

/// A period the part is taken from: a whole year or a month (`y` unknown without a
/// publication date for `this year`).
#[derive(Debug, Clone, Copy)]
struct Period {
    y: Option<i32>,
    m: Option<u32>,
}

impl P<'_> {
    /// `the first three months of 2018`, `the last week of March`, `the second week of 2019`,
    /// `the third month of 2021`, `the 15th day of next month`, `the last quarter of 2018`:
    /// a part of a year or month, read at the ordinal or `last` at token `i`.
    pub(super) fn part_of_period(&self, i: usize) -> Option<Atom> {
        // a third of last month's exports, two thirds of the year: fractions
        if i > 0 && (self.is_any(i - 1, &["a", "an", "one"]) || self.is_num(i - 1)) {
            return None;
        }
        let (nth, mut k) = self.period_ordinal(i)?;
        // an optional count: the first three months, the last 10 days; `few` counts 3, as
        // in `a few hours`, and makes the range vague
        let mut count = None;
        let mut vague = false;
        if self.near(k)
            && let Some(c) = self.small_count(k)
            && self.near(k + 1)
        {
            count = Some(c);
            k += 1;
        } else if nth.is_none_or(|n| n == 1)
            && self.is(k, "few")
            && self.near(k)
            && self.near(k + 1)
        {
            count = Some(3);
            vague = true;
            k += 1;
        }
        // the 15th of next month: a day of a month named from publication
        if count.is_none()
            && let Some(n) = nth
            && self.is(k, "of")
            && self.near(k)
            && self.near(k + 1)
            && self.is_any(k + 1, &["this", "next", "last", "previous"])
            && let Some((period, end)) = self.period_at(k + 1)
            && period.m.is_some()
        {
            let t0 = if i > 0 && self.is(i - 1, "the") && self.near(i) {
                i - 1
            } else {
                i
            };
            let mut a = Atom::new(t0, end, NumberKind::Date);
            if let (Some(y), Some(m)) = (period.y, period.m)
                && n <= days_in_month(y, m)
            {
                a = self.mk_date(t0, end, Some(y), Some(m), Some(n));
            }
            return Some(a);
        }
        let unit = self.period_unit(k)?;
        // the final months of 2018, the last days of March: no count, no calendar range (but
        // `the third and fourth quarters of 1987` names the fourth)
        if count.is_none()
            && self.s(k).ends_with(['s', 'S'])
            && !(nth.is_some() && i > 0 && self.is_any(i - 1, &["and", "or"]))
        {
            return None;
        }
        if !self.near(k) || !self.is(k + 1, "of") || !self.near(k + 1) || !self.near(k + 2) {
            return None;
        }
        let part = match (nth, count) {
            (None, c) => Part::Last(c.unwrap_or(1)),
            (Some(1), Some(c)) => Part::First(c),
            (Some(n), None) => Part::Nth(n),
            (Some(_), Some(_)) => return None, // the second three months
        };
        let (period, end) = self.period_at(k + 2)?;
        // a month holds days and weeks; a year holds every unit
        if period.m.is_some() && !matches!(unit, "day" | "week") {
            return None;
        }
        let mut t0 = i;
        if i > 0 && self.is(i - 1, "the") && self.near(i) {
            t0 = i - 1;
        }
        let mut a = Atom::new(t0, end, NumberKind::DateRange);
        a.vague = vague;
        if let Some(y) = period.y {
            let (kind, iso) = part_range(y, period.m, unit, part)?;
            a.kind = kind;
            a.iso = Some(iso);
        } else if matches!(unit, "month" | "quarter") {
            // months of a year not known: the same months, year unknown (`XXXX-01/XXXX-03`)
            let (kind, iso) = part_range(2001, period.m, unit, part)?;
            a.kind = kind;
            a.iso = Some(iso.replace("2001", "XXXX"));
        } else if matches!(part, Part::Nth(_)) && unit == "day" {
            a.kind = NumberKind::Date;
        }
        Some(a)
    }

    /// The ordinal that starts a part of a period at `i` and the token after it: `first`,
    /// `third`, `15th` give `Some(n)`; `last` and `final` give `None` (counted from the end).
    fn period_ordinal(&self, i: usize) -> Option<(Option<u32>, usize)> {
        if self.is_any(i, &["last", "final"]) {
            return Some((None, i + 1));
        }
        if let Some(Lex::Ordinal(v, false)) = self.lex(i)
            && v.fract() == 0.0
            && (1.0..=53.0).contains(&v)
        {
            return Some((Some(v as u32), i + 1));
        }
        // 3rd, 15th
        if self.is_num(i)
            && self.s(i).len() <= 2
            && self.glued(i + 1)
            && self.is_any(i + 1, &["st", "nd", "rd", "th"])
            && let Ok(v) = self.s(i).parse::<u32>()
            && (1..=53).contains(&v)
        {
            return Some((Some(v), i + 2));
        }
        None
    }

    /// A count of 2-99 units at `k` (digits or a number word), followed by its unit.
    fn small_count(&self, k: usize) -> Option<u32> {
        let v = if self.is_num(k) && self.s(k).len() <= 2 && !self.glued(k + 1) {
            self.s(k).parse::<u32>().ok()?
        } else {
            match self.lex(k) {
                Some(Lex::Unit(u)) => u32::from(u),
                Some(Lex::Ten(t)) => u32::from(t),
                _ => return None,
            }
        };
        (2..=99).contains(&v).then_some(v)
    }

    /// The unit word at `k`: day, week, month or quarter (singular or plural).
    fn period_unit(&self, k: usize) -> Option<&'static str> {
        match self.lex(k) {
            Some(Lex::TimeUnit(_, u @ ("day" | "week" | "month"))) => Some(u),
            Some(Lex::Quarter(_)) => Some("quarter"),
            _ => None,
        }
    }

    /// The period named at `k` and the token after it: a year (`2018`), a month with or
    /// without its year (`March`, `March 2019`, `March of 2019`), or one named from the
    /// publication date (`the year`, `this year`, `last year`, `next month`).
    fn period_at(&self, k: usize) -> Option<(Period, usize)> {
        // (a split year is a fiscal or crop year, not a calendar one: `the last quarter of
        // 1986/87`)
        if self.is_p(k + 1, "/") && self.glued(k + 1) && self.glued(k + 2) && self.is_num(k + 2) {
            return None;
        }
        if let Some(y) = self.year_at(k) {
            return Some((
                Period {
                    y: Some(y),
                    m: None,
                },
                k + 1,
            ));
        }
        if let Some(Lex::Month(m)) = self.lex(k) {
            let m = u32::from(m);
            let mut e = k + 1;
            if self.is_p(e, ".") && self.glued(e) && self.month_abbrev(k) {
                e += 1;
            }
            let ye = if (self.is_p(e, ",") || self.is(e, "of")) && self.near(e) {
                e + 1
            } else {
                e
            };
            if self.near(ye)
                && let Some(y) = self.year_at(ye)
            {
                return Some((
                    Period {
                        y: Some(y),
                        m: Some(m),
                    },
                    ye + 1,
                ));
            }
            // no year written: the one that puts the month closest to publication
            let iso = self.iso_of(DateParts {
                y: None,
                m: Some(m),
                d: None,
            });
            let y = iso.get(0..4).and_then(|s| s.parse::<i32>().ok());
            return Some((Period { y, m: Some(m) }, e));
        }
        let shift = if self.is_any(k, &["the", "this"]) {
            0
        } else if self.is_any(k, &["last", "previous"]) {
            -1
        } else if self.is(k, "next") {
            1
        } else {
            return None;
        };
        if !self.near(k + 1) {
            return None;
        }
        let p = self.published;
        if self.is(k + 1, "year") {
            return Some((
                Period {
                    y: p.map(|p| p.y + shift),
                    m: None,
                },
                k + 2,
            ));
        }
        if self.is(k + 1, "month") {
            let ym = p.map(|p| p.add_months(shift));
            return Some((
                Period {
                    y: ym.map(|(y, _)| y),
                    m: Some(ym.map_or(1, |(_, m)| m)),
                },
                k + 2,
            ));
        }
        None
    }
}

/// The ISO value of `part` of a year (`m` None) or month `y-m`, in units of `unit`: a date
/// for a single day or month, else a range. Weeks are counted from the period's first day
/// (the last ones from its last day). `None` when the part does not fit in the period.
fn part_range(y: i32, m: Option<u32>, unit: &str, part: Part) -> Option<(NumberKind, String)> {
    let (m0, m1) = match m {
        Some(m) => (m, m),
        None => (1, 12),
    };
    let first = Ymd { y, m: m0, d: 1 };
    let last = Ymd {
        y,
        m: m1,
        d: days_in_month(y, m1),
    };
    let span_days = last.days() - first.days() + 1;
    let days = |a: Ymd, b: Ymd| {
        if a == b {
            (NumberKind::Date, a.iso())
        } else {
            (NumberKind::DateRange, format!("{}/{}", a.iso(), b.iso()))
        }
    };
    match unit {
        "day" | "week" => {
            let len = if unit == "day" { 1 } else { 7 };
            let (from, n) = match part {
                Part::Nth(n) => (i64::from(n - 1) * len, len),
                Part::First(c) => (0, i64::from(c) * len),
                Part::Last(c) => (span_days - i64::from(c) * len, i64::from(c) * len),
            };
            if from < 0 || from + n > span_days {
                return None;
            }
            let a = first.add_days(from);
            let b = first.add_days(from + n - 1);
            Some(days(a, b))
        }
        "month" | "quarter" => {
            let len = if unit == "month" { 1 } else { 3 };
            let (from, n) = match part {
                Part::Nth(n) => ((n - 1) * len, len),
                Part::First(c) => (0, c * len),
                Part::Last(c) => (12u32.checked_sub(c * len)?, c * len),
            };
            if from + n > 12 {
                return None;
            }
            let (ma, mb) = (from + 1, from + n);
            Some(if ma == mb {
                (NumberKind::Date, format!("{y:04}-{ma:02}"))
            } else {
                (
                    NumberKind::DateRange,
                    format!("{y:04}-{ma:02}/{y:04}-{mb:02}"),
                )
            })
        }
        _ => None,
    }
}

impl P<'_> {
    /// `March 5 and 6`, `June 12 or 13, 2019`: a bare day after a date with its day is a day
    /// of the same month (`from March 5 to 9` is a range: [`P::date_range`]). `b` is the bare number (one token,
    /// no unit, counted noun or modifier) after `a`, joined by `and`/`or`; returns the day
    /// as a date, and the year written after it when there is one (which holds for `a`).
    pub(super) fn coordinated_day(&self, a: &Atom, b: &Atom) -> Option<(Atom, Option<i32>)> {
        if a.kind != NumberKind::Date
            || b.kind != NumberKind::Cardinal
            || b.t1 != b.t0 + 1
            || !self.is_num(b.t0)
            || b.t0 != a.t1 + 1
            || !self.is_any(a.t1, &["and", "or"])
            || !self.near(b.t0)
            || b.object.is_some()
            || b.unit.is_some()
            || b.modifier.is_some()
            || b.vague
        {
            return None;
        }
        // the day must be written (`March 5`, not `Monday` or `yesterday` resolved to one)
        if !self.written_day(a) {
            return None;
        }
        let Some(DateParts {
            y,
            m: Some(m),
            d: Some(d),
        }) = a.date
        else {
            return None;
        };
        let v = b.value?;
        if v.fract() != 0.0 || self.s(b.t0).len() > 2 {
            return None;
        }
        let v = v as u32;
        if v == d || v == 0 || v > 31 {
            return None;
        }
        // what follows the day must end it: a clause end, a year, or a word that cannot be
        // counted (`June 12 or 13 in Paris`; not `March 5 and 6 people died`)
        let k = b.t1;
        let mut year = None;
        let mut e = k;
        if self.is_p(k, ",")
            && self.near(k + 1)
            && let Some(yy) = self.year_at(k + 1)
        {
            year = Some(yy);
            e = k + 2;
        } else if !(k >= self.n()
            || !self.near(k)
            || matches!(
                self.s(k),
                "." | "," | ";" | ":" | ")" | "!" | "?" | "–" | "—"
            )
            || self.is_any(
                k,
                &[
                    "in", "at", "when", "as", "after", "before", "during", "and", "but", "with",
                    "to", "on",
                ],
            ))
        {
            return None;
        }
        // `12 cases on March 5 and 15 on March 6`: the number is a count of the next date (but
        // `on May 28 and 29 at 20.00 dlrs` is two days)
        if year.is_none()
            && self.is_any(k, &["in", "at", "on", "to", "during", "after", "before"])
            && (matches!(self.lex(k + 1), Some(Lex::Month(_) | Lex::Weekday(_)))
                || self.is(k + 1, "the") && self.is_num(k + 2))
        {
            return None;
        }
        let y = year.or(y);
        if y.is_some_and(|y| v > days_in_month(y, m)) || v > days_in_month(2000, m) {
            return None;
        }
        let mut r = self.mk_date(b.t0, e, y, Some(m), Some(v));
        if y.is_none() {
            // the same year as the date before it
            r.iso = a
                .iso
                .as_deref()
                .and_then(|s| s.get(0..4))
                .map(|ys| format!("{ys}-{m:02}-{v:02}"));
        }
        Some((r, year))
    }

    /// Date atom `a` writes its day as a number (`March 5`, `5th of May`, `Friday, 12 March`),
    /// which `a.date` keeps; a resolved `Monday` or `yesterday` has only an ISO value.
    pub(super) fn written_day(&self, a: &Atom) -> bool {
        a.date.is_some_and(|p| p.d.is_some()) && (a.t0..a.t1).any(|k| self.is_num(k))
    }
}

impl P<'_> {
    /// Days joined to the date before them ([`P::coordinated_day`]) become dates; a year
    /// written after the second day is given to the first as well (`June 12 or 13, 2019`).
    /// `the year to June 30`: the period that ends on the date ([`P::unit_to`]).
    pub(super) fn join_dates(&self, atoms: &mut [Atom]) {
        for r in 0..atoms.len() {
            let floor = if r == 0 { 0 } else { atoms[r - 1].t1 };
            if let Some(x) = self.unit_to(&atoms[r], floor) {
                atoms[r] = x;
            }
        }
        for r in 1..atoms.len() {
            let (done, rest) = atoms.split_at_mut(r);
            let (a, b) = (&mut done[r - 1], &mut rest[0]);
            if a.drop || b.drop {
                continue;
            }
            // `in March and August 1986`, `on May 3 or June 5, 1987`: the year written after
            // the second date holds for the first (the year before when the first month
            // comes later: `December and January 1987`)
            if let (
                Some(DateParts {
                    y: None,
                    m: Some(am),
                    d: ad,
                }),
                Some(DateParts {
                    y: Some(y),
                    m: Some(bm),
                    d: bd,
                }),
            ) = (a.date, b.date)
                && a.kind == NumberKind::Date
                && b.kind == NumberKind::Date
                && ad.is_some() == bd.is_some()
                && b.t0 == a.t1 + 1
                && self.near(a.t1)
                && self.near(b.t0)
                && self.is_any(a.t1, &["and", "or"])
            {
                let y = if am > bm { y - 1 } else { y };
                *a = self.mk_date(a.t0, a.t1, Some(y), Some(am), ad);
                continue;
            }
            let Some((day, year)) = self.coordinated_day(a, b) else {
                continue;
            };
            if let Some(y) = year
                && let Some(DateParts {
                    y: None,
                    m: Some(m),
                    d: Some(d),
                }) = a.date
            {
                *a = self.mk_date(a.t0, a.t1, Some(y), Some(m), Some(d));
            }
            *b = day;
        }
    }
}

impl P<'_> {
    /// `the three months to September`, `the 12 months to March 2019`, `the week to March 5`:
    /// `count` units ending with the month or day of `b` (the way company results and
    /// statistics are reported). Only after `the`: `extended by three months to March` is
    /// no period. `a` is the duration before `to`.
    pub(super) fn period_to(&self, a: &Atom, b: &Atom, t0: usize) -> Option<Atom> {
        if a.kind != NumberKind::Duration
            || a.t1 + 1 != b.t0
            || !self.is(a.t1, "to")
            || a.t0 == 0
            || !self.is(a.t0 - 1, "the")
            || a.modifier.is_some()
        {
            return None;
        }
        let (Some(v), Some(unit)) = (a.value, a.unit) else {
            return None;
        };
        // calendar units only: `the 24 hours to Sunday` needs the time of day
        if v.fract() != 0.0
            || !(1.0..=100.0).contains(&v)
            || !matches!(
                unit,
                "day" | "week" | "fortnight" | "month" | "quarter" | "year"
            )
        {
            return None;
        }
        let iso = self.ending_on(b, unit, v as u32);
        let mut r = Atom::new(t0.min(a.t0 - 1), b.t1, NumberKind::DateRange);
        r.iso = iso;
        Some(r)
    }

    /// `the year to June 30`, `the quarter to March`: one unit ending with the date atom `a`
    /// (its start moved back over `the UNIT to`, not before `floor`).
    fn unit_to(&self, a: &Atom, floor: usize) -> Option<Atom> {
        if a.kind != NumberKind::Date || a.t0 < floor + 3 || !self.is(a.t0 - 1, "to") {
            return None;
        }
        let unit = match self.lex(a.t0 - 2) {
            Some(Lex::TimeUnit(_, u @ ("week" | "month" | "year")))
                if !self.s(a.t0 - 2).ends_with(['s', 'S']) =>
            {
                u
            }
            Some(Lex::Quarter(false)) => "quarter",
            _ => return None,
        };
        if !self.is(a.t0 - 3, "the") || !self.near(a.t0 - 1) || !self.near(a.t0 - 2) {
            return None;
        }
        let mut r = Atom::new(a.t0 - 3, a.t1, NumberKind::DateRange);
        r.iso = self.ending_on(a, unit, 1);
        Some(r)
    }

    /// The ISO range of `n` units ending with date atom `b`: whole months when `b` is a
    /// month (`2018-04/2019-03`), days when it is a day (`2018-07-01/2019-06-30`).
    fn ending_on(&self, b: &Atom, unit: &str, n: u32) -> Option<String> {
        let iso = b.iso.as_deref()?;
        let months = match unit {
            "month" => n,
            "quarter" => 3 * n,
            "year" => 12 * n,
            _ => 0,
        };
        if let Some(end) = super::cal::parse_iso(iso) {
            // a day: the period starts `n` units before the day after it (the three months
            // to June 30 start on April 1)
            let next = end.add_days(1);
            let start = match unit {
                "day" => end.add_days(1 - i64::from(n)),
                "week" => end.add_days(1 - 7 * i64::from(n)),
                "fortnight" => end.add_days(1 - 14 * i64::from(n)),
                _ if months > 0 => {
                    let (y, m) = next.add_months(-i32::try_from(months).ok()?);
                    Ymd {
                        y,
                        m,
                        d: next.d.min(days_in_month(y, m)),
                    }
                }
                _ => return None,
            };
            return Some(format!("{}/{}", start.iso(), end.iso()));
        }
        // a month (YYYY-MM): whole months
        let b2 = iso.as_bytes();
        if months == 0 || b2.len() != 7 || b2[4] != b'-' {
            return None;
        }
        let y: i32 = iso.get(0..4)?.parse().ok()?;
        let m: u32 = iso.get(5..7)?.parse().ok()?;
        let (ys, ms) = Ymd { y, m, d: 1 }.add_months(1 - i32::try_from(months).ok()?);
        Some(format!("{ys:04}-{ms:02}/{iso}"))
    }
}

/// `count` calendar quarters starting `first` quarters from the one holding `p`, as a month
/// range (`2019-01/2019-06`): `the past two quarters` are the two before the current one,
/// `two quarters ago` the second before it. Business news counts reporting quarters.
pub(super) fn quarter_span(p: Ymd, first: i64, count: i64) -> Option<String> {
    if count < 1 {
        return None;
    }
    let cur = i64::from(p.y) * 4 + i64::from((p.m - 1) / 3);
    let (a, b) = (cur + first, cur + first + count - 1);
    let ym = |t: i64, last: bool| -> Option<(i32, u32)> {
        let y = i32::try_from(t.div_euclid(4)).ok()?;
        let m = 3 * t.rem_euclid(4) as u32 + if last { 3 } else { 1 };
        Some((y, m))
    };
    let ((ya, ma), (yb, mb)) = (ym(a, false)?, ym(b, true)?);
    Some(format!("{ya:04}-{ma:02}/{yb:04}-{mb:02}"))
}

#[cfg(test)]
mod tests {
    use super::super::tag_numbers;
    use crate::types::{DocContext, NumberKind};

    /// (text, kind, iso) of every mention of `text` published on `published`.
    fn tagged(text: &str, published: Option<&str>) -> Vec<(String, NumberKind, Option<String>)> {
        let ctx = DocContext {
            published: published.map(str::to_owned),
            dateline: None,
        };
        tag_numbers(text, &ctx)
            .into_iter()
            .map(|m| (text[m.span.clone()].to_owned(), m.kind, m.iso))
            .collect()
    }

    fn has(text: &str, span: &str, kind: NumberKind, iso: Option<&str>) {
        let got = tagged(text, Some("2019-07-04"));
        assert!(
            got.iter()
                .any(|g| g.0 == span && g.1 == kind && g.2.as_deref() == iso),
            "{text}: want ({span}, {kind:?}, {iso:?}), got {got:?}"
        );
    }

    #[test]
    fn parts_of_a_year_or_month_are_calendar_ranges() {
        use NumberKind::{Date, DateRange};
        for (text, span, kind, iso) in [
            (
                "Profit rose in the first three months of the year.",
                "the first three months of the year",
                DateRange,
                "2019-01/2019-03",
            ),
            (
                "Sales in the first nine months of 2018 fell.",
                "the first nine months of 2018",
                DateRange,
                "2018-01/2018-09",
            ),
            (
                "In the last six months of 2018, prices rose.",
                "the last six months of 2018",
                DateRange,
                "2018-07/2018-12",
            ),
            (
                "Reserves rose in the last week of February.",
                "the last week of February",
                DateRange,
                "2019-02-22/2019-02-28",
            ),
            (
                "Output fell in the second week of Sept. 2018.",
                "the second week of Sept. 2018",
                DateRange,
                "2018-09-08/2018-09-14",
            ),
            (
                "They will leave the third month of 2021.",
                "the third month of 2021",
                Date,
                "2021-03",
            ),
            (
                "He returns on the 15th of next month.",
                "the 15th of next month",
                Date,
                "2019-08-15",
            ),
            (
                "It ended on the last day of February 2020.",
                "the last day of February 2020",
                Date,
                "2020-02-29",
            ),
            (
                "Growth slowed in the last quarter of 2018.",
                "the last quarter of 2018",
                DateRange,
                "2018-10/2018-12",
            ),
            (
                "GDP in the first two quarters of this year rose.",
                "the first two quarters of this year",
                DateRange,
                "2019-01/2019-06",
            ),
            // `final` as `last`
            (
                "Output shrank in the final quarter of 2018.",
                "the final quarter of 2018",
                DateRange,
                "2018-10/2018-12",
            ),
            (
                "Prices rose in the final three months of last year.",
                "the final three months of last year",
                DateRange,
                "2018-10/2018-12",
            ),
        ] {
            has(text, span, kind, Some(iso));
        }
        // the year is unknown without a publication date: the months are still known
        let got = tagged("in the first three months of this year", None);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].2.as_deref(), Some("XXXX-01/XXXX-03"));
        let got = tagged("in the last week of March", None);
        assert_eq!((got.len(), got[0].2.as_deref()), (1, None), "{got:?}");
        // vague parts (no count, a plural unit), fractions, and weeks past the period's end
        for text in [
            "in the final months of 2018",
            "in the last days of March",
            "a third of last month's exports",
            "the first six weeks of February",
            "the fifth week of February 2020",
        ] {
            let got = tagged(text, Some("2019-07-04"));
            assert!(
                got.iter()
                    .all(|g| !matches!(g.1, DateRange) && g.0.len() < text.len() - 4),
                "{text}: {got:?}"
            );
        }
        // a part of something else is a duration, not a period before publication
        has(
            "during the last two years of the war",
            "two years",
            NumberKind::Duration,
            Some("P2Y"),
        );
        // a split year is a fiscal or crop year: its quarters are not calendar ones
        let got = tagged("in the final quarter of 1986/87", Some("2019-07-04"));
        assert!(got.iter().all(|g| !g.0.contains("quarter")), "{got:?}");
        has(
            "in the final quarter of 1986/87",
            "1986/87",
            DateRange,
            Some("1986/1987"),
        );
        // a week cannot be split into months
        let got = tagged("the first two months of March", Some("2019-07-04"));
        assert!(got.iter().all(|g| g.1 != DateRange), "{got:?}");
    }

    #[test]
    fn quarters_before_and_after_publication_are_calendar_quarters() {
        for (text, span, iso) in [
            (
                "Sales fell for the past two quarters.",
                "the past two quarters",
                "2019-01/2019-06",
            ),
            (
                "It will grow in the next 7 quarters.",
                "the next 7 quarters",
                "2019-10/2021-06",
            ),
            (
                "Two quarters ago, sales fell.",
                "Two quarters ago",
                "2019-01/2019-03",
            ),
            (
                "Five quarters ago, sales fell.",
                "Five quarters ago",
                "2018-04/2018-06",
            ),
        ] {
            has(text, span, NumberKind::DateRange, Some(iso));
        }
    }

    #[test]
    fn periods_that_end_on_a_date_are_ranges() {
        for (text, span, iso) in [
            (
                "Profit rose in the 12 months to March.",
                "the 12 months to March",
                "2018-04/2019-03",
            ),
            (
                "It grew in the three months to September 2004.",
                "the three months to September 2004",
                "2004-07/2004-09",
            ),
            (
                "Profit fell in the year to June 30.",
                "the year to June 30",
                "2018-07-01/2019-06-30",
            ),
            (
                "Sales fell in the four weeks to Jan. 25.",
                "the four weeks to Jan. 25",
                "2018-12-29/2019-01-25",
            ),
            (
                "in the quarter to March 2019",
                "the quarter to March 2019",
                "2019-01/2019-03",
            ),
        ] {
            has(text, span, NumberKind::DateRange, Some(iso));
        }
        // a period to a month's last day starts on the next month's first
        has(
            "in the three months to June 30",
            "the three months to June 30",
            NumberKind::DateRange,
            Some("2019-04-01/2019-06-30"),
        );
        has(
            "in the nine months to September 30",
            "the nine months to September 30",
            NumberKind::DateRange,
            Some("2019-01-01/2019-09-30"),
        );
        has(
            "in the year to Feb 28, 2021",
            "the year to Feb 28, 2021",
            NumberKind::DateRange,
            Some("2020-03-01/2021-02-28"),
        );
        // clock units need the time of day
        let got = tagged("12 deaths in the 24 hours to Sunday", Some("2019-07-04"));
        assert!(got.iter().all(|g| g.1 != NumberKind::DateRange), "{got:?}");
        // an extension by three months is no period
        has(
            "The deadline was extended by three months to March 31.",
            "three months",
            NumberKind::Duration,
            Some("P3M"),
        );
    }

    #[test]
    fn a_year_and_the_next_written_short_are_a_span() {
        use NumberKind::{Date, DateRange};
        has(
            "exported during 2003-04. Analysts",
            "2003-04",
            DateRange,
            Some("2003/2004"),
        );
        has(
            "could be achieved by 2008-09.",
            "2008-09",
            DateRange,
            Some("2008/2009"),
        );
        // a month that is not the next year's number, or a full date
        has("sales on 2015-03 rose", "2015-03", Date, Some("2015-03"));
        has(
            "on 2004-05-03 it rained",
            "2004-05-03",
            Date,
            Some("2004-05-03"),
        );
    }

    #[test]
    fn a_bare_day_after_a_date_is_in_its_month() {
        use NumberKind::{Cardinal, Date, DateRange};
        has(
            "He was in Rome from June 3 to 6 as a guest.",
            "from June 3 to 6",
            DateRange,
            Some("2019-06-03/2019-06-06"),
        );
        has(
            "It sold shares between Feb 11 and 19 at 24 dlrs.",
            "between Feb 11 and 19",
            DateRange,
            Some("2019-02-11/2019-02-19"),
        );
        has(
            "the period between Dec 23 and 31, 1986, and",
            "between Dec 23 and 31, 1986",
            DateRange,
            Some("1986-12-23/1986-12-31"),
        );
        has(
            "Ministers meet on May 25 and 26 to review trade.",
            "26",
            Date,
            Some("2019-05-26"),
        );
        has(
            "Results were due on April 22 or 23.",
            "23",
            Date,
            Some("2019-04-23"),
        );
        has(
            "The vote is on June 12 or 13, 2018.",
            "June 12",
            Date,
            Some("2018-06-12"),
        );
        has(
            "The vote is on June 12 or 13, 2018.",
            "13, 2018",
            Date,
            Some("2018-06-13"),
        );
        // a count after the day, a day past the month's end, or a day that is not later
        has("On March 5 and 6 people were killed.", "6", Cardinal, None);
        // counts of the next date, a resolved weekday, a bare `to` after a change
        has(
            "12 cases on March 5 and 15 on March 6",
            "15",
            Cardinal,
            None,
        );
        has("Five died on Monday and 3 on Tuesday", "3", Cardinal, None);
        has(
            "The death toll rose on March 5 to 12, officials said",
            "12",
            Cardinal,
            None,
        );
        let got = tagged("It ran from February 27 to 30.", Some("2019-07-04"));
        assert!(got.iter().all(|g| g.1 != DateRange), "{got:?}");
        let got = tagged("between March 9 and 4 units", Some("2019-07-04"));
        assert!(got.iter().all(|g| g.1 != DateRange), "{got:?}");
        // without a publication date the year stays unknown
        let got = tagged("between Feb 11 and 19 at prices", None);
        assert_eq!(
            got[0].2.as_deref(),
            Some("XXXX-02-11/XXXX-02-19"),
            "{got:?}"
        );
    }
}
