//! Places: toponyms resolved to GeoNames entries.
//!
//! 1. **Matching.** The text is tokenized once ([`Tokens`]); at each capitalized token (or a
//!    lower-case Arabic article hyphen-joined to one: "al-Raqqa") the longest run of tokens
//!    whose normalized key names a gazetteer entry is taken. All-capital tokens of up to four
//!    letters ("SANA", "AP") only match acronyms written so in the gazetteer ("US", "UAE").
//! 2. **Cues.** Words next to a name tell its kind: "Raqqa province" is the region, "Deir
//!    ez-Zor city" the city, "the Panorama district" / "al-Qussour neighbourhood" a sub-city
//!    place that must not resolve to a namesake town far away (it becomes `PlaceKind::Local`
//!    with no geonameid, also when the name is not in the gazetteer at all).
//! 3. **Resolution.** Each candidate is scored by feature type (country > region > capital >
//!    city), population and the document's context: countries and regions named elsewhere in
//!    it, its dateline, and "Town, Region" / "Town, Country" pairs. A small town is accepted
//!    only with context support, common words ("Of", "Mobile", "May") only with strong
//!    support: a place left unresolved is better than a wrong one.

use crate::gazetteer::{
    Candidate, Gazetteer, KeyBuilder, NameKind, PlaceClass, Sep, Tok, Tokens, first_token_key,
    fold_ascii, fold_token, is_acronym, is_article, is_article_bytes,
};
use crate::types::{ByteSpan, DocContext, PlaceKind, PlaceMention};
use std::cell::RefCell;
use std::sync::LazyLock;

/// Longest name, in tokens, that is tried.
const MAX_TOKENS: usize = 8;
/// Towns at least this large are known well enough to be resolved without context.
const BIG_CITY: u64 = 100_000;
/// A city this large is meant rather than the same-named region around it ("Aleppo").
const METROPOLIS: u64 = 1_000_000;
/// Towns from this size on are supported by their country's mention alone; smaller ones need
/// their region, a town nearby, the dateline or "Town, Region", or a cue that makes the name
/// a place (a feature cue, "in" where no place of [`BIG_CITY`] bears the name) for the country
/// to count.
const COUNTRY_SUPPORTS_TOWN: u64 = 30_000;

/// Capitalized English words (and compass names of regions) that are only rarely meant as
/// the towns or regions of the same name; they need strong context ("Reading, Berkshire").
/// Among them: the one-word names and alternate names of places accepted without context
/// (countries, regions, cities of 100,000) that news mostly writes in lower case ("First"
/// for Aden, "Basic" for Henderson, "Sale" for Salé), and the alternate names of any place
/// written in lower case 100 times or more in a sample of Reuters and BBC news ("Than" for
/// Thān, "Week" for Wick, "Region" for Mimaropa).
static STOP_WORDS: &[&str] = &[
    "About",
    "Add",
    "After",
    "Again",
    "Agency",
    "Aim",
    "Air",
    "Airlines",
    "Airport",
    "Airways",
    "Alliance",
    "Along",
    "Also",
    "Amber",
    "An",
    "And",
    "Angel",
    "Area",
    "Army",
    "Art",
    "As",
    "Assembly",
    "At",
    "August",
    "Aurora",
    "Avenue",
    "Bad",
    "Ball",
    "Ban",
    "Bank",
    "Bar",
    "Base",
    "Basic",
    "Bath",
    "Battle",
    "Bay",
    "Beach",
    "Begun",
    "Bell",
    "Best",
    "Between",
    "Bid",
    "Big",
    "Bird",
    "Black",
    "Blue",
    "Bond",
    "Border",
    "Both",
    "Bridge",
    "Brown",
    "Buffalo",
    "Bush",
    "But",
    "By",
    "Cabinet",
    "Camp",
    "Can",
    "Capital",
    "Care",
    "Carry",
    "Cars",
    "Carter",
    "Casino",
    "Center",
    "Central",
    "Centre",
    "Chairman",
    "Chance",
    "Change",
    "Charge",
    "Charles",
    "Chief",
    "Christmas",
    "Church",
    "Cinema",
    "City",
    "Clay",
    "Coal",
    "Coalition",
    "Coast",
    "College",
    "Colony",
    "Come",
    "Commerce",
    "Common",
    "Company",
    "Competition",
    "Concord",
    "Congress",
    "Content",
    "Corona",
    "Corporation",
    "Council",
    "Court",
    "Cross",
    "Crown",
    "Crystal",
    "Date",
    "David",
    "Day",
    "Deal",
    "December",
    "Deep",
    "Defence",
    "Defense",
    "Delay",
    "Democrat",
    "Department",
    "Diamond",
    "Director",
    "Do",
    "Doctor",
    "Dover",
    "Down",
    "Downtown",
    "Drug",
    "Dual",
    "Due",
    "Eagle",
    "Early",
    "East",
    "Easter",
    "Eastern",
    "Eden",
    "Embassy",
    "Energy",
    "English",
    "Enterprise",
    "Equality",
    "Euro",
    "Even",
    "Ever",
    "Faith",
    "Falcon",
    "Fall",
    "Far",
    "Farmers",
    "February",
    "Federal",
    "First",
    "Florence",
    "For",
    "Forces",
    "Fortune",
    "Free",
    "Freedom",
    "Friday",
    "Friendship",
    "From",
    "Front",
    "Garden",
    "Gazette",
    "General",
    "George",
    "Gets",
    "Globe",
    "Glory",
    "Gold",
    "Golden",
    "Gone",
    "Good",
    "Governor",
    "Grace",
    "Grand",
    "Great",
    "Green",
    "Gross",
    "Group",
    "Guard",
    "Hall",
    "Hang",
    "Happy",
    "Harmony",
    "Headquarters",
    "Health",
    "Heart",
    "Her",
    "Herald",
    "Highway",
    "Hill",
    "His",
    "Hit",
    "Home",
    "Hope",
    "Hospital",
    "Hotel",
    "House",
    "How",
    "Hub",
    "Human",
    "Humble",
    "Hydro",
    "If",
    "In",
    "Independence",
    "Inquirer",
    "Insurance",
    "Interior",
    "Iron",
    "Is",
    "Island",
    "Islands",
    "It",
    "Jack",
    "Jail",
    "James",
    "January",
    "Jewel",
    "John",
    "Joseph",
    "Journal",
    "Joy",
    "Judge",
    "July",
    "June",
    "Just",
    "Justice",
    "Keen",
    "Key",
    "Kilo",
    "King",
    "Labor",
    "Labour",
    "Lag",
    "Lake",
    "Lakes",
    "Last",
    "Legion",
    "Level",
    "Liberty",
    "Library",
    "Life",
    "Light",
    "Lincoln",
    "Line",
    "Lira",
    "Lire",
    "Little",
    "Long",
    "Look",
    "Love",
    "Lower",
    "Luck",
    "Lucky",
    "Ma",
    "Main",
    "Major",
    "Make",
    "Male",
    "Mall",
    "Man",
    "Many",
    "March",
    "Marine",
    "Marines",
    "Mark",
    "Market",
    "Mary",
    "Maximum",
    "May",
    "Mayor",
    "Media",
    "Metal",
    "Metro",
    "Michael",
    "Mid",
    "Middle",
    "Miles",
    "Mind",
    "Minister",
    "Ministry",
    "Mirror",
    "Mission",
    "Mobile",
    "Model",
    "Monday",
    "More",
    "Most",
    "Mount",
    "Much",
    "Museum",
    "Name",
    "Nation",
    "National",
    "Navy",
    "New",
    "News",
    "Nice",
    "No",
    "None",
    "North",
    "Northern",
    "Not",
    "November",
    "Ocean",
    "October",
    "Of",
    "Off",
    "Office",
    "Oil",
    "Old",
    "On",
    "One",
    "Only",
    "Opportunity",
    "Or",
    "Oral",
    "Orange",
    "Order",
    "Over",
    "Pace",
    "Palm",
    "Panorama",
    "Paper",
    "Paradise",
    "Park",
    "Parliament",
    "Patience",
    "Patrol",
    "Paul",
    "Peace",
    "Pearl",
    "Per",
    "Peter",
    "Phone",
    "Pioneer",
    "Plain",
    "Plains",
    "Plenty",
    "Plus",
    "Point",
    "Police",
    "Port",
    "Post",
    "Power",
    "Pre",
    "Premier",
    "President",
    "Press",
    "Pride",
    "Prime",
    "Prince",
    "Prison",
    "Professor",
    "Progress",
    "Prospect",
    "Providence",
    "Put",
    "Queen",
    "Race",
    "Rain",
    "Rapid",
    "Reach",
    "Reading",
    "Recovery",
    "Red",
    "Reform",
    "Region",
    "Republic",
    "Reserve",
    "Resort",
    "Rest",
    "Rich",
    "Ridge",
    "Rise",
    "Risen",
    "River",
    "Road",
    "Robert",
    "Rock",
    "Roles",
    "Rose",
    "Row",
    "Royal",
    "Rugby",
    "Run",
    "Rural",
    "Sale",
    "Saturday",
    "Save",
    "Say",
    "School",
    "Secretary",
    "Security",
    "Seen",
    "Sees",
    "Self",
    "Senate",
    "Senator",
    "September",
    "Service",
    "Services",
    "Set",
    "She",
    "Sheikh",
    "Shot",
    "Shut",
    "Side",
    "Silver",
    "Since",
    "Singer",
    "Snow",
    "So",
    "Social",
    "Sole",
    "Some",
    "Soul",
    "Sour",
    "South",
    "Southern",
    "Split",
    "Spoken",
    "Spring",
    "Sputnik",
    "Stadium",
    "Star",
    "State",
    "States",
    "Station",
    "Steps",
    "Still",
    "Stone",
    "Store",
    "Story",
    "Street",
    "Success",
    "Summer",
    "Summit",
    "Sun",
    "Sunday",
    "Sunrise",
    "Sunset",
    "Superior",
    "Support",
    "Supreme",
    "Surprise",
    "Tape",
    "Tell",
    "Temple",
    "Tender",
    "Than",
    "That",
    "The",
    "Theater",
    "Theatre",
    "Then",
    "There",
    "They",
    "This",
    "Thursday",
    "Times",
    "To",
    "Today",
    "Ton",
    "Tour",
    "Tower",
    "Trade",
    "Transport",
    "Treasury",
    "Tribune",
    "Tsunami",
    "Tuesday",
    "Turn",
    "Union",
    "Unity",
    "University",
    "Up",
    "Upper",
    "Uses",
    "Valley",
    "Vanguard",
    "Veto",
    "Victory",
    "View",
    "Village",
    "Vista",
    "Von",
    "Voters",
    "Wall",
    "War",
    "Water",
    "We",
    "Wednesday",
    "Week",
    "Welcome",
    "Well",
    "Wells",
    "West",
    "Western",
    "What",
    "When",
    "White",
    "White House",
    "Why",
    "Wild",
    "Will",
    "Win",
    "Wind",
    "With",
    "Wood",
    "World",
    "Worth",
    "Xinhua",
    "Yen",
    "Yes",
    "You",
    "Young",
    "Zero",
    "Zion",
];

/// Capitalized words that follow a place name in the name of an institution of that place
/// ("Toronto Police", "Raqqa Council"): the place is still meant.
const ORG_WORDS: &[&str] = &[
    "Police",
    "City",
    "County",
    "Council",
    "Airport",
    "University",
    "Province",
    "Governorate",
    "Region",
    "State",
    "Mayor",
    "Government",
    "Court",
    "Hospital",
    "Fire",
    "Department",
    "Ministry",
    "Municipality",
    "Station",
    "Port",
    "Harbour",
    "Harbor",
    "Zoo",
    "Stadium",
    "International",
    "General",
    "Central",
    "Public",
    "Regional",
    "Metropolitan",
];

/// Abbreviated titles before a personal name ("Mr. Stein", "Sen. Burton").
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Sen", "Gov", "Rep", "Lt", "Sgt", "Capt", "Col", "Gen", "Prof", "Rev",
    "Insp", "Det", "Cst", "Supt", "Cpl", "Pte", "Maj", "Adm", "Cmdr",
];

/// Words after (or before, with "of") a name that make it a sub-city place.
#[cfg_attr(not(test), allow(dead_code))]
const LOCAL_CUES: &[&str] = &[
    "neighbourhood",
    "neighborhood",
    "neighbourhoods",
    "neighborhoods",
    "quarter",
    "district",
    "area",
    "camp",
    "square",
    "street",
    "road",
    "avenue",
];

/// Street types that make the name before them a street only in an address: after a
/// preposition or a house number ("in Cuckoo Hall Lane", "of Colton Way", "45, Park Lane").
/// Elsewhere they are surnames ("Richard Lane") or parts of other names ("Disk Drive",
/// "Middle Way"). The last three only capitalized ("close to", "the way"). "Crescent" is
/// left out: "Red Crescent" is far more common in news than the street type.
const STREET_TYPES: &[&str] = &["Lane", "Drive", "Boulevard", "Way", "Close", "Place"];

/// Is `w` one of [`STREET_TYPES`] (the first three also in lower case)?
fn is_street_type(w: &str) -> bool {
    is_street_type_bytes(w.as_bytes())
}

/// [`is_street_type`] on bytes.
fn is_street_type_bytes(w: &[u8]) -> bool {
    STREET_TYPES.iter().any(|t| t.as_bytes() == w) || matches!(w, b"lane" | b"drive" | b"boulevard")
}

/// Does the name at `start` stand in an address: after a preposition or a house number?
fn in_address(text: &str, start: usize) -> bool {
    let head = text[..start].trim_end_matches([' ', ',']);
    let n = head
        .bytes()
        .rev()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(head.len());
    let w = &head[head.len() - n..];
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())
        || matches!(
            w,
            "in" | "on"
                | "at"
                | "of"
                | "off"
                | "along"
                | "near"
                | "from"
                | "into"
                | "to"
                | "In"
                | "On"
                | "At"
                | "Off"
                | "Along"
                | "Near"
                | "From"
        )
}
#[cfg_attr(not(test), allow(dead_code))]
const REGION_CUES: &[&str] = &[
    "province",
    "governorate",
    "region",
    "state",
    "countryside",
    "oblast",
    "prefecture",
];
#[cfg_attr(not(test), allow(dead_code))]
const CITY_CUES: &[&str] = &["city", "town", "village", "municipality"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    None,
    Local,
    /// "area": local only when the name resolves to nothing acceptable.
    WeakLocal,
    /// "district": local unless the name is a region or a big town of the document's country.
    District,
    Region,
    City,
}

#[derive(Debug, Clone)]
struct Match<'g> {
    span: ByteSpan,
    first_tok: usize,
    last_tok: usize,
    cands: &'g [Candidate],
    cue: Cue,
    /// Written as an acronym that names a place as such ("US", "UAE"): only the acronym
    /// candidates count.
    acr: bool,
}

impl Match<'_> {
    /// The words of the name as written, from its first to its last token (without an
    /// abbreviation's final period).
    #[inline]
    fn surface<'t>(&self, text: &'t str, toks: &[Tok]) -> &'t str {
        &text[toks[self.first_tok].start..toks[self.last_tok].end]
    }
}

/// Token buffers kept by each thread from one document to the next (allocating them for every
/// document, a few kilobytes each, was a visible part of the stage's cost, in the allocator).
type Scratch = RefCell<(Vec<Tok>, Vec<usize>, ResolveBufs)>;

thread_local! {
    static SCRATCH: Scratch = const { RefCell::new((Vec::new(), Vec::new(), ResolveBufs::new())) };
}

/// The lists [`resolve`] builds for a document, kept with the token buffers (each is emptied
/// before use: nothing carries over from one document to the next).
struct ResolveBufs {
    countries: Vec<(usize, u16, f64)>,
    regions: Vec<(usize, u64, u16)>,
    nations: Vec<Nation>,
    anchors: Vec<Anchor>,
    pool: Vec<Colocated>,
    pooled: Vec<usize>,
    /// Each result with the index of the previous entry of its [`memo_slot`] ([`NO_ENTRY`]
    /// for none): a look-up reads the entries of one slot, not all.
    memo: Vec<(MemoKey, Option<Scored>, u32)>,
    stop_words: Vec<bool>,
    common: Vec<bool>,
    /// The matcher's lists and the candidates' scores (empty between documents; see
    /// [`recycle`]).
    matches: Vec<Match<'static>>,
    scored: Vec<(f64, &'static Candidate, bool)>,
    out: Vec<PlaceMention>,
    locals: Vec<(ByteSpan, PlaceKind)>,
    readings: Vec<Reading>,
}

/// `v` emptied, as a vector of items of another lifetime in the same allocation (`collect`
/// reuses the buffer of a vector's own iterator when the item layouts agree, as they do for
/// one type with two lifetimes), so a buffer of borrowed items can be kept from one document
/// to the next.
fn recycle<T, U>(v: Vec<T>) -> Vec<U> {
    v.into_iter().filter_map(|_| None).collect()
}

impl ResolveBufs {
    const fn new() -> ResolveBufs {
        ResolveBufs {
            countries: Vec::new(),
            regions: Vec::new(),
            nations: Vec::new(),
            anchors: Vec::new(),
            pool: Vec::new(),
            pooled: Vec::new(),
            memo: Vec::new(),
            stop_words: Vec::new(),
            common: Vec::new(),
            matches: Vec::new(),
            scored: Vec::new(),
            out: Vec::new(),
            locals: Vec::new(),
            readings: Vec::new(),
        }
    }
}

/// What [`score_mention`]'s result depends on besides the document: (name key, acronym only,
/// abbreviation allowed, container key, contained place, cue, feature cue, after a locative
/// preposition).
type MemoKey = (usize, bool, bool, usize, u32, Cue, bool, bool);

/// Slots of the memo's index (by name key: the settings of one name share a slot).
const MEMO_SLOTS: usize = 64;
const NO_ENTRY: u32 = u32::MAX;

/// The memo slot of a name key.
#[inline(always)]
fn memo_slot(key: usize) -> usize {
    ((key as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58) as usize
}

/// The memoized result for `key`: the entries of its slot, newest first (a key is entered
/// once, so this is the one a scan of the whole memo finds).
#[inline(always)]
fn memo_find(
    memo: &[(MemoKey, Option<Scored>, u32)],
    heads: &[u32; MEMO_SLOTS],
    key: &MemoKey,
) -> Option<Option<Scored>> {
    let mut at = heads[memo_slot(key.0)];
    while let Some(e) = memo.get(at as usize) {
        if e.0 == *key {
            return Some(e.1);
        }
        at = e.2;
    }
    None
}

/// Token buffers larger than this (a document of some megabytes) are not kept.
const KEEP_TOKENS: usize = 1 << 18;

/// All place mentions in `text`, in order of position, non-overlapping, as byte spans.
pub fn tag_places(text: &str, gazetteer: &Gazetteer, ctx: &DocContext) -> Vec<PlaceMention> {
    if gazetteer.is_empty() || text.is_empty() {
        return Vec::new();
    }
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut bufs) => {
            let (toks, cue_toks, rbufs) = &mut *bufs;
            let found = tag_with(text, gazetteer, ctx, toks, cue_toks, rbufs);
            if toks.capacity() > KEEP_TOKENS
                || rbufs.memo.capacity() > KEEP_TOKENS / 16
                || rbufs.matches.capacity() > KEEP_TOKENS / 4
            {
                *toks = Vec::new();
                *cue_toks = Vec::new();
                *rbufs = ResolveBufs::new();
            }
            found
        }
        Err(_) => tag_with(
            text,
            gazetteer,
            ctx,
            &mut Vec::new(),
            &mut Vec::new(),
            &mut ResolveBufs::new(),
        ),
    })
}

/// [`tag_places`] with the token buffers to use.
fn tag_with(
    text: &str,
    gazetteer: &Gazetteer,
    ctx: &DocContext,
    toks: &mut Vec<Tok>,
    cue_toks: &mut Vec<usize>,
    rbufs: &mut ResolveBufs,
) -> Vec<PlaceMention> {
    // The tokenizer also lists the tokens a name may start at and the cue words (tested
    // while each token is at hand), so matching visits those instead of every token.
    Tokens::sparse_marked_into(text, is_cue_word, toks, cue_toks);
    // Sized once: growing these per document was a visible share of the stage's time.
    let mut matches = recycle(std::mem::take(&mut rbufs.matches));
    matches.reserve(toks.len() / 4 + 4);
    let mut locals = std::mem::take(&mut rbufs.locals);
    locals.clear();
    let found = Found {
        toks,
        cues: cue_toks,
    };
    find_matches(text, &found, gazetteer, ctx, &mut matches, &mut locals);
    let out = resolve(text, toks, gazetteer, ctx, &matches, &mut locals, rbufs);
    rbufs.matches = recycle(matches);
    rbufs.locals = locals;
    out
}

fn first_char(s: &str) -> Option<char> {
    s.chars().next()
}

fn is_cap(s: &str) -> bool {
    match s.as_bytes().first() {
        None => false,
        // An ASCII first byte is the first char.
        Some(&b) if b < 0x80 => b.is_ascii_uppercase(),
        Some(_) => first_char(s).is_some_and(|c| c.is_uppercase()),
    }
}

fn is_all_caps(s: &str) -> bool {
    // ASCII words (nearly all) in one pass: a letter that is not lower-case is upper-case.
    let mut upper = false;
    for &b in s.as_bytes() {
        if b >= 0x80 {
            return s.chars().any(|c| c.is_alphabetic()) && !s.chars().any(|c| c.is_lowercase());
        }
        if b.is_ascii_lowercase() {
            return false;
        }
        upper |= b.is_ascii_uppercase();
    }
    upper
}

/// Can a name start at token `i`?
fn can_start(text: &str, toks: &[Tok], i: usize) -> bool {
    let t = toks[i];
    // Most tokens are ASCII words: their first byte decides (only "a"/"e" read further).
    let b = text.as_bytes()[t.start];
    if b.is_ascii_uppercase() {
        return true;
    }
    if b < 0x80 && b != b'a' && b != b'e' {
        return false;
    }
    let w = &text[t.start..t.end];
    if b >= 0x80 && is_cap(w) {
        return true;
    }
    // "al-Raqqa", "ar-Raqqah": a lower-case article hyphen-joined to a capitalized word.
    if (b == b'a' || b == b'e')
        && let Some(next) = toks.get(i + 1)
    {
        return next.sep == Sep::Hyphen && is_article(w) && is_cap(&text[next.start..next.end]);
    }
    false
}

/// The longest gazetteer name that starts at token `i`: its last token and candidates.
// Inlined into `find_matches`: called for every capitalized word, its set-up (the index's
// fields) is then done once per document.
#[inline(always)]
fn longest_name<'g>(
    text: &str,
    toks: &[Tok],
    gaz: &'g Gazetteer,
    i: usize,
    buf: &mut String,
    abuf: &mut [u8; 40],
) -> Option<(usize, &'g [Candidate])> {
    let bytes = text.as_bytes();
    let mut kb = KeyBuilder::default();
    let mut best: Option<(usize, &'g [Candidate])> = None;
    let end = toks.len().min(i + MAX_TOKENS);
    let mut from = i;
    // The first token is most often a short ASCII word: its key from one load (the same as
    // the loop below computes).
    if let Some(&t) = toks.get(i)
        && let Some((h, article)) = first_token_key(bytes, t.start, t.end)
    {
        let (cands, more) = gaz.lookup(h);
        if bytes[t.start].is_ascii_uppercase() && !cands.is_empty() {
            best = Some((i, cands));
        }
        if !more {
            return best;
        }
        // As a non-last token an article is dropped (the key stays empty).
        if !article {
            kb = KeyBuilder::after_first(h);
        }
        from = i + 1;
    }
    for (j, &t) in toks.iter().enumerate().take(end).skip(from) {
        // Capitalized: an ASCII capital, or a non-ASCII first char that is upper-case.
        let b0 = bytes[t.start];
        let cap = b0.is_ascii_uppercase() || (b0 >= 0x80 && is_cap(&text[t.start..t.end]));
        if j > i {
            if !matches!(t.sep, Sep::Space | Sep::Hyphen | Sep::Dot) {
                break;
            }
            // Inside a name: capitalized words or short particles ("de", "al", "upon").
            if !cap && t.end - t.start > 4 {
                break;
            }
        }
        let folded = match fold_ascii(text, t.start, t.end, abuf) {
            Some(f) => f,
            None => {
                buf.clear();
                fold_token(&text[t.start..t.end], buf);
                buf.as_bytes()
            }
        };
        let mut pk = kb.clone();
        pk.push_folded_bytes(folded, j == i, true);
        let (cands, more) = if pk.is_empty() {
            (&[][..], true)
        } else {
            gaz.lookup(pk.hash())
        };
        if cap && !cands.is_empty() {
            best = Some((j, cands));
        }
        if !more {
            break;
        }
        // As a non-last token an article is dropped (the key stays `kb`); otherwise it is `pk`.
        if !is_article_bytes(folded) {
            kb = pk;
        }
    }
    best
}

/// "An", "At", "As" followed by a space: English words far more often than the Arabic
/// article written apart ("As Sukhnah").
fn english_article(text: &str, toks: &[Tok], i: usize) -> bool {
    let w = &text.as_bytes()[toks[i].start..toks[i].end];
    w.len() == 2
        && w[0].is_ascii_uppercase()
        && matches!(
            [w[0].to_ascii_lowercase(), w[1].to_ascii_lowercase()],
            [b'a', b'n' | b's' | b't']
        )
        && toks.get(i + 1).is_some_and(|n| n.sep == Sep::Space)
}

/// A document's tokens with the cue tokens the tokenizer listed.
struct Found<'a> {
    toks: &'a [Tok],
    /// Increasing indices of the cue tokens ([`is_cue_tok`]).
    cues: &'a [usize],
}

