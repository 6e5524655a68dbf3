//! The smallest Rust program, built with the same release profile as httpadvise: the
//! baseline `scripts/bench-startup` compares start-up against.

fn main() {}
