//! Figures read from the phrase around them, found by an audit of news phrasing: ages given
//! by decade (`in her 40s`, `in his late fifties`), basis points (`25 basis points`) and the
//! magnitude of an earthquake (`magnitude 7.8`, `6.4 on the Richter scale`).

use super::lex;
use super::{Atom, P};
use crate::types::NumberKind;

impl P<'_> {
    /// An age by decade: `in her 40s`, `in their early 20s`, `a man in his mid-30s`, `in
    /// his late fifties`, `in her teens` (`i` is the decade's first token, `e` the token after
    /// it; `d` 10 for `teens`). A measure in `years_of_age` with the decade as its bounds
    /// (40-49, modifier `range`; teens 13-19), or the part of it an `early` (20-23), `mid`
    /// (34-36) or `late` (57-59) names, that word being the modifier. Only after `in` and a
    /// possessive, or as the next item of such a list (`in their 30s, 40s and 50s`): `the 70s`
    /// and `in the 40s` are not ages.
    pub(super) fn age_decade(&self, i: usize, d: f64, e: usize, floor: usize) -> Option<Atom> {
        let teens = d == 10.0 && self.is(i, "teens");
        if !(teens || (20.0..=90.0).contains(&d) && d % 10.0 == 0.0) || i <= floor || !self.near(i)
        {
            return None;
        }
        let mut t0 = i;
        let mut b = i - 1;
        // mid-30s
        if self.is_p(b, "-") && self.glued(i) && self.glued(b) && b > floor {
            b -= 1;
        }
        let mut part = None;
        if self.is_any(b, &["early", "mid", "late"]) {
            part = Some(match (self.b(b)[0].to_ascii_lowercase(), teens) {
                (b'e', false) => ("early", 0.0, 3.0),
                (b'm', false) => ("mid", 4.0, 6.0),
                (_, false) => ("late", 7.0, 9.0),
                (b'e', true) => ("early", 3.0, 5.0),
                (b'm', true) => ("mid", 5.0, 7.0),
                (_, true) => ("late", 7.0, 9.0),
            });
            t0 = b;
            if b <= floor || !self.near(b) {
                return None;
            }
            b -= 1;
        } else if b != i - 1 {
            return None;
        }
        let possessive = |k: usize| self.is_any(k, &["his", "her", "their", "my", "your", "our"]);
        let sep = |k: usize| self.is_p(k, ",") || self.is_any(k, &["and", "or", "to"]);
        let ok = if b > floor && possessive(b) {
            self.near(b) && self.is(b - 1, "in")
        } else if sep(b) {
            self.age_list_before(b)
        } else {
            false
        };
        if !ok {
            return None;
        }
        let (modifier, lo, hi) = part.unwrap_or(if teens {
            ("range", 3.0, 9.0)
        } else {
            ("range", 0.0, 9.0)
        });
        let mut a = Atom::new(t0, e, NumberKind::Measure);
        a.unit = Some("years_of_age");
        a.modifier = Some(modifier);
        a.lower = Some(d + lo);
        a.upper = Some(d + hi);
        Some(a)
    }

    /// Whether the list separator at `b` follows ages by decade back to `in` and a possessive
    /// (`in their 30s, 40s and`, `in his teens or`, `in their late 40s and`).
    fn age_list_before(&self, b: usize) -> bool {
        let possessive = |k: usize| self.is_any(k, &["his", "her", "their", "my", "your", "our"]);
        let sep = |k: usize| self.is_p(k, ",") || self.is_any(k, &["and", "or", "to"]);
        let mut q = b;
        // a few items at most
        for _ in 0..12 {
            if q < 2 {
                return false;
            }
            if sep(q) {
                q -= 1;
                continue;
            }
            // an item: 30s, mid-30s, late 30s, thirties, teens
            let start = if self.is(q, "s") && self.glued(q) && self.is_num(q - 1) {
                q - 1
            } else if self.is(q, "teens")
                || super::DECADE_WORDS
                    .iter()
                    .any(|w| w.eq_ignore_ascii_case(self.s(q)))
            {
                q
            } else {
                return false;
            };
            if start < 2 {
                return false;
            }
            q = start - 1;
            if q > 0 && self.is_p(q, "-") && self.glued(q) && self.glued(q + 1) {
                q -= 1;
            }
            if q > 0 && self.is_any(q, &["early", "mid", "late"]) {
                q -= 1;
            }
            if possessive(q) {
                return q > 0 && self.near(q) && self.is(q - 1, "in");
            }
            if !sep(q) {
                return false;
            }
        }
        false
    }

    /// A figure written as a decade with a glued `s` that is no age (`in the 70s` of a
    /// temperature or a price): the decade's span and bounds (70-79, modifier `range`), not
    /// a count of `s`.
    pub(super) fn plain_decade(&self, t0: usize, d: f64, e: usize) -> Option<Atom> {
        if !(10.0..100.0).contains(&d) || d % 10.0 != 0.0 {
            return None;
        }
        let mut a = Atom::new(t0, e, NumberKind::Cardinal);
        a.modifier = Some("range");
        a.lower = Some(d);
        a.upper = Some(d + 9.0);
        Some(a)
    }

    /// `25 basis points`, `50bp`, `25 bps`: a measure in `basis_point` (value as written) at
    /// token `k` after the figure `a`.
    pub(super) fn basis_points(&self, k: usize, a: &Atom) -> Option<Atom> {
        let end = if self.is(k, "basis")
            && self.near(k + 1)
            && self.is_any(k + 1, &["point", "points", "pts", "pt"])
        {
            k + 2
        } else if matches!(self.b(k), b"bp" | b"bps" | b"bpts") {
            k + 1
        } else {
            return None;
        };
        let mut m = a.clone();
        m.kind = NumberKind::Measure;
        m.unit = Some("basis_point");
        m.t1 = end;
        Some(m)
    }

    /// The magnitude of an earthquake: `magnitude 7.8`, `a magnitude-6.1 quake`, `7.8
    /// magnitude`, `a 7.8-magnitude quake`, `6.4 on the Richter scale`: a measure in unit
    /// `magnitude` (no scale is told apart: news rarely says which).
    #[inline(never)]
    pub(super) fn magnitude(&self, a: &Atom, floor: usize) -> Option<Atom> {
        let (t0, t1) = (a.t0, a.t1);
        let v = a.value?;
        if !(0.0..=10.0).contains(&v) || a.kind != NumberKind::Cardinal || a.scale != 1.0 {
            return None;
        }
        let mut m = a.clone();
        m.kind = NumberKind::Measure;
        m.unit = Some("magnitude");
        if t0 > floor && self.near(t0) && self.is(t0 - 1, "magnitude") {
            m.t0 = t0 - 1;
        } else if t0 > floor + 1
            && self.is_p(t0 - 1, "-")
            && self.glued(t0)
            && self.glued(t0 - 1)
            && self.is(t0 - 2, "magnitude")
        {
            m.t0 = t0 - 2;
        } else if self.near(t1) && self.is(t1, "magnitude") {
            m.t1 = t1 + 1;
        } else if self.is_p(t1, "-")
            && self.glued(t1)
            && self.glued(t1 + 1)
            && self.is(t1 + 1, "magnitude")
        {
            m.t1 = t1 + 2;
        } else if self.is(t1, "on")
            && self.is(t1 + 1, "the")
            && self.is(t1 + 2, "Richter")
            && self.near(t1 + 2)
        {
            m.t1 = if self.is(t1 + 3, "scale") {
                t1 + 4
            } else {
                t1 + 3
            };
        } else {
            return None;
        }
        m.object = None;
        Some(m)
    }

    /// A house number: whole digits before a capitalized name that ends in a street word
    /// (`10 Downing Street`, `221 Baker St`, `1600 Pennsylvania Avenue`): an identifier over
    /// the digits, not a count of the street.
    #[inline(never)]
    pub(super) fn house_number(&self, a: &Atom) -> Option<Atom> {
        if a.kind != NumberKind::Cardinal || a.t1 != a.t0 + 1 || !self.is_num(a.t0) {
            return None;
        }
        for k in a.t1..a.t1 + 4 {
            if !(self.near(k) && self.is_word(k) && self.capitalized(k)) {
                return None;
            }
            if k > a.t1
                && matches!(
                    self.b(k).first(),
                    Some(b'S' | b'R' | b'A' | b'L' | b'B' | b'D' | b'T')
                )
                && self.is_any(
                    k,
                    &[
                        "Street",
                        "St",
                        "Road",
                        "Rd",
                        "Avenue",
                        "Ave",
                        "Lane",
                        "Boulevard",
                        "Blvd",
                        "Square",
                        "Drive",
                        "Terrace",
                    ],
                )
            {
                // 300 Bakers Square restaurants: a count of what follows the name
                let e = k + 1;
                if self.near(e)
                    && self.is_word(e)
                    && !self.capitalized(e)
                    && !self.flag(e, lex::STOP)
                {
                    return None;
                }
                return Some(Atom::new(a.t0, a.t1, NumberKind::Identifier));
            }
        }
        None
    }
}
