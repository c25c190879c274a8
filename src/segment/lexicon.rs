//! Word lists for sentence segmentation, as hashed sets built once.
//!
//! Abbreviations are stored lowercase without their final period; the classes say what a
//! period after them means (see [`AbbrevClass`]). Generic English and news-style lists only:
//! nothing here is taken from a particular corpus.

use crate::fasthash::FnvBuild;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// What a period after a known abbreviation means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbbrevClass {
    /// Titles that stand before a name (`Mr.`, `Gen.`): never the end of a sentence.
    Prepositive,
    /// Abbreviations usually followed by a number (`No. 5`, `p. 55`, `Sept. 5`): not an end
    /// before a digit, otherwise decided like [`AbbrevClass::General`].
    Numeric,
    /// Company suffixes (`Inc.`, `Corp.`): a sentence end when the document writes the same
    /// word without a period elsewhere (wire style), otherwise like [`AbbrevClass::General`].
    Company,
    /// Anything else (`etc.`, `St.`, `Jr.`): an end only before a typical sentence opener.
    General,
    /// Never an end, whatever follows (`e.g.`, `i.e.`).
    NeverEnd,
}

const PREPOSITIVE: &[&str] = &[
    "adm", "amb", "atty", "attys", "brig", "capt", "cdr", "cmdr", "cmdt", "col", "const", "cpl",
    "det", "dr", "drs", "fr", "gen", "gens", "gov", "govs", "hon", "insp", "lieut", "lt", "maj",
    "messrs", "mlle", "mme", "mmes", "mr", "mrs", "ms", "msgr", "mx", "pfc", "pres", "prof",
    "profs", "pvt", "rep", "reps", "rev", "revd", "rt", "sen", "sens", "sfc", "sgt", "supt",
    "surg",
];

