//! The `httpadvise` binary: parse, decide color and terminal use, run, map errors to exit codes.

use std::env;
use std::ffi::OsString;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use clap::error::ErrorKind;
use colored::Colorize;
use dialoguer::console::Term;
use httpadvise::ask::{self, TerminalAsker};
use httpadvise::cli::{self, Cli, ColorWhen, Command, Format};
use httpadvise::error::{Error, Exit};
use httpadvise::rules::RuleSources;
use httpadvise::session::Asker;
use httpadvise::validate::Rejected;
use httpadvise::{Output, Run};

fn main() -> ExitCode {
    let args: Vec<OsString> = env::args_os().collect();
    let when = cli::color_when(&args);
    match run(args) {
        Ok(exit) => ExitCode::from(exit as u8),
        Err(error) => report(&error, when),
    }
}

fn run(args: Vec<OsString>) -> Result<Exit, Error> {
    // Without a current folder there are no house rules to find; the rest works the same.
    let cwd = env::current_dir().unwrap_or_default();
    let sources = cli::rule_sources(&args, &cwd);
    let pack = match httpadvise::load(&sources) {
        Ok(pack) => pack,
        Err(rejected) => return without_pack(&args, &sources, rejected),
    };
    let invocation = cli::parse(&pack.tree, args).map_err(Error::Usage)?;
    // JSON and Markdown are read by programs and renderers: never colored.
    let text = invocation.cli.format == Format::Text;
    colored::control::set_override(text && color_on(invocation.cli.color, &io::stdout()));
    let mut terminal = interactive_terminal().then(TerminalAsker::new);
    if terminal.is_some() {
        // Ctrl-C outside a prompt's raw mode arrives as a signal: leave the terminal usable.
        let _ = ctrlc::set_handler(|| {
            // Holding stderr keeps a prompt from hiding the cursor again between the two.
            let mut stderr = io::stderr().lock();
            ask::restore_terminal();
            let _ = writeln!(stderr, "\ncancelled");
            std::process::exit(Exit::Cancelled as i32);
        });
    }
    let asker = terminal.as_mut().map(|t| t as &mut dyn Asker);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let output = Output {
        out: &mut out,
        width: text_width(),
    };
    let ran = httpadvise::run(Run {
        pack: &pack,
        invocation: &invocation,
        sources: &sources,
        asker,
        output,
    });
    // The process ends next: freeing the tree and the parsed command line would cost
    // more than the walk did.
    std::mem::forget((pack, invocation));
    ran
}

/// What still works when the command line's rules do not load: help, the version, and the
/// `rules` commands that load their own. Anything else reports the broken rules.
fn without_pack(
    args: &[OsString],
    sources: &RuleSources,
    rejected: Rejected,
) -> Result<Exit, Error> {
    let command = match cli::parse_fixed(args) {
        Err(e) if e.kind() == ErrorKind::DisplayHelp => {
            return Err(help_without_pack(args, sources, rejected))
        }
        // Options that cannot go together are wrong whatever the rules say.
        Err(e)
            if matches!(
                e.kind(),
                ErrorKind::DisplayVersion | ErrorKind::ArgumentConflict
            ) =>
        {
            return Err(Error::Usage(e))
        }
        Ok(Cli {
            command: Some(Command::Rules { command }),
            ..
        }) => command,
        _ => return Err(Error::Rules(rejected)),
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    httpadvise::rules_standalone(&command, sources, &mut out).unwrap_or(Err(Error::Rules(rejected)))
}

/// Help when the rules do not load: with the built-in pack's answer flags if the run
/// includes it, and a warning that the rules' own flags are missing and why.
fn help_without_pack(args: &[OsString], sources: &RuleSources, rejected: Rejected) -> Error {
    let problems = rejected.diagnostics.len();
    let s = if problems == 1 { "" } else { "s" };
    let listed = match sources.builtin {
        true => "only the built-in answer flags are listed",
        false => "no answer flags are listed",
    };
    eprintln!(
        "warning: the rules did not load ({problems} problem{s}), so {listed}; \
         `httpadvise rules check` shows why"
    );
    let builtin = sources
        .builtin
        .then(|| httpadvise::load(&RuleSources::builtin()).ok())
        .flatten();
    let help = match builtin {
        Some(pack) => cli::parse(&pack.tree, args.to_vec()).err(),
        None => cli::parse_fixed(args).err(),
    };
    help.map_or(Error::Rules(rejected), Error::Usage)
}

/// The terminal's width when writing to one; otherwise a width that reads well pasted.
fn text_width() -> usize {
    const PASTED: usize = 88;
    match Term::stdout().size_checked() {
        Some((_, columns)) if io::stdout().is_terminal() => usize::from(columns).min(100),
        _ => PASTED,
    }
}

/// Questions are asked only when both the keys and the prompts have a terminal.
fn interactive_terminal() -> bool {
    io::stdin().is_terminal() && io::stderr().is_terminal()
}

/// `--color`, then NO_COLOR and CLICOLOR_FORCE, then whether the stream is a terminal.
fn color_on(when: ColorWhen, stream: &impl IsTerminal) -> bool {
    // no-color.org: any non-empty value, even "0"; bixense.com/clicolors: anything but "0".
    let no_color = env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let force = env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0");
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto if no_color => false,
        ColorWhen::Auto if force => true,
        ColorWhen::Auto => stream.is_terminal() && env::var_os("TERM").is_none_or(|t| t != "dumb"),
    }
}

/// The one place errors are printed and turned into exit codes. `when` is the command
/// line's `--color`, which errors follow as the output does.
fn report(error: &Error, when: ColorWhen) -> ExitCode {
    let exit = error.exit();
    match error {
        Error::Usage(e) => {
            // Help and version are output too: failing to write them is an output error.
            if let Err(io) = print_clap(e, when) {
                if !e.use_stderr() {
                    return report(&Error::Output(io), when);
                }
            }
        }
        Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe => return ExitCode::SUCCESS,
        Error::Cancelled | Error::EndOfInput => {
            ask::restore_terminal();
            eprintln!("{error}");
        }
        Error::Rules(_) => {
            colored::control::set_override(color_on(when, &io::stderr()));
            let _ = writeln!(io::stderr(), "{error}");
        }
        _ => {
            colored::control::set_override(color_on(when, &io::stderr()));
            let _ = writeln!(io::stderr(), "{}: {error}", "error".red().bold());
        }
    }
    ExitCode::from(exit as u8)
}

/// Prints clap's help, version or error on its stream, colored as `when` decides for it.
fn print_clap(error: &clap::Error, when: ColorWhen) -> io::Result<()> {
    let styled = error.render();
    let text = match error.use_stderr() {
        true if color_on(when, &io::stderr()) => styled.ansi().to_string(),
        false if color_on(when, &io::stdout()) => styled.ansi().to_string(),
        _ => styled.to_string(),
    };
    match error.use_stderr() {
        true => io::stderr().lock().write_all(text.as_bytes()),
        false => io::stdout().lock().write_all(text.as_bytes()),
    }
}
