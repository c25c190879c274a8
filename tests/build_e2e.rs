//! End-to-end tests of `newscorpus build` and `verify`, through the real binary.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use arrow::array::{Array, AsArray};
use arrow::datatypes::Int64Type;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

const BIN: &str = env!("CARGO_BIN_EXE_newscorpus");

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("run newscorpus")
}

fn build(input: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "build",
        "--quiet",
        "--input",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    run(&args)
}

fn ok(o: &Output) {
    assert!(
        o.status.success(),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Every file of a release folder, name -> blake3 of its bytes.
/// The release `name` built into `out` (with its cache) equals a build of the same input into
/// `fresh` without the cache, file for file.
fn assert_equals_full_build(input: &Path, out: &Path, fresh: &Path, name: &str) {
    ok(&build(input, fresh, &["--release", name, "--no-cache"]));
    let rel = format!("releases/{name}");
    assert_eq!(
        release_files(&out.join(&rel)),
        release_files(&fresh.join(&rel))
    );
}

fn release_files(dir: &Path) -> BTreeMap<String, String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            let bytes = fs::read(e.path()).unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                blake3::hash(&bytes).to_hex().to_string(),
            )
        })
        .collect()
}

/// Rows of a table as strings per column (enough for these tests).
fn read_strings(path: &Path, columns: &[&str]) -> Vec<Vec<Option<String>>> {
    let f = fs::File::open(path).unwrap();
    let reader = ParquetRecordBatchReaderBuilder::try_new(f)
        .unwrap()
        .build()
        .unwrap();
    let mut rows = Vec::new();
    for batch in reader {
        let batch = batch.unwrap();
        for i in 0..batch.num_rows() {
            let row = columns
                .iter()
                .map(|c| {
                    let col = batch.column_by_name(c).unwrap();
                    if col.is_null(i) {
                        None
                    } else if let Some(s) = col.as_string_opt::<i32>() {
                        Some(s.value(i).to_string())
                    } else {
                        Some(col.as_primitive::<Int64Type>().value(i).to_string())
                    }
                })
                .collect();
            rows.push(row);
        }
    }
    rows
}

#[test]
fn seeds_build_is_identical_across_thread_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    ok(&build(&seeds(), &a, &["--threads", "1"]));
    ok(&build(&seeds(), &b, &["--threads", "4"]));
    let fa = release_files(&a.join("latest"));
    let fb = release_files(&b.join("latest"));
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (name, bytes) in &fa {
        assert!(
            bytes == &fb[name],
            "{name} differs between --threads 1 and 4"
        );
    }
    assert!(fa.contains_key("manifest.json"));
    // The default name comes from content: the same on both sides.
    assert_eq!(
        fs::read_link(a.join("latest")).unwrap(),
        fs::read_link(b.join("latest")).unwrap()
    );
    let o = run(&["verify", a.join("latest").to_str().unwrap()]);
    ok(&o);
}

#[test]
fn written_tables_match_documented_schemas() {
    let tmp = tempfile::tempdir().unwrap();
    ok(&build(&seeds(), tmp.path(), &[]));
    for table in newscorpus::schema::TABLES {
        let f = fs::File::open(tmp.path().join("latest").join(format!("{table}.parquet"))).unwrap();
        let written = ParquetRecordBatchReaderBuilder::try_new(f)
            .unwrap()
            .schema()
            .clone();
        let doc = newscorpus::schema::table_doc(table).unwrap();
        let names: Vec<&str> = written.fields().iter().map(|f| f.name().as_str()).collect();
        let documented: Vec<&str> = doc.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, documented, "{table}: columns");
        for (field, col) in written.fields().iter().zip(&doc.columns) {
            let ty = newscorpus::schema::arrow_type(&col.ty).unwrap();
            assert_eq!(field.data_type(), &ty, "{table}.{}: type", col.name);
            assert_eq!(
                field.is_nullable(),
                col.nullable,
                "{table}.{}: nullability",
                col.name
            );
            assert!(
                !col.description.is_empty(),
                "{table}.{}: undocumented",
                col.name
            );
        }
    }
}

