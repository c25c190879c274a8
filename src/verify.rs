//! `newscorpus verify`: recompute every table file's hash and the corpus hash against the
//! manifest, and check the row counts against the Parquet footers.

use std::path::Path;

use parquet::file::reader::{FileReader, SerializedFileReader};
use serde_json::Value;

use crate::manifest::{self, MANIFEST};

/// Everything found wrong with a release; empty means it verifies.
pub fn verify(dir: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let mpath = dir.join(MANIFEST);
    let manifest: Value = match std::fs::read(&mpath) {
        Err(e) => return vec![format!("{}: cannot read: {e}", mpath.display())],
        Ok(b) => match serde_json::from_slice(&b) {
            Ok(v) => v,
            Err(e) => return vec![format!("{}: not valid JSON: {e}", mpath.display())],
        },
    };
    let stated = manifest["corpus_hash"].as_str().unwrap_or_default();
    let actual = manifest::corpus_hash(&manifest);
    if stated != actual {
        problems.push(format!("manifest.json: corpus_hash {stated} does not match its content ({actual}): the manifest was edited"));
    }
    let Some(tables) = manifest["tables"].as_object() else {
        problems.push("manifest.json: no tables".to_string());
        return problems;
    };
    for table in crate::schema::TABLES {
        if !tables.contains_key(table) {
            problems.push(format!("manifest.json: table {table} is missing"));
        }
    }
    for (table, entry) in tables {
        let file = entry["file"].as_str().unwrap_or_default();
        if file.is_empty() || file.contains('/') || file.starts_with('.') {
            problems.push(format!("{table}: bad file name {file:?} in manifest"));
            continue;
        }
        let path = dir.join(file);
        match manifest::file_hash(&path) {
            Err(e) => problems.push(format!("{table}: {e}")),
            Ok((hash, bytes)) => {
                if Some(hash.as_str()) != entry["blake3"].as_str() {
                    problems.push(format!("{file}: blake3 {hash} does not match the manifest"));
                }
                if Some(bytes) != entry["bytes"].as_u64() {
                    problems.push(format!(
                        "{file}: {bytes} bytes, manifest says {}",
                        entry["bytes"]
                    ));
                }
                match std::fs::File::open(&path)
                    .map_err(|e| e.to_string())
                    .and_then(|f| SerializedFileReader::new(f).map_err(|e| e.to_string()))
                {
                    Err(e) => problems.push(format!("{file}: not a readable Parquet file: {e}")),
                    Ok(r) => {
                        let rows = r.metadata().file_metadata().num_rows() as u64;
                        if Some(rows) != entry["rows"].as_u64() {
                            problems.push(format!(
                                "{file}: {rows} rows, manifest says {}",
                                entry["rows"]
                            ));
                        }
                    }
                }
            }
        }
    }
    problems
}
