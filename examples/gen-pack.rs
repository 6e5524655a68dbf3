//! Writes a generated rule pack to stdout, for timing the loader through the binary:
//! `cargo run --release --example gen-pack -- 100000 > /tmp/chain.toml`, then
//! `httpadvise --no-builtin-rules --rules /tmp/chain.toml --go`.
//! `--shape` picks another shape of N: `wide` (one question of N choices), `loops` (every
//! `no` leads back to the start), `questions` (a chain of N questions of their own),
//! `prompt` (a prompt of N bytes), `misspelt` (N references to nodes that do not exist),
//! `uncited` (N outcomes that cite nothing, each a warning of `rules check`).

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let shape = args
        .iter()
        .position(|a| a == "--shape")
        .and_then(|i| args.get(i + 1))
        .map_or("chain", String::as_str);
    let Some(Ok(n)) = args
        .iter()
        .find(|a| !a.starts_with("--") && *a != shape)
        .map(|a| a.parse::<usize>())
    else {
        eprintln!("usage: gen-pack [--shape chain|wide|loops|questions|prompt|misspelt|uncited] N");
        return ExitCode::from(2);
    };
    use httpadvise_rules::generate;
    let text = match shape {
        "chain" => generate::chain(n),
        "wide" => generate::wide(n),
        "loops" => generate::loops(n),
        "questions" => generate::questions(n),
        "prompt" => generate::long_prompt(n),
        "misspelt" => generate::misspelt(n),
        "uncited" => generate::uncited(n),
        other => {
            eprintln!("gen-pack: no shape `{other}`");
            return ExitCode::from(2);
        }
    };
    match std::io::stdout().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("gen-pack: {error}");
            ExitCode::from(74)
        }
    }
}