/// Inputs a folder nobody checked may hold; every one must end in `files` with a status.
fn hostile_folder(dir: &Path) {
    fs::create_dir_all(dir.join("sub")).unwrap();
    fs::write(
        dir.join("plain.txt"),
        "Raqqa, Syria.\n\nMore than 4,000 bodies were found.\n",
    )
    .unwrap();
    fs::write(
        dir.join("copy.txt"),
        "Raqqa, Syria.\n\nMore than 4,000 bodies were found.\n",
    )
    .unwrap();
    fs::write(
        dir.join("crlf.txt"),
        "Raqqa, Syria.\r\n\r\nMore than 4,000 bodies were found.\r\n",
    )
    .unwrap();
    fs::write(dir.join("empty.txt"), "").unwrap();
    fs::write(dir.join("blank.txt"), " \n\t\n").unwrap();
    fs::write(
        dir.join("image.png"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0",
    )
    .unwrap();
    fs::write(
        dir.join("cp1252.txt"),
        b"Caf\xe9 owner said \x93we will stay\x94 in Aleppo.",
    )
    .unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "Dresden, Germany."
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes()),
    );
    fs::write(dir.join("utf16.txt"), utf16).unwrap();
    let mut truncated = "Deir ez-Zor – ".as_bytes().to_vec();
    truncated.extend(&"é".as_bytes()[..1]);
    fs::write(dir.join("sub/truncated.txt"), truncated).unwrap();
    fs::write(dir.join("sub/too_big.txt"), vec![b'a'; 3000]).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
        fs::write(dir.join(name), "A file with a Latin-1 name.").unwrap();
        std::os::unix::fs::symlink(dir, dir.join("sub/loop")).unwrap();
        std::os::unix::fs::symlink(dir.join("nowhere"), dir.join("dangling.txt")).unwrap();
    }
}

#[test]
fn no_input_is_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    hostile_folder(&input);
    let out = tmp.path().join("out");
    ok(&build(&input, &out, &["--max-file-bytes", "2000"]));
    let rows = read_strings(
        &out.join("latest/files.parquet"),
        &["path", "status", "reason", "encoding", "doc_id"],
    );
    let by_path: BTreeMap<String, (String, Option<String>, Option<String>)> = rows
        .into_iter()
        .map(|r| {
            (
                r[0].clone().unwrap(),
                (r[1].clone().unwrap(), r[2].clone(), r[3].clone()),
            )
        })
        .collect();
    let status = |p: &str| {
        by_path
            .get(p)
            .map(|x| x.0.as_str())
            .unwrap_or_else(|| panic!("{p} missing from files: {by_path:?}"))
    };
    let reason = |p: &str| by_path[p].1.clone().unwrap_or_default();
    // Path order decides which copy is kept: copy.txt < crlf.txt < plain.txt.
    assert_eq!(status("copy.txt"), "accepted");
    assert_eq!(status("plain.txt"), "duplicate");
    assert!(reason("plain.txt").contains("same bytes as copy.txt"));
    assert_eq!(status("crlf.txt"), "duplicate");
    assert!(reason("crlf.txt").contains("same text after normalization as copy.txt"));
    assert_eq!(status("empty.txt"), "rejected");
    assert!(reason("empty.txt").contains("empty"));
    assert_eq!(status("blank.txt"), "rejected");
    assert_eq!(status("image.png"), "rejected");
    assert!(reason("image.png").contains("binary"));
    assert_eq!(status("cp1252.txt"), "accepted");
    assert_eq!(by_path["cp1252.txt"].2.as_deref(), Some("windows-1252"));
    assert_eq!(by_path["utf16.txt"].2.as_deref(), Some("utf-16le"));
    assert_eq!(
        by_path["sub/truncated.txt"].2.as_deref(),
        Some("utf-8-lossy")
    );
    assert_eq!(status("sub/too_big.txt"), "rejected");
    assert!(reason("sub/too_big.txt").contains("too large"));
    #[cfg(unix)]
    {
        assert_eq!(status("caf\\xE9.txt"), "accepted");
        assert_eq!(status("sub/loop"), "rejected");
        assert!(reason("sub/loop").contains("loop"));
        assert_eq!(status("dangling.txt"), "rejected");
    }
    // Documents: one per accepted file, and every duplicate points at a real document.
    let docs = read_strings(
        &out.join("latest/documents.parquet"),
        &["doc_id", "source_path"],
    );
    let accepted = by_path.values().filter(|v| v.0 == "accepted").count();
    assert_eq!(docs.len(), accepted);
}

