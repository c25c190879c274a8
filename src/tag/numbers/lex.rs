//! Tokens and the word lexicon of the number tagger.
//!
//! The tokenizer makes one pass over the bytes: runs of ASCII digits, runs of letters (ASCII
//! or any alphabetic char, with inner apostrophes), and single other chars. Whitespace is not
//! a token; the gap between two tokens tells whether they are glued (`1.5bn`, `18th`).

use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TK {
    Word,
    Num,
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub start: u32,
    pub end: u32,
    /// Index into the word table ([`info`]); 0 for words the tagger does not know.
    pub id: u16,
    pub kind: TK,
    /// A line break lies between this token and the previous one.
    pub nl: bool,
}

impl Tok {
    fn new(start: usize, end: usize, kind: TK, id: u16, nl: bool) -> Tok {
        // callers guarantee text.len() < u32::MAX
        Tok {
            start: start as u32,
            end: end as u32,
            id,
            kind,
            nl,
        }
    }
}

/// Append a token (whose first byte is `first`, followed by the byte `next`, 0 at the end); a
/// token that may start a figure also has its index appended to `starts`, so the tagger visits
/// only those (see [`may_start`]).
#[inline(always)]
fn emit(out: &mut Vec<Tok>, starts: &mut Vec<u32>, t: Tok, first: u8, next: u8) {
    if may_start(t.kind, t.id, first, next) {
        starts.push(out.len() as u32);
    }
    out.push(t);
}

/// Whether a figure may start at a token (whose first byte is `first`, the byte after it
/// `next`): a number, a word the tagger knows, or a mark that is a currency symbol, a sign or a
/// vulgar fraction (`$`, non-ASCII: `€`, `−`, `½`, and `-` glued to a digit, the only `-` the
/// tagger reads as a sign: the dashes of ranges and compounds are most of them); not the other
/// ASCII marks (`,` `.` `(`...), the most frequent tokens after words.
#[inline(always)]
pub(super) fn may_start(kind: TK, id: u16, first: u8, next: u8) -> bool {
    match kind {
        TK::Word => id != 0,
        TK::Num => true,
        TK::Punct => first == b'$' || (first == b'-' && next.is_ascii_digit()) || first >= 0x80,
    }
}

/// Flags of known words (besides their [`Lex`] meaning).
pub(super) const STOP: u8 = 1;
pub(super) const ID_NOUN: u8 = 2;
pub(super) const COUNT_CUE: u8 = 4;
pub(super) const TRIGGER: u8 = 8;
/// Last word of a quantity modifier (`than`, `least`, `about`...).
pub(super) const MOD_END: u8 = 16;
/// A trigger that starts a figure only before a known word, a number or a mark (`a dozen`,
/// `last year`, `mid-2017`): before an unknown word it is skipped at once.
pub(super) const DEPENDENT: u8 = 32;
/// A plural noun of figures reported per year (`results`, `profits`).
pub(super) const YEAR_NOUN: u8 = 64;

/// What the tagger knows of a word.
#[derive(Debug, Clone, Copy)]
pub(super) struct WordInfo {
    pub lex: Option<Lex>,
    pub flags: u8,
}

struct Table {
    ids: Packed<u16>,
    infos: Vec<WordInfo>,
    /// Fixed size, so that a key (always below [`FILTER_WORDS`]) needs no bounds check.
    filter: Box<[u32; FILTER_WORDS]>,
}

/// Longest word the tables hold (longer words are never looked up).
const MAX_WORD: usize = 13;

/// A word of at most [`MAX_WORD`] bytes as one integer: its bytes with ASCII letters
/// lowercased, and its length in the top byte. Comparing two keys is one integer compare,
/// where a `HashMap<&[u8], _>` paid for a lowercase copy, a byte hash and a `memcmp`.
#[inline(always)]
fn pack(w: &[u8]) -> Option<u128> {
    if w.is_empty() || w.len() > MAX_WORD {
        return None;
    }
    let x = load_le(w) | (w.len() as u128) << 120;
    // bytes 'A'..='Z' get bit 0x20 (per byte, without carries: the high bit is cleared first)
    const LO: u128 = u128::from_le_bytes([1; 16]);
    const HI: u128 = LO * 0x80;
    let x7 = x & !HI;
    let ge_a = x7 + LO * 0x3f; // high bit set where the byte >= 0x41
    let gt_z = x7 + LO * 0x25; // high bit set where the byte >= 0x5b
    let upper = ge_a & !gt_z & !x & HI;
    Some(x | (upper >> 2))
}

/// The bytes of a word of 1..=[`MAX_WORD`] bytes as a little-endian integer, read with two
/// overlapping loads instead of a variable-length copy (which cost a `memcpy` call per word).
#[inline(always)]
fn load_le(w: &[u8]) -> u128 {
    let n = w.len();
    let u64_at = |i: usize| {
        w.get(i..i + 8)
            .and_then(|r| r.first_chunk::<8>())
            .map_or(0, |c| u64::from_le_bytes(*c))
    };
    let u32_at = |i: usize| {
        w.get(i..i + 4)
            .and_then(|r| r.first_chunk::<4>())
            .map_or(0, |c| u64::from(u32::from_le_bytes(*c)))
    };
    if n >= 8 {
        // bytes 8..n are the top n-8 bytes of the last eight
        let hi = if n == 8 {
            0
        } else {
            u64_at(n - 8) >> ((16 - n) * 8)
        };
        u128::from(u64_at(0)) | u128::from(hi) << 64
    } else if n >= 4 {
        // the two loads overlap on equal bytes
        u128::from(u32_at(0) | u32_at(n - 4) << ((n - 4) * 8))
    } else {
        w.iter()
            .enumerate()
            .fold(0, |k, (i, &b)| k | u128::from(b) << (8 * i))
    }
}

/// An open-addressing table from packed words ([`pack`]) to small values; built once.
struct Packed<V> {
    slots: Vec<(u128, V)>,
    shift: u32,
}

