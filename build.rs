//! Compiles the default pack when the program is built: the built-in rule files and the
//! default profile, parsed and validated by the same loader a run uses, stored as the
//! validated tree for `src/pack.rs` to include. A run without `--rules`, house rules or
//! another profile then decodes the tree instead of parsing and checking the TOML again,
//! which was most of what a one-shot run cost.

use std::path::PathBuf;
use std::{env, fs};

use httpadvise_rules::{Files, RuleSources};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=rules");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out.join("default-pack.postcard"), compile()).expect("OUT_DIR is writable");
}

/// The validated default tree, encoded; empty when the pack does not load: then the
/// program loads it from the TOML on each run, which reports every problem with its place.
fn compile() -> Vec<u8> {
    // The flags the command line reserves are checked when the tests load the pack from
    // its TOML; clap is not a dependency of the build.
    match httpadvise_rules::load(&RuleSources::builtin(), &Files::default(), &[]) {
        Ok(pack) => postcard::to_allocvec(&pack.tree).expect("a tree is plain data"),
        Err(rejected) => {
            println!(
                "cargo:warning=the built-in rules do not load ({} problems); \
                 httpadvise will report them when run",
                rejected.diagnostics.len()
            );
            Vec::new()
        }
    }
}
