//! Numbers, quantities and dates: every figure a news report states, as a typed value.
//!
//! One pass tokenizes the text (digits, words, single marks; see `lex`). A second pass walks
//! the tokens and, at every token that can start a figure, tries in order: identifiers
//! (`COVID-19`, `Resolution 2254`, phone numbers, URLs), dates, times, then quantities (digits or
//! words, with scale, currency, percent, unit, ordinal suffix). A last pass joins ranges
//! (`between X and Y`, `X-Y`, `X to Y`), dates with clock times, durations (`2 hours and 30
//! minutes`), reads modifiers (`more than`, `almost`...) and the counted noun (`240 civilians`).
//! Everything works on byte offsets into `text`.
//!
//! `kind` vocabulary (see [`NumberKind`]): `cardinal` (counts and plain numbers, vague plurals
//! such as `thousands`), `ordinal`, `fraction` (`half`, `two-thirds`, `3/4`), `percent` (value in
//! percent; unit `percentage_point` for points), `money` (unit: ISO 4217 code, or `cent`,
//! `GBP_pence`...), `measure` (unit: `km`, `t`, `C`, `years_of_age`...), `date` and `date_range`
//! (ISO in `iso`: `2017`, `2017-09`, `2017-09-05`, `2022-W15`, `2017-06/2017-10`; `XXXX` for an
//! unknown year), `time` (`10:00`, or `2022-04-18T10:00` with a day), `duration` (ISO `P3Y`,
//! `PT2H30M`), `identifier` (numbers that name things; no value), `unit` (a currency or unit
//! named without a figure: `the dollar fell`; no value, see `units`).
//!
//! `modifier` vocabulary: `more_than`, `at_least` (lower bound), `fewer_than`, `at_most`,
//! `up_to`, `almost` (upper bound), `about` (no bound), `exactly` (both bounds), `between` and
//! `range` (value empty, both bounds), `early`, `mid`, `late` (dates), `every` (recurrences:
//! `every day` is a duration `P1D`, `every Monday` a date `XXXX-WXX-1`). A figure without modifier
//! has `lower = upper = value`; a vague one (`thousands`) only its lower bound.

mod cal;
mod dates;
mod deictic;
mod lex;
mod periods;
mod phrases;
mod units;

use crate::types::{DocContext, NumberKind, NumberMention};
use cal::Ymd;
use lex::{Lex, TK, Tok};
use std::cell::{Cell, RefCell};

/// Token and figure buffers kept by each thread from one document to the next (most news
/// documents are a few kilobytes: three allocations a document were a visible part of the cost).
type Scratch = RefCell<(Vec<Tok>, Vec<u32>, Vec<Atom>)>;

thread_local! {
    static SCRATCH: Scratch = const { RefCell::new((Vec::new(), Vec::new(), Vec::new())) };
}

/// Buffers larger than this many tokens (a document of some megabytes), or a sixteenth as many
/// figures, are not kept.
const KEEP_TOKENS: usize = 1 << 18;

/// All figures in `text`, and the currencies and units it names without a figure (kind `unit`,
/// see `units`), in order of position, non-overlapping, as byte spans.
pub fn tag_numbers(text: &str, ctx: &DocContext) -> Vec<NumberMention> {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut bufs) => {
            let (toks, starts, atoms) = &mut *bufs;
            let found = tag_with(text, ctx, toks, starts, atoms);
            if toks.capacity() > KEEP_TOKENS || atoms.capacity() > KEEP_TOKENS / 16 {
                *toks = Vec::new();
                *starts = Vec::new();
                *atoms = Vec::new();
            }
            found
        }
        Err(_) => tag_with(text, ctx, &mut Vec::new(), &mut Vec::new(), &mut Vec::new()),
    })
}

/// The number of places a figure may start at in `text`, from the tagger's tokenizer alone (in
/// the thread's buffers, as [`tag_numbers`] runs it): `bench stages` times it to split the
/// tagger's cost between reading the text and running the rules.
pub fn tokenize_only(text: &str) -> usize {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut bufs) => {
            let (toks, starts, _) = &mut *bufs;
            lex::tokenize(text, toks, starts);
            starts.len()
        }
        Err(_) => {
            let mut starts = Vec::new();
            lex::tokenize(text, &mut Vec::new(), &mut starts);
            starts.len()
        }
    })
}

/// [`tag_numbers`] with the token and figure buffers to use.
fn tag_with(
    text: &str,
    ctx: &DocContext,
    toks: &mut Vec<Tok>,
    starts: &mut Vec<u32>,
    atoms: &mut Vec<Atom>,
) -> Vec<NumberMention> {
    // `tokenize` clears them and reserves what it needs
    lex::tokenize(text, toks, starts);
    let published = ctx.published.as_deref().and_then(cal::parse_iso);
    let p = P::new(text, toks, published);
    let mut found = p.run(starts, atoms);
    let bare = units::bare_units(text, toks, starts, &found);
    if !bare.is_empty() {
        found.extend(bare);
        found.sort_by_key(|m| m.span.start);
    }
    found
}

/// The tagger's view of one document.
struct P<'a> {
    text: &'a str,
    t: &'a [Tok],
    published: Option<Ymd>,
    /// The last [`P::core`] read (token, result): the rules for clock times and for
    /// quantities read the same number at the same token one after the other.
    core_memo: Cell<(usize, Option<Core>)>,
    /// The word table by token id, looked up once: [`lex::info`] passes the lazy table's
    /// check on every call, and the rules ask for a token's entry some 40,000 times a MB.
    infos: &'static [lex::WordInfo],
}

/// A figure found at tokens `t0..t1`, before it becomes a [`NumberMention`].
#[derive(Debug, Clone)]
struct Atom {
    t0: usize,
    t1: usize,
    kind: NumberKind,
    value: Option<f64>,
    lower: Option<f64>,
    upper: Option<f64>,
    iso: Option<String>,
    modifier: Option<&'static str>,
    unit: Option<&'static str>,
    object: Option<(usize, usize)>,
    vague: bool,
    /// Scale word or suffix applied (1 when none): lets `3-5 million` share the scale.
    scale: f64,
    /// Consumed but not reported (URLs, e-mail addresses).
    drop: bool,
    /// For dates: what the ISO value pins down (year, month, day), to fill ranges.
    date: Option<DateParts>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct DateParts {
    y: Option<i32>,
    m: Option<u32>,
    d: Option<u32>,
}

impl Atom {
    fn new(t0: usize, t1: usize, kind: NumberKind) -> Atom {
        Atom {
            t0,
            t1,
            kind,
            value: None,
            lower: None,
            upper: None,
            iso: None,
            modifier: None,
            unit: None,
            object: None,
            vague: false,
            scale: 1.0,
            drop: false,
            date: None,
        }
    }
    /// Take in the figure `b` that follows ("6ft" + "4in", "one in" + "five"): one exact
    /// value `v` over both spans, with `b`'s counted noun.
    fn absorb(&mut self, b: &Atom, v: f64) {
        self.value = Some(v);
        self.lower = None;
        self.upper = None;
        self.t1 = b.t1;
        self.object = b.object;
    }
    /// Resolved to one calendar day.
    fn set_day(&mut self, d: Ymd) {
        self.iso = Some(d.iso());
        self.date = Some(DateParts {
            y: Some(d.y),
            m: Some(d.m),
            d: Some(d.d),
        });
    }
    fn num(t0: usize, t1: usize, kind: NumberKind, v: f64) -> Atom {
        let mut a = Atom::new(t0, t1, kind);
        a.value = Some(v);
        a
    }
    fn is_quantity(&self) -> bool {
        matches!(
            self.kind,
            NumberKind::Cardinal
                | NumberKind::Fraction
                | NumberKind::Percent
                | NumberKind::Money
                | NumberKind::Measure
                | NumberKind::Duration
        )
    }
}

/// Quantity modifiers written before the figure, longest first: (words, modifier).
const PRE_MODIFIERS: &[(&[&str], &str)] = &[
    (&["less", "than", "or", "equal", "to"], "at_most"),
    (&["fewer", "than", "or", "equal", "to"], "at_most"),
    (&["more", "than", "or", "equal", "to"], "at_least"),
    (&["greater", "than", "or", "equal", "to"], "at_least"),
    (&["equal", "to"], "exactly"),
    (&["equals", "to"], "exactly"),
    (&["exceeded"], "more_than"),
    (&["exceeding"], "more_than"),
    (&["exceeds"], "more_than"),
    (&["surpassed"], "more_than"),
    (&["surpassing"], "more_than"),
    (&["surpass"], "more_than"),
    (&["in", "excess", "of"], "more_than"),
    (&["no", "fewer", "than"], "at_least"),
    (&["no", "less", "than"], "at_least"),
    (&["not", "less", "than"], "at_least"),
    (&["no", "more", "than"], "at_most"),
    (&["not", "more", "than"], "at_most"),
    (&["a", "minimum", "of"], "at_least"),
    (&["a", "maximum", "of"], "at_most"),
    (&["as", "many", "as"], "up_to"),
    (&["as", "much", "as"], "up_to"),
    (&["more", "than"], "more_than"),
    (&["greater", "than"], "more_than"),
    (&["higher", "than"], "more_than"),
    (&["larger", "than"], "more_than"),
    (&["bigger", "than"], "more_than"),
    (&["just", "over"], "more_than"),
    (&["well", "over"], "more_than"),
    (&["upwards", "of"], "more_than"),
    (&["at", "least"], "at_least"),
    (&["at", "most"], "at_most"),
    (&["up", "to"], "up_to"),
    (&["fewer", "than"], "fewer_than"),
    (&["less", "than"], "fewer_than"),
    (&["lower", "than"], "fewer_than"),
    (&["smaller", "than"], "fewer_than"),
    (&["just", "under"], "almost"),
    (&["close", "to"], "almost"),
    (&["an", "estimated"], "about"),
    (&["over"], "more_than"),
    (&["above"], "more_than"),
    (&["under"], "fewer_than"),
    (&["below"], "fewer_than"),
    (&["almost"], "almost"),
    (&["nearly"], "almost"),
    (&["about"], "about"),
    (&["around"], "about"),
    (&["approximately"], "about"),
    (&["roughly"], "about"),
    (&["some"], "about"),
    (&["estimated"], "about"),
    (&["circa"], "about"),
    (&["exactly"], "exactly"),
    (&["precisely"], "exactly"),
];

/// Words (besides the lexicon) at which a figure may start: relative dates, signs, vague counts.
const TRIGGERS: &[&str] = &[
    "a",
    "an",
    "every",
    "each",
    "last",
    "next",
    "this",
    "coming",
    "previous",
    "following",
    "past",
    // `the final three months of 2023`, `the final quarter` (see `periods`)
    "final",
    "noon",
    "midnight",
    "minus",
    "negative",
    "tens",
    "several",
    // an age (`in her teens`; see `phrases`)
    "teens",
    "early",
    "mid",
    "late",
    // parts of the day (`in the morning`), approximate noon
    "morning",
    "afternoon",
    "evening",
    "night",
    "mornings",
    "afternoons",
    "evenings",
    "nights",
    "noonish",
    // first words of holidays with a fixed date
    "independence",
    "new",
    "valentine's",
    "valentines",
    "valentine",
    "boxing",
    "bastille",
    "armistice",
    "veterans",
    "veteran's",
    "remembrance",
    "women's",
    // the moment of writing, seasons, frequencies (see `deictic`)
    "now",
    "date",
    "moment",
    "eod",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "daily",
    "nightly",
    "weekly",
    "fortnightly",
    "biweekly",
    "monthly",
    "quarterly",
    "annual",
    "annually",
    "yearly",
    "biennial",
    "biennially",
    "semiannual",
    "semiannually",
    "biannual",
    "biannually",
    "bimonthly",
    "easter",
    "thanksgiving",
    // `at the weekend` (see `dates`)
    "weekend",
];

/// Words before `the early 90s`, `the mid-70s` that make it a decade (not a price, an age or
/// a temperature in the mid-70s).
const DECADE_CUES: &[&str] = &[
    "in",
    "since",
    "during",
    "until",
    "till",
    "from",
    "of",
    "by",
    "before",
    "after",
    "through",
    "throughout",
    "into",
    "and",
];

/// Decades of the 20th century in words (`the nineties`), 1920s first; also triggers.
const DECADE_WORDS: [&str; 8] = [
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
];

/// Recurring weekdays (`on Thursdays`), Monday first; also triggers.
const RECURRING_WEEKDAYS: [&str; 7] = [
    "mondays",
    "tuesdays",
    "wednesdays",
    "thursdays",
    "fridays",
    "saturdays",
    "sundays",
];

/// Triggers that need a known word, a number or a mark right after them (see
/// [`lex::DEPENDENT`]); `new` needs `Year's`, `every`/`each` may take `other`, relative words
/// may take `weekend` and `few`.
const DEPENDENT_TRIGGERS: &[&str] = &[
    "a",
    "an",
    "every",
    "each",
    "last",
    "next",
    "this",
    "coming",
    "previous",
    "following",
    "past",
    "final",
    "minus",
    "negative",
    "early",
    "mid",
    "late",
    "new",
    "independence",
    "valentine's",
    "valentines",
    "valentine",
    "boxing",
    "bastille",
    "armistice",
    "veterans",
    "veteran's",
    "remembrance",
    "women's",
];

/// Plural nouns of figures reported per year: after a bare four-digit number (`1985 profits`,
/// `2003 results`) the number is the year, where other plurals are counted (`2000 pieces`).
const YEAR_NOUNS: &[&str] = &[
    "results",
    "profits",
    "earnings",
    "sales",
    "revenues",
    "losses",
    "figures",
    "accounts",
    "budgets",
    "forecasts",
    "estimates",
    "targets",
    "elections",
    "polls",
    "stocks",
    "levels",
    "prices",
    "exports",
    "imports",
    "harvests",
    "crops",
    "quotas",
    "games",
    "championships",
];

/// Words after which a bare four-digit number is a count, not a year.
const COUNT_CUES: &[&str] = &[
    "than",
    "over",
    "about",
    "nearly",
    "almost",
    "around",
    "some",
    "least",
    "approximately",
    "roughly",
    "estimated",
    "additional",
    "another",
    "killed",
    "of",
];

/// Nouns before a number that make it a name, not a quantity (`Resolution 2254`).
const ID_NOUNS: &[&str] = &[
    "resolution",
    "article",
    "chapter",
    "section",
    "flight",
    "route",
    "room",
    "gate",
    "platform",
    "paragraph",
    "version",
    "channel",
    "highway",
    "decree",
    "page",
    "episode",
    "item",
    "brigade",
    "division",
    "battalion",
    "regiment",
    "squadron",
    "corps",
    "category",
    "model",
    "windows",
    "iphone",
    "apartment",
    "building",
    "block",
    "sector",
    "zone",
    "level",
    "phase",
    "stage",
    "line",
    "bus",
    "exit",
    "terminal",
    "no",
    "nos",
    "nr",
    "nrs",
    "number",
    "vol",
    "volume",
    "tel",
    "fax",
    "phone",
    "po",
    "box",
    "su",
    "mig",
    "tu",
    "il",
    "apollo",
    "boeing",
    "airbus",
];

/// Names that end in a number (`Radio 4`, `BBC 2`, `League One`, `Formula One`, `Series 60`,
/// `PlayStation 2`) but also stand before a count or a score (`won the League 18 times`):
/// identifier nouns ([`lex::ID_NOUN`]) that [`P::named_identifier`] checks further.
const NAME_NOUNS: &[&str] = &[
    "radio",
    "bbc",
    "itv",
    "league",
    "formula",
    "series",
    "pack",
    "playstation",
    // stock indexes and lists: FTSE 100, Nikkei 225, CAC 40, Fortune 500
    "ftse",
    "nikkei",
    "dax",
    "cac",
    "stoxx",
    "russell",
    "fortune",
    "nifty",
];

/// Words that end a counted-noun phrase (function words and common verbs).
const OBJECT_STOP: &[&str] = &[
    "the",
    // results tables: `Net 47.3 mln vs 4.1 mln`
    "vs",
    "versus",
    "a",
    "an",
    "and",
    "or",
    "but",
    "in",
    "on",
    "at",
    "to",
    "from",
    "by",
    "with",
    "for",
    "of",
    "as",
    "into",
    "during",
    "since",
    "until",
    "after",
    "before",
    "across",
    "inside",
    "near",
    "under",
    "over",
    "below",
    "above",
    "beneath",
    "were",
    "was",
    "are",
    "is",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "who",
    "whom",
    "which",
    "that",
    "this",
    "these",
    "those",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "can",
    "must",
    "did",
    "do",
    "does",
    "said",
    "say",
    "says",
    "than",
    "more",
    "less",
    "fewer",
    "per",
    "percent",
    "each",
    "a",
    "their",
    "his",
    "her",
    "its",
    "our",
    "while",
    "when",
    "where",
    "because",
    "if",
    "so",
    "not",
    "also",
    "according",
    "ago",
    "later",
    "earlier",
    "before",
    // `11 last night`, `3 next season`: no counted noun
    "last",
    "next",
    "among",
    "including",
    "whose",
    "it",
    "they",
    "he",
    "she",
    "we",
    "you",
    "i",
    "there",
    "here",
    "then",
    "now",
    "still",
    "all",
    "about",
    "only",
    "just",
    "out",
    "up",
    "down",
    "off",
    "left",
    "remain",
    "remained",
    "remains",
    "died",
    "die",
    "killed",
    "dead",
    "wounded",
    "injured",
    "missing",
    "through",
    "via",
    "against",
    "without",
    "within",
    "toward",
    "towards",
    "upon",
    "behind",
    "beyond",
    "along",
    "amid",
    "despite",
    "like",
    "such",
    "what",
    "how",
    "why",
    "whether",
    "already",
    "even",
    "yet",
    "again",
    "ever",
    "never",
    "both",
    "either",
    "neither",
    "too",
    "very",
    "much",
    "many",
    "most",
    "some",
    "any",
    "no",
    "another",
    "own",
    "same",
    "instead",
    "away",
    "back",
    "ahead",
    "together",
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "told",
    "became",
    "become",
    "get",
    "got",
    "make",
    "made",
    "take",
    "took",
    "go",
    "went",
    "come",
    "came",
    "see",
    "saw",
    "seen",
    "win",
    "won",
    "lost",
    "lose",
    // irregular past tenses (a regular one is read by its `-ed`: `Thousands fled`)
    "struck",
    "fell",
    "rose",
    "began",
    "ran",
    "sent",
    "held",
    "fought",
    "flew",
    "drove",
    "broke",
    "stood",
    "gave",
    "kept",
    "spent",
    "paid",
    "sold",
    "bought",
    "brought",
    "thought",
    "found",
    "grew",
    "knew",
    "wrote",
    "shot",
    "swept",
    "tore",
    "froze",
    // adverbs of time and manner after a figure: `minus five overnight`, `3 apiece`
    "overnight",
    "apiece",
    "respectively",
    "abroad",
    "afterwards",
    "overall",
    "alone",
    "altogether",
    "recently",
    "reportedly",
    "allegedly",
    "he's",
    "she's",
    "it's",
    "they're",
    "we're",
    "i'm",
];

/// Verbs and nouns of change: `rose from 5 to 10`, `jumped 1-3/4 to 81-3/4` are changes.
/// Verbs before the votes for and against: `voted 51 to 49`, `passed 68 to 32`.
const VOTE_VERBS: &[&str] = &[
    "voted",
    "passed",
    "approved",
    "rejected",
    "defeated",
    "backed",
    "confirmed",
];

const CHANGE: &[&str] = &[
    "rose",
    "rise",
    "rises",
    "rising",
    "risen",
    "fell",
    "fall",
    "falls",
    "falling",
    "fallen",
    "increased",
    "increase",
    "increases",
    "increasing",
    "decreased",
    "decrease",
    "decreases",
    "decreasing",
    "grew",
    "grow",
    "grows",
    "growing",
    "grown",
    "dropped",
    "drop",
    "drops",
    "dropping",
    "jumped",
    "jump",
    "jumps",
    "climbed",
    "climb",
    "climbs",
    "declined",
    "decline",
    "declines",
    "cut",
    "cuts",
    "cutting",
    "raised",
    "raise",
    "raises",
    "raising",
    "reduced",
    "reduce",
    "reduces",
    "reducing",
    "lowered",
    "lower",
    "lowers",
    "boosted",
    "boost",
    "slipped",
    "slid",
    "soared",
    "surged",
    "plunged",
    "plummeted",
    "tumbled",
    "doubled",
    "tripled",
    "went",
    "gone",
    "changed",
    "change",
    "moved",
    "revised",
    "up",
    "down",
    "upgraded",
    "downgraded",
    "expanded",
    "shrank",
    "shrunk",
    "swelled",
    "widened",
    "narrowed",
    "extended",
    "shifted",
    "edged",
    "eased",
    "slumped",
    "rallied",
    "recovered",
    "improved",
    "worsened",
    "upped",
    "hiked",
    "trimmed",
    "slashed",
    "lifted",
    "growth",
    "jumping",
    "soaring",
    "lost",
    "gained",
    "added",
    "shed",
    "dipped",
    "sank",
    "advanced",
    "firmed",
    "rebounded",
    "weakened",
    "strengthened",
    "retreated",
];

/// A participle, gerund or adverb ending (`armed`, `fleeing`, `sharply`): a word that
/// qualifies the counted noun or ends it, but is not the noun.
fn modifier_ending(w: &str) -> bool {
    w.ends_with("ed") || w.ends_with("ly") || w.ends_with("ing")
}

/// A plural noun, as far as its spelling tells: more than three letters ending in `s` (not
/// `ss`, `us`, `is`: `business`, `virus`, `crisis`), or an irregular plural of persons.
#[inline(always)]
fn plural_noun(w: &[u8]) -> bool {
    match w {
        [.., a, b's'] if w.len() > 3 => {
            !matches!(a.to_ascii_lowercase(), b's' | b'u' | b'i')
                && !w.eq_ignore_ascii_case(b"series")
                && !w.eq_ignore_ascii_case(b"species")
        }
        _ => match w.len() {
            3 => w.eq_ignore_ascii_case(b"men"),
            5 => w.eq_ignore_ascii_case(b"women") || w.eq_ignore_ascii_case(b"staff"),
            6 => w.eq_ignore_ascii_case(b"people") || w.eq_ignore_ascii_case(b"police"),
            8 => w.eq_ignore_ascii_case(b"children"),
            9 => w.eq_ignore_ascii_case(b"personnel"),
            _ => false,
        },
    }
}

fn cmp_ci(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

impl<'a> P<'a> {
    fn new(text: &'a str, t: &'a [Tok], published: Option<Ymd>) -> P<'a> {
        P {
            text,
            t,
            published,
            core_memo: Cell::new((usize::MAX, None)),
            infos: lex::infos(),
        }
    }

    /// The table entry of token `i`'s word, if the tagger knows it.
    #[inline]
    fn info(&self, i: usize) -> Option<&'static lex::WordInfo> {
        match self.t.get(i) {
            Some(t) if t.id != 0 => self.infos.get(usize::from(t.id)),
            _ => None,
        }
    }

    // ---- token helpers -------------------------------------------------------------------