impl<V: Copy + Default> Packed<V> {
    fn new(entries: &[(&[u8], V)]) -> Packed<V> {
        let cap = (entries.len() * 4).next_power_of_two().max(16);
        let mut t = Packed {
            slots: vec![(0, V::default()); cap],
            shift: 64 - cap.trailing_zeros(),
        };
        for (w, v) in entries {
            let Some(k) = pack(w) else { continue };
            let mut i = t.slot(k);
            while t.slots[i].0 != 0 && t.slots[i].0 != k {
                i = (i + 1) & (cap - 1);
            }
            t.slots[i] = (k, *v);
        }
        t
    }
    #[inline(always)]
    fn slot(&self, k: u128) -> usize {
        let h =
            ((k as u64) ^ ((k >> 64) as u64).rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (h >> self.shift) as usize
    }
    /// The value of a word, if the table has it (case-insensitive for ASCII letters).
    #[inline(always)]
    fn get(&self, w: &[u8]) -> Option<V> {
        self.get_packed(pack(w)?)
    }
    /// The value of a packed word ([`pack`]).
    #[inline(always)]
    fn get_packed(&self, k: u128) -> Option<V> {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(k);
        loop {
            let (sk, v) = self.slots[i];
            if sk == k {
                return Some(v);
            }
            if sk == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
}

const FILTER_WORDS: usize = 1 << 13;

/// Bit position of a word in the prefilter: (length, first, second, last byte), ASCII case
/// ignored. A one-letter word's second byte is the byte after it (see [`Table`]'s filter), 0 here.
#[inline(always)]
fn filter_key(w: &[u8]) -> (usize, u8) {
    let pair =
        u16::from(w.first().copied().unwrap_or(0)) | u16::from(w.get(1).copied().unwrap_or(0)) << 8;
    filter_key_of(w.len(), pair, w.last().copied().unwrap_or(0))
}

/// [`filter_key`] of a word of `len` bytes from its first two bytes as a little-endian `pair`
/// (one load in the block scan) and its last byte: the filter word (first byte & 31 at bits
/// 0..5, length & 7 at 5..8, second byte & 31 at 8..13: the pair needs one mask) and the bit in
/// it (last byte & 31, which a 32-bit shift masks by itself).
#[inline(always)]
fn filter_key_of(len: usize, pair: u16, last: u8) -> (usize, u8) {
    (usize::from(pair & 0x1f1f) | (len & 7) << 5, last)
}

/// Whether the prefilter holds the key `(k, bit)` of [`filter_key_of`].
#[inline(always)]
fn filter_has(filter: &[u32; FILTER_WORDS], (k, bit): (usize, u8)) -> bool {
    filter[k % FILTER_WORDS] >> (bit & 31) & 1 != 0
}

/// Word lists consulted only near a figure (looked up on demand, not per token).
static FLAGS: LazyLock<Packed<u8>> = LazyLock::new(|| {
    let mut m: FxMap<&'static [u8], u8> = FxMap::default();
    for (list, flag) in [
        (super::OBJECT_STOP, STOP),
        (super::ID_NOUNS, ID_NOUN),
        (super::NAME_NOUNS, ID_NOUN),
        (super::COUNT_CUES, COUNT_CUE),
        (super::YEAR_NOUNS, YEAR_NOUN),
    ] {
        for w in list {
            *m.entry(w.as_bytes()).or_insert(0) |= flag;
        }
    }
    for (words, _) in super::PRE_MODIFIERS {
        if let Some(w) = words.last() {
            *m.entry(w.as_bytes()).or_insert(0) |= MOD_END;
        }
    }
    let entries: Vec<(&[u8], u8)> = m.into_iter().collect();
    Packed::new(&entries)
});

/// The list flags ([`STOP`], [`ID_NOUN`], [`COUNT_CUE`], [`MOD_END`], [`YEAR_NOUN`]) of a word.
pub(super) fn word_flags(word: &str) -> u8 {
    FLAGS.get(word.as_bytes()).unwrap_or(0)
}

/// The quantity modifiers ([`super::PRE_MODIFIERS`]) by their last word: the table maps a
/// word to 1 + its group, a group lists the indices of the phrases ending with it, in list
/// order (so the first phrase that matches is the one the whole list would give).
static MOD_GROUPS: LazyLock<(Packed<u8>, Vec<Vec<u8>>)> = LazyLock::new(|| {
    let mut ids: FxMap<&'static [u8], u8> = FxMap::default();
    let mut groups: Vec<Vec<u8>> = Vec::new();
    for (k, (words, _)) in super::PRE_MODIFIERS.iter().enumerate() {
        let Some(w) = words.last() else { continue };
        let g = *ids.entry(w.as_bytes()).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() as u8
        });
        groups[usize::from(g) - 1].push(k as u8);
    }
    let entries: Vec<(&[u8], u8)> = ids.into_iter().collect();
    (Packed::new(&entries), groups)
});

/// Indices into [`super::PRE_MODIFIERS`] of the phrases whose last word is `word` (ASCII
/// case-insensitive), in list order.
pub(super) fn modifiers_ending_with(word: &[u8]) -> &'static [u8] {
    let (table, groups) = &*MOD_GROUPS;
    match table.get(word) {
        Some(g) if g > 0 => groups.get(usize::from(g) - 1).map_or(&[], Vec::as_slice),
        _ => &[],
    }
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut ids: FxMap<&'static [u8], u16> = FxMap::default();
    let mut infos = vec![WordInfo {
        lex: None,
        flags: 0,
    }];
    let mut entries: Vec<(&'static [u8], Lex)> = LEXICON.iter().map(|(k, v)| (*k, *v)).collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    for (w, l) in entries {
        ids.insert(w, infos.len() as u16);
        infos.push(WordInfo {
            lex: Some(l),
            flags: 0,
        });
    }
    let triggers = super::TRIGGERS
        .iter()
        .chain(&super::DECADE_WORDS)
        .chain(&super::RECURRING_WEEKDAYS);
    for w in triggers {
        let id = *ids.entry(w.as_bytes()).or_insert_with(|| {
            infos.push(WordInfo {
                lex: None,
                flags: 0,
            });
            (infos.len() - 1) as u16
        });
        infos[id as usize].flags |= TRIGGER;
    }
    for w in super::DEPENDENT_TRIGGERS {
        if let Some(&id) = ids.get(w.as_bytes()) {
            infos[id as usize].flags |= DEPENDENT;
        }
    }
    // prefilter on (length, first, second and last letter) of every known word
    let mut filter = Box::new([0u32; FILTER_WORDS]);
    for w in ids.keys() {
        let (k, bit) = filter_key(w);
        filter[k] |= 1 << (bit & 31);
        if let [c] = w[..] {
            // the block scan reads a word's first two bytes at once: after a one-letter word,
            // any byte (a blank or a mark)
            for next in 0..32u16 {
                let (k, bit) = filter_key_of(1, u16::from(c) | next << 8, c);
                filter[k] |= 1 << (bit & 31);
            }
        }
    }
    let entries: Vec<(&[u8], u16)> = ids.into_iter().collect();
    Table {
        ids: Packed::new(&entries),
        infos,
        filter,
    }
});

/// The table entries by token id, for a loop over many tokens (one look at the lazy table,
/// not one per token as [`info`]).
pub(super) fn infos() -> &'static [WordInfo] {
    &TABLE.infos
}

/// The table entry of a token id (the tagger reads [`infos`] once per document).
#[cfg(test)]
pub(super) fn info(id: u16) -> WordInfo {
    TABLE.infos.get(id as usize).copied().unwrap_or(WordInfo {
        lex: None,
        flags: 0,
    })
}

/// The table id of a word (ASCII case-insensitive); 0 for unknown words.
#[cfg(test)]
pub(super) fn word_id(word: &str) -> u16 {
    word_id_in(&TABLE, word.as_bytes())
}

#[inline(always)]
fn word_id_in(t: &Table, b: &[u8]) -> u16 {
    if b.is_empty() || b.len() > MAX_WORD {
        return 0;
    }
    // the filter key ignores ASCII case (& 31), so it is checked before lowercasing
    if !filter_has(&t.filter, filter_key(b)) {
        return 0;
    }
    word_id_slow(t, b)
}

/// The table look-up behind the prefilter (reached by about one word in ten of news text).
#[inline(never)]
fn word_id_slow(t: &Table, b: &[u8]) -> u16 {
    t.ids.get(b).unwrap_or(0)
}

/// [`word_id_slow`] for a word of ASCII letters only (the block scan's words): lowercasing
/// is setting bit 0x20 of every byte, without [`pack`]'s per-byte range test.
#[inline(never)]
fn word_id_letters(t: &Table, w: &[u8]) -> u16 {
    let n = w.len();
    if n == 0 || n > MAX_WORD {
        return 0;
    }
    const CASE: u128 = u128::from_le_bytes([0x20; 16]);
    let k = (load_le(w) | (CASE & ((1u128 << (8 * n)) - 1))) | (n as u128) << 120;
    t.ids.get_packed(k).unwrap_or(0)
}

/// [`word_id_letters`] for the word at `p..e` of a block: when 16 bytes of the block start at
/// `p`, the key is one 16-byte load with the bytes past the word masked off (the two loads
/// and the length cases of [`load_le`] were most of a look-up).
#[inline(never)]
fn word_id_block(t: &Table, chunk: &[u8; 64], p: usize, e: usize) -> u16 {
    /// The low `n` bytes of a key, for `n` up to [`MAX_WORD`].
    const LOW: [u128; MAX_WORD + 1] = {
        let mut m = [0u128; MAX_WORD + 1];
        let mut n = 1;
        while n <= MAX_WORD {
            m[n] = (1u128 << (8 * n)) - 1;
            n += 1;
        }
        m
    };
    const CASE: u128 = u128::from_le_bytes([0x20; 16]);
    let n = e.wrapping_sub(p);
    let Some(&low) = LOW.get(n).filter(|_| n != 0) else {
        return 0;
    };
    match chunk.get(p..).and_then(|r| r.first_chunk::<16>()) {
        Some(c) => {
            let k = (u128::from_le_bytes(*c) | CASE) & low | (n as u128) << 120;
            t.ids.get_packed(k).unwrap_or(0)
        }
        None => word_id_letters(t, chunk.get(p..e).unwrap_or(&[])),
    }
}

/// Byte classes for the tokenizer.
const SPACE: u8 = 0;
const DIGIT: u8 = 1;
const ALPHA: u8 = 2;
const PUNCT: u8 = 3;
const WIDE: u8 = 4;