const NUMERIC: &[&str] = &[
    "approx", "art", "arts", "ca", "ch", "chap", "ed", "eds", "ext", "fig", "figs", "no", "nos",
    "nr", "n°", "nº", "op", "p", "para", "pp", "ref", "sec", "tel", "vol", "vols",
    // months (AP style writes "Sept. 5", "Oct. 16")
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

const COMPANY: &[&str] = &[
    "bhd", "bros", "cia", "cie", "co", "corp", "cos", "inc", "llc", "llp", "ltd", "plc", "pty",
];

const GENERAL: &[&str] = &[
    "admin", "al", "assn", "assoc", "asst", "ave", "bldg", "blvd", "dept", "dir", "dist", "esq",
    "est", "exec", "ft", "govt", "hosp", "hwy", "intl", "jr", "mfg", "mgr", "min", "mins", "mkt",
    "mt", "mtn", "natl", "pl", "prov", "rd", "sq", "sr", "st", "ste", "univ", "vs", "etc", "wk",
    "yr", "yrs", "hr", "hrs",
];

const NEVER_END: &[&str] = &["e.g", "i.e", "viz", "cf", "ibid", "et"];

/// US state abbreviations in AP style; only treated as abbreviations after a comma
/// ("Springfield, Ill."), because several are ordinary words.
const STATES: &[&str] = &[
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans",
    "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nebr", "nev", "okla",
    "ore", "pa", "penn", "tenn", "tex", "va", "vt", "wash", "wis", "wyo",
];

/// Capitalized words that typically open a sentence (function words, pronouns, auxiliaries,
/// sentence adverbs). After an abbreviation, one of these means the abbreviation ended the
/// sentence ("in the U.S. The next day"), a name or noun means it did not ("U.S. Government").
const STARTERS: &[&str] = &[
    "A",
    "About",
    "According",
    "After",
    "Afterwards",
    "Again",
    "Against",
    "Ahead",
    "All",
    "Almost",
    "Already",
    "Also",
    "Although",
    "Among",
    "An",
    "And",
    "Another",
    "Any",
    "Are",
    "As",
    "At",
    "Because",
    "Before",
    "Being",
    "Both",
    "But",
    "By",
    "Can",
    "Could",
    "Despite",
    "Did",
    "Do",
    "Does",
    "During",
    "Each",
    "Earlier",
    "Either",
    "Even",
    "Every",
    "Few",
    "Finally",
    "For",
    "Furthermore",
    "Had",
    "Has",
    "Have",
    "He",
    "Her",
    "Here",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "Indeed",
    "Instead",
    "Is",
    "It",
    "It's",
    "Its",
    "Last",
    "Later",
    "Many",
    "Meanwhile",
    "Millions",
    "More",
    "Moreover",
    "Most",
    "Much",
    "My",
    "Neither",
    "Nevertheless",
    "No",
    "Nor",
    "Not",
    "Now",
    "Of",
    "On",
    "Once",
    "One",
    "Only",
    "Or",
    "Other",
    "Our",
    "Over",
    "Several",
    "She",
    "Should",
    "Since",
    "So",
    "Some",
    "Still",
    "Such",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Thus",
    "To",
    "Today",
    "Two",
    "Under",
    "Unlike",
    "Until",
    "We",
    "Were",
    "What",
    "When",
    "Where",
    "Whether",
    "Which",
    "While",
    "Who",
    "Why",
    "With",
    "Within",
    "Without",
    "Would",
    "Yesterday",
    "Yet",
    "You",
    "Your",
];

/// Starters that cannot follow an acronym such as "U.S." inside a sentence ("U.S. and",
/// "U.S. to" can; "U.S. the", "U.S. he" cannot).
const STRONG_STARTERS: &[&str] = &[
    "A",
    "An",
    "But",
    "Finally",
    "He",
    "Her",
    "Here",
    "His",
    "How",
    "However",
    "I",
    "It",
    "It's",
    "Its",
    "Meanwhile",
    "Moreover",
    "My",
    "Nevertheless",
    "Our",
    "She",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Thus",
    "We",
    "What",
    "When",
    "Where",
    "Why",
    "You",
    "Your",
];

/// Verbs of a reporting clause after a quotation ("Why?" Smith asked.).
const SPEECH_VERBS: &[&str] = &[
    "acknowledged",
    "added",
    "adds",
    "admitted",
    "agreed",
    "announced",
    "answered",
    "argued",
    "argues",
    "asked",
    "asks",
    "begged",
    "boasted",
    "claimed",
    "claims",
    "commented",
    "complained",
    "conceded",
    "concluded",
    "confirmed",
    "continued",
    "countered",
    "cried",
    "declared",
    "demanded",
    "enquired",
    "exclaimed",
    "explained",
    "explains",
    "implored",
    "inquired",
    "insisted",
    "insists",
    "joked",
    "lamented",
    "maintained",
    "mused",
    "noted",
    "notes",
    "observed",
    "pleaded",
    "posted",
    "predicted",
    "pressed",
    "protested",
    "quipped",
    "recalled",
    "remarked",
    "replied",
    "replies",
    "reported",
    "responded",
    "retorted",
    "said",
    "says",
    "shouted",
    "snapped",
    "stated",
    "stressed",
    "stresses",
    "suggested",
    "tells",
    "told",
    "tweeted",
    "urged",
    "warned",
    "warns",
    "whispered",
    "wondered",
    "wrote",
    "writes",
    "yelled",
];

/// Words that can follow the verb of a reporting clause without starting a new statement
/// ("Holmes asked in the New Year.", "he said on Monday.").
const CLAUSE_TAILS: &[&str] = &[
    "afterwards",
    "again",
    "also",
    "at",
    "during",
    "earlier",
    "in",
    "last",
    "later",
    "on",
    "recently",
    "then",
    "today",
    "tonight",
    "too",
    "yesterday",
];

/// Lowercase words after which a line cannot end a sentence (a wrapped line ending in "of"
/// continues on the next line).
const CONNECTORS: &[&str] = &[
    "a",
    "about",
    "after",
    "against",
    "also",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "been",
    "before",
    "between",
    "but",
    "by",
    "could",
    "for",
    "from",
    "had",
    "has",
    "have",
    "her",
    "his",
    "in",
    "including",
    "into",
    "is",
    "its",
    "nor",
    "not",
    "of",
    "on",
    "onto",
    "or",
    "our",
    "over",
    "per",
    "said",
    "says",
    "should",
    "than",
    "that",
    "the",
    "their",
    "these",
    "this",
    "those",
    "to",
    "under",
    "was",
    "were",
    "which",
    "while",
    "who",
    "whose",
    "will",
    "with",
    "would",
];

/// A fixed word list as a hashed set.
struct WordSet(HashSet<&'static str, FnvBuild>);

impl WordSet {
    fn new(words: &[&'static str]) -> WordSet {
        WordSet(words.iter().copied().collect())
    }

    fn contains(&self, w: &str) -> bool {
        self.0.contains(w)
    }
}

/// Every abbreviation with its class (the first list that names a word wins).
static ABBREVS: LazyLock<HashMap<&'static str, AbbrevClass, FnvBuild>> = LazyLock::new(|| {
    let mut m = HashMap::default();
    for (words, class) in [
        (NEVER_END, AbbrevClass::NeverEnd),
        (PREPOSITIVE, AbbrevClass::Prepositive),
        (NUMERIC, AbbrevClass::Numeric),
        (COMPANY, AbbrevClass::Company),
        (GENERAL, AbbrevClass::General),
    ] {
        for w in words {
            m.entry(*w).or_insert(class);
        }
    }
    m
});
static STATE_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(STATES));
static STARTER_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(STARTERS));
static STRONG_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(STRONG_STARTERS));
static SPEECH_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(SPEECH_VERBS));
static TAIL_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(CLAUSE_TAILS));
static CONNECTOR_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(CONNECTORS));