    fn n(&self) -> usize {
        self.t.len()
    }
    fn s(&self, i: usize) -> &'a str {
        match self.t.get(i) {
            Some(t) => &self.text[t.start as usize..t.end as usize],
            None => "",
        }
    }
    fn kind(&self, i: usize) -> Option<TK> {
        self.t.get(i).map(|t| t.kind)
    }
    fn is_num(&self, i: usize) -> bool {
        self.kind(i) == Some(TK::Num)
    }
    fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(TK::Word)
    }
    /// The bytes of token `i` (empty past the end).
    #[inline]
    fn b(&self, i: usize) -> &'a [u8] {
        match self.t.get(i) {
            Some(t) => self
                .text
                .as_bytes()
                .get(t.start as usize..t.end as usize)
                .unwrap_or(&[]),
            None => &[],
        }
    }
    fn is(&self, i: usize, w: &str) -> bool {
        let s = self.b(i);
        s.len() == w.len() && s.eq_ignore_ascii_case(w.as_bytes())
    }
    /// Token `i` is one of `ws` (ASCII case-insensitive): lengths first, the text once.
    fn is_any(&self, i: usize, ws: &[&str]) -> bool {
        let s = self.b(i);
        if s.is_empty() {
            return false;
        }
        ws.iter()
            .any(|w| w.len() == s.len() && s.eq_ignore_ascii_case(w.as_bytes()))
    }
    fn is_p(&self, i: usize, c: &str) -> bool {
        self.kind(i) == Some(TK::Punct) && self.s(i) == c
    }
    /// Token `i` touches token `i-1` (no whitespace between).
    fn glued(&self, i: usize) -> bool {
        i > 0 && i < self.n() && self.t[i].start as usize == self.t[i - 1].end as usize
    }
    /// Token `i` follows token `i-1` on the same line.
    fn near(&self, i: usize) -> bool {
        i > 0 && i < self.n() && !self.t[i].nl
    }
    fn lex(&self, i: usize) -> Option<Lex> {
        self.info(i).and_then(|w| w.lex)
    }
    /// Whether token `i` is a word with the given table flag ([`lex::STOP`]...).
    fn flag(&self, i: usize, f: u8) -> bool {
        match self.t.get(i) {
            Some(_) if f == lex::TRIGGER => self.info(i).is_some_and(|w| w.flags & f != 0),
            Some(t) if t.kind == TK::Word => lex::word_flags(self.s(i)) & f != 0,
            _ => false,
        }
    }
    /// A duration unit; `second(s)` is an ordinal in the lexicon, a unit only after a number.
    fn time_unit(&self, i: usize) -> Option<Lex> {
        if self.is_any(i, &["second", "seconds"]) {
            return Some(Lex::TimeUnit("S", "second"));
        }
        match self.lex(i) {
            Some(l @ Lex::TimeUnit(..)) => Some(l),
            _ => None,
        }
    }

    fn capitalized(&self, i: usize) -> bool {
        self.s(i)
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_uppercase)
    }

    // ---- driver --------------------------------------------------------------------------

    /// The figures of the document; `starts` lists the tokens where one may start (all but
    /// the words the tagger does not know, most of the text), in order. `buf` is the figure
    /// buffer kept from the last document (left empty, with its capacity).
    fn run(&self, starts: &[u32], buf: &mut Vec<Atom>) -> Vec<NumberMention> {
        let mut atoms = std::mem::take(buf);
        atoms.clear();
        // about one figure in 30 tokens of news: reserve once rather than grow (and copy)
        atoms.reserve(self.n() / 16 + 4);
        // the first token not yet inside a figure
        let mut next = 0;
        for &k in starts {
            let i = k as usize;
            let Some(t) = self.t.get(i) else { break };
            if i < next || (t.kind == TK::Word && self.dependent_stop(i)) {
                continue;
            }
            let floor = atoms.last().map_or(0, |a| a.t1);
            if let Some(a) = self.atom_at(i, floor)
                && a.t1 > i
                && a.t0 >= floor
            {
                next = a.t1;
                atoms.push(a);
            }
        }
        let mut atoms = self.combine(atoms);
        // a join that reached over the next figure (`5 to seven in the morning`) keeps it
        let mut end = 0;
        atoms.retain(|a| {
            let keep = a.t0 >= end;
            if keep {
                end = a.t1;
            }
            keep
        });
        // the result in a buffer of its own size (the figure buffer is kept)
        let mut found = Vec::with_capacity(atoms.iter().filter(|a| !a.drop).count());
        // read in place: moving each figure out of the buffer was a copy of it
        for a in atoms.iter_mut().filter(|a| !a.drop) {
            found.push(self.mention(a));
        }
        atoms.clear();
        *buf = atoms;
        found
    }

    /// A dependent trigger (`a`, `last`, `new`...) followed by a word the tagger does not know
    /// starts no figure.
    fn dependent_stop(&self, i: usize) -> bool {
        if self.info(i).is_none_or(|w| w.flags & lex::DEPENDENT == 0) {
            return false;
        }
        let Some(nx) = self.t.get(i + 1) else {
            return true;
        };
        let w = self.b(i + 1);
        if self.is(i, "new") {
            // New Year's Day, New Years Eve
            return !w.get(..4).is_some_and(|p| p.eq_ignore_ascii_case(b"year"));
        }
        if nx.kind != TK::Word || nx.id != 0 {
            return false;
        }
        // `the last few days of March` (a part of a period)
        // (`weekend` is a word of the table: `last weekend`)
        !(w.eq_ignore_ascii_case(b"other")
            || w.eq_ignore_ascii_case(b"few")
            || w.eq_ignore_ascii_case(b"couple")
            || w.eq_ignore_ascii_case(b"weekends"))
    }

    /// The mention of figure `a` (its ISO string is taken, the rest copied).
    fn mention(&self, a: &mut Atom) -> NumberMention {
        let start = self.t[a.t0].start as usize;
        let end = self.t[a.t1 - 1].end as usize;
        let mut lower = a.lower;
        let mut upper = a.upper;
        if a.is_quantity() && a.modifier.is_none() && !a.vague && lower.is_none() && upper.is_none()
        {
            lower = a.value;
            upper = a.value;
        }
        let finite = |x: Option<f64>| x.filter(|v| v.is_finite());
        NumberMention {
            span: start..end,
            kind: a.kind,
            value: finite(a.value),
            lower: finite(lower),
            upper: finite(upper),
            iso: a.iso.take(),
            modifier: a.modifier.map(str::to_owned),
            unit: a.unit.map(str::to_owned),
            object: a.object.map(|(s, e)| self.text[s..e].to_owned()),
            vague: a.vague,
        }
    }

    /// The figure starting at token `i`, if any. `floor` is the first token not yet used.
    fn atom_at(&self, i: usize, floor: usize) -> Option<Atom> {
        match self.t[i].kind {
            TK::Num => {
                if let Some(a) = self.glued_identifier(i, floor) {
                    return Some(a);
                }
                if let Some(a) = self.url_at(i, floor) {
                    return Some(a);
                }
                if let Some(a) = self.named_identifier(i) {
                    return Some(a);
                }
                // most figures are followed by prose: skip the date and time rules then (and
                // phone numbers, whose next token is a number, a dash or a bracket)
                if self.no_date_or_time_at(i) {
                    return self
                        .chain_identifier(i)
                        .or_else(|| self.quantity_at(i, floor));
                }
                if let Some(nx) = self.t.get(i + 1)
                    && match nx.kind {
                        TK::Num => true,
                        TK::Word => false,
                        TK::Punct => matches!(self.b(i + 1), b"-" | b")" | b"("),
                    }
                    && let Some(a) = self.phone_at(i, floor)
                {
                    return Some(a);
                }
                self.date_at(i)
                    .or_else(|| self.chain_identifier(i))
                    .or_else(|| self.time_at(i))
                    .or_else(|| self.quantity_at(i, floor))
            }
            TK::Word => {
                let lx = self.lex(i);
                if let Some(Lex::TimeUnit(..)) = lx
                    && let Some(a) = self.unit_phrase(i, floor)
                {
                    return Some(a);
                }
                // `cent` is a currency word of the lexicon: its meaning is tested before its text
                if (matches!(lx, Some(Lex::Percent))
                    || (matches!(lx, Some(Lex::Currency("cent")))
                        && self.is(i, "cent")
                        && i > floor
                        && self.is(i - 1, "per")))
                    && let Some(a) = self.percent_of(i, floor)
                {
                    return Some(a);
                }
                match lx {
                    Some(Lex::Month(_) | Lex::Weekday(_) | Lex::DayRel(_) | Lex::Holiday(..)) => {
                        self.date_at(i)
                    }
                    Some(Lex::Ordinal(..)) => {
                        self.date_at(i).or_else(|| self.quantity_at(i, floor))
                    }
                    Some(Lex::Unit(_)) if let Some(a) = self.named_word_number(i) => Some(a),
                    Some(l) if l.amount_word() => {
                        self.clock_words(i).or_else(|| self.quantity_at(i, floor))
                    }
                    _ if self.flag(i, lex::TRIGGER) => {
                        if let Some(r) = self.deictic_word(i, floor) {
                            return r;
                        }
                        if self.is_any(i, &["a", "an"]) {
                            // a quarter past ten, a quarter to eight: a clock time
                            if self.is(i + 1, "quarter")
                                && (self.is_any(i + 2, &["past", "after"])
                                    || (self.is(i + 2, "to") && self.hour_ends_clock(i + 3)))
                                && let Some(a) = self.clock_words(i)
                            {
                                return Some(a);
                            }
                            return match self.quantity_at(i, floor) {
                                // a couple of: two, approximate
                                Some(mut a)
                                    if a.t1 > i + 2
                                        && self.is(i + 1, "couple")
                                        && matches!(
                                            a.kind,
                                            NumberKind::Cardinal
                                                | NumberKind::Money
                                                | NumberKind::Measure
                                        ) =>
                                {
                                    a.modifier = Some("about");
                                    Some(a)
                                }
                                Some(a) => Some(a),
                                None if self.is(i + 1, "few") => self.a_few(i),
                                None => match self.lex(i + 1) {
                                    Some(Lex::Currency(cur)) => self.a_currency(i, cur),
                                    _ => None,
                                },
                            };
                        }
                        if self.is_any(i, &["every", "each"]) {
                            return self.every_at(i);
                        }
                        if let Some(a) = self.part_of_day(i, floor) {
                            return Some(a);
                        }
                        if self.is(i, "weekend") {
                            return self.the_weekend(i, floor);
                        }
                        if self.is(i, "teens") {
                            return self.age_decade(i, 10.0, i + 1, floor);
                        }
                        self.date_at(i)
                            .or_else(|| self.time_at(i))
                            .or_else(|| self.quantity_at(i, floor))
                    }
                    _ => None,
                }
            }
            TK::Punct => {
                let s = self.s(i);
                match s {
                    // a dash starts a figure only as the sign of a number glued to it
                    "-" | "−" if !(self.glued(i + 1) && self.is_num(i + 1)) => None,
                    "$" | "€" | "£" | "¥" | "₹" | "₿" | "₩" | "₺" | "₽" | "-" | "−" | "½" | "¼"
                    | "¾" => self.quantity_at(i, floor),
                    _ => None,
                }
            }
        }
    }

    /// Whether no date or clock rule ([`P::date_at`], [`P::time_at`]) can match at the number
    /// token `i`, read from the tokens after it (a cheap exact pre-test). Those rules need,
    /// right after the number, a mark glued to both sides (`19/04`, `10:30`, `2.30`), another
    /// number (`2016 10 16`, `4 000`) or one of a few words, glued or not: a month, `of` or
    /// `day of` before a month, `Q`, `am`/`pm`/`a.m.`, `o'clock`, `min`, `past`, `after`, a
    /// zone or `hrs` after four digits (`1000 GMT`: [`P::clock_zone_after`]), a suffix
    /// (`15th`, `11ish`, `1e3`). Any other word, a percent sign, or a
    /// sentence mark with a space after it rules them all out (most figures: `240 civilians`,
    /// `2%`, `in 2017.`); after a comma only `ten past nine` style clock times remain, which
    /// need a whole number below 60.
    fn no_date_or_time_at(&self, i: usize) -> bool {
        let Some(nx) = self.t.get(i + 1) else {
            return false;
        };
        let month = |k: usize| matches!(self.lex(k), Some(Lex::Month(_)));
        // `ten past nine` needs a whole number 1-59 (the number read is kept for the quantity)
        let no_clock_count = || {
            self.core(i)
                .is_none_or(|c| c.frac || c.v.fract() != 0.0 || !(1.0..60.0).contains(&c.v))
        };
        match nx.kind {
            TK::Word => {
                if month(i + 1) {
                    false
                } else if self.is(i + 1, "of") {
                    !month(i + 2)
                } else if self.is(i + 1, "day") {
                    !(self.is(i + 2, "of") && month(i + 3))
                } else if self.is_any(i + 1, &["a", "p"]) {
                    !self.is_p(i + 2, ".")
                } else if self.b(i).len() == 4 && self.clock_zone_after(i).is_some() {
                    false // `2100 EST`, `0600 hrs`
                } else {
                    !self.is_any(
                        i + 1,
                        &[
                            "q",
                            "am",
                            "pm",
                            "o'clock",
                            "oclock",
                            "o’clock",
                            "min",
                            "mins",
                            "minute",
                            "minutes",
                            "past",
                            "after",
                            "st",
                            "nd",
                            "rd",
                            "th",
                            "ish",
                            "e",
                        ],
                    )
                }
            }
            TK::Punct => match self.b(i + 1) {
                b"%" => true,
                b"," => !self.glued(i + 2) || no_clock_count(),
                // 5-year-old, 10-day: a word glued after a dash (not 2019-aug-1, 2019-Q1)
                b"-" => {
                    self.glued(i + 1)
                        && self.glued(i + 2)
                        && self.is_word(i + 2)
                        && !month(i + 2)
                        && !self.is(i + 2, "q")
                }
                // decimals: only a day and month (19.04.2022) or an hour and two-digit minutes
                // (6.45) can be a date or time, and a whole value (`2.0`) a clock count
                b"." if self.glued(i + 1) && self.glued(i + 2) && self.is_num(i + 2) => {
                    let (a, b) = (self.b(i).len(), self.b(i + 2).len());
                    !(a <= 2 && (b == 2 || (b == 1 && self.is_p(i + 3, ".")))) && no_clock_count()
                }
                // (an area code in brackets before the rest of a phone number: `(212) 555-1234`)
                b")" => {
                    !(self.glued(i + 2) || self.is_num(i + 2) && i > 0 && self.is_p(i - 1, "("))
                }
                b"." | b";" | b"?" | b"!" => !self.glued(i + 2),
                _ => false,
            },
            TK::Num => false,
        }
    }

    // ---- identifiers ---------------------------------------------------------------------

    /// Digits glued to letters (`G7`, `F-16`, `COVID-19`, `5G`, `MH17`): a name, not a figure.
    fn glued_identifier(&self, i: usize, floor: usize) -> Option<Atom> {
        if i > floor
            && self.glued(i)
            && self.is(i - 1, "q")
            && !self.glued(i - 1)
            && !(self.glued(i + 1) && (self.is_word(i + 1) || self.is_num(i + 1)))
            && let Ok(q) = self.s(i).parse::<u32>()
            && let Some(a) = self.quarter(i - 1, q, i + 1)
        {
            return Some(a);
        }
        let mut t0 = i;
        if i > floor && self.glued(i) && self.is_word(i - 1) {
            t0 = i - 1;
        } else if i >= floor + 2
            && self.glued(i)
            && self.is_p(i - 1, "-")
            && self.glued(i - 1)
            && self.is_word(i - 2)
            && self.s(i - 2).bytes().any(|b| b.is_ascii_uppercase())
            && !self.is_any(i - 2, &["mid", "Mid", "pre", "post", "early", "late"])
            // (a lone capital is a name's letter even when it abbreviates a unit: the money
            // supply `M-1`, the `G-7`)
            && (self.lex(i - 2).is_none()
                || self.s(i - 2).len() == 1 && !(self.glued(i - 2) && self.is_p(i - 3, "-")))
        {
            t0 = i - 2;
        }
        let mut t1 = i + 1;
        if t0 == i {
            // digits followed by letters that are no known suffix: 5G, 3D, 4x4 (not 40C)
            if self.glued(i + 1)
                && self.is_word(i + 1)
                && !self.known_suffix(i + 1)
                && !self.glued_temperature(i)
            {
                t1 = i + 2;
            } else {
                return None;
            }
        }
        // extend over the rest of the alphanumeric chain: F-16C, 4x4
        while t1 < self.n()
            && self.glued(t1)
            && (self.is_word(t1) || self.is_num(t1))
            && !(self.is_word(t1) && self.known_suffix(t1) && !self.is_num(t1 - 1))
        {
            t1 += 1;
        }
        // (not into a fraction: `M-288-1/4` is a price after its code)
        while t1 + 1 < self.n()
            && self.is_p(t1, "-")
            && self.glued(t1)
            && self.glued(t1 + 1)
            && !(self.glued(t1 + 2) && self.is_p(t1 + 2, "/"))
            && (self.is_num(t1 + 1)
                || (self.is_word(t1 + 1) && self.s(t1 + 1).len() <= 2 && self.capitalized(t1 + 1)))
        {
            t1 += 2;
        }
        Some(Atom::new(t0, t1, NumberKind::Identifier))
    }

    /// Whether the `m` glued to a number at `k` is million, not metres: before a unit of
    /// its own (`1m barrels`, `110m tons`) or a counted plural (`4.5m workers`, `14m
    /// customers`), but not the plurals of races (`60m hurdles`, `400m runners`).
    fn million_m(&self, k: usize) -> bool {
        let n = k + 1;
        if !self.near(n) || self.glued(n) || !self.is_word(n) {
            return false;
        }
        if let Some(Lex::Measure(u)) = self.lex(n) {
            return matches!(u, "bbl" | "t" | "oz" | "lb" | "l" | "gal");
        }
        if self.is_any(n, &["people", "children", "men", "women"]) {
            return true;
        }
        let w = self.b(n);
        w.len() >= 4
            && w.ends_with(b"s")
            && !w.ends_with(b"ss")
            && w[1..].iter().all(u8::is_ascii_lowercase)
            && self.lex(n).is_none()
            && !self.is_any(
                n,
                &[
                    "this",
                    "does",
                    "plus",
                    "less",
                    "thus",
                    "across",
                    "unless",
                    "whereas",
                    "indoors",
                    "outdoors",
                    "upwards",
                    "downwards",
                    "afterwards",
                    "towards",
                    "hurdles",
                    "heats",
                    "titles",
                    "runners",
                    "relays",
                    "medals",
                    "races",
                    "finals",
                    "records",
                    "events",
                    "sprints",
                    "laps",
                    "metres",
                    "meters",
                    "walls",
                    "lengths",
                    "swims",
                    "jumps",
                    "throws",
                    "winners",
                    "champions",
                ],
            )
    }

    /// Whether number `i` and a capital C or F glued to it are a temperature (`40C`, `-5C`,
    /// `95F`): a whole number of at most three digits in a plausible range, nothing glued after,
    /// and no name before (`Insat 1C`, `Statement No. 4F`, `F-16C`).
    fn glued_temperature(&self, i: usize) -> bool {
        let scale = self.s(i + 1);
        if !matches!(scale, "C" | "F") || self.s(i).len() > 3 {
            return false;
        }
        if self.glued(i + 2) && (self.is_word(i + 2) || self.is_num(i + 2)) {
            return false;
        }
        let Ok(v) = self.s(i).parse::<u32>() else {
            return false;
        };
        if v > if scale == "C" { 60 } else { 140 } {
            return false;
        }
        let mut k = i;
        if k > 0 && self.glued(k) && matches!(self.s(k - 1), "-" | "−") {
            if k > 1 && self.glued(k - 1) && self.is_num(k - 2) {
                return true; // the end of a range: 35-40C
            }
            k -= 1;
        }
        if k > 0 && self.glued(k) && !self.is_p(k - 1, "(") {
            return false; // F-16C, 4x4C
        }
        if k < i {
            return true; // -5C
        }
        // a word that leads to a temperature (not `must 13F be filed`, `Insat 1C`, `No. 4F`)
        k > 0
            && self.is_any(
                k - 1,
                &[
                    "of",
                    "to",
                    "hit",
                    "hits",
                    "reached",
                    "reach",
                    "reaching",
                    "around",
                    "about",
                    "above",
                    "below",
                    "than",
                    "at",
                    "minus",
                    "and",
                    "or",
                    "near",
                    "nearly",
                    "almost",
                    "over",
                    "under",
                    "exceeded",
                    "exceeding",
                    "is",
                    "was",
                    "were",
                    "are",
                    "be",
                    "between",
                    "from",
                    "highs",
                    "lows",
                    "topped",
                    "touched",
                    "fell",
                    "rose",
                    "dropped",
                    "plunged",
                    "soared",
                    "climbed",
                    "up",
                    "down",
                    "only",
                    "(",
                ],
            )
    }

    /// Letters that may follow digits in a figure: ordinal suffixes, scales, units, am/pm.
    fn known_suffix(&self, i: usize) -> bool {
        let w = self.s(i);
        if self.is_any(
            i,
            &[
                "st", "nd", "rd", "th", "s", "am", "pm", "a", "p", "k", "bn", "b", "mn", "mln",
                "e", "tn", "trn", "ish", "sq", "bp", "bps",
            ],
        ) || w == "M"
            || w == "K"
            || w == "B"
            || w == "pc"
        {
            return true;
        }
        // 2in (inches), not 4in1
        if self.is(i, "in") {
            return !(self.glued(i + 1) && (self.is_word(i + 1) || self.is_num(i + 1)));
        }
        matches!(
            self.lex(i),
            Some(
                Lex::Measure(_)
                    | Lex::TimeUnit(..)
                    | Lex::Currency(_)
                    | Lex::Percent
                    | Lex::Scale(_)
                    | Lex::Hundred
                    | Lex::Month(_)
            )
        ) || w.eq_ignore_ascii_case("dzs")
            || w.eq_ignore_ascii_case("dozs")
    }

    /// Digits inside a URL or e-mail address: consumed, not reported.
    fn url_at(&self, i: usize, floor: usize) -> Option<Atom> {
        let b = self.text.as_bytes();
        let s = self.t[i].start as usize;
        let e = self.t[i].end as usize;
        let before = s > 0 && !b[s - 1].is_ascii_whitespace();
        let after = e < b.len() && !b[e].is_ascii_whitespace();
        if !before && !after {
            return None;
        }
        let mut ws = s;
        let lim = s.saturating_sub(200);
        while ws > lim && !b[ws - 1].is_ascii_whitespace() {
            ws -= 1;
        }
        let mut we = e;
        let lim = (e + 200).min(b.len());
        while we < lim && !b[we].is_ascii_whitespace() {
            we += 1;
        }
        let chunk = &b[ws..we];
        let is_url = chunk.windows(3).any(|w| w == b"://")
            || chunk.windows(4).any(|w| w.eq_ignore_ascii_case(b"www."))
            || (chunk.contains(&b'@') && chunk.contains(&b'.'));
        if !is_url {
            return None;
        }
        let mut t0 = i;
        while t0 > floor && self.t[t0 - 1].start as usize >= ws {
            t0 -= 1;
        }
        let mut t1 = i + 1;
        while t1 < self.n() && self.t[t1].end as usize <= we {
            t1 += 1;
        }
        let mut a = Atom::new(t0, t1, NumberKind::Identifier);
        a.drop = true;
        Some(a)
    }

    /// `Resolution 2254`, `Article 5`, `No. 3`: numbers that name things.
    fn named_identifier(&self, i: usize) -> Option<Atom> {
        if i == 0 || !self.near(i) {
            return None;
        }
        let mut k = i - 1;
        if self.is_p(k, ".") && k > 0 {
            k -= 1;
            if !self.is_any(k, &["no", "nos", "nr", "nrs", "vol"]) {
                return None;
            }
        } else if self.is_p(k, "#") {
            return Some(Atom::new(k, self.id_end(i), NumberKind::Identifier));
        }
        // World War 2
        if self.is(k, "war") && self.capitalized(k) && k > 0 && self.is(k - 1, "world") {
            return Some(Atom::new(i, i + 1, NumberKind::Identifier));
        }
        // the S&P 500
        if self.s(k) == "P"
            && k > 1
            && self.glued(k)
            && self.is_p(k - 1, "&")
            && self.glued(k - 1)
            && self.s(k - 2) == "S"
        {
            return Some(Atom::new(i, i + 1, NumberKind::Identifier));
        }
        // a grouped number is a count, not a name's number (a table row `FTSE 25,741`)
        if self.glued(i + 1) && self.is_p(i + 1, ",") && self.glued(i + 2) && self.is_num(i + 2) {
            return None;
        }
        if !self.is_word(k) || !self.flag(k, lex::ID_NOUN) {
            return None;
        }
        // "a 5" is no name; only an uppercase "A" before digits (A 320) would be.
        if self.is_any(
            k,
            &[
                "a", "no", "number", "line", "level", "stage", "phase", "box", "radio", "league",
                "formula", "series", "pack",
            ],
        ) && !self.capitalized(k)
        {
            return None;
        }
        if self.is(k, "a") {
            return None;
        }
        // names that also stand before a score or a count: the Premier League 2-1 win, won
        // the League 18 times, told the BBC 20 people died
        if self.is_any(k, NAME_NOUNS)
            && (self.glued(i + 1) && matches!(self.s(i + 1), "-" | "–")
                || self.time_unit(i + 1).is_some()
                || self.near(i + 1)
                    && self.is_any(
                        i + 1,
                        &[
                            "people", "persons", "times", "men", "women", "children", "deaths",
                            "dead", "killed", "goals", "points", "games", "matches", "wins",
                            "titles", "million", "billion", "percent", "per",
                        ],
                    ))
        {
            return None;
        }
        Some(Atom::new(i, self.id_end(i), NumberKind::Identifier))
    }

    /// A capitalized number word that ends a name: `BBC One`, `Radio Four`, `League Two`,
    /// `Formula One`, `World War Two`: an identifier, not a count of one.
    fn named_word_number(&self, i: usize) -> Option<Atom> {
        if i == 0 || !self.near(i) || self.glued(i) || !self.capitalized(i) {
            return None;
        }
        if !matches!(self.lex(i), Some(Lex::Unit(1..=12))) {
            return None;
        }
        let k = i - 1;
        let named = self.is_word(k)
            && self.capitalized(k)
            && (self.flag(k, lex::ID_NOUN)
                && !self.is_any(k, &["a", "no", "number", "nos", "nr", "nrs", "vol"])
                || self.is(k, "war") && k > 0 && self.is(k - 1, "world"));
        if !named {
            return None;
        }
        // a noun after the name ("Channel Five viewers" is still the channel; "League One
        // clubs" the league), but a scale, a unit or a dash makes a quantity ("Boeing Two
        // Weeks Late", "Series Four-Nil")
        if self.near(i + 1)
            && (matches!(
                self.lex(i + 1),
                Some(
                    Lex::Scale(_)
                        | Lex::Hundred
                        | Lex::TimeUnit(..)
                        | Lex::Measure(_)
                        | Lex::Percent
                        | Lex::Currency(_)
                )
            ) || self.glued(i + 1) && matches!(self.s(i + 1), "-" | "–"))
        {
            return None;
        }
        Some(Atom::new(i, i + 1, NumberKind::Identifier))
    }

    fn id_end(&self, i: usize) -> usize {
        let mut t1 = i + 1;
        while t1 < self.n()
            && self.glued(t1)
            && (self.is_num(t1)
                || (self.is_word(t1) && self.s(t1).len() <= 2)
                || ((self.is_p(t1, "-") || self.is_p(t1, "/") || self.is_p(t1, "."))
                    && self.glued(t1 + 1)
                    && self.is_num(t1 + 1)))
        {
            t1 += 1;
        }
        t1
    }

    /// A phone number written in groups: `0800 123 4567`, `+44 20 7946 0958`, `(212)
    /// 555-1234`, `call 555-0199`, `tel: 020 7946 0958`: one identifier, not a count per group.
    /// It starts with a `+`, a bracketed area code, a zero (`020`), or follows a word that asks
    /// for a number (`call`, `tel`, `dial`), or has a later group after a dash that starts with
    /// a zero (`555-0199`: no range's bound does); its groups are digits apart by one space or
    /// a dash, with enough digits for a line. Figures grouped by thousands (`4 000`,
    /// `call 2 000 reservists`) and short numbers (`call 999`) stay figures.
    #[inline(never)]
    fn phone_at(&self, i: usize, floor: usize) -> Option<Atom> {
        let b = self.b(i);
        let plus = i > floor && self.glued(i) && self.is_p(i - 1, "+");
        let paren = i > floor
            && self.glued(i)
            && self.is_p(i - 1, "(")
            && self.glued(i + 1)
            && self.is_p(i + 1, ")")
            && (2..=5).contains(&b.len());
        let zero = b.len() >= 2 && b[0] == b'0';
        // the next token continues a group: a number after one space, or a glued dash
        let sep = |k: usize| {
            self.near(k)
                && if self.is_num(k) || self.is_p(k, "(") {
                    self.t[k].start == self.t[k - 1].end + 1
                } else {
                    self.is_p(k, "-") && self.glued(k) && self.glued(k + 1) && self.is_num(k + 1)
                }
        };
        if !(plus || paren || zero || sep(i + 1)) {
            return None;
        }
        // otherwise a later group with a leading zero (`555-0199`) or a word before: tested here
        // on the next group only, the cheap test first
        let dash_zero_next = self.is_p(i + 1, "-") && self.b(i + 2).first() == Some(&b'0');
        let cue = |k: usize| {
            self.is_any(
                k,
                &[
                    "call",
                    "tel",
                    "phone",
                    "telephone",
                    "dial",
                    "fax",
                    "hotline",
                    "helpline",
                    "mobile",
                    "mob",
                ],
            )
        };
        let cued = !(plus || paren || zero || dash_zero_next)
            && i > floor
            && (cue(i - 1)
                || i > floor + 1 && (self.is_p(i - 1, ":") || self.is_p(i - 1, ".")) && cue(i - 2));
        // read the groups
        let mut k = if paren { i - 1 } else { i };
        let (mut groups, mut digits, mut end) = (0usize, 0usize, i + 1);
        let (mut thousands, mut dash_zero, mut first_short) = (true, false, false);
        loop {
            let (num, next) = if self.is_p(k, "(")
                && self.glued(k + 1)
                && self.is_num(k + 1)
                && self.glued(k + 2)
                && self.is_p(k + 2, ")")
            {
                (k + 1, k + 3)
            } else if self.is_num(k) {
                (k, k + 1)
            } else {
                break;
            };
            let g = self.b(num);
            let after_dash = groups > 0 && self.is_p(k - 1, "-");
            if groups == 0 {
                thousands = num == k && g.len() <= 3 && g[0] != b'0';
                // (not an overnight span of clock times: 2300-0100)
                first_short = g.len() == 3 || g[0] == b'0';
            } else {
                thousands &= num == k && !after_dash && g.len() == 3;
                dash_zero |= first_short && after_dash && g.len() >= 3 && g[0] == b'0';
            }
            groups += 1;
            digits += g.len();
            end = next;
            if end >= self.n() || !sep(end) {
                break;
            }
            k = if self.is_num(end) || self.is_p(end, "(") {
                end
            } else {
                end + 1
            };
        }
        if !(plus || paren || zero || dash_zero_next || cued) {
            return None;
        }
        // (after a plus, ten digits in groups of three are a phone number too: `+44 207 946
        // 095`; a signed figure stays below a billion)
        let phone = groups >= 2
            && (!thousands || plus && digits >= 10)
            && (plus && digits >= 8
                || paren && digits >= 9
                || zero && digits >= 9
                || (cued || dash_zero) && digits >= 7);
        if !phone {
            return None;
        }
        let t0 = if plus || paren { i - 1 } else { i };
        Some(Atom::new(t0, end, NumberKind::Identifier))
    }

    /// Phone numbers and codes: `+1-222-2222`, `1111-22223333-4444`, `192.168.1.2`.
    fn chain_identifier(&self, i: usize) -> Option<Atom> {
        let plus = i > 0 && self.glued(i) && self.is_p(i - 1, "+");
        let mut t1 = i + 1;
        let mut groups = 1;
        let mut sep: Option<&str> = None;
        while t1 + 1 < self.n()
            && self.glued(t1)
            && self.glued(t1 + 1)
            && self.is_num(t1 + 1)
            && matches!(self.s(t1), "-" | "." | "/")
            && sep.is_none_or(|s| s == self.s(t1))
        {
            sep = Some(self.s(t1));
            groups += 1;
            t1 += 2;
        }
        let long = (i..t1).any(|k| self.is_num(k) && self.s(k).len() >= 3);
        // 24/7: a slash pair that is neither a fraction nor a date
        let odd_pair = sep == Some("/")
            && groups == 2
            && self.s(i).parse::<u64>().ok() >= self.s(i + 2).parse::<u64>().ok();
        if odd_pair {
            return Some(Atom::new(i, t1, NumberKind::Identifier));
        }
        // three or more short groups (`8-1-1`, a `4-4-2` formation, Lotus `1-2-3`) are a code
        // too, unless the last is a fraction's numerator (`73-73-1/2`: a price range)
        let short_code = sep == Some("-")
            && groups >= 3
            && !(self.glued(t1) && self.is_p(t1, "/"))
            && !(i > 0 && self.glued(i) && matches!(self.s(i - 1), "-" | "." | "/"));
        let ok = match sep {
            Some("-") => groups >= 3 || (plus && groups >= 2),
            // (not a number with points between its thousands: 1.000.000.000)
            Some(".") => groups >= 4 && (plus || self.dot_thousands(i) != Some(t1)),
            Some("/") => groups >= 4,
            _ => plus && self.s(i).len() >= 6,
        };
        if !(ok && (long || plus || short_code)) {
            return None;
        }
        // letters glued to the last group belong to the code (`4-36-2-10W2`)
        while t1 < self.n() && self.glued(t1) && (self.is_word(t1) || self.is_num(t1)) {
            t1 += 1;
        }
        Some(Atom::new(
            if plus { i - 1 } else { i },
            t1,
            NumberKind::Identifier,
        ))
    }

    // ---- quantities ----------------------------------------------------------------------

    /// A plain number starting at `i`: digits with separators, a decimal part, a digit
    /// fraction, or English number words. Returns (value, end token, is a plain integer written
    /// in digits without separators, kind: cardinal or fraction).
    fn core(&self, i: usize) -> Option<Core> {
        let (k, memo) = self.core_memo.get();
        if k == i {
            return memo;
        }
        let c = self.core_at(i);
        self.core_memo.set((i, c));
        c
    }

    /// [`P::core`] without the memo.
    fn core_at(&self, i: usize) -> Option<Core> {
        if self.is_num(i) {
            return self.core_digits(i);
        }
        if self.is_p(i, "½") || self.is_p(i, "¼") || self.is_p(i, "¾") {
            let v = match self.s(i) {
                "½" => 0.5,
                "¼" => 0.25,
                _ => 0.75,
            };
            return Some(Core {
                v,
                t1: i + 1,
                plain: false,
                frac: true,
                words: false,
                scale: 1.0,
            });
        }
        self.core_words(i)
    }

    /// Whether token `j` is a point or follows one right before it (the cue of
    /// [`P::point_decimal_at`]).
    #[inline(always)]
    fn point_cue(&self, j: usize) -> bool {
        let Some(t) = self.t.get(j) else {
            return false;
        };
        let b = self.text.as_bytes();
        let st = t.start as usize;
        b.get(st) == Some(&b'.') || (st > 0 && b.get(st - 1) == Some(&b'.'))
    }

    /// A decimal written without its zero at the quantity that starts at `i` with its number
    /// at `j`: the point stands alone before the digits (`.08 percent`, a `.45` caliber; not
    /// `file.08`), or right after a currency sign or a minus (`$.50`), and no other point,
    /// comma, slash or dash joins the digits (`192.168.1.2`). Returns the start of the figure,
    /// the digits' token and their value.
    #[inline(never)]
    fn point_decimal_at(&self, i: usize, j: usize, floor: usize) -> Option<(usize, usize, Core)> {
        let point_at = |p: usize| {
            self.is_p(p, ".")
                && self.glued(p + 1)
                && self.is_num(p + 1)
                && !(self.glued(p + 2) && matches!(self.b(p + 2), b"." | b"," | b"/" | b"-"))
        };
        if j > i && point_at(j) {
            return Some((i, j + 1, self.point_decimal(j + 1)?));
        }
        if j == i && j > floor && point_at(j - 1) && (j == 1 || !self.glued(j - 1)) {
            return Some((j - 1, j, self.point_decimal(j)?));
        }
        None
    }

    /// The digits at `i` after a decimal point written without its zero (`.08` is 0.08): at
    /// most 15 digits over an exact power of ten, so the division rounds as parsing would.
    fn point_decimal(&self, i: usize) -> Option<Core> {
        let digits = self.b(i);
        let m = small_digits(digits)?;
        Some(Core {
            v: m as f64 / 10f64.powi(digits.len() as i32),
            t1: i + 1,
            plain: false,
            frac: false,
            words: false,
            scale: 1.0,
        })
    }

    fn core_digits(&self, i: usize) -> Option<Core> {
        if let Some(c) = self.lone_digits(i) {
            return Some(c);
        }
        self.core_digits_joined(i)
    }

    /// [`P::core_digits`] for the most frequent number, one that nothing joins to the next
    /// token (`240 civilians`, `in 2017,`): then it is its digits alone, read without the
    /// digit buffer. `None` when the next token may join (a number; glued `,` `.` `/` `-` `^`,
    /// or a word, such as `e` of `1e3`) or for more than 15 digits.
    #[inline]
    fn lone_digits(&self, i: usize) -> Option<Core> {
        let t = self.t.get(i)?;
        if t.kind != TK::Num {
            return None;
        }
        if let Some(nx) = self.t.get(i + 1) {
            let joins = if nx.start == t.end {
                nx.kind != TK::Punct || matches!(self.b(i + 1), b"," | b"." | b"/" | b"-" | b"^")
            } else {
                nx.kind == TK::Num
            };
            if joins {
                return None;
            }
        }
        let m = small_digits(self.b(i))?;
        Some(Core {
            v: m as f64,
            t1: i + 1,
            plain: true,
            frac: false,
            words: false,
            scale: 1.0,
        })
    }

    /// [`P::core_digits`] in full: separators, decimals, powers and fractions.
    fn core_digits_joined(&self, i: usize) -> Option<Core> {
        let first = self.s(i);
        let mut buf = NumBuf::default();
        buf.push_str(first);
        let mut t1 = i + 1;
        let mut plain = true;
        // Indian grouping (lakh, crore): 1,50,000 / 12,34,567.89: pairs of digits, then three
        let comma_group = |k: usize, len: usize| {
            self.is_p(k, ",")
                && self.glued(k)
                && self.glued(k + 1)
                && self.is_num(k + 1)
                && self.s(k + 1).len() == len
        };
        let mut indian = false;
        if first.len() <= 2 {
            let mut k = t1;
            while comma_group(k, 2) {
                k += 2;
            }
            if k > t1 && comma_group(k, 3) && !comma_group(k + 2, 2) && !comma_group(k + 2, 3) {
                let mut g = t1 + 1;
                while g <= k + 1 {
                    buf.push_str(self.s(g));
                    g += 2;
                }
                t1 = k + 2;
                plain = false;
                indian = true;
            }
        }
        // thousands with commas: 4,000 / 1,674,200
        if first.len() <= 3 && !indian {
            let mut k = t1;
            let mut groups = 0;
            while k + 1 < self.n()
                && self.is_p(k, ",")
                && self.glued(k)
                && self.glued(k + 1)
                && self.is_num(k + 1)
                && self.s(k + 1).len() == 3
            {
                buf.push_str(self.s(k + 1));
                k += 2;
                groups += 1;
            }
            if groups == 0 {
                // thousands with spaces: 4 000, 1 414 021 100 (a single space, same line); after
                // a sign only when no other group follows and, after a plus, below a billion
                // (`+12 500 000 tonnes`, `-4 200 000 euros`; not the phone numbers `+1 212 555
                // 1234`, `+44 207 946 095`), never after a bracket (`(212) 555`)
                let spaced = |k: usize| {
                    k < self.n()
                        && self.is_num(k)
                        && self.t[k].start as usize == self.t[k - 1].end as usize + 1
                        && self.text.as_bytes()[self.t[k - 1].end as usize] == b' '
                };
                let signed = i > 0 && self.glued(i) && matches!(self.s(i - 1), "+" | "(" | "-");
                let sign_ok = signed && self.s(i - 1) != "(" && !(i > 1 && self.glued(i - 1)) && {
                    let mut q = k;
                    while spaced(q) && self.s(q).len() == 3 {
                        q += 1;
                    }
                    q > k && !spaced(q) && (self.s(i - 1) == "-" || first.len() + 3 * (q - k) <= 9)
                };
                while k < self.n()
                    && self.is_num(k)
                    && self.s(k).len() == 3
                    && self.t[k].start as usize == self.t[k - 1].end as usize + 1
                    && self.text.as_bytes()[self.t[k - 1].end as usize] == b' '
                    && !(self.glued(k + 1)
                        && matches!(self.s(k + 1), "/" | "-" | ":" | ".")
                        && self.is_num(k + 2)
                        && self.glued(k + 2))
                    && (!signed || sign_ok)
                {
                    buf.push_str(self.s(k));
                    k += 1;
                    groups += 1;
                }
                // narrow/no-break space separators
                while k < self.n()
                    && self.is_num(k)
                    && self.s(k).len() == 3
                    && matches!(
                        &self.text[self.t[k - 1].end as usize..self.t[k].start as usize],
                        "\u{202f}" | "\u{a0}" | "\u{2009}"
                    )
                {
                    buf.push_str(self.s(k));
                    k += 1;
                    groups += 1;
                }
            }
            if groups > 0 {
                plain = false;
                t1 = k;
            }
        }
        // decimal part
        if t1 + 1 < self.n()
            && self.is_p(t1, ".")
            && self.glued(t1)
            && self.glued(t1 + 1)
            && self.is_num(t1 + 1)
        {
            if !(self.glued(t1 + 2) && self.is_p(t1 + 2, ".") && self.is_num(t1 + 3)) {
                buf.push_str(".");
                buf.push_str(self.s(t1 + 1));
                t1 += 2;
                plain = false;
            } else if t1 == i + 1
                && let Some(d) = self.dot_thousands(i)
            {
                // thousands with points (European style): 1.234.567, 2.500.000 euros
                while t1 < d {
                    buf.push_str(self.s(t1 + 1));
                    t1 += 2;
                }
                plain = false;
            }
        }
        let mut v: f64 = buf.parse()?;
        let mut frac = false;
        // scientific notation and powers: 1.3e6, 12e-1, 1.1^23, 2.5^-1
        if t1 < self.n() && self.glued(t1) {
            let w = self.s(t1);
            let pow = w == "^";
            if pow || ((w == "e" || w == "E") && self.kind(t1) == Some(TK::Word)) {
                let mut q = t1 + 1;
                let mut neg = false;
                while q < self.n() && self.glued(q) && matches!(self.s(q), "-" | "+" | "−") {
                    neg ^= self.s(q) != "+";
                    q += 1;
                }
                if self.is_num(q)
                    && self.glued(q)
                    && self.s(q).len() <= 3
                    && !(self.glued(q + 1) && (self.is_word(q + 1) || self.is_num(q + 1)))
                    && let Ok(x) = self.s(q).parse::<i32>()
                {
                    let x = if neg { -x } else { x };
                    let r = if pow { v.powi(x) } else { v * 10f64.powi(x) };
                    if r.is_finite() {
                        v = r;
                        t1 = q + 1;
                        plain = false;
                    }
                }
            }
        }
        // digit fraction 3/4, and mixed 2 1/4
        if plain
            && t1 + 1 < self.n()
            && self.is_p(t1, "/")
            && self.glued(t1)
            && self.glued(t1 + 1)
            && self.is_num(t1 + 1)
            && !(self.glued(t1 + 2) && self.is_p(t1 + 2, "/"))
        {
            let d: f64 = self.s(t1 + 1).parse().ok()?;
            if d == 0.0 || v >= d || d > 100.0 {
                return None;
            }
            v /= d;
            t1 += 2;
            frac = true;
            plain = false;
        } else if plain
            && t1 + 3 < self.n()
            && self.is_p(t1, "-")
            && self.glued(t1)
            && self.glued(t1 + 1)
            && self.is_num(t1 + 1)
            && self.is_p(t1 + 2, "/")
            && self.glued(t1 + 2)
            && self.glued(t1 + 3)
            && self.is_num(t1 + 3)
        {
            // 7-1/2 (Reuters style mixed number)
            let a: f64 = self.s(t1 + 1).parse().ok()?;
            let d: f64 = self.s(t1 + 3).parse().ok()?;
            if d > 0.0 && a < d && d <= 64.0 {
                v += a / d;
                t1 += 4;
                plain = false;
            }
        } else if plain
            && t1 + 2 < self.n()
            && self.near(t1)
            && self.is_num(t1)
            && self.is_p(t1 + 1, "/")
            && self.glued(t1 + 1)
            && self.glued(t1 + 2)
            && self.is_num(t1 + 2)
        {
            let a: f64 = self.s(t1).parse().ok()?;
            let d: f64 = self.s(t1 + 2).parse().ok()?;
            if d > 0.0 && a < d && d <= 16.0 {
                v += a / d;
                t1 += 3;
                plain = false;
            }
        }
        Some(Core {
            v,
            t1,
            plain,
            frac,
            words: false,
            scale: 1.0,
        })
    }

    /// Where a number written with points between its thousands ends (`1.234.567`, `2.500.000`:
    /// European style), for digits at `i`: two groups or more after the first, all of three
    /// digits, and not an IPv4 address (four parts of at most 255 without a leading zero) or a
    /// longer chain (`1.234.567.8`, `1.234.567,5`); `1.234` alone stays a decimal.
    #[inline(never)]
    fn dot_thousands(&self, i: usize) -> Option<usize> {
        if self.s(i).len() > 3 {
            return None;
        }
        let dot_group = |d: usize| {
            self.is_p(d, ".")
                && self.glued(d)
                && self.glued(d + 1)
                && self.is_num(d + 1)
                && self.s(d + 1).len() == 3
        };
        let mut d = i + 1;
        while dot_group(d) {
            d += 2;
        }
        let dots = (d - i - 1) / 2;
        let ip = dots == 3
            && (0..4).all(|g| {
                let p = self.s(i + 2 * g);
                !p.starts_with('0') && p.parse::<u32>().is_ok_and(|x| x <= 255)
            });
        let more = self.glued(d)
            && matches!(self.b(d), b"." | b",")
            && self.glued(d + 1)
            && self.is_num(d + 1);
        (dots >= 2 && !ip && !more).then_some(d)
    }

    /// English number words: `two hundred and forty`, `a dozen`, `twenty-one`, `two-thirds`,
    /// `one and a half`, `half`.
    fn core_words(&self, i: usize) -> Option<Core> {
        let n = self.n();
        let mut k = i;
        let mut total = 0.0f64;
        let mut cur = 0.0f64;
        let mut any = false;
        let mut last: u8 = 0; // 1 unit, 2 ten, 3 hundred, 4 scale, 5 dozen
        let mut last_scale = 1.0f64;
        let mut article = false;
        if self.is_any(i, &["a", "an"]) {
            match self.lex(i + 1) {
                Some(Lex::Hundred | Lex::Scale(_) | Lex::Dozen) if self.near(i + 1) => {
                    cur = 1.0;
                    article = true;
                    k = i + 1;
                }
                Some(l @ (Lex::Half | Lex::Quarter(false))) if self.near(i + 1) => {
                    let f = if matches!(l, Lex::Half) { 0.5 } else { 0.25 };
                    // a half million, a quarter billion: that share of the scale (not after
                    // the `and` of `two and a half million`, which reads the scale itself)
                    if let Some(Lex::Scale(sc)) = self.lex(i + 2)
                        && self.near(i + 2)
                        && !(i > 0 && self.is(i - 1, "and"))
                    {
                        return Some(Core {
                            v: f * sc,
                            t1: i + 3,
                            plain: false,
                            frac: false,
                            words: true,
                            scale: sc,
                        });
                    }
                    return Some(Core::frac(f, i + 2));
                }
                Some(Lex::Ordinal(d, false)) if d >= 3.0 && self.near(i + 1) => {
                    // "a third of", "a fifth" (fraction) but not "a third time"
                    if self.is(i + 2, "of") || !self.is_word(i + 2) || !self.near(i + 2) {
                        return Some(Core::frac(1.0 / d, i + 2));
                    }
                    return None;
                }
                Some(Lex::Ten(_)) if self.near(i + 1) => {
                    // "a twenty-first" (of), not "a twenty-first century"
                    let (d, e) = self.compound_denominator(i + 1, false)?;
                    return Some(Core::frac(1.0 / d, e));
                }
                // a couple of soldiers, a couple of hundred, a couple thousand: two (the
                // caller marks it approximate); not the couple who
                None if self.is(i + 1, "couple") && self.near(i + 1) && self.near(i + 2) => {
                    let of = self.is(i + 2, "of");
                    let e = if of { i + 3 } else { i + 2 };
                    let s = match self.lex(e) {
                        Some(Lex::Hundred) => 100.0,
                        Some(Lex::Scale(s)) => s,
                        Some(Lex::Dozen) => 12.0,
                        // (a couple of days, a couple of quarters: the period rules read them)
                        _ if of
                            && self.near(e)
                            && self.time_unit(e).is_none()
                            && !matches!(self.lex(e), Some(Lex::Quarter(_))) =>
                        {
                            return Some(Core {
                                v: 2.0,
                                t1: e,
                                plain: false,
                                frac: false,
                                words: true,
                                scale: 1.0,
                            });
                        }
                        _ => return None,
                    };
                    if !self.near(e) {
                        return None;
                    }
                    return Some(Core {
                        v: 2.0 * s,
                        t1: e + 1,
                        plain: false,
                        frac: false,
                        words: true,
                        scale: s,
                    });
                }
                _ => return None,
            }
        }
        if !article {
            match self.lex(i) {
                Some(Lex::Half) => {
                    // "half million"
                    if let Some(Lex::Scale(sc)) = self.lex(i + 1)
                        && self.near(i + 1)
                    {
                        return Some(Core {
                            v: 0.5 * sc,
                            t1: i + 2,
                            plain: false,
                            frac: false,
                            words: true,
                            scale: sc,
                        });
                    }
                    // "half a million", "half a dozen"
                    if self.is(i + 1, "a") {
                        match self.lex(i + 2) {
                            Some(Lex::Scale(s)) => {
                                return Some(Core {
                                    v: 0.5 * s,
                                    t1: i + 3,
                                    plain: false,
                                    frac: false,
                                    words: true,
                                    scale: s,
                                });
                            }
                            Some(Lex::Dozen) => {
                                return Some(Core {
                                    v: 6.0,
                                    t1: i + 3,
                                    plain: false,
                                    frac: false,
                                    words: true,
                                    scale: 1.0,
                                });
                            }
                            _ => {}
                        }
                    }
                    if self.glued(i + 1) && self.is_p(i + 1, "-") {
                        return None; // half-time, half-brother
                    }
                    // half an hour, half a day: half of the unit after the article
                    if self.is_any(i + 1, &["a", "an"])
                        && self.near(i + 1)
                        && self.near(i + 2)
                        && self.time_unit(i + 2).is_some()
                    {
                        return Some(Core {
                            v: 0.5,
                            t1: i + 2,
                            plain: false,
                            frac: false,
                            words: true,
                            scale: 1.0,
                        });
                    }
                    if self.is_any(i + 1, &["past", "an", "hour", "time"]) {
                        return None;
                    }
                    return Some(Core::frac(0.5, i + 1));
                }
                Some(Lex::Ordinal(v, _)) => {
                    if matches!(self.lex(i + 1), Some(Lex::Half)) || self.is(i + 1, "quarter") {
                        return None;
                    }
                    return Some(Core {
                        v,
                        t1: i + 1,
                        plain: false,
                        frac: false,
                        words: true,
                        scale: -1.0, // marks an ordinal word
                    });
                }
                _ => {}
            }
        }
        while k < n {
            if k > i && !self.near(k) {
                break;
            }
            let lx = self.lex(k);
            match lx {
                Some(Lex::Unit(u)) => {
                    if last == 1 || (last == 2 && u >= 10) || (last == 2 && u == 0) {
                        break;
                    }
                    cur += f64::from(u);
                    last = 1;
                }
                Some(Lex::Ten(t)) => {
                    if last == 1 || last == 2 {
                        break;
                    }
                    cur += f64::from(t);
                    last = 2;
                    // twenty-one, fifty - two
                    if self.is_p(k + 1, "-")
                        && self.near(k + 1)
                        && let Some(Lex::Unit(u)) = self.lex(k + 2)
                        && (1..=9).contains(&u)
                    {
                        cur += f64::from(u);
                        last = 1;
                        any = true;
                        k += 3;
                        continue;
                    }
                }
                Some(Lex::Hundred) => {
                    if !any && !article {
                        break;
                    }
                    if last == 3 || last == 5 {
                        break;
                    }
                    cur = cur.max(1.0) * 100.0;
                    last = 3;
                }
                Some(Lex::Scale(s)) => {
                    if !any && !article {
                        break;
                    }
                    if last == 4 && cur == 0.0 {
                        // thousand million: compound scale
                        total *= s;
                        last_scale *= s;
                    } else {
                        total += cur.max(1.0) * s;
                        last_scale = s;
                    }
                    cur = 0.0;
                    last = 4;
                }
                Some(Lex::Dozen) => {
                    if !any && !article {
                        break;
                    }
                    cur = cur.max(1.0) * 12.0;
                    last = 5;
                }
                _ => {
                    // two-billion, ten-million-dollar: a scale word joined by a hyphen
                    if matches!(last, 1..=3)
                        && self.is_p(k, "-")
                        && self.glued(k)
                        && self.glued(k + 1)
                        && matches!(self.lex(k + 1), Some(Lex::Scale(_)))
                    {
                        k += 1;
                        continue;
                    }
                    if self.is(k, "and")
                        && (last == 3 || last == 4)
                        && matches!(self.lex(k + 1), Some(Lex::Unit(_) | Lex::Ten(_)))
                        && self.near(k + 1)
                        && !matches!(
                            self.lex(k + 2),
                            Some(Lex::Ordinal(..) | Lex::Quarter(_) | Lex::Half)
                        )
                    {
                        k += 1;
                        continue;
                    }
                    break;
                }
            }
            any = true;
            k += 1;
        }
        if !any {
            return None;
        }
        let mut v = total + cur;
        let mut frac = false;
        let dk = if self.is_p(k, "-") && self.near(k) && self.near(k + 1) {
            k + 1
        } else {
            k
        };
        // one twenty-fifth, three twenty-firsts, twenty twenty fifths: a compound denominator
        if self.near(k)
            && matches!(last, 1 | 2)
            && let Some((d, e)) = self.compound_denominator(k, v > 1.0)
        {
            return Some(Core::frac(v / d, e));
        }
        // one hundred thirty-fifths: the ten joined to the ordinal belongs to the denominator
        if last == 2
            && self.is_p(k, "-")
            && self.glued(k)
            && self.glued(k + 1)
            && let Some(Lex::Ordinal(d, true)) = self.lex(k + 1)
            && d < 10.0
            && let Some(Lex::Ten(t)) = self.lex(k - 1)
            && v - f64::from(t) >= 1.0
            && v >= 100.0
        {
            return Some(Core::frac((v - f64::from(t)) / (f64::from(t) + d), k + 2));
        }
        // the two hundred and fiftieth, the one hundred and first: an ordinal after `and`
        if matches!(last, 3 | 4)
            && self.is(k, "and")
            && self.near(k + 1)
            && let Some(Lex::Ordinal(d, false)) = self.lex(k + 1)
            && (d < 10.0 || d < 100.0 && d % 10.0 == 0.0)
            && v >= 100.0
        {
            return Some(Core::ordinal_words(v + d, k + 2));
        }
        if self.near(dk) {
            match self.lex(dk) {
                // three hundred fiftieth (a ten's ordinal after a hundred or a scale)
                Some(Lex::Ordinal(d, false))
                    if dk == k
                        && matches!(last, 3 | 4)
                        && (20.0..100.0).contains(&d)
                        && d % 10.0 == 0.0 =>
                {
                    return Some(Core::ordinal_words(v + d, dk + 1));
                }
                // the one hundredth visitor, the two hundredth anniversary: the ordinal of a
                // scale after its multiplier (not one hundredth of a second, two hundredths)
                Some(Lex::Ordinal(d, false))
                    if dk == k
                        && matches!(d, 100.0 | 1e3 | 1e6 | 1e9)
                        && matches!(last, 1..=3)
                        && v < d
                        && (v != 1.0 || self.ordinal_scale_context(i, dk)) =>
                {
                    return Some(Core::ordinal_words(v * d, dk + 1));
                }
                // compound ordinals: twenty-first, one hundred twenty fifth
                Some(Lex::Ordinal(d, false))
                    if d < 10.0 && matches!(last, 2..=4) && v >= 20.0 && (dk == k || last == 2) =>
                {
                    return Some(Core::ordinal_words(v + d, dk + 1));
                }
                // fractions: two thirds, two-thirds, three quarters, five eighths, one half
                Some(Lex::Ordinal(d, plural))
                    if d >= 3.0 && (plural || (v == 1.0 && v < 100.0)) =>
                {
                    v /= d;
                    k = dk + 1;
                    frac = true;
                }
                Some(Lex::Quarter(plural))
                    if (plural || v == 1.0) && !(dk == k && self.period_quarters(i, dk)) =>
                {
                    v /= 4.0;
                    k = dk + 1;
                    frac = true;
                }
                Some(Lex::Half) if v == 1.0 => {
                    v = 0.5;
                    k = dk + 1;
                    frac = true;
                }
                _ => {}
            }
        }
        // decimals read out: five point five, two hundred point zero three
        if !frac && self.is(k, "point") && self.near(k + 1) {
            let mut digits = String::new();
            let mut q = k + 1;
            while let Some(Lex::Unit(u)) = self.lex(q) {
                if u > 9 || !self.near(q) {
                    break;
                }
                digits.push(char::from(b'0' + u));
                q += 1;
            }
            if digits.is_empty()
                && let Some(Lex::Ten(t)) = self.lex(q)
            {
                let mut d = u32::from(t);
                q += 1;
                if self.is_p(q, "-")
                    && let Some(Lex::Unit(u)) = self.lex(q + 1)
                    && (1..=9).contains(&u)
                {
                    d += u32::from(u);
                    q += 2;
                }
                digits = d.to_string();
            }
            if !digits.is_empty()
                && let Ok(f) = format!("0.{digits}").parse::<f64>()
            {
                v += f;
                k = q;
            }
        }
        // one and a half, one hundred and three quarters, two and a half million
        if !frac
            && self.is(k, "and")
            && self.near(k + 1)
            && let Some(f) = self.core_words(k + 1)
            && f.frac
            && f.v < 1.0
        {
            k = f.t1;
            if let Some(Lex::Scale(s)) = self.lex(k)
                && self.near(k)
            {
                // two and a half million; one billion and a quarter million
                if last == 4 && s < last_scale {
                    v += f.v * s;
                } else {
                    v = (v + f.v) * s;
                }
                k += 1;
            } else if last == 4 && cur == 0.0 {
                // two million and a half: the fraction is of the scale
                v += f.v * last_scale;
            } else {
                v += f.v;
            }
        }
        if !frac && self.is_any(k, &["dozens", "dozs", "dzs"]) && self.near(k) {
            v *= 12.0;
            k += 1;
        }
        Some(Core {
            v,
            t1: k,
            plain: false,
            frac,
            words: true,
            scale: if total > 0.0 { 1000.0 } else { 1.0 },
        })
    }

    /// A verb of change before `from` at `k` in its sentence (`rose from 5 to 10`, `cut its
    /// forecast from 3% to 2%`): then `from X to Y` is a change, not a range.
    pub(super) fn change_before(&self, k: usize, floor: usize) -> bool {
        let lo = k.saturating_sub(12).max(floor);
        for q in (lo..k).rev() {
            if self.is_p(q, ".") || self.is_p(q, ";") || !self.near(q + 1) {
                return false; // the sentence or line ends
            }
            if self.is_word(q) && self.is_any(q, CHANGE) {
                return true;
            }
        }
        false
    }

    /// `1 over three`, `one over one hundred`: a fraction read out, when both numbers are
    /// bare whole numbers and nothing is counted after them (`10 over 65 years` is no fraction).
    fn over_fraction(&self, a: &Atom, b: &Atom) -> Option<Atom> {
        let bare = |x: &Atom| {
            x.kind == NumberKind::Cardinal
                && x.unit.is_none()
                && x.object.is_none()
                && x.modifier.is_none()
                && !x.vague
                && x.scale == 1.0
                && x.value.is_some_and(|v| v.fract() == 0.0 && v > 0.0)
        };
        if b.t0 != a.t1 + 1 || !self.is(a.t1, "over") || !self.near(a.t1) || !self.near(b.t0) {
            return None;
        }
        if !bare(a) || !bare(b) || (self.is_word(b.t1) && self.near(b.t1)) {
            return None;
        }
        if self.is_p(b.t1, "%")
            || (a.t0 > 0
                && self.near(a.t0)
                && self.is_word(a.t0 - 1)
                && self.lex(a.t0 - 1).is_some())
        {
            return None;
        }
        let (x, y) = (a.value?, b.value?);
        if x >= y || x > 9.0 {
            return None; // "won 3 over 2": a score; "10 over 65": a count and an age
        }
        if a.t0 > 0 && self.near(a.t0) && self.is_any(a.t0 - 1, &["of", "than", "from", "to"]) {
            return None; // "a group of 5 over 65"
        }
        let mut r = Atom::num(a.t0, b.t1, NumberKind::Fraction, x / y);
        r.lower = r.value;
        r.upper = r.value;
        Some(r)
    }

    /// `percent of 10`, `per cent of twenty-two`: the percentage named before its number
    /// (10%), when no number comes before `percent` and no counted noun after the number.
    fn percent_of(&self, i: usize, floor: usize) -> Option<Atom> {
        let t0 = if self.is(i, "cent") { i - 1 } else { i };
        if !self.is(i + 1, "of") || !self.near(i + 1) || !self.near(i + 2) {
            return None;
        }
        if t0 > floor && self.near(t0) && (self.is_num(t0 - 1) || self.lex(t0 - 1).is_some()) {
            return None;
        }
        if t0 > 0 && self.is_any(t0 - 1, &["the", "a", "what", "which", "this", "that"]) {
            return None; // "the percent of voters" names the share, not a figure
        }
        let c = self.core(i + 2)?;
        if c.frac || self.counted_after(c.t1) || (self.is_word(c.t1) && self.near(c.t1)) {
            return None;
        }
        let mut a = Atom::num(t0, c.t1, NumberKind::Percent, c.v);
        a.scale = c.scale.max(1.0);
        Some(a)
    }

    /// `twenty-fifth`, `twenty firsts` at `k` as the denominator of a fraction: (denominator,
    /// end). Plural after a numerator above one; a singular one only before `of` or a break
    /// (`one twenty-first century` is an ordinal).
    /// Whether `one hundredth` (`one` at `i`, the ordinal at `d`) counts a place, not a part:
    /// after a determiner (`the one hundredth visitor`, `her one thousandth game`) or before a
    /// noun (`one millionth customer`; not `one hundredth of a second`).
    fn ordinal_scale_context(&self, i: usize, d: usize) -> bool {
        (i > 0
            && self.is_any(
                i - 1,
                &[
                    "the", "its", "his", "her", "their", "our", "my", "your", "this", "'s", "’s",
                ],
            ))
            || (self.is_word(d + 1)
                && self.near(d + 1)
                && !self.flag(d + 1, lex::STOP)
                && self.lex(d + 1).is_none())
    }

    fn compound_denominator(&self, k: usize, plural: bool) -> Option<(f64, usize)> {
        let t = match self.lex(k) {
            Some(Lex::Ten(t)) => f64::from(t),
            _ => return None,
        };
        let j = if self.is_p(k + 1, "-") && self.glued(k + 1) && self.glued(k + 2) {
            k + 2
        } else if self.near(k + 1) {
            k + 1
        } else {
            return None;
        };
        match self.lex(j) {
            Some(Lex::Ordinal(d, pl)) if d < 10.0 && d.fract() == 0.0 && pl == plural => {
                if !pl && self.near(j + 1) && self.is_word(j + 1) && !self.is(j + 1, "of") {
                    return None;
                }
                Some((t + d, j + 1))
            }
            _ => None,
        }
    }

    /// A quantity starting at token `i` (with currency, sign, scale, unit, percent...).
    fn quantity_at(&self, i: usize, floor: usize) -> Option<Atom> {
        let n = self.n();
        let mut t0 = i;
        let mut j = i;
        let mut currency: Option<&'static str> = None;
        let mut neg = false;
        let mut vague_several = false;
        // currency before: $, US$, €, USD
        if let Some(c) = self.currency_symbol(i) {
            currency = Some(c);
            if c == "USD" && i > floor && self.glued(i) && self.is_any(i - 1, &["US", "U.S", "USD"])
            {
                t0 = i - 1;
            }
            if c == "USD" && i > floor && self.glued(i) {
                let before = self.s(i - 1);
                for (w, code) in [
                    ("A", "AUD"),
                    ("C", "CAD"),
                    ("HK", "HKD"),
                    ("S", "SGD"),
                    ("NZ", "NZD"),
                    ("AU", "AUD"),
                    ("CA", "CAD"),
                    ("R", "BRL"),
                    ("NT", "TWD"),
                ] {
                    if before == w {
                        t0 = i - 1;
                        currency = Some(code);
                    }
                }
            }
            j = i + 1;
        } else if let Some(Lex::Currency(c)) = self.lex(i) {
            // USD 200, USD115 (codes only, uppercase); Rs 500, Rs. 1,500 crore (rupees)
            let w = self.s(i);
            if w.len() == 3 && w.bytes().all(|b| b.is_ascii_uppercase()) && self.near(i + 1) {
                currency = Some(c);
                j = i + 1;
                if self.is_p(j, "$") && self.glued(j) {
                    j += 1;
                }
            } else if w == "Rs" && self.near(i + 1) {
                currency = Some(c);
                j = i + 1;
                if self.is_p(j, ".") && self.glued(j) && self.near(j + 1) {
                    j += 1;
                }
                if !self.is_num(j) {
                    return None;
                }
            } else {
                return None;
            }
        } else if matches!(self.s(i), "-" | "−") {
            // negative number: "-5" not inside a word or a range
            if !(self.glued(i + 1) && self.is_num(i + 1)) {
                return None;
            }
            if i > 0 && self.glued(i) && !matches!(self.s(i - 1), "(" | "<" | ">" | "=" | "~" | "[")
            {
                return None;
            }
            neg = true;
            j = i + 1;
        } else if self.is_any(i, &["minus", "negative"]) {
            // arithmetic, not a sign: 15 minus 3, LIBOR minus 10 basis points, plus or minus
            // 15 pct (a tolerance)
            if i > 0
                && (self.is_num(i - 1)
                    || (self.s(i - 1).len() > 1
                        && self.s(i - 1).bytes().all(|c| c.is_ascii_uppercase()))
                    || (i > 1 && self.is_any(i - 1, &["or", "and"]) && self.is(i - 2, "plus")))
            {
                return None;
            }
            neg = true;
            j = i + 1;
            if !(self.is_num(j) || matches!(self.lex(j), Some(Lex::Unit(_) | Lex::Ten(_)))) {
                return None;
            }
        } else if self.is_any(i, &["several", "few"]) {
            vague_several = true;
            j = i + 1;
        } else if self.is(i, "tens") {
            // tens of thousands
            if self.is(i + 1, "of")
                && let Some(Lex::Vague(v)) = self.lex(i + 2)
                && v >= 2000.0
            {
                let mut a = Atom::new(i, i + 3, NumberKind::Cardinal);
                a.vague = true;
                a.lower = Some(v * 10.0);
                self.with_object(&mut a);
                return Some(a);
            }
            return None;
        }
        if j > i && currency.is_some() && j < n && !self.near(j) {
            return None;
        }
        // vague plurals: thousands, hundreds of thousands, dozens, scores of
        if let Some(Lex::Vague(lo)) = self.lex(j) {
            if j > i && !vague_several {
                return None;
            }
            if self.is(j, "scores") && !self.is(j + 1, "of") {
                return None;
            }
            let mut a = Atom::new(t0, j + 1, NumberKind::Cardinal);
            a.vague = true;
            let mut lo = lo;
            if self.is(j + 1, "of")
                && let Some(Lex::Vague(v2)) = self.lex(j + 2)
                && v2 >= 2000.0
                && lo < 2000.0
            {
                // hundreds of thousands
                lo = lo * v2 / 2.0;
                a.t1 = j + 3;
            }
            a.lower = Some(lo);
            // millions of dollars: vague money (not `thousands of pounds of explosives`)
            if self.is(a.t1, "of")
                && self.near(a.t1 + 1)
                && let Some(Lex::Currency(cur)) = self.lex(a.t1 + 1)
                && !(self.is_any(a.t1 + 1, &["pound", "pounds"]) && self.is(a.t1 + 2, "of"))
            {
                a.kind = NumberKind::Money;
                a.unit = Some(cur);
                a.t1 += 2;
                return Some(a);
            }
            self.with_object(&mut a);
            return Some(a);
        }
        if vague_several {
            // several hundred, a few thousand
            let mut a = self.vague_multiple(t0, j)?;
            self.with_object(&mut a);
            return Some(a);
        }
        // an hour, a year ago: the article counts one
        if self.is_any(j, &["a", "an"])
            && t0 == j
            && self.near(j + 1)
            && let Some(Lex::TimeUnit(..)) = self.time_unit(j + 1)
            && !self.s(j + 1).ends_with('s')
            && !self.is_any(j + 1, &["second", "min", "sec", "hr", "yr"])
        {
            let one = Atom::num(j, j + 1, NumberKind::Cardinal, 1.0);
            return self.duration_after(j + 1, &one, false);
        }
        // a decimal written without its zero (`.08 percent`, a `.45` caliber, `$.50`), tested
        // only at a point (rare before a figure)
        let point = if self.point_cue(j) {
            self.point_decimal_at(i, j, floor)
        } else {
            None
        };
        let c = match point {
            Some((pt0, pj, c)) => {
                t0 = t0.min(pt0);
                j = pj;
                c
            }
            None => self.core(j)?,
        };
        let mut k = c.t1;
        let mut v = c.v;
        // a capitalized number word inside a name: Six Nations, the Big Four, Group of Seven
        if c.words
            && t0 == j
            && self.capitalized(j)
            && j > 0
            && self.near(j)
            && !matches!(
                self.s(j - 1),
                "." | "!" | "?" | "\"" | "“" | "'" | "‘" | ":" | "(" | "-" | "–" | "—"
            )
            && ((self.is_word(k) && self.near(k) && self.capitalized(k) && self.lex(k).is_none())
                || (j > 1 && self.is(j - 1, "of") && self.capitalized(j - 2)))
        {
            return None;
        }
        // "one" as a pronoun: "the one", "no one", "one another"
        if c.words && k == j + 1 && self.is(j, "one") && self.one_pronoun(j) {
            return None;
        }
        // half a mile, a quarter of a percentage point, three quarters of a percent: that share
        // of the unit after the article (a measure or a percent, read below at the unit)
        if c.frac && v > 0.0 && v < 1.0 && self.near(k) && self.is_any(k, &["a", "an", "of"]) {
            let u = if self.is(k, "of") { k + 1 } else { k };
            if self.is_any(u, &["a", "an"])
                && self.near(u)
                && self.near(u + 1)
                && matches!(self.lex(u + 1), Some(Lex::Measure(_) | Lex::Percent))
            {
                k = u + 1;
            }
        }
        if c.scale < 0.0 {
            // ordinal word
            if let Some(c) = self.century(t0, v, k) {
                return Some(c);
            }
            let mut a = Atom::num(t0, k, NumberKind::Ordinal, v);
            a.scale = 1.0;
            return Some(a);
        }
        let mut scale = 1.0;
        // glued scale suffix: 1.5bn, 10k, 10M, $5m
        if !c.words && self.glued(k) && self.is_word(k) {
            let w = self.s(k);
            let s = match w {
                "k" | "K" => Some(1e3),
                "M" | "mn" | "mln" | "Mn" => Some(1e6),
                "m" if currency.is_some()
                    || (self.near(k + 1) && matches!(self.lex(k + 1), Some(Lex::Currency(_))))
                    || self.million_m(k) =>
                {
                    Some(1e6)
                }
                "bn" | "b" | "B" | "Bn" | "BN" => Some(1e9),
                "tn" | "trn" => Some(1e12),
                _ => None,
            };
            if let Some(s) = s
                && !(self.glued(k + 1) && (self.is_word(k + 1) || self.is_num(k + 1)))
            {
                v *= s;
                scale = s;
                k += 1;
            }
        }
        // hyphenated scale word: a $1.5-billion deal, a 10-million-dollar project
        if scale == 1.0
            && !c.words
            && self.is_p(k, "-")
            && self.glued(k)
            && self.glued(k + 1)
            && matches!(self.lex(k + 1), Some(Lex::Scale(_)))
        {
            k += 1;
        }
        // spaced scale word: 3 million, 1,674.5 million, 322 hundred, 3 dozen
        if scale == 1.0 && !c.words && self.near(k) {
            match self.lex(k) {
                Some(Lex::Scale(s)) => {
                    v *= s;
                    scale = s;
                    k += 1;
                    if let Some(Lex::Scale(s2)) = self.lex(k)
                        && self.near(k)
                    {
                        v *= s2;
                        scale *= s2;
                        k += 1;
                    }
                }
                Some(Lex::Hundred) => {
                    v *= 100.0;
                    scale = 100.0;
                    k += 1;
                }
                Some(Lex::Dozen) => {
                    v *= 12.0;
                    k += 1;
                }
                _ => {
                    if self.is_any(k, &["dzs", "dozs", "dozens"]) {
                        v *= 12.0;
                        k += 1;
                    }
                }
            }
        }
        if scale != 1.0 {
            v = tidy(v);
        }
        if c.words {
            scale = if v >= 1e9 {
                1e9
            } else if v >= 1e6 {
                1e6
            } else {
                c.scale
            };
        }
        if neg {
            v = -v;
        }
        let mut a = Atom::num(t0, k, NumberKind::Cardinal, v);
        a.scale = scale;
        if c.frac {
            a.kind = NumberKind::Fraction;
        }

        // ordinal suffix: 18th, 1st
        if !c.words
            && c.plain
            && self.glued(k)
            && self.is_any(k, &["st", "nd", "rd", "th"])
            && !(self.glued(k + 1) && self.is_word(k + 1))
        {
            if let Some(c) = self.century(t0, v, k + 1) {
                return Some(c);
            }
            // 1st quarter of 2013, 3rd-quarter
            let qk = if self.is_p(k + 1, "-") && self.glued(k + 1) {
                k + 2
            } else {
                k + 1
            };
            if self.is_any(qk, &["quarter", "qtr"])
                && self.near(qk)
                && let Some(q) = self.quarter(t0, v as u32, qk + 1)
            {
                return Some(q);
            }
            a.kind = NumberKind::Ordinal;
            a.t1 = k + 1;
            return Some(a);
        }
        // percent
        if self.is_p(k, "%") && self.t[k].start as usize - self.t[k - 1].end as usize <= 1 {
            a.kind = NumberKind::Percent;
            a.t1 = k + 1;
            return Some(a);
        }
        if self.near(k) {
            if self.is(k, "per") && self.is(k + 1, "cent") && self.near(k + 1) {
                a.kind = NumberKind::Percent;
                a.t1 = k + 2;
                return Some(a);
            }
            if self.b(k).first() == Some(&b'b')
                && let Some(m) = self.basis_points(k, &a)
            {
                return Some(m);
            }
            if let Some(Lex::Percent) = self.lex(k) {
                a.kind = NumberKind::Percent;
                a.t1 = k + 1;
                if self.is(k, "percentage") && self.is_any(k + 1, &["point", "points"]) {
                    a.t1 = k + 2;
                    a.unit = Some("percentage_point");
                }
                return Some(a);
            }
        }
        // 53p, 1130p: pence; 12pc: a newspaper's percent (lowercase and glued only: not a
        // 286 PC)
        if currency.is_none()
            && !c.words
            && self.glued(k)
            && matches!(self.b(k), b"p" | b"pc")
            && !(self.glued(k + 1) && (self.is_word(k + 1) || self.is_num(k + 1)))
        {
            if self.b(k) == b"pc" {
                a.kind = NumberKind::Percent;
                a.t1 = k + 1;
                return Some(a);
            }
            if !(j > 0 && self.is_any(j - 1, &["at", "by", "until", "till", "from"]) && v <= 12.0) {
                a.kind = NumberKind::Money;
                a.unit = Some("GBP_pence");
                a.t1 = k + 1;
                return Some(a);
            }
        }
        if currency.is_some() {
            a.kind = NumberKind::Money;
            a.unit = currency;
            // trailing currency word repeats the symbol: $5 dollars
            return Some(a);
        }
        // currency after: 5 dollars, 361 million pounds, 10,000 Swiss francs, 12-cent, 115USD
        let k = if self.is_p(k, "-")
            && self.glued(k)
            && self.glued(k + 1)
            && matches!(self.lex(k + 1), Some(Lex::Currency(_)))
        {
            k + 1
        } else {
            k
        };
        if self.near(k) || self.glued(k) {
            let (ck, cur) = if let Some(Lex::Currency(c)) = self.lex(k) {
                // `Rs` only before the number; `50 Cent` (capitalized cent) is a name
                let name = c == "cent" && self.s(k).starts_with("Ce");
                (k, Some(c).filter(|_| !self.is(k, "rs") && !name))
            } else if self.is_word(k)
                && self.near(k + 1)
                && matches!(self.lex(k + 1), Some(Lex::Currency(_)))
                && self.lex(k).is_none()
                && self.currency_adjective(k)
            {
                match self.lex(k + 1) {
                    Some(Lex::Currency(c)) => (k + 1, Some(c)),
                    _ => (k, None),
                }
            } else if self.b(k).first().is_some_and(u8::is_ascii_uppercase)
                && self.is_word(k)
                && self.is_word(k + 1)
                && self.near(k + 1)
                && self.near(k + 2)
                && let Some(Lex::Currency(c)) = self.lex(k + 2)
                && units::adjective_code(self.s(k), self.s(k + 1), self.s(k + 2)).is_some()
            {
                (k + 2, Some(c)) // Hong Kong dollars, South Korean won
            } else if let Some((ck, code)) = self.dotted_country_currency(k) {
                a.kind = NumberKind::Money;
                a.unit = Some(code);
                a.t1 = ck + 1;
                return Some(a);
            } else if self.maybe_real(k)
                && let Some(rk) = self.brazilian_real(k, scale > 1.0)
            {
                (rk, Some("BRL"))
            } else if let Some(c) = self.currency_symbol(k)
                && !(self.is_num(k + 1) && self.near(k + 1))
            {
                (k, Some(c))
            } else {
                (k, None)
            };
            if let Some(mut cur) = cur {
                let w = self.s(ck);
                let pound = w.eq_ignore_ascii_case("pound") || w.eq_ignore_ascii_case("pounds");
                // marks and crowns (not Marks & Spencer, question marks in words, the
                // 1,000 mark): plural and lowercase (or a headline's capitals), or an adjective
                let weak = ["mark", "marks", "crown", "crowns", "punt", "punts"]
                    .iter()
                    .any(|x| w.eq_ignore_ascii_case(x));
                let crowns = w.len() == 6 && w.eq_ignore_ascii_case("crowns");
                let weak_ok = ck > k
                    || (w.ends_with(['s', 'S'])
                        && (!c.words || scale > 1.0)
                        && (!crowns || scale > 1.0 || v.fract() != 0.0)
                        && !self.is(ck + 1, "out")
                        && (w.bytes().all(|b| b.is_ascii_lowercase())
                            || w.bytes().all(|b| b.is_ascii_uppercase())));
                let is_money = (!pound || scale > 1.0 || ck > k || self.is(ck + 1, "sterling"))
                    && (!weak || weak_ok);
                if is_money {
                    let code = if ck == k + 2 {
                        units::adjective_code(self.s(k), self.s(k + 1), w)
                    } else if ck == k + 1 {
                        units::adjective_code(self.s(k), "", w)
                    } else {
                        None
                    };
                    if let Some(code) = code {
                        cur = code;
                    } else if ck > k && cmp_ci(self.s(k), "US") {
                        cur = "USD";
                    } else if pound && ck > k {
                        cur = "GBP"; // (Syrian, Egyptian... pounds are in the adjectives' table)
                    } else if ck > k && cur == "TRY" {
                        cur = "lira"; // (Turkish lira is in the adjectives' table)
                    }
                    a.kind = NumberKind::Money;
                    a.unit = Some(cur);
                    a.t1 = ck + 1;
                    if self.is(a.t1, "sterling") {
                        a.t1 += 1;
                    }
                    // 15 dollars 50
                    return Some(a);
                }
            }
        }
        // measure: 10 km, 10km, 3-inch, 200lbs, 16,000 metric tons, 660 square meters, 85°;
        // durations and ages: 3 years, six-month, 29 years old, two days ago (one pre-test
        // for both)
        if !self.no_unit_at(k) {
            if let Some(m) = self.measure_after(k, &a) {
                return Some(m);
            }
            if let Some(d) = self.duration_after_rules(k, &a, c.plain) {
                return Some(d);
            }
        }
        // a bare four-digit year; before 1900 only after a cue (`in 1865`, `back to 1848`)
        let old_year = (1000.0..1900.0).contains(&v)
            && j > 0
            && self.near(j)
            && (self.is_any(
                j - 1,
                &[
                    "in", "since", "until", "till", "before", "after", "year", "circa", "c.",
                ],
            ) || (j > 1
                && self.is(j - 1, "to")
                && self.is_any(j - 2, &["back", "dates", "dating"])));
        // the 90s, the '60s: a decade of the 20th century (not ages: in his 60s)
        if c.plain
            && !neg
            && t0 == j
            && self.s(j).len() == 2
            && self.glued(k)
            && self.is(k, "s")
            // (after the `s`: the remainder of a float is a library call, for every 2-digit number)
            && v % 10.0 == 0.0
            && v >= 20.0
            && !(self.glued(k + 1) && self.is_word(k + 1))
            && j > 0
            && ((self.is_any(j - 1, &["'", "’"]) && self.glued(j))
                || (self.is(j - 1, "the") && self.near(j))
                // in the early 90s, since the mid-90s (after a word of time: `around the
                // mid-70s` is an age, `trading in the mid 30s` a price, too often)
                || (j >= 3
                    && self.near(j)
                    && self.is_any(j - 1, &["early", "mid", "late"])
                    && self.is(j - 2, "the")
                    && self.is_any(j - 3, DECADE_CUES))
                || (j >= 4
                    && self.is_p(j - 1, "-")
                    && self.glued(j)
                    && self.glued(j - 1)
                    && self.is(j - 2, "mid")
                    && self.is(j - 3, "the")
                    && self.is_any(j - 4, DECADE_CUES)))
        {
            let mut d = Atom::new(j, k + 1, NumberKind::DateRange);
            let y = 1900 + v as i32;
            d.iso = Some(decade_iso(y));
            if self.is_any(j - 1, &["'", "’"]) && j > floor {
                d.t0 = j - 1;
            }
            return Some(d);
        }
        if c.plain
            && !neg
            && self.s(j).len() == 4
            && ((1900.0..=2099.0).contains(&v) || old_year)
            && t0 == j
        {
            // the 1980's: with `the` (or early/mid/late) before it, not the possessive of a
            // year (`2010's budget`, `the 2010's budget`: none after 1999)
            let apostrophe_s = v < 2000.0
                && self.is_any(k, &["'", "’"])
                && self.glued(k)
                && self.glued(k + 1)
                && self.is(k + 1, "s")
                && !(self.glued(k + 2) && self.is_word(k + 2))
                && j > floor
                && self.near(j)
                && self.is_any(j - 1, &["the", "early", "mid", "late"]);
            if (self.glued(k) && self.is(k, "s")) || apostrophe_s {
                // the 1990s
                let e = if apostrophe_s { k + 2 } else { k + 1 };
                let mut d = Atom::new(j, e, NumberKind::DateRange);
                let y = v as i32;
                if y % 10 == 0 {
                    d.iso = Some(decade_iso(y));
                    return Some(d);
                }
            }
            // 2000 and 2003 results: a number joined to a year is a year, noun or not
            let after_year = j >= 2
                && self.near(j)
                && self.is_any(j - 1, &["and", "or", ","])
                && self.is_num(j - 2)
                && !self.glued(j - 2)
                && !self.glued(j)
                && self.s(j - 2).len() == 4
                && self
                    .s(j - 2)
                    .parse::<u32>()
                    .is_ok_and(|y| (1900..=2099).contains(&y));
            if (after_year || !self.counted_after(k)) && !self.count_cue_before(j) {
                let mut d = Atom::new(j, k, NumberKind::Date);
                let y = v as i32;
                d.iso = Some(year_iso(y));
                d.date = Some(DateParts {
                    y: Some(y),
                    m: None,
                    d: None,
                });
                return Some(d);
            }
        }
        // ages: aged 87, age 87, at the age of 87 (not the age of 70s rock)
        if t0 == j
            && j > floor
            && self.near(j)
            && !(self.glued(a.t1) && self.is_word(a.t1))
            && a.kind == NumberKind::Cardinal
            && (0.0..=130.0).contains(&v)
        {
            let at = if self.is_any(j - 1, &["aged", "age"]) {
                Some(j - 1)
            } else if j > floor + 2
                && self.is(j - 1, "of")
                && self.is(j - 2, "age")
                && self.near(j - 1)
                && self.is_any(j - 3, &["the", "an", "his", "her", "their"])
            {
                Some(j - 2)
            } else {
                None
            };
            if let Some(at) = at {
                a.kind = NumberKind::Measure;
                a.unit = Some("years_of_age");
                a.t0 = at;
                return Some(a);
            }
        }
        // cheap shapes first (`on` the Richter scale, a hyphen, a 9-letter `magnitude` after
        // or before the figure): most small figures are none of them
        if v <= 10.0
            && (matches!(self.b(a.t1), b"on" | b"-" | [b'm', _, _, _, _, _, _, _, _])
                || (t0 > 0
                    && matches!(self.b(t0 - 1), b"-" | [b'm' | b'M', _, _, _, _, _, _, _, _])))
            && let Some(m) = self.magnitude(&a, floor)
        {
            return Some(m);
        }
        if t0 + 1 == a.t1
            && self.capitalized(a.t1)
            && let Some(h) = self.house_number(&a)
        {
            return Some(h);
        }
        // in her 40s: an age by decade; in the 70s: a decade of a figure, not a count of `s`
        if c.plain
            && t0 == j
            && self.glued(a.t1)
            && self.is(a.t1, "s")
            && let Some(d) = self
                .age_decade(j, v, a.t1 + 1, floor)
                .or_else(|| self.plain_decade(j, v, a.t1 + 1))
        {
            return Some(d);
        }
        self.with_object(&mut a);
        Some(a)
    }

    /// Whether the word `one` at `j` is a pronoun: `the one`, `no one`, `every one`, `one
    /// another`, `the only one`, `his only one` (but `only one person was hurt`, `only one
    /// survived`, `just one`, `not one` count one).
    #[inline(never)]
    fn one_pronoun(&self, j: usize) -> bool {
        if j > 0
            && self.is_any(
                j - 1,
                &[
                    "the", "that", "this", "no", "any", "every", "each", "which", "last", "little",
                    "another", "someone", "everyone", "anyone",
                ],
            )
        {
            return true;
        }
        if j > 1
            && self.is(j - 1, "only")
            && self.is_any(
                j - 2,
                &[
                    "the", "his", "her", "its", "their", "my", "our", "your", "this", "that", "'s",
                    "’s",
                ],
            )
        {
            return true;
        }
        if self.is_any(j + 1, &["another", "'s", "by"]) {
            return true;
        }
        // `a quiet one,` `the previous one.` `a new one and`: a determiner and a modifier
        // before, nothing counted after (`a staggering one in five`, `a further one million`
        // and `a one-year deal` stay figures)
        j > 1
            && self.is_word(j - 1)
            && !self
                .lex(j - 1)
                .is_some_and(|l| l.amount_word() || matches!(l, Lex::Percent | Lex::Measure(_)))
            && self.is_any(
                j - 2,
                &[
                    "a", "an", "the", "this", "that", "another", "his", "her", "its", "their",
                    "my", "our", "your",
                ],
            )
            && self.phrase_ends(j + 1)
    }

    /// Whether nothing a figure could count starts at token `k`: the end, a mark other than
    /// a glued dash, slash or percent sign, or a function word (not `in`, `of`: `one in five`;
    /// nor one before a number: `the next one to two weeks`, `one or two quarters`).
    fn phrase_ends(&self, k: usize) -> bool {
        match self.kind(k) {
            None => true,
            Some(TK::Num) => false,
            Some(TK::Punct) => !(self.glued(k) && matches!(self.s(k), "-" | "/" | "%")),
            Some(TK::Word) if self.core(k + 1).is_some() => false,
            Some(TK::Word) => self.is_any(
                k,
                &[
                    "and", "or", "but", "that", "which", "who", "where", "when", "is", "was",
                    "were", "are", "will", "would", "could", "should", "has", "had", "have", "to",
                    "for", "with", "on", "at", "as", "than", "from", "so", "too", "yet", "if",
                    "because", "after", "before", "away", "instead", "again", "now", "then",
                ],
            ),
        }
    }

    /// `several hundred`, `a few dozen` from `t0` to the multiple at `j` (hundred, a scale,
    /// dozen): a vague count of at least two of it.
    fn vague_multiple(&self, t0: usize, j: usize) -> Option<Atom> {
        let s = match self.lex(j) {
            Some(Lex::Hundred) => 100.0,
            Some(Lex::Scale(s)) => s,
            Some(Lex::Dozen) => 12.0,
            _ => return None,
        };
        let mut a = Atom::new(t0, j + 1, NumberKind::Cardinal);
        a.vague = true;
        a.lower = Some(2.0 * s);
        Some(a)
    }

    /// `a few dozen`, `a few hundred`, `a few thousand` at `j` (`a`, before `few`): vague, as
    /// `several hundred`.
    #[inline(never)]
    fn a_few(&self, j: usize) -> Option<Atom> {
        if !(self.near(j + 1) && self.near(j + 2)) {
            return None;
        }
        let mut a = self.vague_multiple(j, j + 2)?;
        // a few hundred dollars: vague money
        if self.near(j + 3)
            && let Some(Lex::Currency(cur)) = self.lex(j + 3)
            && !self.is_any(j + 3, &["pound", "pounds"])
        {
            a.kind = NumberKind::Money;
            a.unit = Some(cur);
            a.t1 = j + 4;
            return Some(a);
        }
        self.with_object(&mut a);
        Some(a)
    }

    /// `a dollar`, `worth a euro`, `a pound for it` at `j` (`a`, before the currency `cur`):
    /// one of the currency (not a dollar-denominated bond, a dollar/yen rate, a dollar peg, a
    /// pound of butter, or a price per pound: `37 cents a pound`, `£2 a pound`).
    #[inline(never)]
    fn a_currency(&self, j: usize, cur: &'static str) -> Option<Atom> {
        let k = j + 2;
        let per = j > 0
            && (self.is_num(j - 1)
                || matches!(self.lex(j - 1), Some(Lex::Currency(_)))
                || self.is_any(j - 1, &["dlr", "ct"])
                || j > 1 && self.is_num(j - 2));
        let one = !per
            && self.near(j + 1)
            && self.is_any(
                j + 1,
                &["dollar", "euro", "pound", "cent", "penny", "rupee", "peso"],
            )
            && !(self.glued(k) && (self.is_p(k, "-") || self.is_p(k, "/")))
            && (!self.is_word(k)
                || !self.near(k)
                || self.flag(k, lex::STOP) && !self.is(k, "of")
                || self.is_any(k, &["bill", "note", "coin"]));
        if !one {
            return None;
        }
        let mut a = Atom::num(j, j + 2, NumberKind::Money, 1.0);
        a.unit = Some(cur);
        Some(a)
    }

    /// Whether word `k` may start [`Self::brazilian_real`] (its length and first letter: most
    /// words after a figure are neither, and the test is inlined where figures are read).
    #[inline(always)]
    fn maybe_real(&self, k: usize) -> bool {
        let w = self.b(k);
        matches!(
            (w.len(), w.first().map(u8::to_ascii_lowercase)),
            (4 | 5, Some(b'r')) | (9, Some(b'b'))
        )
    }

    /// The token of the Brazilian currency after a figure (word `k` on): `Brazilian real(s)`,
    /// `reals`, and `real` at a phrase's end after a scale (`2 million real.`). `real` alone is
    /// a common word (`30 real cases`, `1986 real estate`), so it is not in the lexicon.
    fn brazilian_real(&self, k: usize, scaled: bool) -> Option<usize> {
        let (rk, adjective) = if self.is(k, "brazilian") && self.near(k + 1) {
            (k + 1, true)
        } else {
            (k, false)
        };
        if self.is(rk, "reals") && (adjective || self.b(rk).first() == Some(&b'r')) {
            return Some(rk);
        }
        if !self.is(rk, "real") {
            return None;
        }
        let end = !self.near(rk + 1) || !self.is_word(rk + 1) || self.flag(rk + 1, lex::STOP);
        (adjective || (scaled && end && self.b(rk).first() == Some(&b'r'))).then_some(rk)
    }

    /// A country written with capitals and points before a currency name after a figure
    /// (`U.S. dlrs`, `H.K. Dlrs`, `N.Z. dollars`): the currency's token and its code.
    #[inline(never)]
    fn dotted_country_currency(&self, k: usize) -> Option<(usize, &'static str)> {
        if self.dotted_initials_end(k) != Some(k + 4) || !self.near(k + 4) {
            return None;
        }
        let Some(Lex::Currency(c)) = self.lex(k + 4) else {
            return None;
        };
        let pair = [*self.b(k).first()?, *self.b(k + 2).first()?];
        let letters = std::str::from_utf8(&pair).ok()?;
        // (a country's cents stay cents: `U.S. cents`, `H.K. Cents`; the country must be one
        // whose dollars are known)
        let word = if c == "cent" { "dollar" } else { self.s(k + 4) };
        let code = units::adjective_code(letters, "", word).or(match (letters, c) {
            ("US", _) => Some("USD"),
            ("UK", "GBP") => Some("GBP"),
            _ => None,
        })?;
        Some((k + 4, if c == "cent" { c } else { code }))
    }

    /// Capital initials, each with its point, written as one word (`U.S.`, `U.N.`, `E.U.`): the
    /// token after the last point. The tokenizer splits them into letters and points.
    fn dotted_initials_end(&self, k: usize) -> Option<usize> {
        let letter = |q: usize| self.is_word(q) && self.s(q).len() == 1 && self.capitalized(q);
        let mut q = k;
        while letter(q) && self.is_p(q + 1, ".") && self.glued(q + 1) && (q == k || self.glued(q)) {
            q += 2;
        }
        (q >= k + 4).then_some(q)
    }

    /// A nationality-like word before a currency name: `Swiss francs`, `finnish markka`.
    fn currency_adjective(&self, k: usize) -> bool {
        let w = self.s(k);
        if self.flag(k, lex::STOP) || w.len() < 2 {
            return false;
        }
        self.capitalized(k)
            || ["ish", "an", "ese", "ss", "i", "ic", "us"]
                .iter()
                .any(|suf| {
                    w.len() > suf.len()
                        && w.get(w.len() - suf.len()..)
                            .is_some_and(|e| e.eq_ignore_ascii_case(suf))
                })
            || self.is(k, "us")
    }

    /// Recurrences: `every day` (duration `P1D`), `every other week` (`P2W`), `every three
    /// months` (`P3M`), `every Monday` (date `XXXX-WXX-1`); modifier `every`.
    fn every_at(&self, i: usize) -> Option<Atom> {
        let mut k = i + 1;
        if !self.near(k) {
            return None;
        }
        let mut n = 1.0;
        if self.is(k, "other") {
            n = 2.0;
            k += 1;
        } else if let Some(c) = self
            .core(k)
            .filter(|c| !c.frac && c.scale >= 0.0 && c.v >= 1.0)
        {
            n = c.v;
            k = c.t1;
        }
        if let Some(Lex::Weekday(wd)) = self.lex(k)
            && n == 1.0
            && self.s(k).len() > 3
        {
            let mut a = Atom::new(i, k + 1, NumberKind::Date);
            a.iso = Some(format!("XXXX-WXX-{wd}"));
            a.modifier = Some("every");
            return Some(a);
        }
        // every morning, every evening: daily, as `every night`
        if n == 1.0 && k == i + 1 && self.is_any(k, &["morning", "afternoon", "evening"]) {
            let mut a = Atom::num(i, k + 1, NumberKind::Duration, 1.0);
            a.iso = Some("P1D".to_owned());
            a.modifier = Some("every");
            a.unit = Some("day");
            return Some(a);
        }
        let Some(Lex::TimeUnit(..)) = self.time_unit(k) else {
            return None;
        };
        let plural = self.s(k).ends_with('s');
        if plural != (n > 1.0 && k > i + 1 && !self.is(i + 1, "other")) {
            return None;
        }
        let one = Atom::num(i + 1, k, NumberKind::Cardinal, n);
        let mut a = self.duration_after(k, &one, false)?;
        if a.kind != NumberKind::Duration {
            return None;
        }
        a.t0 = i;
        a.modifier = Some("every");
        a.lower = None;
        a.upper = None;
        Some(a)
    }

    /// `the 19th century`, `twenty-first century`: a hundred years as a date range.
    fn century(&self, t0: usize, v: f64, k: usize) -> Option<Atom> {
        if !self.is(k, "century") || !self.near(k) || v.fract() != 0.0 || !(1.0..=30.0).contains(&v)
        {
            return None;
        }
        let start = (v as i32 - 1) * 100;
        let mut a = Atom::new(t0, k + 1, NumberKind::DateRange);
        a.iso = Some(format!("{start:04}/{:04}", start + 99));
        Some(a)
    }

    fn currency_symbol(&self, i: usize) -> Option<&'static str> {
        // all are marks: `$` or a non-ASCII sign (most tokens asked are numbers and words)
        match self.t.get(i) {
            Some(t) if t.kind == TK::Punct => {}
            _ => return None,
        }
        match self.s(i) {
            "₡" => Some("CRC"),
            "₭" => Some("LAK"),
            "₦" => Some("NGN"),
            "₴" => Some("UAH"),
            "₱" => Some("PHP"),
            "₪" => Some("ILS"),
            "$" => Some("USD"),
            "€" => Some("EUR"),
            "£" => Some("GBP"),
            "¥" => Some("JPY"),
            "₹" => Some("INR"),
            "₿" => Some("BTC"),
            "₩" => Some("KRW"),
            "₺" => Some("TRY"),
            "₽" => Some("RUB"),
            _ => None,
        }
    }

    /// Whether no unit can start at token `k` after a figure: neither [`P::measure_after`] nor
    /// [`P::duration_after`] can match there (an exact pre-test). Both read at `k` a word of
    /// the lexicon (`km`, `pounds`, `years`, `second`, `quarters`), a `-` before one, a `°`, or
    /// one of the few words the measure rule compares as text (`square`, `sq`, `metric`, `in`,
    /// `pound`; an adjective before a time unit, `three consecutive days`): a number, another mark or any other word ends both at once, and most figures
    /// are followed by one (`240 civilians`, `2017,`).
    fn no_unit_at(&self, k: usize) -> bool {
        let Some(t) = self.t.get(k) else {
            return true;
        };
        match t.kind {
            TK::Num => true,
            TK::Punct => !matches!(self.s(k), "-" | "°"),
            TK::Word => {
                t.id == 0
                    && !(self.is_any(
                        k,
                        &[
                            "square", "sq", "metric", "in", "pound", "pounds", "nautical",
                        ],
                    ) || (matches!(self.s(k), "C" | "F") && self.glued(k))
                        || self.duration_adjective(k))
            }
        }
    }

    /// A unit of measure at token `k` after the figure `a` (its only caller tests
    /// [`P::no_unit_at`] first).
    fn measure_after(&self, k: usize, a: &Atom) -> Option<Atom> {
        if k >= self.n() || !self.near(k) {
            return None;
        }
        let glued = self.glued(k);
        let mut uk = k;
        let mut hyphen = false;
        if self.is_p(k, "-") && glued && self.glued(k + 1) && self.is_word(k + 1) {
            uk = k + 1;
            hyphen = true;
        }
        let mut unit: Option<&'static str> = None;
        let mut end = uk + 1;
        if self.is_p(uk, "°") {
            unit = Some("deg");
            if self.glued(uk + 1) || self.near(uk + 1) {
                if self.is_any(uk + 1, &["C", "Celsius"]) {
                    unit = Some("C");
                    end += 1;
                } else if self.is_any(uk + 1, &["F", "Fahrenheit"]) {
                    unit = Some("F");
                    end += 1;
                }
            }
        } else if glued && !hyphen && matches!(self.s(uk), "C" | "F") {
            // 40C, -5C, 95F (glued_temperature let them through as no identifier)
            if self.glued_temperature(uk - 1) {
                unit = Some(if self.s(uk) == "C" { "C" } else { "F" });
            }
        } else if self.is_any(uk, &["square", "sq", "nautical"]) && self.near(uk + 1) {
            if self.b(uk).len() == 8 {
                // 200 nautical miles, a 12-nautical-mile limit
                let mk = if self.is_p(uk + 1, "-") && self.glued(uk + 1) && self.glued(uk + 2) {
                    uk + 2
                } else {
                    uk + 1
                };
                if self.near(mk) && self.is_any(mk, &["mile", "miles", "mi"]) {
                    unit = Some("nmi");
                    end = mk + 1;
                }
            } else if let Some(Lex::Measure(u)) = self.lex(uk + 1) {
                unit = Some(match u {
                    "km" => "km2",
                    "m" => "m2",
                    "mi" => "mi2",
                    "ft" => "ft2",
                    "cm" => "cm2",
                    _ => u,
                });
                end = uk + 2;
            }
        } else if self.is(uk, "metric") && self.near(uk + 1) {
            if let Some(Lex::Measure("t")) = self.lex(uk + 1) {
                unit = Some("t");
                end = uk + 2;
            }
        } else if let Some(Lex::Measure(u)) = self.lex(uk) {
            let w = self.s(uk);
            // single letters and ambiguous abbreviations (m, g, mi, ha) only glued or at a
            // phrase end; other abbreviations and full names anywhere
            // (HP and BHP in capitals are as often companies: `300 HP printers`)
            let risky = w.len() == 1
                || self.is_any(uk, &["mi", "ha", "dm", "kb", "bit", "bits", "kw", "oz"])
                || (u == "hp" && w.len() < 4 && w.bytes().any(|c| c.is_ascii_uppercase()));
            let ok = !risky
                || glued
                || hyphen
                || !self.is_word(uk + 1)
                || !self.near(uk + 1)
                || self.is_any(uk + 1, &["x", "by"]);
            // m2, km2, m3: area and volume written with a glued exponent
            let power = if matches!(u, "m" | "km" | "cm" | "mm")
                && self.glued(uk + 1)
                && matches!(self.s(uk + 1), "2" | "3")
                && !(self.glued(uk + 2) && (self.is_word(uk + 2) || self.is_num(uk + 2)))
            {
                Some(self.s(uk + 1))
            } else {
                None
            };
            if let Some(pw) = power {
                unit = Some(match (u, pw) {
                    ("m", "2") => "m2",
                    ("m", _) => "m3",
                    ("km", "2") => "km2",
                    ("km", _) => "km3",
                    ("cm", "2") => "cm2",
                    ("cm", _) => "cm3",
                    (_, "2") => "mm2",
                    _ => "mm3",
                });
                end = uk + 2;
            } else if ok && !(w == "m" && self.glued(uk + 1) && self.is_num(uk + 1)) {
                unit = Some(u);
                // energy: 400 megawatt hours, 3.5 gigawatt-hours
                if matches!(u, "kW" | "MW" | "GW" | "TW") {
                    let hk = if self.is_p(end, "-") && self.glued(end) && self.glued(end + 1) {
                        end + 1
                    } else {
                        end
                    };
                    if self.near(hk) && self.is_any(hk, &["hours", "hour"]) {
                        unit = Some(match u {
                            "kW" => "kWh",
                            "MW" => "MWh",
                            "GW" => "GWh",
                            _ => "TWh",
                        });
                        end = hk + 1;
                    }
                }
                // degrees Celsius / degrees F
                if u == "deg" && self.near(uk + 1) {
                    match self.lex(uk + 1) {
                        Some(Lex::Measure(t @ ("C" | "F"))) => {
                            unit = Some(t);
                            end = uk + 2;
                        }
                        _ => {
                            if self.is(uk + 1, "c") {
                                unit = Some("C");
                                end = uk + 2;
                            } else if self.is(uk + 1, "f") {
                                unit = Some("F");
                                end = uk + 2;
                            }
                        }
                    }
                }
                // km/h, km/hr
                if (self.is_p(end, "/")
                    && self.glued(end)
                    && self.is_any(end + 1, &["h", "hr", "hour"]))
                    || (self.near(end)
                        && self.is(end, "per")
                        && self.is_any(end + 1, &["hour", "h"]))
                {
                    unit = Some(if u == "km" { "km/h" } else { "mph" });
                    end += 2;
                }
            }
        }
        if unit.is_none() && self.is_any(uk, &["pound", "pounds"]) {
            unit = Some("lb");
        }
        // 2in, a 55in screen: `in` is a unit only glued to the number
        if unit.is_none()
            && glued
            && !hyphen
            && self.is(uk, "in")
            && !(self.glued(uk + 1) && (self.is_word(uk + 1) || self.is_num(uk + 1)))
        {
            unit = Some("in");
        }
        let unit = unit?;
        let mut m = a.clone();
        m.kind = NumberKind::Measure;
        m.unit = Some(unit);
        m.t1 = end;
        Some(m)
    }

    fn duration_after(&self, k: usize, a: &Atom, plain: bool) -> Option<Atom> {
        if self.no_unit_at(k) {
            return None;
        }
        self.duration_after_rules(k, a, plain)
    }

    /// `three consecutive days`, `two more years`, `five straight weeks`, `48 full hours`: an
    /// adjective at `k` between a count and the time unit after it, which it does not change
    /// (the unit's meaning is read first: a table lookup).
    fn duration_adjective(&self, k: usize) -> bool {
        matches!(self.lex(k + 1), Some(Lex::TimeUnit(..)))
            && self.near(k + 1)
            && self.is_any(
                k,
                &[
                    "consecutive",
                    "straight",
                    "successive",
                    "more",
                    "full",
                    "whole",
                    "additional",
                    "extra",
                    "further",
                    "long",
                ],
            )
    }

    /// [`P::duration_after`] without its pre-test ([`P::no_unit_at`]).
    fn duration_after_rules(&self, k: usize, a: &Atom, plain: bool) -> Option<Atom> {
        if k >= self.n() || !self.near(k) {
            return None;
        }
        let mut uk = k;
        let hyphen = self.is_p(k, "-") && self.glued(k) && self.glued(k + 1);
        if hyphen || self.duration_adjective(k) {
            uk = k + 1;
        }
        let (des, unit) = match self.time_unit(uk) {
            Some(Lex::TimeUnit(des, unit)) => (des, unit),
            _ if !hyphen && self.period_quarters(a.t0, uk) => ("3M", "quarter"),
            _ => return None,
        };
        let v = a.value?;
        // second as ordinal: "the 2 second" is rare; accept
        let mut d = a.clone();
        d.t1 = uk + 1;
        // ages: 29 years old, 28-year-old, 3 years of age
        if unit == "year" || unit == "month" || unit == "week" || unit == "day" {
            if self.is_p(uk + 1, "-") && self.glued(uk + 1) && self.is(uk + 2, "old") {
                d.kind = NumberKind::Measure;
                d.unit = Some(age_unit(unit));
                d.t1 = uk + 3;
                return Some(d);
            }
            if self.is(uk + 1, "old") && self.near(uk + 1) {
                d.kind = NumberKind::Measure;
                d.unit = Some(age_unit(unit));
                d.t1 = uk + 2;
                return Some(d);
            }
            if self.is(uk + 1, "of") && self.is(uk + 2, "age") {
                d.kind = NumberKind::Measure;
                d.unit = Some(age_unit(unit));
                d.t1 = uk + 3;
                return Some(d);
            }
        }
        if !hyphen && self.year_before_unit(a, uk, unit) {
            return None;
        }
        // N days ago: a date relative to publication (a singular unit after a figure other
        // than one is no count: `versus 292,000 week ago` is a quantity and a week ago)
        if self.is(uk + 1, "ago") && self.near(uk + 1) && !hyphen {
            if v != 1.0 && !self.s(uk).ends_with(['s', 'S']) && unit != "quarter" {
                return None;
            }
            let mut r = Atom::new(a.t0, uk + 2, NumberKind::Date);
            if unit == "quarter" {
                // two quarters ago: that calendar quarter
                r.kind = NumberKind::DateRange;
                r.iso = self.published.and_then(|p| {
                    let n =
                        (v.fract() == 0.0 && (1.0..=1000.0).contains(&v)).then_some(v as i64)?;
                    periods::quarter_span(p, -n, 1)
                });
            } else {
                r.iso = self.published.and_then(|p| ago(p, v, unit));
            }
            return Some(r);
        }
        let _ = plain;
        d.kind = NumberKind::Duration;
        d.unit = Some(unit);
        d.iso = Some(duration_iso(v, des, unit));
        Some(d)
    }

    /// `1986 year`, `the same 1985 month`, `1987 second quarter`, `the 1986 second half`: four
    /// digits of a year (1900-2099) before a singular year or month (a count would take the
    /// plural), or before `second` and a quarter or half, are the year, as wire tables and
    /// results notes write it; the bare-year rule then reads them (not ages: `a 2000 year
    /// old temple` is read before).
    fn year_before_unit(&self, a: &Atom, uk: usize, unit: &str) -> bool {
        let singular = || !self.b(uk).ends_with(b"s") && !self.b(uk).ends_with(b"S");
        a.t1 == a.t0 + 1
            && a.scale == 1.0
            && self.s(a.t0).len() == 4
            && a.value.is_some_and(|v| (1900.0..=2099.0).contains(&v))
            && match unit {
                "year" | "month" => singular(),
                "second" => self.is_any(uk + 1, &["quarter", "qtr", "half"]),
                _ => false,
            }
    }

    /// `another week or two` (the unit is no figure of its own): the count `a` becomes the
    /// range [`P::unit_or_count_at`].
    fn unit_or_count(&self, a: &mut Atom, floor: usize) {
        if a.t0 >= floor + 3
            && let Some(r) = self.unit_or_count_at(a.t0 - 3, a)
        {
            *a = r;
        }
    }

    /// `a week or two`, `an hour or three`, `another month or two`: an article and a singular
    /// time unit at `t0`, then `or` and a bare count `b` of 2 to 10: a duration from one unit
    /// to that many (what `b` seemed to count is the duration's matter: `a week or two of
    /// talks`, no object).
    fn unit_or_count_at(&self, t0: usize, b: &Atom) -> Option<Atom> {
        let k = t0 + 1;
        if b.t0 != k + 2
            || b.t1 != b.t0 + 1
            || b.kind != NumberKind::Cardinal
            || b.modifier.is_some()
            || !self.is(k + 1, "or")
            || self.s(k).ends_with(['s', 'S'])
            || !self.is_any(t0, &["a", "an", "another"])
            || !(k..=b.t0).all(|q| self.near(q))
        {
            return None;
        }
        let v = b
            .value
            .filter(|v| v.fract() == 0.0 && (2.0..=10.0).contains(v))?;
        let Some(Lex::TimeUnit(des, unit)) = self.time_unit(k) else {
            return None;
        };
        let mut r = Atom::new(t0, b.t1, NumberKind::Duration);
        r.lower = Some(1.0);
        r.upper = Some(v);
        r.unit = Some(unit);
        r.modifier = Some("range");
        r.iso = Some(duration_iso(v, des, unit));
        Some(r)
    }

    /// `the past two quarters`, `for 3 quarters`, `two quarters ago`: the number at `i` counts
    /// the business quarters at `qk` (not a fraction, which is followed by `of`: `three
    /// quarters of voters`, `for three quarters of an hour`; but after `first`, `last`...
    /// `of` names the year: `the first three quarters of fiscal 1986`).
    fn period_quarters(&self, i: usize, qk: usize) -> bool {
        if !(self.is(qk, "quarters") && self.near(qk) && !self.glued(qk)) {
            return false;
        }
        let after = |words: &[&str]| i > 0 && self.near(i) && self.is_any(i - 1, words);
        after(&[
            "last",
            "past",
            "next",
            "previous",
            "preceding",
            "coming",
            "following",
            "first",
            "final",
        ]) || (!self.is(qk + 1, "of")
            && (after(&["for"])
                || (self.near(qk + 1)
                    && self.is_any(qk + 1, &["ago", "ahead", "later", "earlier", "running"]))))
    }

    /// The word after a number reads as a counted noun (`2000 people`): then it is no year.
    fn counted_after(&self, k: usize) -> bool {
        if !self.is_word(k) || !self.near(k) {
            return false;
        }
        let w = self.s(k);
        if self.capitalized(k) || self.lex(k).is_some() || self.flag(k, lex::STOP) {
            return false;
        }
        // figures kept per year are not counted by it: 1985 profits, 2003 results
        if self.flag(k, lex::YEAR_NOUN) {
            return false;
        }
        let b = w.as_bytes();
        (b.len() > 3 && b[b.len() - 1] == b's' && b[b.len() - 2] != b's')
            || self.is_any(
                k,
                &[
                    "people",
                    "children",
                    "men",
                    "women",
                    "police",
                    "staff",
                    "personnel",
                    "troops",
                    "civilians",
                    "dead",
                    "militia",
                    "cattle",
                ],
            )
    }

    /// A past tense right after a figure, not an adjective of the noun after it: `Thousands
    /// fled the fighting`, `300 protested in`, `Hundreds gathered outside` (not `20
    /// registered voters`, `240 armed men`, `68 unreleased Nirvana tracks`, `six unedited
    /// reel-to-reel tapes`, `copyrighted music files`: a plural, a name or a compound follows
    /// the adjective, or a plural the word after it).
    fn past_tense_verb(&self, k: usize) -> bool {
        let w = self.b(k);
        w.len() > 3
            && w.ends_with(b"ed")
            && !w.ends_with(b"eed")
            && w[0].is_ascii_lowercase()
            && !(self.near(k + 1)
                && ((self.is_word(k + 1)
                    && !self.flag(k + 1, lex::STOP)
                    // (not a pronoun: `Thousands armed themselves`)
                    && !self.b(k + 1).ends_with(b"selves")
                    && !self.is(k + 1, "others")
                    && (!self.capitalized(k + 1) && plural_noun(self.b(k + 1))
                        || self.capitalized(k + 1) && self.name_then_plural(k + 1)
                        || (self.near(k + 2) && plural_noun(self.b(k + 2)))))
                    || (self.is_p(k + 2, "-") && self.glued(k + 2))))
    }

    /// Whether the capitalized words from `k` name what a plural after them counts (`Nirvana
    /// tracks`, `Roma Czechs`, `Reserve common shares`, `European institutional investors`),
    /// not the object of a verb (`showed Ms Simonetti`, `recognised Charles Kennedy`,
    /// `discussed Washington`).
    #[inline(never)]
    fn name_then_plural(&self, k: usize) -> bool {
        let mut j = k;
        while j < k + 4 && self.near(j) && self.is_word(j) && self.capitalized(j) {
            if plural_noun(self.b(j)) && j > k {
                return true;
            }
            j += 1;
        }
        // the name's plural itself (`Czechs`, `DTCs`) or up to two lowercase words after it
        if j == k + 1 && plural_noun(self.b(k)) && self.b(k).len() > 3 {
            return true;
        }
        (j..j + 2).any(|q| {
            (q == j || self.b(q - 1).first().is_some_and(u8::is_ascii_lowercase))
                && self.near(q)
                && self.is_word(q)
                && self.b(q).first().is_some_and(u8::is_ascii_lowercase)
                && plural_noun(self.b(q))
        })
    }

    /// Whether the word at `k`, after a figure, describes the counted noun after it: `30
    /// wounded soldiers`, `20 armed militia`, `12 injured people` (the words are also verbs
    /// and nouns of their own: `3 wounded`, `10 injured in the blast`, `Thousands armed
    /// themselves` stay without a noun).
    #[inline(never)]
    fn adjective_before_noun(&self, k: usize) -> bool {
        self.is_any(
            k,
            &[
                "armed",
                "wounded",
                "injured",
                "unarmed",
                "elderly",
                "young",
                "displaced",
                "detained",
                "abducted",
                "kidnapped",
                "trapped",
                "stranded",
                "missing",
                "dead",
                "killed",
            ],
        ) && self.b(k + 1).first().is_some_and(u8::is_ascii_lowercase)
            && !self.b(k + 1).ends_with(b"selves")
            && !self.is(k + 1, "others")
            && self.counted_after(k + 1)
    }

    /// The counted noun of `one in five adults smokes`: the verb agrees with `one`, so a
    /// second `-s` word after the plural noun is the verb (`police officers` stays whole).
    fn ratio_object(&self, a: &mut Atom) {
        let Some((s, e)) = a.object else { return };
        let Some(o) = self.text.get(s..e) else { return };
        let Some(sp) = o.rfind(' ') else { return };
        let (head, last) = (&o[..sp], &o[sp + 1..]);
        let prev = head.rsplit(' ').next().unwrap_or(head);
        if last.ends_with('s')
            && !last.ends_with("ss")
            && prev.ends_with('s')
            && plural_noun(prev.as_bytes())
            && last.bytes().all(|c| c.is_ascii_lowercase())
        {
            a.object = Some((s, s + sp));
        }
    }

    fn count_cue_before(&self, j: usize) -> bool {
        j > 0
            && self.near(j)
            && (self.flag(j - 1, lex::COUNT_CUE)
                || (j > 1 && self.is(j - 1, "to") && self.is_any(j - 2, &["up", "close"])))
            && !self.is(j - 1, "of")
    }

    /// Attach the counted noun after a cardinal: `240 civilians`, `80 of the residents`,
    /// `2,500 women, children and the elderly`, `thousands of civilians`. (In place: a figure
    /// passed by value was copied in and out.)
    fn with_object(&self, a: &mut Atom) {
        if a.kind != NumberKind::Cardinal {
            return;
        }
        let n = self.n();
        let mut k = a.t1;
        if k >= n || !self.near(k) {
            return;
        }
        if self.is(k, "of") {
            k += 1;
            if self.is_any(
                k,
                &["the", "them", "those", "these", "its", "their", "whom"],
            ) {
                if self.is_any(k, &["them", "whom"]) {
                    return;
                }
                k += 1;
            }
        }
        // one of the last pieces, two of the next titles: the noun after the adjective
        if k > a.t1 + 1
            && self.is_any(k, &["last", "next"])
            && self.is_word(k + 1)
            && self.near(k + 1)
            && !self.flag(k + 1, lex::STOP)
        {
            k += 1;
        }
        // quantifying adjectives are no part of the counted noun: 38 different incidents
        if self.is_any(
            k,
            &[
                "different",
                "separate",
                "other",
                "additional",
                "more",
                "further",
                "distinct",
                "individual",
                "such",
            ],
        ) && self.is_word(k + 1)
            && self.near(k + 1)
            && !self.flag(k + 1, lex::STOP)
        {
            k += 1;
        }
        let start = k;
        let mut end = k;
        let mut words = 0;
        let mut after_adverb = false;
        let mut led_by_adverb = false;
        // where initials before the noun start (`U.S.` in `five U.S. plants`), until a word
        // after them is taken
        let mut initials: Option<usize> = None;
        // (not `one of the main reasons`: plural after `of`)
        let one = a.value == Some(1.0) && a.modifier.is_none() && !self.is(a.t1, "of");
        while k < n && self.near(k) && self.is_word(k) && words < 4 {
            // initials qualify the noun after them as an adjective does (`5 U.S. soldiers`,
            // `12 U.N. staff`, `500 U.S.-built cars`, `U.S. manufacturing plants`); they are no
            // noun themselves (`300 U.S. in all`)
            if let Some(mut e) = self.dotted_initials_end(k) {
                if self.is_p(e, "-") && self.glued(e) && self.glued(e + 1) && self.is_word(e + 1) {
                    e += 2;
                }
                if !(self.near(e) && self.is_word(e) && !self.flag(e, lex::STOP)) {
                    break;
                }
                initials = Some(k);
                k = e;
                continue;
            }
            if (self.flag(k, lex::STOP)
                && !((words == 0 || after_adverb) && self.adjective_before_noun(k)))
                || self
                    .lex(k)
                    .is_some_and(|l| !matches!(l, Lex::Measure(_) | Lex::Currency(_)))
            {
                break;
            }
            let w = self.s(k);
            if words > 0 && !after_adverb && initials.is_none() && modifier_ending(w) {
                break;
            }
            // an adverb right after the figure qualifies the verb (`rose 5 sharply`, `won 3
            // easily`) or the adjective of the noun (`300 heavily armed fighters`, `40 badly
            // injured people`); after `one` it may be the noun (`one family`)
            let adverb = words == 0
                && !one
                && w.len() > 4
                && w.ends_with("ly")
                && w.as_bytes()[0].is_ascii_lowercase();
            // (`fully-operational`, `specially-designated`: an adverb's compound)
            if adverb
                && !(self.near(k + 1)
                    && ((self.is_word(k + 1)
                        && (!self.flag(k + 1, lex::STOP) || self.adjective_before_noun(k + 1)))
                        || (self.is_p(k + 1, "-") && self.glued(k + 1) && self.glued(k + 2))))
            {
                break;
            }
            after_adverb = adverb;
            led_by_adverb |= adverb;
            // one counts a singular noun: `one man dies`, the `-s` word after it is the verb
            if words > 0 && one && w.ends_with('s') && plural_noun(w.as_bytes()) {
                break;
            }
            if words == 0 && self.past_tense_verb(k) && !self.adjective_before_noun(k) {
                break;
            }
            words += 1;
            initials = None;
            k += 1;
            // free-to-air, 18-year-old
            while self.is_p(k, "-") && self.glued(k) && self.glued(k + 1) && self.is_word(k + 1) {
                k += 2;
            }
            end = k;
            // coordination: women, children and (the) elderly
            let mut c = k;
            let mut ok = false;
            while self.is_p(c, ",")
                && self.is_word(c + 1)
                && !self.flag(c + 1, lex::STOP)
                && c < k + 12
            {
                c += 2;
                ok = true;
            }
            if self.is_any(c, &["and", "or"]) && self.near(c + 1) {
                let mut d = c + 1;
                if self.is(d, "the") {
                    d += 1;
                }
                // the last item ends the phrase: "and the elderly were", not "and the full
                // destruction"
                let ends = !self.is_word(d + 1) || !self.near(d + 1) || self.flag(d + 1, lex::STOP);
                if self.is_word(d)
                    && !self.flag(d, lex::STOP)
                    && self.lex(d).is_none()
                    && (ok || words == 1)
                    && ends
                {
                    k = d + 1;
                    end = k;
                    break;
                }
            }
            // a plural noun ends the phrase unless another one follows (`police officers`,
            // `arms dealers`): the word after it is the verb (`troops withdrew`, `people hurt`,
            // `jobs cut`, `children attend`) or an adverb (`passengers aboard`); a capitalized
            // word is a name's (`News Corp shares`, `Champions League`)
            let last = self.b(k - 1);
            // (after `one` a collective noun qualifies the singular after it: `one police
            // officer`, `one staff member`)
            let singular_after = || {
                let nb = self.b(k);
                one && self.near(k)
                    && self.is_word(k)
                    && nb.first().is_some_and(u8::is_ascii_lowercase)
                    && nb.last() != Some(&b's')
                    && !self.flag(k, lex::STOP)
                    && self.lex(k).is_none()
            };
            if last.first().is_some_and(u8::is_ascii_lowercase)
                && plural_noun(last)
                && !(self.near(k) && self.is_word(k) && plural_noun(self.b(k)))
                && !singular_after()
            {
                break;
            }
        }
        // an adverb and its participle with no noun (`1.5 billion originally planned`) is the
        // verb phrase
        let last = self.s(end.saturating_sub(1));
        if led_by_adverb && modifier_ending(last) {
            return;
        }
        if end > start && words > 0 {
            a.object = Some((self.t[start].start as usize, self.t[end - 1].end as usize));
        }
    }

    // ---- combination: ranges, modifiers --------------------------------------------------

    fn combine(&self, mut atoms: Vec<Atom>) -> Vec<Atom> {
        for idx in 0..atoms.len() {
            let floor = if idx == 0 { 0 } else { atoms[idx - 1].t1 };
            self.date_modify(&mut atoms[idx], floor);
        }
        let atoms = self.merge_compound_figures(atoms);
        let mut atoms = self.merge_durations(atoms);
        for idx in 0..atoms.len() {
            let floor = if idx == 0 { 0 } else { atoms[idx - 1].t1 };
            self.duration_as_date(&mut atoms[idx], floor);
        }
        // pairs joined in place: atoms[..w] are the result so far, atoms[r..] the rest
        let mut w = 0;
        let mut r = 0;
        let mut scores = false;
        while r < atoms.len() {
            if let (Some(a), Some(b)) = (atoms.get(r), atoms.get(r + 1)) {
                let floor = if w == 0 { 0 } else { atoms[w - 1].t1 };
                if let Some(mut x) = self.over_fraction(a, b).or_else(|| self.range(a, b, floor)) {
                    scores |= x.kind == NumberKind::Identifier;
                    // `three, four or five days`: the rising list before an `or` range
                    if self.is(a.t1, "or") && x.modifier == Some("range") {
                        while w > 0 && self.list_item_before(&atoms[w - 1], &x) {
                            x.t0 = atoms[w - 1].t0;
                            x.lower = atoms[w - 1].value;
                            w -= 1;
                        }
                    }
                    atoms[w] = x;
                    w += 1;
                    r += 2;
                    continue;
                }
            }
            if w != r {
                atoms.swap(w, r);
            }
            w += 1;
            r += 1;
        }
        atoms.truncate(w);
        if scores {
            self.rising_scores(&mut atoms);
        }
        self.join_dates(&mut atoms);
        let mut out = self.merge_datetime(atoms);
        for idx in 0..out.len() {
            let floor = if idx == 0 { 0 } else { out[idx - 1].t1 };
            let next = out.get(idx + 1).map_or(self.n(), |x| x.t0);
            let a = &mut out[idx];
            if a.is_quantity() && a.modifier.is_none() && !a.drop {
                self.modify(a, floor, next);
            }
        }
        let mut out = self.merge_bounds(out);
        for idx in 0..out.len() {
            let floor = if idx == 0 { 0 } else { out[idx - 1].t1 };
            let a = &mut out[idx];
            if a.kind == NumberKind::Cardinal {
                self.rank_after_number(a, floor);
                self.unit_or_count(a, floor);
            }
            if a.kind == NumberKind::Cardinal && a.object.is_none() {
                self.object_before(a, floor);
            }
        }
        out
    }

    /// `reached number one`, `fell to number three`, `alloy No. Five`: a whole number after
    /// `number` or `No.` is a place in a ranking or a grade, not a count (an ordinal, counting
    /// nothing; a capitalized `Number 10` or `No 10` is a name: see [`P::named_identifier`]).
    fn rank_after_number(&self, a: &mut Atom, floor: usize) {
        if a.t0 <= floor || a.unit.is_some() || a.modifier.is_some() || a.scale != 1.0 {
            return;
        }
        let Some(v) = a.value.filter(|v| v.fract() == 0.0 && *v >= 1.0) else {
            return;
        };
        let k = a.t0 - 1;
        let rank = self.is(k, "number")
            || (self.is_p(k, ".")
                && self.glued(k)
                && k > floor
                && self.is_any(k - 1, &["no", "nos"]));
        if rank && self.near(a.t0) {
            a.kind = NumberKind::Ordinal;
            a.value = Some(v);
            a.lower = None;
            a.upper = None;
            a.object = None;
        }
    }

    /// `the end of 2008`, `the beginning of March`: part of a period (modifier early/mid/late);
    /// `the last 3 months`, `the next two years`: a period counted from publication.
    fn date_modify(&self, a: &mut Atom, floor: usize) {
        // early 2020, mid-2019, late 2017, the early 1990s: a year or a decade read as a
        // number, so the rules for months and relative dates did not see the word before it
        let year_or_decade = a.iso.as_deref().is_some_and(|s| {
            let b = s.as_bytes();
            (a.kind == NumberKind::Date && b.len() == 4 && b.iter().all(u8::is_ascii_digit))
                || (a.kind == NumberKind::DateRange
                    && b.len() == 9
                    && b[4] == b'/'
                    && b[3] == b'0'
                    && b[8] == b'9')
        });
        if year_or_decade && a.modifier.is_none() && a.t0 > floor && self.near(a.t0) {
            let glued_mid = a.t0 >= floor + 2
                && self.is_p(a.t0 - 1, "-")
                && self.glued(a.t0)
                && self.glued(a.t0 - 1);
            let k = if glued_mid { a.t0 - 2 } else { a.t0 - 1 };
            if k >= floor && (glued_mid || !self.is_p(k, "-")) {
                // (compared in place: a lowercase copy was an allocation per year)
                let m = ["early", "mid", "late"].into_iter().find(|w| self.is(k, w));
                if let Some(m) = m {
                    a.modifier = Some(m);
                    a.t0 = k;
                }
            }
        }
        // `at end-1986`, `by end-March`: the wire's hyphenated end of a year or a month
        if a.kind == NumberKind::Date
            && a.modifier.is_none()
            && a.date.is_some_and(|d| d.d.is_none())
            && a.t0 >= floor + 2
            && self.is_p(a.t0 - 1, "-")
            && self.glued(a.t0)
            && self.glued(a.t0 - 1)
            && self.is(a.t0 - 2, "end")
        {
            a.modifier = Some("late");
            a.t0 -= 2;
        }
        if a.kind == NumberKind::Date
            && a.modifier.is_none()
            && a.t0 >= floor + 2
            && self.is(a.t0 - 1, "of")
        {
            let k = a.t0 - 2;
            let m = if self.is_any(k, &["end", "close"]) {
                Some("late")
            } else if self.is_any(k, &["start", "beginning", "dawn"]) {
                Some("early")
            } else if self.is_any(k, &["middle"]) {
                Some("mid")
            } else {
                None
            };
            if let Some(m) = m {
                a.modifier = Some(m);
                a.t0 = if k > floor && self.is(k - 1, "the") {
                    k - 1
                } else {
                    k
                };
            }
        }
        if a.kind == NumberKind::Duration
            && a.t0 > floor
            && self.is_any(
                a.t0 - 1,
                &["last", "past", "next", "previous", "coming", "following"],
            )
            && let (Some(v), Some(unit)) = (a.value, a.unit)
            && v.fract() == 0.0
            && (1.0..=1000.0).contains(&v)
            && matches!(unit, "day" | "week" | "month" | "quarter" | "year" | "decade")
            // the last two years of the war: part of another period
            && !(self.is(a.t1, "of") && self.near(a.t1))
            // `would last 90 days`: the verb
            && !(a.t0 > floor + 1 && self.is(a.t0 - 1, "last") && self.verb_last(a.t0 - 2))
        {
            let fwd = self.is_any(a.t0 - 1, &["next", "coming", "following"]);
            let n = v as i64;
            a.iso = self.published.and_then(|p| {
                // whole calendar decades, as `the next decade` is 2020/2029 (in 2018)
                if unit == "decade" {
                    let d0 = i64::from(p.y) - i64::from(p.y).rem_euclid(10);
                    let (y0, y1) = if fwd {
                        (d0 + 10, d0 + 10 * n + 9)
                    } else {
                        (d0 - 10 * n, d0 - 1)
                    };
                    return Some(format!("{y0:04}/{y1:04}"));
                }
                // whole calendar quarters, before or after the current one
                if unit == "quarter" {
                    return periods::quarter_span(p, if fwd { 1 } else { -n }, n);
                }
                let to = deictic::shift(p, unit, if fwd { n } else { -n })?;
                Some(if fwd {
                    format!("{}/{}", p.add_days(1).iso(), to.iso())
                } else {
                    format!("{}/{}", to.iso(), p.iso())
                })
            });
            a.kind = NumberKind::DateRange;
            a.value = None;
            a.unit = None;
            a.t0 -= 1;
            if a.t0 > floor && self.is(a.t0 - 1, "the") {
                a.t0 -= 1;
            }
        }
    }

    /// Two figures that state one value: `6ft 2in`, `5 feet and 2 inches` (one length in feet,
    /// `6ft 2in` is 6.1667 ft, the way heights are written); `one in five adults` (a ratio,
    /// 0.2); `a quarter of a million` (one number, 250000).
    fn merge_compound_figures(&self, atoms: Vec<Atom>) -> Vec<Atom> {
        join_into_previous(atoms, |a, b| {
            // every join below needs `b` right after `a` or one or two words later (most
            // figures are further apart)
            if b.t0.wrapping_sub(a.t1) > 2 {
                return false;
            }
            if a.kind == NumberKind::Measure
                && b.kind == NumberKind::Measure
                && a.unit == Some("ft")
                && b.unit == Some("in")
                && a.modifier.is_none()
                && b.modifier.is_none()
                && !a.drop
                && !b.drop
                && self.near(b.t0)
                && (b.t0 == a.t1 || (b.t0 == a.t1 + 1 && self.is(a.t1, "and")))
                && let (Some(f), Some(i)) = (a.value, b.value)
                && f.fract() == 0.0
                && f >= 0.0
                && (0.0..12.0).contains(&i)
            {
                let v = tidy(f + i / 12.0);
                a.absorb(b, v);
                return true;
            }
            // the day after Easter, the day before Christmas Eve, the day after June 4: a day
            // counted from a dated day (from an event, `the day after the election`, it has no
            // value)
            if a.kind == NumberKind::Date
                && b.kind == NumberKind::Date
                && a.iso.is_none()
                && a.t1 == a.t0 + 2
                && b.t0 == a.t1 + 1
                && b.modifier.is_none()
                && self.is(a.t0, "the")
                && self.is(a.t0 + 1, "day")
                && self.is_any(a.t1, &["after", "before"])
                && self.near(b.t0)
                && let Some(d) = b.iso.as_deref().and_then(cal::parse_iso)
            {
                let dir = if self.is(a.t1, "after") { 1 } else { -1 };
                a.set_day(d.add_days(dir));
                a.t1 = b.t1;
                return true;
            }
            // 5 ft 11 in, 6 feet 2 in: a spaced `in` after the inches is their unit (the
            // preposition is no unit of its own)
            if a.kind == NumberKind::Measure
                && b.kind == NumberKind::Cardinal
                && a.unit == Some("ft")
                && a.modifier.is_none()
                && b.modifier.is_none()
                && b.object.is_none()
                && !a.drop
                && !b.drop
                && b.t0 == a.t1
                && self.near(b.t0)
                && self.near(b.t1)
                && self.s(b.t1) == "in"
                && !(self.near(b.t1 + 1)
                    && self.is_any(
                        b.t1 + 1,
                        &[
                            "the", "a", "an", "his", "her", "their", "its", "this", "that",
                        ],
                    ))
                && let (Some(f), Some(i)) = (a.value, b.value)
                && f.fract() == 0.0
                && f >= 1.0
                && i.fract() == 0.0
                && (0.0..12.0).contains(&i)
            {
                let v = tidy(f + i / 12.0);
                a.absorb(b, v);
                a.t1 += 1;
                return true;
            }
            // one in five adults, 4 in 10, two out of three voters: a ratio (0.2)
            let gap = b.t0.wrapping_sub(a.t1);
            if a.kind == NumberKind::Cardinal
                && b.kind == NumberKind::Cardinal
                && a.modifier.is_none()
                && b.modifier.is_none()
                && a.unit.is_none()
                && a.object.is_none()
                && !a.vague
                && !b.vague
                && self.near(b.t0)
                && ((gap == 1 && self.is(a.t1, "in"))
                    || (gap == 2 && self.is(a.t1, "out") && self.is(a.t1 + 1, "of")))
                && let (Some(x), Some(y)) = (a.value, b.value)
                && x.fract() == 0.0
                && y.fract() == 0.0
                && x >= 1.0
                && y > x
            {
                let v = tidy(x / y);
                a.kind = NumberKind::Fraction;
                a.absorb(b, v);
                if x == 1.0 {
                    self.ratio_object(a);
                }
                return true;
            }
            // 30 dollars and 50 cents, five pounds and 20 pence, $3 and 50 cents: one sum
            // (also without `and` after a currency word: 5 dollars 20 cents, two pounds 30 pence;
            // not a wire result and its figure per share, `918,000 dlrs 38 cts`)
            if b.kind == NumberKind::Money
                && matches!(b.unit, Some("cent" | "GBP_pence"))
                && ((b.t0 == a.t1 + 1 && self.is(a.t1, "and"))
                    || (b.t0 == a.t1
                        && a.value.is_some_and(|x| x < 1000.0)
                        && self.is_word(a.t1 - 1)
                        && !self.is_any(a.t1 - 1, &["dlrs", "dlr"])
                        && matches!(self.lex(a.t1 - 1), Some(Lex::Currency(_)))))
                && a.modifier.is_none()
                && b.modifier.is_none()
                && !a.drop
                && !b.drop
                && !a.vague
                && a.scale == 1.0
                && self.near(b.t0)
                && let (Some(x), Some(c)) = (a.value, b.value)
                && x >= 0.0
                && c.fract() == 0.0
                && (1.0..100.0).contains(&c)
            {
                let pence = b.unit == Some("GBP_pence");
                // pounds of weight after a figure in words are pounds sterling before pence
                let unit = match (a.kind, a.unit) {
                    (NumberKind::Money, Some(u))
                        if (u == "GBP") == pence && !matches!(u, "cent" | "GBP_pence") =>
                    {
                        Some(u)
                    }
                    (NumberKind::Measure, Some("lb"))
                        if pence && self.is_any(a.t1 - 1, &["pound", "pounds"]) =>
                    {
                        Some("GBP")
                    }
                    _ => None,
                };
                if let Some(u) = unit {
                    a.kind = NumberKind::Money;
                    a.unit = Some(u);
                    a.absorb(b, tidy(x + c / 100.0));
                    return true;
                }
            }
            // two pounds fifty, three dollars fifty: a sum and its minor part, the minor unit
            // unsaid (a count after it is no part: `20 dollars 50 times`)
            if b.t0 == a.t1
                && b.kind == NumberKind::Cardinal
                && b.object.is_none()
                && b.modifier.is_none()
                && b.unit.is_none()
                && !b.vague
                && !b.drop
                && a.modifier.is_none()
                && !a.vague
                && !a.drop
                && a.scale == 1.0
                && self.near(b.t0)
                && self.is_word(a.t1 - 1)
                && (a.kind == NumberKind::Money
                    && a.unit.is_some_and(|u| !matches!(u, "cent" | "GBP_pence"))
                    || a.kind == NumberKind::Measure
                        && a.unit == Some("lb")
                        && self.is_any(a.t1 - 1, &["pound", "pounds"]))
                && (self.is_word(b.t0) || self.b(b.t0).len() == 2)
                && (!self.is_word(b.t1) || !self.near(b.t1) || self.flag(b.t1, lex::STOP))
                && let (Some(x), Some(c)) = (a.value, b.value)
                && x >= 0.0
                && x.fract() == 0.0
                && c.fract() == 0.0
                && (1.0..100.0).contains(&c)
            {
                if a.kind == NumberKind::Measure {
                    a.kind = NumberKind::Money;
                    a.unit = Some("GBP");
                }
                a.absorb(b, tidy(x + c / 100.0));
                return true;
            }
            // Two million, three hundred thousand: one number written with a comma after its
            // scale, when the part after it is smaller than the scale (not `In 2017, two
            // hundred`, `three, four or five`, `a million, a million more`)
            if b.t0 == a.t1 + 1
                && a.kind == NumberKind::Cardinal
                && b.kind == NumberKind::Cardinal
                && self.is_p(a.t1, ",")
                && self.near(b.t0)
                && a.modifier.is_none()
                && b.modifier.is_none()
                && a.object.is_none()
                && !a.vague
                && !b.vague
                && self.is_word(b.t0)
                && let Some(Lex::Scale(sc)) = self.lex(a.t1 - 1)
                && sc >= 1e3
                && self.is_word(a.t1 - 1)
                && self.is_word(a.t0)
                && let (Some(x), Some(y)) = (a.value, b.value)
                && x % sc == 0.0
                && y >= 1.0
                && y < sc
                && y.fract() == 0.0
            {
                a.absorb(b, x + y);
                return true;
            }
            // a quarter of a million, two-thirds of a billion: the fraction of the scale
            if a.kind == NumberKind::Fraction
                && matches!(b.kind, NumberKind::Cardinal | NumberKind::Money)
                && a.modifier.is_none()
                && b.modifier.is_none()
                && !b.vague
                && b.t0 == a.t1 + 1
                && self.is(a.t1, "of")
                && self.near(b.t0)
                && self.is_any(b.t0, &["a", "one"])
                && self.is_any(b.t0 + 1, &["thousand", "million", "billion", "trillion"])
                && let (Some(f), Some(m)) = (a.value, b.value)
                && f > 0.0
                && f < 1.0
                && matches!(m, 1e3 | 1e6 | 1e9 | 1e12)
            {
                let v = tidy(f * m);
                a.kind = b.kind;
                a.unit = b.unit;
                a.absorb(b, v);
                a.scale = m;
                return true;
            }
            false
        })
    }

    /// `2 hours and 30 minutes`, `three years six months`: one duration (ISO `PT2H30M`).
    fn merge_durations(&self, atoms: Vec<Atom>) -> Vec<Atom> {
        const ORDER: [&str; 8] = [
            "century", "decade", "year", "month", "week", "day", "hour", "minute",
        ];
        let rank = |a: &Atom| -> Option<usize> {
            if a.kind != NumberKind::Duration || a.iso.is_none() {
                return None;
            }
            let u = a.unit?;
            ORDER
                .iter()
                .position(|o| *o == u)
                .or((u == "second").then_some(8))
        };
        let mut atoms = join_into_previous(atoms, |a, b| {
            // both joins need `b` right after `a` or one word later
            if b.t0.wrapping_sub(a.t1) > 1 {
                return false;
            }
            // the first few months, his first 100 days: the length of the start of something
            // the text does not date (`the first three months of 2018` is a range already)
            if b.t0 == a.t1
                && a.kind == NumberKind::Ordinal
                && a.t1 == a.t0 + 1
                && b.kind == NumberKind::Duration
                && b.value.is_some()
                && b.modifier.is_none()
                && self.near(b.t0)
                && self.is(a.t0, "first")
            {
                let t0 = a.t0;
                *a = b.clone();
                a.t0 = t0;
                return true;
            }
            // one hour and a half, two years and half: PT1.5H
            if rank(a).is_some()
                && b.kind == NumberKind::Fraction
                && b.value == Some(0.5)
                && b.t0 == a.t1 + 1
                && self.is(a.t1, "and")
                && self.near(b.t0)
                && self.is(b.t1 - 1, "half")
                && let (Some(v), Some(iso)) = (a.value, a.iso.as_deref())
                && let Some(des) = iso.chars().last()
            {
                let head = if iso.starts_with("PT") { "PT" } else { "P" };
                let v = v + 0.5;
                a.iso = Some(format!("{head}{v}{des}"));
                a.value = Some(v);
                a.lower = Some(v);
                a.upper = Some(v);
                a.t1 = b.t1;
                return true;
            }
            // two years and three months ago, 2 weeks and 2 days ago: one date, both counts
            // back from publication (`2 days ago` alone is a date already)
            if rank(a).is_some()
                && b.kind == NumberKind::Date
                && b.t1 >= b.t0 + 3
                && self.is(b.t1 - 1, "ago")
                && (b.t0 == a.t1 || (b.t0 == a.t1 + 1 && self.is_any(a.t1, &["and", ","])))
                && self.near(b.t0)
                && let Some(Lex::TimeUnit(_, ub)) = self.time_unit(b.t1 - 2)
                && let (Some(ua), Some(va)) = (a.unit, a.value)
                && matches!((ua, ub), ("year", "month") | ("week", "day"))
                && let Some(cb) = self.core(b.t0)
                && cb.t1 == b.t1 - 2
                && va.fract() == 0.0
                && cb.v.fract() == 0.0
                && (0.0..=1000.0).contains(&va)
                && (0.0..=1000.0).contains(&cb.v)
            {
                let (va, vb) = (va as i64, cb.v as i64);
                a.iso = self.published.and_then(|p| {
                    if ua == "year" {
                        ago(p, (12 * va + vb) as f64, "month")
                    } else {
                        ago(p, (7 * va + vb) as f64, "day")
                    }
                });
                a.kind = NumberKind::Date;
                a.t1 = b.t1;
                a.value = None;
                a.lower = None;
                a.upper = None;
                a.unit = None;
                a.object = None;
                return true;
            }
            if let (Some(ra), Some(rb)) = (rank(a), rank(b))
                && rb > ra
                && b.t0 >= a.t1
                && self.near(b.t0)
                && (b.t0 == a.t1 || (b.t0 == a.t1 + 1 && self.is_any(a.t1, &["and", ","])))
                && let (Some(ia), Some(ib)) = (a.iso.clone(), b.iso.as_deref())
            {
                // join ISO durations: P2Y + P6M = P2Y6M, PT2H + PT30M = PT2H30M, P1D + PT2H
                let body_b = ib.trim_start_matches('P');
                let joined = if ia.contains('T') {
                    format!("{ia}{}", body_b.trim_start_matches('T'))
                } else {
                    format!("{ia}{body_b}")
                };
                a.iso = Some(joined);
                a.t1 = b.t1;
                a.unit = b.unit;
                a.value = None;
                a.lower = None;
                a.upper = None;
                return true;
            }
            false
        });
        for a in &mut atoms {
            if a.kind == NumberKind::Duration && a.value.is_none() {
                a.unit = None;
            }
        }
        atoms
    }

    /// `more than 10 and less than 20`, `at most 100 and at least 20`: one interval.
    fn merge_bounds(&self, atoms: Vec<Atom>) -> Vec<Atom> {
        let lower_only = |a: &Atom| a.modifier.is_some() && a.lower.is_some() && a.upper.is_none();
        let upper_only = |a: &Atom| a.modifier.is_some() && a.upper.is_some() && a.lower.is_none();
        join_into_previous(atoms, |a, b| {
            // `b` one word after `a` first: most figures are further apart
            if b.t0 == a.t1 + 1
                && a.is_quantity()
                && a.kind == b.kind
                && a.unit == b.unit
                && self.is_any(a.t1, &["and", "but"])
                && ((lower_only(a) && upper_only(b)) || (upper_only(a) && lower_only(b)))
            {
                let lo = a.lower.or(b.lower);
                let hi = a.upper.or(b.upper);
                if let (Some(l), Some(h)) = (lo, hi)
                    && l < h
                {
                    a.lower = lo;
                    a.upper = hi;
                    a.value = None;
                    a.t1 = b.t1;
                    a.modifier = Some("between");
                    a.object = b.object.or(a.object);
                    return true;
                }
            }
            false
        })
    }

    /// A day and a clock time next to each other make one point in time: `Monday at 10:00`,
    /// `tomorrow 8:00am`, `8.30pm today`, `friday the 26th at 4`, `tonight around 7` (kind
    /// time, ISO `2016-11-08T08:00`); a clock range on a day gives `dTa/dTb`. The part of the
    /// day (`tonight`, `tomorrow evening`) moves a clock time without am/pm to the afternoon.
    fn merge_datetime(&self, mut atoms: Vec<Atom>) -> Vec<Atom> {
        // joined in place: atoms[..w] are the result so far, `a` = atoms[ri], `b` the next
        let mut w = 0;
        let mut ri = 0;
        while ri < atoms.len() {
            let a = &atoms[ri];
            let joined = 'pair: {
                let Some(b) = atoms.get(ri + 1) else {
                    break 'pair None;
                };
                if !(b.t0 >= a.t1 && self.near(b.t0)) {
                    break 'pair None;
                }
                let gap = b.t0 - a.t1;
                // two days after today, a week before Christmas: a day counted from a day
                if a.kind == NumberKind::Duration
                    && gap == 1
                    && self.is_any(a.t1, &["after", "before", "from"])
                    && a.modifier.is_none()
                    && let (Some(v), Some(unit)) = (a.value, a.unit)
                    && v.fract() == 0.0
                    && (1.0..=1000.0).contains(&v)
                    && let Some(d) = day_iso(b).and_then(cal::parse_iso)
                {
                    let sign = if self.is(a.t1, "before") { -1 } else { 1 };
                    let n = sign * v as i64;
                    let shifted = match unit {
                        "day" | "week" | "month" | "year" => deictic::shift(d, unit, n),
                        _ => None,
                    };
                    if let Some(x) = shifted {
                        let mut r = Atom::new(a.t0, b.t1, NumberKind::Date);
                        r.iso = Some(x.iso());
                        break 'pair Some(r);
                    }
                }
                // date first: Monday at 10:00, tomorrow 8am, Oct 16, 2017, 10:00, friday at 4
                // (`from` and a bare figure is the start of a change, not an hour, unless a
                // range closes it: `to nine from May 31 from eight`, but `Monday from 9 to 5`)
                if let Some(d) = day_iso(a)
                    && (gap == 0
                        || (gap == 1 && self.is_any(a.t1, &["at", "around", "about"]))
                        || (gap == 1
                            && self.is(a.t1, "from")
                            && (b.kind == NumberKind::Time
                                || b.modifier.is_some()
                                || self.is_any(b.t1, &["to", "until", "till"])))
                        || (gap == 1 && self.is_p(a.t1, ",") && b.kind == NumberKind::Time))
                    && let Some(t) =
                        self.clock_of(b, gap == 1 && !self.is_p(a.t1, ","), self.day_part(a))
                {
                    let mut r = Atom::new(a.t0, b.t1, NumberKind::Time);
                    r.iso = Some(join_day_clock(d, &t));
                    r.modifier = b.modifier.filter(|_| t.contains('/'));
                    break 'pair Some(r);
                }
                // time first: 8.30pm today, 10:00 on Monday, five-thirty tomorrow evening
                if let Some(d) = day_iso(b)
                    && (gap == 0 || (gap == 1 && self.is(a.t1, "on")))
                    && self.t[b.t0].start as usize > self.t[a.t1 - 1].end as usize
                    && let Some(t) = self.clock_of(
                        a,
                        a.t0 > 0
                            && self.is_any(
                                a.t0 - 1,
                                &[
                                    "at", "around", "about", "by", "until", "till", "after",
                                    "before", "since",
                                ],
                            ),
                        self.day_part(b),
                    )
                    && (a.kind == NumberKind::Time
                        || gap == 1
                        || self.day_part(b).is_some()
                        || (a.modifier.is_some() && matches!(self.lex(b.t0), Some(Lex::DayRel(_)))))
                {
                    let mut r = Atom::new(a.t0, b.t1, NumberKind::Time);
                    r.iso = Some(join_day_clock(d, &t));
                    r.modifier = a.modifier.filter(|_| t.contains('/'));
                    break 'pair Some(r);
                }
                None
            };
            if let Some(x) = joined {
                atoms[w] = x;
                w += 1;
                ri += 2;
                continue;
            }
            if w != ri {
                atoms.swap(w, ri);
            }
            w += 1;
            ri += 1;
        }
        atoms.truncate(w);
        atoms
    }

    /// `tonight`, `tomorrow evening`, `Sunday early morning`: whether the day names its
    /// afternoon or evening half (Some(true)), its morning (Some(false)), or no part.
    /// 1 morning, 2 afternoon, 3 evening or night.
    fn day_part(&self, a: &Atom) -> Option<u8> {
        if self.is_any(a.t0, &["tonight", "tonite"]) {
            return Some(3);
        }
        let last = a.t1.checked_sub(1)?;
        if self.is_any(last, &["evening", "night", "evenings", "nights"]) {
            Some(3)
        } else if self.is_any(last, &["afternoon", "afternoons"]) {
            Some(2)
        } else if self.is_any(last, &["morning", "mornings"]) {
            Some(1)
        } else {
            None
        }
    }

    /// The clock time that atom `b` names next to a day: a time, a bare hour after "at"
    /// (`friday at 4`), or a range of hours (`between 3 and 5 on 1/1/2015`). `late` moves
    /// an hour without am/pm to the afternoon.
    fn clock_of(&self, b: &Atom, after_at: bool, part: Option<u8>) -> Option<String> {
        let has_ampm = (b.t0..b.t1).any(|k| self.is_any(k, &["am", "pm", "a", "p"]));
        let shift = |h: u32| -> u32 {
            let late = match part {
                Some(2) => (1..=11).contains(&h),
                Some(3) => (5..=11).contains(&h),
                _ => false,
            };
            if late && !has_ampm { h + 12 } else { h }
        };
        let hm = |iso: &str| -> Option<String> {
            let h: u32 = iso.get(0..2)?.parse().ok()?;
            let rest = iso.get(2..)?;
            Some(format!("{:02}{rest}", shift(h)))
        };
        match b.kind {
            NumberKind::Time => {
                let iso = b.iso.as_deref()?;
                if iso.contains('T') {
                    return None;
                }
                match iso.split_once('/') {
                    Some((x, y)) => Some(format!("{}/{}", hm(x)?, hm(y)?)),
                    None => hm(iso),
                }
            }
            NumberKind::Cardinal if b.unit.is_none() && b.object.is_none() && !b.vague => {
                let hour = |v: f64| -> Option<u32> {
                    (v.fract() == 0.0 && (1.0..=12.0).contains(&v)).then_some(v as u32)
                };
                if matches!(b.modifier, Some("between" | "range")) {
                    let (lo, hi) = (hour(b.lower?)?, hour(b.upper?)?);
                    return Some(format!("{:02}:00/{:02}:00", shift(lo), shift(hi)));
                }
                if after_at && b.modifier.is_none() && b.t1 == b.t0 + 1 {
                    return Some(format!("{:02}:00", shift(hour(b.value?)?)));
                }
                None
            }
            _ => None,
        }
    }

    /// `between A and B`, `A-B`, `A to B`, `June-October 2017`.
    fn range(&self, a: &Atom, b: &Atom, floor: usize) -> Option<Atom> {
        if a.drop || b.drop || b.t0 < a.t1 || !self.near(b.t0) {
            return None;
        }
        let gap = b.t0 - a.t1;
        // a vote counted in votes: `by 60 votes to 40`
        if gap == 2 && self.votes_to(a, b) {
            return Some(Atom::new(a.t0, b.t1, NumberKind::Identifier));
        }
        // the terms of a split or an issue, `three-for-two`, `2-for-1`
        if ((gap == 3 && self.is(a.t1 + 1, "for")) || (gap == 1 && self.is(a.t1, "for")))
            && self.for_ratio(a, b, gap)
        {
            return Some(Atom::new(a.t0, b.t1, NumberKind::Identifier));
        }
        // every form joins two figures over one token (`and`, `to`, a dash): most pairs of
        // figures in a text lie further apart
        if gap != 1 {
            return None;
        }
        let between =
            a.t0 > floor && self.is(a.t0 - 1, "between") && gap == 1 && self.is(a.t1, "and");
        let from = a.t0 > floor
            && self.is(a.t0 - 1, "from")
            && gap == 1
            && self.is_any(a.t1, &["to", "until", "till", "through"]);
        let dash = gap == 1
            && matches!(self.s(a.t1), "-" | "–" | "—" | "~")
            && (self.glued(a.t1) == self.glued(a.t1 + 1) || self.s(a.t1) != "-");
        let to = gap == 1
            && self.is_any(a.t1, &["to", "through", "until", "till"])
            && !(a.t0 > 0 && self.is(a.t0 - 1, "from"));
        let through = gap == 1 && self.is_any(a.t1, &["through", "until", "till"]);
        // `two or three search engines`, `10 or 12 years`: an uncertain count is a range
        // when it rises, by at most ten times, from a bare figure (not dates or clock times:
        // `in 2019 or 2020`)
        let or = gap == 1 && self.is(a.t1, "or");
        if !(between || from || dash || to || or) {
            return None;
        }
        let t0 = if between || from { a.t0 - 1 } else { a.t0 };
        let is_date = |x: &Atom| matches!(x.kind, NumberKind::Date | NumberKind::DateRange);
        if b.kind == NumberKind::Time
            && let Some(r) = self.hhmm_range(a, b, t0, between)
        {
            return Some(r);
        }
        if or {
            return self.or_range(a, b);
        }
        if is_date(a) || is_date(b) {
            return self.date_range(a, b, t0, between || from || dash || through);
        }
        // 5-6pm, 3 to 8 p.m.: a bare hour before a clock time shares its half of the day
        if b.kind == NumberKind::Time
            && a.kind == NumberKind::Cardinal
            && a.t1 == a.t0 + 1
            && let (Some(v), Some(biso)) = (a.value, b.iso.as_deref())
            && v.fract() == 0.0
            && (1.0..=12.0).contains(&v)
            && biso.len() == 5
            && let Ok(bh) = biso[..2].parse::<u32>()
        {
            let h = v as u32;
            let h = if bh >= 12 && h + 12 <= bh { h + 12 } else { h };
            let mut r = Atom::new(t0, b.t1, NumberKind::Time);
            r.iso = Some(format!("{h:02}:00/{biso}"));
            r.modifier = Some(if between { "between" } else { "range" });
            return Some(r);
        }
        if a.kind == NumberKind::Time && b.kind == NumberKind::Time {
            let (ai, bi) = (a.iso.as_deref()?, b.iso.as_deref()?);
            let meridiem = |x: &Atom| (x.t0..x.t1).any(|k| self.is_any(k, &["am", "pm", "a", "p"]));
            // 7:30 to 10pm: a clock time without am/pm (and no leading zero, which would be
            // a 24-hour clock) shares the afternoon of the end when that keeps the order
            let ai = match (ai.get(..2).map(str::parse::<u32>), bi.get(..2)) {
                (Some(Ok(ah)), Some(bh))
                    if ai.len() == 5
                        && bi.len() == 5
                        && (1..=11).contains(&ah)
                        && !self.s(a.t0).starts_with('0')
                        && !meridiem(a)
                        && meridiem(b)
                        && bh.parse::<u32>().is_ok_and(|bh| {
                            // (by the minute: `2:30 to 2:15 pm` starts in the morning)
                            bh >= 12 && (ah + 12 < bh || (ah + 12 == bh && ai[2..] <= bi[2..]))
                        }) =>
                {
                    format!("{:02}{}", ah + 12, &ai[2..])
                }
                _ => ai.to_string(),
            };
            let mut r = Atom::new(t0, b.t1, NumberKind::Time);
            r.iso = Some(format!("{ai}/{bi}"));
            r.modifier = Some(if between { "between" } else { "range" });
            return Some(r);
        }
        // 5 to seven in the morning: two bare hours before a part of the day
        if a.kind == NumberKind::Cardinal
            && b.kind == NumberKind::Cardinal
            && a.object.is_none()
            && b.object.is_none()
            && let (Some(x), Some(y)) = (a.value, b.value)
            && [x, y]
                .iter()
                .all(|v| v.fract() == 0.0 && (1.0..=12.0).contains(v))
            && let Some((used, pm)) = self.day_part_after(b.t1)
        {
            let h = |v: f64| {
                if pm && v < 12.0 {
                    v as u32 + 12
                } else {
                    v as u32
                }
            };
            let mut r = Atom::new(t0, b.t1 + used, NumberKind::Time);
            r.iso = Some(format!("{:02}:00/{:02}:00", h(x), h(y)));
            r.modifier = Some(if between { "between" } else { "range" });
            return Some(r);
        }
        if from && self.change_before(a.t0 - 1, floor) {
            return None; // "rose from 5 to 10" is a change, not a range
        }
        if dash && ((self.is_word(a.t0) && a.unit != Some("years_of_age")) || self.is_word(b.t0)) {
            return None; // three-nought-four, one-two
        }
        if !(a.is_quantity() && b.is_quantity()) || a.vague || b.vague {
            return None;
        }
        let mut lo = a.value?;
        let hi = b.value?;
        // 5-10%, $3-5 million: one side may carry the unit for both
        let age = a.unit == Some("years_of_age")
            && b.kind == NumberKind::Cardinal
            && b.t1 == b.t0 + 1
            && b.value.is_some_and(|v| v <= 130.0);
        let compatible = a.kind == b.kind && a.unit == b.unit
            || (a.kind == NumberKind::Cardinal && a.unit.is_none())
            || (a.kind == NumberKind::Money && b.kind == NumberKind::Cardinal && !b.vague)
            || age;
        if !compatible {
            return None;
        }
        // 3-5 million: the first number shares the second's scale when that keeps order
        lo = shared_scale(a, b, lo, hi);
        if to && hi > 3.0 * lo && a.t0 > floor && self.change_then_level(a, b, floor, lo, hi) {
            return None;
        }
        // `British Telecom a penny to 253`: a change and the level it reaches
        if to
            && !from
            && !between
            && a.kind == NumberKind::Money
            && hi > 3.0 * lo
            && self.is_any(a.t0, &["a", "an"])
        {
            return None;
        }
        if lo >= hi {
            // a score or a vote (3-1, 0-0, 52-48, 272-219, voted 51 to 49) names a result, it
            // counts nothing; other falling pairs are a change, not a range
            let vote = to && a.t0 > floor && self.vote_to(a, b, floor);
            return (vote || self.score(a, b, dash))
                .then(|| Atom::new(a.t0, b.t1, NumberKind::Identifier));
        }
        let mut r = b.clone();
        r.t0 = t0;
        r.value = None;
        r.lower = Some(lo);
        r.upper = Some(hi);
        r.modifier = Some(if between { "between" } else { "range" });
        if (a.kind == NumberKind::Money || age) && b.kind == NumberKind::Cardinal {
            r.kind = a.kind; // $3-5 million, aged 15 to 17
            r.unit = a.unit;
            if age {
                r.object = None;
            }
        }
        // aged between 5 and 11, aged from 16 to 18
        if (between || from) && self.aged_before(a, b, floor, hi) {
            r.kind = NumberKind::Measure;
            r.unit = Some("years_of_age");
            r.object = None;
            r.t0 = a.t0 - 2;
        }
        Some(r)
    }

    /// `from 0900 to 1315 CST`, `between 0100 and 0415 GMT`, `2000 or 2100 EST`: four digits
    /// before the four digits of a zone's clock time ([`P::clock_zone_after`]) are a 24-hour
    /// clock time too, when they can be one (not `1986 or 2100 GMT`).
    #[inline(never)]
    fn hhmm_range(&self, a: &Atom, b: &Atom, t0: usize, between: bool) -> Option<Atom> {
        let hhmm = |k: usize| self.is_num(k) && self.s(k).len() == 4;
        if a.t1 != a.t0 + 1
            || !matches!(a.kind, NumberKind::Cardinal | NumberKind::Date)
            || !hhmm(a.t0)
            || !hhmm(b.t0)
        {
            return None;
        }
        let (h, mi) = Ymd::hhmm(self.s(a.t0))?;
        let mut r = Atom::new(t0, b.t1, NumberKind::Time);
        r.iso = Some(format!("{h:02}:{mi:02}/{}", b.iso.as_deref()?));
        r.modifier = Some(if between { "between" } else { "range" });
        Some(r)
    }

    /// `three, four or five days`, `10, 12 or 15 guests`: a figure `a` and a comma before the
    /// `or` range `r`, below its low end and bare (or of its kind and unit), is the range's
    /// first item; the range then starts there (rising, within ten times, as [`P::or_range`]).
    fn list_item_before(&self, a: &Atom, r: &Atom) -> bool {
        let bare = a.kind == NumberKind::Cardinal && a.object.is_none() && a.unit.is_none();
        a.t1 + 1 == r.t0
            && self.is_p(a.t1, ",")
            && (bare || (a.kind == r.kind && a.unit == r.unit))
            && a.modifier.is_none()
            && !a.vague
            && a.scale == 1.0
            && match (a.value, r.lower, r.upper) {
                (Some(v), Some(lo), Some(hi)) => v > 0.0 && v < lo && hi <= 10.0 * v,
                _ => false,
            }
    }

    /// The range `a or b` (`two or three people`, `5 or 6 percent`, `three or four years`):
    /// a bare figure `a` before a larger figure `b` of the same kind or of `b`'s unit.
    #[inline(never)]
    fn or_range(&self, a: &Atom, b: &Atom) -> Option<Atom> {
        // `a week or two`: the unit with its article is a figure of its own
        if a.kind == NumberKind::Duration
            && a.t1 == a.t0 + 2
            && let Some(r) = self.unit_or_count_at(a.t0, b)
        {
            return Some(r);
        }
        let bare = a.kind == NumberKind::Cardinal
            && a.object.is_none()
            && a.modifier.is_none()
            && a.unit.is_none();
        let same = a.kind == b.kind && a.unit == b.unit && a.modifier.is_none();
        if !(bare || same) || !b.is_quantity() || a.vague || b.vague || b.modifier.is_some() {
            return None;
        }
        let (mut lo, hi) = (a.value?, b.value?);
        // `3 or 4 million`: a bare first figure shares the second's scale (not `2.30 dlrs or
        // 22 mln dlrs`, a figure per share and the total)
        if bare {
            lo = shared_scale(a, b, lo, hi);
        }
        if !(lo > 0.0 && lo < hi && hi <= 10.0 * lo) {
            return None;
        }
        let mut r = b.clone();
        r.t0 = a.t0;
        r.value = None;
        r.lower = Some(lo);
        r.upper = Some(hi);
        r.modifier = Some("range");
        Some(r)
    }

    /// Whether `a to b` (the first far below the second) is a change and the level it reaches.
    /// `jumped 1-3/4 to 81-3/4`, `lost 4p to 821`, `rose by 200 mln marks to 109.5 billion`,
    /// `lost more than $2 to $43.25`: a change right after its verb (past a modifier of the
    /// figure), when the first figure is far below the second; a first figure that shares the
    /// unit of the second (`down two to seven pct`, `could drop 1.3 to four mln barrels`) or
    /// two figures in words (`increased two to eight basis points`) stay a range unless the
    /// gap is wider still (`rose 95 to 745 yen`). Further from its verb, a first figure with a
    /// unit of its own after `by` or `of` is the amount of a change told earlier in the clause
    /// (`raised its estimate today by three mln tonnes to 26 mln tonnes`, `an increase of 300
    /// mln to 86.6 billion`), and a name before the pair in a list of moves that leaves out
    /// the verb after the first (`Unilever gained 10p to 2,560, Dixons 4p to 373`).
    #[inline(never)]
    fn change_then_level(&self, a: &Atom, b: &Atom, floor: usize, lo: f64, hi: f64) -> bool {
        let own = |x: &Atom| x.kind != NumberKind::Cardinal || x.scale > 1.0;
        let wide = || {
            if own(a) {
                true
            } else if own(b) {
                hi > 6.0 * lo
            } else {
                !(self.is_word(a.t0) && self.is_word(b.t0))
            }
        };
        let p = self.modifier_start(a.t0, floor);
        if p <= floor {
            return false;
        }
        let k = p - 1;
        if self.is_any(k, CHANGE) || (k > floor && self.is(k, "by") && self.is_any(k - 1, CHANGE)) {
            return wide();
        }
        // (the look-backs read words of figures already taken: `rose in the week by ...`)
        // (and right after the price or rate that changes: `LOWERS COPPER PRICE 0.25 CT TO
        // 65.50 CTS`)
        if own(a)
            && self.is_any(k, &["by", "of", "price", "prices", "rate", "rates"])
            && self.change_before(k, 0)
        {
            return true;
        }
        self.listed_move(k) && wide()
    }

    /// The first token of the quantity modifier (`more than`, `around`) that ends right before
    /// token `t0`, or `t0` when there is none.
    fn modifier_start(&self, t0: usize, floor: usize) -> usize {
        if t0 <= floor || !self.is_word(t0 - 1) {
            return t0;
        }
        for (words, _) in lex::modifiers_ending_with(self.b(t0 - 1))
            .iter()
            .filter_map(|&k| PRE_MODIFIERS.get(usize::from(k)))
        {
            let len = words.len();
            if t0 >= floor + len
                && words
                    .iter()
                    .enumerate()
                    .all(|(q, w)| self.is(t0 - len + q, w))
                && (t0 - len + 1..=t0).all(|q| self.near(q))
            {
                return t0 - len;
            }
        }
        t0
    }

    /// A name ending at token `k` (`Dixons`, `Schering-Plough Corp <SGP>`) that follows a comma
    /// or `and` in a sentence with a verb of change before it: an item of a list of moves.
    #[inline(never)]
    fn listed_move(&self, k: usize) -> bool {
        let name = |q: usize| {
            self.is_word(q) && self.capitalized(q) && self.lex(q).is_none()
                || matches!(self.s(q), ">" | "<" | "-")
        };
        if !(self.is_word(k) && self.capitalized(k) || self.is_p(k, ">")) {
            return false;
        }
        // back over the name (a few capitalized words, a ticker in brackets)
        let mut q = k;
        while q > 0 && q + 8 > k && self.near(q) && name(q - 1) {
            q -= 1;
        }
        if q == 0 || !self.near(q) || !(self.is_p(q - 1, ",") || self.is(q - 1, "and")) {
            return false;
        }
        // a verb of change earlier in the sentence
        let lo = q.saturating_sub(40);
        for r in (lo..q - 1).rev() {
            if self.is_p(r, ".") || self.is_p(r, ";") || !self.near(r + 1) {
                return false;
            }
            if self.is_word(r) && self.is_any(r, CHANGE) {
                return true;
            }
        }
        false
    }

    /// `aged` before the `between` or `from` of the range `a`..`b` of ages (at most `hi`).
    #[inline(never)]
    fn aged_before(&self, a: &Atom, b: &Atom, floor: usize, hi: f64) -> bool {
        a.t0 > floor + 1
            && self.is(a.t0 - 2, "aged")
            && self.near(a.t0 - 1)
            && a.kind == NumberKind::Cardinal
            && b.kind == NumberKind::Cardinal
            && b.t1 == b.t0 + 1
            && hi <= 130.0
    }

    /// `60 votes to 40`: `a`, `votes`, `to`, `b` (from [`P::range`], tested off its hot path).
    #[inline(never)]
    fn votes_to(&self, a: &Atom, b: &Atom) -> bool {
        self.is(a.t1, "votes") && self.is(a.t1 + 1, "to") && self.vote_pair(a, b)
    }

    /// `a three-for-two stock split`, `2-for-1`, `a one-for-five rights issue`, `a two-for-one
    /// offer`: an exchange ratio names the terms of a swap and counts nothing, so like a
    /// score it is one identifier. Two whole figures joined by a glued `-for-`, or by a spaced
    /// `for` only before `split` (`a two for one stock split`; `sold 5 for 10` is two figures).
    #[inline(never)]
    fn for_ratio(&self, a: &Atom, b: &Atom, gap: usize) -> bool {
        let whole = |x: &Atom| {
            x.kind == NumberKind::Cardinal
                && x.t1 == x.t0 + 1
                && x.modifier.is_none()
                && !x.vague
                && x.value
                    .is_some_and(|v| v.fract() == 0.0 && (1.0..=1000.0).contains(&v))
        };
        if !(whole(a) && whole(b)) {
            return false;
        }
        if gap == 3 {
            return self.s(a.t1) == "-"
                && self.s(a.t1 + 2) == "-"
                && (a.t1..=b.t0).all(|k| self.glued(k));
        }
        let k = b.t1 + usize::from(self.is_any(b.t1, &["stock", "share", "reverse"]));
        self.near(b.t1) && self.near(k) && self.is_any(k, &["split", "splits"])
    }

    /// `voted 51 to 49`, `by a vote of 65 to 15`: the falling pair `a` to `b` after a verb of
    /// voting (`a` starts after `floor`).
    #[inline(never)]
    fn vote_to(&self, a: &Atom, b: &Atom, floor: usize) -> bool {
        let p = a.t0 - 1;
        self.is(a.t1, "to")
            && self.vote_pair(a, b)
            && (self.is_any(p, VOTE_VERBS)
                || (p > floor && self.is(p, "of") && self.is(p - 1, "vote")))
    }

    /// Two whole counts that can be the votes for and against (`voted 51 to 49`, `by 60
    /// votes to 40`): no unit, modifier or scale, at most 1,000, the first not below the
    /// second.
    fn vote_pair(&self, a: &Atom, b: &Atom) -> bool {
        let count = |x: &Atom| {
            x.kind == NumberKind::Cardinal
                && x.modifier.is_none()
                && x.unit.is_none()
                && x.scale == 1.0
                && !x.vague
                && x.value
                    .is_some_and(|v| v.fract() == 0.0 && (0.0..=1000.0).contains(&v))
        };
        count(a) && count(b) && a.value >= b.value
    }

    /// A rising pair next to a score is a score too, not a range: the sets and tie-breaks of
    /// `1-6 6-1 6-4`, `6-7 (3-7) 6-3`.
    fn rising_scores(&self, atoms: &mut [Atom]) {
        let pair = |x: &Atom| {
            x.t1 == x.t0 + 3
                && self.is_num(x.t0)
                && self.is_num(x.t0 + 2)
                && matches!(self.s(x.t0 + 1), "-" | "–")
                && self.glued(x.t0 + 1)
                && self.glued(x.t0 + 2)
                && self.s(x.t0).len() <= 3
                && self.s(x.t0 + 2).len() <= 3
        };
        let score = |x: &Atom| x.kind == NumberKind::Identifier && pair(x);
        let rising = |x: &Atom| {
            x.kind == NumberKind::Cardinal
                && x.modifier == Some("range")
                && x.unit.is_none()
                && pair(x)
        };
        // only brackets and commas between the two
        let next_to = |x: &Atom, y: &Atom| {
            y.t0 >= x.t1
                && y.t0 - x.t1 <= 2
                && (x.t1..y.t0).all(|k| matches!(self.s(k), "(" | ")" | ","))
        };
        // forwards, then backwards: `6-7 (3-7) 6-3` reaches the first set from the third
        let order = (0..atoms.len()).chain((0..atoms.len()).rev());
        for idx in order {
            if !rising(&atoms[idx]) {
                continue;
            }
            let before = idx > 0 && score(&atoms[idx - 1]) && next_to(&atoms[idx - 1], &atoms[idx]);
            let after = atoms
                .get(idx + 1)
                .is_some_and(|y| score(y) && next_to(&atoms[idx], y));
            if before || after {
                let x = &atoms[idx];
                atoms[idx] = Atom::new(x.t0, x.t1, NumberKind::Identifier);
            }
        }
    }

    /// Whether the falling pair `a`-`b` joined by a dash is a score or a vote (`3-1`, `52-48`,
    /// `0-0`): two whole numbers of at most three digits, the dash glued to both, nothing glued
    /// around them (not a code such as `020-7946-0958`), no unit, modifier or scale.
    fn score(&self, a: &Atom, b: &Atom, dash: bool) -> bool {
        let small = |x: &Atom| {
            x.t1 == x.t0 + 1
                && x.kind == NumberKind::Cardinal
                && x.modifier.is_none()
                && x.unit.is_none()
                && x.scale == 1.0
                && self.is_num(x.t0)
                && self.s(x.t0).len() <= 3
                && self.s(x.t0).bytes().all(|c| c.is_ascii_digit())
        };
        dash && self.glued(a.t1)
            && self.glued(b.t0)
            && small(a)
            && small(b)
            && !(a.t0 > 0 && self.glued(a.t0) && !self.is_p(a.t0 - 1, "("))
            && !(self.glued(b.t1)
                && (self.is_num(b.t1) || self.is_word(b.t1) || self.is_p(b.t1, "-")))
    }

    /// `the bodies of over 4000, most of them...`: the counted noun before `of`, when nothing
    /// follows the number.
    fn object_before(&self, a: &mut Atom, floor: usize) {
        if a.t0 < floor + 2 || !self.near(a.t0) || !self.is(a.t0 - 1, "of") {
            return;
        }
        if self.is_word(a.t1) && self.near(a.t1) && !self.flag(a.t1, lex::STOP) {
            return;
        }
        let k = a.t0 - 2;
        if !self.is_word(k) || !self.near(k + 1) || self.flag(k, lex::STOP) || self.lex(k).is_some()
        {
            return;
        }
        let w = self.s(k);
        let plural = w.len() > 3 && w.ends_with('s') && !w.ends_with("ss");
        if plural && !self.capitalized(k) && k > 0 && self.is_any(k - 1, &["the", "of"]) {
            a.object = Some((self.t[k].start as usize, self.t[k].end as usize));
        }
    }

    /// Whether token `p` is a bracket of a ticker or a company's name (`<SYN>`, `<BMY.N>`,
    /// `<MEPC Plc's>`, `<FOUR>`): the `>` that closes one, or a `<` whose figure a `>` closes.
    fn ticker_end(&self, p: usize) -> bool {
        if self.is_p(p, "<") {
            return self.glued(p + 1) && self.glued(p + 2) && self.is_p(p + 2, ">");
        }
        if p < 2 || !self.is_p(p, ">") || !self.glued(p) {
            return false;
        }
        for q in (p.saturating_sub(8)..p - 1).rev() {
            if !self.near(q + 1) || self.is_p(q, ">") {
                return false;
            }
            if self.is_p(q, "<") {
                return self.glued(q + 1);
            }
        }
        false
    }

    fn modify(&self, a: &mut Atom, floor: usize, next: usize) {
        // before: longest phrase ending right before t0; only the phrases ending with the word
        // before the figure can match (none when it is no last word of one: the group look-up
        // also answers the `MOD_END` flag, so the word is looked up once)
        let pre = a.t0 > floor && self.is_word(a.t0 - 1);
        let phrases = if pre {
            lex::modifiers_ending_with(self.b(a.t0 - 1))
        } else {
            &[]
        };
        for (words, m) in phrases
            .iter()
            .filter_map(|&k| PRE_MODIFIERS.get(usize::from(k)))
        {
            let len = words.len();
            if a.t0 < floor + len {
                continue;
            }
            let s = a.t0 - len;
            if words.iter().enumerate().all(|(q, w)| self.is(s + q, w))
                && (s + 1..=a.t0).all(|q| self.near(q))
            {
                if *m == "about" && self.is(s, "some") && a.kind == NumberKind::Duration {
                    continue;
                }
                // "over" before a duration is usually "over 3 years" (during)
                if a.kind == NumberKind::Duration && matches!(*words, ["over"] | ["under"]) {
                    continue;
                }
                a.t0 = s;
                a.modifier = Some(m);
                break;
            }
        }
        // symbols: > 10, >= 30, < 20, ~20 (not the brackets of a ticker or a company's name:
        // `Syntex Corp <SYN> 1-3/8`, `<SDC SYDNEY DEVELOPMENT CORP> NINE MTHS`)
        if a.modifier.is_none() && a.t0 > floor && !self.ticker_end(a.t0 - 1) {
            let p = a.t0 - 1;
            let m = match self.s(p) {
                ">" | "≥" => Some(if self.s(p) == "≥" {
                    "at_least"
                } else {
                    "more_than"
                }),
                "<" | "≤" => Some(if self.s(p) == "≤" {
                    "at_most"
                } else {
                    "fewer_than"
                }),
                "~" => Some("about"),
                "=" if p > floor && matches!(self.s(p - 1), ">" | "<") => {
                    Some(if self.s(p - 1) == ">" {
                        "at_least"
                    } else {
                        "at_most"
                    })
                }
                _ => None,
            };
            if let Some(m) = m {
                a.t0 = if self.s(p) == "=" { p - 1 } else { p };
                a.modifier = Some(m);
            }
        }
        // after: or more, or so, or less, plus
        if a.modifier.is_none() && self.is(a.t1, "or") && a.t1 + 1 < next.min(self.n()) + 1 {
            let m = if self.is(a.t1 + 2, "than") {
                None // "5000 or less than 6000": two figures
            } else if self.is(a.t1 + 1, "more") {
                Some("at_least")
            } else if self.is_any(a.t1 + 1, &["less", "fewer"]) {
                Some("at_most")
            } else if self.is(a.t1 + 1, "so") {
                Some("about")
            } else {
                None
            };
            if let Some(m) = m
                && a.object.is_none()
            {
                a.t1 += 2;
                a.modifier = Some(m);
            }
        }
        // 65 and over, 18 or older, aged 12 and under: a bound after the figure (not before a
        // comparison or another figure: `5 or older than`, `10 and over 20`)
        if a.modifier.is_none()
            && a.object.is_none()
            && self.is_any(a.t1, &["and", "or"])
            && self.near(a.t1 + 1)
            && a.t1 + 1 < next
            && !self.is_any(a.t1 + 2, &["than", "the", "a", "an"])
            && !self.is_num(a.t1 + 2)
        {
            let m = if self.is_any(a.t1 + 1, &["over", "above", "older"]) {
                Some("at_least")
            } else if self.is_any(a.t1 + 1, &["under", "below", "younger"]) {
                Some("at_most")
            } else {
                None
            };
            if let Some(m) = m {
                a.t1 += 2;
                a.modifier = Some(m);
            }
        }
        // aged over 65, aged under 12: an age with its bound
        if a.kind == NumberKind::Cardinal
            && a.modifier.is_some()
            && a.t0 > floor
            && self.near(a.t0)
            && self.is(a.t0 - 1, "aged")
            && a.value.is_some_and(|v| (0.0..=130.0).contains(&v))
        {
            a.kind = NumberKind::Measure;
            a.unit = Some("years_of_age");
            a.object = None;
            a.t0 -= 1;
        }
        let v = a.value;
        match a.modifier {
            Some("more_than" | "at_least") => a.lower = v,
            Some("fewer_than" | "at_most" | "up_to" | "almost") => a.upper = v,
            Some("exactly") => {
                a.lower = v;
                a.upper = v;
            }
            _ => {}
        }
    }
}

