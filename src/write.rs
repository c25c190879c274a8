//! Writing tables: typed rows into Arrow arrays into zstd Parquet, checked against the
//! documented schema on every batch.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow::array::{
    ArrayRef, BooleanBuilder, Float32Builder, Float64Builder, Int32Builder, Int64Builder,
    ListBuilder, StringBuilder,
};
use arrow::datatypes::{DataType, SchemaRef};
use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use parquet::schema::types::ColumnPath;

use crate::error::BuildError;

/// One cell of a row, typed like the documented column it goes into.
#[derive(Debug, Clone, PartialEq)]
pub enum Val<'a> {
    Str(Option<&'a str>),
    /// An id or hash kept as 16 bytes, written as its 32 hex digits into a string column.
    Hex(Option<&'a [u8; 16]>),
    I64(Option<i64>),
    I32(Option<i32>),
    F64(Option<f64>),
    F32(Option<f32>),
    Bool(Option<bool>),
    StrList(&'a [String]),
}

enum Col {
    Str(StringBuilder),
    I64(Int64Builder),
    I32(Int32Builder),
    F64(Float64Builder),
    F32(Float32Builder),
    Bool(BooleanBuilder),
    StrList(ListBuilder<StringBuilder>),
}

/// Rows of one table accumulated as Arrow columns.
pub struct TableBuilder {
    table: &'static str,
    schema: SchemaRef,
    cols: Vec<Col>,
    rows: usize,
}

impl TableBuilder {
    pub fn new(table: &'static str) -> Result<TableBuilder, BuildError> {
        let schema = crate::schema::arrow_schema(table).map_err(|e| write_err(table, e))?;
        let mut cols = Vec::with_capacity(schema.fields().len());
        for f in schema.fields() {
            cols.push(match f.data_type() {
                DataType::Utf8 => Col::Str(StringBuilder::new()),
                DataType::Int64 => Col::I64(Int64Builder::new()),
                DataType::Int32 => Col::I32(Int32Builder::new()),
                DataType::Float64 => Col::F64(Float64Builder::new()),
                DataType::Float32 => Col::F32(Float32Builder::new()),
                DataType::Boolean => Col::Bool(BooleanBuilder::new()),
                DataType::List(_) => Col::StrList(ListBuilder::new(StringBuilder::new())),
                other => return Err(write_err(table, format!("unsupported type {other}"))),
            });
        }
        Ok(TableBuilder {
            table,
            schema,
            cols,
            rows: 0,
        })
    }

    pub fn len(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Append one row; the cells must match the schema's columns in number and type.
    pub fn push(&mut self, row: &[Val]) -> Result<(), BuildError> {
        if row.len() != self.cols.len() {
            return Err(write_err(
                self.table,
                format!("row has {} cells, schema {}", row.len(), self.cols.len()),
            ));
        }
        // Check every cell before appending any, so that a bad row leaves the columns aligned.
        for (i, (col, val)) in self.cols.iter().zip(row).enumerate() {
            let ok = matches!(
                (col, val),
                (Col::Str(_), Val::Str(_) | Val::Hex(_))
                    | (Col::I64(_), Val::I64(_))
                    | (Col::I32(_), Val::I32(_))
                    | (Col::F64(_), Val::F64(_))
                    | (Col::F32(_), Val::F32(_))
                    | (Col::Bool(_), Val::Bool(_))
                    | (Col::StrList(_), Val::StrList(_))
            );
            if !ok {
                let name = self.schema.field(i).name();
                return Err(write_err(
                    self.table,
                    format!("column {name}: wrong type {val:?}"),
                ));
            }
        }
        for (col, val) in self.cols.iter_mut().zip(row) {
            match (col, val) {
                (Col::Str(b), Val::Str(v)) => b.append_option(*v),
                (Col::Str(b), Val::Hex(Some(v))) => {
                    let digits = crate::dedupe::hex16_digits(v);
                    b.append_value(std::str::from_utf8(&digits).unwrap_or_default());
                }
                (Col::Str(b), Val::Hex(None)) => b.append_null(),
                (Col::I64(b), Val::I64(v)) => b.append_option(*v),
                (Col::I32(b), Val::I32(v)) => b.append_option(*v),
                (Col::F64(b), Val::F64(v)) => b.append_option(*v),
                (Col::F32(b), Val::F32(v)) => b.append_option(*v),
                (Col::Bool(b), Val::Bool(v)) => b.append_option(*v),
                (Col::StrList(b), Val::StrList(v)) => {
                    for s in v.iter() {
                        b.values().append_value(s);
                    }
                    b.append(true);
                }
                _ => unreachable!("types checked above"),
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// The rows so far as a record batch (validated against the schema); the builder is emptied.
    /// Each column starts again with room for as many rows and bytes as it just had: batches
    /// are alike, and a column grown from empty by doubling copied its bytes about once more.
    pub fn finish(&mut self) -> Result<RecordBatch, BuildError> {
        let rows = self.rows;
        let arrays: Vec<ArrayRef> = self
            .cols
            .iter_mut()
            .map(|c| -> ArrayRef {
                match c {
                    Col::Str(b) => {
                        let bytes = b.values_slice().len();
                        let done = b.finish();
                        *b = StringBuilder::with_capacity(rows, bytes);
                        Arc::new(done)
                    }
                    Col::I64(b) => {
                        Arc::new(std::mem::replace(b, Int64Builder::with_capacity(rows)).finish())
                    }
                    Col::I32(b) => {
                        Arc::new(std::mem::replace(b, Int32Builder::with_capacity(rows)).finish())
                    }
                    Col::F64(b) => {
                        Arc::new(std::mem::replace(b, Float64Builder::with_capacity(rows)).finish())
                    }
                    Col::F32(b) => {
                        Arc::new(std::mem::replace(b, Float32Builder::with_capacity(rows)).finish())
                    }
                    Col::Bool(b) => Arc::new(b.finish()),
                    Col::StrList(b) => Arc::new(b.finish()),
                }
            })
            .collect();
        self.rows = 0;
        RecordBatch::try_new(self.schema.clone(), arrays).map_err(|e| write_err(self.table, e))
    }
}

/// Rows per Parquet row group at most: lets readers skip.
pub const ROW_GROUP_ROWS: usize = 64 * 1024;

/// Buffered bytes after which a row group is closed: bounds the writer's memory even for
/// tables with large rows (a row group of 64k documents would hold hundreds of MB).
pub const ROW_GROUP_BYTES: usize = 8 << 20;

/// Writer properties of a table: zstd, no wall-clock or host data (so that equal rows give
/// byte-identical files), and dictionary encoding only where values repeat: for ids, hashes
/// and texts, building a dictionary is wasted work (it overflows and falls back to plain).
/// Ids and hashes are random hex, which zstd shrinks only by entropy coding: at level 1
/// rather than 3 they take a third less time and come out smaller (no spurious matches).
/// Those columns and the texts get no min/max statistics unless the table is sorted by them:
/// the range of random ids or of article texts lets no reader skip anything, costs a
/// comparison per value, and put two whole articles per row group in the footer.
fn writer_properties(table: &str, schema: &SchemaRef) -> WriterProperties {
    let mut b = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::try_new(3).unwrap_or_default()))
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        .set_statistics_enabled(EnabledStatistics::Chunk)
        .set_created_by(format!("newscorpus {}", crate::TOOL_VERSION));
    for f in schema.fields() {
        let name = f.name();
        let unique = name.ends_with("_id")
            || name.ends_with("_hash")
            || matches!(
                name.as_str(),
                "text" | "path" | "source_path" | "title" | "signals"
            );
        if unique {
            b = b.set_column_dictionary_enabled(ColumnPath::from(name.as_str()), false);
            if !sorted_by(table).contains(&name.as_str()) {
                b = b.set_column_statistics_enabled(
                    ColumnPath::from(name.as_str()),
                    EnabledStatistics::None,
                );
            }
        }
        if name.ends_with("_id") || name.ends_with("_hash") {
            b = b.set_column_compression(
                ColumnPath::from(name.as_str()),
                Compression::ZSTD(ZstdLevel::try_new(1).unwrap_or_default()),
            );
        }
    }
    b.build()
}

/// The columns a table is sorted by (its schema's description says so): their statistics let
/// a reader skip row groups.
fn sorted_by(table: &str) -> &'static [&'static str] {
    match table {
        "files" => &["path"],
        "documents" => &["source_path"],
        "near_duplicates" | "stories" => &["doc_id"],
        "passages" => &["sentence_hash"],
        _ => &[],
    }
}

/// A Parquet file being written, one table.
pub struct TableWriter {
    table: &'static str,
    path: PathBuf,
    writer: ArrowWriter<File>,
    rows: u64,
}

impl TableWriter {
    pub fn create(table: &'static str, path: &Path) -> Result<TableWriter, BuildError> {
        let schema = crate::schema::arrow_schema(table).map_err(|e| write_err(table, e))?;
        let file = File::create(path).map_err(|e| BuildError::io(path, e))?;
        let props = writer_properties(table, &schema);
        let writer =
            ArrowWriter::try_new(file, schema, Some(props)).map_err(|e| write_err(table, e))?;
        Ok(TableWriter {
            table,
            path: path.to_path_buf(),
            writer,
            rows: 0,
        })
    }

    /// Write the builder's rows (if any) and empty it.
    pub fn write(&mut self, rows: &mut TableBuilder) -> Result<(), BuildError> {
        if rows.is_empty() {
            return Ok(());
        }
        let batch = rows.finish()?;
        self.rows += batch.num_rows() as u64;
        self.writer
            .write(&batch)
            .map_err(|e| write_err(self.table, e))?;
        // A row group of long texts reaches its byte bound long before its row bound.
        if self.writer.in_progress_size() >= ROW_GROUP_BYTES {
            self.writer.flush().map_err(|e| write_err(self.table, e))?;
        }
        Ok(())
    }

    /// Close the file, syncing it to disk; returns its path and row count.
    pub fn close(self) -> Result<(PathBuf, u64), BuildError> {
        let file = self
            .writer
            .into_inner()
            .map_err(|e| write_err(self.table, e))?;
        file.sync_all().map_err(|e| BuildError::io(&self.path, e))?;
        Ok((self.path, self.rows))
    }
}

fn write_err(table: &str, e: impl std::fmt::Display) -> BuildError {
    BuildError::Write {
        table: table.to_string(),
        message: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::{Array, StringArray};

    /// A row of `sentences` with these ids.
    fn sentence_row<'a>(id: Option<&'a [u8; 16]>, hash: Option<&'a [u8; 16]>) -> [Val<'a>; 8] {
        [
            Val::Hex(id),
            Val::Str(Some("doc")),
            Val::I32(Some(0)),
            Val::I64(Some(0)),
            Val::I64(Some(3)),
            Val::Str(Some("body")),
            Val::Str(Some("Hi.")),
            Val::Hex(hash),
        ]
    }

    #[test]
    fn ids_kept_as_bytes_are_written_as_their_hex() {
        let mut b = TableBuilder::new("sentences").unwrap();
        let (id, hash) = ([0xab; 16], *b"0123456789abcdef");
        b.push(&sentence_row(Some(&id), Some(&hash))).unwrap();
        b.push(&sentence_row(Some(&hash), Some(&id))).unwrap();
        let batch = b.finish().unwrap();
        let col = |name: &str| {
            let c = batch.column_by_name(name).unwrap();
            c.as_any().downcast_ref::<StringArray>().unwrap().clone()
        };
        let (ids, hashes) = (col("sentence_id"), col("sentence_hash"));
        assert_eq!(ids.value(0), crate::dedupe::hex16(&id));
        assert_eq!(ids.value(0), "ab".repeat(16));
        assert_eq!(ids.value(1), crate::dedupe::hex16(&hash));
        assert_eq!(hashes.value(0), "30313233343536373839616263646566");
        assert_eq!(hashes.value(1), ids.value(0));
        // a missing id is a null, which a column that may not be null refuses
        b.push(&sentence_row(Some(&id), None)).unwrap();
        assert!(b.finish().is_err());
    }

    #[test]
    fn ids_and_texts_have_statistics_only_where_the_table_is_sorted_by_them() {
        use parquet::file::reader::{FileReader, SerializedFileReader};
        let dir = tempfile::tempdir().unwrap();
        let stats_of = |table: &'static str, row: &[Val]| -> Vec<(String, bool)> {
            let path = dir.path().join(format!("{table}.parquet"));
            let mut w = TableWriter::create(table, &path).unwrap();
            let mut b = TableBuilder::new(table).unwrap();
            b.push(row).unwrap();
            w.write(&mut b).unwrap();
            w.close().unwrap();
            let r = SerializedFileReader::new(File::open(&path).unwrap()).unwrap();
            let rg = r.metadata().row_group(0).clone();
            (rg.columns().iter())
                .map(|c| (c.column_path().string(), c.statistics().is_some()))
                .collect()
        };
        let id = [7u8; 16];
        let sentences = stats_of("sentences", &sentence_row(Some(&id), Some(&id)));
        let with: Vec<&str> = (sentences.iter())
            .filter(|c| c.1)
            .map(|c| c.0.as_str())
            .collect();
        assert_eq!(with, ["idx", "start", "end", "role"]);
        let stories = stats_of(
            "stories",
            &[
                Val::Str(Some("d")),
                Val::Str(Some("s")),
                Val::F64(Some(1.0)),
                Val::Str(Some("x")),
            ],
        );
        let with: Vec<&str> = (stories.iter())
            .filter(|c| c.1)
            .map(|c| c.0.as_str())
            .collect();
        assert_eq!(with, ["doc_id", "score"]);
    }

    #[test]
    fn a_cell_of_the_wrong_type_is_an_error_and_leaves_the_columns_aligned() {
        let mut b = TableBuilder::new("near_duplicates").unwrap();
        let err = b.push(&[Val::Str(Some("d")), Val::Str(Some("c")), Val::Hex(None)]);
        assert!(err.is_err());
        assert!(b.is_empty());
        b.push(&[
            Val::Hex(Some(&[1; 16])),
            Val::Str(Some("c")),
            Val::F64(Some(1.0)),
        ])
        .unwrap();
        assert_eq!(b.finish().unwrap().num_rows(), 1);
    }
}
