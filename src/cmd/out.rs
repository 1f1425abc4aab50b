//! Writing results: to stdout, or to a file through a temporary file renamed at the end, so
//! that a failed run never leaves a partial file that looks complete.

use alinea::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` (or stdout when `None`), atomically for files.
pub fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<()> {
    match path {
        None => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            lock.write_all(bytes)
                .and_then(|_| lock.flush())
                .map_err(|e| Error::io(Path::new("<stdout>"), "write", e))
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
            let result = std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, path));
            if let Err(e) = result {
                let _ = std::fs::remove_file(&tmp);
                return Err(Error::io(path, "write", e));
            }
            Ok(())
        }
    }
}
