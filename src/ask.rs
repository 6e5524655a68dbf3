//! Asking on a terminal: the only place that touches one. Prompts go to stderr, so
//! stdout carries the recommendation alone. Lines are formatted by a dialoguer theme; the
//! keys are read here (see `prompt`).

mod keys;
mod prompt;
mod screen;

use std::fmt;
use std::io;

use colored::Colorize;
use dialoguer::console::Term;
use dialoguer::theme::Theme;

use crate::session::{AskError, Asker, Context, Reply};
use crate::tree::{Question, QuestionKind, NO, YES};

/// Asks yes/no questions and choices. Esc or `q` goes back; Ctrl-D ends the input.
pub struct TerminalAsker {
    term: Term,
}

impl TerminalAsker {
    pub fn new() -> Self {
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
                None => self
                    .term
                    .write_line(&format!("  {}", "This is the first question.".dimmed()))
                    .map_err(AskError::Io)?,
            }
        }
    }
}

impl TerminalAsker {
    /// The path so far, and the question's help, so both are at hand when answering.
    fn introduce(&self, question: &Question, context: &Context<'_>) -> io::Result<()> {
        let width = usize::from(self.term.size().1).clamp(20, 100);
        let mut lines = vec![String::new()];
        let so_far = so_far(context);
        if !so_far.is_empty() {
            lines.push(format!("{} {}", "so far:".dimmed(), so_far.join(" → ")));
        }
        let help = textwrap::Options::new(width)
            .initial_indent("  ")
            .subsequent_indent("  ");
        lines.extend(
            textwrap::wrap(&question.help, help)
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
        let default = context.preselect.map(|answer| answer == YES);
        let mut prompt = prompt::Confirm::new(&Questions, &question.prompt, default);
        prompt::interact(&self.term, &mut prompt)
    }

    fn select(
        &self,
        question: &Question,
        context: &Context<'_>,
    ) -> Result<Option<usize>, AskError> {
        let items: Vec<String> = question
            .answers
            .iter()
            .map(|a| format!("{} ({})", a.label, a.id))
            .collect();
        let start = context.preselect.unwrap_or(0);
        let mut prompt = prompt::Select::new(&Questions, &question.prompt, &items, start);
        prompt::interact(&self.term, &mut prompt)
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
    let mut seen = Vec::new();
    let mut shown = Vec::new();
    for step in context.path {
        if !seen.contains(&step.question) {
            seen.push(step.question);
            let q = context.tree.question(step.question);
            shown.push(format!("{}={}", q.id, q.answers[step.answer].id));
        }
    }
    shown
}

/// Puts the cursor back: a prompt hides it while it waits for a key, and Ctrl-C can leave
/// it so.
pub fn restore_terminal() {
    let _ = Term::stderr().show_cursor();
}
