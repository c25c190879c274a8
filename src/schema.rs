//! Table schemas: `schemas/*.json` is the one source of truth, embedded here and turned into
//! Arrow schemas, so that the writer cannot drift from the documentation.

use std::sync::Arc;

use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use serde::Deserialize;

/// Version of the output contract; bump it when a column changes meaning or type.
pub const SCHEMA_VERSION: u32 = 1;

/// The tables of a release, in the order they are written.
pub const TABLES: [&str; 8] = [
    "files",
    "documents",
    "sentences",
    "numbers",
    "places",
    "passages",
    "near_duplicates",
    "stories",
];

/// One column as documented in `schemas/TABLE.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct ColumnDoc {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: String,
    pub nullable: bool,
    pub description: String,
}

/// A table as documented in `schemas/TABLE.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct TableDoc {
    pub table: String,
    pub description: String,
    pub columns: Vec<ColumnDoc>,
}

/// The embedded JSON of a table's schema.
pub fn schema_json(table: &str) -> Option<&'static str> {
    Some(match table {
        "files" => include_str!("../schemas/files.json"),
        "documents" => include_str!("../schemas/documents.json"),
        "sentences" => include_str!("../schemas/sentences.json"),
        "numbers" => include_str!("../schemas/numbers.json"),
        "places" => include_str!("../schemas/places.json"),
        "passages" => include_str!("../schemas/passages.json"),
        "near_duplicates" => include_str!("../schemas/near_duplicates.json"),
        "stories" => include_str!("../schemas/stories.json"),
        _ => return None,
    })
}

/// Errors in a schema document (a build-time bug, caught by the tests).
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error("no schema for table {0}")]
    Unknown(String),
    #[error("schemas/{table}.json: {message}")]
    Invalid { table: String, message: String },
}

/// The documented schema of a table.
pub fn table_doc(table: &str) -> Result<TableDoc, SchemaError> {
    let json = schema_json(table).ok_or_else(|| SchemaError::Unknown(table.to_string()))?;
    serde_json::from_str(json).map_err(|e| SchemaError::Invalid {
        table: table.into(),
        message: e.to_string(),
    })
}

/// The Arrow type for a documented type name.
pub fn arrow_type(ty: &str) -> Option<DataType> {
    Some(match ty {
        "string" => DataType::Utf8,
        "int64" => DataType::Int64,
        "int32" => DataType::Int32,
        "float64" => DataType::Float64,
        "float32" => DataType::Float32,
        "bool" => DataType::Boolean,
        "list<string>" => DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
        _ => return None,
    })
}

/// The Arrow schema of a table, from its documentation.
pub fn arrow_schema(table: &str) -> Result<SchemaRef, SchemaError> {
    let doc = table_doc(table)?;
    let mut fields = Vec::with_capacity(doc.columns.len());
    for c in &doc.columns {
        let ty = arrow_type(&c.ty).ok_or_else(|| SchemaError::Invalid {
            table: table.into(),
            message: format!("column {}: unknown type {}", c.name, c.ty),
        })?;
        fields.push(Field::new(&c.name, ty, c.nullable));
    }
    Ok(Arc::new(Schema::new(fields)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_schema_parses() {
        for t in TABLES {
            let s = arrow_schema(t).unwrap();
            assert!(!s.fields().is_empty(), "{t}");
            assert_eq!(table_doc(t).unwrap().table, t);
        }
    }
}