static CLASS: [u8; 256] = {
    let mut c = [PUNCT; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        c[i] = if b.is_ascii_digit() {
            DIGIT
        } else if b.is_ascii_alphabetic() {
            ALPHA
        } else if b == b' ' || b == b'\n' || b == b'\t' || b == b'\r' {
            SPACE
        } else if b >= 0x80 {
            WIDE
        } else {
            PUNCT
        };
        i += 1;
    }
    c
};

/// The end of the run of ASCII letters that starts at `i`: eight bytes at a time, since
/// words are most of news text and this loop was the tokenizer's largest cost.
#[inline(always)]
fn ascii_letters_end(b: &[u8], mut i: usize) -> usize {
    const LO: u64 = u64::from_le_bytes([1; 8]);
    const HI: u64 = LO * 0x80;
    while let Some(chunk) = b.get(i..).and_then(|r| r.first_chunk::<8>()) {
        let x = u64::from_le_bytes(*chunk);
        // lowercase and clear the high bit, then range-check 'a'..='z' in every byte at once
        let y = (x | (LO * 0x20)) & !HI;
        let ge_a = y + LO * 0x1f; // high bit set where y >= 0x61
        let gt_z = y + LO * 0x05; // high bit set where y >= 0x7b
        let letters = ge_a & !gt_z & !x & HI;
        let other = !letters & HI;
        if other != 0 {
            return i + (other.trailing_zeros() as usize >> 3);
        }
        i += 8;
    }
    while b.get(i).is_some_and(u8::is_ascii_alphabetic) {
        i += 1;
    }
    i
}

/// A possessive `'s` at `i` (the apostrophe): an `s` that ends the word.
fn possessive_s(b: &[u8], i: usize) -> bool {
    matches!(b.get(i + 1), Some(b's' | b'S'))
        && !b.get(i + 2).is_some_and(u8::is_ascii_alphanumeric)
}

/// The rest of a word whose ASCII letters stop at `i` before a non-ASCII byte or an
/// apostrophe: letters of any script (`Zürich`) and inner apostrophes (`o'clock`, `don't`).
#[inline(never)]
fn word_tail(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    let n = b.len();
    loop {
        if i < n && b[i] >= 0x80 {
            match text.get(i..).and_then(|r| r.chars().next()) {
                Some(ch) if ch.is_alphabetic() => {
                    i = ascii_letters_end(b, i + ch.len_utf8());
                    continue;
                }
                _ => {}
            }
        }
        if i + 1 < n && b[i] == b'\'' && b[i + 1].is_ascii_alphabetic() {
            if possessive_s(b, i) {
                // `Monday's`, `last year's`, `the dollar's`: the word ends before the
                // apostrophe, as it does before a typographic one (`Monday’s`)
                return i;
            }
            i = ascii_letters_end(b, i + 1);
            continue;
        }
        return i;
    }
}

/// Bit masks of 64 bytes (bit `k` for byte `k`): ASCII letters, ASCII digits, blanks (`' '`,
/// tab, CR, line feed), line feeds, non-ASCII bytes (left to the byte loop) and apostrophes.
#[derive(Clone, Copy, Default)]
struct Masks {
    alpha: u64,
    digit: u64,
    blank: u64,
    lf: u64,
    other: u64,
    apos: u64,
}

#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn masks(c: &[u8; 64]) -> Masks {
    // SAFETY: SSE2 is part of every x86_64 CPU (the target's baseline).
    unsafe { masks_sse2(c) }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
#[inline]
fn masks_sse2(c: &[u8; 64]) -> Masks {
    use std::arch::x86_64::*;
    let mut m = Masks::default();
    let set = |b: u8| _mm_set1_epi8(b as i8);
    for k in 0..4 {
        // SAFETY: the 16 bytes at 16 * k lie inside `c` (k < 4); the load is unaligned.
        let x = unsafe { _mm_loadu_si128(c.as_ptr().add(16 * k).cast::<__m128i>()) };
        // (x | 0x20) - 'a' <= 25 as an unsigned byte: exactly the ASCII letters
        let t = _mm_sub_epi8(_mm_or_si128(x, set(0x20)), set(b'a'));
        let alpha = _mm_cmpeq_epi8(_mm_min_epu8(t, set(25)), t);
        let t = _mm_sub_epi8(x, set(b'0'));
        let digit = _mm_cmpeq_epi8(_mm_min_epu8(t, set(9)), t);
        let lf = _mm_cmpeq_epi8(x, set(b'\n'));
        let blank = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(x, set(b' ')), lf),
            _mm_or_si128(_mm_cmpeq_epi8(x, set(b'\t')), _mm_cmpeq_epi8(x, set(b'\r'))),
        );
        let bits = |v: __m128i| u64::from(_mm_movemask_epi8(v) as u16) << (16 * k);
        m.alpha |= bits(alpha);
        m.digit |= bits(digit);
        m.blank |= bits(blank);
        m.lf |= bits(lf);
        // the sign bit marks non-ASCII bytes
        m.other |= bits(x);
        m.apos |= bits(_mm_cmpeq_epi8(x, set(b'\'')));
    }
    m
}

#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn masks(c: &[u8; 64]) -> Masks {
    let mut m = Masks::default();
    for (k, &b) in c.iter().enumerate() {
        let bit = 1u64 << k;
        if b.is_ascii_alphabetic() {
            m.alpha |= bit;
        } else if b.is_ascii_digit() {
            m.digit |= bit;
        } else if matches!(b, b' ' | b'\t' | b'\r' | b'\n') {
            m.blank |= bit;
            if b == b'\n' {
                m.lf |= bit;
            }
        } else if b >= 0x80 {
            m.other |= bit;
        } else if b == b'\'' {
            m.apos |= bit;
        }
    }
    m
}

/// Tokens of the 64 bytes at `i` up to the first byte the byte loop must see (non-ASCII, an
/// apostrophe at the block's edge): letter runs, digit runs and single marks, found from bit
/// masks instead of byte by byte (most of news text is plain ASCII words and blanks). `i` is
/// a token start, or a blank with no line feed between it and the start of its run of blanks,
/// so the line feeds in front of a token are all seen here (the byte loop's rule: one soft
/// break, see [`crate::wrap::soft_break`], or a break). A run that reaches the byte the loop
/// must see or the block's end is left for the next round. Goes on with the next 64 bytes as long as a
/// block ends where the next may start. Returns where to go on, and up to where the byte
/// loop takes over (past the byte it must see, or one token when no token was taken).
#[inline(never)]
fn block_tokens(
    b: &[u8],
    i: usize,
    out: &mut Vec<Tok>,
    starts: &mut Vec<u32>,
    table: &Table,
    nl: bool,
) -> (usize, usize, bool) {
    let (mut i, mut nl) = (i, nl);
    let mut first = true;
    // block after block while each ends where the next may start
    while let Some(chunk) = b.get(i..).and_then(|r| r.first_chunk::<64>()) {
        let (next, until, now_nl) = block_scan(b, i, chunk, masks(chunk), out, starts, table, nl);
        if until != 0 || next == i {
            return (next, until, now_nl);
        }
        (i, nl, first) = (next, now_nl, false);
    }
    (i, if first { i + 1 } else { 0 }, nl)
}

/// [`block_tokens`] with the masks from two 32-byte AVX2 compares instead of four SSE2 ones.
/// BMI and POPCNT (which every AVX2 CPU in use has) spare the token loop a guard before each
/// `tzcnt` (the baseline's `bsf` leaves a zero input's result undefined) and give `blsr`, `shlx`
/// and a one-instruction `count_ones`: -7% of this function's instructions.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,bmi1,bmi2,lzcnt,popcnt")]
#[inline(never)]
fn block_tokens_avx2(
    b: &[u8],
    i: usize,
    out: &mut Vec<Tok>,
    starts: &mut Vec<u32>,
    table: &Table,
    nl: bool,
) -> (usize, usize, bool) {
    let (mut i, mut nl) = (i, nl);
    let mut first = true;
    // block after block while each ends where the next may start
    while let Some(chunk) = b.get(i..).and_then(|r| r.first_chunk::<64>()) {
        let (next, until, now_nl) =
            block_scan(b, i, chunk, masks_avx2(chunk), out, starts, table, nl);
        if until != 0 || next == i {
            return (next, until, now_nl);
        }
        (i, nl, first) = (next, now_nl, false);
    }
    (i, if first { i + 1 } else { 0 }, nl)
}

