//! The checks behind each fuzz target, free of libFuzzer so that `tests/fuzz_regressions.rs`
//! replays saved inputs through exactly the code the fuzzer ran.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use httpadvise::cli;
use httpadvise::commands::test as scenario;
use httpadvise::engine::session::{self, Mode};
use httpadvise::engine::walk::{walk, Walk};
use httpadvise::error::Exit;
use httpadvise::output::report::{Advice, Place, Report};
use httpadvise::output::{self, diagnostics, Format, GraphFormat, Output};
use httpadvise::pack::Loader;
use httpadvise_rules::diagnostic::{Diagnostic, Kind};
use httpadvise_rules::model::Tree;
use httpadvise_rules::routes::{self, ROUTE_LIMIT};
use httpadvise_rules::source::Sources;
use httpadvise_rules::{Files, Pack, Rejected, RuleSources};

/// The name every fuzzed rule file is loaded under; diagnostics quote it.
pub const FILE_NAME: &str = "fuzz.toml";

/// What a rule file did: loaded, or rejected with this many problems.
#[derive(Debug, PartialEq, Eq)]
pub enum Loaded {
    Pack,
    Rejected(usize),
}

/// The `load` target: any bytes as a rule file. Text goes through `load_str`; other bytes
/// through a real file, so the loader's not-UTF-8 report is exercised, and then as lossily
/// decoded text, whose replacement characters are multi-byte and so test the spans.
pub fn load(data: &[u8]) -> Loaded {
    match std::str::from_utf8(data) {
        Ok(text) => load_text(text),
        Err(_) => {
            load_file(data);
            load_text(&String::from_utf8_lossy(data))
        }
    }
}

/// Loads `text` alone and checks whatever comes back; panics on any broken promise.
pub fn load_text(text: &str) -> Loaded {
    match httpadvise_rules::load_text(FILE_NAME, text, &cli::reserved_flags()) {
        Ok(pack) => {
            check_pack(&pack);
            Loaded::Pack
        }
        Err(rejected) => {
            check_rejected(&rejected);
            Loaded::Rejected(rejected.diagnostics.len())
        }
    }
}

/// Writes non-UTF-8 bytes to a file of their own and loads it: the load must fail with a
/// read error for the whole pack, never with a panic or a made-up location.
fn load_file(data: &[u8]) {
    // Tests replay inputs on several threads at once: each call needs its own file.
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let path =
        std::env::temp_dir().join(format!("httpadvise-fuzz-{}-{n}.toml", std::process::id()));
    std::fs::write(&path, data).expect("the temporary rule file is written");
    let sources = RuleSources {
        paths: vec![path.clone()],
        ..RuleSources::default()
    };
    let result = httpadvise_rules::load(&sources, &Files::read(&sources), &[]);
    let _ = std::fs::remove_file(&path);
    let rejected = result.expect_err("a file that is not UTF-8 must not load");
    check_rejected(&rejected);
    assert!(
        rejected
            .diagnostics
            .iter()
            .any(|d| matches!(d.kind, Kind::Read { .. }) && d.span.is_none()),
        "no read error for a file that is not UTF-8: {:?}",
        rejected.diagnostics
    );
}

/// A rejected pack must say why, and every place it points at must lie inside the file it
/// names, since the message quotes that line and puts a caret under the span.
fn check_rejected(rejected: &Rejected) {
    assert!(
        !rejected.diagnostics.is_empty(),
        "a rejected pack with no diagnostic"
    );
    for diagnostic in &rejected.diagnostics {
        check_span(diagnostic, &rejected.sources);
    }
    let rendered = diagnostics::rejected(rejected);
    for span in rejected.diagnostics.iter().filter_map(|d| d.span.as_ref()) {
        let location = Place::new(&rejected.sources, span).location();
        assert!(rendered.contains(&location), "{rendered}");
    }
}

fn check_span(diagnostic: &Diagnostic, sources: &Sources) {
    let Some(span) = &diagnostic.span else {
        return;
    };
    assert!(span.file.0 < sources.len(), "{diagnostic:?}");
    let len = sources.file(span.file).text.len();
    assert!(
        span.range.start <= span.range.end && span.range.end <= len,
        "span {:?} outside a file of {len} bytes: {diagnostic:?}",
        span.range
    );
}

/// Everything the binary does with a pack that loaded must work on any such pack.
fn check_pack(pack: &Pack) {
    let tree = &pack.tree;
    let first = vec![Some(0); tree.questions.len()];
    let walked = walk(tree, &first);
    assert!(
        matches!(walked, Walk::Done { .. }),
        "every question answered, yet the walk stopped: {walked:?}"
    );
    check_routes(tree);
    check_command(tree);
    check_output(tree, &first, &walked);
}

/// Each route `paths` lists is a real one: walking with its answers takes its steps and
/// reaches its outcome.
fn check_routes(tree: &Tree) {
    let found = routes::routes(tree);
    assert!(!found.routes.is_empty(), "a loaded tree with no route");
    assert!(found.routes.len() <= ROUTE_LIMIT);
    for route in &found.routes {
        let mut answers = vec![None; tree.questions.len()];
        for step in &route.steps {
            answers[step.question.0] = Some(step.answer);
        }
        let expected = Walk::Done {
            outcome: route.outcome,
            path: route.steps.clone(),
        };
        assert_eq!(walk(tree, &answers), expected);
    }
}

