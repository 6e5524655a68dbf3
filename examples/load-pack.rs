//! Loads one rule file the way the benchmarks do, for profiling a single stage under
//! callgrind or perf without criterion's repetitions:
//! `load-pack parse|deserialize|load|check FILE`. `parse` stops at the `toml` crate's own
//! document, `deserialize` at our raw structs, `load` validates as well, and `check` is
//! `rules check` on the file alone.

use std::process::ExitCode;

use httpadvise::rules::raw::RawFile;
use httpadvise::rules::RuleSources;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [stage, path] = args.as_slice() else {
        eprintln!("usage: load-pack parse|deserialize|load|check FILE");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("load-pack: {path}: {error}");
            return ExitCode::from(74);
        }
    };
    let ok = match stage.as_str() {
        "parse" => toml::de::DeTable::parse(&text).is_ok(),
        "deserialize" => toml::from_str::<RawFile>(&text).is_ok(),
        "load" => httpadvise::load_str(path, &text).is_ok(),
        "check" => httpadvise::check::check(&RuleSources {
            paths: vec![path.into()],
            ..RuleSources::default()
        })
        .is_ok(),
        _ => {
            eprintln!("load-pack: unknown stage `{stage}`");
            return ExitCode::from(2);
        }
    };
    if ok {
        ExitCode::SUCCESS
    } else {
        eprintln!("load-pack: the {stage} failed");
        ExitCode::FAILURE
    }
}
