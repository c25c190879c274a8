//! Discover: walk the input folders and list every file, including the ones that cannot be
//! read, so that nothing is lost silently. Only paths and sizes are held, not contents.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::BuildError;

/// A file found under an input folder, or an entry that could not be walked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Relative path written to the `files` table (see [`relative_name`]).
    pub rel: String,
    /// The input folder it was found under (an index into the roots given to discovery); its
    /// full path is not kept, [`Candidate::path`] makes it again from `rel` (about 100 bytes
    /// per file in all, for corpora of millions of files).
    pub root: u32,
    pub size: u64,
    /// Why the entry cannot be read (a symlink loop, a dangling link, an unreadable folder).
    pub problem: Option<String>,
}

impl Candidate {
    /// Where to read it: its input folder joined with the components of `rel` (after the
    /// label, when there are several roots), escaping undone; `None` for a problem entry.
    pub fn path(&self, roots: &[PathBuf]) -> Option<PathBuf> {
        if self.problem.is_some() {
            return None;
        }
        let mut p = roots.get(self.root as usize)?.clone();
        let mut parts = self.rel.split('/');
        if roots.len() >= 2 {
            parts.next();
        }
        for c in parts {
            p.push(undo_display(c));
        }
        Some(p)
    }
}

/// Every entry found, in path order, packed for the length of a build: the names in one
/// string and the other fields in arrays (about 60 bytes a file, where a `Vec<Candidate>`
/// with a `String` each took about 110: a corpus of ten million files keeps 500 MB less).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FileList {
    names: String,
    /// End of each name in `names` (the start is the previous end).
    ends: Vec<usize>,
    sizes: Vec<u64>,
    roots: Vec<u32>,
    /// The few entries that cannot be read, by index, with the reason.
    problems: std::collections::BTreeMap<usize, String>,
}

impl FileList {
    pub fn len(&self) -> usize {
        self.ends.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
    pub fn push(&mut self, c: Candidate) {
        if let Some(p) = c.problem {
            self.problems.insert(self.ends.len(), p);
        }
        self.names.push_str(&c.rel);
        self.ends.push(self.names.len());
        self.sizes.push(c.size);
        self.roots.push(c.root);
    }
    /// Entry `i`, unpacked (its name copied out).
    pub fn get(&self, i: usize) -> Option<Candidate> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(Candidate {
            rel: self.names.get(start..end)?.to_owned(),
            root: self.roots[i],
            size: self.sizes[i],
            problem: self.problems.get(&i).cloned(),
        })
    }
    pub fn size(&self, i: usize) -> u64 {
        self.sizes.get(i).copied().unwrap_or(0)
    }
    pub fn iter(&self) -> impl Iterator<Item = Candidate> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
    pub fn total_size(&self) -> u64 {
        self.sizes.iter().sum()
    }
    /// The relative name of entry `i` (which must exist).
    pub fn name(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.names[start..self.ends[i]]
    }

    /// Sort by name, keeping the first of equal names, without unpacking: a permutation is
    /// sorted and each field rebuilt in its order in turn (about 90 bytes a file at the
    /// peak, where a `Vec<Candidate>` sorted and then packed took about 200).
    fn sort_dedup(&mut self) {
        let mut order: Vec<u32> = (0..self.len() as u32).collect();
        order.sort_by(|&a, &b| {
            self.name(a as usize)
                .cmp(self.name(b as usize))
                .then(a.cmp(&b))
        });
        order.dedup_by(|b, a| self.name(*a as usize) == self.name(*b as usize));
        if order.iter().enumerate().all(|(i, &o)| i == o as usize) {
            return; // walked in order, nothing repeated
        }
        let total = order.iter().map(|&i| self.name(i as usize).len()).sum();
        let mut names = String::with_capacity(total);
        let mut ends = Vec::with_capacity(order.len());
        for &i in &order {
            names.push_str(self.name(i as usize));
            ends.push(names.len());
        }
        self.names = names;
        self.ends = ends;
        self.sizes = order.iter().map(|&i| self.sizes[i as usize]).collect();
        self.roots = order.iter().map(|&i| self.roots[i as usize]).collect();
        // the few problem entries, by their new index
        let mut problems = std::collections::BTreeMap::new();
        if !self.problems.is_empty() {
            for (n, &o) in order.iter().enumerate() {
                if let Some(p) = self.problems.remove(&(o as usize)) {
                    problems.insert(n, p);
                }
            }
        }
        self.problems = problems;
    }

