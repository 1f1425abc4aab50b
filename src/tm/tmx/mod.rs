//! TMX 1.1 to 1.4b, the one home of the format: [`read`] streams `<tu>` after `<tu>` from a
//! file, [`mod@write`] writes units as TMX 1.4b. (An alignment becomes units in
//! `output::tmx`, which writes them with [`mod@write`].)

pub mod read;
pub mod write;
