//! The `httpadvise` binary: parse, decide color and terminal use, run, map errors to exit codes.

use std::env;
use std::ffi::OsString;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use colored::Colorize;
use dialoguer::console::Term;
use httpadvise::ask::{self, TerminalAsker};
use httpadvise::cli::{self, ColorWhen};
use httpadvise::error::{Error, Exit};
use httpadvise::session::Asker;
use httpadvise::Output;

fn main() -> ExitCode {
    let args: Vec<OsString> = env::args_os().collect();
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => report(&error),
    }
}

fn run(args: Vec<OsString>) -> Result<(), Error> {
    let pack = httpadvise::load(&cli::rule_sources(&args)).map_err(Error::Rules)?;
    let invocation = cli::parse(&pack.tree, args).map_err(Error::Usage)?;
    colored::control::set_override(color_on(invocation.cli.color, &io::stdout()));
    let mut terminal = interactive_terminal().then(TerminalAsker::new);
    if terminal.is_some() {
        // Ctrl-C outside a prompt's raw mode arrives as a signal: leave the terminal usable.
        let _ = ctrlc::set_handler(|| {
            ask::restore_terminal();
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
    httpadvise::advise(&pack.tree, &invocation, asker, output)
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
    let set = |name| env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto if set("NO_COLOR") => false,
        ColorWhen::Auto if set("CLICOLOR_FORCE") => true,
        ColorWhen::Auto => stream.is_terminal() && env::var_os("TERM").is_none_or(|t| t != "dumb"),
    }
}

/// The one place errors are printed and turned into exit codes.
fn report(error: &Error) -> ExitCode {
    let exit = error.exit();
    match error {
        Error::Usage(e) => {
            let _ = e.print();
        }
        Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe => return ExitCode::SUCCESS,
        Error::Cancelled | Error::EndOfInput => {
            ask::restore_terminal();
            eprintln!("{error}");
        }
        Error::Rules(_) => {
            colored::control::set_override(color_on(ColorWhen::Auto, &io::stderr()));
            let _ = writeln!(io::stderr(), "{error}");
        }
        _ => {
            colored::control::set_override(color_on(ColorWhen::Auto, &io::stderr()));
            let _ = writeln!(io::stderr(), "{}: {error}", "error".red().bold());
        }
    }
    ExitCode::from(exit as u8)
}