    fn shrink_to_fit(&mut self) {
        self.names.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.sizes.shrink_to_fit();
        self.roots.shrink_to_fit();
    }
}

impl FromIterator<Candidate> for FileList {
    fn from_iter<I: IntoIterator<Item = Candidate>>(it: I) -> FileList {
        let mut l = FileList::default();
        for c in it {
            l.push(c);
        }
        l.shrink_to_fit();
        l
    }
}

/// The list in a temporary file, read back in order batch by batch: the names and sizes of a
/// million files (about 60 MB) are not in memory while the batches' own per-file state grows.
pub struct SpilledList {
    records: crate::spill::Records,
    len: usize,
}

impl FileList {
    /// Write the list to a temporary file in `dir` (unlinked at creation where the OS allows).
    pub fn spill(self, dir: &Path) -> std::io::Result<SpilledList> {
        let mut records = crate::spill::Records::new(dir)?;
        let mut buf = Vec::new();
        for c in self.iter() {
            buf.clear();
            buf.extend_from_slice(&c.root.to_le_bytes());
            buf.extend_from_slice(&c.size.to_le_bytes());
            match &c.problem {
                None => buf.push(0),
                Some(p) => {
                    buf.push(1);
                    let n = u32::try_from(p.len()).map_err(|_| bad_entry())?;
                    buf.extend_from_slice(&n.to_le_bytes());
                    buf.extend_from_slice(p.as_bytes());
                }
            }
            buf.extend_from_slice(c.rel.as_bytes());
            records.push(&buf)?;
        }
        records.flush()?;
        Ok(SpilledList {
            records,
            len: self.len(),
        })
    }
}

fn bad_entry() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, "damaged file list entry")
}

impl SpilledList {
    pub fn len(&self) -> usize {
        self.len
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// Every entry, in path order.
    pub fn iter(&self) -> impl Iterator<Item = std::io::Result<Candidate>> + '_ {
        self.records.iter().map(|r| {
            let (_, rec) = r?;
            let u32_at = |i: usize| -> Option<u32> {
                Some(u32::from_le_bytes(rec.get(i..i + 4)?.try_into().ok()?))
            };
            let root = u32_at(0).ok_or_else(bad_entry)?;
            let size = rec
                .get(4..12)
                .and_then(|b| b.try_into().ok())
                .map(u64::from_le_bytes)
                .ok_or_else(bad_entry)?;
            let (problem, name_at) = match rec.get(12) {
                Some(0) => (None, 13),
                Some(1) => {
                    let n = u32_at(13).ok_or_else(bad_entry)? as usize;
                    let p = rec.get(17..17 + n).ok_or_else(bad_entry)?;
                    (
                        Some(String::from_utf8(p.to_vec()).map_err(|_| bad_entry())?),
                        17 + n,
                    )
                }
                _ => return Err(bad_entry()),
            };
            let rel = rec.get(name_at..).ok_or_else(bad_entry)?;
            Ok(Candidate {
                rel: String::from_utf8(rel.to_vec()).map_err(|_| bad_entry())?,
                root,
                size,
                problem,
            })
        })
    }
}

/// The inverse of [`display_component`].
pub fn undo_display(s: &str) -> std::ffi::OsString {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'\\' && b.get(i + 1) == Some(&b'\\') {
            out.push(b'\\');
            i += 2;
        } else if b[i] == b'\\'
            && b.get(i + 1) == Some(&b'x')
            && let (Some(h), Some(l)) = (
                b.get(i + 2).copied().and_then(hex),
                b.get(i + 3).copied().and_then(hex),
            )
        {
            out.push((h << 4 | l) as u8);
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        std::ffi::OsString::from_vec(out)
    }
    #[cfg(not(unix))]
    {
        std::ffi::OsString::from(String::from_utf8_lossy(&out).into_owned())
    }
}

