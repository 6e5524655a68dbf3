//! Asking on a terminal: the only place that touches one. dialoguer's `Confirm` and
//! `Select` ask, on stderr, so stdout carries the recommendation alone; Esc or `q` goes
//! back. Ctrl-D does what dialoguer does with it: nothing. SIGINT (Ctrl-C, which console
//! turns into the signal), SIGTERM and SIGHUP give the terminal back as it was before the
//! first prompt, then end the program with the signal's own exit code. The program ends
//! here, not in `main`: the prompt's read waits on, and only the signal's thread runs.

use std::fmt;
use std::io::{self, Write};
use std::os::fd::OwnedFd;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Once, OnceLock};

use colored::Colorize;
use dialoguer::console::Term;
use dialoguer::theme::Theme;
use dialoguer::{Confirm, MultiSelect, Select};
use httpadvise_rules::model::{first_of_each, Question, QuestionKind, Tree, NO, YES};
use rustix::io::dup;
use rustix::termios::{self, OptionalActions, Termios};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::engine::session::{AskError, Asker, Context, Reply};
use crate::error::Exit;
use crate::output::{self, escape, text};

/// The terminal as the program found it: a handle of its own, and its modes before the
/// first prompt, which every way out restores.
static SAVED: OnceLock<(OwnedFd, Termios)> = OnceLock::new();

/// The signals that end the run, each flagged by the signal handler itself, with the
/// exit it gives. A signal also interrupts the prompt's read, which would end the run as a
/// Ctrl-C (console even raises SIGINT then): both ways out read these first.
static SIGNALLED: OnceLock<[(i32, Exit, Arc<AtomicBool>); 3]> = OnceLock::new();

/// Each signal the run ends on and its exit, SIGTERM and SIGHUP first: the SIGINT console
/// raises after either says nothing.
const SIGNALS: [(i32, Exit); 3] = [
    (SIGTERM, Exit::Terminated),
    (SIGHUP, Exit::HungUp),
    (SIGINT, Exit::Cancelled),
];

/// Asks yes/no questions and choices on the terminal.
pub struct TerminalAsker {
    term: Term,
}

impl TerminalAsker {
    /// Saves the terminal's modes and starts listening for the signals that must give
    /// them back.
    pub fn new() -> Self {
        if let (Ok(modes), Ok(handle)) = (termios::tcgetattr(io::stdin()), dup(io::stdin())) {
            let _ = SAVED.set((handle, modes));
        }
        let signalled = SIGNALLED.get_or_init(|| SIGNALS.map(|(s, e)| (s, e, Arc::default())));
        for (signal, _, flag) in signalled {
            let _ = signal_hook::flag::register(*signal, Arc::clone(flag));
        }
        if let Ok(mut signals) = Signals::new(SIGNALS.map(|(s, _)| s)) {
            std::thread::spawn(move || {
                if signals.forever().next().is_some() {
                    leave(Exit::Cancelled);
                }
            });
        }
        TerminalAsker {
            term: Term::stderr(),
        }
    }
}

impl Default for TerminalAsker {
    fn default() -> Self {
        Self::new()
    }
}

/// Gives the terminal back (its saved modes, the cursor shown) and ends the program with
/// the exit of the signal that arrived, if one did, else with `exit`; "cancelled" is said
/// for a cancel, not for SIGTERM or SIGHUP. Whoever calls first does it; a second caller
/// (the signal's thread and the prompt's, both woken by one signal) waits for the exit.
pub fn leave(exit: Exit) -> ! {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let signal = SIGNALLED
            .get()
            .and_then(|flags| flags.iter().find(|(_, _, f)| f.load(Ordering::SeqCst)));
        let exit = signal.map_or(exit, |(_, exit, _)| *exit);
        // Holding stderr stops a prompt at its next redraw. One may still set raw mode for
        // a key read just after the restore, and then wait for the key: the second restore
        // undoes that, and the prompt can do nothing more before the exit.
        let mut stderr = io::stderr().lock();
        restore_terminal();
        std::thread::sleep(std::time::Duration::from_millis(20));
        restore_terminal();
        if exit == Exit::Cancelled {
            let _ = writeln!(stderr, "\ncancelled");
        }
        std::process::exit(exit as i32);
    });
    loop {
        std::thread::park();
    }
}

/// The terminal's saved modes and a visible cursor: a prompt hides the cursor while it
/// waits for a key.
pub fn restore_terminal() {
    if let Some((terminal, modes)) = SAVED.get() {
        let _ = termios::tcsetattr(terminal, OptionalActions::Now, modes);
    }
    let _ = Term::stderr().show_cursor();
}

impl Asker for TerminalAsker {
    fn ask(&mut self, question: &Question, context: &Context<'_>) -> Result<Reply, AskError> {
        self.introduce(question, context).map_err(AskError::Io)?;
        loop {
            let reply = match question.kind {
                QuestionKind::YesNo => {
                    self.confirm(question, context)?
                        .map(|yes| if yes { YES } else { NO })
                }
                QuestionKind::Choice => self.select(question, context)?,
            };
            match reply {
                Some(answer) => return Ok(Reply::Answer(answer)),
                None if context.can_go_back => return Ok(Reply::Back),
                // Esc on the first question: say why nothing happened, and ask again.
                None => self.first_question()?,
            }
        }
    }