/// `TMO`, `TAF`, `TEV`, `TNI`: the ISO of a part of the day.
/// The day of a date atom; a part of the day (`in the morning`) is a day without date (`""`).
/// Borrowed: [`P::merge_datetime`] asks it twice for every pair of figures.
fn day_iso(a: &Atom) -> Option<&str> {
    let iso = a.iso.as_deref()?;
    if a.kind == NumberKind::Time && is_day_part(iso) {
        return Some("");
    }
    if a.kind != NumberKind::Date {
        return None;
    }
    (iso.len() == 10 && !iso.contains('/')).then_some(iso)
}

fn is_day_part(iso: &str) -> bool {
    matches!(iso, "TMO" | "TAF" | "TEV" | "TNI")
}

/// `2016-11-07` and `05:00/07:00` make `2016-11-07T05:00/2016-11-07T07:00`; without a day,
/// the clock time alone.
fn join_day_clock(d: &str, t: &str) -> String {
    if d.is_empty() {
        return t.to_owned();
    }
    match t.split_once('/') {
        Some((a, b)) => format!("{d}T{a}/{d}T{b}"),
        None => format!("{d}T{t}"),
    }
}

/// The ISO 8601 duration of `v` units (`P3Y`, `PT2H`, `P1.5D`; a fortnight, a quarter, a
/// decade and a century in weeks, months and years), written by hand: many figures are
/// durations.
fn duration_iso(v: f64, des: &str, unit: &str) -> String {
    let time = matches!(unit, "second" | "minute" | "hour");
    let (num, des) = match des {
        "2W" => (v * 2.0, "W"),
        "3M" => (v * 3.0, "M"),
        "10Y" => (v * 10.0, "Y"),
        "100Y" => (v * 100.0, "Y"),
        _ => (v, des),
    };
    let mut iso = String::with_capacity(8);
    iso.push_str(if time { "PT" } else { "P" });
    if num.fract() != 0.0 {
        iso.push_str(&format!("{num}"));
    } else if let Ok(n) = u32::try_from(num as i64) {
        cal::push_padded(&mut iso, n, 0);
    } else {
        iso.push_str(&format!("{}", num as i64));
    }
    iso.push_str(des);
    iso
}