/// The name a path gets in the output: relative to its root, `/`-separated, prefixed by the
/// root's label when there are several roots; bytes that are not UTF-8 become `\xNN`.
pub fn relative_name(label: Option<&str>, root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut parts: Vec<String> = label.map(|l| vec![l.to_string()]).unwrap_or_default();
    for c in rel.components() {
        parts.push(display_component(c.as_os_str()));
    }
    parts.join("/")
}

/// A path component as text: UTF-8 as is, other bytes escaped as `\xNN`, and a backslash
/// written as `\\`, so that the escaping can be undone: a file literally named `caf\xE9.txt`
/// and one whose name has the byte 0xE9 get different rows (they used to get the same name, and
/// one of them was dropped as a repeat).
pub fn display_component(s: &std::ffi::OsStr) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = s.as_bytes();
        let mut out = String::with_capacity(bytes.len());
        for chunk in bytes.utf8_chunks() {
            let valid = chunk.valid();
            if valid.contains('\\') {
                out.push_str(&valid.replace('\\', "\\\\"));
            } else {
                out.push_str(valid);
            }
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        s.to_string_lossy().into_owned()
    }
}

/// Labels for several roots: each root's folder name, made unique with `~N` where two clash.
fn root_labels(roots: &[PathBuf]) -> Vec<Option<String>> {
    if roots.len() < 2 {
        return vec![None; roots.len()];
    }
    let names: Vec<String> = roots
        .iter()
        .map(|r| {
            let canon = std::fs::canonicalize(r).unwrap_or_else(|_| r.clone());
            canon
                .file_name()
                .map(display_component)
                .unwrap_or_else(|| "root".to_string())
        })
        .collect();
    names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let clash = names.iter().filter(|m| *m == n).count() > 1;
            Some(if clash { format!("{n}~{i}") } else { n.clone() })
        })
        .collect()
}

/// Every file under `roots` (following symlinks, reporting loops and dangling links), sorted by
/// output name so that everything downstream is deterministic.
pub fn discover(roots: &[PathBuf]) -> Result<FileList, BuildError> {
    discover_excluding(roots, &[])
}

/// The problem recorded for a folder that [`discover_excluding`] skips.
pub const EXCLUDED: &str = "the output folder of this build: skipped";

/// Like [`discover`], but folders that are one of `exclude` (the same folder, however reached:
/// compared by device and inode) are not walked; each gets one row with the reason
/// [`EXCLUDED`]. A build passes its output folder: when it lies inside an input folder, the
/// build would otherwise read its own lock file and earlier releases as articles, and no two
/// builds of the same articles would give the same release.
pub fn discover_excluding(roots: &[PathBuf], exclude: &[PathBuf]) -> Result<FileList, BuildError> {
    let labels = root_labels(roots);
    let excluded: Vec<FolderId> = exclude.iter().filter_map(|p| folder_id(p)).collect();
    let mut out = FileList::default();
    for (root_no, (root, label)) in roots.iter().zip(&labels).enumerate() {
        let root_no = root_no as u32;
        if !root.is_dir() {
            return Err(BuildError::MissingInput(root.clone()));
        }
        let mut walk = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = walk.next() {
            match entry {
                Ok(e) => {
                    if e.file_type().is_dir() {
                        if !excluded.is_empty()
                            && folder_id(e.path()).is_some_and(|id| excluded.contains(&id))
                        {
                            out.push(Candidate {
                                rel: relative_name(label.as_deref(), root, e.path()),
                                root: root_no,
                                size: 0,
                                problem: Some(EXCLUDED.into()),
                            });
                            walk.skip_current_dir();
                        }
                        continue;
                    }
                    let rel = relative_name(label.as_deref(), root, e.path());
                    if !e.file_type().is_file() {
                        out.push(Candidate {
                            rel,
                            root: root_no,
                            size: 0,
                            problem: Some("not a regular file".into()),
                        });
                        continue;
                    }
                    let size = e.metadata().map(|m| m.len()).unwrap_or(0);
                    out.push(Candidate {
                        rel,
                        root: root_no,
                        size,
                        problem: None,
                    });
                }
                Err(err) => {
                    let path = err
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone());
                    let rel = relative_name(label.as_deref(), root, &path);
                    out.push(Candidate {
                        rel,
                        root: root_no,
                        size: 0,
                        problem: Some(walk_problem(&err)),
                    });
                }
            }
        }
    }
    out.sort_dedup();
    out.shrink_to_fit();
    Ok(out)
}

