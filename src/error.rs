//! Errors of the library's build steps; the binary reports them with `anyhow` context.

use std::path::PathBuf;

/// An error that stops a build (bad input files never do: they are recorded in `files`).
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("input folder {0} does not exist or is not a folder")]
    MissingInput(PathBuf),
    #[error("writing {table}: {message}")]
    Write { table: String, message: String },
    #[error(
        "another build holds the lock on {0}; wait for it to finish (or remove the lock file if no build is running)"
    )]
    Locked(PathBuf),
    #[error(
        "release name {0:?} is not a plain name (letters, digits, '-', '_', '.', '+'; not starting with '.')"
    )]
    BadReleaseName(String),
    #[error(
        "release {0} already exists with different content; releases are immutable: choose another --release name or remove it"
    )]
    ReleaseExists(PathBuf),
    #[error("temporary files of the build (in the output folder): {0}")]
    Spill(#[from] std::io::Error),
    #[error(transparent)]
    Gazetteer(#[from] crate::gazetteer::GazetteerError),
    /// A bug, never bad input: the build loads the gazetteer before the first analysis.
    #[error("internal error: a document reached analysis before the gazetteer was loaded")]
    NoGazetteer,
}

impl BuildError {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> BuildError {
        BuildError::Io {
            path: path.into(),
            source,
        }
    }
}