/// The low end `lo` of a range `a`..`b` (high end `hi`) with `b`'s scale word when `a` has
/// none and that keeps the order (`3-5 million`, `3 or 4 million`).
fn shared_scale(a: &Atom, b: &Atom, lo: f64, hi: f64) -> f64 {
    if a.scale == 1.0 && b.scale > 1.0 && lo * b.scale <= hi * 1.0001 {
        tidy(lo * b.scale)
    } else {
        lo
    }
}

/// Snap a scaled figure back to the decimal the text states: `32.2 mln` is 32.2 * 1e6, which
/// binary floating point makes 32200000.000000004. Fifteen significant digits is what an f64
/// holds exactly, so any figure written with fewer digits comes out as written.
fn tidy(v: f64) -> f64 {
    // beyond 1e21 powers of ten are no longer exact, and no news figure is that large
    if !v.is_finite() || v == 0.0 || (v.fract() == 0.0 && v.abs() < 1e15) || v.abs() >= 1e21 {
        return v;
    }
    // round at the 15th significant digit, dividing by exact powers of ten where possible
    let k = 14 - v.abs().log10().floor() as i32;
    let r = if k >= 0 {
        let p = 10f64.powi(k);
        (v * p).round() / p
    } else {
        let p = 10f64.powi(-k);
        (v / p).round() * p
    };
    if r.is_finite() { r } else { v }
}