/// What identifies a folder however it is reached (through links, `..`, relative paths).
#[cfg(unix)]
type FolderId = (u64, u64);
#[cfg(not(unix))]
type FolderId = PathBuf;

#[cfg(unix)]
fn folder_id(p: &Path) -> Option<FolderId> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(p).ok()?;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn folder_id(p: &Path) -> Option<FolderId> {
    std::fs::canonicalize(p).ok()
}

fn walk_problem(err: &walkdir::Error) -> String {
    if let Some(anc) = err.loop_ancestor() {
        let _ = anc;
        return "symlink loop: the link points to a folder that contains it".to_string();
    }
    match err.io_error() {
        Some(io) if io.raw_os_error().is_some_and(is_eloop) => {
            "symlink loop: a link that points to itself, or a chain of links too long to follow"
                .to_string()
        }
        Some(io) if io.kind() == std::io::ErrorKind::NotFound => {
            "dangling symlink or vanished entry".to_string()
        }
        Some(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
            "unreadable: permission denied".to_string()
        }
        Some(io) => format!("unreadable: {io}"),
        None => format!("unreadable: {err}"),
    }
}

/// ELOOP: too many levels of symbolic links (walkdir only detects loops through folders; a
/// link to itself fails in `stat` with this error).
fn is_eloop(errno: i32) -> bool {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    return errno == 40;
    #[cfg(any(target_os = "macos", target_os = "ios", target_os = "freebsd"))]
    return errno == 62;
    #[allow(unreachable_code)]
    {
        let _ = errno;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spilled_list_reads_back_the_same_entries() {
        let entries = vec![
            Candidate {
                rel: "a/b.txt".into(),
                root: 0,
                size: 12,
                problem: None,
            },
            Candidate {
                rel: "lbl/caf\\xE9.txt".into(),
                root: 3,
                size: u64::MAX,
                problem: None,
            },
            Candidate {
                rel: "loop".into(),
                root: 1,
                size: 0,
                problem: Some("a symlink loop: é".into()),
            },
            Candidate {
                rel: String::new(),
                root: 2,
                size: 7,
                problem: Some(String::new()),
            },
        ];
        let list: FileList = entries.iter().cloned().collect();
        let dir = tempfile::tempdir().unwrap();
        let spilled = list.spill(dir.path()).unwrap();
        assert_eq!(spilled.len(), 4);
        let back: Vec<Candidate> = spilled.iter().map(Result::unwrap).collect();
        assert_eq!(back, entries);
        let empty = FileList::default().spill(dir.path()).unwrap();
        assert!(empty.is_empty() && empty.iter().next().is_none());
    }

    #[test]
    fn names_are_relative_and_slash_separated() {
        let root = Path::new("/data/in");
        assert_eq!(
            relative_name(None, root, Path::new("/data/in/a/b.txt")),
            "a/b.txt"
        );
        assert_eq!(
            relative_name(Some("in"), root, Path::new("/data/in/c.txt")),
            "in/c.txt"
        );
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_bytes_are_escaped() {
        use std::os::unix::ffi::OsStrExt;
        let s = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
        assert_eq!(display_component(s), "caf\\xE9.txt");
    }

    /// Regression: a name with the byte 0xE9 and a UTF-8 name spelling `caf\xE9.txt` both
    /// displayed as `caf\xE9.txt`, and `discover` dropped the second as a repeat.
    #[cfg(unix)]
    #[test]
    fn escaped_names_never_collide_with_literal_ones() {
        use std::os::unix::ffi::OsStrExt;
        let raw = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
        let literal = std::ffi::OsStr::new("caf\\xE9.txt");
        assert_ne!(display_component(raw), display_component(literal));
        assert_eq!(display_component(literal), "caf\\\\xE9.txt");
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(raw), "a").unwrap();
        std::fs::write(dir.path().join(literal), "b").unwrap();
        let roots = [dir.path().to_path_buf()];
        let found = discover(&roots).unwrap();
        assert_eq!(found.len(), 2, "{found:?}");
        // The path to read is made again from the name, escaping undone.
        let mut paths: Vec<PathBuf> = found.iter().filter_map(|c| c.path(&roots)).collect();
        paths.sort();
        let mut want = vec![dir.path().join(raw), dir.path().join(literal)];
        want.sort();
        assert_eq!(paths, want);
        // With several roots, the label is not part of the path.
        let other = tempfile::tempdir().unwrap();
        std::fs::create_dir(other.path().join("sub")).unwrap();
        std::fs::write(other.path().join("sub/x.txt"), "c").unwrap();
        let roots = [dir.path().to_path_buf(), other.path().to_path_buf()];
        let found = discover(&roots).unwrap();
        assert_eq!(found.len(), 3);
        for c in found.iter() {
            let p = c.path(&roots).unwrap();
            assert!(p.is_file(), "{p:?} from {c:?}");
        }
    }

    #[test]
    fn finds_files_sorted_and_reports_loops() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("b")).unwrap();
        std::fs::write(dir.path().join("b/2.txt"), "x").unwrap();
        std::fs::write(dir.path().join("a.txt"), "y").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path(), dir.path().join("b/loop")).unwrap();
        let found: Vec<Candidate> = discover(&[dir.path().to_path_buf()])
            .unwrap()
            .iter()
            .collect();
        let names: Vec<&str> = found.iter().map(|c| c.rel.as_str()).collect();
        assert_eq!(&names[..2], &["a.txt", "b/2.txt"]);
        #[cfg(unix)]
        assert!(
            found
                .iter()
                .any(|c| c.rel == "b/loop" && c.problem.as_deref().unwrap().contains("loop"))
        );
    }

    #[test]
    fn the_output_folder_inside_an_input_is_skipped_with_a_row() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("in");
        std::fs::create_dir_all(root.join("out/releases/r1")).unwrap();
        std::fs::write(root.join("a.txt"), "x").unwrap();
        std::fs::write(root.join("out/.lock"), "").unwrap();
        std::fs::write(root.join("out/releases/r1/manifest.json"), "{}").unwrap();
        // Named differently from how the walk reaches it.
        let out = root.join("out/releases/../.");
        let found: Vec<Candidate> = discover_excluding(std::slice::from_ref(&root), &[out])
            .unwrap()
            .iter()
            .collect();
        let rows: Vec<(&str, Option<&str>)> = found
            .iter()
            .map(|c| (c.rel.as_str(), c.problem.as_deref()))
            .collect();
        assert_eq!(rows, vec![("a.txt", None), ("out", Some(EXCLUDED))]);
        // Without the exclusion, the build's own files are read as articles.
        assert_eq!(discover(&[root]).unwrap().len(), 3);
    }

    #[test]
    fn the_packed_list_gives_back_every_entry() {
        let entries: Vec<Candidate> = ["a", "", "bé/ç", "d"]
            .iter()
            .enumerate()
            .map(|(i, n)| Candidate {
                rel: n.to_string(),
                root: i as u32 % 2,
                size: i as u64 * 7,
                problem: (i == 2).then(|| "unreadable".to_string()),
            })
            .collect();
        let list: FileList = entries.clone().into_iter().collect();
        assert_eq!(list.len(), 4);
        assert_eq!(list.iter().collect::<Vec<_>>(), entries);
        assert_eq!(list.total_size(), 42);
        assert_eq!(list.size(3), 21);
        assert!(list.get(4).is_none());
    }

    /// A link to itself is a loop too (it used to be reported as "unreadable: Too many
    /// levels of symbolic links").
    #[cfg(unix)]
    #[test]
    fn a_link_to_itself_is_a_symlink_loop() {
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("self", dir.path().join("self")).unwrap();
        let found: Vec<Candidate> = discover(&[dir.path().to_path_buf()])
            .unwrap()
            .iter()
            .collect();
        assert_eq!(found.len(), 1);
        let why = found[0].problem.as_deref().unwrap();
        assert!(why.starts_with("symlink loop"), "{why}");
    }
}