/// The masks of [`masks`], 32 bytes at a time.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
fn masks_avx2(c: &[u8; 64]) -> Masks {
    use std::arch::x86_64::*;
    let mut m = Masks::default();
    let case = _mm256_set1_epi8(0x20);
    let a = _mm256_set1_epi8(b'a' as i8);
    let letters = _mm256_set1_epi8(25);
    let zero = _mm256_set1_epi8(b'0' as i8);
    let digits = _mm256_set1_epi8(9);
    let lf = _mm256_set1_epi8(b'\n' as i8);
    let apostrophe = _mm256_set1_epi8(b'\'' as i8);
    // the blanks are the bytes equal to their entry in this table (indexed by the low four
    // bits; a byte with the high bit set gives 0): one shuffle and one compare, not four
    // compares
    #[rustfmt::skip]
    let blanks = _mm256_setr_epi8(
        0x20, -1, -1, -1, -1, -1, -1, -1, -1, 0x09, 0x0a, -1, -1, 0x0d, -1, -1,
        0x20, -1, -1, -1, -1, -1, -1, -1, -1, 0x09, 0x0a, -1, -1, 0x0d, -1, -1,
    );
    for k in 0..2 {
        // SAFETY: the 32 bytes at 32 * k lie inside `c` (k < 2); the load is unaligned.
        let x = unsafe { _mm256_loadu_si256(c.as_ptr().add(32 * k).cast::<__m256i>()) };
        let t = _mm256_sub_epi8(_mm256_or_si256(x, case), a);
        let alpha = _mm256_cmpeq_epi8(_mm256_min_epu8(t, letters), t);
        let t = _mm256_sub_epi8(x, zero);
        let digit = _mm256_cmpeq_epi8(_mm256_min_epu8(t, digits), t);
        let is_lf = _mm256_cmpeq_epi8(x, lf);
        let blank = _mm256_cmpeq_epi8(_mm256_shuffle_epi8(blanks, x), x);
        let apos = _mm256_cmpeq_epi8(x, apostrophe);
        let shift = 32 * k;
        m.alpha |= u64::from(_mm256_movemask_epi8(alpha) as u32) << shift;
        m.digit |= u64::from(_mm256_movemask_epi8(digit) as u32) << shift;
        m.blank |= u64::from(_mm256_movemask_epi8(blank) as u32) << shift;
        m.lf |= u64::from(_mm256_movemask_epi8(is_lf) as u32) << shift;
        // the sign bit marks non-ASCII bytes
        m.other |= u64::from(_mm256_movemask_epi8(x) as u32) << shift;
        m.apos |= u64::from(_mm256_movemask_epi8(apos) as u32) << shift;
    }
    m
}

/// Whether [`block_tokens_avx2`] may run on this CPU (AVX2, BMI1, BMI2, LZCNT and POPCNT).
fn has_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx2")
            && std::arch::is_x86_feature_detected!("bmi1")
            && std::arch::is_x86_feature_detected!("bmi2")
            && std::arch::is_x86_feature_detected!("lzcnt")
            && std::arch::is_x86_feature_detected!("popcnt")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// [`block_tokens`], by AVX2 when `avx2` (which the caller got from [`has_avx2`]).
#[inline(always)]
fn block_tokens_best(
    avx2: bool,
    b: &[u8],
    i: usize,
    out: &mut Vec<Tok>,
    starts: &mut Vec<u32>,
    table: &Table,
    nl: bool,
) -> (usize, usize, bool) {
    #[cfg(target_arch = "x86_64")]
    if avx2 {
        // SAFETY: `avx2` comes from `has_avx2`: the CPU has every feature the function enables.
        return unsafe { block_tokens_avx2(b, i, out, starts, table, nl) };
    }
    let _ = avx2;
    block_tokens(b, i, out, starts, table, nl)
}

/// The apostrophes among `apos` (each at most at bit 61, before a letter) that start a
/// possessive `'s` ([`possessive_s`]): `s` or `S` after them, no ASCII letter or digit
/// (`alnum`) after that. Read from the bytes, as a block holds about one apostrophe in five.
#[inline(always)]
fn possessives(chunk: &[u8; 64], mut apos: u64, alnum: u64) -> u64 {
    let mut found = 0;
    while apos != 0 {
        let a = apos.trailing_zeros() as usize;
        apos &= apos - 1;
        if chunk[(a + 1) & 63] | 0x20 == b's' && alnum >> ((a + 2) & 63) & 1 == 0 {
            found |= 1 << a;
        }
    }
    found
}

/// The scan of [`block_tokens`] once the masks of the 64 bytes `chunk` at `i` are known.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn block_scan(
    b: &[u8],
    i: usize,
    chunk: &[u8; 64],
    m: Masks,
    out: &mut Vec<Tok>,
    starts: &mut Vec<u32>,
    table: &Table,
    nl_in: bool,
) -> (usize, usize, bool) {
    let mut nl = nl_in;
    let filter: &[u32; FILTER_WORDS] = &table.filter;
    // apostrophes are read here as `word_tail` reads them, where the bytes around them are
    // in the block (not at its first byte or its last two): one between ASCII letters joins
    // them into one word unless it is a possessive `'s` (`s` and no letter or digit after); any
    // other is a mark. News text has about one apostrophe in 300 bytes: left to the byte loop,
    // each cut a block short.
    const EDGE: u64 = 1 | 3 << 62;
    let apos = m.apos & !EDGE;
    let possessive = possessives(chunk, apos & m.alpha >> 1, m.alpha | m.digit);
    let alpha = m.alpha | (apos & m.alpha << 1 & m.alpha >> 1 & !possessive);
    let limit = (m.other | (m.apos & EDGE)).trailing_zeros() as usize;
    let valid = if limit >= 64 {
        !0u64
    } else {
        (1u64 << limit) - 1
    };
    let punct = !(alpha | m.digit | m.blank | m.other | m.apos) & valid | (apos & !alpha & valid);
    let mut heads = ((alpha & !(alpha << 1)) | (m.digit & !(m.digit << 1)) | punct) & valid;
    // last byte of every token whose next byte is seen here: the token starting at `p` ends at
    // the first of these at or after `p` (tokens do not overlap); none left when its run
    // reaches the byte the loop must see or the block's end
    let mut ends = (((alpha & !(alpha >> 1)) | (m.digit & !(m.digit >> 1))) & (valid >> 1)) | punct;
    let all_heads = heads;
    let all_ends = ends;
    // whether the byte after the block is a digit (for a `-` at its last byte)
    let digit_after = b.get(i + 64).is_some_and(u8::is_ascii_digit);
    let base = out.len();
    // the tokens whose end is seen; the line breaks before them are set afterwards, which
    // keeps this loop's registers for the tokens (one that also counted line feeds spilled)
    while ends != 0 {
        let p = heads.trailing_zeros() as usize;
        heads &= heads - 1;
        let e = ends.trailing_zeros() as usize + 1;
        ends &= ends - 1;
        let first = chunk[p & 63];
        // `emit`, with `may_start` decided per kind (no non-ASCII byte is seen here); the kind
        // is read from the first byte (a run of letters or digits starts with one, a mark is
        // neither), which frees the registers the masks would hold through the loop
        let (kind, id, start) = if (first | 0x20).wrapping_sub(b'a') < 26 {
            // `word_id_in`, with the prefilter's bytes read from the block
            let len = e - p;
            let mut id = 0;
            // a word ends before the block's last byte (its end is seen here): p + 1 < 64, so
            // its first two bytes are one 16-bit load; a word longer than MAX_WORD that
            // passes the filter is not in the table either
            let pair = chunk
                .get(p..p + 2)
                .map_or(0, |w| u16::from_le_bytes([w[0], w[1]]));
            if filter_has(filter, filter_key_of(len, pair, chunk[(e - 1) & 63])) {
                id = word_id_block(table, chunk, p, e);
            }
            (TK::Word, id, id != 0)
        } else if first.wrapping_sub(b'0') < 10 {
            (TK::Num, 0, true)
        } else {
            let sign = first == b'-' && chunk.get(e).map_or(digit_after, |&c| c.is_ascii_digit());
            (TK::Punct, 0, first == b'$' || sign)
        };
        if start {
            starts.push(out.len() as u32);
        }
        out.push(Tok::new(i + p, i + e, kind, id, false));
    }
    // line breaks: the token after a run of blanks with a line feed that is not a soft break
    // (see `crate::wrap::soft_break`) gets `nl`, and so does the first one when `nl`; the
    // flag of a run left unfinished goes to the next round
    let toks = out.get_mut(base..).unwrap_or_default();
    let taken = toks.len();
    if nl && let Some(t) = toks.first_mut() {
        t.nl = true;
        nl = false;
    }
    let mut lf = m.lf & valid;
    while lf != 0 {
        let q = lf.trailing_zeros() as usize;
        // the first head after the line feed (line feeds after the last head wait for the
        // next round, which reads their run of blanks again)
        let after = all_heads & (!1u64 << q);
        if after == 0 {
            break;
        }
        let before = (1u64 << after.trailing_zeros()) - 1;
        let gap = lf & before;
        lf &= !before;
        if gap.count_ones() == 1 && crate::wrap::soft_break(b, i + q) {
            continue;
        }
        match toks.get_mut((all_heads & before).count_ones() as usize) {
            Some(t) => t.nl = true,
            None => nl = true,
        }
    }
    if heads != 0 {
        // a run to be finished by the next round, which takes the line break in `nl`
        let p = heads.trailing_zeros() as usize;
        let until = if limit < 64 {
            i + limit + 1
        } else if p == 0 {
            i + 1
        } else {
            0
        };
        return (i + p, until, nl);
    }
    if lf != 0 {
        // the blanks after the last token hold a line feed: their run is read again from its
        // start (by the byte loop when no token was taken)
        return if taken == 0 {
            (i, i + 1, nl)
        } else {
            (i + (64 - all_ends.leading_zeros() as usize), 0, nl)
        };
    }
    if limit < 64 {
        (i + limit, i + limit + 1, nl)
    } else {
        (i + 64, 0, nl)
    }
}

