//! Proleptic Gregorian calendar arithmetic for resolving relative dates (no I/O, no clock).

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Ymd {
    pub y: i32,
    pub m: u32,
    pub d: u32,
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
pub(super) fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(if m <= 2 { y - 1 } else { y });
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let d = i64::from(d);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

pub(super) fn civil_from_days(z: i64) -> Ymd {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    Ymd {
        y: (if m <= 2 { y + 1 } else { y }) as i32,
        m,
        d,
    }
}

impl Ymd {
    pub fn days(self) -> i64 {
        days_from_civil(self.y, self.m, self.d)
    }
    pub fn add_days(self, n: i64) -> Ymd {
        civil_from_days(self.days() + n)
    }
    /// ISO weekday, Monday = 1 .. Sunday = 7.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        ((self.days() + 3).rem_euclid(7) + 1) as u32
    }
    /// The Monday of this day's ISO week.
    pub fn week_start(self) -> Ymd {
        self.add_days(1 - i64::from(self.weekday()))
    }
    /// The nearest day with ISO weekday `wd` from this one, this one included: the next such
    /// day when `ahead`, else the last one.
    pub fn nearest_weekday(self, wd: u32, ahead: bool) -> Ymd {
        let (wd, cur) = (i64::from(wd), i64::from(self.weekday()));
        if ahead {
            self.add_days((wd - cur).rem_euclid(7))
        } else {
            self.add_days(-(cur - wd).rem_euclid(7))
        }
    }
    /// A clock time written as four digits (`2100`, `0930`): hours and minutes, when valid.
    pub fn hhmm(s: &str) -> Option<(u32, u32)> {
        if s.len() != 4 {
            return None;
        }
        let h: u32 = s.get(..2)?.parse().ok()?;
        let mi: u32 = s.get(2..)?.parse().ok()?;
        (h <= 23 && mi <= 59).then_some((h, mi))
    }
    pub fn add_months(self, n: i32) -> (i32, u32) {
        let t = self.y * 12 + self.m as i32 - 1 + n;
        (t.div_euclid(12), (t.rem_euclid(12) + 1) as u32)
    }
    pub fn iso(self) -> String {
        let mut s = String::with_capacity(10);
        push_year(&mut s, self.y);
        s.push('-');
        push_padded(&mut s, self.m, 2);
        s.push('-');
        push_padded(&mut s, self.d, 2);
        s
    }
    /// ISO 8601 week (`2022-W16`).
    pub fn iso_week(self) -> String {
        let wd = i64::from(self.weekday());
        let thursday = self.add_days(4 - wd);
        let jan1 = days_from_civil(thursday.y, 1, 1);
        let week = (thursday.days() - jan1) / 7 + 1;
        format!("{:04}-W{:02}", thursday.y, week)
    }
}

/// Append `v` as `format!("{v:0width$}")` would, without the formatting machinery (dates
/// and durations are written for many figures).
pub(super) fn push_padded(out: &mut String, v: u32, width: usize) {
    let mut buf = [0u8; 10];
    let mut k = buf.len();
    let mut n = v;
    loop {
        k -= 1;
        buf[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for _ in buf.len() - k..width {
        out.push('0');
    }
    for &c in &buf[k..] {
        out.push(char::from(c));
    }
}

/// Append a year as `format!("{y:04}")` would.
pub(super) fn push_year(out: &mut String, y: i32) {
    match u32::try_from(y) {
        Ok(v) => push_padded(out, v, 4),
        Err(_) => out.push_str(&format!("{y:04}")),
    }
}

pub(super) fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 {
                29
            } else {
                28
            }
        }
    }
}

/// Parse `YYYY-MM-DD` (a longer timestamp is cut to its date).
pub(super) fn parse_iso(s: &str) -> Option<Ymd> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i32 = s.get(0..4)?.parse().ok()?;
    let m: u32 = s.get(5..7)?.parse().ok()?;
    let d: u32 = s.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(Ymd { y, m, d })
}

#[cfg(test)]
mod tests {
    #[test]
    fn padded_numbers_are_written_as_format_writes_them() {
        for v in [
            0u32,
            1,
            9,
            10,
            99,
            100,
            999,
            1000,
            2017,
            9999,
            10000,
            123456,
            u32::MAX,
        ] {
            for w in [0, 1, 2, 4] {
                let mut s = String::new();
                super::push_padded(&mut s, v, w);
                assert_eq!(s, format!("{v:0w$}"));
            }
        }
        for y in [-12345, -5, 0, 7, 1987, 2022, 12345, i32::MIN, i32::MAX] {
            let mut s = String::new();
            super::push_year(&mut s, y);
            assert_eq!(s, format!("{y:04}"));
        }
    }

    use super::*;

    #[test]
    fn calendar() {
        let d = parse_iso("2022-04-19").unwrap();
        assert_eq!(d.weekday(), 2);
        assert_eq!(d.add_days(-1).iso(), "2022-04-18");
        assert_eq!(d.add_days(-19).iso(), "2022-03-31");
        assert_eq!(d.iso_week(), "2022-W16");
        assert_eq!(parse_iso("2018-03-25").unwrap().iso_week(), "2018-W12");
        assert_eq!(d.add_months(-4), (2021, 12));
        assert!(parse_iso("2022-02-30").is_none());
    }
}