fn find_matches<'g>(
    text: &str,
    found: &Found,
    gaz: &'g Gazetteer,
    ctx: &DocContext,
    matches: &mut Vec<Match<'g>>,
    locals: &mut Vec<(ByteSpan, PlaceKind)>,
) {
    let toks = found.toks;
    let mut buf = String::new();
    let mut abuf = [0u8; 40];
    let mut cues = CueScan::new(found.cues);
    let dateline = ctx.dateline.as_deref().unwrap_or("");
    let mut i = 0;
    while i < toks.len() {
        // (`may_start` is false for most tokens, and for none that `can_start` accepts.)
        if !toks[i].may_start || !can_start(text, toks, i) {
            i += 1;
            continue;
        }
        // "An Afghan soldier", "At Kabul airport", "As Turkish troops": a capitalized English
        // word that is also an Arabic article ("An Nasiriyah") is read as English when the
        // name after it matches on its own.
        if english_article(text, toks, i)
            && longest_name(text, toks, gaz, i + 1, &mut buf, &mut abuf).is_some()
        {
            i += 1;
            continue;
        }
        let best = longest_name(text, toks, gaz, i, &mut buf, &mut abuf);
        let ahead = cues.within(i + 1, 4);
        let Some((j, cands)) = best else {
            // Not a known name: a sub-city place when a cue says so ("White Garden district").
            if let Some((end_tok, span, kind)) =
                ahead.then(|| unknown_local(text, toks, i)).flatten()
            {
                locals.push((span, kind));
                i = end_tok + 1;
            } else {
                i += 1;
            }
            continue;
        };
        // "the White Garden district": a longer unknown name with a local cue wins over a
        // shorter gazetteer name inside it ("White").
        if ahead
            && let Some((end_tok, span, kind)) = unknown_local(text, toks, i)
            && end_tok > j
            && span.end > toks[j].end
        {
            locals.push((span, kind));
            i = end_tok + 1;
            continue;
        }
        let start = toks[i].start;
        let mut end = toks[j].end;
        // "Metcalfe County": a county, not the town of Metcalfe; not in the gazetteer (it
        // holds no second-level divisions), so detected without a geonameid.
        if let Some(c) = county_word(text, end) {
            locals.push((start..end + 1 + c.len(), PlaceKind::Name));
            i = j + 2;
            continue;
        }
        let span_text = &text[start..end];
        // "SANA", "AP": short all-capital words are acronyms, not towns, unless a
        // gazetteer acronym ("US", "UAE") or the dateline.
        let caps_acronym = is_acronym(span_text);
        // (Candidate lists can be long: scan them only when the text calls for it.)
        let has_acr = caps_acronym && cands.iter().any(|c| c.acronym);
        if caps_acronym && !dateline.eq_ignore_ascii_case(span_text) {
            if !has_acr {
                i = j + 1;
                continue;
            }
            // Only the acronym candidates count (filtered in `resolve`).
        } else if !caps_acronym && cands.iter().all(|c| c.acronym) {
            // "Us" is not "US".
            i += 1;
            continue;
        }
        // "U.S.", "Ky.", "D.C.": the final period belongs to the abbreviation.
        let last = &text[toks[j].start..toks[j].end];
        let dot_follows = text.as_bytes().get(end) == Some(&b'.');
        let dotted = dot_follows
            && (last.chars().count() <= 2 && j > i && toks[j].sep == Sep::Dot
                || cands.iter().any(|c| c.kind == NameKind::Abbrev));
        if dotted {
            end += 1;
        }
        // A lower-case article that begins the span is kept ("al-Raqqa" as written).
        let cue = cue_after(text, start, end).max_or(cue_before(text, start));
        matches.push(Match {
            span: start..end,
            first_tok: i,
            last_tok: j,
            cands,
            cue,
            acr: has_acr,
        });
        i = j + 1;
    }
}

impl Cue {
    fn max_or(self, other: Cue) -> Cue {
        if self == Cue::None { other } else { self }
    }
}

/// The next word after byte `end` (skipping one space), lower-cased ASCII.
fn word_after(text: &str, end: usize) -> Option<&str> {
    let rest = text.get(end..)?;
    leading_word(rest.strip_prefix(' ').or_else(|| rest.strip_prefix('-'))?)
}

/// The run of ASCII letters that begins `rest`, if any.
fn leading_word(rest: &str) -> Option<&str> {
    let b = rest.as_bytes();
    // Eight bytes at a time (the word after a name is read for every name): the first byte
    // that is no ASCII letter ends it.
    let mut n = 0;
    while let Some(c) = b.get(n..n + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let other = !ascii_letters8(u64::from_le_bytes(w)) & 0x8080_8080_8080_8080;
        if other != 0 {
            n += (other.trailing_zeros() / 8) as usize;
            return if n == 0 { None } else { rest.get(..n) };
        }
        n += 8;
    }
    n += b[n..]
        .iter()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(b.len() - n);
    if n == 0 { None } else { rest.get(..n) }
}

/// The high bit of each byte of `x` that is an ASCII letter: exact up to the first byte that
/// is not (a byte >= 0x80 is not, and only it can carry into the bytes after it).
#[inline(always)]
fn ascii_letters8(x: u64) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let y = x | (LO * 0x20);
    y.wrapping_add(LO * (0x80 - u64::from(b'a')))
        & !y.wrapping_add(LO * (0x7F - u64::from(b'z')))
        & !x
        & HI
}

/// `head` without the one space, or the one line break of wrapped copy
/// ([`crate::wrap::soft_break`]: "the Strait of" / "Hormuz"), it ends with.
fn strip_space<'t>(text: &str, head: &'t str) -> Option<&'t str> {
    match head.as_bytes().last() {
        Some(b' ') => head.get(..head.len() - 1),
        Some(b'\n') if crate::wrap::soft_break(text.as_bytes(), head.len() - 1) => {
            head.get(..head.len() - 1)
        }
        _ => None,
    }
}

/// The word before byte `start` (skipping one space or wrapped line break), and the one
/// before it.
fn words_before(text: &str, start: usize) -> (Option<&str>, Option<&str>) {
    let Some(head) = text.get(..start) else {
        return (None, None);
    };
    let Some(head) = strip_space(text, head) else {
        return (None, None);
    };
    let n = head
        .bytes()
        .rev()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(head.len());
    let w1 = &head[head.len() - n..];
    let head2 = strip_space(text, &head[..head.len() - n]);
    let w2 = head2.map(|h| {
        let m = h
            .bytes()
            .rev()
            .position(|b| !b.is_ascii_alphabetic())
            .unwrap_or(h.len());
        &h[h.len() - m..]
    });
    (
        if w1.is_empty() { None } else { Some(w1) },
        w2.filter(|w| !w.is_empty()),
    )
}

/// Words that, followed by "of", name a strait, a gulf, an island or a direction from one:
/// "the Strait of Hormuz", "south of Kharg" (lower-case ASCII; compared ASCII case aside).
const FEATURE_OF: &[&str] = &[
    "strait",
    "straits",
    "gulf",
    "island",
    "islands",
    "isle",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
];

/// Is the name at `span` (written `surface`) a strait, island or bay as written: after
/// "Strait of" or "south of" ([`FEATURE_OF`]), before "island", or ending in "Bay", "Strait"
/// or "Gulf" ("Guantanamo Bay")? Then an alternate name of a small town may stand alone.
fn feature_cue(text: &str, span: ByteSpan, surface: &str) -> bool {
    // (Read for every name without a container: the cheap byte tests first.)
    if matches!(surface.as_bytes().last(), Some(b'y' | b't' | b'f'))
        && (surface.ends_with(" Bay") || surface.ends_with(" Strait") || surface.ends_with(" Gulf"))
    {
        return true;
    }
    let b = text.as_bytes();
    if let Some(rest) = b.get(span.end..)
        && rest.len() >= 7
        && rest[1] | 0x20 == b'i'
        && rest[..7].eq_ignore_ascii_case(b" island")
        && match rest.get(7) {
            Some(b's' | b'S') => rest.get(8).is_none_or(|c| !c.is_ascii_alphabetic()),
            Some(c) => !c.is_ascii_alphabetic(),
            None => true,
        }
    {
        return true;
    }
    prev_word_is(text, span.start, b"of")
        && words_before(text, span.start)
            .1
            .is_some_and(|w| FEATURE_OF.iter().any(|f| f.eq_ignore_ascii_case(w)))
}

/// Is the word before the name at `span` one after which an alternate name of a small town is
/// that town ("at Auschwitz", "from Lago Agrio", "near Chernobyl"): one of [`LOCATIVE_PREPS`],
/// "at" or "from" (not "to", "of", "for", "by", which come before companies and persons as
/// often: "sold to Borg-Warner"), in lower case or capitalized at a sentence start; and the
/// name not the first word of a longer one: no
/// hyphen, possessive or capitalized word after it ("in Borg-Warner", "at Emery's option",
/// "from Penn Central", "at Waseda University")?
#[cold]
#[inline(never)]
fn alias_prep(text: &str, span: ByteSpan) -> bool {
    // (Read for every name without a container: the last letter of the word before it
    // first, which rules out most words; then the word, on bytes.)
    let b = text.as_bytes();
    let start = span.start;
    if start < 3 || b.get(start - 1) != Some(&b' ') {
        return false;
    }
    if !matches!(b[start - 2], b'n' | b't' | b'r' | b'm' | b'e' | b'o' | b's') {
        return false;
    }
    let head = &b[..start - 1];
    let n = head
        .iter()
        .rev()
        .take(11)
        .position(|c| !c.is_ascii_alphabetic())
        .unwrap_or(head.len().min(11));
    let w = &head[head.len() - n..];
    // (By length first: "the", "of", "and" end here.)
    let prep = matches!(n, 2 | 4 | 6 | 7 | 10)
        && !w[1..].iter().any(u8::is_ascii_uppercase)
        && (LOCATIVE_PREPS.iter().chain(&["at", "from"]))
            .any(|p| p.as_bytes().eq_ignore_ascii_case(w));
    prep && !name_goes_on(text, span.end)
}

/// Is every candidate an alternate name of a town below [`BIG_CITY`]: no place bears the
/// name as its own, and no larger place as another name?
#[cold]
fn only_small_aliases(cands: &[Candidate]) -> bool {
    cands
        .iter()
        .all(|c| c.alias && c.class == PlaceClass::City && c.population < BIG_CITY)
}

/// Does a longer name go on after byte `end`: a hyphen and a word, a possessive, or a
/// capitalized word after one space or line break ("Borg-Warner", "Emery's", "Penn
/// Central")?
fn name_goes_on(text: &str, end: usize) -> bool {
    let b = text.as_bytes();
    match b.get(end) {
        Some(b'-') => b.get(end + 1).is_some_and(|c| c.is_ascii_alphabetic()),
        Some(b'\'') => b.get(end + 1) == Some(&b's'),
        Some(0xE2) => text.get(end..).is_some_and(|r| r.starts_with("\u{2019}s")),
        Some(b' ' | b'\n') => b.get(end + 1).is_some_and(u8::is_ascii_uppercase),
        _ => false,
    }
}

/// Is the word before byte `start` (one space or wrapped line break between) exactly
/// `word`? The same as `words_before(text, start).0 == Some(word)` for a lower-case ASCII
/// `word`, on bytes.
fn prev_word_is(text: &str, start: usize, word: &[u8]) -> bool {
    let b = text.as_bytes();
    let n = word.len();
    if start < n + 1 || start > b.len() {
        return false;
    }
    let s = &b[start - n - 1..start];
    s[..n] == *word
        && (s[n] == b' ' || s[n] == b'\n' && crate::wrap::soft_break(b, start - 1))
        && (start == n + 1 || !b[start - n - 2].is_ascii_alphabetic())
}

/// Is `w` in `list`, ASCII case aside? (What the case-folding [`WordSet`]s answer.)
#[cfg(test)]
fn in_list(list: &[&str], w: &str) -> bool {
    list.iter().any(|c| c.eq_ignore_ascii_case(w))
}

/// A set of short words (at most 15 bytes) as an open-addressing table of packed keys (the
/// bytes and the length; 0 = empty; at most a quarter full): a look-up is one
/// multiplication and about one comparison. With `fold`, ASCII case is ignored (as
/// [`in_list`] does).
struct WordSet {
    keys: Vec<u128>,
    max_len: usize,
    fold: bool,
    /// A bit per [`WordSet::sig`] of the words: most words that are not in the set are told
    /// apart by their length and first and last bytes, with no key built and no probe.
    sigs: Box<[u64; SIG_WORDS]>,
}

/// 64-bit words of [`WordSet::sigs`] (8192 bits: a few hundred words set few of them).
const SIG_WORDS: usize = 128;

impl WordSet {
    fn new(words: &[&str], fold: bool) -> WordSet {
        let size = (words.len() * 4).next_power_of_two();
        let mut keys = vec![0u128; size];
        let mut max_len = 0;
        let mut sigs = Box::new([0u64; SIG_WORDS]);
        for w in words {
            let Some(key) = Self::key(w.as_bytes(), fold) else {
                continue;
            };
            let g = Self::sig(w.as_bytes(), fold);
            sigs[g / 64] |= 1 << (g % 64);
            max_len = max_len.max(w.len());
            let mut h = Self::hash(key) & (size - 1);
            while keys[h] != 0 && keys[h] != key {
                h = (h + 1) & (size - 1);
            }
            keys[h] = key;
        }
        WordSet {
            keys,
            max_len,
            fold,
            sigs,
        }
    }

    /// A number below `64 * SIG_WORDS` from the length and the first and last bytes (ASCII
    /// case folded with `fold`): equal words, equal numbers.
    #[inline(always)]
    fn sig(b: &[u8], fold: bool) -> usize {
        let (f, l) = match (b.first(), b.last()) {
            (Some(&f), Some(&l)) if fold => (f.to_ascii_lowercase(), l.to_ascii_lowercase()),
            (Some(&f), Some(&l)) => (f, l),
            _ => (0, 0),
        };
        let x = (b.len() as u32 & 0xFF) | u32::from(f) << 8 | u32::from(l) << 16;
        (x.wrapping_mul(0x9E37_79B1) >> (32 - 13)) as usize
    }

    /// The word packed with its length (equal keys, equal words; never 0); `None` past 15
    /// bytes. Read with a few overlapping loads (no copy of a variable length).
    #[inline]
    fn key(b: &[u8], fold: bool) -> Option<u128> {
        let n = b.len();
        if n > 15 {
            return None;
        }
        let u32_at = |k: usize| u64::from(u32::from_le_bytes([b[k], b[k + 1], b[k + 2], b[k + 3]]));
        let u64_at = |k: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&b[k..k + 8]);
            u64::from_le_bytes(w)
        };
        // Bytes 0..8 in `lo`, 8..15 in `hi` (the rest zero): overlapping loads OR the same
        // byte onto itself.
        let (lo, hi) = match n {
            0 => (0, 0),
            1..=3 => (
                u64::from(b[0])
                    | u64::from(b[n / 2]) << (8 * (n / 2))
                    | u64::from(b[n - 1]) << (8 * (n - 1)),
                0,
            ),
            4..=7 => (u32_at(0) | u32_at(n - 4) << (8 * (n - 4)), 0),
            8 => (u64_at(0), 0),
            _ => (u64_at(0), u64_at(n - 8) >> (8 * (16 - n))),
        };
        let (lo, hi) = if fold {
            (ascii_lower8(lo), ascii_lower8(hi))
        } else {
            (lo, hi)
        };
        // (The high bit set: no key is 0, the empty slot, not even the empty word's.)
        let hi = hi | u64::from(n as u8 | 0x80) << 56;
        Some(u128::from(lo) | u128::from(hi) << 64)
    }

    #[inline]
    fn hash(key: u128) -> usize {
        let x = (key as u64) ^ ((key >> 64) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let p = u128::from(x) * 0x5851_F42D_4C95_7F2D;
        ((p as u64) ^ ((p >> 64) as u64)) as usize
    }

    /// Is `w` in the set? The length and signature tests inline (most words stop there),
    /// the probe out of line.
    #[inline(always)]
    fn contains(&self, w: &str) -> bool {
        if w.len() > self.max_len {
            return false;
        }
        let g = Self::sig(w.as_bytes(), self.fold);
        if self.sigs[g / 64] >> (g % 64) & 1 == 0 {
            return false;
        }
        self.probe(w)
    }

    /// [`WordSet::contains`] past the signature test.
    #[inline(never)]
    fn probe(&self, w: &str) -> bool {
        let Some(key) = Self::key(w.as_bytes(), self.fold) else {
            return false;
        };
        let mask = self.keys.len() - 1;
        let mut h = Self::hash(key) & mask;
        loop {
            let k = self.keys[h];
            if k == key {
                return true;
            }
            if k == 0 {
                return false;
            }
            h = (h + 1) & mask;
        }
    }
}

/// `u8::to_ascii_lowercase` on each byte of `x` (on seven-bit values: no carry crosses
/// bytes).
#[inline]
fn ascii_lower8(x: u64) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let y = x & !HI;
    let ge_a = y.wrapping_add(LO * (0x80 - u64::from(b'A')));
    let gt_z = y.wrapping_add(LO * (0x80 - u64::from(b'Z') - 1));
    let upper = ge_a & !gt_z & !x & HI;
    x | upper >> 2
}

static ORG_WORD_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(ORG_WORDS, true));
static TITLE_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(TITLES, true));
static ORG_HEAD_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(ORG_HEADS, false));
static COMPANY_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(COMPANY_WORDS, false));

fn cue_of(w: &str) -> Cue {
    cue_of_bytes(w.as_bytes())
}

/// [`cue_of`] on bytes (ASCII case-insensitive, so the same on any text).
fn cue_of_bytes(b: &[u8]) -> Cue {
    // Called for most words near a capital: dispatch on the length, then compare the few
    // cue words of that length. `cue_lists_and_cue_of_agree` checks it against REGION_CUES,
    // CITY_CUES and LOCAL_CUES.
    use Cue::{City, District, Local, Region, WeakLocal};
    let words: &[(&str, Cue)] = match b.len() {
        4 => &[
            ("city", City),
            ("town", City),
            ("area", WeakLocal),
            ("camp", Local),
            ("road", Local),
        ],
        5 => &[("state", Region)],
        6 => &[
            ("region", Region),
            ("oblast", Region),
            ("square", Local),
            ("street", Local),
            ("avenue", Local),
        ],
        7 => &[("village", City), ("quarter", Local)],
        8 => &[("province", Region), ("district", District)],
        10 => &[("prefecture", Region)],
        11 => &[("governorate", Region), ("countryside", Region)],
        12 => &[("municipality", City), ("neighborhood", Local)],
        13 => &[("neighbourhood", Local), ("neighborhoods", Local)],
        14 => &[("neighbourhoods", Local)],
        _ => return Cue::None,
    };
    let first = b[0].to_ascii_lowercase();
    for &(c, cue) in words {
        if c.as_bytes()[0] == first && c.as_bytes().eq_ignore_ascii_case(b) {
            return cue;
        }
    }
    Cue::None
}

fn cue_after(text: &str, start: usize, end: usize) -> Cue {
    let Some(w) = word_after(text, end) else {
        // "Aleppo\nprovince": a region or city cue after the line break of wrapped copy
        // (a street's name is not read over it).
        if text.as_bytes().get(end) == Some(&b'\n') {
            return match text.get(end + 1..).and_then(leading_word).map(cue_of) {
                Some(c @ (Cue::Region | Cue::City)) => c,
                _ => Cue::None,
            };
        }
        return Cue::None;
    };
    // Most words after a name are no cue and no street type (all of which pass `maybe_cue`).
    if !maybe_cue(w.as_bytes()) {
        return Cue::None;
    }
    let cue = if is_street_type(w) {
        if in_address(text, start) {
            Cue::Local
        } else {
            Cue::None
        }
    } else {
        cue_of(w)
    };
    // "The Wall Street Journal" is not a street.
    if cue == Cue::Local && cue_starts_a_name(text, end, w) {
        Cue::None
    } else {
        cue
    }
}

/// "the city of Raqqa", "the province of Idlib", "the district of Panorama". A plural
/// ("the neighbourhoods of Aleppo", "districts of Shiraz") names the parts of the place, so it
/// says nothing about its kind.
fn cue_before(text: &str, start: usize) -> Cue {
    // Cheap test first (run for every name): the word before must be "of".
    if !prev_word_is(text, start, b"of") {
        return Cue::None;
    }
    match words_before(text, start) {
        (Some("of"), Some(w)) if !w.ends_with('s') || w.len() < 5 => cue_of(w),
        _ => Cue::None,
    }
}

/// Is token `t` a cue word at all (the cheap test before [`unknown_local`])?
#[cfg(test)]
fn is_cue_tok(bytes: &[u8], t: &Tok) -> bool {
    let w = bytes.get(t.start..t.end).unwrap_or(&[]);
    cue_of_bytes(w) != Cue::None || w == b"County" || w == b"Parish" || is_street_type_bytes(w)
}

/// Every word [`is_cue_tok`] accepts (case aside): the cue words, "County", "Parish" and the
/// [`STREET_TYPES`].
const CUE_TOK_WORDS: &[&str] = &[
    "city",
    "town",
    "area",
    "camp",
    "road",
    "state",
    "region",
    "oblast",
    "square",
    "street",
    "avenue",
    "village",
    "quarter",
    "province",
    "district",
    "prefecture",
    "governorate",
    "countryside",
    "municipality",
    "neighborhood",
    "neighbourhood",
    "neighborhoods",
    "neighbourhoods",
    "county",
    "parish",
    "lane",
    "drive",
    "boulevard",
    "way",
    "close",
    "place",
];

/// By length, the first and the last letters (bit `letter - 'a'`) of [`CUE_TOK_WORDS`].
static CUE_ENDS: [(u32, u32); 16] = {
    let mut t = [(0u32, 0u32); 16];
    let mut k = 0;
    while k < CUE_TOK_WORDS.len() {
        let w = CUE_TOK_WORDS[k].as_bytes();
        t[w.len()].0 |= 1 << (w[0] - b'a');
        t[w.len()].1 |= 1 << (w[w.len() - 1] - b'a');
        k += 1;
    }
    t
};

/// False for nearly every word that is no cue (most words near a capital), by its length and
/// its first and last letters; true for every cue word. The exact test follows.
#[inline]
fn maybe_cue(w: &[u8]) -> bool {
    let Some(&(first, last)) = CUE_ENDS.get(w.len()) else {
        return false;
    };
    // No cue word has this length (most short words end here).
    if first == 0 {
        return false;
    }
    let letter = |b: u8| u32::from((b | 0x20).wrapping_sub(b'a'));
    let (Some(f), Some(l)) = (w.first().map(|&b| letter(b)), w.last().map(|&b| letter(b))) else {
        return false;
    };
    f < 26 && first >> f & 1 != 0 && l < 26 && last >> l & 1 != 0
}

/// [`is_cue_tok`] as the tokenizer's mark: the cheap test first (most words are no cue).
#[inline(always)]
fn is_cue_word(w: &[u8]) -> bool {
    maybe_cue(w)
        && (cue_of_bytes(w) != Cue::None
            || w == b"County"
            || w == b"Parish"
            || is_street_type_bytes(w))
}

/// The cue tokens of a document (listed by the tokenizer), read by one forward walk: asked
/// for every capitalized word ("is one of the next four words a cue?") at increasing
/// positions.
struct CueScan<'a> {
    /// Increasing indices of the cue tokens.
    cues: &'a [usize],
    /// The first entry of `cues` that may be at or after the last position asked for.
    at: usize,
}

impl<'a> CueScan<'a> {
    fn new(cues: &'a [usize]) -> CueScan<'a> {
        CueScan { cues, at: 0 }
    }

    /// Is one of the tokens `from..from + n` a cue word? `from` must not decrease between
    /// calls.
    fn within(&mut self, from: usize, n: usize) -> bool {
        while self.cues.get(self.at).is_some_and(|&k| k < from) {
            self.at += 1;
        }
        self.cues.get(self.at).is_some_and(|&k| k < from + n)
    }
}

/// A capitalized name not in the gazetteer followed by a strong local cue: up to three
/// capitalized words (an article may lead), then "neighbourhood", "district"... Called only
/// when [`cue_ahead`] is true.
fn unknown_local(text: &str, toks: &[Tok], i: usize) -> Option<(usize, ByteSpan, PlaceKind)> {
    // "The Laurel County Sheriff": no name starts with a function word (the caller moves on
    // to the next token, where the name may also be in the gazetteer).
    if toks
        .get(i)
        .is_some_and(|t| is_function_word(&text[t.start..t.end]))
    {
        return None;
    }
    let mut j = i;
    let mut ncap = 0;
    while j < toks.len() && j < i + 4 {
        let w = &text[toks[j].start..toks[j].end];
        if j > i && !matches!(toks[j].sep, Sep::Space | Sep::Hyphen) {
            break;
        }
        if is_cap(w) && !is_all_caps(w) && !is_function_word(w) {
            ncap += 1;
        } else if !(j == i && is_article(w)) {
            break;
        }
        let end = toks[j].end;
        // A common word alone ("Easter road toll") needs a capitalized cue ("Silver Street").
        let stop_alone = j == i && in_stop(w);
        if ncap > 0 {
            if let Some(c) = county_word(text, end) {
                return Some((j + 1, toks[i].start..end + 1 + c.len(), PlaceKind::Name));
            }
            if let Some(next) = word_after(text, end)
                && (matches!(cue_of(next), Cue::Local | Cue::District)
                    || is_street_type(next) && in_address(text, toks[i].start))
                && (!stop_alone || is_cap(next))
                && !cue_starts_a_name(text, end, next)
            {
                return Some((j, toks[i].start..end, PlaceKind::Local));
            }
        }
        j += 1;
    }
    None
}

/// "North London", "Southern California", "Greater Manchester": a capitalized direction
/// before a place's name is part of the name the text gives (the place stays the same).
/// Not for countries ("Western Canada" is Canada, qualified), nor after another capitalized
/// word ("Far North Queensland").
fn with_direction(text: &str, span: ByteSpan) -> ByteSpan {
    // Cheap test first: a space, after the last letter of a direction (h, t, n, l, r).
    let b = text.as_bytes();
    if span.start < 2
        || b.get(span.start - 1) != Some(&b' ')
        || !matches!(
            b.get(span.start - 2),
            Some(b'h' | b't' | b'n' | b'l' | b'r')
        )
    {
        return span;
    }
    let (Some(w), before) = words_before(text, span.start) else {
        return span;
    };
    let direction = matches!(
        w,
        "North"
            | "South"
            | "East"
            | "West"
            | "Northern"
            | "Southern"
            | "Eastern"
            | "Western"
            | "Central"
            | "Upper"
            | "Lower"
            | "Greater"
    );
    let start = span.start - 1 - w.len();
    // The word before the direction must not be capitalized, unless it starts a sentence.
    let after_name = before.is_some_and(|b| {
        is_cap(b)
            && !is_function_word(b)
            && text[..start]
                .strip_suffix(' ')
                .is_some_and(|h| h.ends_with(b))
    });
    if direction && !after_name {
        start..span.end
    } else {
        span
    }
}

/// "Wall Street Journal", "Main Street Bank": a capitalized word after the cue makes the
/// whole a longer name (an organisation), not a street.
/// (A day or month name after it is not part of the name: "Champs-Elysees boulevard Thursday".)
fn cue_starts_a_name(text: &str, end: usize, cue: &str) -> bool {
    // `end` is followed by one separator byte and the cue.
    let after = end + 1 + cue.len();
    // (In an all-capital headline a capital says nothing.)
    text.as_bytes().get(after) == Some(&b' ')
        && word_after(text, after)
            .is_some_and(|w| is_cap(w) && !is_all_caps(w) && !is_calendar_word(w))
}

/// Day and month names (months also abbreviated, as the structure stage reads them).
fn is_calendar_word(w: &str) -> bool {
    matches!(
        w,
        "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday"
    ) || crate::structure::month_at(w.as_bytes(), 0).is_some_and(|(_, end)| end == w.len())
}

/// A one-word common word after "in", "at", "from" and the like ([`alias_prep`]: not the
/// first word of a longer name), not a month or a weekday, where a town of 100,000 has the
/// name ("in Nice", but "in May", "from Bath's line-up", "in Orange-Co", "in English").
fn common_word_after_prep(text: &str, m: &Match, toks: &[Tok]) -> bool {
    m.first_tok == m.last_tok
        && alias_prep(text, m.span.clone())
        && !is_calendar_word(m.surface(text, toks))
        && m.cands
            .iter()
            .any(|c| c.class == PlaceClass::City && c.population >= BIG_CITY)
}

/// Capitalized function words that begin a sentence or a phrase, never a place's name.
fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "The"
            | "A"
            | "An"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "In"
            | "On"
            | "At"
            | "Of"
            | "From"
            | "To"
            | "For"
            | "By"
            | "With"
            | "And"
            | "But"
            | "Or"
            | "Its"
            | "His"
            | "Her"
            | "Their"
            | "Our"
            | "My"
            | "Your"
            | "Every"
            | "Each"
            | "Some"
            | "Any"
            | "No"
            | "Near"
            | "Outside"
            | "Inside"
            | "Along"
            | "Across"
    )
}