#[cfg(unix)]
#[test]
fn unreadable_files_are_recorded() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir_all(&input).unwrap();
    fs::write(input.join("ok.txt"), "Readable.").unwrap();
    let secret = input.join("secret.txt");
    fs::write(&secret, "Hidden.").unwrap();
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&secret).is_ok() {
        return; // running as root: permissions do not stop reads, nothing to test
    }
    let out = tmp.path().join("out");
    ok(&build(&input, &out, &[]));
    let rows = read_strings(
        &out.join("latest/files.parquet"),
        &["path", "status", "reason"],
    );
    let row = rows
        .iter()
        .find(|r| r[0].as_deref() == Some("secret.txt"))
        .unwrap();
    assert_eq!(row[1].as_deref(), Some("rejected"));
    assert!(row[2].as_deref().unwrap().contains("permission denied"));
}

#[test]
fn verify_catches_damage() {
    let tmp = tempfile::tempdir().unwrap();
    ok(&build(&seeds(), tmp.path(), &[]));
    let rel = fs::canonicalize(tmp.path().join("latest")).unwrap();
    let damaged = |name: &str, f: &dyn Fn(&Path)| {
        let copy = tmp.path().join(format!("copy-{name}"));
        fs::create_dir(&copy).unwrap();
        for e in fs::read_dir(&rel).unwrap() {
            let e = e.unwrap();
            fs::copy(e.path(), copy.join(e.file_name())).unwrap();
        }
        ok(&run(&["verify", copy.to_str().unwrap()]));
        f(&copy);
        let o = run(&["verify", copy.to_str().unwrap()]);
        assert!(!o.status.success(), "verify accepted a release with {name}");
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    let msg = damaged("flipped byte", &|d| {
        let p = d.join("sentences.parquet");
        let mut b = fs::read(&p).unwrap();
        let i = b.len() / 2;
        b[i] ^= 0x01;
        fs::write(&p, b).unwrap();
    });
    assert!(msg.contains("sentences.parquet"), "{msg}");
    let msg = damaged("truncated file", &|d| {
        let p = d.join("documents.parquet");
        let b = fs::read(&p).unwrap();
        fs::write(&p, &b[..b.len() - 10]).unwrap();
    });
    assert!(msg.contains("documents.parquet"), "{msg}");
    let msg = damaged("missing table", &|d| {
        fs::remove_file(d.join("numbers.parquet")).unwrap()
    });
    assert!(msg.contains("numbers"), "{msg}");
    let msg = damaged("edited manifest", &|d| {
        let p = d.join("manifest.json");
        let s = fs::read_to_string(&p).unwrap().replacen(
            "\"max_file_bytes\": 8388608",
            "\"max_file_bytes\": 1",
            1,
        );
        fs::write(&p, s).unwrap();
    });
    assert!(msg.contains("manifest"), "{msg}");
}

#[test]
fn a_second_build_refuses_while_the_output_is_locked() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir_all(tmp.path()).unwrap();
    let lock = fs::File::create(tmp.path().join(".lock")).unwrap();
    lock.try_lock().unwrap();
    let o = build(&seeds(), tmp.path(), &[]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("another build holds the lock"));
    drop(lock);
    ok(&build(&seeds(), tmp.path(), &[]));
}