    fn families(&mut self, tree: &Tree, preselect: &[bool]) -> Result<Vec<usize>, AskError> {
        let lines = [
            String::new(),
            format!(
                "  {}",
                "Space picks, Enter goes on; pick none if the request succeeds.".dimmed()
            ),
            format!("  {}", "Ctrl-C quits".dimmed()),
        ];
        for line in lines {
            self.term.write_line(&line).map_err(AskError::Io)?;
        }
        let items: Vec<String> = tree.families.iter().map(|f| shown(&f.label)).collect();
        loop {
            let picked = MultiSelect::with_theme(&Questions)
                .with_prompt("Which of these does the request have a problem with?")
                .items(&items)
                .defaults(preselect)
                .interact_on_opt(&self.term)
                .map_err(ask_error)?;
            match picked {
                Some(picked) => return Ok(picked),
                None => self.first_question()?,
            }
        }
    }
}

impl TerminalAsker {
    /// Esc on the first question: say why nothing happened; the prompt asks again.
    fn first_question(&self) -> Result<(), AskError> {
        self.term
            .write_line(&format!("  {}", "This is the first question.".dimmed()))
            .map_err(AskError::Io)
    }

    /// The path so far, and the question's help, so both are at hand when answering.
    fn introduce(&self, question: &Question, context: &Context<'_>) -> io::Result<()> {
        let width = output::terminal_width(self.term.size().1);
        let mut lines = vec![String::new()];
        let so_far = so_far(context);
        if !so_far.is_empty() {
            let so_far = escape::terminal(&so_far.join(" → ")).into_owned();
            lines.push(format!("{} {so_far}", "so far:".dimmed()));
        }
        lines.extend(
            text::wrap(&escape::terminal(&question.help), width, "  ", "  ")
                .iter()
                .map(|l| l.dimmed().to_string()),
        );
        let back = if context.can_go_back {
            "Esc goes back · "
        } else {
            ""
        };
        lines.push(format!("  {}", format!("{back}Ctrl-C quits").dimmed()));
        for line in lines {
            self.term.write_line(&line)?;
        }
        Ok(())
    }

    fn confirm(
        &self,
        question: &Question,
        context: &Context<'_>,
    ) -> Result<Option<bool>, AskError> {
        let mut prompt = Confirm::with_theme(&Questions).with_prompt(shown(&question.prompt));
        if let Some(answer) = context.preselect {
            prompt = prompt.default(answer == YES);
        }
        prompt.interact_on_opt(&self.term).map_err(ask_error)
    }

    fn select(
        &self,
        question: &Question,
        context: &Context<'_>,
    ) -> Result<Option<usize>, AskError> {
        let items: Vec<String> = question
            .answers
            .iter()
            .map(|a| format!("{} ({})", shown(&a.label), a.id))
            .collect();
        Select::with_theme(&Questions)
            .with_prompt(shown(&question.prompt))
            .items(&items)
            .default(context.preselect.unwrap_or(0))
            .interact_on_opt(&self.term)
            .map_err(ask_error)
    }
}

/// Rule text as a prompt shows it: on one line, control characters as escapes.
fn shown(text: &str) -> String {
    escape::terminal(&escape::flat(text)).into_owned()
}

fn ask_error(error: dialoguer::Error) -> AskError {
    let dialoguer::Error::IO(error) = error;
    match error.kind() {
        io::ErrorKind::Interrupted => AskError::Interrupted,
        io::ErrorKind::UnexpectedEof => AskError::EndOfInput,
        _ => AskError::Io(error),
    }
}

/// dialoguer's plain look, without the colon it puts after every prompt: ours are
/// questions, and "…false?:" reads as a typo.
struct Questions;

impl Theme for Questions {
    fn format_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        write!(f, "{}", with_colon(prompt))
    }

    fn format_input_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        write!(f, "{} {sel}", with_colon(prompt))
    }

    fn format_multi_select_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        selections: &[&str],
    ) -> fmt::Result {
        match selections {
            [] => write!(f, "{} none", with_colon(prompt)),
            _ => write!(f, "{} {}", with_colon(prompt), selections.join("; ")),
        }
    }
}

/// A colon after a prompt that is not a question.
fn with_colon(prompt: &str) -> String {
    match prompt.ends_with('?') {
        true => prompt.to_string(),
        false => format!("{prompt}:"),
    }
}

/// The answers so far, each question once (the tree may test one question twice).
fn so_far(context: &Context<'_>) -> Vec<String> {
    // Defaults nobody gave would bury the answers that were.
    let given = context
        .path
        .iter()
        .filter(|s| !context.assumed[s.question.0]);
    first_of_each(given, |step| step.question)
        .into_iter()
        .map(|step| {
            let q = context.tree.question(step.question);
            format!("{}={}", q.id, q.answers[step.answer].id)
        })
        .collect()
}
