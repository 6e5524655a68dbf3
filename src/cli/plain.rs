//! The plain one-shot command line — answer flags and a few options with simple values —
//! read without clap: building clap's command and matching against it was most of what a
//! one-shot run cost. Anything else, or anything doubtful, is left to clap; a test holds the
//! two readings equal.

use std::ffi::OsString;

use clap::ValueEnum;

use super::{flag_owner, Cli, ColorWhen, Format, Invocation};
use crate::tree::{QuestionKind, Tree};

/// What one word of a plain command line sets.
enum Word {
    Answer(usize, usize),
    Format(Format),
    Color(ColorWhen),
    NoConfig,
    NoDiagram,
    Interactive,
}

/// The invocation `args` gives if every word is plain; `None` sends the line to clap.
pub(super) fn parse(tree: &Tree, args: &[OsString]) -> Option<Invocation> {
    let mut cli = defaults();
    let mut answers = vec![None; tree.questions.len()];
    let mut answered_any = false;
    let mut words = args.iter().skip(1);
    while let Some(arg) = words.next() {
        let (name, value) = split(arg.to_str()?)?;
        let value = match value {
            Some(value) => Some(value),
            // Only the options below take a separate value, and never one like `-x`.
            None if matches!(name, "format" | "color") => Some(plain_value(words.next())?),
            None => None,
        };
        match word(tree, name, value)? {
            Word::Answer(question, answer) => {
                answers[question] = Some(answer);
                answered_any = true;
            }
            Word::Format(format) => cli.format = format,
            Word::Color(color) => cli.color = color,
            Word::NoConfig => cli.no_config = true,
            Word::NoDiagram => cli.no_diagram = true,
            Word::Interactive => cli.interactive = true,
        }
    }
    Some(Invocation {
        cli,
        answers,
        answered_any,
        _parsed: None,
    })
}

/// `--name` or `--name=value` (and `-i`); `None` for any other shape.
fn split(arg: &str) -> Option<(&str, Option<&str>)> {
    if arg == "-i" {
        return Some(("interactive", None));
    }
    let long = arg.strip_prefix("--").filter(|l| !l.is_empty())?;
    Some(match long.split_once('=') {
        Some((name, value)) => (name, Some(value)),
        None => (long, None),
    })
}

fn plain_value(word: Option<&OsString>) -> Option<&str> {
    word?.to_str().filter(|v| !v.starts_with('-'))
}

/// What `--name[=value]` sets, if it is a plain word.
fn word(tree: &Tree, name: &str, value: Option<&str>) -> Option<Word> {
    match (name, value) {
        ("format", Some(v)) => Format::from_str(v, false).ok().map(Word::Format),
        ("color", Some(v)) => ColorWhen::from_str(v, false).ok().map(Word::Color),
        ("no-config", None) => Some(Word::NoConfig),
        ("no-diagram", None) => Some(Word::NoDiagram),
        ("interactive", None) => Some(Word::Interactive),
        _ => answer(tree, name, value),
    }
}

/// An answer flag: one without a value that picks an answer, or a choice flag `=` one of
/// its answers.
fn answer(tree: &Tree, name: &str, value: Option<&str>) -> Option<Word> {
    let (q, picks) = flag_owner(tree, name)?;
    let question = &tree.questions[q];
    let answer = match (picks, value) {
        (Some(answer), None) => answer,
        (None, Some(v)) if question.kind == QuestionKind::Choice => question.answer_index(v)?,
        _ => return None,
    };
    Some(Word::Answer(q, answer))
}

/// The options as clap leaves them when none is given.
fn defaults() -> Cli {
    Cli {
        answers: Vec::new(),
        rules: Vec::new(),
        no_builtin_rules: false,
        profile: None,
        config: None,
        no_config: false,
        interactive: false,
        format: Format::Text,
        expect: None,
        compare_profiles: false,
        no_diagram: false,
        color: ColorWhen::Auto,
        command: None,
    }
}