fn age_unit(unit: &str) -> &'static str {
    match unit {
        "year" => "years_of_age",
        "month" => "months_of_age",
        "week" => "weeks_of_age",
        _ => "days_of_age",
    }
}

/// A year as ISO 8601 (`format!("{y:04}")`), without the formatting machinery: a year is
/// the most frequent figure of news after a plain count.
fn year_iso(y: i32) -> String {
    let mut s = String::with_capacity(4);
    cal::push_year(&mut s, y);
    s
}

/// A decade from its first year (`format!("{y}/{}", y + 9)`: `1990/1999`).
fn decade_iso(y: i32) -> String {
    match (u32::try_from(y), u32::try_from(y + 9)) {
        (Ok(a), Ok(b)) => {
            let mut s = String::with_capacity(9);
            cal::push_padded(&mut s, a, 1);
            s.push('/');
            cal::push_padded(&mut s, b, 1);
            s
        }
        _ => format!("{y}/{}", y + 9),
    }
}

#[cfg(test)]
mod iso_tests {
    use super::*;

    #[test]
    fn lone_digits_read_as_the_full_rule_reads_them() {
        let texts = [
            "",
            "7",
            "240 civilians, 2017. In 2017, 4,000 and 4 000 people; 1 414 021 100",
            "1.5bn 10k 1e3 12e-1 2^10 3/4 2 1/4 7-1/2 5-6 18th 1990s 4,50,000",
            "12345678901234567 123456789012345 0007 99% $5 -5 (5) 5) 5.",
            "a5 5a x 12ab 3\u{a0}000 3\u{202f}000 Zürich 12 Zürich 12€ 12 € 12—13",
            "12\n13 12\n\n13 12\t13 1 2 3 4 5 6 7 8 9 10 11 12",
        ];
        let long = "the 3 men and 44 women of 1999, 12,5 or 0.5 ".repeat(40);
        let mut checked = 0;
        for text in texts.iter().copied().chain([long.as_str()]) {
            let (mut toks, mut starts) = (Vec::new(), Vec::new());
            lex::tokenize(text, &mut toks, &mut starts);
            let p = P::new(text, &toks, None);
            for i in 0..toks.len() + 1 {
                let Some(fast) = p.lone_digits(i) else {
                    continue;
                };
                let full = p.core_digits_joined(i).expect(text);
                assert_eq!(fast.v.to_bits(), full.v.to_bits(), "{text} at {i}");
                assert_eq!(
                    (
                        fast.t1,
                        fast.plain,
                        fast.frac,
                        fast.words,
                        fast.scale.to_bits()
                    ),
                    (
                        full.t1,
                        full.plain,
                        full.frac,
                        full.words,
                        full.scale.to_bits()
                    ),
                    "{text} at {i}"
                );
                checked += 1;
            }
        }
        assert!(checked > 100, "{checked}");
    }

