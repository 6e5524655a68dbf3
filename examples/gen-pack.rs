//! Writes a generated rule pack to stdout, for timing the loader through the binary:
//! `cargo run --release --example gen-pack -- 100000 > /tmp/chain.toml`, then
//! `httpadvise --no-builtin-rules --rules /tmp/chain.toml --go`.
//! With `--wide`, one question with N choices instead of a chain of N nodes.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let wide = args.iter().any(|a| a == "--wide");
    let Some(Ok(n)) = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(|a| a.parse::<usize>())
    else {
        eprintln!("usage: gen-pack [--wide] N");
        return ExitCode::from(2);
    };
    let text = if wide {
        httpadvise_rules::generate::wide(n)
    } else {
        httpadvise_rules::generate::chain(n)
    };
    match std::io::stdout().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("gen-pack: {error}");
            ExitCode::from(74)
        }
    }
}