/// The binary builds its command line from every pack it loads, on every run: the rules'
/// flags must make a command that clap accepts and can describe.
fn check_command(tree: &Tree) {
    let args = vec![OsString::from("httpadvise")];
    if let Err(error) = cli::parse(tree, args) {
        panic!("a loaded pack whose command line does not parse: {error}");
    }
    let _ = cli::command(tree).render_long_help().to_string();
}

/// A one-shot recommendation and the drawings of the tree, in every format.
fn check_output(tree: &Tree, answers: &[Option<usize>], walked: &Walk) {
    let verdict = session::consult(tree, answers, Mode::OneShot, None)
        .expect("every question answered, so nothing is left to ask");
    let advice = Advice::new(tree, &verdict, answers);
    let mut out = Vec::new();
    for format in [Format::Text, Format::Json, Format::Markdown] {
        let mut output = Output {
            out: &mut out,
            width: 80,
        };
        output::print(&Report::Advice(&advice), format, &mut output).expect("writing to memory");
    }
    for format in [GraphFormat::Dot, GraphFormat::Mermaid] {
        output::graph::render(tree, walked, format, &mut out).expect("writing to memory");
    }
}

/// The built-in pack, loaded once: the `answers` target parses against it on every run.
pub fn builtin() -> &'static Pack {
    static PACK: OnceLock<Pack> = OnceLock::new();
    PACK.get_or_init(|| {
        let loader = Loader::new(Files::default(), cli::reserved_flags);
        loader
            .load(&RuleSources::builtin())
            .expect("the built-in pack loads")
    })
}

/// What a command line did against the built-in pack.
#[derive(Debug, PartialEq, Eq)]
pub enum Parsed {
    /// Parsed: this many questions answered.
    Answers(usize),
    /// Refused (or help or version asked for), with clap's message.
    Refused,
}

/// The `answers` target: the bytes as one `--answer` value, then split on NUL bytes into a
/// whole command line (non-UTF-8 arguments included, as a shell can pass them).
pub fn answers(data: &[u8]) -> Parsed {
    let tree = &builtin().tree;
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok((question, answer)) = httpadvise::engine::answers::parse(tree, text) {
            assert!(answer < tree.questions[question].answers.len());
        }
    }
    let args: Vec<OsString> = std::iter::once(OsString::from("httpadvise"))
        .chain(
            data.split(|b| *b == 0)
                .map(|a| OsString::from_vec(a.to_vec())),
        )
        .collect();
    // The binary reads these before it loads any rules. A folder that does not exist keeps
    // the host's own `.httpadvise.toml` files out of the search.
    let _ = cli::early(&args)
        .rules
        .sources(&PathBuf::from("/nonexistent"));
    let _ = cli::parse_fixed(&args).map_err(|e| e.render().to_string());
    let parsed = cli::parse(tree, args.clone());
    match parsed {
        Ok(invocation) => {
            assert_eq!(invocation.answers.len(), tree.questions.len());
            for (question, answer) in tree.questions.iter().zip(&invocation.answers) {
                if let Some(answer) = answer {
                    assert!(*answer < question.answers.len());
                }
            }
            Parsed::Answers(invocation.answers.iter().flatten().count())
        }
        Err(error) => {
            // The binary prints this message; rendering it is part of the path.
            let _ = error.render().to_string();
            Parsed::Refused
        }
    }
}

/// The name every fuzzed scenario fixture is run under.
pub const FIXTURE_NAME: &str = "fixture.toml";

/// The `fixture` target: any bytes as a scenario fixture for `rules test`, run against the
/// built-in pack without reading a file. It must end in a report whose last line is the
/// totals, and an exit that agrees with them.
pub fn fixture(data: &[u8]) -> Exit {
    let text = String::from_utf8_lossy(data);
    let mut out = Vec::new();
    let mut output = Output {
        out: &mut out,
        width: 80,
    };
    let exit = scenario::run_text(FIXTURE_NAME, &text, &mut output)
        .expect("the built-in pack loads and the report is written");
    let report = String::from_utf8(out).expect("the report is UTF-8");
    let last = report.lines().last().unwrap_or_default();
    let failed = failed_count(last).unwrap_or_else(|| panic!("no totals: {report}"));
    // The report ends "N fixture(s) could not run", a blank line, the totals; a case
    // name that says the same stands further up.
    let broken = report.lines().rev().nth(2).is_some_and(|line| {
        line.strip_suffix(" could not run")
            .and_then(|n| n.strip_suffix(" fixtures").or(n.strip_suffix(" fixture")))
            .is_some_and(|n| n.parse::<usize>().is_ok())
    });
    let expected = match (broken, failed) {
        (true, _) => Exit::Rules,
        (false, 0) => Exit::Advice,
        (false, _) => Exit::Disagree,
    };
    assert_eq!(exit, expected, "{report}");
    exit
}

/// M of the totals line `N passed, M failed`.
fn failed_count(line: &str) -> Option<usize> {
    let (passed, failed) = line.strip_suffix(" failed")?.split_once(" passed, ")?;
    passed.parse::<usize>().ok()?;
    failed.parse().ok()
}