/// "County" or "Parish" (capitalized) right after a name.
#[inline(always)]
fn county_word(text: &str, end: usize) -> Option<&'static str> {
    // Cheap test first (run for every name, inline): " C" or " P" follows.
    let b = text.as_bytes();
    if b.get(end) != Some(&b' ') || !matches!(b.get(end + 1), Some(b'C' | b'P')) {
        return None;
    }
    county_word_after(text, end)
}

/// [`county_word`] past its byte test.
#[inline(never)]
fn county_word_after(text: &str, end: usize) -> Option<&'static str> {
    let rest = text.get(end..)?.strip_prefix(' ')?;
    ["County", "Parish"].into_iter().find(|c| {
        rest.starts_with(c)
            && !rest[c.len()..]
                .chars()
                .next()
                .is_some_and(|ch| ch.is_alphanumeric())
    })
}

#[inline(always)]
fn in_stop(w: &str) -> bool {
    // Every stop word starts with an ASCII capital and is at most 13 bytes long
    // (`word_sets_agree_with_their_lists`).
    if w.len() > 13 || !w.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
        return false;
    }
    STOP_SET.contains(w)
}

/// [`in_stop`], or in capitals ("FIRST", "CAPITAL" in a headline) a word that is a stop word
/// when capitalized: as a name to tag, it is as common either way. (Next to another name, a
/// word in capitals is still part of a headline's name: there [`in_stop`] applies.)
#[inline(always)]
fn common_word(w: &str) -> bool {
    let b = w.as_bytes();
    if b.len() > 1 && b.len() <= 13 && b.iter().all(u8::is_ascii_uppercase) {
        let mut buf = [0u8; 13];
        buf[..b.len()].copy_from_slice(b);
        buf[1..b.len()].make_ascii_lowercase();
        return std::str::from_utf8(&buf[..b.len()]).is_ok_and(|t| STOP_SET.contains(t));
    }
    in_stop(w)
}

static STOP_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(STOP_WORDS, false));

/// Prior preference of a candidate, before context (precomputed at load).
fn prior(c: &Candidate) -> f64 {
    f64::from(c.prior)
}

#[derive(Default)]
struct Context {
    /// (name key, packed country code, weight) of each clear mention; key 0 = the dateline.
    countries: Vec<(usize, u16, f64)>,
    /// (name key, admin1 id, packed country code) of regions named in the document or
    /// holding its dateline.
    regions: Vec<(usize, u64, u16)>,
    /// The countries named in the document, with their points.
    nations: Vec<Nation>,
    /// The dateline's place, when it resolves.
    dateline: Option<u32>,
    /// [`bit_of`] of every country code in `countries` and of every admin1 id in `regions`:
    /// most candidates are in neither, which one test tells.
    cc_mask: u64,
    region_mask: u64,
}

/// One of 64 bits for a country code or an admin1 id (a filter: different values may
/// share a bit).
#[inline(always)]
fn bit_of(x: u64) -> u64 {
    1 << (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58)
}

impl Context {
    /// Add weight `w` to country `cc` from the mentions of name `key` (aggregated, so the
    /// list stays as short as the number of distinct names).
    fn add_country(&mut self, key: usize, cc: u16, w: f64) {
        self.cc_mask |= bit_of(u64::from(cc));
        match self.countries.iter_mut().find(|c| c.0 == key && c.1 == cc) {
            Some(c) => c.2 += w,
            None => self.countries.push((key, cc, w)),
        }
    }

    /// Weight of `cc` in the document, leaving out the mentions of name `key`.
    fn country_weight(&self, cc: u16, key: usize) -> Option<f64> {
        if self.cc_mask & bit_of(u64::from(cc)) == 0 {
            return None;
        }
        let w: f64 = self
            .countries
            .iter()
            .filter(|c| c.0 != key && c.1 == cc)
            .map(|c| c.2)
            .sum();
        (w > 0.0).then_some(w)
    }

    fn has_region(&self, admin1: u64, key: usize) -> bool {
        admin1 != 0
            && self.region_mask & bit_of(admin1) != 0
            && self.regions.iter().any(|r| r.0 != key && r.1 == admin1)
    }

    fn add_region(&mut self, key: usize, admin1: u64, cc: u16) {
        self.region_mask |= bit_of(admin1);
        self.regions.push((key, admin1, cc));
    }

    /// Does the document name another region of country `cc` than `admin1`, or hold its
    /// dateline in one (leaving out the mentions of name `key`)?
    fn has_other_region(&self, cc: u16, admin1: u64, key: usize) -> bool {
        self.regions
            .iter()
            .any(|r| r.0 != key && r.2 == cc && r.1 != admin1)
    }

    /// Does the document name a country other than `except` within [`NEIGHBOUR_KM`] of
    /// (`lat`, `lon`) (leaving out the mentions of name `key`)?
    fn has_nation_near(&self, lat: f32, lon: f32, except: u16, key: usize) -> bool {
        self.nations
            .iter()
            .any(|n| n.0 != key && n.1 != except && approx_km(lat, lon, n.2, n.3) < NEIGHBOUR_KM)
    }
}

/// A dateline the structure stage did not report: a place in capitals at the start of a
/// line, followed by a dash or an agency in brackets ("DALLAS —", "BEIRUT (Reuters) -").
fn dateline_guess<'t>(text: &'t str, matches: &[Match]) -> Option<&'t str> {
    for m in matches {
        if m.span.start > 2000 {
            break;
        }
        // (The line start first, on a byte: most names are inside a line.)
        let at_line_start =
            m.span.start == 0 || text.as_bytes().get(m.span.start - 1) == Some(&b'\n');
        if !at_line_start {
            continue;
        }
        let Some(s) = text.get(m.span.clone()) else {
            continue;
        };
        if !is_all_caps(s) || s.len() < 3 {
            continue;
        }
        let mut rest = &text[m.span.end..];
        // "PARIS, Texas —", "OTTAWA, ONT. —"
        if let Some(r) = rest.strip_prefix(", ") {
            let n = r.find([' ', '\n']).unwrap_or(r.len());
            rest = &r[n..];
        }
        let rest = rest.trim_start_matches(' ');
        if rest.starts_with(['—', '–', '-', '(']) {
            return Some(s);
        }
    }
    None
}

/// The place of the dateline: a town ("WASHINGTON" is the capital, not the state), inside
/// the region or country written after it ("GLASGOW, Ky. (WBKO)", "PARIS, Texas -"), else
/// the most preferred town, in a country the document names if there is one.
fn dateline_place<'g>(
    text: &str,
    gaz: &'g Gazetteer,
    d: &str,
    matches: &[Match],
    cx: &Context,
) -> Option<&'g Candidate> {
    let cands = gaz.lookup_name(d);
    let town = |c: &&Candidate| matches!(c.class, PlaceClass::City | PlaceClass::Capital);
    let at = matches
        .iter()
        .take_while(|m| m.span.start <= 2000)
        .position(|m| text[m.span.clone()].eq_ignore_ascii_case(d));
    let own_key = at.map_or(usize::MAX, |i| matches[i].cands.as_ptr() as usize);
    let qualifier = at.and_then(|i| {
        matches
            .get(i + 1)
            .filter(|n| text.get(matches[i].span.end..n.span.start) == Some(", "))
    });
    if let Some(q) = qualifier
        && let Some(c) = cands
            .iter()
            .filter(town)
            .find(|c| q.cands.iter().any(|r| contains(r, c)))
    {
        return Some(c);
    }
    // As for any mention: the prior, plus support from the countries and regions the rest
    // of the document names.
    let score = |c: &Candidate| {
        let region = if cx.has_region(c.admin1, own_key) {
            6.0
        } else {
            0.0
        };
        prior(c)
            + region
            + cx.country_weight(c.cc, own_key)
                .map_or(0.0, |w| 8.0 + 2.0 * w.ln_1p())
    };
    let mut best: Option<(&Candidate, f64)> = None;
    for c in cands.iter().filter(town) {
        let s = score(c);
        if best.is_none_or(|b| s > b.1) {
            best = Some((c, s));
        }
    }
    best.map(|b| b.0).or_else(|| best_by_prior(cands, false))
}

/// Is place `c` inside region or country `r` (and not `r` itself)?
fn contains(r: &Candidate, c: &Candidate) -> bool {
    r.place != c.place
        && match r.class {
            PlaceClass::Country => r.cc == c.cc && r.cc != 0,
            PlaceClass::Region => r.admin1 == c.admin1 && c.admin1 != 0,
            _ => false,
        }
}

/// The first (most preferred: candidates are sorted by prior at load) usable candidate.
fn best_by_prior(cands: &[Candidate], acronym_only: bool) -> Option<&Candidate> {
    cands.iter().find(|c| !acronym_only || c.acronym)
}

fn acronym_only(m: &Match) -> bool {
    m.acr
}

fn resolve(
    text: &str,
    toks: &[Tok],
    gaz: &Gazetteer,
    ctx: &DocContext,
    matches: &[Match],
    locals: &mut Vec<(ByteSpan, PlaceKind)>,
    bufs: &mut ResolveBufs,
) -> Vec<PlaceMention> {
    let ResolveBufs {
        countries,
        regions,
        nations,
        anchors,
        pool,
        pooled,
        memo,
        stop_words,
        common,
        scored: scored_buf,
        out: out_buf,
        readings,
        ..
    } = bufs;
    readings.clear();
    anchors.clear();
    countries.clear();
    regions.clear();
    nations.clear();
    pool.clear();
    pooled.clear();
    memo.clear();
    let mut memo_heads = [NO_ENTRY; MEMO_SLOTS];
    // (Each match's word tested once: the test is a visible share of the stage's time.)
    stop_words.clear();
    stop_words.extend(matches.iter().map(|m| common_word(m.surface(text, toks))));
    let stop_words: &[bool] = stop_words;
    let with_list_cues = list_cues(text, matches, stop_words);
    let matches = with_list_cues.as_deref().unwrap_or(matches);
    // "Town, Region" / "Town, Country": the container that follows each match.
    let container_of = |mi: usize| {
        let m: &Match = &matches[mi];
        matches
            .get(mi + 1)
            .filter(|n| gap_is(text.get(m.span.end..n.span.start), ", "))
            .map(|n| n.cands)
    };
    // A common word ("May", "Union", "Christmas") with no cue and no "Town, Region" pair is
    // no place unless it is the dateline (see below), so it says nothing about the others
    // either: a Christmas Day story is no evidence for the towns near Christmas, Florida.
    common.clear();
    common.extend(matches.iter().enumerate().map(|(mi, m)| {
        stop_words[mi]
                && m.cue == Cue::None
                && container_of(mi).is_none()
                // ("Churchill, Man.": a region's abbreviation after "Town, " is no common word.)
                && !(follows_place_comma(text, m, matches, mi)
                    && m.cands.iter().any(|c| c.kind == NameKind::Abbrev))
                // ("in Nice", "from Split": decided by `accept`, on the article's support.)
                && !common_word_after_prep(text, m, toks)
    }));
    // "Real Madrid", "Bayern Munich", "New York Yankees": a club's or a team's name is no
    // place, and no evidence for the others either (a baseball story's "New York Yankees"
    // does not make "Athens" the town in New York); the club word after the town goes with
    // it when it is a name ("Munich" after "Bayern").
    for mi in 0..matches.len() {
        if let Some(at) = club_name(text, toks, &matches[mi]) {
            common[mi] = true;
            if let Some(n) = matches.get(mi + 1)
                && n.span.start == at
            {
                common[mi + 1] = true;
            }
        }
    }
    let common: &[bool] = common;
    // Context: what the clear mentions say (countries, regions, capitals, big cities). Each
    // contribution remembers its name (the candidate slice), so a name never supports itself.
    let mut cx = Context {
        countries: std::mem::take(countries),
        regions: std::mem::take(regions),
        nations: std::mem::take(nations),
        dateline: None,
        cc_mask: 0,
        region_mask: 0,
    };
    for (m, _) in matches.iter().zip(common).filter(|x| !x.1) {
        let Some(p) = best_by_prior(m.cands, acronym_only(m)) else {
            continue;
        };
        let w = match p.class {
            PlaceClass::Country => 1.0,
            PlaceClass::Region => 0.7,
            PlaceClass::Capital | PlaceClass::County => 0.7,
            PlaceClass::City if p.population >= METROPOLIS => 0.5,
            _ => 0.0,
        };
        let key = m.cands.as_ptr() as usize;
        if w > 0.0 && p.cc != 0 {
            cx.add_country(key, p.cc, w);
        }
        // A county names its state too, when the name is unambiguous.
        let region_too =
            p.class == PlaceClass::Region || p.class == PlaceClass::County && m.cands.len() == 1;
        if region_too && !cx.regions.contains(&(key, p.admin1, p.cc)) {
            cx.add_region(key, p.admin1, p.cc);
        }
        if p.class == PlaceClass::Country && !cx.nations.iter().any(|n| n.0 == key) {
            cx.nations.push((key, p.cc, p.lat, p.lon));
        }
    }
    let dateline = match ctx.dateline.as_deref() {
        Some(d) => Some(d),
        None => dateline_guess(text, matches),
    };
    if let Some(d) = dateline
        && let Some(p) = dateline_place(text, gaz, d, matches, &cx)
    {
        cx.dateline = Some(p.place);
        {
            if p.cc != 0 {
                cx.add_country(0, p.cc, 1.0);
            }
            if p.admin1 != 0 {
                cx.add_region(0, p.admin1, p.cc);
            }
        }
    }

    // Anchors: where the document's clear mentions are (one candidate, or a capital or
    // metropolis), to prefer the namesake town near them ("Edmonton" next to "Enfield").
    // (A common word that is the dateline counts: it is a place there.)
    let is_dateline = |m: &Match| {
        cx.dateline
            .is_some_and(|d| m.cands.iter().any(|c| c.place == d))
    };
    let counts = |mi: usize| !common[mi] || is_dateline(&matches[mi]);
    for (_, m) in matches.iter().enumerate().filter(|x| counts(x.0)) {
        let Some(p) = best_by_prior(m.cands, acronym_only(m)) else {
            continue;
        };
        let clear = m.cands.len() == 1
            || p.class == PlaceClass::Capital
            || p.class == PlaceClass::City && p.population >= METROPOLIS;
        if clear && matches!(p.class, PlaceClass::City | PlaceClass::Capital) {
            let a = (m.cands.as_ptr() as usize, p.cc, p.lat, p.lon, p.admin1);
            if !anchors.contains(&a) {
                anchors.push(a);
            }
        }
    }
    // Co-location: the first few town readings of each ambiguous name. Two names whose
    // namesakes lie next to each other ("Danbury" and "New Milford", "Edmonton" and
    // "Enfield") support those readings, as a reader of local news assumes.
    for (_, m) in matches.iter().enumerate().filter(|x| counts(x.0)) {
        let key = m.cands.as_ptr() as usize;
        if m.cands.len() < 2 || m.acr || pooled.contains(&key) {
            continue;
        }
        pooled.push(key);
        let towns = m
            .cands
            .iter()
            .filter(|c| matches!(c.class, PlaceClass::City | PlaceClass::Capital));
        pool.extend(towns.take(COLOC_K).map(|c| (key, c.lat, c.lon)));
    }
    // By latitude, so a candidate looks only at the band of latitudes around it (the order
    // of `f32::total_cmp` on integer keys; entries with equal keys are equal). A short pool
    // is read whole instead: sorting it costs more than its look-ups save.
    if pool.len() > SORTED_POOL {
        pool.sort_unstable_by_key(|a| total_key(a.1));
    }
    let anchor_mask = anchors
        .iter()
        .fold(0, |acc, a| acc | bit_of(u64::from(a.1)));
    // Computed on first need: only small towns are checked against personal names.
    let mut pairs: Vec<(&str, Roles)> = Vec::new();
    let mut firsts: Vec<(&str, bool)> = Vec::new();
    let mut kin_doc: Option<bool> = None;
    let mut tok_index: Option<TokIndex> = None;

    // Built in a kept buffer, returned in one of the exact size (see the end).
    let mut out: Vec<PlaceMention> = std::mem::take(out_buf);
    out.clear();
    let mut scored = recycle(std::mem::take(scored_buf));
    // Whether the previous match has a container: then this one follows "Town, "
    // (`follows_place_comma`, the same gap tested once).
    let mut after_comma = false;
    // The names written, for [`agree_with_clear_readings`]: where each is in `out`, its
    // candidates' key, its reading, and whether that reading is clear (a "Town, Region"
    // pair, the dateline, a cue) or the mention is bare (no cue, no container); and whether
    // any reading was clear.
    let mut any_clear = false;
    // Alternate names of small towns read as the town by a cue ("at Auschwitz", "Lago Agrio,
    // Ecuador": name key, place of `out`), and the matches whose only readings were such
    // names, bare. Where one name is both, the names are read again, the bare ones as after
    // the cue (`forced`): "Wreaths were laid at Auschwitz ... the Auschwitz museum" (one
    // reading per document; the person and name tests still apply).
    let mut alias_read: Vec<(usize, usize)> = Vec::new();
    let mut alias_bare: Vec<usize> = Vec::new();
    let mut forced: Vec<usize> = Vec::new();
    loop {
        for (mi, m) in matches.iter().enumerate() {
            let acr = acronym_only(m);
            let comma_container = container_of(mi);
            let abbrev_ok = std::mem::replace(&mut after_comma, comma_container.is_some());
            // "Manchester and Portsmouth in New Hampshire": the place after "in" holds the towns
            // listed before it, as "Town, Region" does (not for a common word: "May in Britain").
            // (Most names are followed by no list gap, two to six bytes long: tested here.)
            let container = comma_container.or_else(|| {
                let gap = matches
                    .get(mi + 1)
                    .map_or(0, |n| n.span.start.wrapping_sub(m.span.end));
                ((2..=6).contains(&gap) && !stop_words[mi])
                    .then(|| listed_in(text, matches, mi))
                    .flatten()
            });
            let dotted_abbrev = || abbrev_ok && m.cands.iter().any(|c| c.kind == NameKind::Abbrev);
            let single = m.surface(text, toks);
            let stop_word = stop_words[mi];
            // A common word (or a club's name) is accepted only as the dateline: decided before
            // any scoring.
            if common[mi] && !is_dateline(m) {
                continue;
            }
            // "Atlanta, Georgia": the town before the comma (its preferred reading) is inside.
            let contained = if abbrev_ok {
                matches
                    .get(mi.wrapping_sub(1))
                    .and_then(|p| best_by_prior(p.cands, acronym_only(p)))
                    .filter(|c| {
                        matches!(
                            c.class,
                            PlaceClass::City | PlaceClass::Capital | PlaceClass::County
                        )
                    })
            } else {
                None
            };
            // "Strait of Hormuz", "Kharg island", "Guantanamo Bay" (see `feature_cue`): an
            // alternate name of a small town may stand alone.
            let mut feature = container.is_none()
                && (feature_cue(text, m.span.clone(), single)
                    || !forced.is_empty()
                        && forced.contains(&(m.cands.as_ptr() as usize))
                        && !name_goes_on(text, m.span.end));
            // "in Davos": a name no city bears is a place after a locative preposition, and its
            // country may support a small town ("in Toronto" in a U.S. story is not Toronto,
            // Ohio). (False for most names, which keeps the memo's keys few.)
            let locative = !m.cands.iter().any(|c| c.population >= BIG_CITY)
                && words_before(text, m.span.start)
                    .0
                    .is_some_and(|w| LOCATIVE_PREPS.iter().any(|p| p.eq_ignore_ascii_case(w)));
            let result = loop {
                let memo_key = (
                    m.cands.as_ptr() as usize,
                    acr,
                    abbrev_ok,
                    container.map_or(0, |c| c.as_ptr() as usize),
                    contained.map_or(u32::MAX, |c| c.place),
                    m.cue,
                    feature,
                    locative,
                );
                let r = match memo_find(memo, &memo_heads, &memo_key) {
                    Some(r) => r,
                    None => {
                        let r = score_mention(
                            m,
                            acr,
                            abbrev_ok,
                            container,
                            contained,
                            feature,
                            locative,
                            &cx,
                            (&anchors[..], anchor_mask, &pool[..]),
                            &mut scored,
                        );
                        let slot = memo_slot(memo_key.0);
                        memo.push((memo_key, r, memo_heads[slot]));
                        memo_heads[slot] = (memo.len() - 1) as u32;
                        r
                    }
                };
                // "at Auschwitz" (`alias_prep`): the town, when every reading is an alternate name
                // of a small town (so none was left), not another place's own name or a larger
                // place's ("in Denver" is Denver, Colorado, "in Frankfurt" Frankfurt am Main).
                if r.is_none()
                    && !feature
                    && container.is_none()
                    && alias_prep(text, m.span.clone())
                    && only_small_aliases(m.cands)
                {
                    feature = true;
                    continue;
                }
                break r;
            };
            let Some(Scored {
                best_s,
                cand,
                support,
                second,
            }) = result
            else {
                if !feature && container.is_none() && m.cue == Cue::None {
                    alias_bare.push(mi);
                }
                if matches!(m.cue, Cue::Local | Cue::District | Cue::WeakLocal) {
                    out.push(local(street_name(text, m.span.clone())));
                }
                continue;
            };
            let p = &cand;
            let stop = stop_word && !dotted_abbrev();
            // A word also used in a person's or organisation's name in this document ("Michael
            // Steele ... Steele said") is not a small town.
            let one = m.first_tok == m.last_tok;
            // "the Boons", "the Smiths": a small town is not preceded by "the".
            // (Computed where needed: most mentions need neither.)
            let after_the = || prev_word_is(text, m.span.start, b"the");
            let in_doc_country = || cx.country_weight(p.cc, m.cands.as_ptr() as usize).is_some();
            // Sub-city cues win over a namesake town.
            let is_town = matches!(p.class, PlaceClass::City);
            let local_cue = match m.cue {
                Cue::Local => !matches!(p.class, PlaceClass::Country | PlaceClass::Continent),
                Cue::District => {
                    is_town && !(p.population >= BIG_CITY && in_doc_country())
                        || p.class == PlaceClass::Capital && !in_doc_country()
                }
                _ => false,
            };
            if local_cue {
                out.push(local(street_name(text, m.span.clone())));
                continue;
            }
            // (Only "Town, Region" overrides the name tests: "Strondberg Vaasa in Finland" is a
            // company's name.)
            let strong = comma_container.is_some() && support && best_s - prior(p) >= 30.0
                || cx.dateline == Some(cand.place);
            // A small town or region with no support and no "city" cue is never accepted (see
            // `accept` below, whatever the name tests say): without a weak local cue, which the
            // person test can still cancel, nothing is written, so the tests are skipped.
            let doomed = !stop
                && matches!(p.class, PlaceClass::City | PlaceClass::Region)
                && p.population < BIG_CITY
                && !support
                && m.cue != Cue::City;
            if doomed && m.cue != Cue::WeakLocal {
                // A bare name no reading supports may still be a town read clearly by its
                // alternate name elsewhere ("near Baker, Oregon ... Baker officials").
                if !feature && container.is_none() && m.cue == Cue::None {
                    alias_bare.push(mi);
                }
                continue;
            }
            // "Georgia Stevens ... Cory Stevens ... Georgia's father": the document's person,
            // unless the place is plain here ("in Georgia", "Atlanta, Georgia", "Georgia state").
            // Most articles name no place with a relative ("Georgia's father"): then no place's
            // name is a person's.
            if one
                && !m.acr
                && !strong
                && !matches!(m.cue, Cue::City | Cue::Region)
                && *kin_doc
                    .get_or_insert_with(|| matches.iter().any(|x| kin_after(text, x.span.end)))
                && out
                    .last()
                    .is_none_or(|p: &PlaceMention| text.get(p.span.end..m.span.start) != Some(", "))
                && !words_before(text, m.span.start).0.is_some_and(place_prep)
            {
                let person = match firsts.iter().find(|x| x.0 == single) {
                    Some(x) => x.1,
                    None => {
                        let index = tok_index.get_or_insert_with(|| index_tokens(text, toks));
                        let r = first_name_here(text, toks, index, single);
                        firsts.push((single, r));
                        r
                    }
                };
                if person {
                    continue;
                }
            }
            let accept = if stop {
                strong
                    || matches!(m.cue, Cue::City | Cue::Region) && support
                    // "ferries from Split ... Croatian officials", "in Nice": a town of
                    // 100,000 after "in" and the like, in a country or region the article
                    // names (not a month: "in May").
                    || support
                        && p.class == PlaceClass::City
                        && p.population >= BIG_CITY
                        && common_word_after_prep(text, m, toks)
            } else {
                match p.class {
                    // "Metcalfe County": the generic word makes it a place.
                    PlaceClass::Country | PlaceClass::Continent | PlaceClass::County => true,
                    // A first-level region is known well enough, unless it is as small as a
                    // town (the municipalities of Slovenia, "Stein" for Kamnik).
                    // A region nothing in the article supports is not one whose name the
                    // article uses as a person's or a firm's ("Princess Diana", "Ferdinand
                    // Marcos", "Delta Air Lines", "Van Gogh").
                    PlaceClass::Region if p.population >= BIG_CITY => {
                        support
                            || strong
                            || matches!(m.cue, Cue::Region | Cue::City)
                            // "the South East", "the East Midlands", "the Southern District":
                            // a description, which names Botswana's or Zimbabwe's region only
                            // where the article is about them.
                            || !descriptive_name(&text[m.span.clone()])
                                && (!one || after_locative_prep(text, m.span.start) || {
                                    let roles = roles_of(
                                        &mut pairs,
                                        &mut tok_index,
                                        text,
                                        toks,
                                        matches,
                                        single,
                                    );
                                    !(roles.first || roles.second)
                                })
                    }
                    PlaceClass::Capital if p.population >= BIG_CITY => true,
                    // A small capital ("Victoria", Seychelles) is known without support, but its
                    // name is a person's or a company's as often as a town's ("Victoria Wood",
                    // "Douglas Hurd", "Morgan Stanley").
                    PlaceClass::City | PlaceClass::Region | PlaceClass::Capital => {
                        let is_town = true;
                        // "the Winnipeg Free Press", "CTV Winnipeg": a town named inside the name
                        // of an organisation is still a mention of the town.
                        let big = p.population >= BIG_CITY;
                        let mut part_of_name = is_town
                            && (p.population < BIG_CITY && after_the()
                                || p.population < METROPOLIS
                                    && inside_longer_name(text, toks, m.first_tok, m.last_tok))
                            && !in_organisation_name(text, toks, m.first_tok, m.span.end, big)
                            || p.class == PlaceClass::City
                                && p.population < METROPOLIS
                                && (hyphen_compound(text, matches, mi)
                                    || ampersand_name(text, matches, mi));
                        if is_town && !part_of_name && one && p.population < METROPOLIS {
                            let roles =
                                roles_of(&mut pairs, &mut tok_index, text, toks, matches, single);
                            // ("He lived in Denver", after "John Denver sang": the place.)
                            let city = p.class == PlaceClass::City;
                            part_of_name = (roles.second
                                || (roles.first || roles.speaker)
                                    && city
                                    && p.population < BIG_CITY)
                                && !after_locative_prep(text, m.span.start);
                        }
                        if part_of_name && !strong {
                            false
                        } else if p.population >= BIG_CITY || p.class == PlaceClass::Capital {
                            true
                        } else {
                            support || matches!(m.cue, Cue::City)
                        }
                    }
                }
            };
            if !accept {
                if matches!(m.cue, Cue::WeakLocal) {
                    out.push(local(street_name(text, m.span.clone())));
                }
                continue;
            }
            // "Barca", "Bayern", "Lazio" alone: the club (see CLUB_SHORT).
            if one
                && !strong
                && m.cue == Cue::None
                && CLUB_SHORT_SET.contains(single)
                && !words_before(text, m.span.start)
                    .0
                    .is_some_and(|w| LOCATIVE_PREPS.contains(&w) || w == "di" || w == "de")
            {
                continue;
            }
            let margin = best_s - second;
            let mut conf = if second.is_finite() {
                1.0 - (-margin / 6.0).exp()
            } else {
                0.9
            };
            if support {
                conf = conf.max(0.6);
            }
            let conf = conf.clamp(0.05, 0.99) as f32;
            let Some(p) = gaz.place(cand.place) else {
                continue;
            };
            let span = if cand.kind == NameKind::Name && cand.class != PlaceClass::Country {
                with_direction(text, m.span.clone())
            } else {
                m.span.clone()
            };
            let clear = strong || matches!(m.cue, Cue::Region | Cue::City);
            any_clear |= clear;
            if cand.alias
            && cand.class == PlaceClass::City
            && cand.population < BIG_CITY
            // (A cue, or a container the town lies in: "Lago Agrio in Ecuador".)
            && (feature
                || strong
                || container.is_some() && best_s - prior(&cand) >= 30.0)
            {
                alias_read.push((m.cands.as_ptr() as usize, out.len()));
            }
            readings.push(Reading {
                at: out.len() as u32,
                key: m.cands.as_ptr() as usize,
                place: cand.place,
                cc: cand.cc,
                class: cand.class,
                clear,
                bare: m.cue == Cue::None
                    && !acr
                    && container.is_none()
                    && contained.is_none()
                    && cand.kind == NameKind::Name,
            });
            out.push(PlaceMention {
                span,
                kind: if cand.kind == NameKind::Demonym {
                    PlaceKind::Demonym
                } else {
                    PlaceKind::Name
                },
                geonameid: Some(p.geonameid),
                name: Some(gaz.name(p).to_string()),
                country_code: match gaz.country(p) {
                    "" => None,
                    cc => Some(cc.to_string()),
                },
                feature_code: Some(p.class.feature_code().to_string()),
                lat: Some(p.lat),
                lon: Some(p.lon),
                confidence: conf,
            });
        }
        if !forced.is_empty() || alias_read.is_empty() || alias_bare.is_empty() {
            break;
        }
        forced = aliases_read_once(matches, &alias_read, &alias_bare, &out);
        if forced.is_empty() {
            break;
        }
        out.clear();
        readings.clear();
        any_clear = false;
        after_comma = false;
        alias_read.clear();
        alias_bare.clear();
    }
    if any_clear {
        agree_with_clear_readings(gaz, readings, &mut out);
    }
    out.extend(locals.drain(..).map(|(span, kind)| PlaceMention {
        kind,
        ..local(if kind == PlaceKind::Local {
            street_name(text, span)
        } else {
            span
        })
    }));
    // Nearly always in order already (the matches are, and most documents have no local
    // name): a stable sort of an ordered list changes nothing, and the test is cheaper.
    // (The context's lists go back to the buffers, for the next document.)
    *countries = cx.countries;
    *regions = cx.regions;
    *nations = cx.nations;
    if !out.is_sorted_by_key(|p| (p.span.start, p.span.end)) {
        out.sort_by_key(|p| (p.span.start, p.span.end));
    }
    out.dedup_by(|b, a| b.span.start < a.span.end);
    *scored_buf = recycle(scored);
    let mut found = Vec::with_capacity(out.len());
    found.append(&mut out);
    *out_buf = out;
    found
}

