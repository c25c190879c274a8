//! Dates, date ranges and times, normalized to ISO 8601; relative dates resolved against the
//! publication date when it is known.

use super::cal::{Ymd, days_in_month};
use super::lex::{Lex, TK};
use super::{Atom, DateParts, P};
use crate::types::NumberKind;

/// Weekday `wd` (1 = Monday) of the ISO week `dir` weeks from publication's
/// (`XXXX-WXX-3` when unknown).
fn day_in_week(p: Option<Ymd>, dir: i32, wd: u32) -> String {
    match p {
        Some(p) => {
            let monday = p.week_start().add_days(7 * i64::from(dir));
            monday.add_days(i64::from(wd) - 1).iso()
        }
        None => format!("XXXX-WXX-{wd}"),
    }
}

/// Verbs of saying: the tense of the telling, a date's only when nothing else is near.
const SAYING: &[&str] = &[
    "said",
    "told",
    "announced",
    "reported",
    "added",
    "stated",
    "noted",
    "disclosed",
];

/// Full month names that are also common English words: only dates next to a day or year.
fn ambiguous_month(w: &str) -> bool {
    w.eq_ignore_ascii_case("may")
        || w.eq_ignore_ascii_case("march")
        || w.eq_ignore_ascii_case("mar")
        || w.eq_ignore_ascii_case("august")
        || w.eq_ignore_ascii_case("jan")
        || w.eq_ignore_ascii_case("sun")
}

/// Verbs and nouns of a level before `at`: `closed at 6.45`, `rates at 2.30` (no clock time).
const LEVEL: &[&str] = &[
    "close",
    "closed",
    "closing",
    "stood",
    "stand",
    "stands",
    "end",
    "ended",
    "ending",
    "finish",
    "finished",
    "open",
    "opened",
    "opening",
    "trade",
    "traded",
    "trading",
    "priced",
    "valued",
    "rose",
    "rise",
    "rising",
    "fell",
    "fall",
    "falling",
    "peak",
    "peaked",
    "fixed",
    "set",
    "estimated",
    "put",
    "pegged",
    "rate",
    "rates",
    "level",
    "levels",
    "high",
    "low",
    "record",
    "settle",
    "settled",
    "unchanged",
    "steady",
    "quoted",
    "hit",
    "reached",
    "capped",
    "jumped",
    "dropped",
    "slipped",
    "climbed",
];