    #[test]
    fn years_and_decades_read_as_format_writes_them() {
        for y in [
            0, 7, 99, 999, 1000, 1899, 1900, 1990, 2017, 2099, 9999, 12345, -1, -45,
        ] {
            assert_eq!(year_iso(y), format!("{y:04}"), "{y}");
            assert_eq!(decade_iso(y), format!("{y}/{}", y + 9), "{y}");
        }
    }

    #[test]
    fn months_and_years_ago() {
        let p = Ymd {
            y: 2019,
            m: 3,
            d: 15,
        };
        assert_eq!(ago(p, 5.0, "month").as_deref(), Some("2018-10"));
        assert_eq!(ago(p, 3.0, "month").as_deref(), Some("2018-12"));
        assert_eq!(ago(p, 2.0, "year").as_deref(), Some("2017"));
        assert_eq!(ago(p, 3.0, "decade").as_deref(), Some("1989"));
        assert_eq!(ago(p, 2500.0, "year").as_deref(), Some("-481"));
        assert_eq!(ago(p, 2500.0, "year"), Some(format!("{:04}", 2019 - 2500)));
    }
}

/// The date `v` units before `p`, as precise as the unit allows.
fn ago(p: Ymd, v: f64, unit: &str) -> Option<String> {
    if v.fract() != 0.0 || !(0.0..=10000.0).contains(&v) {
        return None;
    }
    let n = v as i64;
    match unit {
        "day" | "night" => Some(p.add_days(-n).iso()),
        "week" => Some(p.add_days(-7 * n).iso()),
        "fortnight" => Some(p.add_days(-14 * n).iso()),
        "month" => {
            let (y, m) = p.add_months(-(n as i32));
            let mut s = String::with_capacity(7);
            cal::push_year(&mut s, y);
            s.push('-');
            cal::push_padded(&mut s, m, 2);
            Some(s)
        }
        "year" => Some(year_iso(p.y - n as i32)),
        "decade" => Some(year_iso(p.y - 10 * n as i32)),
        _ => None,
    }
}

