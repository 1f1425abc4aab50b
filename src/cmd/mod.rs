//! One file per subcommand: its options, and a `run` that calls the library and prints.

pub mod align;
pub mod inputs;
pub mod out;
pub mod segment;
