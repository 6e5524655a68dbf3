//! httpadvise: which HTTP status code a rejected request deserves, decided by a tree of
//! rules and explained. The binary parses and decides about the terminal; this does the rest.

pub mod ask;
pub mod builtin;
pub mod check;
pub mod cli;
pub mod diagnostic;
pub mod engine;
pub mod error;
pub mod expect;
pub mod explain;
pub mod generate;
pub mod graph;
pub mod man;
pub mod markdown;
pub mod paths;
pub mod profiles;
pub mod render;
pub mod report;
pub mod rules;
pub mod scenario;
pub mod schema;
pub mod session;
pub mod source;
pub mod suggest;
pub mod tree;
pub mod validate;
pub mod wrap;

use std::io::Write;

use cli::{Command, Format, Invocation, RulesCommand};
use error::{Error, Exit};
use report::Report;
use rules::RuleSources;
use session::{AskError, Asker, Mode, SessionError};
use source::Sources;
use tree::Tree;
use validate::Rejected;

/// A loaded and validated rule pack, with its files kept for later diagnostics.
#[derive(Debug)]
pub struct Pack {
    pub tree: Tree,
    pub sources: Sources,
}

/// Reads, parses and validates the rules of one run. The default pack comes compiled (see
/// `build.rs`): a run without `--rules`, house rules or another profile parses nothing.
pub fn load(from: &RuleSources) -> Result<Pack, Rejected> {
    match builtin::compiled(from) {
        Some(tree) => Ok(Pack {
            tree,
            sources: builtin::sources(),
        }),
        None => load_toml(from),
    }
}

/// Like [`load`], but parses and validates every file, even where the compiled default
/// pack could stand in: what every other run does, and what the compiled pack is tested
/// against.
pub fn load_toml(from: &RuleSources) -> Result<Pack, Rejected> {
    load_read(rules::read(from))
}

/// Where the recommendation goes: the writer, and the width text output wraps to.
pub struct Output<'a> {
    pub out: &'a mut dyn Write,
    pub width: usize,
}

/// Loads one rule file given as text, alone, as if it were named `name`: for generated
/// packs, benchmarks and fuzzing.
pub fn load_str(name: &str, text: &str) -> Result<Pack, Rejected> {
    load_read(rules::Read::text(name.to_string(), text.to_string()))
}

/// Parses and validates files already read.
fn load_read(read: rules::Read) -> Result<Pack, Rejected> {
    let reserved = cli::reserved_flags();
    match read.parse(|parsed| validate::validate(parsed, &reserved)) {
        (Ok(tree), sources) => Ok(Pack { tree, sources }),
        (Err(diagnostics), sources) => Err(Rejected {
            sources,
            diagnostics,
        }),
    }
}

/// Everything one run needs: the pack, the parsed command line, where the rules came from
/// (for commands that load other packs), a terminal to ask on if there is one, the output.
pub struct Run<'a> {
    pub pack: &'a Pack,
    pub invocation: &'a Invocation,
    pub sources: &'a RuleSources,
    pub asker: Option<&'a mut dyn Asker>,
    pub output: Output<'a>,
}

/// Runs the command the command line names. `Ok` carries the exit: advice given, or a
/// disagreement (`--expect`, a failing scenario, a rule check with errors).
pub fn run(run: Run<'_>) -> Result<Exit, Error> {
    let Run {
        pack,
        invocation,
        sources,
        asker,
        output,
    } = run;
    let tree = &pack.tree;
    let Output { out, width } = output;
    let exit = match &invocation.cli.command {
        None if invocation.cli.compare_profiles => {
            profiles::compare(sources, tree, invocation, width, out)?
        }
        None => advise(tree, invocation, asker, Output { out, width })?,
        Some(Command::Explain { code }) => {
            explain::explain(tree, *code, width, out).map(|()| Exit::Advice)?
        }
        Some(Command::Compare { a, b }) => {
            explain::compare(tree, *a, *b, width, out).map(|()| Exit::Advice)?
        }
        Some(Command::Rules { command }) => rules_command(tree, invocation, sources, command, out)?,
        Some(Command::Profiles { command }) => profiles::run(command.as_ref(), width, out)?,
        Some(Command::Completions { shell }) => {
            // clap_complete panics when a write fails: it writes to memory, we to `out`.
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut cli::command(tree), "httpadvise", &mut script);
            out.write_all(&script).map_err(Error::Output)?;
            Exit::Advice
        }
        Some(Command::Man) => {
            man::render(cli::command(tree), out).map_err(Error::Output)?;
            Exit::Advice
        }
    };
    out.flush().map_err(Error::Output)?;
    Ok(exit)
}