#[test]
fn an_existing_release_name_is_never_overwritten_with_other_content() {
    let tmp = tempfile::tempdir().unwrap();
    ok(&build(&seeds(), tmp.path(), &["--release", "v1"]));
    ok(&build(&seeds(), tmp.path(), &["--release", "v1"])); // same content: kept
    let other = tmp.path().join("other");
    fs::create_dir(&other).unwrap();
    fs::write(other.join("a.txt"), "Another corpus.").unwrap();
    let o = build(&other, tmp.path(), &["--release", "v1"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("already exists"));
    ok(&run(&[
        "verify",
        tmp.path().join("releases/v1").to_str().unwrap(),
    ]));
}

#[cfg(unix)]
#[test]
fn a_killed_build_leaves_the_previous_release_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    ok(&build(&seeds(), &out, &["--release", "before"]));
    // A larger input so that the build is still running when it is killed.
    let big = tmp.path().join("big");
    fs::create_dir(&big).unwrap();
    let seed_texts: Vec<String> = fs::read_dir(seeds())
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    for i in 0..3000 {
        let t = &seed_texts[i % seed_texts.len()];
        fs::write(big.join(format!("{i:05}.txt")), format!("{t}\n\nCopy {i}.")).unwrap();
    }
    // Kill at moments spread over a real build's duration, measured first.
    let t = std::time::Instant::now();
    ok(&build(
        &big,
        &tmp.path().join("timing"),
        &["--threads", "1", "--no-cache"],
    ));
    let full_ms = t.elapsed().as_millis() as u64;
    let (mut interrupted, mut left_temp) = (0, 0);
    for tenth in [3u64, 5, 7, 8, 9] {
        let delay_ms = full_ms * tenth / 10;
        let mut child = Command::new(BIN)
            .args([
                "build",
                "--quiet",
                "--no-cache",
                "--threads",
                "1",
                "--input",
                big.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ])
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let latest = fs::read_link(out.join("latest")).unwrap();
        if latest != Path::new("releases/before") {
            continue; // the build finished before the kill: nothing to check this round
        }
        interrupted += 1;
        ok(&run(&["verify", out.join("latest").to_str().unwrap()]));
        let visible: Vec<String> = fs::read_dir(out.join("releases"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .collect();
        assert_eq!(
            visible,
            vec!["before".to_string()],
            "a partial release became visible"
        );
        left_temp += fs::read_dir(out.join("releases"))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(".tmp-")
            })
            .count()
            .min(1);
    }
    assert!(
        interrupted > 0 && left_temp > 0,
        "no kill landed mid-build ({interrupted} interrupted)"
    );
    // The next build cleans the leftovers and gives the same bytes as an uninterrupted build.
    ok(&build(&big, &out, &["--release", "after"]));
    let clean = tmp.path().join("clean");
    ok(&build(&big, &clean, &["--release", "after"]));
    assert_eq!(
        release_files(&out.join("releases/after")),
        release_files(&clean.join("releases/after"))
    );
    let leftovers = fs::read_dir(out.join("releases")).unwrap().filter(|e| {
        e.as_ref()
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with(".tmp-")
    });
    assert_eq!(leftovers.count(), 0);
}

