//! Writing results: to stdout, or to a file through a temporary file renamed at the end, so
//! that a failed run never leaves a partial file that looks complete.

use alinea::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` (or stdout when `None` or `-`), atomically for files.
pub fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<()> {
    write_streaming(path, |out, name| {
        out.write_all(bytes)
            .map_err(|e| Error::io(name, "write", e))
    })
}

/// Writes through `write`, streaming, to `path` (or stdout when `None` or `-`); for a file,
/// through a temporary file renamed at the end, removed if `write` fails. `write` gets the
/// sink and the name to use in messages.
pub fn write_streaming(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write, &Path) -> Result<()>,
) -> Result<()> {
    match path.filter(|p| p.as_os_str() != "-") {
        None => {
            let name = Path::new("<stdout>");
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            write(&mut out, name)?;
            out.flush().map_err(|e| Error::io(name, "write", e))
        }
        Some(path) => {
            let file_name = path
                .file_name()
                .ok_or_else(|| Error::Usage(format!("{}: not a file name", path.display())))?;
            let tmp = path.with_file_name(format!(
                ".{}.{}.tmp",
                file_name.to_string_lossy(),
                std::process::id()
            ));
            let file = std::fs::File::create(&tmp).map_err(|e| Error::io(path, "write", e))?;
            let mut out = std::io::BufWriter::new(file);
            let result = write(&mut out, path).and_then(|_| {
                out.flush()
                    .and_then(|_| std::fs::rename(&tmp, path))
                    .map_err(|e| Error::io(path, "write", e))
            });
            if result.is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
            result
        }
    }
}
