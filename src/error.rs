//! Errors that reach the user, each naming the file it is about.

use std::fmt;
use std::path::{Path, PathBuf};

/// A place in a file: 1-based line, and 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// Everything that can go wrong in the pipeline. The binary prints it once, on one line,
/// and exits with [`Error::exit_code`].
#[derive(Debug)]
pub enum Error {
    /// A file could not be opened, read or written.
    Io {
        path: PathBuf,
        action: &'static str,
        source: std::io::Error,
    },
    /// The input is not text alinea can align: empty, binary, undecodable.
    BadInput { path: PathBuf, message: String },
    /// A file that is not well-formed (XML, TSV ...), at a line and column (both 1-based).
    Syntax {
        path: PathBuf,
        line: u32,
        col: u32,
        message: String,
    },
    /// Options that do not fit together or do not parse.
    Usage(String),
    /// The work would need more than a limit allows (memory); nothing was done.
    Limit(String),
    /// A check found problems in a file (they were printed as they were found).
    Problems { path: PathBuf, count: usize },
}

impl Error {
    pub fn bad_input(path: &Path, message: impl Into<String>) -> Self {
        Error::BadInput {
            path: path.to_path_buf(),
            message: message.into(),
        }
    }

    pub fn syntax(path: &Path, pos: Pos, message: impl Into<String>) -> Self {
        Error::Syntax {
            path: path.to_path_buf(),
            line: pos.line,
            col: pos.col,
            message: message.into(),
        }
    }

    pub fn io(path: &Path, action: &'static str, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            action,
            source,
        }
    }

    /// Exit codes documented in README: 1 when a check found problems, 2 for bad input or
    /// usage, 3 for a failed write.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Problems { .. } => 1,
            Error::Io { action, .. } if *action == "write" => 3,
            _ => 2,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io {
                path,
                action,
                source,
            } => {
                let reason = match source.kind() {
                    std::io::ErrorKind::NotFound if *action == "write" => {
                        "its folder does not exist".to_string()
                    }
                    std::io::ErrorKind::NotFound => "no such file".to_string(),
                    std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                    _ if path.is_dir() => "is a directory, not a file".to_string(),
                    _ => source.to_string(),
                };
                write!(f, "{}: cannot {action}: {reason}", path.display())
            }
            Error::BadInput { path, message } => write!(f, "{}: {message}", path.display()),
            Error::Syntax {
                path,
                line,
                col,
                message,
            } => write!(f, "{}:{line}:{col}: {message}", path.display()),
            Error::Usage(message) | Error::Limit(message) => write!(f, "{message}"),
            Error::Problems { path, count } => {
                let s = if *count == 1 { "" } else { "s" };
                write!(f, "{}: {count} problem{s}", path.display())
            }
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;
