//! Everything that can stop a run, and the exit code each one maps to.

use std::fmt::{self, Display};
use std::io;

use httpadvise_rules::Rejected;

use crate::output::{diagnostics, escape};

/// The documented exit codes (README, "Exit codes"). One enum so a code cannot drift.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// A recommendation was printed (or help, or the version).
    Advice = 0,
    /// The rules disagree: `--expect` named another code, or a scenario failed.
    Disagree = 1,
    /// The command line is wrong, or a needed question has no answer and no terminal.
    Usage = 2,
    /// Writing the output or talking to the terminal failed (sysexits EX_IOERR).
    Io = 74,
    /// The rule files do not load (sysexits EX_CONFIG).
    Rules = 78,
    /// SIGHUP at a prompt: the terminal went away (128 + 1).
    HungUp = 129,
    /// Ctrl-C, or the input ended at a prompt (128 + SIGINT's 2).
    Cancelled = 130,
    /// SIGTERM at a prompt (128 + 15).
    Terminated = 143,
}

#[derive(Debug)]
pub enum Error {
    /// clap's own error, or help and version output, which clap prints itself.
    Usage(clap::Error),
    /// The pack did not load; every problem is in it.
    Rules(Rejected),
    /// The path needs a question without a default, and there is no terminal to ask on.
    Unanswered {
        prompt: String,
        flags: Vec<String>,
    },
    /// `--interactive` without a terminal on stdin and stderr.
    NoTerminal,
    /// `explain` or `compare` with a code no `[[status]]` entry names.
    UnknownStatus {
        code: u16,
        known: Vec<u16>,
    },
    /// `compare` given the same code twice.
    SameCode(u16),
    Cancelled,
    EndOfInput,
    Terminal(io::Error),
    Output(io::Error),
}

impl Error {
    pub fn exit(&self) -> Exit {
        match self {
            Error::Usage(e) if !e.use_stderr() => Exit::Advice,
            // A reader that stopped reading (`| head`) got what it wanted.
            Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe => Exit::Advice,
            Error::Usage(_)
            | Error::Unanswered { .. }
            | Error::NoTerminal
            | Error::UnknownStatus { .. }
            | Error::SameCode(_) => Exit::Usage,
            Error::Rules(_) => Exit::Rules,
            Error::Cancelled | Error::EndOfInput => Exit::Cancelled,
            Error::Terminal(_) | Error::Output(_) => Exit::Io,
        }
    }
}

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(e) => write!(f, "{e}"),
            Error::Rules(rejected) => write!(f, "{}", diagnostics::rejected(rejected)),
            Error::Unanswered { prompt, flags } => write!(
                f,
                "the advice depends on a question that no flag answers and that has no default, \
                 and there is no terminal to ask it on:\n  {}\nanswer it with one of: {}",
                escape::terminal(&escape::flat(prompt)),
                escape::terminal(&flags.join(", "))
            ),
            Error::NoTerminal => {
                write!(f, "--interactive needs a terminal on stdin and stderr")
            }
            Error::UnknownStatus { code, known } => {
                let known: Vec<String> = known.iter().map(u16::to_string).collect();
                write!(
                    f,
                    "status {code} is not in the IANA registry of HTTP status codes, and the \
                     rules name it nowhere; they name {}",
                    known.join(", ")
                )
            }
            Error::SameCode(code) => {
                write!(
                    f,
                    "compare needs two different codes; for one, try `httpadvise explain {code}`"
                )
            }
            Error::Cancelled => write!(f, "cancelled"),
            Error::EndOfInput => write!(f, "the input ended before the question was answered"),
            Error::Terminal(e) => write!(f, "the terminal failed: {e}"),
            Error::Output(e) => write!(f, "cannot write the output: {e}"),
        }
    }
}