/// The keys of the alternate names of small towns read as their town by a cue (`read`: name
/// key, place of `out`), all as one town, that stand bare elsewhere (`bare`: matches left
/// without a reading): see `forced` in [`resolve`].
#[inline(never)]
fn aliases_read_once(
    matches: &[Match],
    read: &[(usize, usize)],
    bare: &[usize],
    out: &[PlaceMention],
) -> Vec<usize> {
    let mut keys = Vec::new();
    for &(key, at) in read {
        if keys.contains(&key)
            || !bare.iter().any(|&mi| {
                matches
                    .get(mi)
                    .is_some_and(|m| m.cands.as_ptr() as usize == key)
            })
        {
            continue;
        }
        let place = out.get(at).map(|p| p.geonameid);
        if read
            .iter()
            .all(|r| r.0 != key || out.get(r.1).map(|p| p.geonameid) == place)
        {
            keys.push(key);
        }
    }
    keys
}

/// A name written by [`resolve`] (see `readings` there).
struct Reading {
    at: u32,
    key: usize,
    place: u32,
    cc: u16,
    class: PlaceClass,
    clear: bool,
    bare: bool,
}

/// A name read clearly in one place of the document ("Madera, Calif.", "the governor of
/// Georgia") is read so where it stands bare ("the Madera winery", "Georgia motorists"),
/// before or after, when its bare reading lies in another country or is another town: a
/// reader takes the article's own word for which place it is. A city and the region of the
/// same name in one country stay apart, as a cue told them ("New York Gov." and "in New
/// York"); so do names read clearly as two places ("Paris, Texas" and "Paris, France").
#[inline(never)]
fn agree_with_clear_readings(gaz: &Gazetteer, readings: &[Reading], out: &mut [PlaceMention]) {
    for r in readings.iter().filter(|r| r.bare && !r.clear) {
        let mut clear = readings.iter().filter(|c| c.clear && c.key == r.key);
        let Some(c) = clear.next() else {
            continue;
        };
        if c.place == r.place || clear.any(|d| d.place != c.place) {
            continue;
        }
        let town = |x: &Reading| matches!(x.class, PlaceClass::City | PlaceClass::Capital);
        if c.cc == r.cc && !(town(c) && town(r)) {
            continue;
        }
        let (Some(p), Some(m)) = (gaz.place(c.place), out.get_mut(r.at as usize)) else {
            continue;
        };
        m.geonameid = Some(p.geonameid);
        m.name = Some(gaz.name(p).to_string());
        m.country_code = match gaz.country(p) {
            "" => None,
            cc => Some(cc.to_string()),
        };
        m.feature_code = Some(p.class.feature_code().to_string());
        m.lat = Some(p.lat);
        m.lon = Some(p.lon);
    }
}

/// Words before a town's name that make it a football club's ("Real Madrid", "AC Milan",
/// "Bayern Munich"); matched with their case.
const CLUB_BEFORE: &[&str] = &[
    "AC",
    "AS",
    "Athletic",
    "Atletico",
    "Atlético",
    "Bayern",
    "Borussia",
    "CSKA",
    "Deportivo",
    "Dinamo",
    "Dynamo",
    "Eintracht",
    "Hapoel",
    "Hertha",
    "Inter",
    "Lokomotiv",
    "Maccabi",
    "Olympique",
    "Partizan",
    "Racing",
    "Real",
    "Spartak",
    "Sporting",
    "Steaua",
    "Werder",
];
/// Words after a town's name that make it a football club's ("Manchester United", "Charlton
/// Athletic"), unless a capitalized word follows (an organisation's name goes on).
const CLUB_AFTER: &[&str] = &[
    "AFC",
    "Albion",
    "Argyle",
    "Athletic",
    "FC",
    "Hotspur",
    "Orient",
    "Rovers",
    "Saint-Germain",
    "St-Germain",
    "United",
    "Wanderers",
];
/// Words after a British town's name that make it a club's ("Exeter City", "Ipswich
/// Town"), but not an organisation's ("Manchester City Council").
const CLUB_AFTER_GB: &[&str] = &["City", "Town"];

/// Names by which English copy calls football clubs (or, "Roma", a people) far more often
/// than the places: the place's name in its own language where English has another
/// ("Bayern" for Bavaria, "Napoli" for Naples), a nickname ("Barca"), and clubs named after
/// a region or a smaller town abroad ("Lazio"; "Ajax" for Ajax, Ontario). Alone, such a name
/// is the place only after "in" and the like or "di" ("Banco di Roma", a bank named after
/// the town, as in English), with a cue ("Lazio region") or as "Town, Region" ("Ajax,
/// Ontario").
const CLUB_SHORT: &[&str] = &[
    "Ajax", "Barca", "Barça", "Bayern", "Lazio", "Napoli", "Roma", "Sevilla", "Torino",
];

static CLUB_SHORT_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(CLUB_SHORT, false));

/// North American teams (MLB, NBA, NHL, NFL, CFL, MLS; with former names still in news
/// archives, "Montreal Expos", "Washington Redskins"): the town or state is part of the
/// team's name ("Boston Red Sox", "Los Angeles Lakers"), and no mention of the place, as for
/// football clubs. Whole names, since a nickname alone is no team's ("The Texas Cowboys" are
/// a band); "Texas Rangers" is left out (the state's police too).
const TEAMS: &[&str] = &[
    "Anaheim Angels",
    "Anaheim Ducks",
    "Anaheim Mighty Ducks",
    "Arizona Cardinals",
    "Arizona Coyotes",
    "Arizona Diamondbacks",
    "Atlanta Braves",
    "Atlanta Falcons",
    "Atlanta Flames",
    "Atlanta Hawks",
    "Atlanta Thrashers",
    "Baltimore Colts",
    "Baltimore Orioles",
    "Baltimore Ravens",
    "Boston Braves",
    "Boston Bruins",
    "Boston Celtics",
    "Boston Red Sox",
    "British Columbia Lions",
    "Brooklyn Dodgers",
    "Brooklyn Nets",
    "Buffalo Bills",
    "Buffalo Sabres",
    "Calgary Flames",
    "Calgary Stampeders",
    "California Angels",
    "Carolina Hurricanes",
    "Carolina Panthers",
    "Charlotte Bobcats",
    "Charlotte Hornets",
    "Chicago Bears",
    "Chicago Black Hawks",
    "Chicago Blackhawks",
    "Chicago Bulls",
    "Chicago Cubs",
    "Chicago White Sox",
    "Cincinnati Bengals",
    "Cincinnati Reds",
    "Cleveland Browns",
    "Cleveland Cavaliers",
    "Cleveland Guardians",
    "Cleveland Indians",
    "Colorado Avalanche",
    "Colorado Rapids",
    "Colorado Rockies",
    "Columbus Blue Jackets",
    "Columbus Crew",
    "Dallas Cowboys",
    "Dallas Mavericks",
    "Dallas Stars",
    "Denver Broncos",
    "Denver Nuggets",
    "Detroit Lions",
    "Detroit Pistons",
    "Detroit Red Wings",
    "Detroit Tigers",
    "Edmonton Elks",
    "Edmonton Eskimos",
    "Edmonton Oilers",
    "Florida Marlins",
    "Florida Panthers",
    "Green Bay Packers",
    "Hamilton Tiger-Cats",
    "Hartford Whalers",
    "Houston Astros",
    "Houston Dynamo",
    "Houston Oilers",
    "Houston Rockets",
    "Houston Texans",
    "Indiana Pacers",
    "Indianapolis Colts",
    "Jacksonville Jaguars",
    "Kansas City Chiefs",
    "Kansas City Kings",
    "Kansas City Royals",
    "Las Vegas Raiders",
    "Los Angeles Angels",
    "Los Angeles Chargers",
    "Los Angeles Clippers",
    "Los Angeles Dodgers",
    "Los Angeles Galaxy",
    "Los Angeles Kings",
    "Los Angeles Lakers",
    "Los Angeles Raiders",
    "Los Angeles Rams",
    "Memphis Grizzlies",
    "Miami Dolphins",
    "Miami Heat",
    "Miami Marlins",
    "Milwaukee Brewers",
    "Milwaukee Bucks",
    "Minnesota North Stars",
    "Minnesota Timberwolves",
    "Minnesota Twins",
    "Minnesota Vikings",
    "Minnesota Wild",
    "Montreal Alouettes",
    "Montreal Canadiens",
    "Montreal Expos",
    "Montreal Impact",
    "Nashville Predators",
    "New England Patriots",
    "New England Revolution",
    "New Jersey Devils",
    "New Jersey Nets",
    "New Orleans Hornets",
    "New Orleans Pelicans",
    "New Orleans Saints",
    "New York Giants",
    "New York Islanders",
    "New York Jets",
    "New York Knicks",
    "New York Mets",
    "New York Nets",
    "New York Rangers",
    "New York Red Bulls",
    "New York Yankees",
    "Oakland Athletics",
    "Oakland Raiders",
    "Oklahoma City Thunder",
    "Orlando Magic",
    "Ottawa Redblacks",
    "Ottawa Rough Riders",
    "Ottawa Senators",
    "Philadelphia Eagles",
    "Philadelphia Flyers",
    "Philadelphia Phillies",
    "Philadelphia Union",
    "Phoenix Coyotes",
    "Phoenix Suns",
    "Pittsburgh Penguins",
    "Pittsburgh Pirates",
    "Pittsburgh Steelers",
    "Portland Timbers",
    "Portland Trail Blazers",
    "Quebec Nordiques",
    "Sacramento Kings",
    "San Antonio Spurs",
    "San Diego Chargers",
    "San Diego Padres",
    "San Francisco Giants",
    "San Francisco Warriors",
    "San Jose Earthquakes",
    "San Jose Sharks",
    "Saskatchewan Roughriders",
    "Seattle Kraken",
    "Seattle Mariners",
    "Seattle Seahawks",
    "Seattle Sonics",
    "Seattle Sounders",
    "Seattle SuperSonics",
    "St. Louis Blues",
    "St. Louis Cardinals",
    "St. Louis Rams",
    "Tampa Bay Buccaneers",
    "Tampa Bay Devil Rays",
    "Tampa Bay Lightning",
    "Tampa Bay Rays",
    "Tennessee Titans",
    "Toronto Argonauts",
    "Toronto Blue Jays",
    "Toronto Maple Leafs",
    "Toronto Raptors",
    "Utah Jazz",
    "Vancouver Canucks",
    "Vancouver Grizzlies",
    "Vancouver Whitecaps",
    "Vegas Golden Knights",
    "Washington Bullets",
    "Washington Capitals",
    "Washington Commanders",
    "Washington Nationals",
    "Washington Redskins",
    "Washington Senators",
    "Washington Wizards",
    "Winnipeg Blue Bombers",
    "Winnipeg Jets",
];

/// The first word of the nickname of each of [`TEAMS`].
const TEAM_FIRST: &[&str] = &[
    "Alouettes",
    "Angels",
    "Argonauts",
    "Astros",
    "Athletics",
    "Avalanche",
    "Bears",
    "Bengals",
    "Bills",
    "Black",
    "Blackhawks",
    "Blue",
    "Blues",
    "Bobcats",
    "Braves",
    "Brewers",
    "Broncos",
    "Browns",
    "Bruins",
    "Buccaneers",
    "Bucks",
    "Bullets",
    "Bulls",
    "Canadiens",
    "Canucks",
    "Capitals",
    "Cardinals",
    "Cavaliers",
    "Celtics",
    "Chargers",
    "Chiefs",
    "Clippers",
    "Colts",
    "Commanders",
    "Cowboys",
    "Coyotes",
    "Crew",
    "Cubs",
    "Devil",
    "Devils",
    "Diamondbacks",
    "Dodgers",
    "Dolphins",
    "Ducks",
    "Dynamo",
    "Eagles",
    "Earthquakes",
    "Elks",
    "Eskimos",
    "Expos",
    "Falcons",
    "Flames",
    "Flyers",
    "Galaxy",
    "Giants",
    "Golden",
    "Grizzlies",
    "Guardians",
    "Hawks",
    "Heat",
    "Hornets",
    "Hurricanes",
    "Impact",
    "Indians",
    "Islanders",
    "Jaguars",
    "Jazz",
    "Jets",
    "Kings",
    "Knicks",
    "Kraken",
    "Lakers",
    "Lightning",
    "Lions",
    "Magic",
    "Maple",
    "Mariners",
    "Marlins",
    "Mavericks",
    "Mets",
    "Mighty",
    "Nationals",
    "Nets",
    "Nordiques",
    "North",
    "Nuggets",
    "Oilers",
    "Orioles",
    "Pacers",
    "Packers",
    "Padres",
    "Panthers",
    "Patriots",
    "Pelicans",
    "Penguins",
    "Phillies",
    "Pirates",
    "Pistons",
    "Predators",
    "Raiders",
    "Rams",
    "Rangers",
    "Rapids",
    "Raptors",
    "Ravens",
    "Rays",
    "Red",
    "Redblacks",
    "Reds",
    "Redskins",
    "Revolution",
    "Rockets",
    "Rockies",
    "Rough",
    "Roughriders",
    "Royals",
    "Sabres",
    "Saints",
    "Seahawks",
    "Senators",
    "Sharks",
    "Sonics",
    "Sounders",
    "Spurs",
    "Stampeders",
    "Stars",
    "Steelers",
    "Suns",
    "SuperSonics",
    "Texans",
    "Thrashers",
    "Thunder",
    "Tiger-Cats",
    "Tigers",
    "Timbers",
    "Timberwolves",
    "Titans",
    "Trail",
    "Twins",
    "Union",
    "Vikings",
    "Warriors",
    "Whalers",
    "White",
    "Whitecaps",
    "Wild",
    "Wizards",
    "Yankees",
];

/// The name and the one or two words after it name one of [`TEAMS`].
#[inline(never)]
fn team_name(text: &str, toks: &[Tok], m: &Match) -> bool {
    let name = m.surface(text, toks);
    let mut full = String::with_capacity(32);
    // The nickname: one or two words after the name (with the words hyphen-joined to them:
    // "Tiger-Cats"), after one space (or a soft line break).
    let mut k = m.last_tok + 1;
    for _ in 0..2 {
        while toks.get(k + 1).is_some_and(|t| t.sep == Sep::Hyphen) {
            k += 1;
        }
        let Some(nick) = toks
            .get(m.last_tok + 1)
            .zip(toks.get(k))
            .and_then(|(a, b)| text.get(a.start..b.end))
        else {
            return false;
        };
        full.clear();
        full.push_str(name);
        full.push(' ');
        full.extend(nick.chars().map(|c| if c == '\n' { ' ' } else { c }));
        if TEAMS.binary_search(&full.as_str()).is_ok() {
            return true;
        }
        k += 1;
        if toks.get(k).is_none_or(|t| t.sep != Sep::Space) {
            return false;
        }
    }
    false
}

static TEAM_FIRST_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(TEAM_FIRST, false));
/// [`CLUB_AFTER`] and [`TEAM_FIRST`]: one test of the word after a name tells most names from
/// a club's or a team's.
static CLUB_OR_TEAM_AFTER_SET: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(&[CLUB_AFTER, TEAM_FIRST].concat(), false));

/// The name is a football club's: the start of the word after the name when that word is
/// part of the club's name and may be a name itself ("Saint-Germain", "Munich" after
/// "Bayern"), else the end of the name; `None` for a place. Not in an all-capital headline,
/// and never a country or a demonym (but a city-state's name is a club's: "AS Monaco").
#[inline(always)]
fn club_name(text: &str, toks: &[Tok], m: &Match) -> Option<usize> {
    let b = text.as_bytes();
    // Most names have no capitalized word on either side: two bytes tell (the rest out of
    // line).
    let after = toks
        .get(m.last_tok + 1)
        .filter(|n| n.sep == Sep::Space && b[n.start].is_ascii_uppercase());
    let before = (m.first_tok > 0 && toks[m.first_tok].sep == Sep::Space)
        .then(|| toks[m.first_tok - 1])
        .filter(|p| b[p.start].is_ascii_uppercase());
    // (A name in an all-capital headline, "MADRID", is no club's: its second byte tells.)
    if after.is_none() && before.is_none()
        || b.get(m.span.start + 1).is_some_and(u8::is_ascii_uppercase)
    {
        return None;
    }
    // Most capitalized words around a name are no club words ("the U.S. Treasury", "In
    // London"): the word sets' first tests tell, here; the whole test out of line.
    let before_word = before.is_some_and(|p| CLUB_BEFORE_SET.contains(&text[p.start..p.end]));
    let after_word = after.is_some_and(|n| {
        let w = &text[n.start..n.end];
        CLUB_OR_TEAM_AFTER_SET.contains(w)
            || w.len() == 4 && CLUB_AFTER_GB.contains(&w)
            || m.first_tok == m.last_tok && CLUB_BEFORE_SET.contains(m.surface(text, toks))
            // ("Saint-Germain": a hyphen-joined word.)
            || toks.get(m.last_tok + 2).is_some_and(|t| t.sep == Sep::Hyphen)
    });
    if !before_word && !after_word {
        return None;
    }
    club_name_around(text, toks, m, before, after)
}

/// [`club_name`] with the capitalized tokens before and after the name.
#[inline(never)]
fn club_name_around(
    text: &str,
    toks: &[Tok],
    m: &Match,
    before: Option<Tok>,
    after: Option<&Tok>,
) -> Option<usize> {
    let b = text.as_bytes();
    let name = m.surface(text, toks);
    // (The word tests first: few words pass them; then what the name is.)
    let town = || {
        !is_all_caps(name)
            && (m.cands.first().is_some_and(|c| {
                c.kind == NameKind::Name
                    && matches!(
                        c.class,
                        PlaceClass::City | PlaceClass::Capital | PlaceClass::Region
                    )
            }) || m.cands.iter().any(|c| c.class == PlaceClass::Capital))
    };
    if let Some(p) = before
        && CLUB_BEFORE_SET.contains(&text[p.start..p.end])
        && town()
    {
        return Some(m.span.end);
    }
    let n = after?;
    // "Boston Red Sox", "Los Angeles Lakers": the whole name is a team's.
    if TEAM_FIRST_SET.contains(&text[n.start..n.end]) && team_name(text, toks, m) {
        return Some(n.start);
    }
    // The word after, with the tokens hyphen-joined to it ("Saint-Germain"), and whether a
    // capitalized word follows it (an organisation's name goes on: "Manchester City Council").
    let mut k = m.last_tok + 1;
    while toks.get(k + 1).is_some_and(|t| t.sep == Sep::Hyphen) {
        k += 1;
    }
    let w = &text[n.start..toks[k].end];
    let club_word = CLUB_AFTER_SET.contains(w);
    let gb_word = !club_word && CLUB_AFTER_GB.contains(&w);
    // "Bayern Munich": the club word is a name here, and the town after it is the club's.
    let prefix = !club_word && !gb_word && CLUB_BEFORE_SET.contains(name);
    if !(club_word || gb_word || prefix) {
        return None;
    }
    let goes_on = toks
        .get(k + 1)
        .is_some_and(|t| t.sep == Sep::Space && b[t.start].is_ascii_uppercase());
    if goes_on || !town() {
        return None;
    }
    if gb_word {
        let gb = crate::gazetteer::pack_cc("GB");
        let british = m
            .cands
            .iter()
            .any(|c| c.cc == gb && matches!(c.class, PlaceClass::City | PlaceClass::Capital));
        // ("residents in Edinburgh City and the surrounding areas": the council area.)
        let in_area = after_locative_prep(text, m.span.start);
        if !british || in_area {
            return None;
        }
    }
    Some(n.start)
}

static CLUB_BEFORE_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(CLUB_BEFORE, false));
static CLUB_AFTER_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(CLUB_AFTER, false));

/// Names in a list that ends in "in" a place ("Manchester and Portsmouth in New Hampshire"):
/// the candidates of that place, for the name `mi` of the list. (Not "of": "Conchita
/// Martinez of Spain", "Richard Shelby of Alabama" are people.)
#[inline(never)]
fn listed_in<'g>(text: &str, matches: &[Match<'g>], mi: usize) -> Option<&'g [Candidate]> {
    // (A list of up to eight names; most names are followed by no list gap, which is two to
    // six bytes long.)
    for j in mi..mi + 8 {
        let n = matches.get(j + 1)?;
        if !(2..=6).contains(&n.span.start.wrapping_sub(matches[j].span.end)) {
            return None;
        }
        let gap = text.get(matches[j].span.end..n.span.start);
        if gap_is(gap, " in ") {
            return Some(n.cands);
        }
        list_gap(gap)?;
    }
    None
}