impl P<'_> {
    pub(super) fn month_of(&self, i: usize) -> Option<u32> {
        match self.lex(i) {
            Some(Lex::Month(m)) => Some(u32::from(m)),
            _ => None,
        }
    }

    /// Year token: four digits 1000-2199.
    pub(super) fn year_at(&self, i: usize) -> Option<i32> {
        if self.is_num(i) && self.s(i).len() == 4 {
            let y: i32 = self.s(i).parse().ok()?;
            if (1000..=2199).contains(&y) {
                return Some(y);
            }
        }
        None
    }

    /// Day of month (1-31) at `i`, optionally with an ordinal suffix; returns (day, end).
    fn day_at(&self, i: usize) -> Option<(u32, usize)> {
        if !self.is_num(i) || self.s(i).len() > 2 {
            return None;
        }
        let d: u32 = self.s(i).parse().ok()?;
        if !(1..=31).contains(&d) {
            return None;
        }
        let mut e = i + 1;
        if self.glued(e) && self.is_any(e, &["st", "nd", "rd", "th"]) {
            e += 1;
        }
        if self.glued(e) && (self.is_word(e) || self.is_num(e)) {
            return None;
        }
        Some((d, e))
    }

    /// A day of the month in words: `eighteenth`, `twenty-second`, `thirty first` (ordinal),
    /// or `twenty nine`, `fifteen`, `one` (cardinal: `payable April one`, `on June eight`;
    /// [`P::month_first`] takes a cardinal only before a break, so `in March three were
    /// hurt` keeps the count); returns (day, end, ordinal?).
    fn day_words(&self, i: usize) -> Option<(u32, usize, bool)> {
        match self.lex(i) {
            Some(Lex::Ordinal(v, false)) if (1.0..=31.0).contains(&v) && v.fract() == 0.0 => {
                Some((v as u32, i + 1, true))
            }
            Some(Lex::Unit(u)) if (1..=19).contains(&u) => Some((u32::from(u), i + 1, false)),
            Some(Lex::Ten(t)) if t <= 30 => {
                let t = u32::from(t);
                let j = if self.is_p(i + 1, "-") && self.glued(i + 1) && self.glued(i + 2) {
                    i + 2
                } else if self.near(i + 1) {
                    i + 1
                } else {
                    return Some((t, i + 1, false));
                };
                let (u, ord) = match self.lex(j) {
                    Some(Lex::Unit(u)) if (1..=9).contains(&u) => (u32::from(u), false),
                    Some(Lex::Ordinal(v, false)) if (1.0..=9.0).contains(&v) => (v as u32, true),
                    _ => return Some((t, i + 1, false)),
                };
                let d = t + u;
                (d <= 31).then_some((d, j + 1, ord))
            }
            _ => None,
        }
    }

    /// Build a date atom from its parts, resolving a missing year against publication.
    pub(super) fn mk_date(
        &self,
        t0: usize,
        t1: usize,
        y: Option<i32>,
        m: Option<u32>,
        d: Option<u32>,
    ) -> Atom {
        let mut a = Atom::new(t0, t1, NumberKind::Date);
        let parts = DateParts { y, m, d };
        a.date = Some(parts);
        a.iso = Some(self.iso_of_dir(parts, self.year_dir(parts, t0, t1)));
        a
    }

    /// The tense of the sentence around a date without a year (`t0..t1`), when a year has
    /// to be chosen for it: -1 past, 1 future, 0 unclear or not needed.
    pub(super) fn year_dir(&self, p: DateParts, t0: usize, t1: usize) -> i8 {
        if p.y.is_some() || p.m.is_none() || self.published.is_none() {
            return 0;
        }
        if self.forward_month(t0, t1) {
            return 1;
        }
        self.tense_around(t0, t1)
    }

    /// The month ending before token `k` names a trade's forward month, whatever the tense of
    /// the clause (`bought 5,000 tonnes for April 16/25 shipment`, `sold for Oct/Nov
    /// delivery`, `June bonds closed lower`, `May wheat futures`): a shipment, delivery or
    /// futures contract, which is traded before its month (a month's statistics are not:
    /// `January wheat exports`, `February crude output`, `February shipments rose`: the
    /// plural is a trade only after `for` or in a pair of months, `Apr/Jun shipments`).
    /// The month is at tokens `t0..k`.
    pub(super) fn forward_month(&self, t0: usize, k: usize) -> bool {
        // over the rest of a month or day pair (`April 16/25`, `October/November`)
        let mut j = k;
        while j < k + 4
            && self.near(j)
            && (self.is_p(j, "/")
                || self.is_p(j, "-")
                || self.is_num(j)
                || self.month_of(j).is_some())
        {
            j += 1;
        }
        const TRADE: &[&str] = &[
            "shipment",
            "delivery",
            "loading",
            "arrival",
            "contract",
            "contracts",
            "futures",
            "option",
            "options",
        ];
        const GOODS: &[&str] = &[
            "bonds",
            "bond",
            "crude",
            "corn",
            "soybeans",
            "soybean",
            "soymeal",
            "soyoil",
            "wheat",
            "oats",
            "sugar",
            "cocoa",
            "coffee",
            "cotton",
            "gold",
            "silver",
            "copper",
            "platinum",
            "gasoline",
            "heating",
            "live",
            "feeder",
            "pork",
            "hogs",
            "cattle",
            "bellies",
            "lumber",
            "yen",
            "sterling",
            "Eurodollars",
        ];
        if !self.near(j) {
            return false;
        }
        if self.is_any(j, TRADE) {
            return true;
        }
        if self.is_any(j, &["shipments", "deliveries", "arrivals"]) {
            let paired = (t0 > 0 && self.is_p(t0 - 1, "/")) || (k..j).any(|x| self.is_p(x, "/"));
            return paired || (t0 > 0 && self.is_any(t0 - 1, &["for", "half"]));
        }
        if !self.is_any(j, GOODS) {
            return false;
        }
        // two-word goods (`heating oil`, `live cattle`, `pork bellies`)
        let mut v = j + 1;
        if self.near(v) && self.is_any(v, &["oil", "cattle", "bellies"]) {
            v += 1;
        }
        self.near(v)
            && (self.is_any(v, TRADE)
                || self.is_any(
                    v,
                    &[
                        "closed",
                        "settled",
                        "ended",
                        "finished",
                        "opened",
                        "rose",
                        "fell",
                        "gained",
                        "lost",
                        "traded",
                        "rallied",
                        "dropped",
                        "slipped",
                        "eased",
                        "firmed",
                        "jumped",
                        "climbed",
                        "advanced",
                        "declined",
                        "was",
                        "were",
                        "is",
                        "are",
                        "up",
                        "down",
                        "unchanged",
                        "unch",
                    ],
                ))
    }

    pub(super) fn iso_of(&self, p: DateParts) -> String {
        self.iso_of_dir(p, 0)
    }

    /// [`P::iso_of`], a missing year chosen by the tense `dir`: the nearest date around
    /// publication (0), the last one up to it (-1: `the attack in March killed 40`), or the
    /// next one from it (1: `the vote is due in March`). A day within three days of
    /// publication stays the nearest (a date a day ahead is a time zone's, not last year's).
    pub(super) fn iso_of_dir(&self, p: DateParts, dir: i8) -> String {
        let mut y = p.y;
        if y.is_none()
            && let (Some(pd), Some(m)) = (self.published, p.m)
        {
            // the year that puts the date closest to publication
            let d = p.d.unwrap_or(15).min(28);
            let mut best = pd.y;
            let mut best_dist = i64::MAX;
            for cand in [pd.y - 1, pd.y, pd.y + 1] {
                if p.d.is_some_and(|dd| dd > days_in_month(cand, m)) {
                    continue; // 29 February only in a leap year
                }
                let dist = (Ymd { y: cand, m, d }.days() - pd.days()).abs();
                if dist < best_dist {
                    best_dist = dist;
                    best = cand;
                }
            }
            if dir != 0 && (p.d.is_none() || best_dist > 3) {
                // months compare as months, days as days
                let key = |y: i32| match p.d {
                    Some(dd) => (y, m, dd),
                    None => (y, m, 0),
                };
                let now = match p.d {
                    Some(_) => (pd.y, pd.m, pd.d),
                    None => (pd.y, pd.m, 0),
                };
                let cand = if dir < 0 {
                    if key(pd.y) <= now { pd.y } else { pd.y - 1 }
                } else if key(pd.y) >= now {
                    pd.y
                } else {
                    pd.y + 1
                };
                // (29 February only in a leap year: else the nearest stays)
                if p.d.is_none_or(|dd| dd <= days_in_month(cand, m)) {
                    best = cand;
                }
            }
            y = Some(best);
        }
        let mut s = String::with_capacity(10);
        match y {
            Some(y) => super::cal::push_year(&mut s, y),
            None => s.push_str("XXXX"),
        }
        if let Some(m) = p.m {
            s.push('-');
            super::cal::push_padded(&mut s, m, 2);
            if let Some(d) = p.d {
                s.push('-');
                super::cal::push_padded(&mut s, d, 2);
            }
        }
        s
    }

    /// The tense of the clause around tokens `t0..t1`, from the cue nearest to them within
    /// twelve words before or six after in the sentence: a past form (`was`, `had`,
    /// `since`, an `-ed` word or an irregular past: `killed`, `rose`, `taken`) is -1; a
    /// future one (`will`, `'ll`, `would`, `shall`, `due`, `expected`, `scheduled`,
    /// `planned`, `is to`, `set to`/`set for`, `next`, `upcoming`) 1; a present one (`is`,
    /// `are`, `has`, `can`) or none 0. A participle after `be` is passive, not past (`will be
    /// held`): the cue before it decides.
    pub(super) fn tense_around(&self, t0: usize, t1: usize) -> i8 {
        // `extended the waiver to April 29`, `postponed until May`, `comments by March 31`,
        // `delayed until the week of June 6`: a new date or a deadline, either side
        let mut s = t0;
        if s > 3
            && self.is(s - 1, "of")
            && self.is_any(
                s - 2,
                &[
                    "week",
                    "weekend",
                    "end",
                    "start",
                    "beginning",
                    "middle",
                    "close",
                ],
            )
            && self.is(s - 3, "the")
        {
            s -= 3;
        }
        if s > 0 && self.is_any(s - 1, &["to", "until", "till", "by"]) {
            return 0;
        }
        let mut j = t0;
        let mut back = (0i8, usize::MAX);
        let mut weak = 0i8;
        let mut steps = 0;
        while j > 0 && steps < 12 && self.same_block(j) {
            j -= 1;
            steps += 1;
            match self.tense_word(j) {
                // a verb of saying is the tense of the telling, not always of the event
                // (`said in April the board would decide`): only when nothing else is near
                Some(-1) if self.is_any(j, SAYING) => {
                    weak = -1;
                }
                Some(c) => {
                    back = (c, steps);
                    break;
                }
                None if self.sentence_stop(j) => break,
                None => {}
            }
        }
        // after the date only a verb of the clause (`the attack in March killed`, `in March
        // the ratio narrowed`), not `were` or `had` (`prospects for the second quarter
        // were good` tells a forecast)
        let mut fwd = (0i8, usize::MAX);
        let mut j = t1;
        let mut steps = 1;
        // nor after a date that qualifies a noun (`a June election`, `the February figure`)
        // and only when nothing before tells (`rubber sold since he entered the market in
        // September would be discussed`: the verb after is the main clause's)
        let attributive = back.1 != usize::MAX
            || self.is_word(t1)
                && self.b(t1).first().is_some_and(u8::is_ascii_lowercase)
                && self.tense_word(t1).is_none()
                && !self.verb_position(t1);
        while !attributive && j < self.n() && steps <= 6 && self.same_block(j) && steps < back.1 {
            match self.tense_word(j) {
                Some(-1) if self.is_any(j, &["was", "were", "had", "did", "been", "since"]) => {}
                Some(-1) if self.is_any(j, SAYING) => {}
                Some(c) => {
                    fwd = (c, steps);
                    break;
                }
                // `told them on Tuesday that prices would rise`: a clause of its own
                None if self.sentence_stop(j) || self.is(j, "that") => break,
                None => {}
            }
            j += 1;
            steps += 1;
        }
        match (back.1, fwd.1) {
            (usize::MAX, usize::MAX) => weak,
            (b, f) if f < b => fwd.0,
            _ => back.0,
        }
    }

    /// `last` after token `k` is the verb (`would last 90 days`, `to last two weeks`,
    /// `which last six months`), not the adjective of a period.
    pub(super) fn verb_last(&self, k: usize) -> bool {
        self.near(k + 1)
            && self.is_any(
                k,
                &[
                    "will", "would", "to", "could", "may", "might", "should", "must", "can",
                    "shall", "did", "does", "do", "not", "which", "usually", "normally",
                ],
            )
    }

    /// Token `k` can follow a verb but seldom an adjective: a function word, a figure, a
    /// month or punctuation (`killed 40`, `arrested on`, `narrowed from`; not `a previously
    /// granted waiver`, `refined soyabean oil`).
    pub(super) fn verb_position(&self, k: usize) -> bool {
        !self.is_word(k)
            || self.month_of(k).is_some()
            || self.is_any(
                k,
                &[
                    "in", "on", "at", "by", "since", "from", "to", "the", "a", "an", "its", "his",
                    "her", "their", "last", "this", "that", "until", "during", "for", "after",
                    "before", "early", "late", "about", "more", "up", "down", "out", "off", "over",
                    "into", "as", "and", "but", "when", "it", "them", "him",
                ],
            )
    }

    /// Token `j` follows token `j-1` in the same paragraph (a wrapped line goes on).
    fn same_block(&self, j: usize) -> bool {
        if self.near(j) {
            return true;
        }
        match (self.t.get(j.wrapping_sub(1)), self.t.get(j)) {
            (Some(a), Some(b)) => self
                .text
                .get(a.end as usize..b.start as usize)
                .is_some_and(|g| g.bytes().filter(|&c| c == b'\n').count() == 1),
            _ => false,
        }
    }

    fn sentence_stop(&self, j: usize) -> bool {
        matches!(
            self.b(j),
            b"." | b"!" | b"?" | b";" | b":" | b"\"" | b"(" | b")"
        )
    }

    /// The tense word `j` signals: `Some(-1)` past, `Some(1)` future, `Some(0)` present (the
    /// scan stops unresolved), `None` no verb of tense.
    fn tense_word(&self, j: usize) -> Option<i8> {
        let w = self.b(j);
        if w.len() < 2 || w.len() > 11 || !w[0].is_ascii_alphabetic() {
            if w.len() > 3 && (w.ends_with(b"'ll") || w.ends_with("’ll".as_bytes())) {
                return Some(1);
            }
            return None;
        }
        let mut buf = [0u8; 11];
        for (d, c) in buf.iter_mut().zip(w) {
            *d = c.to_ascii_lowercase();
        }
        let lw = &buf[..w.len()];
        // a participle after a form of `be` is passive: the form decides (`will be held`,
        // `is poised to`, `was arrested`)
        let after_be = || {
            j > 0
                && self.is_any(
                    j - 1,
                    &["be", "being", "is", "are", "was", "were", "been", "'s"],
                )
        };
        Some(match lw {
            b"will" | b"shall" | b"would" | b"wo" | b"should" | b"must" | b"might" | b"due"
            | b"expected" | b"expects" | b"expect" | b"scheduled" | b"planned" | b"upcoming"
            | b"forthcoming" | b"next" | b"tomorrow" | b"payable" => {
                // `due to` is a cause unless a verb comes before it (`is due to meet`)
                if lw == b"due"
                    && self.is(j + 1, "to")
                    && !(j > 0 && self.is_any(j - 1, &["is", "are", "was", "were"]))
                {
                    return None;
                }
                // `was due`, `were expected`: a plan told in the past, either side of now
                if j > 0 && self.is_any(j - 1, &["was", "were"]) {
                    return Some(0);
                }
                1
            }
            b"set" if self.is_any(j + 1, &["to", "for"]) => 1,
            // verbs that are also nouns (`his plan despite Sunday's defeat`): before `to` only
            b"plans" | b"plan" | b"intends" | b"aims" | b"hopes" if self.is(j + 1, "to") => 1,
            b"to" if j > 0 && self.is_any(j - 1, &["is", "are"]) => 1,
            b"is" | b"are" | b"am" | b"has" | b"have" | b"does" | b"do" | b"can" => 0,
            // `has been`, `would have been`: no past of its own
            b"been" if j > 0 && self.is_any(j - 1, &["has", "have"]) => 0,
            b"was" | b"were" | b"had" | b"did" | b"been" | b"since" | b"ago" | b"said"
            | b"told" | b"rose" | b"fell" | b"took" | b"began" | b"came" | b"went" | b"made"
            | b"won" | b"lost" | b"held" | b"met" | b"left" | b"saw" | b"grew" | b"gave"
            | b"sold" | b"bought" | b"paid" | b"struck" | b"fled" | b"shot" | b"led" | b"ran"
            | b"broke" | b"spoke" | b"wrote" | b"became" | b"brought" | b"sent" | b"spent"
            | b"built" | b"kept" | b"felt" | b"found" | b"got" | b"thought" | b"stood"
            | b"fought" | b"drove" | b"chose" | b"froze" | b"sank" | b"threw" | b"stole"
            | b"taken" | b"begun" | b"given" | b"shown" | b"known" | b"seen" | b"done"
            | b"gone" | b"written" | b"spoken" | b"broken" | b"chosen" | b"driven" | b"fallen"
            | b"grown" | b"risen" | b"stolen" | b"beaten" | b"hidden" | b"sunk" | b"shaken"
            | b"frozen" | b"yesterday" | b"ended" | b"died" => {
                if after_be() {
                    return None;
                }
                -1
            }
            _ => {
                // a regular past: `killed`, `arrested` (not `need`, `hundred`, a name; the
                // four-letter `died` is listed above)
                if lw.len() > 4
                    && lw.ends_with(b"ed")
                    && !lw.ends_with(b"eed")
                    && lw != b"hundred"
                    && w[0].is_ascii_lowercase()
                    && !after_be()
                    && self.verb_position(j + 1)
                {
                    -1
                } else {
                    return None;
                }
            }
        })
    }

    /// A date or a relative date starting at token `i`; a part of the day after a day
    /// (`Monday night`, `yesterday afternoon`) belongs to it.
    pub(super) fn date_at(&self, i: usize) -> Option<Atom> {
        // changed in place (taking the figure out of the option and back was two copies)
        let mut found = self.date_at_inner(i);
        let a = found.as_mut()?;
        if a.kind == NumberKind::Date
            && a.iso.as_deref().is_none_or(|s| s.len() == 10)
            && self.near(a.t1)
        {
            // Sunday early morning, Friday late night (not after a holiday's name)
            let k = if self.is_any(a.t1, &["early", "late"])
                && self.near(a.t1 + 1)
                && !matches!(self.lex(i), Some(Lex::Holiday(..)))
            {
                a.t1 + 1
            } else {
                a.t1
            };
            if self.is_any(k, &["morning", "afternoon", "evening", "night"]) {
                a.t1 = k + 1;
            }
        }
        found
    }

    fn date_at_inner(&self, i: usize) -> Option<Atom> {
        if self.is_num(i) {
            return self
                .part_of_period(i)
                .or_else(|| self.numeric_date(i))
                .or_else(|| self.day_first(i));
        }
        match self.lex(i) {
            Some(Lex::Month(_)) => self.month_first(i),
            Some(Lex::Weekday(wd)) => self
                .holiday_friday(i, 0)
                .or_else(|| self.weekday(i, u32::from(wd))),
            Some(Lex::Holiday(m, d)) => {
                let mut e = i + 1;
                if self.is(i, "christmas") && self.is_any(e, &["day", "eve"]) {
                    if self.is(e, "eve") {
                        e += 1;
                        return Some(self.mk_date(i, e, None, Some(12), Some(24)));
                    }
                    e += 1;
                }
                let mut y = None;
                if let Some(yy) = self.year_at(e)
                    && self.near(e)
                {
                    y = Some(yy);
                    e += 1;
                }
                Some(self.mk_date(i, e, y, Some(u32::from(m)), Some(u32::from(d))))
            }
            Some(Lex::DayRel(k)) => {
                // the BBC's Today programme, NBC's Today show: a name
                if self.capitalized(i)
                    && self.near(i + 1)
                    && self.is_any(i + 1, &["programme", "program", "show", "presenter"])
                {
                    return None;
                }
                let mut a = Atom::new(i, i + 1, NumberKind::Date);
                if let Some(d) = self.published.map(|p| p.add_days(i64::from(k))) {
                    a.set_day(d);
                }
                Some(a)
            }
            Some(Lex::Ordinal(v, false)) if v <= 31.0 && v.fract() == 0.0 => {
                // the first three months of 2018, the second week of March
                if let Some(a) = self.part_of_period(i) {
                    return Some(a);
                }
                // first quarter (of 2013), third-quarter
                let qk = if self.is_p(i + 1, "-") && self.glued(i + 1) {
                    i + 2
                } else {
                    i + 1
                };
                if self.is_any(qk, &["quarter", "qtr"]) && self.near(qk) {
                    return self.quarter(i, v as u32, qk + 1);
                }
                if self.is(qk, "half") && self.near(qk) {
                    return self.half_year(i, v as u32, qk + 1);
                }
                // second of August
                let mut k = i + 1;
                if self.is(k, "of") {
                    k += 1;
                    let m = self.month_of(k)?;
                    let mut e = k + 1;
                    if self.is_p(e, ".") && self.glued(e) && self.month_abbrev(k) {
                        e += 1;
                    }
                    let mut y = None;
                    if self.is_p(e, ",") && self.year_at(e + 1).is_some() {
                        e += 1;
                    }
                    if let Some(yy) = self.year_at(e)
                        && self.near(e)
                    {
                        y = Some(yy);
                        e += 1;
                    }
                    return Some(self.mk_date(i, e, y, Some(m), Some(v as u32)));
                }
                None
            }
            _ => self
                .part_of_period(i)
                .or_else(|| self.holiday_phrase(i))
                .or_else(|| self.recurring_weekday(i))
                .or_else(|| self.relative(i)),
        }
    }

    /// Holidays of several words on a fixed day: `Independence Day` (the US one, unless a
    /// country is named before it), `New Year's Day`, `Valentine's Day`, `Boxing Day`,
    /// `Bastille Day`, `Armistice Day`, `International Women's Day`; with a year after
    /// (`of this year`, `2019`).
    fn holiday_phrase(&self, i: usize) -> Option<Atom> {
        // word `k` is `w's` (one token, or three: `w`, `'` or `’`, `s`; or `ws`): the end after it
        let poss = |k: usize, w: &str| -> Option<usize> {
            let s = self.s(k);
            if s.len() == w.len() + 2
                && s.get(..w.len()).is_some_and(|x| x.eq_ignore_ascii_case(w))
                && s.get(w.len()..)
                    .is_some_and(|x| x.eq_ignore_ascii_case("'s"))
            {
                return Some(k + 1);
            }
            if self.is(k, w)
                && (self.is_p(k + 1, "’") || self.is_p(k + 1, "'"))
                && self.is(k + 2, "s")
                && self.glued(k + 1)
            {
                return Some(k + 3);
            }
            // valentines (no apostrophe)
            (s.len() == w.len() + 1
                && s.get(..w.len()).is_some_and(|x| x.eq_ignore_ascii_case(w))
                && s.ends_with(['s', 'S']))
            .then_some(k + 1)
        };
        let day =
            |k: usize| -> Option<usize> { (self.near(k) && self.is(k, "day")).then_some(k + 1) };
        let (m, d, e) = if self.is(i, "independence") {
            // India's Independence Day, Ukrainian Independence Day: another country's day
            if i > 0
                && self.near(i)
                && ((self.capitalized(i - 1)
                    && !self.is_any(
                        i - 1,
                        &[
                            "the", "on", "by", "before", "after", "since", "until", "for", "this",
                            "last", "next", "happy", "of", "at", "from", "a",
                        ],
                    ))
                    || (self.is(i - 1, "s") && (self.is_p(i - 2, "’") || self.is_p(i - 2, "'"))))
            {
                return None;
            }
            (7, 4, day(i + 1)?)
        } else if self.is(i, "new") && self.near(i + 1) {
            let e = poss(i + 1, "year")?;
            if self.is(e, "eve") && self.near(e) {
                (12, 31, e + 1)
            } else if let Some(e) = day(e) {
                (1, 1, e)
            } else {
                return None;
            }
        } else if let Some(e) =
            poss(i, "valentine").or_else(|| self.is(i, "valentine").then_some(i + 1))
        {
            (2, 14, day(e)?)
        } else if self.is(i, "boxing") {
            (12, 26, day(i + 1)?)
        } else if self.is(i, "bastille") {
            (7, 14, day(i + 1)?)
        } else if self.is_any(i, &["armistice", "remembrance", "veterans", "veteran's"]) {
            (11, 11, day(i + 1)?)
        } else if self.is(i, "women's") && i > 0 && self.is(i - 1, "international") {
            let mut a = self.holiday_at(i - 1, 3, 8, day(i + 1)?);
            a.t0 = i - 1;
            return Some(a);
        } else {
            return None;
        };
        Some(self.holiday_at(i, m, d, e))
    }

    /// A holiday on month `m`, day `d` at tokens `i..e`, with the year written after it.
    fn holiday_at(&self, i: usize, m: u32, d: u32, e: usize) -> Atom {
        let mut e = e;
        let mut y = None;
        if let Some(yy) = self.year_at(e)
            && self.near(e)
        {
            y = Some(yy);
            e += 1;
        } else if self.is(e, "of") && self.near(e + 1) {
            if let Some(yy) = self.year_at(e + 1) {
                y = Some(yy);
                e += 2;
            } else if self.is(e + 2, "year")
                && let Some(p) = self.published
            {
                let dy = if self.is(e + 1, "this") {
                    Some(0)
                } else if self.is_any(e + 1, &["last", "previous"]) {
                    Some(-1)
                } else if self.is(e + 1, "next") {
                    Some(1)
                } else {
                    None
                };
                if let Some(dy) = dy {
                    y = Some(p.y + dy);
                    e += 3;
                }
            }
        }
        self.mk_date(i, e, y, Some(m), Some(d))
    }

    /// `on Thursdays`: every such weekday (`XXXX-WXX-4`, modifier `every`).
    fn recurring_weekday(&self, i: usize) -> Option<Atom> {
        let wd = super::RECURRING_WEEKDAYS
            .iter()
            .position(|d| self.is(i, d))?
            + 1;
        // Happy Mondays (a name): a capitalized word before that is no function word
        if i > 0
            && self.near(i)
            && self.capitalized(i - 1)
            && !self.is_any(
                i - 1,
                &[
                    "on",
                    "every",
                    "most",
                    "some",
                    "all",
                    "the",
                    "and",
                    "or",
                    "but",
                    "until",
                    "from",
                    "by",
                    "except",
                    "including",
                ],
            )
            && !matches!(self.lex(i - 1), Some(Lex::Weekday(_)))
        {
            return None;
        }
        let mut a = Atom::new(i, i + 1, NumberKind::Date);
        a.iso = Some(format!("XXXX-WXX-{wd}"));
        a.modifier = Some("every");
        Some(a)
    }

    /// `in the morning`, `early morning`, `in the evenings`, `at night`: a part of the day
    /// (kind time, TIMEX3 ISO `TMO`, `TAF`, `TEV`, `TNI`); `i` is the part's word.
    pub(super) fn part_of_day(&self, i: usize, floor: usize) -> Option<Atom> {
        let w = self.s(i);
        let (code, plural) = [
            ("morning", "TMO", false),
            ("afternoon", "TAF", false),
            ("evening", "TEV", false),
            ("night", "TNI", false),
            ("mornings", "TMO", true),
            ("afternoons", "TAF", true),
            ("evenings", "TEV", true),
            ("nights", "TNI", true),
        ]
        .iter()
        .find(|x| x.0.len() == w.len() && x.0.eq_ignore_ascii_case(w))
        .map(|x| (x.1, x.2))?;
        let back = |k: usize, ws: &[&str]| k > floor && self.near(k) && self.is_any(k - 1, ws);
        let mut t0 = i;
        if back(t0, &["the"]) && back(t0 - 1, &["in"]) {
            t0 -= 2;
            if back(t0, &["early", "late"]) {
                t0 -= 1;
            }
        } else if !plural && back(t0, &["early", "late"]) {
            t0 -= 1;
            if back(t0, &["in"]) {
                t0 -= 1;
            }
        } else if !plural && code == "TNI" && back(t0, &["at"]) {
            t0 -= 1;
        } else {
            return None;
        }
        let mut a = Atom::new(t0, i + 1, NumberKind::Time);
        a.iso = Some(code.to_owned());
        Some(a)
    }

    /// `at the weekend`, `on the weekend`, `over the weekend` (`weekend` at `i`): the weekend
    /// nearest publication, as a bare weekday is: the last one up to it (on a Saturday or
    /// Sunday the one under way) or, after a future verb ([`P::tense_around`]), the next one.
    /// Not another weekend (`the weekend of June 3`, `the weekend-long festival`).
    pub(super) fn the_weekend(&self, i: usize, floor: usize) -> Option<Atom> {
        if i < floor + 2
            || !self.near(i)
            || !self.near(i - 1)
            || !self.is(i - 1, "the")
            || !self.is_any(i - 2, &["at", "on", "over", "during", "throughout"])
            || (self.near(i + 1) && self.is(i + 1, "of"))
            || (self.glued(i + 1) && (self.is_word(i + 1) || self.is_p(i + 1, "-")))
        {
            return None;
        }
        let mut a = Atom::new(i - 1, i + 1, NumberKind::DateRange);
        a.iso = self.published.map(|p| {
            let sat = p.nearest_weekday(6, self.tense_around(i - 1, i + 1) > 0);
            format!("{}/{}", sat.iso(), sat.add_days(1).iso())
        });
        Some(a)
    }

    /// A shortened month name (`Dec`, `Sept`), whose period belongs to it; after a full name
    /// (`25 December.`) the period ends the sentence.
    pub(super) fn month_abbrev(&self, k: usize) -> bool {
        let w = self.s(k);
        w.len() <= 4
            && !["may", "june", "july"]
                .iter()
                .any(|f| w.eq_ignore_ascii_case(f))
    }

    /// 2022-04-19, 2022/04/19, 2015-03, 19/04/2022, 4/19/2022, 19.04.2022, 2019-aug-1.
    fn numeric_date(&self, i: usize) -> Option<Atom> {
        let glued3 = |k: usize| self.glued(k) && self.glued(k + 1);
        if let Some(y) = self.year_at(i)
            && self.s(i).len() == 4
        {
            let sep = self.s(i + 1);
            // 2019/20, 1998/99, 2019/2020: a financial year or a season (the next year only)
            if sep == "/"
                && glued3(i + 1)
                && self.is_num(i + 2)
                && !(self.glued(i + 3) && (self.is_num(i + 3) || self.is_word(i + 3)))
                && !(self.glued(i + 3) && self.is_p(i + 3, "/") && self.is_num(i + 4))
                && let Ok(v) = self.s(i + 2).parse::<i32>()
                && match self.s(i + 2).len() {
                    2 => v == (y + 1) % 100,
                    4 => v == y + 1,
                    _ => false,
                }
            {
                let mut r = Atom::new(i, i + 3, NumberKind::DateRange);
                r.iso = Some(format!("{y:04}/{:04}", y + 1));
                return Some(r);
            }
            // 2019-Q1, 2019 Q1
            let qk = if sep == "-" && glued3(i + 1) {
                i + 2
            } else if self.near(i + 1) && !self.glued(i + 1) {
                i + 1
            } else {
                usize::MAX - 2
            };
            if self.is(qk, "q")
                && self.glued(qk + 1)
                && self.is_num(qk + 1)
                && !self.glued(qk + 2)
                && let Ok(q) = self.s(qk + 1).parse::<u32>()
            {
                let mut a = self.quarter(i, q, qk + 2)?;
                a.t1 = qk + 2;
                // the year is the one written before
                let (m0, m1) = (3 * q - 2, 3 * q);
                a.iso = Some(format!("{y:04}-{m0:02}/{y:04}-{m1:02}"));
                return Some(a);
            }
            if self.near(i + 1) && !self.glued(i + 1) {
                // 2016 10 16: year, month and day apart
                if self.is_num(i + 1)
                    && self.s(i + 1).len() == 2
                    && self.near(i + 2)
                    && self.is_num(i + 2)
                    && self.s(i + 2).len() == 2
                    && !(self.is_num(i + 3) && self.near(i + 3))
                    && !(self.glued(i + 3) && (self.is_word(i + 3) || self.is_num(i + 3)))
                    && !self.counted_after(i + 3)
                    && let (Ok(m), Ok(d)) =
                        (self.s(i + 1).parse::<u32>(), self.s(i + 2).parse::<u32>())
                    && (1..=12).contains(&m)
                    && d >= 1
                    && d <= days_in_month(y, m)
                {
                    return Some(self.mk_date(i, i + 3, Some(y), Some(m), Some(d)));
                }
                // 2017 April: year before month, no day after
                if let Some(m) = self.month_of(i + 1)
                    && (self.capitalized(i + 1) || !ambiguous_month(self.s(i + 1)))
                    && self.s(i + 1).len() > 3
                    && !(self.near(i + 2)
                        && (self.is_num(i + 2) || self.day_words(i + 2).is_some()))
                {
                    return Some(self.mk_date(i, i + 2, Some(y), Some(m), None));
                }
            }
            if matches!(sep, "-" | "/") && glued3(i + 1) {
                let m = if self.is_num(i + 2) && self.s(i + 2).len() <= 2 {
                    self.s(i + 2).parse::<u32>().ok()?
                } else {
                    self.month_of(i + 2)?
                };
                if !(1..=12).contains(&m) {
                    return None;
                }
                if self.s(i + 3) == sep
                    && glued3(i + 3)
                    && self.is_num(i + 4)
                    && self.s(i + 4).len() <= 2
                {
                    let d: u32 = self.s(i + 4).parse().ok()?;
                    if d == 0 || d > 31 {
                        return None;
                    }
                    if self.glued(i + 5) && (self.is_num(i + 5) || self.is_word(i + 5)) {
                        return None;
                    }
                    return Some(self.mk_date(i, i + 5, Some(y), Some(m), Some(d)));
                }
                // year-month: only 2015-03 or 2015-3, not the year range 2011-12
                let ms = self.s(i + 2);
                // 2003-04, 2008-09: the next year (a season or financial year), as 2011-12
                if sep == "-"
                    && ms.len() == 2
                    && ms.starts_with('0')
                    && m == ((y + 1) % 100) as u32
                    && !(self.glued(i + 3) && !self.is_p(i + 3, ".") && !self.is_p(i + 3, ","))
                {
                    let mut r = Atom::new(i, i + 3, NumberKind::DateRange);
                    r.iso = Some(format!("{y:04}/{:04}", y + 1));
                    return Some(r);
                }
                let is_month = !self.is_num(i + 2) || ms.len() == 1 || ms.starts_with('0');
                if is_month
                    && sep == "-"
                    && !(self.glued(i + 3) && !self.is_p(i + 3, ".") && !self.is_p(i + 3, ","))
                {
                    return Some(self.mk_date(i, i + 3, Some(y), Some(m), None));
                }
            }
            return None;
        }
        // 10/1 to 11/7, 2/29-3/1, 2/29-3/1/2019: a range of two days written month first
        if let Some(r) = self.slash_day_range(i) {
            return Some(r);
        }
        // d/m/y or m/d/y
        if self.s(i).len() <= 2 {
            let sep = self.s(i + 1);
            if matches!(sep, "/" | "." | "-")
                && glued3(i + 1)
                && self.is_num(i + 2)
                && self.s(i + 2).len() <= 2
                && self.s(i + 3) == sep
                && glued3(i + 3)
                && self.is_num(i + 4)
                && matches!(self.s(i + 4).len(), 2 | 4)
                && !(self.glued(i + 5)
                    && (self.is_num(i + 6) || self.is_word(i + 5))
                    && !self.dash_to_numeric_date(i + 5))
            {
                let a: u32 = self.s(i).parse().ok()?;
                let b: u32 = self.s(i + 2).parse().ok()?;
                let mut y: i32 = self.s(i + 4).parse().ok()?;
                if self.s(i + 4).len() == 2 {
                    y += if y < 50 { 2000 } else { 1900 };
                }
                // month first (US) unless the first part cannot be a month
                let (m, d) = if a > 12 || (sep == "." && b <= 12) {
                    (b, a)
                } else {
                    (a, b)
                };
                if !(1..=12).contains(&m) || d == 0 || d > 31 {
                    return None;
                }
                return Some(self.mk_date(i, i + 5, Some(y), Some(m), Some(d)));
            }
            // 22/04: day first, no year, when the first part cannot be a month
            if sep == "/"
                && glued3(i + 1)
                && self.is_num(i + 2)
                && self.s(i + 2).len() <= 2
                && (!self.glued(i + 3) || matches!(self.s(i + 3), "." | "," | ")" | ";"))
            {
                let a: u32 = self.s(i).parse().ok()?;
                let b: u32 = self.s(i + 2).parse().ok()?;
                if (a, b) == (24, 7) {
                    return None; // the idiom "24/7" (all the time)
                }
                if (13..=31).contains(&a) && (1..=12).contains(&b) && a <= days_in_month(2000, b) {
                    return Some(self.mk_date(i, i + 3, None, Some(b), Some(a)));
                }
                // `9/11` written so, after the day: the attacks of 2001 ("since 9/11", "the 9/11
                // commission"), as news after it uses the name; news without a date is read as
                // written after it (the day written so is rare; the name is common)
                if self.s(i) == "9"
                    && self.s(i + 2) == "11"
                    && self
                        .published
                        .is_none_or(|p| (p.y, p.m, p.d) > (2001, 9, 11))
                {
                    return Some(self.mk_date(i, i + 3, Some(2001), Some(9), Some(11)));
                }
                // a fraction before a percent (`a 1/14 pct selling concession`) is no date
                if self.near(i + 3) && self.is_any(i + 3, &["pct", "percent", "per", "pc"]) {
                    return None;
                }
                // 9/11, 5/12: month first (US) when the second part is no usual denominator
                if (1..=12).contains(&a)
                    && (1..=31).contains(&b)
                    && b <= days_in_month(2000, a)
                    && !matches!(b, 2 | 3 | 4 | 5 | 6 | 8 | 10 | 16 | 32 | 64 | 100)
                    && (a < b || self.s(i + 2).starts_with('0') || self.s(i).starts_with('0'))
                {
                    return Some(self.mk_date(i, i + 3, None, Some(a), Some(b)));
                }
            }
        }
        None
    }

    /// A date atom with its parts read from its ISO value when it was resolved from words
    /// (`next Monday`, `this May`).
    fn with_parts(&self, a: &Atom) -> Atom {
        let mut a = a.clone();
        if a.date.is_some() || a.kind != NumberKind::Date {
            return a;
        }
        let Some(iso) = a.iso.as_deref() else {
            return a;
        };
        let num = |r: std::ops::Range<usize>| iso.get(r).and_then(|x| x.parse::<u32>().ok());
        let b = iso.as_bytes();
        let y = num(0..4).map(|y| y as i32);
        let parts = match b.len() {
            4 => y.map(|y| DateParts {
                y: Some(y),
                m: None,
                d: None,
            }),
            7 if b[4] == b'-' => num(5..7).map(|m| DateParts {
                y,
                m: Some(m),
                d: None,
            }),
            10 if b[4] == b'-' && b[7] == b'-' => match (num(5..7), num(8..10)) {
                (Some(m), Some(d)) => Some(DateParts {
                    y,
                    m: Some(m),
                    d: Some(d),
                }),
                _ => None,
            },
            _ => None,
        };
        a.date = parts.filter(|p| p.y.is_some());
        a
    }

    /// Two `m/d` days joined by a dash or `to`: a range (month first, as US news writes it,
    /// unless only day first is valid); a year after the second day holds for both.
    /// A dash at `k` glued to a whole numeric date after it (`5/1/2019-5/7/2020`): the end of
    /// a range, not more digits of the date before it.
    fn dash_to_numeric_date(&self, k: usize) -> bool {
        let sep = self.s(k + 2);
        self.is_p(k, "-")
            && self.glued(k + 1)
            && self.is_num(k + 1)
            && self.s(k + 1).len() <= 2
            && matches!(sep, "/" | ".")
            && self.glued(k + 2)
            && self.glued(k + 3)
            && self.is_num(k + 3)
            && self.s(k + 3).len() <= 2
            && self.s(k + 4) == sep
            && self.glued(k + 4)
            && self.glued(k + 5)
            && self.is_num(k + 5)
            && self.s(k + 5).len() == 4
    }

    fn slash_day_range(&self, i: usize) -> Option<Atom> {
        let md = |k: usize| -> Option<(u32, u32)> {
            if self.is_num(k)
                && self.s(k).len() <= 2
                && self.is_p(k + 1, "/")
                && self.glued(k + 1)
                && self.glued(k + 2)
                && self.is_num(k + 2)
                && self.s(k + 2).len() <= 2
            {
                Some((self.s(k).parse().ok()?, self.s(k + 2).parse().ok()?))
            } else {
                None
            }
        };
        let (a1, b1) = md(i)?;
        let j = i + 3;
        let dash = matches!(self.s(j), "-" | "–") && self.glued(j) && self.glued(j + 1);
        let word =
            self.is_any(j, &["to", "through", "until", "till"]) && self.near(j) && self.near(j + 1);
        if !(dash || word) {
            return None;
        }
        let k = j + 1;
        let (a2, b2) = md(k)?;
        let mut e = k + 3;
        let mut y = None;
        if self.is_p(e, "/") && self.glued(e) && self.glued(e + 1) {
            y = Some(self.year_at(e + 1)?);
            e += 2;
        }
        if self.glued(e) && (self.is_word(e) || self.is_num(e) || self.is_p(e, "/")) {
            return None;
        }
        // betting odds: from 4/1 to 5/2 favourite
        if y.is_none()
            && self.is_any(
                e,
                &[
                    "favourite",
                    "favorite",
                    "favourites",
                    "favorites",
                    "shot",
                    "odds",
                    "outsider",
                    "chance",
                    "on",
                ],
            )
        {
            return None;
        }
        let ok = |m: u32, d: u32| (1..=12).contains(&m) && d >= 1 && d <= days_in_month(2000, m);
        let ((m1, d1), (m2, d2)) = if ok(a1, b1) && ok(a2, b2) && (a1, b1) < (a2, b2) {
            ((a1, b1), (a2, b2))
        } else if ok(b1, a1) && ok(b2, a2) && (b1, a1) < (b2, a2) {
            ((b1, a1), (b2, a2))
        } else {
            return None;
        };
        if let Some(y) = y
            && (d1 > days_in_month(y, m1) || d2 > days_in_month(y, m2))
        {
            return None;
        }
        let a = self.iso_of(DateParts {
            y,
            m: Some(m1),
            d: Some(d1),
        });
        // both days in the year found for the first
        let y2 = y.or_else(|| a.get(0..4).and_then(|s| s.parse().ok()));
        if let Some(yy) = y2
            && d2 > days_in_month(yy, m2)
        {
            return None;
        }
        let b = self.iso_of(DateParts {
            y: y2,
            m: Some(m2),
            d: Some(d2),
        });
        let mut r = Atom::new(i, e, NumberKind::DateRange);
        r.iso = Some(format!("{a}/{b}"));
        Some(r)
    }

    /// Q3 2019, the first quarter of 2013, third-quarter: a quarter as a month range.
    pub(super) fn quarter(&self, t0: usize, q: u32, k: usize) -> Option<Atom> {
        if !(1..=4).contains(&q) {
            return None;
        }
        let mut e = k;
        let mut y = None;
        let mut ye = k;
        if self.is(ye, "of") || (self.is_p(ye, "-") && self.glued(ye) && self.glued(ye + 1)) {
            ye += 1;
        }
        if let Some(yy) = self.year_at(ye)
            && self.near(ye)
        {
            y = Some(yy);
            e = ye + 1;
        }
        // `1985 4th qtr`: the year written just before
        if y.is_none()
            && t0 > 0
            && self.near(t0)
            && let Some(yy) = self.year_at(t0 - 1)
        {
            y = Some(yy);
        }
        // a fiscal quarter by the day it ends: `2ND QTR DEC 31`, `the third quarter ended
        // April 30` are the three months to that month (a day in the first week, as 52-week
        // years end, `quarter ended May 2`, closes the month before)
        if y.is_none()
            && let Some(end) = self.quarter_end(e)
        {
            let mut r = Atom::new(t0, e, NumberKind::DateRange);
            let (y1, m1) = end.add_months(if end.d <= 7 { -1 } else { 0 });
            let (y0, m0) = Ymd { y: y1, m: m1, d: 1 }.add_months(-2);
            let mut s = String::with_capacity(15);
            super::cal::push_year(&mut s, y0);
            s.push('-');
            super::cal::push_padded(&mut s, m0, 2);
            s.push('/');
            super::cal::push_year(&mut s, y1);
            s.push('-');
            super::cal::push_padded(&mut s, m1, 2);
            r.iso = Some(s);
            return Some(r);
        }
        let m0 = 3 * q - 2;
        // a past tense chooses the last such quarter begun by publication (`taken in the
        // third quarter`)
        let dir = self.year_dir(
            DateParts {
                y,
                m: Some(m0),
                d: None,
            },
            t0,
            e,
        );
        // (a future verb does not move a quarter: `will report first quarter results` is
        // the one just over)
        let a = self.iso_of_dir(
            DateParts {
                y,
                m: Some(m0),
                d: None,
            },
            dir.min(0),
        );
        let b = self.iso_of(DateParts {
            y,
            m: Some(m0 + 2),
            d: None,
        });
        let mut r = Atom::new(t0, e, NumberKind::DateRange);
        // the year is the one that puts the quarter's first month closest to publication
        let year_a = a.get(0..4).unwrap_or("XXXX").to_owned();
        let b = format!("{year_a}{}", b.get(4..).unwrap_or(""));
        r.iso = Some(format!("{a}/{b}"));
        Some(r)
    }

    /// The day a quarter at `k` ends, resolved (`DEC 31`, `ended April 30`, `ending
    /// March 31, 1987`); only a month with its day.
    fn quarter_end(&self, k: usize) -> Option<Ymd> {
        let mut j = k;
        // `1ST QTR Periods ended April 30`
        if self.is_any(j, &["period", "periods"]) && self.same_block(j) {
            j += 1;
        }
        if self.is_any(j, &["ended", "ending"]) && self.same_block(j) {
            j += 1;
        }
        if !self.same_block(j) || self.month_of(j).is_none() {
            return None;
        }
        let a = self.month_first(j)?;
        match a.date {
            Some(DateParts {
                m: Some(_),
                d: Some(_),
                ..
            }) => super::cal::parse_iso(a.iso.as_deref()?),
            _ => None,
        }
    }

    /// 19 April 2022, 16th of October 2017, 4th of July, 30 December.
    fn day_first(&self, i: usize) -> Option<Atom> {
        let (d, mut k) = self.day_at(i)?;
        // 18-19 November 2017: a range of days in one month
        if matches!(self.s(k), "-" | "–")
            && let Some((d2, k2)) = self.day_at(k + 1)
            && d2 > d
            && let Some(b) = self.day_first(k + 1)
            && let Some(bp) = b.date
            && bp.d == Some(d2)
            && k2 <= b.t1
        {
            let ap = DateParts { d: Some(d), ..bp };
            let mut r = Atom::new(i, b.t1, NumberKind::DateRange);
            r.iso = Some(format!("{}/{}", self.iso_of(ap), self.iso_of(bp)));
            return Some(r);
        }
        if !self.near(k) {
            return None;
        }
        // the 15th day of June
        if self.is(k, "day") && self.is(k + 1, "of") {
            k += 1;
        }
        if self.is(k, "of") {
            k += 1;
        }
        let m = self.month_of(k)?;
        if !self.near(k) {
            return None;
        }
        let mut e = k + 1;
        if self.is_p(e, ".") && self.glued(e) && self.month_abbrev(k) {
            e += 1;
        }
        let mut y = None;
        let mut ye = e;
        if self.is_p(ye, ",") {
            ye += 1;
        }
        if self.is_any(ye, &["of", "in"]) {
            ye += 1;
        }
        if let Some(yy) = self.year_at(ye)
            && self.near(ye)
        {
            y = Some(yy);
            e = ye + 1;
        }
        if y.is_none() && ambiguous_month(self.s(k)) && !self.capitalized(k) {
            return None;
        }
        if d > days_in_month(y.unwrap_or(2000), m) {
            return None;
        }
        Some(self.mk_date(i, e, y, Some(m), Some(d)))
    }

    /// Oct 16, 2017 / March 18th, 2019 / September 2014 / Dec-2018 / June.
    fn month_first(&self, i: usize) -> Option<Atom> {
        let m = self.month_of(i)?;
        let w = self.s(i);
        let mut k = i + 1;
        let abbrev = self.month_abbrev(i);
        if self.is_p(k, ".") && self.glued(k) && abbrev {
            k += 1;
        }
        // day
        if self.near(k) || self.glued(k) {
            let mut dk = k;
            if self.is_p(dk, ",") && self.day_at(dk + 1).is_some() && self.year_at(dk + 1).is_none()
            {
                dk += 1;
            }
            // October the 4th; Sep-23-2020; May/22
            if self.is(dk, "the")
                || ((self.is_p(dk, "-") || self.is_p(dk, "/"))
                    && self.glued(dk)
                    && self.glued(dk + 1)
                    && self.day_at(dk + 1).is_some())
            {
                dk += 1;
            }
            if let Some((d, e, ord_word)) = self
                .day_at(dk)
                .map(|(d, e)| (d, e, false))
                .or_else(|| self.day_words(dk))
                && (self.near(dk) || self.glued(dk))
                && !self.is_p(e, ":")
                && !(self.is_p(e, ".") && self.glued(e) && self.is_num(e + 1))
            {
                if d > days_in_month(2000, m) {
                    // February 30: a date as written, but no such day (no ISO value)
                    if self.counted_after(e) || (ambiguous_month(w) && !self.capitalized(i)) {
                        return self.month_alone(i, m, abbrev);
                    }
                    return Some(Atom::new(i, e, NumberKind::Date));
                }
                let mut e = e;
                let mut d2 = None;
                if matches!(self.s(e), "-" | "–")
                    && let Some((dd, e2)) = self.day_at(e + 1)
                    && dd > d
                {
                    d2 = Some(dd);
                    e = e2;
                }
                let range = |a: Atom| -> Atom {
                    match (d2, a.date) {
                        (Some(dd), Some(p)) => {
                            let mut r = Atom::new(a.t0, a.t1, NumberKind::DateRange);
                            let bp = DateParts { d: Some(dd), ..p };
                            r.iso = Some(format!("{}/{}", self.iso_of(p), self.iso_of(bp)));
                            r
                        }
                        _ => a,
                    }
                };
                let mut ye = e;
                if self.is_p(ye, ",") || (self.is_p(ye, "-") && self.glued(ye)) {
                    ye += 1;
                }
                if self.is_any(ye, &["of", "in"]) {
                    ye += 1;
                }
                if let Some(y) = self.year_at(ye)
                    && self.near(ye)
                    && !(self.glued(ye + 1) && self.is_word(ye + 1))
                {
                    return Some(range(self.mk_date(i, ye + 1, Some(y), Some(m), Some(d))));
                }
                // "May 4": a day needs a capitalized or unambiguous month, and no count after
                // ("in May 4 people died"); after a determiner or `on` the date qualifies the
                // noun ("the July 7 bombings", "a November 19 news conference", "on April 1
                // becomes", "the quarter ending June 30 plus")
                if self.counted_after(e)
                    && !(i > 0
                        && self.is_any(
                            i - 1,
                            &[
                                "the", "a", "an", "its", "their", "his", "her", "our", "on",
                                "ending", "ended", "base",
                            ],
                        ))
                {
                    return self.month_alone(i, m, abbrev);
                }
                if ambiguous_month(w) && !self.capitalized(i) && !ord_word {
                    return self.month_alone(i, m, abbrev);
                }
                // "in March twenty more died": a day in cardinal words only before a break,
                // not in a compound (`the February three-month average`) nor after `the`
                // (`May and July the two spot months`)
                if self.is_word(dk)
                    && !ord_word
                    && ((self.is_word(e)
                        && self.near(e)
                        && !self.is_any(e, &["at", "on", "and", "to", "until", "till", "through"]))
                        || (self.is_p(e, "-") && self.glued(e))
                        || self.is(dk - 1, "the"))
                {
                    return self.month_alone(i, m, abbrev);
                }
                return Some(range(self.mk_date(i, e, None, Some(m), Some(d))));
            }
            // year
            let mut ye = k;
            if self.is_p(ye, ",") || ((self.is_p(ye, "-") || self.is_p(ye, "/")) && self.glued(ye))
            {
                ye += 1;
            }
            if self.is(ye, "of") {
                ye += 1;
            }
            if let Some(y) = self.year_at(ye)
                && (self.near(ye) || self.glued(ye))
                && !(self.glued(ye + 1) && self.is_word(ye + 1))
                && !(self.is_p(ye + 1, "-") && self.glued(ye + 1) && self.is_num(ye + 2))
            {
                return Some(self.mk_date(i, ye + 1, Some(y), Some(m), None));
            }
        }
        self.month_alone(i, m, abbrev)
    }

    /// Month `m` written alone at token `i` (no day, no year follows, or a day refused:
    /// "In August, 12 people died" keeps August and the count).
    fn month_alone(&self, i: usize, m: u32, abbrev: bool) -> Option<Atom> {
        let w = self.s(i);
        if abbrev && !w.eq_ignore_ascii_case("sept") || ambiguous_month(w) {
            // "in May", "since March": a preposition makes it a month
            // mid-March, early-May
            let joined = i >= 2
                && self.capitalized(i)
                && self.is_p(i - 1, "-")
                && self.glued(i)
                && self.glued(i - 1)
                && self.is_any(i - 2, &["mid", "early", "late"]);
            let cue = joined
                || i > 0
                    && self.capitalized(i)
                    && self.is_any(
                        i - 1,
                        &[
                            "in", "since", "until", "till", "last", "next", "this", "early",
                            "late", "mid", "from", "between", "by", "during", "and", "of",
                            "through", "to", "after", "before",
                        ],
                    );
            // `for March shipment`, `May wheat futures`: a trade's month
            let cue = cue || (self.capitalized(i) && self.forward_month(i, i + 1));
            let before_range = matches!(self.s(i + 1), "-" | "–")
                && self.month_of(i + 2).is_some()
                && self.capitalized(i);
            if !cue && !before_range {
                return None;
            }
        }
        let mut e = i + 1;
        if self.is_p(e, ".") && self.glued(e) && abbrev {
            e += 1;
        }
        Some(self.mk_date(i, e, None, Some(m), None))
    }

    /// Monday; Monday, Oct 16, 2017; Friday 2018-7-6; tuesday the 4th; Tuesday of last week.
    /// Whether the weekday at `i` is part of a newspaper's name, no date: the Sunday Times,
    /// the Sunday Telegraph, the Mail on Sunday (not `Wales on Sunday`, as often a match).
    fn newspaper_day(&self, i: usize) -> bool {
        let name_after = self.near(i + 1)
            && matches!(
                self.s(i + 1),
                "Times"
                    | "Telegraph"
                    | "Express"
                    | "Mirror"
                    | "Mail"
                    | "Independent"
                    | "Post"
                    | "Herald"
                    | "People"
                    | "Observer"
                    | "Sport"
                    | "Business"
                    | "Tribune"
                    | "Star"
            );
        let name_before = i >= 2
            && self.s(i - 1) == "on"
            && self.near(i)
            && self.near(i - 1)
            && matches!(self.s(i - 2), "Mail" | "Independent" | "Express");
        self.capitalized(i) && (name_after || name_before)
    }

    fn weekday(&self, i: usize, wd: u32) -> Option<Atom> {
        if self.newspaper_day(i) {
            return None;
        }
        let mut k = i + 1;
        // Sunday mornings, tuesday nights: every such weekday, as `on Sundays`
        if self.near(k) && self.is_any(k, &["mornings", "afternoons", "evenings", "nights"]) {
            let mut a = Atom::new(i, k + 1, NumberKind::Date);
            a.iso = Some(format!("XXXX-WXX-{wd}"));
            a.modifier = Some("every");
            return Some(a);
        }
        // Tuesday of last week, Wednesday next week, Friday evening this week
        let mut j = k;
        if self.near(j) && self.is_any(j, &["morning", "afternoon", "evening", "night"]) {
            j += 1;
        }
        if self.is(j, "of") {
            j += 1;
        }
        if self.is(j + 1, "week") && self.near(j) && self.near(j + 1) {
            let dir = if self.is_any(j, &["last", "previous", "past"]) {
                Some(-1)
            } else if self.is_any(j, &["next", "coming", "following"]) {
                Some(1)
            } else if self.is(j, "this") {
                Some(0)
            } else {
                None
            };
            if let Some(dir) = dir {
                let mut a = Atom::new(i, j + 2, NumberKind::Date);
                a.iso = Some(day_in_week(self.published, dir, wd));
                return Some(a);
            }
        }
        if self.is_p(k, ",") {
            k += 1;
        }
        if self.near(k) {
            if let Some(mut a) = self
                .date_at(k)
                .filter(|a| a.date.is_some_and(|d| d.d.is_some()))
            {
                a.t0 = i;
                return Some(a);
            }
            let day = if self.is(k, "the") {
                self.day_at(k + 1).or_else(|| {
                    self.day_words(k + 1)
                        .filter(|x| x.2)
                        .map(|(d, e, _)| (d, e))
                })
            } else if self.glued(k + 1) && self.is_any(k + 1, &["st", "nd", "rd", "th"]) {
                // Mon 13th
                self.day_at(k)
            } else {
                None
            };
            if let Some((d, e)) = day {
                let mut a = self.mk_date(i, e, None, None, Some(d));
                if let Some(p) = self.published {
                    // the nearest date with that day and weekday
                    for back in 0..400 {
                        for c in [p.add_days(-back), p.add_days(back)] {
                            if c.d == d && c.weekday() == wd {
                                a.iso = Some(c.iso());
                                return Some(a);
                            }
                        }
                    }
                }
                a.iso = None;
                return Some(a);
            }
        }
        let w = self.s(i);
        if w.len() <= 4 {
            return None; // Mon, Wed, Sat, Sun alone are too ambiguous
        }
        let mut a = Atom::new(i, i + 1, NumberKind::Date);
        a.iso = Some(match self.published {
            // the last such day up to publication; after a future verb the next one from it
            Some(p) => p.nearest_weekday(wd, self.weekday_tense(i) > 0).iso(),
            None => format!("XXXX-WXX-{wd}"),
        });
        Some(a)
    }

    /// The tense that places the bare weekday at token `i`: a deadline (`until Friday`, `by
    /// Monday`, `postponed until Thursday`) is ahead unless the verb before it is past (`talks
    /// lasted until Monday`: the tense read from before the `until`), and so is a schedule in
    /// the present tense (`the vote is on Monday`; not the cleft `it is on Monday that ...`);
    /// else the clause's tense ([`P::tense_around`]).
    fn weekday_tense(&self, i: usize) -> i8 {
        if i > 0 && self.near(i) && self.is_any(i - 1, &["until", "till", "by"]) {
            let delay = i > 1
                && self.is_any(
                    i - 2,
                    &[
                        "postponed",
                        "delayed",
                        "adjourned",
                        "deferred",
                        "extended",
                        "recessed",
                        "off",
                    ],
                );
            return if !delay && self.tense_around(i - 1, i + 1) < 0 {
                -1
            } else {
                1
            };
        }
        if i > 1
            && self.near(i)
            && self.is(i - 1, "on")
            && self.is_any(i - 2, &["is", "are"])
            && !self.is(i + 1, "that")
        {
            return 1;
        }
        self.tense_around(i, i + 1)
    }

    /// last year, next week, this month, last Monday, next June, early 2018, mid-2017.
    fn relative(&self, i: usize) -> Option<Atom> {
        let k = i + 1;
        if !self.near(k) {
            return None;
        }
        if self.is_any(i, &["early", "mid", "late"]) {
            let mut j = k;
            if self.is_p(j, "-") && self.glued(j) && self.glued(j + 1) {
                j += 1;
            } else if self.is(i, "mid") {
                return None;
            }
            let mut a = self.date_at(j)?;
            if a.kind != NumberKind::Date || a.date.is_some_and(|d| d.d.is_some()) {
                return None;
            }
            a.t0 = i;
            a.modifier = Some(match self.s(i).to_ascii_lowercase().as_str() {
                "early" => "early",
                "mid" => "mid",
                _ => "late",
            });
            return Some(a);
        }
        // "past" only names a period: the past week, past quarter (not "past" the hour)
        if self.is(i, "past")
            && !self.is_any(
                k,
                &["week", "month", "year", "quarter", "decade", "weekend"],
            )
        {
            return None;
        }
        let dir: i32 = if self.is_any(i, &["last", "previous", "past"]) {
            -1
        } else if self.is_any(i, &["next", "coming", "following"]) {
            1
        } else if self.is(i, "this") {
            0
        } else {
            return None;
        };
        let p = self.published;
        let mut a = Atom::new(i, k + 1, NumberKind::Date);
        // this morning, last night
        if self.is_any(k, &["morning", "afternoon", "evening", "night"]) && dir <= 0 {
            let back = if dir < 0 && self.is(k, "night") {
                -1
            } else if dir < 0 {
                return None;
            } else {
                0
            };
            a.iso = p.map(|p| p.add_days(back).iso());
            return Some(a);
        }
        match self.lex(k) {
            Some(Lex::TimeUnit(_, unit)) => {
                let w = self.s(k);
                if w.ends_with('s') {
                    return None; // "last three years" has its number elsewhere
                }
                // next week Wednesday: a day of that week
                if unit == "week"
                    && self.near(k + 1)
                    && let Some(Lex::Weekday(wd)) = self.lex(k + 1)
                    && self.s(k + 1).len() > 4
                {
                    a.t1 = k + 2;
                    a.iso = Some(day_in_week(p, dir, u32::from(wd)));
                    return Some(a);
                }
                a.iso = match unit {
                    "week" => p.map(|p| p.add_days(7 * i64::from(dir)).iso_week()),
                    "month" => p.map(|p| {
                        let (y, m) = p.add_months(dir);
                        format!("{y:04}-{m:02}")
                    }),
                    "year" => p.map(|p| format!("{:04}", p.y + dir)),
                    "decade" => p.map(|p| {
                        let d = (p.y / 10 + dir) * 10;
                        format!("{d}/{}", d + 9)
                    }),
                    _ => return None,
                };
                if unit == "decade" {
                    a.kind = NumberKind::DateRange;
                }
            }
            Some(Lex::Weekday(wd)) if self.s(k).len() > 4 => {
                let wd = u32::from(wd);
                a.iso = Some(match p {
                    Some(p) => {
                        let cur = i64::from(p.weekday());
                        let w = i64::from(wd);
                        let delta = match dir {
                            -1 => -((cur - w - 1).rem_euclid(7) + 1),
                            1 => (w - cur - 1).rem_euclid(7) + 1,
                            _ => w - cur,
                        };
                        p.add_days(delta).iso()
                    }
                    None => format!("XXXX-WXX-{wd}"),
                });
            }
            Some(Lex::Month(m)) if self.capitalized(k) || !ambiguous_month(self.s(k)) => {
                if self
                    .month_first(k)
                    .is_some_and(|d| d.date.is_some_and(|p| p.d.is_some() || p.y.is_some()))
                {
                    return None;
                }
                let m = u32::from(m);
                a.iso = Some(match p {
                    Some(p) => {
                        let y = match dir {
                            -1 => {
                                if m < p.m {
                                    p.y
                                } else {
                                    p.y - 1
                                }
                            }
                            1 => {
                                if m > p.m {
                                    p.y
                                } else {
                                    p.y + 1
                                }
                            }
                            _ => p.y,
                        };
                        format!("{y:04}-{m:02}")
                    }
                    None => format!("XXXX-{m:02}"),
                });
            }
            Some(Lex::Quarter(false)) => {
                a.kind = NumberKind::DateRange;
                a.iso = Some(super::periods::quarter_span(p?, i64::from(dir), 1)?);
            }
            _ => {
                if self.is(k, "weekend") {
                    a.kind = NumberKind::DateRange;
                    a.iso = p.map(|p| {
                        let cur = i64::from(p.weekday());
                        let sat = match dir {
                            -1 => -((cur - 6 - 1).rem_euclid(7) + 1),
                            1 => (6 - cur - 1).rem_euclid(7) + 1,
                            _ => 6 - cur,
                        };
                        format!("{}/{}", p.add_days(sat).iso(), p.add_days(sat + 1).iso())
                    });
                } else {
                    return None;
                }
            }
        }
        Some(a)
    }

    /// 10:00, 10:29 pm, 8am, 8 p.m., noon, midnight, 1000 GMT.
    /// An hour 1-12 written in digits or words at `i`.
    fn hour_at(&self, i: usize) -> Option<u32> {
        if self.is_num(i) && self.s(i).len() <= 2 {
            let h: u32 = self.s(i).parse().ok()?;
            return (1..=12).contains(&h).then_some(h);
        }
        match self.lex(i) {
            Some(Lex::Unit(u)) if (1..=12).contains(&u) => Some(u32::from(u)),
            _ => None,
        }
    }

    /// `am`, `pm`, `a.m.`, `p.m.` as a separate word at `k`: (pm?, end).
    fn ampm_at(&self, k: usize) -> Option<(bool, usize)> {
        if !self.near(k) {
            return None;
        }
        if self.is_any(k, &["am", "pm"]) {
            return Some((self.is(k, "pm"), k + 1));
        }
        if self.is_any(k, &["a", "p"])
            && self.is_p(k + 1, ".")
            && self.is(k + 2, "m")
            && self.glued(k + 1)
            && self.glued(k + 2)
        {
            let e = if self.is_p(k + 3, ".") && self.glued(k + 3) {
                k + 4
            } else {
                k + 3
            };
            return Some((self.is(k, "p"), e));
        }
        None
    }

    /// `five-thirty`, `nine fifteen`, `two forty five`: an hour word (1-12) and minutes in
    /// words (10-59); returns (hour, minutes, end, hyphenated).
    fn word_clock(&self, i: usize) -> Option<(u32, u32, usize, bool)> {
        let h = match self.lex(i) {
            Some(Lex::Unit(u)) if (1..=12).contains(&u) => u32::from(u),
            _ => return None,
        };
        let mut k = i + 1;
        let hyphen = self.is_p(k, "-") && self.glued(k) && self.glued(k + 1);
        if hyphen {
            k += 1;
        } else if !self.near(k) {
            return None;
        }
        let mut mi = match self.lex(k) {
            Some(Lex::Ten(t)) if t <= 50 => u32::from(t),
            Some(Lex::Unit(u)) if (10..=19).contains(&u) => u32::from(u),
            _ => return None,
        };
        k += 1;
        if mi >= 20 {
            let j = if self.is_p(k, "-") && self.glued(k) && self.glued(k + 1) {
                k + 1
            } else {
                k
            };
            if (j > k || self.near(j))
                && let Some(Lex::Unit(u)) = self.lex(j)
                && (1..=9).contains(&u)
            {
                mi += u32::from(u);
                k = j + 1;
            }
        }
        Some((h, mi, k, hyphen))
    }

    /// Whether a clock time in words may start at `i`: after a time preposition or a day,
    /// or before the half of the day; `nine thirty` alone may be a count.
    fn clock_context(&self, i: usize, end: usize) -> bool {
        let before = i > 0
            && self.near(i)
            && (self.is_any(
                i - 1,
                &[
                    "at", "from", "to", "until", "till", "around", "about", "by", "before",
                    "after", "between",
                ],
            ) || matches!(
                self.lex(i - 1),
                Some(Lex::Ordinal(..) | Lex::Weekday(_) | Lex::DayRel(_))
            ));
        let after = self.near(end)
            && (self.is_any(end, &["am", "pm", "o'clock", "oclock", "o’clock"])
                || matches!(self.lex(end), Some(Lex::DayRel(_)))
                || self.day_part_after(end).is_some());
        before || after
    }

    /// `at 6.45`: a dotted number after "at" reads as a clock time, unless a level verb comes
    /// before (`closed at 6.45`, `rates at 2.30`) or a unit after (`at 2.30 percent`, `at
    /// 5.25 per cent`, `at 1.15 per share`).
    fn at_clock_cue(&self, i: usize) -> bool {
        if i == 0 || !self.near(i) || !self.is(i - 1, "at") {
            return false;
        }
        if i >= 2 && self.is_any(i - 2, LEVEL) {
            return false;
        }
        let e = i + 3;
        if self.near(e) {
            // a rate: `at 5.25 per cent`, `at 2.30 per share`
            if self.is_p(e, "%") || self.is(e, "per") {
                return false;
            }
            if let Some(l) = self.lex(e)
                && !matches!(l, Lex::DayRel(_) | Lex::Weekday(_) | Lex::Month(_))
            {
                return false;
            }
            // a price in a currency the table does not know: `at 14.50 bolivars`
            let w = self.b(e);
            if w.first().is_some_and(u8::is_ascii_lowercase)
                && super::plural_noun(w)
                && !self.is_any(e, &["hours", "hrs"])
            {
                return false;
            }
        }
        true
    }

    /// `in the evening`, `at night` after a clock time: (tokens used, afternoon?).
    pub(super) fn day_part_after(&self, k: usize) -> Option<(usize, bool)> {
        if !self.near(k) {
            return None;
        }
        if self.is(k, "in") && self.is(k + 1, "the") {
            if self.is(k + 2, "morning") {
                return Some((3, false));
            }
            if self.is_any(k + 2, &["afternoon", "evening"]) {
                return Some((3, true));
            }
        }
        if self.is(k, "at") && self.is(k + 1, "night") {
            return Some((2, true));
        }
        None
    }

    /// Whether [`P::clock_words`] cannot match at the word `i`, read from the token after it
    /// (an exact pre-test: most number words are followed by a noun, `three people`, `million
    /// dollars`). Every clock rule needs, right after a word at `i`, a known word (a number
    /// word going on, `quarter`, `minutes`, `a`...) or one of the few unknown words they read
    /// there: `past`, `after`, `to`, `o'clock`, `am`/`pm`, `p` of `p.m.`, and the words that
    /// continue a number in words (`and`, `point`, `dozs`). A number in words ([`P::core`])
    /// ends before any other unknown word, so the minutes rule finds no `past` after it.
    /// Number tokens are not tested: digits may continue with an unknown glued suffix.
    pub(super) fn no_clock_words_at(&self, i: usize) -> bool {
        if !self.is_word(i) {
            return false;
        }
        let Some(nx) = self.t.get(i + 1) else {
            return true;
        };
        nx.kind == TK::Word
            && nx.id == 0
            && !self.is_any(
                i + 1,
                &[
                    "past", "after", "to", "and", "point", "dozs", "dzs", "am", "pm", "a", "p",
                    "o'clock", "oclock",
                ],
            )
    }

    /// Clock times in words: `half past seven`, `quarter to five`, `ten past 9`,
    /// `20 min past eight in the evening`, `7 o'clock`.
    pub(super) fn clock_words(&self, i: usize) -> Option<Atom> {
        if self.no_clock_words_at(i) {
            return None;
        }
        self.clock_words_rules(i)
    }

    /// `at ten to nine`, `at twenty-five to six tonight`: after `at` (not a level: `put it at
    /// five to ten`), round minutes in words (the caller's) and `to` at `k`, then an hour
    /// word that [`P::hour_ends_clock`]; elsewhere `five to eight` is a range of counts.
    fn at_minutes_to(&self, i: usize, k: usize) -> bool {
        i > 0
            && self.near(i)
            && self.is(i - 1, "at")
            && !(i >= 2 && self.is_any(i - 2, LEVEL))
            && !(i >= 3 && self.is_any(i - 3, LEVEL))
            && self.is(k, "to")
            && self.near(k)
            && matches!(self.lex(k + 1), Some(Lex::Unit(1..=12)))
            && self.hour_ends_clock(k + 1)
    }

    /// The hour at `h` of `ten to nine`, `a quarter to 8` ends the clause or comes before a
    /// day, a half of the day or `o'clock` (not `cut by a quarter to 2 billion`).
    pub(super) fn hour_ends_clock(&self, h: usize) -> bool {
        let e = h + 1;
        self.near(h)
            && (e >= self.n()
                || !self.near(e)
                || matches!(self.s(e), "." | "," | ";" | ":" | "!" | "?" | ")")
                || matches!(self.lex(e), Some(Lex::DayRel(_) | Lex::Weekday(_)))
                || self.ampm_at(e).is_some()
                || self.day_part_after(e).is_some()
                || self.is_any(
                    e,
                    &["o'clock", "oclock", "o’clock", "this", "on", "tomorrow"],
                ))
    }

    /// [`P::clock_words`] without its pre-test.
    pub(super) fn clock_words_rules(&self, i: usize) -> Option<Atom> {
        let mut k = i;
        let mut minutes: Option<(u32, bool)> = None; // (minutes, past?)
        // "five to seven" is a range of counts, so "to" needs half, quarter or "minutes"
        let mut named = false;
        let m = if self.is(k, "half") {
            k += 1;
            named = true;
            Some(30)
        } else if self.is(k, "quarter") || (self.is(k, "a") && self.is(k + 1, "quarter")) {
            k += if self.is(k, "a") { 2 } else { 1 };
            named = true;
            Some(15)
        } else if let Some(c) = self
            .core(k)
            .filter(|c| !c.frac && c.v.fract() == 0.0 && (1.0..60.0).contains(&c.v))
        {
            k = c.t1;
            if self.is_any(k, &["min", "mins", "minute", "minutes"]) {
                k += 1;
                named = true;
            } else if c.words && matches!(c.v as u32, 5 | 10 | 20 | 25) && self.at_minutes_to(i, k)
            {
                named = true;
            }
            Some(c.v as u32)
        } else {
            None
        };
        if let Some(m) = m
            && (self.is_any(k, &["past", "after"]) || (named && self.is(k, "to")))
            && self.near(k)
        {
            minutes = Some((m, !self.is(k, "to")));
            k += 1;
        }
        let mut word_min = None;
        let h = if minutes.is_some() {
            // "cut in half to 10%": a figure, not a clock time
            if self.is_p(k + 1, "%") || matches!(self.lex(k + 1), Some(Lex::Percent)) {
                return None;
            }
            self.hour_at(k)?
        } else if let Some((h, mi, e, hyphen)) = self.word_clock(i)
            && (hyphen || self.clock_context(i, e))
        {
            // five-thirty, at nine fifteen
            word_min = Some(mi);
            k = e - 1;
            h
        } else {
            // H o'clock, six pm
            let h = self.hour_at(i)?;
            k = i;
            let oclock = self.is_any(k + 1, &["o'clock", "oclock", "o’clock"]);
            if !(oclock || self.is_word(i) && self.ampm_at(k + 1).is_some()) {
                return None;
            }
            h
        };
        k += 1;
        let ampm = self.ampm_at(k).map(|(pm, e)| {
            k = e;
            pm
        });
        if let Some(mi) = word_min {
            minutes = Some((mi, true));
        }
        if self.is_any(k, &["o'clock", "oclock", "o’clock"]) {
            k += 1;
        }
        let (mut h, mi) = match minutes {
            Some((m, true)) => (h, m),
            Some((m, false)) => (if h == 1 { 12 } else { h - 1 }, 60 - m),
            None => (h, 0),
        };
        if let Some(pm) = ampm {
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
        } else if let Some((used, pm)) = self.day_part_after(k) {
            k += used;
            if pm && h < 12 {
                h += 12;
            }
        }
        let mut a = Atom::new(i, k, NumberKind::Time);
        a.iso = Some(format!("{h:02}:{mi:02}"));
        Some(a)
    }

    /// After the four digits at `i`, what makes them a 24-hour clock time (`1000 GMT`, `2100
    /// EST`, `0900 local time`, `0600 hrs`), as the end of the time's span: a zone stays out of
    /// it, `hrs` and `hours` are in. `hours` is a count too (`2000 hours of work`), so it
    /// needs a leading zero, a word that leads to a clock time (`at 1900 hours`), the start of
    /// a range before it (`between 1900 and 2300 hours`) or a zone after it.
    pub(super) fn clock_zone_after(&self, i: usize) -> Option<usize> {
        const ZONES: &[&str] = &[
            "gmt", "utc", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "bst", "cet",
            "cest",
        ];
        let zone = |k: usize| {
            self.near(k)
                && (self.is_any(k, ZONES) || (self.is(k, "local") && self.is(k + 1, "time")))
        };
        if zone(i + 1) {
            return Some(i + 1);
        }
        if !(self.near(i + 1) && self.is_any(i + 1, &["hrs", "hours"])) {
            return None;
        }
        let cue = i > 0
            && self.is_any(
                i - 1,
                &[
                    "at", "by", "until", "till", "from", "before", "after", "around", "about",
                    "between", "since",
                ],
            );
        let range_end = i > 1
            && self.is_any(i - 1, &["and", "to", "-", "or"])
            && self.s(i - 2).len() == 4
            && self.is_num(i - 2);
        (self.s(i).starts_with('0')
            || cue
            || range_end
            || zone(i + 2)
            || (self.near(i + 2) && self.is(i + 2, "local")))
        .then_some(i + 2)
    }

    pub(super) fn time_at(&self, i: usize) -> Option<Atom> {
        if let Some(a) = self.clock_words(i) {
            return Some(a);
        }
        if self.is_word(i) {
            let iso = if self.is_any(i, &["noon", "noonish"]) {
                "12:00"
            } else if self.is(i, "midnight") {
                "00:00"
            } else {
                return None;
            };
            let mut a = Atom::new(i, i + 1, NumberKind::Time);
            a.iso = Some(iso.to_owned());
            return Some(a);
        }
        if !self.is_num(i) {
            return None;
        }
        let hs = self.s(i);
        let mut k;
        let mut h: u32;
        let mut mi: u32 = 0;
        let mut sec: Option<u32> = None;
        let mut explicit = false;
        if hs.len() == 4 {
            let k = self.clock_zone_after(i)?;
            (h, mi) = Ymd::hhmm(hs)?;
            // (`In 1945 local time was...`: a year after `in`)
            if i > 0 && self.is(i - 1, "in") && h >= 10 {
                return None;
            }
            let mut a = Atom::new(i, k, NumberKind::Time);
            a.iso = Some(format!("{h:02}:{mi:02}"));
            return Some(a);
        }
        if hs.len() > 2 {
            return None;
        }
        h = hs.parse().ok()?;
        k = i + 1;
        let colon = self.is_p(k, ":")
            && self.glued(k)
            && self.glued(k + 1)
            && self.is_num(k + 1)
            && self.s(k + 1).len() == 2;
        let dot = self.is_p(k, ".")
            && self.glued(k)
            && self.glued(k + 1)
            && self.is_num(k + 1)
            && self.s(k + 1).len() == 2;
        // 11ish: an approximate hour
        if self.glued(k) && self.is(k, "ish") && !self.glued(k + 1) && (1..=12).contains(&h) {
            let mut a = Atom::new(i, k + 1, NumberKind::Time);
            a.iso = Some(format!("{h:02}:00"));
            return Some(a);
        }
        // 9.am, 9.pm: a stray dot before the half of the day
        if self.is_p(k, ".")
            && self.glued(k)
            && self.glued(k + 1)
            && self.is_any(k + 1, &["am", "pm"])
        {
            k += 1;
        }
        // at 6.45, Monday at 2.30: a dotted clock time after "at" (not "closed at 6.45")
        let dot_at = dot && self.at_clock_cue(i);
        if colon || dot {
            mi = self.s(k + 1).parse().ok()?;
            k += 2;
            if colon
                && self.is_p(k, ":")
                && self.glued(k)
                && self.is_num(k + 1)
                && self.s(k + 1).len() == 2
            {
                sec = Some(self.s(k + 1).parse().ok()?);
                k += 2;
            }
            explicit = colon || dot_at;
        }
        if h > 24 || mi > 59 || sec.is_some_and(|s| s > 59) {
            return None;
        }
        // am / pm / a.m. / p.m.
        let mut pm: Option<bool> = None;
        if self.near(k) || self.glued(k) {
            let w = self.s(k);
            if w.eq_ignore_ascii_case("am") || w.eq_ignore_ascii_case("a") && self.is_p(k + 1, ".")
            {
                pm = Some(false);
            } else if w.eq_ignore_ascii_case("pm")
                || w.eq_ignore_ascii_case("p") && self.is_p(k + 1, ".")
            {
                pm = Some(true);
            }
            // 8:45a, 8:45p: the short form, only after an explicit H:MM
            if pm.is_none()
                && colon
                && self.glued(k)
                && (w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("p"))
                && !(self.glued(k + 1) && (self.is_word(k + 1) || self.is_num(k + 1)))
            {
                pm = Some(w.eq_ignore_ascii_case("p"));
                k += 1;
            } else if pm.is_some() {
                if w.len() == 1 {
                    // a.m. / p.m.
                    if self.glued(k + 2) && self.is(k + 2, "m") {
                        k += 3;
                        if self.is_p(k, ".") && self.glued(k) {
                            k += 1;
                        }
                    } else if colon && self.glued(k) {
                        k += 1; // 8:45a. at the end of a sentence
                    } else {
                        pm = None;
                    }
                } else {
                    k += 1;
                }
            }
        }
        if pm.is_none() && !explicit {
            return None;
        }
        if self.glued(k) && (self.is_word(k) || self.is_num(k)) {
            return None;
        }
        if pm.is_none()
            && let Some((used, afternoon)) = self.day_part_after(k)
        {
            k += used;
            if afternoon && h < 12 {
                h += 12;
            }
        }
        if let Some(pm) = pm {
            if h == 0 || h > 12 {
                return None;
            }
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
        }
        let mut a = Atom::new(i, k, NumberKind::Time);
        a.iso = Some(match sec {
            Some(s) => format!("{h:02}:{mi:02}:{s:02}"),
            None => format!("{h:02}:{mi:02}"),
        });
        Some(a)
    }

    /// Join two dates (or a day and a date) into a range: `between June and October 2017`,
    /// `2017-2018`, `3-5 June 2017`.
    pub(super) fn date_range(&self, a: &Atom, b: &Atom, t0: usize, explicit: bool) -> Option<Atom> {
        // relative days and months (`next monday`, `this May`) join by their resolved value
        let (a, b) = (&self.with_parts(a), &self.with_parts(b));
        if let Some(r) = self.period_to(a, b, t0) {
            return Some(r);
        }
        // from next monday to friday: a bare weekday after a day is the first one after it
        if explicit
            && let (Some(ai), Some(Lex::Weekday(wd))) = (a.iso.as_deref(), self.lex(b.t0))
            && b.t1 == b.t0 + 1
            && b.kind == NumberKind::Date
            && let Some(ad) = super::cal::parse_iso(ai)
        {
            let delta = (i64::from(wd) - i64::from(ad.weekday())).rem_euclid(7);
            if delta > 0 {
                let mut r = Atom::new(t0, b.t1, NumberKind::DateRange);
                r.iso = Some(format!("{}/{}", ad.iso(), ad.add_days(delta).iso()));
                return Some(r);
            }
        }
        if b.date.is_none() {
            // 2017-18: a year range written short
            if let Some(DateParts {
                y: Some(y),
                m: None,
                d: None,
            }) = a.date
                && b.kind == NumberKind::Cardinal
                && b.t1 == b.t0 + 1
                && self.s(b.t0).len() == 2
                && explicit
            {
                let v = b.value? as i32;
                let yy = y / 100 * 100 + v;
                if yy > y {
                    let mut r = Atom::new(t0, b.t1, NumberKind::DateRange);
                    r.iso = Some(format!("{y:04}/{yy:04}"));
                    return Some(r);
                }
            }
            // from March 5 to 9, books close May 11 to 22, between Dec 23 and 31, 1986: a later
            // day of the same month (a year after the second day holds for both); not after a
            // verb of change (`the toll rose on March 5 to 12` is a count; `fell in the period
            // March 16 to 31 to 900 mln` has its count after the range)
            if (explicit || !self.change_before(a.t0, 0) || self.is(b.t1, "to"))
                && self.written_day(a)
                && let Some(DateParts {
                    y,
                    m: Some(m),
                    d: Some(d),
                }) = a.date
                && b.kind == NumberKind::Cardinal
                && b.t1 == b.t0 + 1
                && self.is_num(b.t0)
                && self.s(b.t0).len() <= 2
                && b.unit.is_none()
                && b.object.is_none()
                && b.modifier.is_none()
                && !b.vague
                && let Some(v) = b.value
                && v.fract() == 0.0
                && v as u32 > d
            {
                let mut e = b.t1;
                let mut y = y;
                if self.is_p(e, ",")
                    && self.near(e + 1)
                    && let Some(yy) = self.year_at(e + 1)
                {
                    y = Some(yy);
                    e += 2;
                }
                // the year resolved for the first day (from publication) holds for the second
                let y = y.or_else(|| a.iso.as_deref()?.get(0..4)?.parse::<i32>().ok());
                if v as u32 > days_in_month(y.unwrap_or(2000), m) {
                    return None;
                }
                let (from, to) = (
                    DateParts {
                        y,
                        m: Some(m),
                        d: Some(d),
                    },
                    DateParts {
                        y,
                        m: Some(m),
                        d: Some(v as u32),
                    },
                );
                let mut r = Atom::new(t0, e, NumberKind::DateRange);
                r.iso = Some(format!("{}/{}", self.iso_of(from), self.iso_of(to)));
                return Some(r);
            }
            return None;
        }
        let bp = b.date?;
        let ap = match a.date {
            Some(p) => p,
            None => {
                // 3-5 June 2017: a bare day before a full date
                let v = a.value?;
                if a.kind != NumberKind::Cardinal
                    || bp.d.is_none()
                    || v.fract() != 0.0
                    || !(1.0..=31.0).contains(&v)
                {
                    return None;
                }
                DateParts {
                    y: bp.y,
                    m: bp.m,
                    d: Some(v as u32),
                }
            }
        };
        let mut ap = ap;
        let mut bp = bp;
        // a year range written short: 2017-18
        if a.kind == NumberKind::Date && ap.m.is_none() && ap.d.is_none() && b.date.is_none() {
            return None;
        }
        if ap.y.is_none() && ap.m.is_some() {
            ap.y = bp.y;
            // from November to March 2017: the first month is in the year before
            if let (Some(y), Some(am), Some(bm)) = (ap.y, ap.m, bp.m)
                && explicit
                && am > bm
            {
                ap.y = Some(y - 1);
            }
        }
        // from Nov to March: no year written, the range runs into the next year
        if ap.y.is_none()
            && bp.y.is_none()
            && explicit
            && let (Some(am), Some(bm)) = (ap.m, bp.m)
            && am > bm
            && self.published.is_some()
        {
            let ai = self.iso_of(ap);
            if let Some(y) = ai.get(0..4).and_then(|x| x.parse::<i32>().ok()) {
                ap.y = Some(y);
                bp.y = Some(y + 1);
            }
        }
        if ap.m.is_none() && ap.d.is_some() {
            ap.m = bp.m;
        }
        if bp.y.is_none() && bp.m.is_some() && ap.y.is_some() && ap.m.is_some() {
            bp.y = ap.y;
        }
        if !explicit && (ap.m.is_none() != bp.m.is_none()) {
            return None;
        }
        let key = |p: &DateParts| (p.y.unwrap_or(0), p.m.unwrap_or(0), p.d.unwrap_or(0));
        if key(&ap) >= key(&bp) {
            return None;
        }
        let mut r = Atom::new(t0, b.t1, NumberKind::DateRange);
        r.iso = Some(format!("{}/{}", self.iso_of(ap), self.iso_of(bp)));
        Some(r)
    }
}
