//! The `httpadvise` binary: parse, decide color and terminal use, run, map errors to exit codes.

use std::env;
use std::ffi::OsString;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use colored::Colorize;
use dialoguer::console::Term;
use httpadvise::app::{self, Setup};
use httpadvise::ask::{self, TerminalAsker};
use httpadvise::cli::{self, ColorWhen, Format, Named};
use httpadvise::engine::session::Asker;
use httpadvise::error::{Error, Exit};
use httpadvise::output::{self, escape, Output};

fn main() -> ExitCode {
    let args: Vec<OsString> = env::args_os().collect();
    let early = cli::early(&args);
    let color = Color::decide(early.color);
    match run(args, early.rules, color) {
        Ok(exit) => ExitCode::from(exit as u8),
        Err(error) => report(&error, color),
    }
}

fn run(args: Vec<OsString>, rules: Named, color: Color) -> Result<Exit, Error> {
    // Without a current folder there are no house rules to find; the rest works the same.
    let cwd = env::current_dir().unwrap_or_default();
    let setup = Setup::new(rules, &args, &cwd);
    let invocation = setup.parse(args)?;
    // JSON and Markdown are read by programs and renderers: never colored.
    let text = invocation.cli.format == Format::Text;
    colored::control::set_override(text && color.out);
    let mut terminal = interactive_terminal().then(TerminalAsker::new);
    let asker = terminal.as_mut().map(|t| t as &mut dyn Asker);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let output = Output {
        out: &mut out,
        width: text_width(),
    };
    app::run(&setup, &invocation, asker, output)
}

/// The terminal's width when writing to one; otherwise a width that reads well pasted.
fn text_width() -> usize {
    match Term::stdout().size_checked() {
        Some((_, columns)) if io::stdout().is_terminal() => output::terminal_width(columns),
        _ => output::PASTED_WIDTH,
    }
}

/// Questions are asked only when both the keys and the prompts have a terminal.
fn interactive_terminal() -> bool {
    io::stdin().is_terminal() && io::stderr().is_terminal()
}

/// Whether each stream is colored, decided once for the run, before its command line is
/// parsed: errors, clap's among them, follow `--color` as the output does.
#[derive(Clone, Copy)]
struct Color {
    out: bool,
    err: bool,
}

impl Color {
    fn decide(when: ColorWhen) -> Color {
        Color {
            out: color_on(when, &io::stdout()),
            err: color_on(when, &io::stderr()),
        }
    }
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

/// The one place errors are printed and turned into exit codes.
fn report(error: &Error, color: Color) -> ExitCode {
    let exit = error.exit();
    match error {
        Error::Usage(e) => {
            // Help and version are output too: failing to write them is an output error.
            if let Err(io) = print_clap(e, color) {
                if !e.use_stderr() {
                    return report(&Error::Output(io), color);
                }
            }
        }
        // A reader that stopped reading (`| head`) got what it wanted: nothing to say.
        Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Error::Cancelled => ask::leave(exit),
        Error::EndOfInput => {
            ask::restore_terminal();
            eprintln!("{error}");
        }
        Error::Rules(_) => {
            colored::control::set_override(color.err);
            let _ = writeln!(io::stderr(), "{error}");
        }
        _ => {
            colored::control::set_override(color.err);
            let _ = writeln!(io::stderr(), "{}: {error}", "error".red().bold());
        }
    }
    ExitCode::from(exit as u8)
}

/// Prints clap's help, version or error on its stream, colored as decided for it.
fn print_clap(error: &clap::Error, color: Color) -> io::Result<()> {
    let styled = error.render();
    let colored = match error.use_stderr() {
        true => color.err,
        false => color.out,
    };
    let text = match colored {
        true => styled.ansi().to_string(),
        false => styled.to_string(),
    };
    // An error quotes the command line, which may carry control sequences of its own.
    let text = escape::styled(&text);
    match error.use_stderr() {
        true => io::stderr().lock().write_all(text.as_bytes()),
        false => io::stdout().lock().write_all(text.as_bytes()),
    }
}