/// `gap` is `pat`, a space of which may be the line break of wrapped newswire copy.
fn gap_is(gap: Option<&str>, pat: &str) -> bool {
    gap.is_some_and(|g| {
        g.len() == pat.len()
            && g.bytes()
                .zip(pat.bytes())
                .all(|(a, b)| a == b || a == b'\n' && b == b' ')
    })
}

/// The gap between two names of a list ("Delaware, New York and New Jersey"); true for
/// `and`/`or`, false for a comma, `None` for no list gap.
fn list_gap(gap: Option<&str>) -> Option<bool> {
    if gap_is(gap, ", ") {
        Some(false)
    } else {
        [" and ", ", and ", " or ", ", or "]
            .iter()
            .any(|p| gap_is(gap, p))
            .then_some(true)
    }
}

/// Words right before a name that make it the region ("upstate New York").
const REGION_BEFORE: &[&str] = &["upstate", "downstate", "governor of", "Governor of"];
/// Words right after a name that make it the region ("New York attorney general").
const REGION_AFTER: &[&str] = &[
    "attorney general",
    "Attorney General",
    "legislature",
    "Legislature",
    "'s governor",
    "’s governor",
];

/// Plural region words that end a list of names ("Aleppo and Hasakah provinces").
const PLURAL_REGION_CUES: &[&str] = &[
    "provinces",
    "governorates",
    "regions",
    "prefectures",
    "oblasts",
];

/// Region cues the matcher does not set: a plural region word after a list of names ("in
/// Raqqah, Dayr al-Zawr, Aleppo and Hasakah provinces") is the cue of every name in it; a
/// governor after a name ("New York Gov."), [`REGION_BEFORE`] and [`REGION_AFTER`] words
/// make it the region; so do other regions of the same country in a list with "and"/"or"
/// ("Delaware, New York and New Jersey"). `None` when the text has none of these (nearly
/// always), else the matches with those cues set. Common words ("Western and Southern
/// regions") keep their missing cue.
fn list_cues<'g>(text: &str, matches: &[Match<'g>], stop_words: &[bool]) -> Option<Vec<Match<'g>>> {
    let mut out: Option<Vec<Match<'g>>> = None;
    let bytes = text.as_bytes();
    for (i, m) in matches.iter().enumerate() {
        // Most names are followed by no cue word and preceded by no region word: one test of
        // the bytes around the name tells (every word of the lists below passes it).
        let next = match bytes.get(m.span.end) {
            Some(b' ' | b'\n') => bytes.get(m.span.end + 1).copied(),
            b => b.copied(),
        };
        let after_maybe = next.is_some_and(|b| {
            matches!(
                b.to_ascii_lowercase(),
                b'g' | b'a' | b'l' | b'p' | b'r' | b'o' | b'\'' | 0xE2
            )
        });
        let before_maybe = m.span.start >= 3
            && bytes[m.span.start - 1] == b' '
            && matches!(bytes[m.span.start - 2], b'e' | b'f');
        if !after_maybe && !before_maybe {
            continue;
        }
        // (After one space or the line break of wrapped copy; "" when neither follows.)
        let rest = text
            .get(m.span.end..)
            .and_then(|r| r.strip_prefix(' ').or_else(|| r.strip_prefix('\n')))
            .unwrap_or("");
        let word_at = |w: &str| {
            rest.as_bytes()
                .get(..w.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(w.as_bytes()))
                && rest
                    .as_bytes()
                    .get(w.len())
                    .is_none_or(|b| !b.is_ascii_alphanumeric())
        };
        // "New York Gov. Andrew Cuomo", "Aleppo Governor", "upstate New York", "New York
        // attorney general": the region (not the "Federal Reserve governor").
        let before = before_maybe
            && text.get(..m.span.start).is_some_and(|b| {
                REGION_BEFORE.iter().any(|w| {
                    b.strip_suffix(' ').is_some_and(|b| {
                        b.ends_with(w) && !b[..b.len() - w.len()].ends_with(char::is_alphanumeric)
                    })
                })
            });
        // (Every word of the list begins with one of these bytes: most names fail this test.)
        let after_rest = text
            .get(m.span.end..)
            .map(|r| r.strip_prefix(' ').unwrap_or(r))
            .filter(|r| {
                matches!(
                    r.as_bytes().first(),
                    Some(b'a' | b'A' | b'l' | b'L' | b'\'' | 0xE2)
                )
            });
        let after = after_rest.is_some_and(|r| REGION_AFTER.iter().any(|w| r.starts_with(w)));
        if rest.starts_with("Gov.") || word_at("governor") || before || after {
            if m.cue == Cue::None && !stop_words[i] {
                out.get_or_insert_with(|| matches.to_vec())[i].cue = Cue::Region;
            }
            continue;
        }
        if !PLURAL_REGION_CUES.iter().any(|w| word_at(w)) {
            continue;
        }
        let v = out.get_or_insert_with(|| matches.to_vec());
        let mut j = i;
        loop {
            if v[j].cue == Cue::None && !stop_words[j] {
                v[j].cue = Cue::Region;
            }
            let Some(prev) = j.checked_sub(1) else {
                break;
            };
            if list_gap(text.get(v[prev].span.end..v[j].span.start)).is_none() {
                break;
            }
            j = prev;
        }
    }
    // "stores in Delaware, New York and New Jersey": in a list with "and"/"or" whose other
    // names are regions, a name that can be a region is one.
    let mut i = 0;
    while i < matches.len() {
        let (mut j, mut joined) = (i, false);
        while j + 1 < matches.len()
            && let Some(and) = list_gap(text.get(matches[j].span.end..matches[j + 1].span.start))
        {
            joined |= and;
            j += 1;
        }
        if joined && j > i {
            // The country of each name of the list that is a region (a region named after
            // its metropolis, "Shanghai", does not make a list of regions).
            let region_cc: Vec<Option<u16>> = matches[i..=j]
                .iter()
                .map(|m| {
                    let metropolis = m.cands.iter().any(|c| {
                        matches!(c.class, PlaceClass::City | PlaceClass::Capital)
                            && c.population >= METROPOLIS
                    });
                    best_by_prior(m.cands, acronym_only(m))
                        .filter(|c| c.class == PlaceClass::Region && !metropolis)
                        .map(|c| c.cc)
                })
                .collect();
            for k in i..=j {
                // (A region of the same country as another region of the list: "the West Bank
                // and Gaza" is not the Gaza province of Mozambique.)
                let can = matches[k].cands.iter().any(|c| {
                    c.class == PlaceClass::Region
                        && region_cc
                            .iter()
                            .enumerate()
                            .any(|(o, cc)| i + o != k && *cc == Some(c.cc))
                });
                if can && matches[k].cue == Cue::None && !stop_words[k] {
                    out.get_or_insert_with(|| matches.to_vec())[k].cue = Cue::Region;
                }
            }
        }
        i = j + 1;
    }
    out
}

/// The outcome of scoring one name in one setting (memoized: repeated names are common).
#[derive(Debug, Clone, Copy)]
struct Scored {
    best_s: f64,
    cand: Candidate,
    support: bool,
    second: f64,
}

/// A clear town mention: (name key, packed country code, lat, lon).
type Anchor = (usize, u16, f32, f32, u64);
/// A country named in the document: (name key, packed country code, lat, lon).
type Nation = (usize, u16, f32, f32);
/// Countries whose points lie this close (km) are neighbours enough that naming one makes a
/// namesake of the other the country ("Russia" for "Georgia": country points are the
/// middles of large countries, Russia's 4,000 km from Georgia's).
const NEIGHBOUR_KM: f32 = 5000.0;
/// A town reading of an ambiguous name: (name key, lat, lon).
type Colocated = (usize, f32, f32);

/// Town readings per ambiguous name taken into the co-location pool.
const COLOC_K: usize = 5;
/// A co-location pool longer than this is sorted by latitude (see `resolve`).
const SORTED_POOL: usize = 16;
/// Namesakes of two names this close (km) support each other.
const COLOC_KM: f32 = 40.0;

/// Score every candidate of `m` in the document's context and return the best.
#[allow(clippy::too_many_arguments)]
fn score_mention<'g>(
    m: &Match<'g>,
    acr: bool,
    abbrev_ok: bool,
    container: Option<&'g [Candidate]>,
    contained: Option<&Candidate>,
    feature: bool,
    locative: bool,
    cx: &Context,
    (anchors, anchor_mask, pool): (&[Anchor], u64, &[Colocated]),
    scored: &mut Vec<(f64, &'g Candidate, bool)>,
) -> Option<Scored> {
    scored.clear();
    let mut town_rank = 0;
    // A small capital scores below the countries and larger capitals only (its prior is at
    // most 30): among the first few candidates if anywhere.
    let small_capital = m
        .cands
        .iter()
        .take(4)
        .any(|c| c.class == PlaceClass::Capital && c.population < BIG_CITY);
    // The last country's bonus (the candidates of a name often share their country).
    let mut last_cc: Option<(u16, Option<f64>)> = None;

    for c in m.cands {
        if acr && !c.acronym {
            continue;
        }
        let p = c;
        if c.kind == NameKind::Abbrev && !abbrev_ok {
            continue;
        }
        // An alternate name of a small town is that town only as "Town, Region" or before "in
        // <Region>": alone it is mostly a word, a person or a company written the same ("The
        // Bank of England" is no Portsmouth, New Hampshire; "Day-Lewis" no Lewes; "Borg-Warner"
        // no Bourg), or the place whose own name it is ("Sydney", not Sidney; "Denver" in a
        // Texas story, not Denver City). After "Strait of" or before "island" (`feature`) it is
        // the strait, island or bay the town is named for or after ("Hormuz", "Kharg"), and
        // after "in" or "at" the town, where no other place has the name (see `resolve`).
        if c.alias
            && c.class == PlaceClass::City
            && c.population < BIG_CITY
            && container.is_none()
            && !feature
        {
            continue;
        }
        let mut s = prior(p);
        let mut support = false;
        let key = m.cands.as_ptr() as usize;
        let bonus = match last_cc {
            Some((cc, b)) if cc == p.cc => b,
            _ => {
                let b = cx.country_weight(p.cc, key).map(|w| 8.0 + 2.0 * w.ln_1p());
                last_cc = Some((p.cc, b));
                b
            }
        };
        // A country holds thousands of small towns: naming it says nothing for any one of
        // them ("Banks said", "SELLS UNIT", "Moody's" in a U.S. story; "Toronto" there is
        // not Toronto, Ohio), unless a cue has made the name a place ("the Strait of Hormuz",
        // "near Chernobyl", "in Davos": then the country tells which).
        if let Some(b) = bonus
            && (p.class != PlaceClass::City
                || p.population >= COUNTRY_SUPPORTS_TOWN
                || feature
                || locative)
        {
            s += b;
            support = true;
        }
        if p.class != PlaceClass::Region {
            if cx.has_region(p.admin1, key) {
                s += 6.0;
                support = true;
            }
        }
        // A region with a clear town of the document inside it ("Bendigo ... Victoria" is
        // the Australian state, not the Seychelles' capital), unless a large town of its
        // country has the name ("Bahia Blanca ... Buenos Aires" is still the capital,
        // "Seattle ... Washington" may be either).
        else if town_inside(p, key, anchors, anchor_mask)
            && !m.cands.iter().any(|c| {
                c.cc == p.cc
                    && matches!(c.class, PlaceClass::City | PlaceClass::Capital)
                    && c.population >= BIG_CITY
            })
        {
            s += 6.0;
            support = true;
        }
        if cx.dateline == Some(c.place) {
            s += 10.0;
            support = true;
        }
        if matches!(
            p.class,
            PlaceClass::City | PlaceClass::Capital | PlaceClass::County
        ) {
            let near = if anchor_mask & bit_of(u64::from(p.cc)) == 0 {
                f32::INFINITY
            } else {
                anchors
                    .iter()
                    .filter(|a| a.0 != key && a.1 == p.cc && (a.2 - p.lat).abs() < 1.5)
                    .map(|a| approx_km(p.lat, p.lon, a.2, a.3))
                    .fold(f32::INFINITY, f32::min)
            };
            if near < 40.0 {
                s += 10.0;
                support = true;
            } else if near < 150.0 {
                s += 5.0;
                support = true;
            }
            // A namesake of another ambiguous name of the document close by.
            if m.cands.len() > 1 && town_rank < COLOC_K {
                let coloc = colocated(pool, key, p.lat, p.lon);
                if coloc {
                    s += 8.0;
                    support = true;
                }
            }
            town_rank += 1;
        }
        if let Some(cont) = container {
            for cc in cont {
                {
                    let q = cc;
                    let inside = match q.class {
                        PlaceClass::Country => q.cc == p.cc,
                        PlaceClass::Region => q.admin1 == p.admin1 && p.admin1 != 0,
                        _ => false,
                    };
                    if inside && q.place != p.place {
                        s += 30.0;
                        support = true;
                        break;
                    }
                }
            }
        }
        // The region or country of "Town, Region" outranks a namesake country ("Atlanta,
        // Georgia" is the state).
        if contained.is_some_and(|t| contains(p, t)) {
            s += 90.0;
            support = true;
        }
        match m.cue {
            Cue::Region if p.class == PlaceClass::Region => s += 40.0,
            // "Georgia Gov. Brian Kemp", "Georgia state", "Mexico state": a region cue names
            // the region, never the namesake country (when the name has a region at all).
            Cue::Region
                if p.class == PlaceClass::Country
                    && m.cands.iter().any(|c| c.class == PlaceClass::Region) =>
            {
                s -= 100.0
            }
            Cue::City if matches!(p.class, PlaceClass::City | PlaceClass::Capital) => s += 40.0,
            _ => {}
        }
        scored.push((s, c, support));
    }
    // A small capital ("Victoria", Seychelles) is known without support, but not against a
    // larger namesake the document supports (Victoria, British Columbia, near Nanaimo).
    if small_capital {
        small_capital_gives_way(scored);
    }
    // "Georgia" in US copy: the state, when the document names it otherwise or other states
    // and nothing near the country.
    if m.cue == Cue::None
        && let Some(&(_, first, _)) = scored.first()
        && first.class == PlaceClass::Country
        && scored[1..]
            .iter()
            .any(|x| x.1.class == PlaceClass::Region && x.1.cc != first.cc)
    {
        prefer_state_over_namesake_country(
            scored,
            m.cands.as_ptr() as usize,
            cx,
            anchors,
            anchor_mask,
        );
    }
    // A region and a town of the same name inside it: the region, unless a cue says "city"
    // or the town is a metropolis.
    prefer_region_over_namesake_town(scored, m.cue, contained.is_some(), cx.dateline);
    // A country or region is not displaced by a small namesake town on context alone:
    // that takes "Town, Region", the dateline or "the town of".
    let big_area = scored
        .iter()
        .filter(|x| {
            matches!(
                x.1.class,
                PlaceClass::Country | PlaceClass::Region | PlaceClass::Continent
            )
        })
        .map(|x| x.0)
        .fold(f64::NEG_INFINITY, f64::max);
    if big_area.is_finite() && m.cue != Cue::City {
        for x in scored.iter_mut() {
            let small = x.1.class == PlaceClass::City && x.1.population < BIG_CITY;
            let strong = x.0 - prior(x.1) >= 30.0 || cx.dateline == Some(x.1.place);
            if small && !strong {
                x.0 = x.0.min(big_area - 1.0);
            }
        }
    }
    // The best (ties: lowest geonameid) and the runner-up's score.
    let mut best: Option<(f64, &Candidate, bool)> = None;
    let mut second = f64::NEG_INFINITY;
    for &(sc, c, sup) in scored.iter() {
        match best {
            Some((bs, bc, _)) if sc < bs || sc == bs && c.place > bc.place => {
                second = second.max(sc);
            }
            Some((bs, _, _)) => {
                second = second.max(bs);
                best = Some((sc, c, sup));
            }
            None => best = Some((sc, c, sup)),
        }
    }
    best.map(|(bs, c, sup)| Scored {
        best_s: bs,
        cand: *c,
        support: sup,
        second,
    })
}

/// Is a town of another name than `key` in `pool` within [`COLOC_KM`] of (`lat`, `lon`)?
/// A pool longer than [`SORTED_POOL`] is sorted by latitude: only the band of latitudes
/// around `lat` is read; a shorter one is read whole, for the same band (`any` does not
/// depend on the order).
#[inline(always)]
fn colocated(pool: &[Colocated], key: usize, lat: f32, lon: f32) -> bool {
    let (lo, hi) = (lat - 0.5, lat + 0.5);
    let close = |a: &Colocated| {
        a.0 != key
            && !too_far_north_south(lat, a.1, COLOC_KM)
            && approx_km(lat, lon, a.1, a.2) < COLOC_KM
    };
    if pool.len() > SORTED_POOL {
        let from = pool.partition_point(|a| a.1 < lo);
        pool[from..].iter().take_while(|a| a.1 < hi).any(&close)
    } else {
        // (As the band above: `>=` and `!(<)` differ on NaN only, which `< hi` refuses.)
        pool.iter().filter(|a| a.1 >= lo && a.1 < hi).any(close)
    }
}

/// "Hertford Road", "Church Street": a capitalized street word after a sub-city name is part
/// of the name (a street is named with it), unlike "district" or "neighbourhood".
fn street_name(text: &str, span: ByteSpan) -> ByteSpan {
    let Some(rest) = text.get(span.end..).and_then(|r| r.strip_prefix(' ')) else {
        return span;
    };
    let types = ["Road", "Street", "Avenue", "Square"];
    for w in types.into_iter().chain(STREET_TYPES.iter().copied()) {
        if rest.starts_with(w)
            && !rest[w.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            return span.start..span.end + 1 + w.len();
        }
    }
    span
}

fn local(span: ByteSpan) -> PlaceMention {
    PlaceMention {
        span,
        kind: PlaceKind::Local,
        geonameid: None,
        name: None,
        country_code: None,
        feature_code: None,
        lat: None,
        lon: None,
        confidence: 0.5,
    }
}

/// Is [`approx_km`] from latitude `lat1` to `lat2` surely at least `km`, by the north-south
/// part alone (computed as there; a margin covers rounding)? Skips its cosine.
#[inline]
fn too_far_north_south(lat1: f32, lat2: f32, km: f32) -> bool {
    let y = (lat2 - lat1).to_radians();
    6371.0 * y.abs() > km * 1.001 + 0.01
}

/// Distance in km, equirectangular (good to a few % at the distances compared here).
fn approx_km(lat1: f32, lon1: f32, lat2: f32, lon2: f32) -> f32 {
    let x = (lon2 - lon1).to_radians() * ((lat1 + lat2) / 2.0).to_radians().cos();
    let y = (lat2 - lat1).to_radians();
    6371.0 * (x * x + y * y).sqrt()
}

/// Is `word` used in this document as part of a personal or organisation name: followed by
/// another capitalized word ("Jenny Palma" -> first), or preceded by one or by a title
/// ("Michael Steele", "Mr. Stein" -> second)? Function words ("In Aleppo") and institution
/// words ("Toronto Police") do not count. A company's name counts as a surname does
/// (second): the word before a company word ("Toyota Motor Corp"), with a business noun
/// after its possessive ("Toyota's chief executive") or after "shares of".
fn pair_roles(text: &str, toks: &[Tok], index: &TokIndex, matches: &[Match], word: &str) -> Roles {
    let (mut first, mut second, mut speaker) = (false, false, false);
    let bytes = text.as_bytes();
    // The word, and its possessives ("Mark Wilson's cross"): one token each, which says
    // the word is a surname as well as the bare form does (but never a first name).
    for suffix in ["", "'s", "’s"] {
        let mut w = String::with_capacity(word.len() + suffix.len());
        w.push_str(word);
        w.push_str(suffix);
        let wb = w.as_bytes();
        // Reads token `k`; true when both roles are found (nothing more to learn).
        let visit = |k: usize| {
            let Some(t) = toks.get(k) else {
                return false;
            };
            if t.end - t.start != wb.len() || bytes.get(t.start..t.end) != Some(wb) {
                return false;
            }
            if let Some(n) = toks.get(k + 1)
                && suffix.is_empty()
                && n.sep == Sep::Space
                && namey(&text[n.start..n.end])
                && !org_head_after(text, t.end)
            {
                first = true;
                if org_run_has_company(&text[t.end..]) {
                    second = true;
                }
            }
            // "Morris N. Broad": a middle initial, then a surname.
            if suffix.is_empty()
                && toks
                    .get(k + 1)
                    .is_some_and(|n| n.sep == Sep::Space && is_initial(&text[n.start..n.end]))
                && toks.get(k + 2).is_some_and(|s| {
                    s.sep == Sep::Dot
                        && s.start > toks[k + 1].end + 1
                        && namey(&text[s.start..s.end])
                })
            {
                first = true;
            }
            // "Kistler said", '..." Stoltenberg told reporters': the subject at a sentence's
            // or quotation's start, not "residents of Baker said", "officials in nearby Kistler
            // said", "Montgomery and Kistler said".
            if suffix.is_empty()
                && !speaker
                && toks.get(k + 1).is_some_and(|n| {
                    n.sep == Sep::Space && SPEECH_VERBS.contains(&&text[n.start..n.end])
                })
                && !(t.start >= 2
                    && bytes[t.start - 1] == b' '
                    && bytes[t.start - 2].is_ascii_alphanumeric())
            {
                speaker = true;
            }
            if !second && company_use(text, t, suffix.is_empty()) {
                second = true;
            }
            if k > 0 {
                let p = toks[k - 1];
                let w = &text[p.start..p.end];
                if t.sep == Sep::Dot
                    && (TITLE_SET.contains(w) || initials_before(text, toks, matches, k))
                    || t.sep == Sep::Space && (namey(w) || PERSON_TITLES.contains(&w))
                {
                    second = true;
                }
            }
            first && second && speaker
        };
        index.walk(toks.len(), &w, visit);
        if first && second && speaker {
            break;
        }
    }
    Roles {
        first,
        second,
        speaker,
    }
}

/// How a word is used in a document's personal and organisation names ([`pair_roles`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Roles {
    /// Before a surname: "Jenny Palma", "Morris N. Broad".
    first: bool,
    /// After a first name, an initial or a title, or a company's name: "Michael Steele",
    /// "W.A. Kistler", "Mr. Stein", "Toyota Motor Corp".
    second: bool,
    /// The subject of a verb of speech at a sentence's or quotation's start ("Kistler
    /// said"): a person or an organisation as a rule, which for a town below [`BIG_CITY`]
    /// outweighs the town (a city's name before "said" is its government as often: "Bonn
    /// said"; so, less often, is a small seat's: "Ramallah said").
    speaker: bool,
}

/// Verbs after a speaker's name.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "stated",
    "noted",
    "explained",
    "replied",
    "argued",
    "insisted",
    "warned",
    "testified",
    "declined",
];

/// A personal initial: one capital letter ("W", "N" of "W.A. Kistler", "Morris N. Broad").
fn is_initial(w: &str) -> bool {
    matches!(w.as_bytes(), [c] if c.is_ascii_uppercase())
}

/// Is token `k` (joined to the one before by a period and a space) a surname after a chain of
/// initials: "W.A. Kistler", "J.P. Morgan"? A lone capital before a period ends a sentence as
/// often ("World War I. Boston", "Plan B. Denver"), and a chain that is a place's abbreviation
/// (a name match: "U.S. Steel", "Columbia, S.C. Charleston") is no person's.
fn initials_before(text: &str, toks: &[Tok], matches: &[Match], k: usize) -> bool {
    let (Some(p), Some(q)) = (
        k.checked_sub(1).and_then(|j| toks.get(j)),
        k.checked_sub(2).and_then(|j| toks.get(j)),
    ) else {
        return false;
    };
    let initial = |t: &Tok| is_initial(&text[t.start..t.end]);
    // "W.A. Kistler": initials joined by bare periods, then a period and a space
    initial(p)
        && initial(q)
        && p.sep == Sep::Dot
        && p.start == q.end + 1
        && toks.get(k).is_some_and(|t| t.start > p.end + 1)
        && !matches.iter().any(|m| m.last_tok == k - 1)
}

/// Nouns of a company's business after its possessive ("Toyota's chief executive").
const BUSINESS_NOUNS: &[&str] = &[
    "shares",
    "stock",
    "profit",
    "profits",
    "earnings",
    "sales",
    "revenue",
    "revenues",
    "chief",
    "chairman",
    "board",
    "subsidiary",
    "unit",
    "dealers",
    "brand",
    "executives",
    "shareholders",
];

/// Is the token `t` a company's name as written: "shares of Toyota", "Toyota's chief
/// executive" (the possessive after the token, or in it when not `bare`)?
fn company_use(text: &str, t: &Tok, bare: bool) -> bool {
    let rest = text.get(t.end..).unwrap_or("");
    let after = if bare {
        rest.strip_prefix("'s")
            .or_else(|| rest.strip_prefix("\u{2019}s"))
    } else {
        Some(rest)
    };
    if let Some(r) = after
        && let Some(w) = r.strip_prefix(' ').and_then(leading_word)
    {
        return BUSINESS_NOUNS.contains(&w);
    }
    bare && prev_word_is(text, t.start, b"of")
        && words_before(text, t.start)
            .1
            .is_some_and(|w| w.eq_ignore_ascii_case("shares") || w == "stake")
}

/// A word that can be part of a personal name: capitalized (not all capitals), no stop word
/// but the given names among them, no institution word ("Police").
fn namey(w: &str) -> bool {
    is_cap(w) && !is_all_caps(w) && (!in_stop(w) || given_name(w)) && !ORG_WORD_SET.contains(w)
}

/// Given names that are also stop words (towns of these names are too rare to tag alone):
/// before a capitalized word they begin a person's name ("Robert Baker", "Mark Wilson").
const GIVEN_NAMES: &[&str] = &[
    "Charles", "David", "George", "Jack", "James", "John", "Joseph", "Mark", "Mary", "Michael",
    "Paul", "Peter", "Robert",
];

fn given_name(w: &str) -> bool {
    GIVEN_NAMES.contains(&w)
}

/// Titles written out before a surname ("Treasury Secretary Baker", "Chancellor Kohl").
const PERSON_TITLES: &[&str] = &[
    "Secretary",
    "Minister",
    "President",
    "Senator",
    "Governor",
    "Chairman",
    "Chairwoman",
    "Chancellor",
    "Ambassador",
    "Commissioner",
    "Director",
    "Judge",
    "Justice",
    "Mayor",
    "Professor",
    "Doctor",
    "Captain",
    "Coach",
    "Inspector",
    "Sergeant",
    "Detective",
    "Speaker",
    "Premier",
    "Prince",
    "Princess",
    "King",
    "Queen",
    "Sheikh",
];

