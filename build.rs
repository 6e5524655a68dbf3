//! Compiles the default pack when the program is built: parses and validates the built-in
//! rule files and the default profile with the library's own loader, and writes the tree
//! as the Rust expression that builds it, for `src/builtin.rs` to include. A run without
//! `--rules`, house rules or another profile then builds the tree from literals instead of
//! parsing the same TOML again, which was most of what a one-shot run cost.

// The loader's modules, shared with the library; the build uses only part of them.
#![allow(dead_code)]

#[path = "src/diagnostic.rs"]
mod diagnostic;
#[path = "src/rules/mod.rs"]
mod rules;
#[path = "src/source.rs"]
mod source;
#[path = "src/suggest.rs"]
mod suggest;
#[path = "src/tree.rs"]
mod tree;
#[path = "src/validate.rs"]
mod validate;

#[path = "build/rust_code.rs"]
mod rust_code;

use std::path::PathBuf;
use std::{env, fs};

fn main() {
    for input in [
        "build.rs",
        "build",
        "rules",
        "src/diagnostic.rs",
        "src/rules",
        "src/source.rs",
        "src/suggest.rs",
        "src/tree.rs",
        "src/validate.rs",
    ] {
        println!("cargo:rerun-if-changed={input}");
    }
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let code = rust_code::to_string(&compile()).expect("a tree is plain data");
    fs::write(out.join("default-tree.rs"), code).expect("OUT_DIR is writable");
}

/// The validated default tree, or `None` when the pack does not load: then the program
/// loads it from the TOML on each run, which reports every problem with its place.
fn compile() -> Option<tree::Tree> {
    let read = rules::read(&rules::RuleSources::builtin());
    // The flags the command line reserves are checked when the tests load the pack from
    // its TOML (`tests/builtin_compiled.rs`); clap is not a dependency of the build.
    match read.parse(|parsed| validate::validate(parsed, &[])).0 {
        Ok(tree) => Some(tree),
        Err(diagnostics) => {
            println!(
                "cargo:warning=the built-in rules do not load ({} problems); \
                 httpadvise will report them when run",
                diagnostics.len()
            );
            None
        }
    }
}
