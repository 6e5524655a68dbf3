//! The command line: the fixed options (clap derive), the answer flags built from the loaded
//! rules (clap builder), and turning both into answers for the session.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::parser::ValueSource;
use clap::{Arg, ArgAction, ArgMatches, CommandFactory, FromArgMatches, Parser, ValueEnum};

use crate::rules::RuleSources;
use crate::suggest;
use crate::tree::{QuestionKind, Tree, NO, YES};

const ABOUT: &str = "Which HTTP status code does a rejected request deserve? 400, 409, 412, 422 \
and their neighbours, decided by the rules of RFC 9110 and explained.";

const AFTER_HELP: &str = "\
With no answer flags on a terminal, httpadvise asks its questions one by one (Esc goes back).
With answer flags it answers at once: open questions take their defaults, listed as assumptions.

Exit codes: 0 advice given, 2 usage error or a question left unanswered without a terminal,
74 output or terminal error, 78 invalid rule files, 130 cancelled.";

/// The options that do not come from the rules.
#[derive(Debug, Parser)]
#[command(name = "httpadvise", version, about = ABOUT, after_help = AFTER_HELP)]
#[command(args_override_self = true)]
// The same cap as the text output, so help stays readable on a wide terminal.
#[command(max_term_width = 100)]
pub struct Cli {
    /// Answer any question of any pack, e.g. `--answer payload=invalid` (repeatable)
    #[arg(long = "answer", value_name = "ID=VALUE")]
    pub answers: Vec<String>,

    /// Load more rule files on top of the built-in ones: a file, or a folder's *.toml files (repeatable)
    #[arg(long, value_name = "PATH")]
    pub rules: Vec<PathBuf>,

    /// Leave the built-in rules out; use only the files given with --rules
    #[arg(long)]
    pub no_builtin_rules: bool,

    /// Ask every question the flags leave open, even those with a default
    #[arg(short, long)]
    pub interactive: bool,

    /// How to print the recommendation
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// When to color the output
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: the code first, then why
    Text,
    /// For programs: one JSON object, never colored (shape documented in docs/json.md)
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Color when writing to a terminal; NO_COLOR turns it off, CLICOLOR_FORCE on
    Auto,
    /// Color even when writing to a file or a pipe
    Always,
    /// Never color
    Never,
}

/// A parsed command line: the fixed options, and the answers its flags give.
#[derive(Debug)]
pub struct Invocation {
    pub cli: Cli,
    /// `answers[q]` is the answer index flags gave question `q`, if any.
    pub answers: Vec<Option<usize>>,
    /// Whether any flag answered a question: then the run is one-shot.
    pub answered_any: bool,
}

/// The long options the program defines itself, which no rule flag may take.
pub fn reserved_flags() -> Vec<String> {
    let command = Cli::command();
    let mut reserved: Vec<String> = command
        .get_arguments()
        .filter_map(|a| a.get_long().map(str::to_string))
        .collect();
    reserved.extend(["help".to_string(), "version".to_string()]);
    reserved
}

/// Where the rules come from, read before the full parse: the answer flags depend on them.
/// Stops at `--`, like clap; any mistake in these options is left for clap to report.
pub fn rule_sources(args: &[OsString]) -> RuleSources {
    let mut sources = RuleSources::builtin();
    let mut args = args.iter().skip(1);
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy();
        match text.as_ref() {
            "--" => break,
            "--no-builtin-rules" => sources.builtin = false,
            "--rules" => sources.paths.extend(args.next().map(PathBuf::from)),
            _ => {
                if let Some(path) = text.strip_prefix("--rules=") {
                    sources.paths.push(PathBuf::from(path));
                }
            }
        }
    }
    sources
}

/// The full command: the fixed options plus one flag family per question of `tree`.
pub fn command(tree: &Tree) -> clap::Command {
    let mut command = Cli::command();
    for question in &tree.questions {
        for arg in question_args(question) {
            command = command.arg(arg);
        }
    }
    command
}

/// The id clap knows an answer flag by; the prefix keeps it apart from the fixed options.
fn arg_id(flag: &str) -> String {
    format!("answer-flag:{flag}")
}

fn question_args(question: &crate::tree::Question) -> Vec<Arg> {
    let heading = "Answers (from the rules)";
    let mut args = match question.kind {
        QuestionKind::YesNo => vec![
            Arg::new(arg_id(&question.flag))
                .long(question.flag.clone())
                .action(ArgAction::SetTrue)
                .help(format!("Yes: {}", question.prompt)),
            Arg::new(arg_id(&format!("no-{}", question.flag)))
                .long(format!("no-{}", question.flag))
                .action(ArgAction::SetTrue)
                .help(format!("No: {}", question.prompt)),
        ],
        QuestionKind::Choice => vec![choice_arg(question)],
    };
    for answer in &question.answers {
        if let Some(flag) = &answer.flag {
            args.push(
                Arg::new(arg_id(flag))
                    .long(flag.clone())
                    .action(ArgAction::SetTrue)
                    .help(format!(
                        "Same as --{}={}: {}",
                        question.flag, answer.id, answer.label
                    )),
            );
        }
    }
    let ids: Vec<String> = args.iter().map(|a| a.get_id().to_string()).collect();
    args.into_iter()
        .map(|arg| {
            let others: Vec<String> = ids
                .iter()
                .filter(|i| *i != arg.get_id().as_str())
                .cloned()
                .collect();
            arg.overrides_with_all(others).help_heading(heading)
        })
        .collect()
}