/// Split `text` into tokens (appended to `out`, which is cleared first). Texts of 4 GiB or
/// more are not tokenized (offsets are 32-bit).
pub(super) fn tokenize(text: &str, out: &mut Vec<Tok>, starts: &mut Vec<u32>) {
    tokenize_in::<{ Scan::Best as u8 }>(text, out, starts);
}

/// How [`tokenize_in`] reads plain ASCII text.
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Scan {
    /// Byte by byte (the reference).
    #[cfg_attr(not(test), allow(dead_code))]
    Bytes,
    /// In 64-byte blocks, SSE2 masks.
    #[cfg_attr(not(test), allow(dead_code))]
    Sse2,
    /// In 64-byte blocks, AVX2 masks when the CPU has them.
    Best,
}

/// [`tokenize`], with or without the 64-byte block scan ([`Scan`]); all give the same tokens.
#[inline(always)]
fn tokenize_in<const SCAN: u8>(text: &str, out: &mut Vec<Tok>, starts: &mut Vec<u32>) {
    let blocks = SCAN != Scan::Bytes as u8;
    let avx2 = SCAN == Scan::Best as u8 && has_avx2();
    out.clear();
    starts.clear();
    if text.len() >= u32::MAX as usize {
        return;
    }
    // about one token per five bytes of news text: reserve once, never grow
    out.reserve(text.len() / 3 + 16);
    starts.reserve(text.len() / 16 + 16);
    let table = &*TABLE;
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    let mut nl = false;
    // the byte loop runs below this position (see `block_tokens`)
    let mut bytewise_until = 0;
    while i < n {
        if blocks && i >= bytewise_until && n - i >= 64 {
            let (next, until, now_nl) = block_tokens_best(avx2, b, i, out, starts, table, nl);
            bytewise_until = until;
            nl = now_nl;
            if next > i {
                i = next;
                continue;
            }
        }
        let c = b[i];
        // words first: four tokens in five are words, most followed by one space
        if c.is_ascii_alphabetic() {
            let s = i;
            i = ascii_letters_end(b, i + 1);
            if i < n && (b[i] >= 0x80 || b[i] == b'\'') {
                i = word_tail(text, i);
            }
            emit(
                out,
                starts,
                Tok::new(s, i, TK::Word, word_id_in(table, &b[s..i]), nl),
                b[s],
                0,
            );
            nl = false;
            if b.get(i) == Some(&b' ') {
                i += 1;
            }
            continue;
        }
        match CLASS[c as usize] {
            SPACE => {
                let gap = i;
                let mut breaks = usize::from(c == b'\n');
                i += 1;
                while let Some(&c) = b.get(i) {
                    if c == b' ' {
                        i += 1;
                    } else if CLASS[c as usize] == SPACE {
                        breaks += usize::from(c == b'\n');
                        i += 1;
                    } else {
                        break;
                    }
                }
                if breaks > 0 {
                    // a newswire's fixed-width line break does not cut a figure
                    let soft = breaks == 1
                        && b[gap..i]
                            .iter()
                            .position(|&c| c == b'\n')
                            .is_some_and(|p| crate::wrap::soft_break(b, gap + p));
                    nl |= !soft;
                }
            }
            DIGIT => {
                let s = i;
                i += 1;
                while let Some(c) = b.get(i)
                    && c.is_ascii_digit()
                {
                    i += 1;
                }
                emit(out, starts, Tok::new(s, i, TK::Num, 0, nl), b[s], 0);
                nl = false;
            }
            PUNCT => {
                let next = b.get(i + 1).copied().unwrap_or(0);
                emit(
                    out,
                    starts,
                    Tok::new(i, i + 1, TK::Punct, 0, nl),
                    b[i],
                    next,
                );
                nl = false;
                i += 1;
            }
            _ => {
                let ch = text[i..].chars().next().unwrap_or(' ');
                let l = ch.len_utf8().max(1);
                if ch.is_alphabetic() {
                    let s = i;
                    i += l;
                    while i < n {
                        if CLASS[b[i] as usize] == ALPHA {
                            i += 1;
                            continue;
                        }
                        if b[i] >= 0x80 {
                            match text[i..].chars().next() {
                                Some(ch) if ch.is_alphabetic() => {
                                    i += ch.len_utf8();
                                    continue;
                                }
                                _ => {}
                            }
                        }
                        break;
                    }
                    emit(
                        out,
                        starts,
                        Tok::new(s, i, TK::Word, word_id_in(table, &b[s..i]), nl),
                        b[s],
                        0,
                    );
                    nl = false;
                } else if ch.is_whitespace() {
                    nl |= ch == '\u{2028}' || ch == '\u{2029}';
                    i += l;
                } else {
                    emit(out, starts, Tok::new(i, i + l, TK::Punct, 0, nl), b[i], 0);
                    nl = false;
                    i += l;
                }
            }
        }
    }
}

