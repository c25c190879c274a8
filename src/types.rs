//! The types that flow between stages.
//!
//! Text stages work in **byte** ranges into a document's text (cheap to slice, always on
//! `char` boundaries); the writer and `annotate` convert to Unicode code-point offsets in one
//! place ([`crate::offsets`]), which is what every output table and JSON line carries.

use std::ops::Range;

/// A byte range into a document's text, on `char` boundaries, end-exclusive.
pub type ByteSpan = Range<usize>;

/// What became of an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileStatus {
    Accepted,
    Duplicate,
    Rejected,
}

impl FileStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FileStatus::Accepted => "accepted",
            FileStatus::Duplicate => "duplicate",
            FileStatus::Rejected => "rejected",
        }
    }
}

/// One row of the `files` table: every input file gets one, whatever happened to it.
#[derive(Debug, Clone, PartialEq)]
pub struct FileRecord {
    /// Relative to its input root, `/`-separated; prefixed by the root's index when several
    /// roots are given. Non-UTF-8 names are escaped (see `discover::display_path`).
    pub path: String,
    pub size_bytes: u64,
    /// Hex blake3 of the raw bytes; `None` when the file could not be read.
    pub raw_hash: Option<String>,
    pub status: FileStatus,
    /// Why a file is a duplicate or was rejected; `None` for accepted files.
    pub reason: Option<String>,
    /// Detected encoding of accepted and duplicate files (`utf-8`, `utf-16le`, `windows-1252`, ...).
    pub encoding: Option<String>,
    /// The document this file produced, or for a duplicate the document it duplicates.
    pub doc_id: Option<String>,
}

/// The role of a block of text (and of each sentence inside it) in a news article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Title,
    Dateline,
    Byline,
    Body,
    Caption,
    Link,
    Boilerplate,
    Metadata,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Title => "title",
            Role::Dateline => "dateline",
            Role::Byline => "byline",
            Role::Body => "body",
            Role::Caption => "caption",
            Role::Link => "link",
            Role::Boilerplate => "boilerplate",
            Role::Metadata => "metadata",
        }
    }
}

/// A stretch of a document (a line, a paragraph, or part of a line) with its role.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub span: ByteSpan,
    pub role: Role,
}

/// Article-level metadata read from the text by the structure stage.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocMeta {
    pub title: Option<String>,
    /// Publication date, ISO 8601 (`2022-04-19`), when the text states one.
    pub published: Option<String>,
    /// The dateline's place as written (`DAMASCUS`, `Damascus`).
    pub dateline: Option<String>,
    pub dateline_span: Option<ByteSpan>,
    /// Agencies or outlets the text credits (AP, AFP, Reuters, SANA...), sorted, unique.
    pub agencies: Vec<String>,
}

/// What the structure stage finds: the metadata and a role for every part of the text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Structure {
    pub meta: DocMeta,
    /// Non-overlapping, in order; text outside every block is whitespace.
    pub blocks: Vec<Block>,
}

/// Context the taggers may use: what is known about the document as a whole.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocContext {
    /// Publication date (ISO `YYYY-MM-DD`), to resolve relative dates ("last year", "on Monday").
    pub published: Option<String>,
    /// The dateline's place as written, a strong cue for place disambiguation.
    pub dateline: Option<String>,
}

/// A sentence with its role (the role of the block it lies in).
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub span: ByteSpan,
    pub role: Role,
}

/// The `kind` vocabulary of the `numbers` table (documented in `schemas/numbers.json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NumberKind {
    Cardinal,
    Ordinal,
    Fraction,
    Percent,
    Money,
    Measure,
    Date,
    DateRange,
    Time,
    Duration,
    Identifier,
    /// A currency or unit named without a figure (`the dollar fell`, `degrees Celsius`).
    Unit,
}

impl NumberKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NumberKind::Cardinal => "cardinal",
            NumberKind::Ordinal => "ordinal",
            NumberKind::Fraction => "fraction",
            NumberKind::Percent => "percent",
            NumberKind::Money => "money",
            NumberKind::Measure => "measure",
            NumberKind::Date => "date",
            NumberKind::DateRange => "date_range",
            NumberKind::Time => "time",
            NumberKind::Duration => "duration",
            NumberKind::Identifier => "identifier",
            NumberKind::Unit => "unit",
        }
    }
}

/// A figure stated in the text, as a typed value.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMention {
    pub span: ByteSpan,
    pub kind: NumberKind,
    /// The exact value stated (`more than 4,000` -> 4000; `2%` -> 2; `half` -> 0.5).
    pub value: Option<f64>,
    /// The interval the statement allows (`more than 4,000` -> lower 4000, upper None).
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    /// ISO 8601 for dates, ranges (`2017-06/2017-10`) and times (`10:00`).
    pub iso: Option<String>,
    /// `more_than`, `at_least`, `almost`, `about`, `up_to`, `fewer_than`, `between`, ...
    pub modifier: Option<String>,
    /// Currency code for money, unit for measures (`km`, `kg`).
    pub unit: Option<String>,
    /// The counted noun phrase ("civilians", "women, children and the elderly").
    pub object: Option<String>,
    /// Vague quantities (`thousands`, `dozens`) are intervals flagged vague.
    pub vague: bool,
}

/// Whether a place mention names the place or is a demonym of it ("Syrian").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlaceKind {
    Name,
    Demonym,
    /// A sub-city place (district, neighbourhood) recognised from context, not resolved.
    Local,
}

impl PlaceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Name => "name",
            PlaceKind::Demonym => "demonym",
            PlaceKind::Local => "local",
        }
    }
}

/// A toponym in the text and the GeoNames entry it resolves to, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMention {
    pub span: ByteSpan,
    pub kind: PlaceKind,
    pub geonameid: Option<u32>,
    pub name: Option<String>,
    pub country_code: Option<String>,
    pub feature_code: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// 0..=1, how sure the resolver is of `geonameid`.
    pub confidence: f32,
}

/// Everything the text stages find in one document.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalyzedDoc {
    /// Normalized text; every span points into it.
    pub text: String,
    pub meta: DocMeta,
    pub sentences: Vec<Sentence>,
    pub numbers: Vec<NumberMention>,
    pub places: Vec<PlaceMention>,
    /// ISO country code the document is mostly about, from its place mentions.
    pub focus_country: Option<String>,
}