/// Lowercase ASCII copy of a short word into `buf`; `None` if too long.
fn lower<'a>(word: &str, buf: &'a mut [u8; 24]) -> Option<&'a str> {
    let b = word.as_bytes();
    if b.len() > buf.len() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..b.len()]).ok()
}

/// The class of an abbreviation written `word.` (word without the final period), if known.
pub fn abbrev_class(word: &str) -> Option<AbbrevClass> {
    // No entry is longer than 6 bytes ("approx", "messrs"): skip longer words early.
    if word.len() > 8 {
        return None;
    }
    let mut buf = [0u8; 24];
    let w = lower(word, &mut buf)?;
    ABBREVS.get(w).copied()
}

/// Whether `word` is an AP-style US state abbreviation (case-insensitive).
pub fn is_state(word: &str) -> bool {
    let mut buf = [0u8; 24];
    lower(word, &mut buf).is_some_and(|w| STATE_SET.contains(w))
}

/// Whether a capitalized `word` typically opens a sentence.
pub fn is_starter(word: &str) -> bool {
    STARTER_SET.contains(word)
}

/// Whether a capitalized `word` opens a sentence even right after "U.S.".
pub fn is_strong_starter(word: &str) -> bool {
    STRONG_SET.contains(word)
}

/// Whether `word` (any case) is a reporting verb.
pub fn is_speech_verb(word: &str) -> bool {
    let mut buf = [0u8; 24];
    lower(word, &mut buf).is_some_and(|w| SPEECH_SET.contains(w))
}

/// Whether a lowercase `word` may follow a reporting verb inside its clause.
pub fn is_clause_tail(word: &str) -> bool {
    TAIL_SET.contains(word)
}

/// Whether a lowercase `word` at the end of a line means the line continues.
pub fn is_connector(word: &str) -> bool {
    CONNECTOR_SET.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(abbrev_class("Mr"), Some(AbbrevClass::Prepositive));
        assert_eq!(abbrev_class("Sept"), Some(AbbrevClass::Numeric));
        assert_eq!(abbrev_class("Inc"), Some(AbbrevClass::Company));
        assert_eq!(abbrev_class("St"), Some(AbbrevClass::General));
        assert_eq!(abbrev_class("e.g"), Some(AbbrevClass::NeverEnd));
        assert_eq!(abbrev_class("N°"), Some(AbbrevClass::Numeric));
        assert_eq!(abbrev_class("pct"), None);
        assert_eq!(abbrev_class("averyveryveryverylongwordindeed"), None);
        assert!(is_state("Calif") && !is_state("Paris"));
        assert!(is_starter("The") && !is_starter("Government"));
        assert!(is_speech_verb("Said") && is_connector("of"));
    }
}
