//! httpadvise: which HTTP status code a request deserves, decided by a tree of rules and
//! explained. The rule format is its own crate (`httpadvise-rules`); here are the command
//! line, the engine that walks the tree, the commands, and their outputs. The binary
//! decides about color and the terminal and calls [`app`].

pub mod app;
pub mod ask;
pub mod cli;
pub mod commands;
pub mod engine;
pub mod error;
pub mod output;
pub mod pack;