/// What a word can mean to the number tagger.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Lex {
    /// zero..nineteen
    Unit(u8),
    /// twenty..ninety
    Ten(u8),
    Hundred,
    /// thousand, million, billion, trillion, lakh, crore
    Scale(f64),
    Dozen,
    /// hundreds, thousands, dozens...: the lower bound of the vague quantity
    Vague(f64),
    /// first..ninetieth, hundredth...: the ordinal's value; plural forms are denominators
    Ordinal(f64, bool),
    Half,
    Quarter(bool),
    Month(u8),
    Weekday(u8),
    /// a holiday on a fixed day: Christmas (12, 25)
    Holiday(u8, u8),
    /// yesterday (-1), today (0), tomorrow (1), tonight (0)
    DayRel(i8),
    Percent,
    /// currency code, and whether the word is ambiguous with a measure (pound)
    Currency(&'static str),
    /// a measure unit: its normalized name
    Measure(&'static str),
    /// a duration unit: the ISO 8601 designator and the unit name
    TimeUnit(&'static str, &'static str),
}

impl Lex {
    /// A word that states an amount by itself or with a number (`two`, `hundred`, `dozens`,
    /// `half`, `dollars`): what a figure in words is made of.
    pub(super) fn amount_word(self) -> bool {
        matches!(
            self,
            Lex::Unit(_)
                | Lex::Ten(_)
                | Lex::Hundred
                | Lex::Scale(_)
                | Lex::Dozen
                | Lex::Vague(_)
                | Lex::Half
                | Lex::Quarter(_)
                | Lex::Currency(_)
        )
    }
}

/// Maps of the fixed word lists, built once at start-up.
type FxMap<K, V> = HashMap<K, V, crate::fasthash::FnvBuild>;

static LEXICON: LazyLock<FxMap<&'static [u8], Lex>> = LazyLock::new(|| {
    use Lex::*;
    let mut m: FxMap<&'static [u8], Lex> = FxMap::default();
    let units = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    for (k, w) in units.iter().enumerate() {
        m.insert(w.as_bytes(), Unit(k as u8));
    }
    m.insert(b"nought", Unit(0));
    m.insert(b"naught", Unit(0));
    let tens = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    for (k, w) in tens.iter().enumerate() {
        m.insert(w.as_bytes(), Ten(20 + 10 * k as u8));
    }
    m.insert(b"fourty", Ten(40));
    m.insert(b"hundred", Hundred);
    for (w, v) in [
        ("thousand", 1e3),
        ("million", 1e6),
        ("billion", 1e9),
        ("trillion", 1e12),
        ("lakh", 1e5),
        ("crore", 1e7),
        ("mln", 1e6),
        ("mn", 1e6),
        ("bln", 1e9),
        ("bn", 1e9),
        ("trn", 1e12),
    ] {
        m.insert(w.as_bytes(), Scale(v));
    }
    m.insert(b"dozen", Dozen);
    for (w, v) in [
        ("hundreds", 200.0),
        ("thousands", 2000.0),
        ("millions", 2e6),
        ("billions", 2e9),
        ("dozens", 24.0),
        ("scores", 40.0),
    ] {
        m.insert(w.as_bytes(), Vague(v));
    }
    let ords: [(&'static str, &'static str, f64); 28] = [
        ("first", "firsts", 1.0),
        ("second", "seconds", 2.0),
        ("third", "thirds", 3.0),
        ("fourth", "fourths", 4.0),
        ("fifth", "fifths", 5.0),
        ("sixth", "sixths", 6.0),
        ("seventh", "sevenths", 7.0),
        ("eighth", "eighths", 8.0),
        ("ninth", "ninths", 9.0),
        ("tenth", "tenths", 10.0),
        ("eleventh", "elevenths", 11.0),
        ("twelfth", "twelfths", 12.0),
        ("thirteenth", "thirteenths", 13.0),
        ("fourteenth", "fourteenths", 14.0),
        ("fifteenth", "fifteenths", 15.0),
        ("sixteenth", "sixteenths", 16.0),
        ("seventeenth", "seventeenths", 17.0),
        ("eighteenth", "eighteenths", 18.0),
        ("nineteenth", "nineteenths", 19.0),
        ("twentieth", "twentieths", 20.0),
        ("thirtieth", "thirtieths", 30.0),
        ("fortieth", "fortieths", 40.0),
        ("fiftieth", "fiftieths", 50.0),
        ("sixtieth", "sixtieths", 60.0),
        ("seventieth", "seventieths", 70.0),
        ("eightieth", "eightieths", 80.0),
        ("ninetieth", "ninetieths", 90.0),
        ("hundredth", "hundredths", 100.0),
    ];
    for (s, p, v) in ords {
        m.insert(s.as_bytes(), Ordinal(v, false));
        m.insert(p.as_bytes(), Ordinal(v, true));
    }
    for (s, p, v) in [
        ("thousandth", "thousandths", 1e3),
        ("millionth", "millionths", 1e6),
        ("billionth", "billionths", 1e9),
        ("trillionth", "trillionths", 1e12),
    ] {
        m.insert(s.as_bytes(), Ordinal(v, false));
        m.insert(p.as_bytes(), Ordinal(v, true));
    }
    m.insert(b"half", Half);
    m.insert(b"halves", Half);
    m.insert(b"quarter", Quarter(false));
    m.insert(b"quarters", Quarter(true));
    let months = [
        ("january", 1),
        ("jan", 1),
        ("february", 2),
        ("feb", 2),
        ("march", 3),
        ("mar", 3),
        ("april", 4),
        ("apr", 4),
        ("may", 5),
        ("june", 6),
        ("jun", 6),
        ("july", 7),
        ("jul", 7),
        ("august", 8),
        ("aug", 8),
        ("september", 9),
        ("sep", 9),
        ("sept", 9),
        ("october", 10),
        ("oct", 10),
        ("november", 11),
        ("nov", 11),
        ("december", 12),
        ("dec", 12),
    ];
    for (w, k) in months {
        m.insert(w.as_bytes(), Month(k));
    }
    let days = [
        ("monday", 1),
        ("mon", 1),
        ("tuesday", 2),
        ("tue", 2),
        ("tues", 2),
        ("wednesday", 3),
        ("wed", 3),
        ("thursday", 4),
        ("thu", 4),
        ("thur", 4),
        ("thurs", 4),
        ("friday", 5),
        ("fri", 5),
        ("saturday", 6),
        ("sat", 6),
        ("sunday", 7),
        ("sun", 7),
    ];
    for (w, k) in days {
        m.insert(w.as_bytes(), Weekday(k));
    }
    for (w, k) in [
        ("yesterday", -1),
        ("today", 0),
        ("tomorrow", 1),
        ("tonight", 0),
        ("tonite", 0),
    ] {
        m.insert(w.as_bytes(), DayRel(k));
    }
    for (w, mo, d) in [
        ("christmas", 12, 25),
        ("halloween", 10, 31),
        ("juneteenth", 6, 19),
    ] {
        m.insert(w.as_bytes(), Holiday(mo, d));
    }
    for w in ["percent", "percents", "pct", "percentage"] {
        m.insert(w.as_bytes(), Percent);
    }
    for (w, c) in [
        ("dollar", "USD"),
        ("dollars", "USD"),
        ("dlr", "USD"),
        ("dlrs", "USD"),
        ("stg", "GBP"),
        ("usd", "USD"),
        ("euro", "EUR"),
        ("euros", "EUR"),
        ("eur", "EUR"),
        ("ecu", "XEU"),
        ("ecus", "XEU"),
        ("gbp", "GBP"),
        ("sterling", "GBP"),
        ("pound", "GBP"),
        ("pounds", "GBP"),
        ("pence", "GBP_pence"),
        ("penny", "GBP_pence"),
        ("cent", "cent"),
        ("cents", "cent"),
        ("cts", "cent"),
        ("ct", "cent"),
        ("yen", "JPY"),
        ("jpy", "JPY"),
        ("yuan", "CNY"),
        ("renminbi", "CNY"),
        ("rmb", "CNY"),
        ("cny", "CNY"),
        ("rupee", "INR"),
        ("rupees", "INR"),
        ("inr", "INR"),
        // `Rs` before a number only (see the currency prefixes)
        ("rs", "INR"),
        ("franc", "CHF"),
        ("francs", "CHF"),
        ("chf", "CHF"),
        ("lira", "TRY"),
        ("liras", "TRY"),
        ("rouble", "RUB"),
        ("roubles", "RUB"),
        ("ruble", "RUB"),
        ("rubles", "RUB"),
        ("rub", "RUB"),
        ("riyal", "SAR"),
        ("riyals", "SAR"),
        ("dirham", "AED"),
        ("dirhams", "AED"),
        ("dinar", "dinar"),
        ("dinars", "dinar"),
        ("peso", "peso"),
        ("pesos", "peso"),
        ("shekel", "ILS"),
        ("shekels", "ILS"),
        ("rial", "IRR"),
        ("rials", "IRR"),
        ("markka", "FIM"),
        ("bitcoin", "BTC"),
        ("bitcoins", "BTC"),
        ("cad", "CAD"),
        ("aud", "AUD"),
        ("syp", "SYP"),
        ("won", "KRW"),
        ("naira", "NGN"),
        ("rand", "ZAR"),
        ("ringgit", "MYR"),
        ("baht", "THB"),
        ("rupiah", "IDR"),
        ("zloty", "PLN"),
        ("forint", "HUF"),
        ("forints", "HUF"),
        ("hryvnia", "UAH"),
        ("hryvnias", "UAH"),
        ("zlotys", "PLN"),
        // (`real`, a common word, is read only after `Brazilian`, by the currency rule)
        ("reais", "BRL"),
        ("dong", "VND"),
        ("kwacha", "ZMW"),
        ("cedi", "GHS"),
        ("cedis", "GHS"),
        ("birr", "ETB"),
        ("taka", "BDT"),
        ("kyat", "MMK"),
        ("tenge", "KZT"),
        // Kenyan, Ugandan, Tanzanian, Somali: which one only an adjective says
        ("shilling", "shilling"),
        ("shillings", "shilling"),
        // currencies of older copy (1980s wire news): marks and guilders, crowns of any
        // Nordic country (a generic name without an adjective)
        ("mark", "DEM"),
        ("marks", "DEM"),
        ("guilder", "NLG"),
        ("guilders", "NLG"),
        ("lire", "ITL"),
        ("peseta", "ESP"),
        ("pesetas", "ESP"),
        ("schilling", "ATS"),
        ("schillings", "ATS"),
        ("punt", "IEP"),
        ("punts", "IEP"),
        ("escudo", "PTE"),
        ("escudos", "PTE"),
        ("drachma", "GRD"),
        ("drachmas", "GRD"),
        ("crown", "crown"),
        ("crowns", "crown"),
        ("krona", "SEK"),
        ("kronor", "SEK"),
        ("krone", "crown"),
        ("kroner", "crown"),
        ("元", "CNY"),
    ] {
        m.insert(w.as_bytes(), Currency(c));
    }
    for (w, u) in [
        ("km", "km"),
        ("kms", "km"),
        ("kilometre", "km"),
        ("kilometres", "km"),
        ("kilometer", "km"),
        ("kilometers", "km"),
        ("m", "m"),
        ("metre", "m"),
        ("metres", "m"),
        ("meter", "m"),
        ("meters", "m"),
        ("cm", "cm"),
        ("centimetre", "cm"),
        ("centimetres", "cm"),
        ("centimeter", "cm"),
        ("centimeters", "cm"),
        ("mm", "mm"),
        ("millimetre", "mm"),
        ("millimetres", "mm"),
        ("millimeter", "mm"),
        ("millimeters", "mm"),
        ("mile", "mi"),
        ("miles", "mi"),
        ("mi", "mi"),
        ("foot", "ft"),
        ("feet", "ft"),
        ("ft", "ft"),
        ("inch", "in"),
        ("inches", "in"),
        ("yard", "yd"),
        ("yards", "yd"),
        ("kg", "kg"),
        ("kgs", "kg"),
        ("kilo", "kg"),
        ("kilos", "kg"),
        ("kilogram", "kg"),
        ("kilograms", "kg"),
        ("kilogramme", "kg"),
        ("kilogrammes", "kg"),
        ("g", "g"),
        ("gram", "g"),
        ("grams", "g"),
        ("gramme", "g"),
        ("grammes", "g"),
        ("mg", "mg"),
        ("milligram", "mg"),
        ("milligrams", "mg"),
        ("microgram", "ug"),
        ("micrograms", "ug"),
        ("microgrammes", "ug"),
        ("mcg", "ug"),
        ("tonne", "t"),
        ("tonnes", "t"),
        ("ton", "t"),
        ("tons", "t"),
        ("lb", "lb"),
        ("lbs", "lb"),
        ("ounce", "oz"),
        ("ounces", "oz"),
        ("oz", "oz"),
        ("litre", "l"),
        ("litres", "l"),
        ("liter", "l"),
        ("liters", "l"),
        ("ml", "ml"),
        ("millilitre", "ml"),
        ("millilitres", "ml"),
        ("gallon", "gal"),
        ("gallons", "gal"),
        ("barrel", "bbl"),
        ("barrels", "bbl"),
        ("bpd", "bbl"),
        ("acre", "acre"),
        ("acres", "acre"),
        ("hectare", "ha"),
        ("hectares", "ha"),
        ("ha", "ha"),
        ("mph", "mph"),
        ("kph", "km/h"),
        ("kmph", "km/h"),
        ("knots", "kn"),
        ("knot", "kn"),
        ("hp", "hp"),
        ("bhp", "hp"),
        ("horsepower", "hp"),
        ("twh", "TWh"),
        ("mw", "MW"),
        ("gw", "GW"),
        ("kw", "kW"),
        ("kwh", "kWh"),
        ("mwh", "MWh"),
        ("gwh", "GWh"),
        ("mb", "MB"),
        ("gb", "GB"),
        ("tb", "TB"),
        ("kb", "KB"),
        ("degree", "deg"),
        ("degrees", "deg"),
        ("celsius", "C"),
        ("centigrade", "C"),
        ("celcius", "C"),
        ("fahrenheit", "F"),
        ("farenheit", "F"),
        ("calories", "kcal"),
        ("dm", "dm"),
        ("picometer", "pm"),
        ("picometers", "pm"),
        ("bit", "bit"),
        ("bits", "bit"),
        ("megawatts", "MW"),
        ("megawatt", "MW"),
        ("gigawatts", "GW"),
        ("gigawatt", "GW"),
        ("kilowatt", "kW"),
        ("kilowatts", "kW"),
        ("terawatt", "TW"),
        ("terawatts", "TW"),
        ("volts", "V"),
        ("watts", "W"),
        ("volt", "V"),
        ("watt", "W"),
        // data sizes and kitchen measures written out (`64 megabytes`, `two teaspoons`)
        ("kilobyte", "KB"),
        ("kilobytes", "KB"),
        ("megabyte", "MB"),
        ("megabytes", "MB"),
        ("gigabyte", "GB"),
        ("gigabytes", "GB"),
        ("terabyte", "TB"),
        ("terabytes", "TB"),
        ("petabyte", "PB"),
        ("petabytes", "PB"),
        ("teaspoon", "tsp"),
        ("teaspoons", "tsp"),
        ("tsp", "tsp"),
        ("tablespoon", "tbsp"),
        ("tablespoons", "tbsp"),
        ("tbsp", "tbsp"),
        ("pint", "pt"),
        ("pints", "pt"),
    ] {
        m.insert(w.as_bytes(), Measure(u));
    }
    for (w, d, u) in [
        ("sec", "S", "second"),
        ("secs", "S", "second"),
        ("minute", "M", "minute"),
        ("minutes", "M", "minute"),
        ("min", "M", "minute"),
        ("mins", "M", "minute"),
        ("hour", "H", "hour"),
        ("hours", "H", "hour"),
        ("hr", "H", "hour"),
        ("hrs", "H", "hour"),
        ("day", "D", "day"),
        ("days", "D", "day"),
        ("night", "D", "night"),
        ("nights", "D", "night"),
        ("week", "W", "week"),
        ("weeks", "W", "week"),
        ("month", "M", "month"),
        ("months", "M", "month"),
        // newswire abbreviations: `Nine mths`
        ("mth", "M", "month"),
        ("mths", "M", "month"),
        ("year", "Y", "year"),
        ("years", "Y", "year"),
        ("yr", "Y", "year"),
        ("yrs", "Y", "year"),
        ("fortnight", "2W", "fortnight"),
        ("fortnights", "2W", "fortnight"),
        ("decade", "10Y", "decade"),
        ("decades", "10Y", "decade"),
        ("century", "100Y", "century"),
        ("centuries", "100Y", "century"),
    ] {
        m.insert(w.as_bytes(), TimeUnit(d, u));
    }
    m
});

