//! One file per subcommand: its options, and a `run` that calls the library and prints.

pub mod align;
pub mod batch;
pub mod common;
pub mod diff;
pub mod inputs;
pub mod out;
pub mod qa;
pub mod segment;
pub mod tmx;