fn choice_arg(question: &crate::tree::Question) -> Arg {
    let values: Vec<PossibleValue> = question
        .answers
        .iter()
        .map(|a| PossibleValue::new(a.id.clone()).help(a.label.clone()))
        .collect();
    let mut arg = Arg::new(arg_id(&question.flag))
        .long(question.flag.clone())
        .value_name("CHOICE")
        .action(ArgAction::Set)
        .value_parser(PossibleValuesParser::new(values))
        .help(question.prompt.clone());
    if let Some(bare) = question.bare {
        let id = question.answers[bare].id.clone();
        // Help shows `[<CHOICE>]`; without this line it would not say which choice that is.
        arg = arg
            .help(format!("{} (given alone: {id})", question.prompt))
            .num_args(0..=1)
            .default_missing_value(id)
            .require_equals(false);
    }
    arg
}

/// Parses `args` against the command built from `tree`.
pub fn parse(tree: &Tree, args: Vec<OsString>) -> Result<Invocation, clap::Error> {
    let mut command = command(tree);
    let matches = command.try_get_matches_from_mut(args)?;
    let cli = Cli::from_arg_matches(&matches)?;
    let mut given = flag_answers(tree, &matches);
    given.extend(answer_options(tree, &matches, &mut command)?);
    // Later on the command line wins, as clap does between a question's own flags.
    given.sort_by_key(|g| g.index);
    let mut answers = vec![None; tree.questions.len()];
    for g in &given {
        answers[g.question] = Some(g.answer);
    }
    Ok(Invocation {
        cli,
        answered_any: !given.is_empty(),
        answers,
    })
}

/// One answer from the command line and where on it it stood.
struct Given {
    index: usize,
    question: usize,
    answer: usize,
}

fn flag_answers(tree: &Tree, matches: &ArgMatches) -> Vec<Given> {
    let mut given = Vec::new();
    for (q, question) in tree.questions.iter().enumerate() {
        for (flag, answer) in answer_flags(question) {
            let id = arg_id(&flag);
            if matches.value_source(&id) != Some(ValueSource::CommandLine) {
                continue;
            }
            let answer = answer.or_else(|| {
                let value = matches.get_one::<String>(&id)?;
                question.answer_index(value)
            });
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

/// Each flag of a question and the answer it gives; `None` for the flag that takes a value.
fn answer_flags(question: &crate::tree::Question) -> Vec<(String, Option<usize>)> {
    let mut flags = match question.kind {
        QuestionKind::YesNo => vec![
            (question.flag.clone(), Some(YES)),
            (format!("no-{}", question.flag), Some(NO)),
        ],
        QuestionKind::Choice => vec![(question.flag.clone(), None)],
    };
    for (a, answer) in question.answers.iter().enumerate() {
        if let Some(flag) = &answer.flag {
            flags.push((flag.clone(), Some(a)));
        }
    }
    flags
}

/// The `--answer ID=VALUE` options, checked against the tree.
fn answer_options(
    tree: &Tree,
    matches: &ArgMatches,
    command: &mut clap::Command,
) -> Result<Vec<Given>, clap::Error> {
    let (Some(values), Some(indices)) = (
        matches.get_many::<String>("answers"),
        matches.indices_of("answers"),
    ) else {
        return Ok(Vec::new());
    };
    values
        .zip(indices)
        .map(|(value, index)| {
            let (question, answer) = parse_answer(tree, value)
                .map_err(|message| command.error(clap::error::ErrorKind::InvalidValue, message))?;
            Ok(Given {
                index,
                question,
                answer,
            })
        })
        .collect()
}

/// `ID=VALUE` → (question index, answer index), or a message saying what is wrong.
pub fn parse_answer(tree: &Tree, text: &str) -> Result<(usize, usize), String> {
    let Some((id, value)) = text.split_once('=') else {
        return Err(format!(
            "`--answer {text}` needs the form ID=VALUE, e.g. payload=invalid"
        ));
    };
    let ids = tree.questions.iter().map(|q| q.id.as_str());
    let Some(q) = tree.question_id(id) else {
        let hint =
            suggest::nearest(id, ids).map_or(String::new(), |s| format!("; did you mean `{s}`?"));
        return Err(format!("no question has the id `{id}`{hint}"));
    };
    let question = tree.question(q);
    let answer = question.answer_index(value).ok_or_else(|| {
        format!(
            "`{value}` is not an answer to `{id}`; valid answers: {}",
            question.answer_ids().join(", ")
        )
    })?;
    Ok((q.0, answer))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_fixed_command_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn rule_sources_are_read_in_both_spellings_and_stop_at_double_dash() {
        let sources = rule_sources(&os(&[
            "httpadvise",
            "--rules",
            "a.toml",
            "--rules=dir",
            "--no-builtin-rules",
            "--",
            "--rules",
            "x",
        ]));
        assert!(!sources.builtin);
        assert_eq!(
            sources.paths,
            vec![PathBuf::from("a.toml"), PathBuf::from("dir")]
        );
    }

    #[test]
    fn reserved_flags_include_every_fixed_option() {
        let reserved = reserved_flags();
        for flag in [
            "answer",
            "rules",
            "format",
            "color",
            "help",
            "version",
            "no-builtin-rules",
        ] {
            assert!(reserved.iter().any(|r| r == flag), "{flag} missing");
        }
    }
}