/// The lexicon entry of a word (ASCII case-insensitive); `None` for most words.
#[cfg(test)]
pub(super) fn lookup(word: &str) -> Option<Lex> {
    info(word_id(word)).lex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        let mut v = Vec::new();
        tokenize(
            "over 4,000 o'clock 1.5bn €2 Zürich",
            &mut v,
            &mut Vec::new(),
        );
        let kinds: Vec<TK> = v.iter().map(|t| t.kind).collect();
        assert_eq!(kinds[0], TK::Word);
        assert_eq!(kinds[1], TK::Num);
        assert_eq!(kinds[2], TK::Punct);
        assert_eq!(v.len(), 12);
        assert_eq!(lookup("Thousands"), Some(Lex::Vague(2000.0)));
        assert_eq!(lookup("something"), None);
    }

    fn toks<const SCAN: u8>(text: &str) -> Vec<(u32, u32, u16, TK, bool)> {
        let mut v = Vec::new();
        let mut starts = Vec::new();
        tokenize_in::<SCAN>(text, &mut v, &mut starts);
        // the figure starts: numbers, known words, `$`, `-` and non-ASCII marks, in order
        let want: Vec<u32> = (0..v.len() as u32)
            .filter(|&k| {
                let t = v[k as usize];
                match t.kind {
                    TK::Word => t.id != 0,
                    TK::Num => true,
                    TK::Punct => {
                        let mark = &text[t.start as usize..t.end as usize];
                        let digit_after = text
                            .as_bytes()
                            .get(t.end as usize)
                            .is_some_and(u8::is_ascii_digit);
                        mark == "$" || (mark == "-" && digit_after) || !mark.is_ascii()
                    }
                }
            })
            .collect();
        assert_eq!(starts, want);
        v.iter()
            .map(|t| (t.start, t.end, t.id, t.kind, t.nl))
            .collect()
    }

    #[test]
    fn marks_that_start_figures_are_figure_starts() {
        // the marks `atom_at` tries (currency symbols, signs, vulgar fractions)
        for m in [
            "$", "€", "£", "¥", "₹", "₿", "₩", "₺", "₽", "-", "−", "½", "¼", "¾",
        ] {
            assert!(may_start(TK::Punct, 0, m.as_bytes()[0], b'5'), "{m}");
        }
        for m in b",.;:()[]\"!?%&*+/<=>@#^_`{|}~" {
            assert!(!may_start(TK::Punct, 0, *m, b'5'));
        }
        // a dash not glued to a digit is no sign (`atom_at` passes it by)
        for next in [b' ', b'a', b'-', b'$', 0] {
            assert!(!may_start(TK::Punct, 0, b'-', next));
        }
    }

    #[test]
    fn block_scan_gives_the_tokens_of_the_byte_loop() {
        let seeds = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"))
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| std::fs::read_to_string(e.path()).ok());
        let mut n = 0;
        for text in seeds {
            for cut in [0, 1, 7, 63, 64, 65] {
                let t = text.get(cut.min(text.len())..).unwrap_or("");
                let bytes = toks::<{ Scan::Bytes as u8 }>(t);
                assert_eq!(toks::<{ Scan::Sse2 as u8 }>(t), bytes);
                assert_eq!(toks::<{ Scan::Best as u8 }>(t), bytes);
            }
            n += 1;
        }
        assert!(n > 0, "no seed texts");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn block_scan_matches_byte_loop(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Word", "thirteen", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklm",
                "1", "2017", "12345678901234567890123456789012345678901234567890123456789012345",
                " ", "  ", "\n", "\n\n", " \n ", "\t", "\r", ",", ".", "-", "'", "’", "é", "Zürich",
                "don't", "o'clock", "\u{a0}", "\u{2028}", "$", "€", "\u{b}", "年", "x", "Q3",
                "s", "S", "'s", "'S", "s'", "rock'n'roll", "Monday's", "1990's", "''",
            ]), 0..120)
        ) {
            let text: String = parts.concat();
            let bytes = toks::<{ Scan::Bytes as u8 }>(&text);
            proptest::prop_assert_eq!(toks::<{ Scan::Sse2 as u8 }>(&text), bytes.clone());
            proptest::prop_assert_eq!(toks::<{ Scan::Best as u8 }>(&text), bytes);
        }
    }

    #[test]
    fn letter_runs_end_where_a_byte_by_byte_scan_ends() {
        let text = "Abcdefghijklmnopqrstuvwxyz@[`{ZZzz9 aa\u{e9}bbbbbbbbbb' x\u{7f}yyyyyyyy\u{80}";
        let b = text.as_bytes();
        for i in 0..b.len() {
            let mut j = i;
            while b.get(j).is_some_and(u8::is_ascii_alphabetic) {
                j += 1;
            }
            assert_eq!(ascii_letters_end(b, i), j, "from byte {i}");
        }
        for c in 0..=255u8 {
            let b = [b'a', b'b', b'c', b'd', b'e', b'f', b'g', c, b'h', b'i'];
            let want = if c.is_ascii_alphabetic() { 10 } else { 7 };
            assert_eq!(ascii_letters_end(&b, 0), want, "byte {c:#x}");
        }
    }

    #[test]
    fn packed_keys_fold_ascii_case_only() {
        for c in 0..=255u8 {
            let w = [b'x', c, b'y'];
            let lower = [b'x', c.to_ascii_lowercase(), b'y'];
            assert_eq!(pack(&w), pack(&lower), "byte {c:#x}");
            if !c.eq_ignore_ascii_case(&b'q') {
                assert_ne!(pack(&w), pack(b"xqy"), "byte {c:#x}");
            }
        }
        assert_eq!(pack(b""), None);
        assert_eq!(pack(b"fourteenfourt"), pack(b"FOURTEENFOURT"));
        assert_eq!(pack(b"fourteenfourte"), None);
        assert_ne!(pack(b"a"), pack(b"a\0"));
        // every length reads every byte once, in order
        let word = b"abcdefghijklm";
        for n in 1..=MAX_WORD {
            let mut buf = [0u8; 16];
            buf[..n].copy_from_slice(&word[..n]);
            assert_eq!(load_le(&word[..n]), u128::from_le_bytes(buf), "length {n}");
        }
    }

    #[test]
    fn table_keys_are_lowercase_and_found_in_any_case() {
        let t = &*TABLE;
        for w in LEXICON.keys() {
            assert!(!w.iter().any(u8::is_ascii_uppercase), "{w:?}");
            if w.len() <= MAX_WORD {
                let id = t.ids.get(w).unwrap_or(0);
                assert_ne!(id, 0, "{w:?}");
                assert_eq!(t.ids.get(&w.to_ascii_uppercase()), Some(id));
            }
        }
        assert_eq!(word_flags("THAN") & MOD_END, MOD_END);
        // every phrase is in the group of its last word, once, in list order
        let mut seen = 0;
        for (k, (words, _)) in super::super::PRE_MODIFIERS.iter().enumerate() {
            let last = words.last().copied().unwrap_or("");
            let g = modifiers_ending_with(last.to_ascii_uppercase().as_bytes());
            assert!(g.contains(&(k as u8)), "{words:?}");
            assert!(g.windows(2).all(|w| w[0] < w[1]));
            seen += usize::from(g.first() == Some(&(k as u8)));
        }
        assert!(seen > 10);
        // `atom_at` reads `per cent` only where the lexicon says currency `cent`
        for w in ["cent", "Cent", "CENT"] {
            assert_eq!(info(word_id(w)).lex, Some(Lex::Currency("cent")), "{w}");
        }
        assert!(modifiers_ending_with(b"civilians").is_empty());
        assert_eq!(word_flags("nonexistentword"), 0);
        // a word has a group exactly when it has the `MOD_END` flag (`modify` reads the group
        // alone)
        let flagged = super::super::PRE_MODIFIERS
            .iter()
            .flat_map(|(words, _)| words.iter())
            .chain(["civilians", "the", "of", "than", "THAN", "Least", "about"].iter());
        for w in flagged {
            let has_group = !modifiers_ending_with(w.as_bytes()).is_empty();
            assert_eq!(has_group, word_flags(w) & MOD_END != 0, "{w}");
        }
    }

    #[test]
    fn letter_words_are_looked_up_as_any_word() {
        let t = &*TABLE;
        let mut words: Vec<Vec<u8>> = LEXICON.keys().map(|w| w.to_vec()).collect();
        words.extend(
            [
                "Said",
                "THE",
                "a",
                "I",
                "mIlLiOn",
                "x",
                "thousandths",
                "abcdefghijklmn",
                "Zz",
            ]
            .map(|w| w.as_bytes().to_vec()),
        );
        for w in words
            .iter()
            .filter(|w| w.iter().all(|&b| b.is_ascii_alphabetic() || b == b'\''))
        {
            for v in [w.clone(), w.to_ascii_uppercase()] {
                let want = word_id_slow(t, &v);
                assert_eq!(word_id_letters(t, &v), want, "{v:?}");
                // the word at every place of a block, letters around it
                for p in 0..=64usize.saturating_sub(v.len()) {
                    let mut chunk = [b'q'; 64];
                    chunk[p..p + v.len()].copy_from_slice(&v);
                    assert_eq!(word_id_block(t, &chunk, p, p + v.len()), want, "{v:?} {p}");
                }
            }
        }
        assert_ne!(word_id_letters(t, b"Million"), 0);
    }
}
