//! Anki packages.

use super::{Imported, Problems};

/// Reads an Anki package.
///
/// # Errors
/// Every problem found.
pub fn import(_bytes: &[u8], file: &str) -> Result<Imported, Problems> {
    Err(vec![format!("{file}: Anki packages are not read yet")])
}