/// Each atom joined into the one kept before it where `join` says so (`join` updates the kept
/// atom and returns true); the others are kept, in order. In place: no second vector.
fn join_into_previous(
    mut atoms: Vec<Atom>,
    mut join: impl FnMut(&mut Atom, &Atom) -> bool,
) -> Vec<Atom> {
    let mut w = 0;
    for r in 0..atoms.len() {
        if w > 0 {
            let (done, rest) = atoms.split_at_mut(r);
            if join(&mut done[w - 1], &rest[0]) {
                continue;
            }
        }
        // (a swap of an element with itself still copies it three times)
        if w != r {
            atoms.swap(w, r);
        }
        w += 1;
    }
    atoms.truncate(w);
    atoms
}

/// Digits of one number gathered without allocating (longer numbers are rejected).
struct NumBuf {
    b: [u8; 40],
    len: usize,
    overflow: bool,
}

impl Default for NumBuf {
    fn default() -> NumBuf {
        NumBuf {
            b: [0; 40],
            len: 0,
            overflow: false,
        }
    }
}

impl NumBuf {
    fn push_str(&mut self, s: &str) {
        let e = self.len + s.len();
        if e > self.b.len() {
            self.overflow = true;
            return;
        }
        self.b[self.len..e].copy_from_slice(s.as_bytes());
        self.len = e;
    }
    fn parse(&self) -> Option<f64> {
        if self.overflow {
            return None;
        }
        let s = self.b.get(..self.len)?;
        if let Some(v) = exact_decimal(s) {
            return Some(v);
        }
        std::str::from_utf8(s).ok()?.parse().ok()
    }
}

