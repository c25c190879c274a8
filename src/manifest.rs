//! The release manifest: what was built, how, and a hash of every table file, so that a
//! release can be cited by name and corpus hash and checked by `newscorpus verify`.

use std::path::Path;

use serde_json::{Map, Value, json};

use crate::error::BuildError;

/// Name of the manifest file inside a release folder.
pub const MANIFEST: &str = "manifest.json";

/// The attribution every release carries for the gazetteer data.
pub const ATTRIBUTION: &str =
    "Place data from GeoNames (https://www.geonames.org/), licensed CC BY 4.0.";

/// One table file of a release.
#[derive(Debug, Clone, PartialEq)]
pub struct TableEntry {
    pub table: String,
    pub file: String,
    pub rows: u64,
    pub bytes: u64,
    pub blake3: String,
}

/// Hex blake3 of a file, streamed (memory-mapped reads are not needed at these sizes).
pub fn file_hash(path: &Path) -> Result<(String, u64), BuildError> {
    let mut hasher = blake3::Hasher::new();
    let file = std::fs::File::open(path).map_err(|e| BuildError::io(path, e))?;
    let bytes = std::io::copy(
        &mut std::io::BufReader::with_capacity(1 << 20, file),
        &mut hasher,
    )
    .map_err(|e| BuildError::io(path, e))?;
    Ok((hasher.finalize().to_hex().to_string(), bytes))
}

/// The corpus hash: blake3 over the canonical JSON (sorted keys) of the manifest without its
/// `release` name and `corpus_hash`, so it covers every table hash, the configuration and the
/// tool and schema versions, and a renamed release keeps its hash.
pub fn corpus_hash(manifest: &Value) -> String {
    let mut m = manifest.as_object().cloned().unwrap_or_default();
    m.remove("release");
    m.remove("corpus_hash");
    let canonical = serde_json::to_vec(&Value::Object(m)).unwrap_or_default();
    blake3::hash(&canonical).to_hex().to_string()
}

/// Build the manifest (without release name and corpus hash, which [`finish`] adds).
pub fn manifest_body(
    tables: &[TableEntry],
    config: Value,
    counts: Value,
    gazetteer: &str,
) -> Value {
    let mut t = Map::new();
    for e in tables {
        t.insert(
            e.table.clone(),
            json!({"file": e.file, "rows": e.rows, "bytes": e.bytes, "blake3": e.blake3}),
        );
    }
    json!({
        "format": "newscorpus-release",
        "tool_version": crate::TOOL_VERSION,
        "schema_version": crate::schema::SCHEMA_VERSION,
        "configuration": config,
        "gazetteer": gazetteer,
        "attribution": ATTRIBUTION,
        "counts": counts,
        "tables": Value::Object(t),
    })
}

/// Add the release name and corpus hash.
pub fn finish(mut body: Value, release: &str) -> Value {
    let hash = corpus_hash(&body);
    if let Some(m) = body.as_object_mut() {
        m.insert("release".into(), Value::String(release.to_string()));
        m.insert("corpus_hash".into(), Value::String(hash));
    }
    body
}

/// The release name derived from content: same input and configuration, same name.
pub fn default_release_name(body: &Value) -> String {
    release_name_of(&corpus_hash(body))
}

/// The default release name of a corpus hash.
pub fn release_name_of(corpus_hash: &str) -> String {
    format!("dev-{}", corpus_hash.get(..12).unwrap_or(corpus_hash))
}

/// Manifest bytes as written: pretty JSON with sorted keys and a final newline.
pub fn to_bytes(manifest: &Value) -> Vec<u8> {
    let mut v = serde_json::to_vec_pretty(manifest).unwrap_or_default();
    v.push(b'\n');
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_hash_ignores_name_but_not_content() {
        let t = vec![TableEntry {
            table: "files".into(),
            file: "files.parquet".into(),
            rows: 1,
            bytes: 9,
            blake3: "ab".into(),
        }];
        let body = manifest_body(&t, json!({}), json!({}), "g");
        let a = finish(body.clone(), "x");
        let b = finish(body.clone(), "y");
        assert_eq!(a["corpus_hash"], b["corpus_hash"]);
        let mut t2 = t.clone();
        t2[0].blake3 = "cd".into();
        let c = finish(manifest_body(&t2, json!({}), json!({}), "g"), "x");
        assert_ne!(a["corpus_hash"], c["corpus_hash"]);
        assert_eq!(corpus_hash(&a), a["corpus_hash"].as_str().unwrap());
    }
}
