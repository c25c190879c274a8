//! Taggers: figures and places found in a document's text.

pub mod numbers;
pub mod places;
