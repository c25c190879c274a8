//! newscorpus: folders of news articles in, a versioned, reproducible Parquet corpus out.
//!
//! Stages (one module each): [`discover`] -> [`dedupe`] (hashes) -> [`normalize`] ->
//! [`structure`] -> [`segment`] -> [`tag`] (numbers, places) -> [`write`].
//! [`analyze`] composes the pure text stages for one document; [`pipeline`] does the
//! orchestration (threads, batches, I/O) around them.

pub mod analyze;
pub mod annotate;
pub mod bench;
pub mod cache;
mod checksum;
pub mod dedupe;
pub mod discover;
pub mod error;
mod fasthash;
pub mod gazetteer;
pub mod manifest;
pub mod neardup;
pub mod normalize;
pub mod offsets;
pub mod passages;
pub mod pipeline;
pub mod rows;
pub mod schema;
pub mod segment;
pub mod spill;
pub mod stories;
pub mod structure;
pub mod tag;
pub mod types;
pub mod verify;
pub mod wrap;
pub mod write;

/// Version of this tool, recorded in every manifest.
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");