/// `word` is a person's first name in this document: right before a capitalized word that
/// is a surname here, because it also follows another first name or a title ("Georgia
/// Stevens ... Cory Stevens said"), and used with a relative ("Georgia's father"). A reader
/// then takes the bare word for that person too, even where it names a country.
fn first_name_here(text: &str, toks: &[Tok], index: &TokIndex, word: &str) -> bool {
    let bytes = text.as_bytes();
    let is_at = |k: usize, w: &str| {
        toks.get(k)
            .is_some_and(|t| bytes.get(t.start..t.end) == Some(w.as_bytes()))
    };
    let mut found = false;
    let mut surnames: Vec<(&str, bool)> = Vec::new();
    index.walk(toks.len(), word, |k| {
        if !is_at(k, word) || org_head_after(text, toks[k].end) {
            return false;
        }
        let Some(n) = toks.get(k + 1).filter(|n| n.sep == Sep::Space) else {
            return false;
        };
        let surname = &text[n.start..n.end];
        if !namey(surname) {
            return false;
        }
        // the surname after another first name or a title elsewhere (once per surname)
        if let Some(&(_, r)) = surnames.iter().find(|x| x.0 == surname) {
            found = r;
            return found;
        }
        let mut elsewhere = false;
        index.walk(toks.len(), surname, |j| {
            if j == k + 1 || j == 0 || !is_at(j, surname) {
                return false;
            }
            let t = toks[j];
            let p = toks[j - 1];
            let w = &text[p.start..p.end];
            elsewhere = w != word
                && (t.sep == Sep::Space && (namey(w) || TITLE_SET.contains(w))
                    || t.sep == Sep::Dot && TITLE_SET.contains(w));
            elsewhere
        });
        surnames.push((surname, elsewhere));
        found = elsewhere;
        found
    });
    // and the word is used as a person's name: "Georgia's father" (not "said Toyota", which
    // companies and governments are said as well)
    found && {
        let mut person = false;
        index.walk(toks.len(), word, |k| {
            person = is_at(k, word) && kin_after(text, toks[k].end);
            person
        });
        person
    }
}

/// The relatives [`kin_after`] knows.
const KIN: &[&str] = &[
    "father",
    "mother",
    "parents",
    "husband",
    "wife",
    "son",
    "daughter",
    "brother",
    "sister",
    "dad",
    "mum",
    "mom",
    "grandmother",
    "grandfather",
    "boyfriend",
    "girlfriend",
];

/// `'s father`, `’s mother`... after a name: the name is a person's.
#[inline(always)]
fn kin_after(text: &str, end: usize) -> bool {
    // Nearly every name is followed by no apostrophe: then no word is read (and "" is no
    // kin). (A byte inside a char is neither of these.)
    matches!(text.as_bytes().get(end), Some(b'\'' | 0xE2)) && kin_word_after(text, end)
}

/// [`kin_after`] past its byte test.
#[inline(never)]
fn kin_word_after(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or("");
    let rest = rest
        .strip_prefix("'s ")
        .or_else(|| rest.strip_prefix("’s "))
        .unwrap_or("");
    let w = rest
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    KIN.contains(&w)
}

/// A capital below [`BIG_CITY`] with no support that scores best gives way to the best
/// larger namesake with support: the unsupported readings score below that one.
#[inline(never)]
fn small_capital_gives_way(scored: &mut [(f64, &Candidate, bool)]) {
    // (Candidates are sorted by prior, and a small capital's is high: it comes first among
    // the towns, so most names are passed over by the first test.)
    let Some(ci) = scored
        .iter()
        .position(|x| x.1.class == PlaceClass::Capital && x.1.population < BIG_CITY && !x.2)
    else {
        return;
    };
    let (cs, pop) = (scored[ci].0, scored[ci].1.population);
    if scored.iter().any(|x| x.0 > cs) {
        return;
    }
    let best = scored
        .iter()
        .filter(|x| x.2 && x.1.population > pop)
        .map(|x| x.0)
        .fold(f64::NEG_INFINITY, f64::max);
    if best.is_finite() {
        for x in scored.iter_mut().filter(|x| !x.2) {
            x.0 = x.0.min(best - 1.0);
        }
    }
}

/// Is a clear town of the document (an anchor of another name than `key`) inside region `r`?
#[inline]
fn town_inside(r: &Candidate, key: usize, anchors: &[Anchor], anchor_mask: u64) -> bool {
    r.admin1 != 0
        && anchor_mask & bit_of(u64::from(r.cc)) != 0
        && anchors.iter().any(|a| a.0 != key && a.4 == r.admin1)
}

/// A country and a first-level region of another country share the name ("Georgia"): in
/// copy from the region's country the region is meant. The region wins when the document
/// names it otherwise ("Ga." after a town, a dateline or a clear town in it) or names other
/// regions of its country ("Florida and Alabama"), unless the document points to the
/// country: its own places ("Tbilisi", "Abkhazia", "Georgian") or a country near it
/// ("Russia"). `scored` holds the name's candidates, the country among them.
#[inline(never)]
fn prefer_state_over_namesake_country(
    scored: &mut [(f64, &Candidate, bool)],
    key: usize,
    cx: &Context,
    anchors: &[Anchor],
    anchor_mask: u64,
) {
    let Some(&(_, country, _)) = scored.iter().find(|x| x.1.class == PlaceClass::Country) else {
        return;
    };
    let region = scored
        .iter()
        .enumerate()
        .filter(|(_, x)| x.1.class == PlaceClass::Region && x.1.cc != country.cc && x.1.cc != 0)
        .filter(|(_, x)| {
            let r = x.1;
            cx.has_region(r.admin1, key)
                || town_inside(r, key, anchors, anchor_mask)
                || cx.has_other_region(r.cc, r.admin1, key)
        })
        .max_by(|a, b| a.1.0.total_cmp(&b.1.0))
        .map(|(i, x)| (i, x.0, x.1.cc));
    let Some((ri, rs, rcc)) = region else {
        return;
    };
    if cx.country_weight(country.cc, key).is_some()
        || cx.has_nation_near(country.lat, country.lon, rcc, key)
    {
        return;
    }
    scored[ri].2 = true;
    for x in scored.iter_mut() {
        if x.1.class == PlaceClass::Country {
            x.0 = x.0.min(rs - 1.0);
        }
    }
}

/// `contained`: the name follows "Town, " ("Bronx, New York"), where the containment score
/// already chose, so a metropolis gets no preference.
fn prefer_region_over_namesake_town(
    scored: &mut [(f64, &Candidate, bool)],
    cue: Cue,
    contained: bool,
    dateline: Option<u32>,
) {
    if cue == Cue::City || cue == Cue::Region {
        return;
    }
    // [`bit_of`] of the regions' admin1 ids: a town with no bit set has no region to test.
    let regions = scored
        .iter()
        .filter(|x| x.1.class == PlaceClass::Region)
        .fold(0, |acc, x| acc | bit_of(x.1.admin1));
    if regions == 0 {
        return;
    }
    for i in 0..scored.len() {
        // A national capital is meant rather than the region named after it ("Damascus").
        let x = scored[i].1;
        if x.class != PlaceClass::City || x.admin1 == 0 || regions & bit_of(x.admin1) == 0 {
            continue;
        }
        // A dateline names a town ("HERAT, Afghanistan"): the town the dateline was read as
        // keeps its score.
        if dateline == Some(x.place) {
            continue;
        }
        // (Only towns change: the regions' scores read here are as scored.)
        if let Some((rs, rpop)) = scored
            .iter()
            .find(|r| r.1.class == PlaceClass::Region && r.1.admin1 == x.admin1)
            .map(|r| (r.0, r.1.population))
        {
            // A city of a million or more, with a fifth of its region's people (as the
            // gazetteer counts them: the sum of the region's towns), is what the name means,
            // and the region is named after it: "Aleppo", "Istanbul", "Shanghai", "New York",
            // "Rio", "Sao Paulo", "Mecca" are the cities ("Aleppo province", "New York state"
            // name the regions, by the cue). "Jilin" (a city of 2 million in a province the
            // gazetteer counts 13 in) and "Saitama" stay the regions.
            let metropolis = x.population >= METROPOLIS && x.population >= rpop / 5;
            scored[i].0 = if metropolis && !contained {
                scored[i].0.max(rs + 1.0)
            } else {
                scored[i].0.min(rs - 1.0)
            };
        }
    }
}

/// Words before a name that make it the place even where the name is a surname in the
/// article ("John Denver sang. He lived in Denver."): not "to", "of", "for", "at", which
/// come before persons as often ("said of Baker").
const LOCATIVE_PREPS: &[&str] = &["in", "near", "outside", "across", "throughout", "into"];

/// Words before a name that make it a place even where the name is also a person's
/// ("born in Georgia", "flew to Georgia").
const PLACE_PREPS: &[&str] = &[
    "in",
    "to",
    "from",
    "near",
    "across",
    "throughout",
    "outside",
    "into",
    "at",
    "via",
    "of",
    "for",
    "around",
];

/// Is the word before byte `start` one of [`LOCATIVE_PREPS`] (as written, lower case)?
fn after_locative_prep(text: &str, start: usize) -> bool {
    words_before(text, start)
        .0
        .is_some_and(|w| LOCATIVE_PREPS.contains(&w))
}

/// [`pair_roles`] of `word`, computed once per document (`memo`), with the token index built
/// on first need.
fn roles_of<'t>(
    memo: &mut Vec<(&'t str, Roles)>,
    index: &mut Option<TokIndex>,
    text: &str,
    toks: &[Tok],
    matches: &[Match],
    word: &'t str,
) -> Roles {
    if let Some(x) = memo.iter().find(|x| x.0 == word) {
        return x.1;
    }
    let index = index.get_or_insert_with(|| index_tokens(text, toks));
    let r = pair_roles(text, toks, index, matches, word);
    memo.push((word, r));
    r
}

/// `w` is one of [`PLACE_PREPS`], in lower case or capitalized at a sentence start.
fn place_prep(w: &str) -> bool {
    let lower = w
        .get(1..)
        .is_some_and(|r| !r.bytes().any(|b| b.is_ascii_uppercase()));
    lower && PLACE_PREPS.iter().any(|p| p.eq_ignore_ascii_case(w))
}

/// End of a chain of [`TokIndex`].
const NO_TOK: u32 = u32::MAX;

/// The document's tokens that do not begin with a lower-case letter or a digit, chained by
/// a hash of their first byte and length: the occurrences of a capitalized word are found
/// by walking one short chain instead of scanning every token per word (long documents have
/// many tokens and many words to check). Built in one pass (no sort).
struct TokIndex {
    /// First token of each chain (the highest index), [`NO_TOK`] for none.
    head: [u32; 256],
    /// The next token of the same chain, per token; empty when the indices do not fit
    /// (then [`pair_roles`] scans).
    next: Vec<u32>,
}

impl TokIndex {
    fn bucket(first: u8, len: usize) -> usize {
        let x = u32::from(first) << 24 | (len.min(0xFF_FFFF) as u32);
        (x.wrapping_mul(0x9E37_79B1) >> 24) as usize
    }

    /// Calls `visit` on every token that can be `word` (its chain, or all `n` tokens when
    /// the index does not cover it; in no particular order) until it returns true.
    fn walk(&self, n: usize, word: &str, mut visit: impl FnMut(usize) -> bool) {
        match self.chain(word) {
            Some(mut k) => {
                while k != NO_TOK {
                    if visit(k as usize) {
                        return;
                    }
                    k = self.next.get(k as usize).copied().unwrap_or(NO_TOK);
                }
            }
            None => {
                for k in 0..n {
                    if visit(k) {
                        return;
                    }
                }
            }
        }
    }

    /// The first token of the chain that holds every token equal to `word`; `None` when
    /// the index cannot hold it (a lower-case or digit first byte, an index too large).
    fn chain(&self, word: &str) -> Option<u32> {
        let &f = word.as_bytes().first()?;
        if f.is_ascii_lowercase() || f.is_ascii_digit() || self.next.is_empty() {
            return None;
        }
        self.head.get(Self::bucket(f, word.len())).copied()
    }
}

fn index_tokens(text: &str, toks: &[Tok]) -> TokIndex {
    let b = text.as_bytes();
    let mut ix = TokIndex {
        head: [NO_TOK; 256],
        next: Vec::new(),
    };
    if u32::try_from(toks.len()).is_err() || toks.len() == NO_TOK as usize {
        return ix;
    }
    // Filled once (a memset); only the tokens indexed are written.
    ix.next = vec![NO_TOK; toks.len()];
    for (k, (t, next)) in toks.iter().zip(ix.next.iter_mut()).enumerate() {
        // (A token that starts with a capital, a non-ASCII char or an apostrophe may start a
        // name: the flag passes over most of the others.)
        if !t.may_start {
            continue;
        }
        let f = b.get(t.start).copied().unwrap_or(b'a');
        if f.is_ascii_lowercase() || f.is_ascii_digit() {
            continue;
        }
        let h = TokIndex::bucket(f, t.end - t.start);
        *next = ix.head[h];
        ix.head[h] = k as u32;
    }
    ix
}

/// `f32::total_cmp` as an integer order.
fn total_key(x: f32) -> i32 {
    let b = x.to_bits() as i32;
    b ^ (((b >> 31) as u32) >> 1) as i32
}

/// "Louisville, Ky.": the abbreviation follows a place and a comma.
fn follows_place_comma(text: &str, m: &Match, matches: &[Match], mi: usize) -> bool {
    mi > 0
        && matches
            .get(mi - 1)
            .is_some_and(|p| gap_is(text.get(p.span.end..m.span.start), ", "))
}

/// Words that end the names of organisations named after the town they serve ("Edmonton
/// Traders' Association", "New Milford Police Department", "Winnipeg Free Press"). Not
/// "School", "Church", "Center" and the like, which are as often named after people.
const ORG_HEADS: &[&str] = &[
    "Police",
    "Department",
    "Council",
    "Court",
    "Borough",
    "Board",
    "Association",
    "Partnership",
    "Press",
    "Times",
    "Post",
    "Journal",
    "Star",
    "Herald",
    "Gazette",
    "Tribune",
    "Chronicle",
    "Fire",
    "Airport",
    "Harbour",
    "Harbor",
    "Sheriff",
    "Transit",
    "Symphony",
    "Chamber",
    "Coalition",
    "Hospital",
    "Health",
    "Zoo",
    "Museum",
];

/// Is the name that ends at `end` followed by up to four capitalized words, one of them an
/// [`ORG_HEADS`] word? ("Edmonton Traders' Association", "Winnipeg Animal Emergency Hospital")
fn org_head_after(text: &str, end: usize) -> bool {
    let mut rest = text.get(end..).unwrap_or("");
    for _ in 0..4 {
        // One space, after an optional possessive or plural apostrophe ("Traders' ").
        let r = rest
            .strip_prefix("'s ")
            .or_else(|| rest.strip_prefix("\u{2019}s "))
            .or_else(|| rest.strip_prefix("' "))
            .or_else(|| rest.strip_prefix("\u{2019} "))
            .or_else(|| rest.strip_prefix(' '));
        let Some(r) = r else {
            return false;
        };
        let n = r
            .bytes()
            .position(|b| !b.is_ascii_alphabetic())
            .unwrap_or(r.len());
        let w = &r[..n];
        if !is_cap(w) || is_all_caps(w) && w.len() > 1 {
            return false;
        }
        if COMPANY_SET.contains(w) {
            return false;
        }
        if ORG_HEAD_SET.contains(w) {
            // A company word after the head: "Mesa Limited Partnership" is checked on.
            return !org_run_has_company(&r[n..]);
        }
        rest = &r[n..];
    }
    false
}

/// Words of company names: a company named after a town is not a mention of the town
/// ("Mesa Limited Partnership", "Tuskaloosa Corp").
const COMPANY_WORDS: &[&str] = &[
    "Limited",
    "Ltd",
    "Corp",
    "Corporation",
    "Inc",
    "Co",
    "Company",
    "Group",
    "Holdings",
    "Partners",
    "Bancorp",
    "Industries",
    "Petroleum",
    "Energy",
    "Capital",
    "Plc",
    "PLC",
];

/// Does the capitalized run that starts at `rest` (after a space) hold a company word?
fn org_run_has_company(rest: &str) -> bool {
    rest.split(' ')
        .skip(1)
        .take(3)
        .map(|w| w.trim_end_matches(|c: char| !c.is_ascii_alphabetic()))
        .take_while(|w| is_cap(w))
        .any(|w| COMPANY_SET.contains(w))
}

/// The town's name is a piece of an organisation's name: followed by one ([`org_head_after`])
/// with no personal name before it ("Thomas Jefferson Hospital" is not), or after a
/// broadcaster's or agency's acronym ("CTV Winnipeg", "BBC Scotland"; `big` towns only).
fn in_organisation_name(text: &str, toks: &[Tok], first: usize, end: usize, big: bool) -> bool {
    let before = (first > 0 && toks[first].sep == Sep::Space).then(|| {
        let p = toks[first - 1];
        let sentence_start = first == 1 || matches!(p.sep, Sep::Break | Sep::Dot | Sep::Start);
        (&text[p.start..p.end], sentence_start)
    });
    // In an all-capital headline ("SPLIT EXPORT MARKET") capitals say nothing.
    let name = &text[toks[first].start..toks[first].end];
    if is_all_caps(name) || is_function_word(name) {
        return false;
    }
    match before {
        // Only a big town: "RJ Reynolds", "IC Gas" are companies.
        // Three to five capitals: two are a person's initials ("JM Barrie"); ships are
        // named after towns ("HMS Belfast").
        Some((w, false)) if is_all_caps(w) && (3..=5).contains(&w.len()) => {
            big && !matches!(w, "HMS" | "USS" | "HMAS" | "HMCS" | "RMS")
        }
        // "National Corn Growers Association", "Thomas Jefferson Hospital".
        Some((w, false)) if is_cap(w) && !is_function_word(w) => false,
        _ => org_head_after(text, end),
    }
}

/// The name is a piece of a longer capitalized name ("Andrei Karlov", "Aleppo Citadel"):
/// a capitalized word right before it (not at a sentence start) or right after it.
fn inside_longer_name(text: &str, toks: &[Tok], first: usize, last: usize) -> bool {
    if let Some(n) = toks.get(last + 1) {
        let w = &text[n.start..n.end];
        if n.sep == Sep::Space && is_cap(w) && !is_all_caps(w) && !ORG_WORD_SET.contains(w) {
            return true;
        }
    }
    if first > 0 && toks[first].sep == Sep::Space {
        let p = toks[first - 1];
        let w = &text[p.start..p.end];
        let sentence_start = first == 1 || matches!(p.sep, Sep::Break | Sep::Dot | Sep::Start);
        if is_cap(w) && !sentence_start && (!in_stop(w) || given_name(w)) {
            return true;
        }
    }
    false
}

/// Words that describe a part of any country ("South East", "East Midlands", "Southern
/// District", "Central"): a region named with these alone is that region only where the article
/// supports it.
const DESCRIPTIVE_WORDS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "centre",
    "center",
    "centrale",
    "midlands",
    "coast",
    "district",
    "region",
    "federal",
    "capital",
    "upper",
    "lower",
    "maritime",
    "oriental",
    "occidental",
    "nord",
    "sud",
    "est",
    "ouest",
    "littoral",
    "highlands",
    "lowlands",
    "interior",
];

/// Is `name` made of [`DESCRIPTIVE_WORDS`] only (split at spaces and hyphens)?
fn descriptive_name(name: &str) -> bool {
    name.split([' ', '-', '\n'])
        .filter(|w| !w.is_empty())
        .all(|w| DESCRIPTIVE_WORDS.iter().any(|d| d.eq_ignore_ascii_case(w)))
}

/// Words after a place and a hyphen that make an adjective of it, capitalized in a title
/// ("Denver-Based Firm", "Boston-Area Hospitals").
const HYPHEN_SUFFIXES: &[&str] = &[
    "based",
    "area",
    "born",
    "bound",
    "style",
    "headquartered",
    "owned",
    "led",
    "backed",
    "listed",
    "made",
    "run",
    "registered",
    "flagged",
];

/// Is match `mi` hyphen-joined to a capitalized word that is no place ("Allied-Lyons",
/// "Mercedes-Benz", "Bristol-Myers", "Zeta-Jones"): a firm's or a person's name? Two places
/// so joined are both places ("Dallas-Fort Worth", "Neath-Swansea").
fn hyphen_compound(text: &str, matches: &[Match], mi: usize) -> bool {
    let m = &matches[mi];
    let b = text.as_bytes();
    let after = b.get(m.span.end) == Some(&b'-')
        && b.get(m.span.end + 1).is_some_and(u8::is_ascii_uppercase)
        && !HYPHEN_SUFFIXES.iter().any(|w| {
            let rest = b.get(m.span.end + 1..).unwrap_or(&[]);
            rest.len() >= w.len()
                && rest[..w.len()].eq_ignore_ascii_case(w.as_bytes())
                && !rest.get(w.len()).is_some_and(u8::is_ascii_alphabetic)
        })
        && matches
            .get(mi + 1)
            .is_none_or(|n| n.span.start != m.span.end + 1 || !place_like(n));
    let word_before = m.span.start.checked_sub(1).map_or(&b[..0], |h| {
        let n = b[..h]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        &b[h - n..h]
    });
    // (A broadcaster's acronym before a town in lower case is the station of the town, as
    // "CTV Winnipeg" is: "WGBH-Boston".)
    let acronym = word_before.len() > 1
        && word_before.iter().all(u8::is_ascii_uppercase)
        && !is_all_caps(&text[m.span.clone()]);
    let before = b.get(m.span.start.wrapping_sub(1)) == Some(&b'-')
        && word_before.first().is_some_and(u8::is_ascii_uppercase)
        && !acronym
        && mi
            .checked_sub(1)
            .and_then(|j| matches.get(j))
            .is_none_or(|p| p.span.end + 1 != m.span.start || !place_like(p));
    after || before
}

/// A name match that is a place in its own right when joined to another ("Dallas-Fort Worth",
/// "Neath-Swansea"): some reading of it is a city of [`BIG_CITY`] or more, a region or a
/// country. ("Pratt & Whitney", the names of towns, is a firm.)
fn place_like(m: &Match) -> bool {
    m.cands
        .iter()
        .any(|c| c.class != PlaceClass::City || c.population >= BIG_CITY)
}

/// Is match `mi` joined to a capitalized word that is no place by " & ": a firm named after
/// its founders ("Pratt & Whitney", "Marks & Spencer", "Standard & Poor's")? Not when the
/// other is [`place_like`].
fn ampersand_name(text: &str, matches: &[Match], mi: usize) -> bool {
    let m = &matches[mi];
    let after = text
        .get(m.span.end..)
        .and_then(|r| r.strip_prefix(" & "))
        .is_some_and(|r| r.as_bytes().first().is_some_and(u8::is_ascii_uppercase))
        && matches
            .get(mi + 1)
            .is_none_or(|n| n.span.start != m.span.end + 3 || !place_like(n));
    let before = text
        .get(..m.span.start)
        .and_then(|h| h.strip_suffix(" & "))
        .is_some_and(|h| {
            let w = h.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '\'');
            h.get(w.len()..)
                .is_some_and(|w| w.as_bytes().first().is_some_and(u8::is_ascii_uppercase))
        })
        && mi
            .checked_sub(1)
            .and_then(|j| matches.get(j))
            .is_none_or(|p| p.span.end + 3 != m.span.start || !place_like(p));
    after || before
}