#[test]
fn bad_arguments_fail_with_a_message() {
    let o = run(&[
        "build",
        "--input",
        "/nonexistent/folder",
        "--out",
        "/tmp/never",
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent/folder"));
    let tmp = tempfile::tempdir().unwrap();
    let o = build(&seeds(), tmp.path(), &["--release", "../escape"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a plain name"));
}

/// Set a file's mtime an hour back, so the stat cache may trust it (recent files are "racy").
fn age(path: &Path) {
    let f = fs::File::options().write(true).open(path).unwrap();
    f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(3600))
        .unwrap();
}

/// `age` every file of a folder.
fn age_all(dir: &Path) {
    for e in fs::read_dir(dir).unwrap() {
        age(&e.unwrap().path());
    }
}

/// The seed articles, in path order.
fn sorted_seeds() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(seeds())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

#[test]
fn a_cached_rebuild_is_identical_to_a_full_build() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir(&input).unwrap();
    for e in fs::read_dir(seeds()).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), input.join(e.file_name())).unwrap();
        for i in 0..3 {
            let text = fs::read_to_string(e.path()).unwrap();
            fs::write(
                input.join(format!("{i}-{}", e.file_name().to_string_lossy())),
                format!("{text}\n\nVariant {i}."),
            )
            .unwrap();
        }
    }
    fs::write(input.join("empty.txt"), "").unwrap();
    // every kind of row goes through the cache: a currency named without a figure (`unit`)
    fs::write(
        input.join("units.txt"),
        "Dollar slides\n\nThe dollar fell against the yen, and 5 degrees Celsius.\n",
    )
    .unwrap();
    fs::write(
        input.join("dup.txt"),
        fs::read(
            seeds().join(
                fs::read_dir(seeds())
                    .unwrap()
                    .next()
                    .unwrap()
                    .unwrap()
                    .file_name(),
            ),
        )
        .unwrap(),
    )
    .unwrap();
    age_all(&input);
    let out = tmp.path().join("out");
    ok(&build(&input, &out, &[]));
    let names: Vec<PathBuf> = {
        let mut v: Vec<PathBuf> = fs::read_dir(&input)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        v.sort();
        v
    };
    // Change a few files: edit, add, delete, touch without change, and copy under a new name.
    fs::write(&names[1], "An edited article about Aleppo.").unwrap();
    fs::write(
        input.join("new.txt"),
        "A new article: 240 civilians in Raqqa.",
    )
    .unwrap();
    fs::remove_file(&names[2]).unwrap();
    let touched = fs::read(&names[3]).unwrap();
    fs::write(&names[3], touched).unwrap();
    fs::copy(&names[4], input.join("renamed-copy.txt")).unwrap();
    let o = build(&input, &out, &["--release", "cached"]);
    ok(&o);
    let summary = String::from_utf8_lossy(&o.stdout);
    assert!(summary.contains("documents reused"), "{summary}");
    let fresh = tmp.path().join("fresh");
    assert_equals_full_build(&input, &out, &fresh, "cached");
    let numbers = read_strings(
        &out.join("releases/cached/numbers.parquet"),
        &["kind", "text", "unit"],
    );
    for (text, unit) in [("dollar", "USD"), ("yen", "JPY"), ("Dollar", "USD")] {
        let row = [Some("unit"), Some(text), Some(unit)].map(|c| c.map(str::to_string));
        assert!(numbers.contains(&row.to_vec()), "{text}: {numbers:?}");
    }

    // A damaged cache is a miss, never a wrong result.
    let records = out.join("cache/current/records.bin");
    let mut bytes = fs::read(&records).unwrap();
    for i in (0..bytes.len()).step_by(97) {
        bytes[i] ^= 0x5a;
    }
    fs::write(&records, bytes).unwrap();
    fs::write(input.join("another.txt"), "One more article.").unwrap();
    ok(&build(&input, &out, &["--release", "after-damage"]));
    assert_equals_full_build(&input, &out, &fresh, "after-damage");

    // Only a removal: no document to analyze (the gazetteer is loaded only to be named in the
    // manifest), and still the release of a full build.
    fs::remove_file(input.join("another.txt")).unwrap();
    ok(&build(&input, &out, &["--release", "after-removal"]));
    assert_equals_full_build(&input, &out, &fresh, "after-removal");
}