/// `digits` or `digits.digits` of at most 15 digits in all, without the general float parser
/// (most figures are such): the digits as an integer (exact below 2^53) divided by an exact
/// power of ten, one correctly rounded division, so exactly what `str::parse::<f64>` gives.
fn exact_decimal(s: &[u8]) -> Option<f64> {
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let (int, frac) = match s.iter().position(|&c| c == b'.') {
        Some(p) => (s.get(..p)?, s.get(p + 1..)?),
        None => (s, &[][..]),
    };
    let has_point = int.len() < s.len();
    if int.is_empty() || (has_point && frac.is_empty()) || int.len() + frac.len() > 15 {
        return None;
    }
    let mut m: u64 = 0;
    for &c in int.iter().chain(frac) {
        if !c.is_ascii_digit() {
            return None;
        }
        m = m * 10 + u64::from(c - b'0');
    }
    Some(m as f64 / POW10.get(frac.len())?)
}

/// A plain number before its suffixes.
#[derive(Debug, Clone, Copy)]
struct Core {
    v: f64,
    t1: usize,
    /// Digits only, no separators or decimals (may be a year or an ordinal with a suffix).
    plain: bool,
    frac: bool,
    words: bool,
    /// Scale written inside the words (1 if none); negative marks an ordinal word.
    scale: f64,
}

impl Core {
    /// An ordinal written in words (`twenty-first`, `the one hundredth`), ending before `t1`.
    fn ordinal_words(v: f64, t1: usize) -> Core {
        Core {
            v,
            t1,
            plain: false,
            frac: false,
            words: true,
            scale: -1.0,
        }
    }
    fn frac(v: f64, t1: usize) -> Core {
        Core {
            v,
            t1,
            plain: false,
            frac: true,
            words: true,
            scale: 1.0,
        }
    }
}

/// The value of 1 to 15 ASCII digits (exact in an `f64`), `None` for anything else.
#[inline]
fn small_digits(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() || digits.len() > 15 {
        return None;
    }
    let mut m: u64 = 0;
    for &c in digits {
        if !c.is_ascii_digit() {
            return None;
        }
        m = m * 10 + u64::from(c - b'0');
    }
    Some(m)
}

#[cfg(test)]
mod tests;