/// The country a document is mostly about: the most frequent country among its resolved
/// mentions (ties broken by code, for determinism).
pub fn focus_country(places: &[PlaceMention]) -> Option<String> {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for p in places {
        if let Some(cc) = p.country_code.as_deref() {
            *counts.entry(cc).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(cc, _)| cc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    static GAZ: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::embedded().unwrap_or_default());

    #[test]
    fn colocated_reads_the_same_band_sorted_or_not() {
        // Pools short and long (read whole, or sorted and searched), of a few names with towns
        // close together: the answer is that of the plain scan of the whole pool.
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 40) as f32 / (1u64 << 24) as f32
        };
        for n in 0..60 {
            let mut pool: Vec<Colocated> = (0..n)
                .map(|_| {
                    (
                        (next() * 4.0) as usize,
                        50.0 + next() * 2.0,
                        4.0 + next() * 2.0,
                    )
                })
                .collect();
            if pool.len() > SORTED_POOL {
                pool.sort_unstable_by_key(|a| total_key(a.1));
            }
            for _ in 0..50 {
                let (key, lat, lon) = (
                    (next() * 4.0) as usize,
                    50.0 + next() * 2.0,
                    4.0 + next() * 2.0,
                );
                let plain = pool.iter().any(|a| {
                    a.0 != key
                        && !too_far_north_south(lat, a.1, COLOC_KM)
                        && approx_km(lat, lon, a.1, a.2) < COLOC_KM
                });
                assert_eq!(
                    colocated(&pool, key, lat, lon),
                    plain,
                    "n {n} at {lat} {lon}"
                );
            }
        }
    }

    #[test]
    fn memo_index_finds_what_a_scan_finds() {
        // Keys of a few hundred names in a few settings, entered on a miss as `resolve` does;
        // each look-up agrees with the scan of the whole memo.
        let cand = GAZ.lookup_name("London").first().copied();
        let Some(cand) = cand else {
            return;
        };
        let mut memo: Vec<(MemoKey, Option<Scored>, u32)> = Vec::new();
        let mut heads = [NO_ENTRY; MEMO_SLOTS];
        let mut x = 12345usize;
        for i in 0..3000 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let name = 0x1000 + 40 * ((x >> 33) % 300);
            let cue = if x >> 20 & 1 == 0 {
                Cue::None
            } else {
                Cue::City
            };
            let key: MemoKey = (
                name,
                x >> 40 & 1 == 0,
                false,
                0,
                (x >> 50) as u32 % 3,
                cue,
                false,
                x >> 52 & 1 == 0,
            );
            let scan = memo.iter().find(|e| e.0 == key).map(|e| e.1);
            let found = memo_find(&memo, &heads, &key);
            assert_eq!(
                found.map(|r| r.map(|s| s.best_s)),
                scan.map(|r| r.map(|s| s.best_s))
            );
            if found.is_none() {
                let r = (i % 5 != 0).then_some(Scored {
                    best_s: i as f64,
                    cand,
                    support: false,
                    second: 0.0,
                });
                let slot = memo_slot(key.0);
                memo.push((key, r, heads[slot]));
                heads[slot] = (memo.len() - 1) as u32;
            }
        }
        assert!(memo.len() < 3000);
    }

    #[test]
    fn leading_word_agrees_with_the_byte_loop() {
        fn plain(rest: &str) -> Option<&str> {
            let n = rest
                .bytes()
                .position(|b| !b.is_ascii_alphabetic())
                .unwrap_or(rest.len());
            if n == 0 { None } else { rest.get(..n) }
        }
        let bytes: Vec<char> = "aZz@[`{ 09-\n'’éÿ\u{7f}".chars().collect();
        let mut x = 99u64;
        for len in 0..40 {
            for _ in 0..200 {
                let s: String = (0..len)
                    .map(|k| {
                        x = x
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        // Mostly letters, so that long words occur.
                        if k < len - 1 && x >> 60 < 12 {
                            char::from(b'a' + (x >> 33) as u8 % 26)
                        } else {
                            bytes[(x >> 33) as usize % bytes.len()]
                        }
                    })
                    .collect();
                assert_eq!(leading_word(&s), plain(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn recycled_matches_are_empty_in_the_same_buffer() {
        let cands = GAZ.lookup_name("London");
        let m = Match {
            span: 0..6,
            first_tok: 0,
            last_tok: 0,
            cands,
            cue: Cue::None,
            acr: false,
        };
        let mut v = Vec::with_capacity(100);
        v.extend(std::iter::repeat_n(m, 10));
        let before = v.capacity();
        let w: Vec<Match<'static>> = recycle(v);
        assert!(w.is_empty());
        // (The point of it; a `collect` that allocated anew would still be correct.)
        assert_eq!(w.capacity(), before);
        // And the tagger gives the same mentions with its buffers in use as with new ones.
        let ctx = DocContext::default();
        let text = "Flooding hit London and Paris, Texas, on Monday.";
        let first = tag_places(text, &GAZ, &ctx);
        let second = tag_places(text, &GAZ, &ctx);
        let fresh = tag_with(
            text,
            &GAZ,
            &ctx,
            &mut Vec::new(),
            &mut Vec::new(),
            &mut ResolveBufs::new(),
        );
        assert_eq!(first, second);
        assert_eq!(first, fresh);
    }

    #[test]
    fn kin_after_agrees_with_the_plain_reading() {
        let plain = |text: &str, end: usize| {
            let rest = text.get(end..).unwrap_or("");
            let rest = rest
                .strip_prefix("'s ")
                .or_else(|| rest.strip_prefix("’s "))
                .unwrap_or("");
            let w = rest
                .split(|c: char| !c.is_ascii_alphabetic())
                .next()
                .unwrap_or("");
            KIN.contains(&w)
        };
        for text in [
            "Georgia's father said",
            "Georgia’s mother",
            "Georgia’s capital",
            "Georgia 's father",
            "Georgia's",
            "Georgia'",
            "Georgia",
            "Georgia—father",
            "Georgia's wife, who",
        ] {
            for end in 0..=text.len() + 1 {
                assert_eq!(kin_after(text, end), plain(text, end), "{text:?} at {end}");
            }
        }
    }

    #[test]
    fn region_after_words_pass_the_first_byte_test() {
        // `list_cues` reads REGION_AFTER only after a name followed by one of these bytes.
        for w in REGION_AFTER {
            assert!(
                matches!(
                    w.as_bytes().first(),
                    Some(b'a' | b'A' | b'l' | b'L' | b'\'' | 0xE2)
                ),
                "{w}"
            );
        }
    }

    /// Asserts that `text` (no dateline) has a mention written `name` resolved to `id`.
    fn assert_resolves(text: &str, name: &str, id: u32) {
        let t = tag(text, None);
        assert!(
            t.iter().any(|x| x.0 == name && x.1 == Some(id)),
            "{text}: {t:?}"
        );
    }

    /// Whether `text` (no dateline) has a place mention written `name`.
    fn has(text: &str, name: &str) -> bool {
        tag(text, None).iter().any(|x| x.0 == name)
    }

    fn tag(text: &str, dateline: Option<&str>) -> Vec<(String, Option<u32>, PlaceKind)> {
        let ctx = DocContext {
            published: None,
            dateline: dateline.map(str::to_string),
        };
        tag_places(text, &GAZ, &ctx)
            .into_iter()
            .map(|p| (text[p.span].to_string(), p.geonameid, p.kind))
            .collect()
    }

    #[test]
    fn an_at_as_before_a_name_are_english_words() {
        let got = tag(
            "An Afghan soldier died. At Kabul airport crowds waited. As Turkish troops \
             advanced, An Edmonton man left. Fighters took al-Raqqa and ar-Raqqah.",
            None,
        );
        let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
        for want in [
            "Afghan",
            "Kabul",
            "Turkish",
            "Edmonton",
            "al-Raqqa",
            "ar-Raqqah",
        ] {
            assert!(names.contains(&want), "{want} in {names:?}");
        }
        let article = |n: &&str| ["An ", "At ", "As "].iter().any(|a| n.starts_with(a));
        assert!(!names.iter().any(article), "{names:?}");
    }

    #[test]
    fn a_country_that_is_a_persons_first_name_here_is_the_person() {
        let text = "INNISFAIL - Nine-year-old Georgia Stevens is lacing her skates.\n\
                    Georgia began skating at four, said Cory Stevens, Georgia's father. She \
                    moved from Georgia to Atlanta, Georgia. Georgia was in the top six.";
        let got = tag(text, None);
        let georgia: Vec<usize> = got
            .iter()
            .filter(|(n, _, _)| n == "Georgia")
            .map(|_| 0)
            .collect();
        // "from Georgia" and "Atlanta, Georgia" stay places; the other four are the girl (and
        // "Stevens, Georgia's father" is no "Town, Region" pair: Stevens is no place here)
        assert_eq!(georgia.len(), 2, "{got:?}");
        // a place preposition keeps the place, also at a sentence start and after "of"
        let got = tag(
            "Georgia Stevens skates; Cory Stevens is Georgia's father. In Georgia, the \
             president of Georgia spoke.",
            None,
        );
        assert_eq!(
            got.iter().filter(|(n, _, _)| n == "Georgia").count(),
            2,
            "{got:?}"
        );
        // without a relative the name is not taken for a person's (companies are "said" too)
        let got = tag(
            "Georgia Stevens skates. Cory Stevens said Georgia won. Georgia is a country.",
            None,
        );
        assert_eq!(
            got.iter().filter(|(n, _, _)| n == "Georgia").count(),
            3,
            "{got:?}"
        );
    }

    #[test]
    fn streets_in_addresses_and_not_in_other_names() {
        let got = tag(
            "The man, of Colton Way, was held in Silver Street, Edmonton, near Cuckoo Hall \
             Lane. Richard Lane, its president, said The Wall Street Journal and the Red \
             Crescent were told. The Easter road toll rose on Champs-Elysees boulevard Thursday.",
            None,
        );
        let locals: Vec<&str> = got
            .iter()
            .filter(|(_, _, k)| *k == PlaceKind::Local)
            .map(|(n, _, _)| n.as_str())
            .collect();
        assert_eq!(
            locals,
            [
                "Colton Way",
                "Silver Street",
                "Cuckoo Hall Lane",
                "Champs-Elysees"
            ]
        );
    }

    #[test]
    fn a_county_after_the_is_looked_up_without_the() {
        let got = tag(
            "It happened in Laurel County.\nThe Laurel County Sheriff's Office said so.",
            None,
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            got.iter()
                .all(|(n, id, _)| n == "Laurel County" && id.is_some())
        );
    }

    #[test]
    fn common_words_that_are_alternate_names_need_context() {
        // "First" is an alternate name of Aden, "Basic" of Henderson, "Sale" of Salé,
        // "Region" of Mimaropa (a region of the Philippines).
        let got = tag(
            "First, the bank said. Sale prices fell. Basic wages rose. Region officials and \
             Corporation lawyers met in Manila.",
            None,
        );
        let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(names, ["Manila"]);
    }

    #[test]
    fn a_town_inside_an_organisation_named_after_it() {
        let got = tag(
            "Pallister told the Winnipeg Free Press he had left. Hansen told CTV Winnipeg \
             that the dog was at Winnipeg Animal Emergency Hospital.",
            None,
        );
        let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(names, ["Winnipeg", "Winnipeg", "Winnipeg"], "{got:?}");
        // Not a company, a person's initials, a ship or a court of law.
        for text in [
            "Shares of Mesa Limited Partnership rose.",
            "Johnny Depp played JM Barrie in the film.",
            "Eminem performed on HMS Belfast on Friday.",
            "He could appeal to the Supreme Court.",
            "Dole addressed the National Corn Growers Association.",
        ] {
            let got = tag(text, None);
            assert!(got.is_empty(), "{text}: {got:?}");
        }
    }

    #[test]
    fn a_sentence_end_is_not_the_period_of_an_acronym() {
        let got = tag(
            "Sales grew outside the US. Troops left D.C. on Monday.",
            None,
        );
        let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(names, ["US", "D.C."]);
    }

    #[test]
    fn a_capitalized_direction_is_part_of_the_name() {
        let got = tag(
            "He moved from North London to Southern California, then to Western Canada and \
             Far North Queensland.",
            None,
        );
        let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
        assert!(names.contains(&"North London"), "{names:?}");
        assert!(names.contains(&"Southern California"), "{names:?}");
        // A country is qualified, not renamed; after a capitalized word it is another name.
        assert!(names.contains(&"Canada"), "{names:?}");
        assert!(names.contains(&"Queensland"), "{names:?}");
    }

    #[test]
    fn names_go_on_over_a_wrapped_line() {
        // newswire copy wraps at 60-70 columns, in the middle of names
        let text = "The company, which has its main offices in downtown New\nYork, said sales \
                    in the Gulf, mainly in Saudi Arabia and in the United\nArab Emirates, rose.";
        let got = tag(text, None);
        let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
        assert!(names.contains(&"New\nYork"), "{got:?}");
        assert!(
            got.iter()
                .any(|(n, id, _)| n == "New\nYork" && *id == Some(5128581)),
            "downtown New York is the city: {got:?}"
        );
        assert!(names.contains(&"United\nArab Emirates"), "{got:?}");
        // a line break after a closed sentence or a short line stays a boundary
        let got = tag("He flew to New.\nYork was next.", None);
        assert!(got.iter().all(|(n, _, _)| !n.contains('\n')), "{got:?}");
    }

    #[test]
    fn cues_before_a_name_are_read_over_a_wrapped_line() {
        // "Strait of" / "Hormuz" and "the city of" / "Homs" across a newswire's line break.
        let text = "Iran said tankers bound for Japan were sailing through the Strait of\nHormuz \
                    on Monday, and Syria said rebels had entered the northern city of\nHoms.";
        let t = tag(text, None);
        assert!(
            t.iter().any(|x| x.0 == "Hormuz" && x.1 == Some(131231)),
            "{t:?}"
        );
        assert!(
            t.iter().any(|x| x.0 == "Homs" && x.1 == Some(169577)),
            "{t:?}"
        );
        // A line break after a closed sentence or a short line stays a boundary.
        let t = tag("The ships left the Strait of.\nHormuz was quiet.", None);
        assert!(t.iter().all(|x| x.0 != "Hormuz"), "{t:?}");
    }

    #[test]
    fn names_go_on_over_a_wrapped_and_indented_line() {
        // Text read as-is (`annotate --no-normalize`) keeps the indentation of wrapped lines:
        // a club's name broken there is still the club, a town's name still the town.
        let text = "The visitors were held to a draw by a stubborn Manchester\n    United side \
                    at Old Trafford, and the company said its main offices in downtown New\n  \
                    York would close.";
        let t = tag(text, None);
        let names: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(names, vec!["New\n  York"], "{t:?}");
        // A blank line or a closed sentence is still a boundary.
        let t = tag("He flew to New.\n    York was next.", None);
        assert!(t.iter().all(|x| !x.0.contains('\n')), "{t:?}");
        let t = tag("He flew to New\n\n    York was next.", None);
        assert!(t.iter().all(|x| !x.0.contains('\n')), "{t:?}");
    }

    #[test]
    fn cue_scan_agrees_with_testing_each_window() {
        let text = "the Foo district and Bar street in Baz County, then Qux city of Old Town \
                    neighbourhood Big Red camp a b c d e f Parish town";
        let b = text.as_bytes();
        let (Tokens { toks }, marks) = Tokens::sparse_marked(text, is_cue_word);
        for step in 1..6 {
            let mut cues = CueScan::new(&marks);
            let mut i = 0;
            while i < toks.len() {
                let direct = toks[i + 1..].iter().take(4).any(|t| is_cue_tok(b, t));
                assert_eq!(cues.within(i + 1, 4), direct, "step {step} at {i}");
                i += step;
            }
        }
    }

    #[test]
    fn starts_hold_every_token_a_name_can_start_at() {
        let texts = [
            "the Foo district and al-Raqqa, el-Bab or ar‘Raqqa; e-mail a-b an-Nasiriyah",
            "‘Ayn al-Arab and 'Ayn 'Arab, Ürümqi, ḨAMA, éthiopie, Deir ez-Zor, a‐Bab",
            "an Afghan soldier; An Nasiriyah and As Sukhnah. e’Zor a`Bar e\u{301}Lam",
        ];
        for text in texts {
            let (Tokens { toks }, marks) = Tokens::sparse_marked(text, is_cue_word);
            let b = text.as_bytes();
            for (i, t) in toks.iter().enumerate() {
                if can_start(text, &toks, i) {
                    assert!(t.may_start, "{:?} in {text:?}", &text[t.start..t.end]);
                }
                assert_eq!(marks.contains(&i), is_cue_tok(b, t), "{i} in {text:?}");
            }
        }
    }

    #[test]
    fn cue_lists_and_cue_of_agree() {
        for (list, cue) in [
            (REGION_CUES, Cue::Region),
            (CITY_CUES, Cue::City),
            (LOCAL_CUES, Cue::Local),
        ] {
            for w in list {
                let want = match *w {
                    "area" => Cue::WeakLocal,
                    "district" => Cue::District,
                    _ => cue,
                };
                assert_eq!(cue_of(w), want, "{w}");
                assert_eq!(cue_of(&w.to_uppercase()), want, "{w}");
            }
        }
        for w in [
            "",
            "cit",
            "cities",
            "Police",
            "neighbourhoodss",
            "états",
            "Provincé",
        ] {
            assert_eq!(cue_of(w), Cue::None, "{w}");
        }
    }

    #[test]
    fn cue_prefilter_keeps_every_cue_word() {
        for list in [REGION_CUES, CITY_CUES, LOCAL_CUES, CUE_TOK_WORDS] {
            for w in list {
                let up = w.to_uppercase();
                let cap = format!("{}{}", &up[..1], &w[1..]);
                for v in [w.to_string(), up, cap] {
                    assert!(maybe_cue(v.as_bytes()), "{v}");
                }
            }
        }
        for w in [
            "", "cit", "ab", "Police", "said", "the", "États", "cityé", "1ity",
        ] {
            let cue = !w.is_empty() && (cue_of(w) != Cue::None || w == "County" || w == "Parish");
            assert!(!cue || maybe_cue(w.as_bytes()), "{w}");
        }
        assert!(!maybe_cue(b"said") && !maybe_cue(b"their") && !maybe_cue(b"during"));
    }

    #[test]
    fn word_sets_agree_with_their_lists() {
        for w in STOP_WORDS {
            assert!(w.len() <= 13 && w.as_bytes()[0].is_ascii_uppercase(), "{w}");
        }
        let sets: [(&[&str], &WordSet, bool); 9] = [
            (STOP_WORDS, &STOP_SET, false),
            (TEAM_FIRST, &TEAM_FIRST_SET, false),
            (CLUB_SHORT, &CLUB_SHORT_SET, false),
            (ORG_WORDS, &ORG_WORD_SET, true),
            (TITLES, &TITLE_SET, true),
            (ORG_HEADS, &ORG_HEAD_SET, false),
            (COMPANY_WORDS, &COMPANY_SET, false),
            (CLUB_BEFORE, &CLUB_BEFORE_SET, false),
            (CLUB_AFTER, &CLUB_AFTER_SET, false),
        ];
        for x in [0u64, u64::MAX, 0x4142_5A5B_6061_7A40, 0xC341_80DA_415A_0041] {
            let mut want = x.to_le_bytes();
            want.make_ascii_lowercase();
            assert_eq!(ascii_lower8(x), u64::from_le_bytes(want), "{x:x}");
        }
        let odd = [
            "",
            "A",
            "London",
            "Aleppo",
            "ABOUT",
            "Ab\u{e9}",
            "\u{c9}tat",
            "Abcdefghijklmnopq",
            "Abcdefghijklmno",
            "Abcdefghijklmn\u{e9}",
        ];
        for w in CLUB_AFTER.iter().chain(TEAM_FIRST) {
            assert!(CLUB_OR_TEAM_AFTER_SET.contains(w), "{w}");
        }
        // (Looked up by binary search.)
        assert!(TEAMS.is_sorted(), "TEAMS");
        for t in TEAMS {
            let first = t.split(' ').find(|w| TEAM_FIRST.contains(w));
            assert!(first.is_some(), "{t}");
        }
        for (list, set, fold) in sets {
            let mut probes: Vec<String> = odd.iter().map(|w| w.to_string()).collect();
            for w in list {
                probes.push(w.to_string());
                probes.push(w.to_ascii_lowercase());
                probes.push(w.to_ascii_uppercase());
                probes.push(format!("{w}x"));
                probes.push(w[..w.len() - 1].to_string());
            }
            for p in &probes {
                let want = if fold {
                    in_list(list, p)
                } else {
                    list.contains(&p.as_str())
                };
                assert_eq!(set.contains(p), want, "{p}");
                if std::ptr::eq(list, STOP_WORDS) {
                    assert_eq!(in_stop(p), want, "{p}");
                }
            }
        }
    }

    #[test]
    fn north_south_test_only_skips_what_is_far() {
        let mut x: u32 = 12345;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x
        };
        for _ in 0..200_000 {
            let lat1 = (next() % 18000) as f32 / 100.0 - 90.0;
            let lat2 = lat1 + ((next() % 2000) as f32 / 1000.0 - 1.0);
            let (lon1, lon2) = (
                (next() % 36000) as f32 / 100.0 - 180.0,
                (next() % 36000) as f32 / 100.0 - 180.0,
            );
            for km in [COLOC_KM, 150.0] {
                if too_far_north_south(lat1, lat2, km) {
                    assert!(
                        approx_km(lat1, lon1, lat2, lon2) >= km,
                        "{lat1} {lat2} {km}"
                    );
                }
            }
        }
    }

    #[test]
    fn stop_words_are_sorted() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn spelling_variants_resolve_to_one_place() {
        let t = tag(
            "Strikes hit Raqqa, Raqqah, Deir ez-Zor, Dayr al-Zawr, Deir-ez-Zor and Deir Ezzor in Syria.",
            None,
        );
        let ids: Vec<Option<u32>> = t.iter().map(|x| x.1).collect();
        assert_eq!(t.len(), 7, "{t:?}");
        assert!(ids[0] == Some(172957) || ids[0] == Some(172955), "{t:?}");
        assert_eq!(ids[0], ids[1]);
        for id in &ids[2..6] {
            assert!(*id == Some(170794) || *id == Some(170792), "{t:?}");
        }
        assert_eq!(ids[6], Some(163843));
    }

    #[test]
    fn cues_choose_region_city_and_local() {
        let t = tag(
            "In Raqqa province, the Panorama district and the al-Qussour neighbourhood of Deir ez-Zor city, Syria.",
            None,
        );
        assert_eq!(
            t[0],
            ("Raqqa".into(), Some(172957), PlaceKind::Name),
            "{t:?}"
        );
        assert_eq!(t[1].2, PlaceKind::Local, "{t:?}");
        assert_eq!(t[1].1, None);
        assert_eq!(t[2].2, PlaceKind::Local, "{t:?}");
        assert_eq!(t[3].1, Some(170794), "{t:?}");
    }

    #[test]
    fn short_forms_demonyms_and_datelines() {
        let t = tag(
            "DAMASCUS – The U.S. and Britain backed Syrian rebels, SANA said.",
            Some("DAMASCUS"),
        );
        let got: Vec<(&str, Option<u32>)> = t.iter().map(|x| (x.0.as_str(), x.1)).collect();
        assert_eq!(
            got,
            vec![
                ("DAMASCUS", Some(170654)),
                ("U.S.", Some(6252001)),
                ("Britain", Some(2635167)),
                ("Syrian", Some(163843)),
            ]
        );
        assert_eq!(t[3].2, PlaceKind::Demonym);
    }

    #[test]
    fn common_words_are_not_towns() {
        let t = tag(
            "Reading the Mobile phone report Of course. Panorama said in May.",
            None,
        );
        assert!(t.is_empty(), "{t:?}");
    }

    #[test]
    fn common_words_in_capitals_are_not_places() {
        let t = tag(
            "FIRST CAPITAL INCOME PROPERTIES SETS PAYOUT\nThe SOUTHERN unit.",
            None,
        );
        assert!(t.is_empty(), "{t:?}");
        // ...but a place among them still is ("WORLD MARKET PRICE" stays one run of words).
        let t = tag("FIRST UNION SEES PROFIT IN TEXAS\nIt said so.", None);
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(t[0].0, "TEXAS");
    }

    #[test]
    fn a_common_word_supports_no_namesake_town() {
        // "Christmas" (a town in Florida) is no place here, so it does not make "Heathrow"
        // (a town 20 km away from it) the Florida one.
        let t = tag(
            "Crews plan to strike before Christmas. Most work out of London's Heathrow.",
            None,
        );
        assert!(
            !t.iter().any(|x| x.0 == "Heathrow" || x.0 == "Christmas"),
            "{t:?}"
        );
    }

    #[test]
    fn a_possessive_surname_is_a_person() {
        // "Mark Wilson's cross": Wilson is a surname here, so the bare "Wilson" of the
        // line-up is the player, not a town named Wilson.
        let t = tag(
            "Grady scored after Robson had headed Mark Wilson's cross off the post.\n\
             Bullock, Duff, Wilson, Ritchie, Blanchard, Robson.",
            None,
        );
        assert!(!t.iter().any(|x| x.0 == "Wilson"), "{t:?}");
        // A given name that is also a stop word, or a title, before the surname.
        for text in [
            "U.S. Treasury Secretary James Baker said the U.S. economy grew. Baker said so.",
            "U.S. Treasury Secretary Baker said the U.S. economy grew.",
        ] {
            let t = tag(text, None);
            assert!(!t.iter().any(|x| x.0 == "Baker"), "{t:?}");
        }
        // The town is still the town, also after "in" where the word is a surname elsewhere.
        let t = tag("Police in Baker, Oregon, said the road was closed.", None);
        assert!(t.iter().any(|x| x.0 == "Baker"), "{t:?}");
        let t = tag("John Denver sang. He lived in Denver.", None);
        assert_eq!(t.len(), 1, "{t:?}");
    }

    #[test]
    fn junk_alternate_names_are_not_places() {
        // GeoNames lists "Reagan" for Decatur, "Google" for Topeka, "Ben" for Bern and
        // "Philadelphia" for Amman among their alternate names; the gazetteer drops them.
        let t = tag(
            "President Reagan met Google executives and Ben Smith in Philadelphia.",
            None,
        );
        let ids: Vec<_> = t.iter().map(|x| (x.0.as_str(), x.1)).collect();
        assert_eq!(ids, [("Philadelphia", Some(4560349))], "{t:?}");
        // Exonyms of large towns, several-word names and short words of the name stay.
        for (name, id) in [
            ("Peking", 1816670),
            ("Bombay", 1275339),
            ("Rio", 3451190),
            ("Aix", 3038354),
        ] {
            let t = tag(&format!("He flew to {name} on Monday."), None);
            assert_eq!(t.first().and_then(|x| x.1), Some(id), "{name}: {t:?}");
        }
    }

    #[test]
    fn a_small_capital_is_no_persons_or_companys_name() {
        let ids = |text: &str| {
            tag(text, None)
                .into_iter()
                .filter_map(|x| x.1)
                .collect::<Vec<_>>()
        };
        // persons and a bank: no capital of the Isle of Man, the Falklands or the Seychelles
        assert!(ids("Actor Michael Douglas is to star. Douglas said so.").is_empty());
        assert!(ids("Morgan Stanley forecast growth, Morgan Stanley said.").is_empty());
        assert!(ids("Ronnie Corbett joined Victoria Wood. Victoria Wood said.").is_empty());
        // the capitals, named plainly
        assert_eq!(
            ids("The ferry reached Douglas, Isle of Man, at noon.")[0],
            3042237
        );
        assert_eq!(ids("Talks were held in Valletta on Monday."), vec![2562305]);
    }

    #[test]
    fn a_town_the_article_uses_as_a_companys_name_is_the_company() {
        // "Toyota Motor Corp", "Toyota's chief executive", "shares of Toyota": the carmaker,
        // bare too; the town after "in" or as "Town, Region".
        for text in [
            "Toyota Motor Corp said profit rose. Toyota will build more cars.",
            "Shares of Toyota fell. Toyota said demand was weak.",
            "Toyota's chief executive resigned. Toyota said sales fell.",
        ] {
            let t = tag(text, None);
            assert!(
                t.iter().all(|x| !x.0.starts_with("Toyota")),
                "{text}: {t:?}"
            );
        }
        assert_resolves(
            "Toyota Motor Corp has a plant in Toyota, Aichi prefecture.",
            "Toyota",
            1849814,
        );
        assert_resolves(
            "Toyota Motor Corp said workers in Toyota went home.",
            "Toyota",
            1849814,
        );
        // Without such a use, the town.
        assert_resolves(
            "Floods hit Toyota in central Japan on Monday.",
            "Toyota",
            1849814,
        );
    }

    #[test]
    fn a_towns_name_carried_by_a_person_or_a_firm_is_not_the_town() {
        // Each town is tagged in its control sentence (its state supports it), and not where a
        // person or a firm carries its name.
        for (cue, control, name) in [
            (
                "Floods hit West Virginia. Chairman W.A. Kistler met bankers.",
                "Floods hit West Virginia. Kistler was cut off.",
                "Kistler",
            ),
            (
                "Floods hit West Virginia. Kistler said the roads were closed.",
                "Floods hit West Virginia. Residents of Kistler said the roads were closed.",
                "Kistler",
            ),
            (
                "Floods hit Illinois. The firm named Morris N. Broad chief executive.",
                "Floods hit Illinois. The firm in Morris named a chief executive.",
                "Morris",
            ),
            (
                "Floods hit Kansas. Pratt & Whitney will supply the engines.",
                "Floods hit Kansas. Pratt and Wichita will supply the engines.",
                "Pratt",
            ),
        ] {
            assert!(!has(cue, name), "{cue}");
            assert!(has(control, name), "{control}");
        }
        // A town read by its alternate name as "Town, Region" is that town bare too.
        let t = tag(
            "Fires burned near Baker, Oregon. Residents of Baker protested. Baker officials met.",
            None,
        );
        assert_eq!(t.iter().filter(|x| x.0 == "Baker").count(), 3, "{t:?}");
        // A speaker is the subject at a sentence's start, not a town in a list or after an
        // adjective; a larger town's name before "said" may be its government's.
        for text in [
            "Floods hit West Virginia. Officials in nearby Kistler said the roads were closed.",
            "Floods hit West Virginia. Officials in Montgomery and Kistler said roads closed.",
        ] {
            assert!(has(text, "Kistler"), "{text}");
        }
        assert!(has(
            "German officials met. Bonn said it would not cut rates.",
            "Bonn"
        ));
        // Initials are a chain ("W.A."), not a letter that ends a sentence, and not a place's
        // abbreviation.
        for (text, name) in [
            (
                "Veterans of World War I. Boston officials honored them.",
                "Boston",
            ),
            (
                "Researchers studied vitamin D. Denver doctors said it worked.",
                "Denver",
            ),
            (
                "Storms hit Columbia, S.C. Charleston officials said roads closed.",
                "Charleston",
            ),
        ] {
            assert!(has(text, name), "{text}");
        }
    }

    #[test]
    fn a_small_town_needs_more_than_its_countrys_name() {
        // A U.S. story names thousands of small U.S. towns' namesakes: "Banks", "Sells",
        // "Industry", "Moody" are words or firms there.
        for text in [
            "Banks said the U.S. economy grew. Industry groups in the U.S. agreed.",
            "ACME SELLS UNIT. The U.S. company sold its unit.",
            "Moody's cut the U.S. bank's rating.",
        ] {
            let t = tag(text, None);
            assert!(
                t.iter()
                    .all(|x| matches!(x.0.as_str(), "U.S." | "U.S" | "US")),
                "{text}: {t:?}"
            );
        }
        // With its region, or a cue, a small town is a place; a larger town needs only its
        // country; and a big namesake abroad is not displaced by a small one at home.
        for (text, name, id) in [
            (
                "Storms hit Sells, Arizona, and the U.S. highway closed.",
                "Sells",
                5313737,
            ),
            (
                "Swiss police met leaders in Davos on Monday.",
                "Davos",
                2661039,
            ),
            (
                "Swiss leaders met on Monday. In Davos, police closed roads.",
                "Davos",
                2661039,
            ),
            (
                "The U.S. team beat Toronto on Monday night.",
                "Toronto",
                6167865,
            ),
        ] {
            assert_resolves(text, name, id);
        }
    }

    #[test]
    fn a_region_nothing_supports_is_not_a_persons_or_firms_name() {
        for (text, name) in [
            ("Princess Diana visited the hospital on Monday.", "Diana"),
            ("Ferdinand Marcos fled with his family.", "Ferdinand"),
            (
                "Texas Instruments said profits rose. Texas officials were pleased.",
                "Texas",
            ),
        ] {
            assert!(!has(text, name), "{text}");
        }
        // A region named by description alone ("the South East") needs the article's support.
        for (text, name) in [
            (
                "House prices rose in the South East of England.",
                "South East",
            ),
            ("Storms hit the East Midlands on Monday.", "East Midlands"),
        ] {
            assert!(!has(text, name), "{text}");
        }
        // Supported by a cue, its country or the word before it, the region stays.
        for (text, name) in [
            (
                "Rockets hit Israel's Southern District on Monday.",
                "Southern District",
            ),
            ("Floods hit the Diana region of Madagascar.", "Diana"),
            (
                "The governor of Ferdinand province in Bulgaria resigned.",
                "Ferdinand",
            ),
            (
                "Oil output in Texas rose. Texas officials were pleased.",
                "Texas",
            ),
        ] {
            assert!(has(text, name), "{text}");
        }
    }

    #[test]
    fn a_town_hyphen_joined_to_a_word_that_is_no_place_is_part_of_a_name() {
        for (text, gone) in [
            (
                "Allied-Lyons bid for the Canadian unit in Toronto.",
                "Lyons",
            ),
            (
                "Shareholders of Cleveland-Cliffs Inc in Ohio met.",
                "Cleveland",
            ),
            ("The rapper Jay-Z played in Texas.", "Jay"),
        ] {
            let t = tag(text, None);
            assert!(t.iter().all(|x| x.0 != gone), "{text}: {t:?}");
        }
        // Two places so joined stay places; a station's acronym before its town is the town.
        for (text, kept) in [
            (
                "Flights from Dallas-Fort Worth to Texas towns resumed.",
                "Fort Worth",
            ),
            (
                "Flights from Dallas-Fort Worth to Texas towns resumed.",
                "Dallas",
            ),
            (
                "A WGBH-Boston co-production aired in Massachusetts.",
                "Boston",
            ),
            ("Denver-Based Firm Buys Colorado Rival", "Denver"),
            ("The Neath & Swansea council in Wales met.", "Neath"),
        ] {
            let t = tag(text, None);
            assert!(t.iter().any(|x| x.0 == kept), "{text}: {t:?}");
        }
    }

    #[test]
    fn a_dateline_is_the_town_not_the_region_of_its_name() {
        let t = tag(
            "HERAT, Afghanistan (Reuters) - A bomb exploded outside a mosque.",
            None,
        );
        assert_eq!(t.first().map(|x| x.1), Some(Some(1140026)), "{t:?}");
        let t = tag(
            "HAMA, Syria (Reuters) - Rebels shelled the city.",
            Some("HAMA"),
        );
        assert_eq!(t.first().map(|x| x.1), Some(Some(170017)), "{t:?}");
        // Elsewhere in the article, without a cue, the name is still the region.
        let t = tag(
            "KABUL (Reuters) - Fighting spread across Herat, officials said.",
            None,
        );
        assert_eq!(t.last().map(|x| x.1), Some(Some(1140025)), "{t:?}");
    }

    #[test]
    fn a_common_word_that_is_a_big_town_after_in_in_its_country() {
        assert_resolves(
            "Ferries from Split to Hvar were cancelled, Croatian officials said.",
            "Split",
            3190261,
        );
        assert_resolves("French police in Nice arrested two men.", "Nice", 2990440);
        // Not without the preposition, nor a month.
        let t = tag("French voters said Nice things. Elections in May.", None);
        assert_eq!(t.len(), 1, "{t:?}");
    }

    #[test]
    fn a_metropolis_with_a_fifth_of_its_regions_people_is_the_city() {
        // Sao Paulo (12 million of the 56 the gazetteer counts in its state), Mecca: the city,
        // unless a cue or a list of other regions says state.
        let t = tag("Police in Sao Paulo arrested three men on Tuesday.", None);
        assert_eq!(t.last().map(|x| x.1), Some(Some(3448439)), "{t:?}");
        let t = tag("Pilgrims arrived in Mecca on Friday.", None);
        assert_eq!(t.last().map(|x| x.1), Some(Some(104515)), "{t:?}");
        let t = tag("Floods hit Sao Paulo state on Monday.", None);
        assert_eq!(t.first().map(|x| x.1), Some(Some(3448433)), "{t:?}");
        let t = tag(
            "Frost hit coffee in Sao Paulo, Minas Gerais and Parana.",
            None,
        );
        assert_eq!(t.first().map(|x| x.1), Some(Some(3448433)), "{t:?}");
    }

    #[test]
    fn a_metropolis_is_meant_rather_than_its_namesake_region() {
        let id = |text: &str, name: &str| {
            tag(text, None)
                .into_iter()
                .find(|x| x.0 == name)
                .and_then(|x| x.1)
        };
        // the cities
        assert_eq!(id("Shelling hit Aleppo on Monday.", "Aleppo"), Some(170063));
        assert_eq!(id("He met Trump in New York.", "New York"), Some(5128581));
        assert_eq!(id("Flights to Istanbul resumed.", "Istanbul"), Some(745044));
        // the regions: a cue, a plural cue after a list, a governor, "Town, Region"
        assert_eq!(id("Fighting in Aleppo province.", "Aleppo"), Some(170062));
        assert_eq!(
            id("Strikes in Raqqah, Aleppo and Hasakah provinces.", "Aleppo"),
            Some(170062)
        );
        assert_eq!(
            id("New York Gov. Andrew Cuomo said.", "New York"),
            Some(5128638)
        );
        assert_eq!(
            id("A hospital in Bronx, New York.", "New York"),
            Some(5128638)
        );
        // ...also over a wrapped line, in a list of regions, before a governor or upstate
        assert_eq!(id("Fighting in Aleppo\nprovince.", "Aleppo"), Some(170062));
        assert_eq!(
            id("A plant in Buffalo,\nNew York.", "New York"),
            Some(5128638)
        );
        assert_eq!(
            id("Police in Nassau County, New York.", "New York"),
            Some(5128638)
        );
        let states = "Stores in Delaware, New York and New Jersey.";
        assert_eq!(id(states, "New York"), Some(5128638));
        assert_eq!(
            id("He was governor of New York.", "New York"),
            Some(5128638)
        );
        assert_eq!(
            id("A plant in upstate New York.", "New York"),
            Some(5128638)
        );
        assert_eq!(
            id("New York attorney general Eliot Spitzer", "New York"),
            Some(5128638)
        );
        // a region cue names the region even where a country has the name
        assert_eq!(
            id("Georgia Gov. Brian Kemp signed it.", "Georgia"),
            Some(4197000)
        );
        assert_eq!(
            id("Protests in Georgia, the country.", "Georgia"),
            Some(614540)
        );
        // (but the West Bank and Gaza are not made regions of two countries)
        assert_eq!(id("in the West Bank and Gaza.", "Gaza"), Some(281133));
        // a region whose capital is smaller than a million keeps its name
        assert_eq!(id("Voters in Quebec said no.", "Quebec"), Some(6115047));
    }

    #[test]
    fn town_region_pairs() {
        let t = tag("He lives in Paris, Texas, near Dallas.", None);
        assert_eq!(t[0].1, Some(4717560), "{t:?}");
        let t = tag("He flew to Paris on Monday.", None);
        assert_eq!(t[0].1, Some(2988507), "{t:?}");
        // The region after "Town, " outranks a namesake country.
        let t = tag("Offices in Atlanta, Georgia and Tbilisi, Georgia.", None);
        let ids: Vec<Option<u32>> = t.iter().map(|x| x.1).collect();
        assert_eq!(ids[1], Some(4197000), "{t:?}");
        assert_eq!(ids[3], Some(614540), "{t:?}");
    }

    #[test]
    fn dateline_is_a_town_in_its_qualifier() {
        // "GLASGOW, Ky.": the Kentucky town, for the dateline and every later mention.
        let text = "GLASGOW, Ky. (WBKO) -- A woman died in Glasgow on Friday.";
        let t = tag(text, Some("GLASGOW"));
        assert_eq!(t[0].1, Some(4292826), "{t:?}");
        assert_eq!(t.last().map(|x| x.1), Some(Some(4292826)), "{t:?}");
        // Without a qualifier, the town the rest of the document points to.
        let t = tag(
            "VICTORIA - The family in British Columbia opposes the dam. B.C. said no.",
            Some("VICTORIA"),
        );
        assert_eq!(t[0].1, Some(6174041), "{t:?}");
    }

    #[test]
    fn parts_of_a_city_do_not_make_it_local() {
        // "neighbourhoods of X", "an X suburb": X is the city, not a neighbourhood.
        let t = tag(
            "Shelling hit neighborhoods of Shiraz and a Houston suburb.",
            None,
        );
        let ids: Vec<Option<u32>> = t.iter().map(|x| x.1).collect();
        assert_eq!(ids, vec![Some(115019), Some(4699066)], "{t:?}");
    }

    #[test]
    fn counties_and_unknown_neighbourhoods_are_detected_unresolved() {
        let t = tag(
            "Police in Glenmorrow County said the White Garden district was hit.",
            None,
        );
        assert_eq!(
            t[0],
            ("Glenmorrow County".into(), None, PlaceKind::Name),
            "{t:?}"
        );
        assert_eq!(
            t[1],
            ("White Garden".into(), None, PlaceKind::Local),
            "{t:?}"
        );
    }

    #[test]
    fn street_names_include_the_street_word() {
        let t = tag(
            "The school in Hertford Road and a house in Galliard Road, Edmonton, were shut.",
            None,
        );
        assert_eq!(
            t[0],
            ("Hertford Road".into(), None, PlaceKind::Local),
            "{t:?}"
        );
        assert_eq!(
            t[1],
            ("Galliard Road".into(), None, PlaceKind::Local),
            "{t:?}"
        );
        // A district is named without the generic word.
        let t = tag("Shelling hit the White Garden district.", None);
        assert_eq!(
            t[0],
            ("White Garden".into(), None, PlaceKind::Local),
            "{t:?}"
        );
    }

    #[test]
    fn namesakes_next_to_each_other_support_each_other() {
        // Both names are towns in several countries; only in England are they neighbours.
        let t = tag(
            "Pupils from Edmonton visited the Enfield council offices.",
            None,
        );
        assert_eq!(t[0].1, Some(2650209), "{t:?}");
        assert_eq!(t[1].1, Some(2649997), "{t:?}");
    }

    #[test]
    fn us_counties_resolve_by_state() {
        // "Metcalfe County" is the Kentucky county, not the town of Metcalfe.
        let t = tag("Police in Metcalfe County said the road was closed.", None);
        assert_eq!(
            t[0],
            ("Metcalfe County".into(), Some(4300606), PlaceKind::Name),
            "{t:?}"
        );
        // Four states have an Adair County: the state named in the text decides.
        let t = tag(
            "Adair County, Kentucky, and Adair County, Iowa, voted.",
            None,
        );
        assert_eq!(t[0].1, Some(4282211), "{t:?}");
        assert_eq!(t[2].1, Some(4846344), "{t:?}");
    }

    #[test]
    fn short_capitals_are_acronyms_not_towns() {
        let t = tag("SANA and AP reported it, the UN said.", None);
        assert!(t.is_empty(), "{t:?}");
    }

    #[test]
    fn person_names_are_not_towns() {
        let t = tag(
            "Nick Burton runs a garden. Burton, 39, said Mr. Stein agreed in Toronto.",
            None,
        );
        let names: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(names, vec!["Toronto"], "{t:?}");
    }

    /// The geonameids of every mention of `name` in `text` (with `dateline`).
    fn ids_of(text: &str, dateline: Option<&str>, name: &str) -> Vec<Option<u32>> {
        tag(text, dateline)
            .into_iter()
            .filter(|x| x.0 == name)
            .map(|x| x.1)
            .collect()
    }

    #[test]
    fn a_state_named_like_a_country_in_us_copy() {
        const STATE: Option<u32> = Some(4197000);
        const COUNTRY: Option<u32> = Some(614540);
        // A "Town, St." dateline in the state, other states, a big town in it: the state.
        let text = "ATHENS, Ga. - The university said on Monday that Georgia would pay for it.";
        assert_eq!(ids_of(text, Some("ATHENS"), "Georgia"), vec![STATE]);
        let text = "Storms hit Florida and Alabama on Monday. In Georgia, thousands lost power.";
        assert_eq!(ids_of(text, None, "Georgia"), vec![STATE]);
        let text = "The plant near Waynesboro, Ga., is owned by a utility. Georgia regulators \
                    will rule on the cost.";
        assert_eq!(ids_of(text, None, "Georgia"), vec![STATE]);
        let text = "BOSTON, Mass. - The company will move its plant to Georgia next year.";
        assert_eq!(ids_of(text, Some("BOSTON"), "Georgia"), vec![STATE]);
        // The country when the document points to it, even in US copy.
        let text = "Storms hit Florida on Monday. In Tbilisi, Georgia's president spoke.";
        assert_eq!(ids_of(text, None, "Georgia"), vec![COUNTRY]);
        let text = "Florida's senator said Russia must leave Georgia.";
        assert_eq!(ids_of(text, None, "Georgia"), vec![COUNTRY]);
        let text = "Troops in Abkhazia and Texas volunteers: Georgia thanked them.";
        assert_eq!(ids_of(text, None, "Georgia"), vec![COUNTRY]);
        // With nothing of either: the country, as before.
        assert_eq!(
            ids_of("Georgia held elections.", None, "Georgia"),
            vec![COUNTRY]
        );
        assert_eq!(
            ids_of(
                "U.S. officials said Georgia held elections.",
                None,
                "Georgia"
            ),
            vec![COUNTRY]
        );
    }

    #[test]
    fn victoria_is_the_state_or_town_the_article_is_about() {
        const STATE: Option<u32> = Some(2145234);
        const BC: Option<u32> = Some(6174041);
        // Towns inside the region say the region is meant.
        let text = "Floods hit Bendigo and Ballarat on Monday. Victoria's emergency services \
                    were stretched.";
        assert_eq!(ids_of(text, None, "Victoria"), vec![STATE]);
        let text = "Crews from Geelong were sent. Victoria declared a state of disaster.";
        assert_eq!(ids_of(text, None, "Victoria"), vec![STATE]);
        let text = "Bushfires near Melbourne and Sydney. Victoria and New South Wales burned.";
        assert_eq!(ids_of(text, None, "Victoria"), vec![STATE]);
        let text = "Ferries from Nanaimo were late. Victoria's mayor said the city would help.";
        assert_eq!(ids_of(text, None, "Victoria"), vec![BC]);
    }

    #[test]
    fn towns_listed_before_in_region_are_inside_it() {
        let text = "The mayors of Manchester and Portsmouth in New Hampshire met bankers in \
                    Paterson, New Jersey.";
        let t = tag(text, None);
        // (Manchester and Portsmouth, New Hampshire)
        let ids: Vec<Option<u32>> = t.iter().map(|x| x.1).collect();
        assert_eq!(ids[0], Some(5089178), "{t:?}");
        assert_eq!(ids[1], Some(5091383), "{t:?}");
        // "Leeds and Manchester in England": the English towns, of course.
        let t = tag("Rain fell on Leeds and Manchester in England.", None);
        assert_eq!(t[1].1, Some(2643123), "{t:?}");
        // A common word before "in" stays a common word ("May in Britain").
        let t = tag("Elections in May in Britain were calm.", None);
        assert!(t.iter().all(|x| x.0 != "May"), "{t:?}");
        // People "of" a place, and a company's name, are no towns of it.
        let t = tag(
            "Conchita Martinez of Spain beat Nathalie Dechy of France. Strondberg Vaasa in \
             Finland got an order.",
            None,
        );
        let names: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(names, vec!["Spain", "France", "Finland"], "{t:?}");
    }

    #[test]
    fn a_town_in_a_football_clubs_name_is_no_mention_of_it() {
        let text = "Manchester United beat Aston Villa, Real Madrid lost to Atletico Madrid, \
                    AC Milan drew with Inter Milan. Bayern Munich and Werder Bremen won, \
                    Manchester City lost at Exeter City. Paris Saint-Germain beat Sporting \
                    Lisbon and Dynamo Kiev. AS Roma won.";
        let t = tag(text, None);
        assert!(t.is_empty(), "{t:?}");
        // The towns themselves, and organisations named after them, stay places.
        let t = tag(
            "Fans flew from Madrid to Milan. Manchester City Council met. In Kansas City \
             and Munich prices rose. Voters in Edinburgh City registered.",
            None,
        );
        let names: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "Madrid",
                "Milan",
                "Manchester",
                "Kansas City",
                "Munich",
                "Edinburgh"
            ],
            "{t:?}"
        );
    }

    #[test]
    fn a_town_in_a_north_american_teams_name_is_no_mention_of_it() {
        let text = "The Boston Red Sox beat the New York Yankees, the Toronto Maple Leafs \
                    lost to the Montreal Canadiens and the Los Angeles Lakers beat the Chicago \
                    Bulls. The Dallas Cowboys play the Green Bay Packers, the St. Louis \
                    Cardinals the Kansas City Royals, the Hamilton Tiger-Cats the Calgary \
                    Stampeders.";
        let t = tag(text, None);
        assert!(t.is_empty(), "{t:?}");
        // A band or an agency named after a state, and the towns themselves, stay places.
        let t = tag(
            "Jody Nix and The Texas Cowboys played in Boston. New York Yankees fans flew \
             from Toronto to Los Angeles.",
            None,
        );
        let names: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            names,
            vec!["Texas", "Boston", "Toronto", "Los Angeles"],
            "{t:?}"
        );
    }

    #[test]
    fn a_clubs_name_is_no_evidence_for_the_other_places() {
        // Athens, Greece, not the town in New York state; no Italian village "Adriano".
        let t = tag(
            "The New York Yankees beat the Boston Red Sox in Athens on Sunday.",
            None,
        );
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(t[0].1, Some(264371), "{t:?}");
        let t = tag("Inter Milan will bid for striker Adriano.", None);
        assert!(t.is_empty(), "{t:?}");
    }

    #[test]
    fn a_club_known_by_a_place_name_alone_is_no_mention_of_it() {
        // Names of places in their own language (or a nickname) that English copy uses for
        // clubs ("Bayern", "Barca", "Lazio"), and "Roma" for the people.
        let text = "Barca beat Bayern, and Lazio lost to Ajax. Napoli drew. Many Roma were \
                    refused entry. S.J. Bayern and Co underwrote the issue. Tony Roma's \
                    restaurants did well.";
        let t = tag(text, None);
        assert!(t.is_empty(), "{t:?}");
        // After "in", with a cue or as "Town, Region", the place.
        let t = tag(
            "Elections in Lazio were calm. Ajax, Ontario, grew. The Lazio region voted. \
             Banco di Roma lent.",
            None,
        );
        let names: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            names,
            vec!["Lazio", "Ajax", "Ontario", "Lazio", "Roma"],
            "{t:?}"
        );
    }

    #[test]
    fn a_name_read_clearly_once_is_read_so_throughout_the_document() {
        let ids = |text: &str, name: &str| -> Vec<Option<u32>> {
            tag(text, None)
                .into_iter()
                .filter(|x| x.0 == name)
                .map(|x| x.1)
                .collect()
        };
        // "Madera, Calif." says which Madera the bare mention is.
        let text = "Heublein will move production to the company's Madera, Calif., winery. \
                    The move will increase the Madera winery's efficiency.";
        let got = ids(text, "Madera");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0], got[1], "{got:?}");
        let text = "Amoco will expand the plant in Andalusia, Ala., bringing Andalusia \
                    capacity to 85 mln pounds.";
        let got = ids(text, "Andalusia");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0], got[1], "{got:?}");
        // Before the clear mention too.
        let text = "Prices for Georgia motorists would rise, the FTC told the governor of \
                    Georgia.";
        assert_eq!(ids(text, "Georgia"), vec![Some(4197000); 2]);
        // The city and the state of one name stay apart where a cue tells them apart.
        let text = "New York Gov. Andrew Cuomo spoke in New York on Monday.";
        assert_eq!(ids(text, "New York"), vec![Some(5128638), Some(5128581)]);
    }

    #[test]
    fn an_alternate_name_of_a_small_town_is_it_only_as_town_region() {
        // Alone: a word, a person, a company, or the large place of the name.
        let t = tag(
            "The Bank of England held rates. Daniel Day-Lewis won. Borg-Warner Corp bought \
             shares. Flights link London and Sydney.",
            None,
        );
        let names: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(names, vec!["England", "London", "Sydney"], "{t:?}");
        assert_eq!(t[2].1, Some(2147714), "{t:?}");
        // A place's own name wins over another's alternate one, even where the document
        // names the other's region.
        let t = tag("Texas oilmen met in Denver on Monday.", None);
        assert_eq!(t.last().map(|x| x.1), Some(Some(5419384)), "{t:?}");
        // As "Town, Region" or before "in <Region>": the town.
        let t = tag("A pipeline from Lago Agrio in Ecuador was built.", None);
        let names: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(names, vec!["Lago Agrio", "Ecuador"], "{t:?}");
    }

    #[test]
    fn an_alternate_name_stands_alone_after_in_or_at_and_so_throughout_the_document() {
        // Foreign or former names of small towns that news knows them by ("Auschwitz" for
        // Oswiecim, "Chernobyl" for Chornobyl): after "in", "at", "near", "from" the town,
        // and then the same name bare elsewhere in the article too.
        let t = tag(
            "Survivors returned to Poland this week. Wreaths were laid at Auschwitz on \
             Tuesday. The Auschwitz museum said 1,000 visitors came.",
            None,
        );
        let ids: Vec<Option<u32>> = t
            .iter()
            .filter(|x| x.0 == "Auschwitz")
            .map(|x| x.1)
            .collect();
        assert_eq!(ids, vec![Some(3089658); 2], "{t:?}");
        let t = tag(
            "Ukraine said radiation levels near Chernobyl were normal.",
            None,
        );
        assert_eq!(t.last().map(|x| x.1), Some(Some(710403)), "{t:?}");
        // Not where the name is another place's own ("in Denver" in a Texas story is
        // Denver, Colorado; "in Sydney" Sydney, Australia), nor without the preposition.
        let t = tag("Texas oilmen met in Denver on Monday.", None);
        assert_eq!(t.last().map(|x| x.1), Some(Some(5419384)), "{t:?}");
        let t = tag("Montana ranchers flew in from Sydney on Monday.", None);
        assert_eq!(t.last().map(|x| x.1), Some(Some(2147714)), "{t:?}");
        let t = tag(
            "New Hampshire banks said The Bank of England held rates.",
            None,
        );
        let names: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(names, vec!["New Hampshire", "England"], "{t:?}");
    }

    #[test]
    fn an_alternate_name_stands_alone_after_strait_of_or_before_island() {
        // A strait, an island or a bay known by the name of the small town on it: "Strait of",
        // "<direction> of" before it, "island" after it or "Bay" as its last word tell it.
        let t = tag(
            "Iran said tankers crossed the Strait of Hormuz. Jets hit Kharg island. Greece \
             said a ship sank south of Thassos. Cuba wants Guantanamo Bay closed.",
            None,
        );
        let names: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "Iran",
                "Hormuz",
                "Kharg",
                "Greece",
                "Thassos",
                "Cuba",
                "Guantanamo Bay"
            ],
            "{t:?}"
        );
        // Without such a cue still no town: "Borg-Warner", "The Bank of England".
        let t = tag("Borg-Warner rose. The Bank of England held.", None);
        let names: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(names, vec!["England"], "{t:?}");
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "",
            "al-",
            "‘",
            "U.S",
            "X, ",
            "Al-",
            "Deir-",
            "é’s Raqqa’",
            ". . .",
        ] {
            let _ = tag(s, Some(s));
        }
    }
}