/// A file and an exact copy of it in the same batch: the cache keeps the first file's analysis
/// (the copy's record without one used to take its place), so an unchanged rebuild reuses every
/// document and reads no file.
#[test]
fn a_copy_in_the_same_batch_keeps_the_cached_analysis() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir(&input).unwrap();
    let seeds = sorted_seeds();
    for (i, p) in seeds.iter().enumerate() {
        fs::copy(p, input.join(format!("{i}-a.txt"))).unwrap();
        fs::copy(p, input.join(format!("{i}-b.txt"))).unwrap();
    }
    age_all(&input);
    let out = tmp.path().join("out");
    ok(&build(&input, &out, &[]));
    // (under another name: an unchanged input would keep the release without opening a record)
    let o = build(&input, &out, &["--release", "again"]);
    ok(&o);
    let summary = String::from_utf8_lossy(&o.stdout);
    let n = seeds.len();
    assert!(
        summary.contains(&format!(
            "cache: {n} documents reused, {} files not read",
            2 * n
        )),
        "{summary}"
    );
}

/// A build whose input did not change keeps the last release without reading a file; any
/// change, a missing release or another release name goes the whole way again.
#[test]
fn an_unchanged_input_keeps_the_release() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir(&input).unwrap();
    let seeds = sorted_seeds();
    for p in &seeds {
        fs::copy(p, input.join(p.file_name().unwrap())).unwrap();
    }
    fs::write(input.join("empty.txt"), "").unwrap();
    age_all(&input);
    let out = tmp.path().join("out");
    let first = build(&input, &out, &[]);
    ok(&first);
    let first = String::from_utf8_lossy(&first.stdout).into_owned();
    let release = fs::read_link(out.join("latest")).unwrap();
    let tables = release_files(&out.join(&release));
    let kept = |o: &Output| {
        ok(o);
        String::from_utf8_lossy(&o.stdout).contains("input unchanged: release kept")
    };

    let o = build(&input, &out, &[]);
    assert!(kept(&o));
    let summary = String::from_utf8_lossy(&o.stdout);
    assert!(
        summary.contains("unchanged (identical release kept)"),
        "{summary}"
    );
    // the same counts as the build that wrote it
    for line in first
        .lines()
        .filter(|l| l.starts_with("files ") || l.starts_with("sentences "))
    {
        assert!(summary.contains(line), "{line}\n{summary}");
    }
    assert_eq!(release_files(&out.join(&release)), tables);

    // Another name: a new release, with the same tables.
    let o = build(&input, &out, &["--release", "named"]);
    assert!(!kept(&o));
    let named = release_files(&out.join("releases/named"));
    assert_eq!(
        named.keys().collect::<Vec<_>>(),
        tables.keys().collect::<Vec<_>>()
    );

    // The release removed: built again, identical.
    fs::remove_dir_all(out.join(&release)).unwrap();
    assert!(!kept(&build(&input, &out, &[])));
    assert_eq!(release_files(&out.join(&release)), tables);
    assert!(kept(&build(&input, &out, &[])));

    // A table of it damaged, even at the same size: not kept as it is, but rewritten.
    let places = out.join(&release).join("places.parquet");
    let mut bytes = fs::read(&places).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 1;
    fs::write(&places, bytes).unwrap();
    let o = build(&input, &out, &[]);
    assert!(!kept(&o));
    let summary = String::from_utf8_lossy(&o.stdout);
    assert!(
        summary.contains("rewritten (the existing copy did not match"),
        "{summary}"
    );
    assert_eq!(release_files(&out.join(&release)), tables);
    assert!(kept(&build(&input, &out, &[])));

    // A file touched (same bytes, new mtime), edited, added: the whole way.
    fs::remove_dir_all(out.join(&release)).unwrap();
    assert!(!kept(&build(&input, &out, &[])));
    let text = fs::read(&seeds[0]).unwrap();
    fs::write(input.join(seeds[0].file_name().unwrap()), &text).unwrap();
    assert!(!kept(&build(&input, &out, &[])));
    fs::write(
        input.join("new.txt"),
        "A new article: 240 civilians in Raqqa.",
    )
    .unwrap();
    age(&input.join("new.txt"));
    let o = build(&input, &out, &[]);
    assert!(!kept(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains(" written: "));
}
