//! Writing results: to stdout (`-o -`, or no `-o`), or to the path given.
//!
//! A regular file (or a path that does not exist yet) is written through a temporary file
//! beside it, renamed over it at the end, so that a failed run never leaves a partial file
//! that looks complete; the file keeps its permissions. A symbolic link is followed and its
//! target replaced that way, so the link stays a link. Anything else that can be written to
//! (a FIFO, a character device such as `/dev/null` or a terminal, a socket) is opened and
//! written directly: it is never replaced.

use alinea::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` (or stdout when `None` or `-`), atomically for files.
pub fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<()> {
    write_streaming(path, |out, name| {
        out.write_all(bytes)
            .map_err(|e| Error::io(name, "write", e))
    })
}

/// Where an output goes, once its path is looked at.
enum Sink {
    Stdout,
    /// A FIFO, a device or a socket (the end of its links): written into, never replaced.
    Into(PathBuf),
    /// A regular file, or one to create (the end of its links): replaced through a
    /// temporary file, keeping the permissions of the file it replaces.
    Replace {
        target: PathBuf,
        permissions: Option<std::fs::Permissions>,
    },
}

/// How `path` (stdout when `None` or `-`) is written; a folder is refused.
fn sink(path: Option<&Path>) -> Result<Sink> {
    let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
        return Ok(Sink::Stdout);
    };
    let target = follow_links(path)?;
    match std::fs::metadata(&target) {
        Ok(meta) if meta.is_dir() => Err(Error::bad_input(
            path,
            "is a directory; give a file name to write to",
        )),
        Ok(meta) if !meta.is_file() => Ok(Sink::Into(target)),
        existing => Ok(Sink::Replace {
            target,
            permissions: existing.ok().map(|m| m.permissions()),
        }),
    }
}

/// Writes several outputs of one run together: every file is written to its temporary file
/// first, and only when all of them are written are they renamed into place (stdout and
/// devices are written last). A failure leaves none of them, old files as they were.
pub fn write_all(outputs: &[(Option<&Path>, &[u8])]) -> Result<()> {
    // (temporary file, target, name in messages), and what is written directly.
    let mut staged: Vec<(PathBuf, PathBuf, &Path)> = Vec::new();
    let mut direct: Vec<(Option<&Path>, &[u8])> = Vec::new();
    let mut result = Ok(());
    for &(path, bytes) in outputs {
        result = match (path, sink(path)) {
            (
                Some(path),
                Ok(Sink::Replace {
                    target,
                    permissions,
                }),
            ) => temporary(path, &target).and_then(|tmp| {
                staged.push((tmp.clone(), target, path));
                std::fs::write(&tmp, bytes)
                    .and_then(|_| permissions.map_or(Ok(()), |p| std::fs::set_permissions(&tmp, p)))
                    .map_err(|e| Error::io(path, "write", e))
            }),
            (_, Ok(_)) => {
                direct.push((path, bytes));
                Ok(())
            }
            (_, Err(e)) => Err(e),
        };
        if result.is_err() {
            break;
        }
    }
    let mut renamed = 0;
    if result.is_ok() {
        result = staged.iter().try_for_each(|(tmp, target, path)| {
            std::fs::rename(tmp, target).map_err(|e| Error::io(path, "write", e))?;
            renamed += 1;
            Ok(())
        });
    }
    for (tmp, _, _) in &staged[renamed..] {
        let _ = std::fs::remove_file(tmp);
    }
    result?;
    for (path, bytes) in direct {
        write_output(path, bytes)?;
    }
    Ok(())
}

/// The temporary file beside `target` that `path` (the name in messages) is written to.
fn temporary(path: &Path, target: &Path) -> Result<PathBuf> {
    let file_name = target
        .file_name()
        .ok_or_else(|| Error::Usage(format!("{}: not a file name", path.display())))?;
    Ok(target.with_file_name(format!(
        ".{}.{}.tmp",
        file_name.to_string_lossy(),
        std::process::id()
    )))
}

/// Writes through `write`, streaming, to `path` (or stdout when `None` or `-`); see the
/// module comment for how each kind of path is written. `write` gets the sink and the name
/// to use in messages.
pub fn write_streaming(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write, &Path) -> Result<()>,
) -> Result<()> {
    match (path, sink(path)?) {
        (Some(path), Sink::Into(target)) => {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .map_err(|e| Error::io(path, "write", e))?;
            let mut out = std::io::BufWriter::new(file);
            write(&mut out, path)?;
            out.flush().map_err(|e| Error::io(path, "write", e))
        }
        (
            Some(path),
            Sink::Replace {
                target,
                permissions,
            },
        ) => replace_file(path, &target, permissions, write),
        _ => {
            let name = Path::new("<stdout>");
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            write(&mut out, name)?;
            out.flush().map_err(|e| Error::io(name, "write", e))
        }
    }
}

/// The path a chain of symbolic links ends at (the path itself when it is not a link); the
/// end may not exist yet.
fn follow_links(path: &Path) -> Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = std::fs::read_link(&current).map_err(|e| Error::io(path, "write", e))?;
                current = match current.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(Error::bad_input(
        path,
        "is a chain of more than 40 symbolic links (a loop?)",
    ))
}

/// Writes a regular file through a temporary file in the same folder, renamed over `target`
/// at the end (removed if anything fails). `path` names the file in messages.
fn replace_file(
    path: &Path,
    target: &Path,
    permissions: Option<std::fs::Permissions>,
    write: impl FnOnce(&mut dyn Write, &Path) -> Result<()>,
) -> Result<()> {
    let tmp = temporary(path, target)?;
    let file = std::fs::File::create(&tmp).map_err(|e| Error::io(path, "write", e))?;
    let mut out = std::io::BufWriter::new(file);
    let result = write(&mut out, path).and_then(|_| {
        out.flush()
            .and_then(|_| match permissions {
                Some(p) => std::fs::set_permissions(&tmp, p),
                None => Ok(()),
            })
            .and_then(|_| std::fs::rename(&tmp, target))
            .map_err(|e| Error::io(path, "write", e))
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The output format: `--format` when given, else the one the extension of `-o` names
/// (`.tmx`, `.xlf`/`.xliff`, `.tsv`, `.json`, `.jsonl`, `.html`/`.htm`, and `.txt` for a
/// command that writes text), else `default`. A `--format` that contradicts the extension is
/// an error, and so is an extension naming a format the command does not write.
pub fn output_format<F: clap::ValueEnum + Copy + PartialEq>(
    command: &str,
    given: Option<F>,
    output: Option<&Path>,
    default: F,
) -> Result<F> {
    let name = |f: F| {
        f.to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    };
    let by_name = |wanted: &str| {
        F::value_variants().iter().copied().find(|&f| {
            f.to_possible_value()
                .is_some_and(|v| v.matches(wanted, false))
        })
    };
    let extension = output
        .filter(|p| p.as_os_str() != "-")
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    let named = match extension.as_deref() {
        Some("tmx") => Some("tmx"),
        Some("xlf" | "xliff") => Some("xliff"),
        Some("tsv") => Some("tsv"),
        Some("json") => Some("json"),
        Some("jsonl") => Some("jsonl"),
        Some("html" | "htm") => Some("html"),
        Some("txt") if by_name("text").is_some() => Some("text"),
        _ => None,
    };
    let from_extension = match named {
        None => None,
        Some(format) => match by_name(format) {
            Some(f) => Some(f),
            None if given.is_some() => None,
            None => {
                let formats: Vec<String> = F::value_variants().iter().map(|&f| name(f)).collect();
                return Err(Error::Usage(format!(
                    "{}: {command} does not write {format}; it writes {} (say which with --format, or give the file another extension)",
                    output.unwrap_or(Path::new("")).display(),
                    formats.join(", ")
                )));
            }
        },
    };
    match (given, from_extension) {
        (Some(g), Some(e)) if g != e => Err(Error::Usage(format!(
            "--format {} contradicts the extension of {} ({}); drop one or make them agree",
            name(g),
            output.unwrap_or(Path::new("")).display(),
            name(e)
        ))),
        (Some(g), _) => Ok(g),
        (None, Some(e)) => Ok(e),
        (None, None) => Ok(default),
    }
}

/// What a path names, for telling whether two paths are one file: the device and inode of an
/// existing file (through links), else the absolute path it would be created at.
#[derive(PartialEq, Eq)]
enum Identity {
    File(u64, u64),
    New(PathBuf),
}

fn identity(path: &Path) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt;
    match std::fs::metadata(path) {
        // Devices, FIFOs and the like may take several outputs (`/dev/null`); only regular
        // files are guarded.
        Ok(meta) if meta.is_file() => Some(Identity::File(meta.dev(), meta.ino())),
        Ok(_) => None,
        Err(_) => {
            let name = path.file_name()?;
            let dir = match path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.canonicalize().ok()?,
                _ => std::env::current_dir().ok()?,
            };
            Some(Identity::New(dir.join(name)))
        }
    }
}

/// Refuses, before anything is read or written, an output that is one of the inputs (the
/// same file by device and inode, whatever the path or link that names it) or that another
/// output of the same run also names. `outputs` pairs each path with the option that gave
/// it (`-o`, `--html` ...); stdout (`-`) and devices are never refused.
pub fn guard_outputs(inputs: &[&Path], outputs: &[(&str, Option<&Path>)]) -> Result<()> {
    let inputs: Vec<(&Path, Identity)> = inputs
        .iter()
        .filter_map(|p| Some((*p, identity(p).filter(|i| matches!(i, Identity::File(..)))?)))
        .collect();
    let mut seen: Vec<(&str, Identity)> = Vec::new();
    for &(option, path) in outputs {
        let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
            continue;
        };
        let Some(id) = identity(path) else {
            continue;
        };
        if let Some((input, _)) = inputs.iter().find(|(_, i)| *i == id) {
            return Err(Error::Usage(format!(
                "{}: the output of {option} is the input {}; write it elsewhere",
                path.display(),
                input.display()
            )));
        }
        if let Some((other, _)) = seen.iter().find(|(_, i)| *i == id) {
            return Err(Error::Usage(format!(
                "{}: given to both {other} and {option}; give each output its own file",
                path.display()
            )));
        }
        seen.push((option, id));
    }
    Ok(())
}
