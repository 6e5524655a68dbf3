//! The answer flags: built for clap from each question's [`Question::flags`], the one place
//! that says which flags a question makes, and read back from clap's matches.

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::parser::ValueSource;
use clap::{Arg, ArgAction, ArgMatches};
use httpadvise_rules::model::{Flag, Picks, Question, QuestionKind, Tree, YES};

use crate::engine::answers;
use crate::output::report::{mark, Changes};
use crate::output::{escape, shortened};

const HEADING: &str = "Answers (from the rules)";

/// Rule text in help is cut to this many characters: help is one line per flag, and
/// clap's wrapping of a very long text costs more than its length.
const HELP_CHARS: usize = 300;

/// Where the flags' descriptions go, and so how rule text in them is made safe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Texts {
    /// Help, errors and the manual page: control characters shown as escapes.
    Terminal,
    /// Completion scripts: only what no shell reads inside a quoted string.
    Shell,
}

impl Texts {
    /// `text` as it may appear in a description.
    fn describe(self, text: &str) -> String {
        let cut = shortened(text, HELP_CHARS);
        match self {
            Texts::Terminal => escape::terminal(&escape::flat(&cut)).into_owned(),
            Texts::Shell => escape::shell_description(&cut),
        }
    }
}

/// One answer from the command line and where on it it stood.
pub(super) struct Given {
    pub index: usize,
    pub question: usize,
    pub answer: usize,
}

/// Every question's flags, as clap arguments, described for `texts`.
pub(super) fn args(tree: &Tree, texts: Texts) -> Vec<Arg> {
    (0..tree.questions.len())
        .flat_map(|q| question_args(tree, q, texts))
        .collect()
}

/// The id clap knows an answer flag by; the prefix keeps it apart from the fixed options.
fn arg_id(flag: &str) -> String {
    format!("answer-flag:{flag}")
}

/// A question's flags. Several may be given; the answers are read back in the order the
/// command line gave them, so the last one wins (see [`answers`]). A question that a layer
/// past the base changed says so in each flag's help.
fn question_args(tree: &Tree, q: usize, texts: Texts) -> Vec<Arg> {
    let question = &tree.questions[q];
    let prompt = texts.describe(&question.prompt);
    let mut changes = Changes::new(tree);
    changes.question(q);
    let mark = mark(&changes.into_vec()).map(|m| texts.describe(&format!("({m})")));
    let flags = question.flags();
    // The question's own flag, which a choice's flag is the same as with its value.
    let own = flags[0].spelled();
    flags
        .iter()
        .map(|flag| {
            let arg = match flag.picks {
                Picks::Value => choice_arg(question, flag, &prompt, texts),
                Picks::Answer(answer) => {
                    let said = (own.as_str(), prompt.as_str());
                    switch(question, flag, answer, said, texts)
                }
            };
            let arg = match &mark {
                Some(mark) => {
                    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
                    arg.help(format!("{help} {mark}"))
                }
                None => arg,
            };
            arg.help_heading(HEADING)
        })
        .collect()
}

/// A flag that gives one answer: `--ID`, `--no-ID`, or a choice's own flag, described
/// with the question's own flag `own` and its `prompt`.
fn switch(
    question: &Question,
    flag: &Flag,
    answer: usize,
    (own, prompt): (&str, &str),
    texts: Texts,
) -> Arg {
    let picked = &question.answers[answer];
    let help = match question.kind {
        QuestionKind::Choice => format!(
            "Same as {own}={}: {}",
            picked.id,
            texts.describe(&picked.label)
        ),
        QuestionKind::YesNo if answer == YES => format!("Yes: {prompt}"),
        QuestionKind::YesNo => format!("No: {prompt}"),
    };
    Arg::new(arg_id(&flag.name))
        .long(flag.name.clone())
        .action(ArgAction::SetTrue)
        .help(help)
}

/// `--ID=CHOICE`; with a `bare` choice, `--ID` alone stands for it.
fn choice_arg(question: &Question, flag: &Flag, prompt: &str, texts: Texts) -> Arg {
    let values: Vec<PossibleValue> = question
        .answers
        .iter()
        .map(|a| PossibleValue::new(a.id.clone()).help(texts.describe(&a.label)))
        .collect();
    let mut arg = Arg::new(arg_id(&flag.name))
        .long(flag.name.clone())
        .value_name("CHOICE")
        .action(ArgAction::Set)
        .value_parser(PossibleValuesParser::new(values))
        // Choice ids are lowercase names; `--method=GET` is how people write a method.
        .ignore_case(true)
        .help(prompt.to_string());
    if let Some(bare) = question.bare {
        let id = question.answers[bare].id.clone();
        // Help shows `[<CHOICE>]`; without this line it would not say which choice that is.
        arg = arg
            .help(format!("{prompt} (given alone: {id})"))
            .num_args(0..=1)
            .default_missing_value(id)
            .require_equals(false);
    }
    arg
}

/// The answers the question flags in `matches` give.
pub(super) fn answers(tree: &Tree, matches: &ArgMatches) -> Vec<Given> {
    let mut given = Vec::new();
    for (q, question) in tree.questions.iter().enumerate() {
        for flag in question.flags() {
            let id = arg_id(&flag.name);
            if matches.value_source(&id) != Some(ValueSource::CommandLine) {
                continue;
            }
            let answer = match flag.picks {
                Picks::Answer(answer) => Some(answer),
                Picks::Value => matches
                    .get_one::<String>(&id)
                    .and_then(|value| question.answer_index(&value.to_ascii_lowercase())),
            };
            if let (Some(answer), Some(index)) = (answer, matches.index_of(&id)) {
                given.push(Given {
                    index,
                    question: q,
                    answer,
                });
            }
        }
    }
    given
}

/// The `--answer ID=VALUE` options, checked against the tree, or what is wrong with one.
pub(super) fn answer_options(tree: &Tree, matches: &ArgMatches) -> Result<Vec<Given>, String> {
    let (Some(values), Some(indices)) = (
        matches.get_many::<String>("answers"),
        matches.indices_of("answers"),
    ) else {
        return Ok(Vec::new());
    };
    values
        .zip(indices)
        .map(|(value, index)| {
            let (question, answer) = answers::parse(tree, value)?;
            Ok(Given {
                index,
                question,
                answer,
            })
        })
        .collect()
}