fn rules_command(
    tree: &Tree,
    invocation: &Invocation,
    sources: &RuleSources,
    command: &RulesCommand,
    out: &mut dyn Write,
) -> Result<Exit, Error> {
    if let RulesCommand::Graph { format } = command {
        // Highlight the path a one-shot run would take: open questions take their defaults.
        let answers: Vec<Option<usize>> = match invocation.answered_any {
            true => invocation
                .answers
                .iter()
                .zip(&tree.questions)
                .map(|(given, q)| given.or(q.default))
                .collect(),
            false => invocation.answers.clone(),
        };
        let walked = engine::walk(tree, &answers);
        if let (true, engine::Walk::Needs { question, .. }) = (invocation.answered_any, &walked) {
            // The drawing is the output; why its highlight stops short goes beside it.
            let question = &tree.question(*question).id;
            eprintln!(
                "note: the path is highlighted only up to question `{question}`, which has no \
                 answer and no default"
            );
        }
        graph::render(tree, &walked, *format, out).map_err(Error::Output)?;
        return Ok(Exit::Advice);
    }
    rules_standalone(command, sources, out).unwrap_or(Ok(Exit::Advice))
}

/// The `rules` commands that load rules of their own (or none), and so run even when the
/// command line's pack does not load: that is when a rule author needs them most. `None`
/// for `rules graph`, which draws the command line's pack.
pub fn rules_standalone(
    command: &RulesCommand,
    sources: &RuleSources,
    out: &mut dyn Write,
) -> Option<Result<Exit, Error>> {
    let result = match command {
        RulesCommand::Check { paths } => {
            let mut sources = sources.clone();
            sources.paths.extend(paths.iter().cloned());
            check::run(&sources, out)
        }
        RulesCommand::Graph { .. } => return None,
        RulesCommand::Test { fixtures } => scenario::run(fixtures, sources, out),
        RulesCommand::Schema => writeln!(out, "{}", schema::json())
            .map(|()| Exit::Advice)
            .map_err(Error::Output),
    };
    Some(result.and_then(|exit| out.flush().map(|()| exit).map_err(Error::Output)))
}

/// Runs a consultation and writes the recommendation. `asker` is `None` when there is no
/// terminal to ask on.
pub fn advise(
    tree: &Tree,
    invocation: &Invocation,
    asker: Option<&mut dyn Asker>,
    output: Output<'_>,
) -> Result<Exit, Error> {
    if invocation.cli.interactive && asker.is_none() {
        return Err(Error::NoTerminal);
    }
    let mode = match asker {
        Some(_) if invocation.cli.interactive || !invocation.answered_any => Mode::Interactive,
        _ => Mode::OneShot,
    };
    let verdict = session::consult(tree, &invocation.answers, mode, asker)
        .map_err(|e| session_error(tree, e))?;
    let mut report = Report::new(tree, &verdict, &invocation.answers);
    report.expect = invocation
        .cli
        .expect
        .map(|code| expect::check(tree, &verdict, &invocation.answers, code));
    let Output { out, width } = output;
    let written = match invocation.cli.format {
        Format::Text => render::text(&report, width, out),
        Format::Json => render::json(&report, out),
        Format::Markdown => markdown::report(&report, !invocation.cli.no_diagram, out),
    };
    written.and_then(|()| out.flush()).map_err(Error::Output)?;
    Ok(match &report.expect {
        Some(verdict) if !verdict.agrees => Exit::Disagree,
        _ => Exit::Advice,
    })
}

pub(crate) fn session_error(tree: &Tree, error: SessionError) -> Error {
    match error {
        SessionError::Unanswered { question, .. } => {
            let question = tree.question(question);
            Error::Unanswered {
                prompt: question.prompt.to_string(),
                flags: question.flags(),
            }
        }
        SessionError::Ask(AskError::Interrupted) => Error::Cancelled,
        SessionError::Ask(AskError::EndOfInput) => Error::EndOfInput,
        SessionError::Ask(AskError::Io(e)) => Error::Terminal(e),
    }
}
