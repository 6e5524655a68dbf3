//! The httpadvise rule format: finding and reading rule files, parsing them into strict raw
//! structs, merging the layers, resolving every name, checking the graph, and the validated
//! model the rest of the program walks. Every problem comes back as data with its place;
//! nothing here prints, parses a command line or touches a terminal.

pub mod builtin;
pub mod diagnostic;
pub mod generate;
mod graph;
pub(crate) mod lazy;
pub mod lint;
mod load;
mod merge;
pub mod model;
pub mod names;
pub(crate) mod parse;
pub(crate) mod raw;
pub mod read;
pub mod registry;
mod resolve;
pub mod routes;
pub mod schema;
pub mod source;
pub mod suggest;

pub use load::{check, load, load_text, Checked, Pack, Rejected};
pub use read::{Files, RuleSources};
