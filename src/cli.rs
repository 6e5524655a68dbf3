//! The command line: the fixed options (clap derive), the answer flags built from the loaded
//! rules (clap builder), and turning both into answers for the session.

use std::borrow::Cow;
use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::parser::ValueSource;
use clap::{
    Arg, ArgAction, ArgMatches, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum,
};

mod plain;

use crate::rules::RuleSources;
use crate::suggest;
use crate::tree::{QuestionId, QuestionKind, Tree, NO, YES};

const ABOUT: &str = "Which HTTP status code does a rejected request deserve? 400, 409, 412, 422 \
and their neighbours, decided by the rules of RFC 9110 and explained.";

const AFTER_HELP: &str = "\
With no answer flags on a terminal, httpadvise asks its questions one by one (Esc goes back).
With answer flags it answers at once: open questions take their defaults, listed as assumptions.

Exit codes: 0 advice given, 1 the rules disagree (--expect, rules test), 2 usage error or a
question left unanswered without a terminal, 74 output or terminal error, 78 invalid rule
files, 130 cancelled.";

/// The options that do not come from the rules.
#[derive(Debug, Parser)]
#[command(name = "httpadvise", version, about = ABOUT, after_help = AFTER_HELP)]
#[command(args_override_self = true)]
// The same cap as the text output, so help stays readable on a wide terminal.
#[command(max_term_width = 100)]
pub struct Cli {
    /// Answer any question of any pack, e.g. `--answer payload=invalid` (repeatable)
    #[arg(long = "answer", value_name = "ID=VALUE", global = true)]
    pub answers: Vec<String>,

    /// Load more rule files on top of the built-in ones: a file, or a folder's *.toml files (repeatable)
    #[arg(long, value_name = "PATH", global = true)]
    pub rules: Vec<PathBuf>,

    /// Leave the built-in rules (and profiles) out; use only the files given with --rules
    #[arg(long, global = true)]
    pub no_builtin_rules: bool,

    /// Answer as a named API guide does (see `httpadvise profiles`)
    #[arg(long, value_name = "NAME", global = true, value_parser = profile_names())]
    // Profiles overlay the built-in rules: without them there is nothing to overlay.
    #[arg(conflicts_with = "no_builtin_rules")]
    pub profile: Option<String>,

    /// Read house rules from this file instead of the nearest .httpadvise.toml
    #[arg(long, value_name = "PATH", global = true, conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Ignore any .httpadvise.toml
    #[arg(long, global = true)]
    pub no_config: bool,

    /// Ask every question the flags leave open, even those with a default
    #[arg(short, long)]
    pub interactive: bool,

    /// How to print the recommendation
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Check a code someone already chose: exit 0 if the rules agree, 1 if not, saying why
    #[arg(long, value_name = "CODE", value_parser = clap::value_parser!(u16).range(100..=599))]
    pub expect: Option<u16>,

    /// Show what every profile recommends for these answers, side by side
    #[arg(long, conflicts_with_all = ["expect", "profile", "no_builtin_rules"])]
    pub compare_profiles: bool,

    /// Leave the Mermaid flowchart out of --format markdown
    #[arg(long)]
    pub no_diagram: bool,

    /// When to color the output
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN", global = true)]
    pub color: ColorWhen,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// What a status code means, every path of the rules that leads to it, and its neighbours
    Explain {
        /// The status code, e.g. 422
        #[arg(value_parser = clap::value_parser!(u16).range(100..=599))]
        code: u16,
    },
    /// Two status codes side by side, and the question that decides between them
    Compare {
        #[arg(value_parser = clap::value_parser!(u16).range(100..=599))]
        a: u16,
        #[arg(value_parser = clap::value_parser!(u16).range(100..=599))]
        b: u16,
    },
    /// Check, draw and test rule files
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// List the profiles, or show what one changes
    Profiles {
        #[command(subcommand)]
        command: Option<ProfilesCommand>,
    },
    /// Print a shell completion script (it includes the flags that come from the rules)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff)
    Man,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Validate rule files as loading does, and lint them (built-in rules plus PATHs)
    Check {
        /// Rule files or folders to check on top of the built-in rules
        paths: Vec<PathBuf>,
    },
    /// Draw the decision tree, highlighting the path the given answers take
    Graph {
        /// The drawing language
        #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
        format: GraphFormat,
    },
    /// Run scenario fixtures and list the edges of the tree that no passing case took
    Test {
        /// Scenario files (TOML), or folders: a folder's *.toml files, in name order
        #[arg(required = true)]
        fixtures: Vec<PathBuf>,
    },
    /// Print the JSON Schema of the rule format, for editors
    Schema,
}

#[derive(Debug, Subcommand)]
pub enum ProfilesCommand {
    /// What a profile changes, and why
    Show {
        #[arg(value_parser = profile_names())]
        name: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT
    Dot,
    /// A Mermaid flowchart
    Mermaid,
}

fn profile_names() -> PossibleValuesParser {
    PossibleValuesParser::new(crate::rules::PROFILES.iter().map(|(name, _)| *name))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: the code first, then why
    Text,
    /// For programs: one JSON object, never colored (shape documented in docs/json.md)
    Json,
    /// A comment to paste into a pull request, with a Mermaid flowchart of the path
    Markdown,
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
pub struct Invocation {
    pub cli: Cli,
    /// `answers[q]` is the answer index flags gave question `q`, if any.
    pub answers: Vec<Option<usize>>,
    /// Whether any flag answered a question: then the run is one-shot.
    pub answered_any: bool,
    /// The command and matches the parse built. Kept so that they are freed with the
    /// invocation: a program about to exit can skip freeing all three at once.
    _parsed: Option<(clap::Command, ArgMatches)>,
}

impl fmt::Debug for Invocation {
    /// What was parsed; the clap values it came from are the same for every parse of it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Invocation")
            .field("cli", &self.cli)
            .field("answers", &self.answers)
            .field("answered_any", &self.answered_any)
            .finish()
    }
}

/// The long options the program defines itself, on any subcommand, which no rule flag may take.
pub fn reserved_flags() -> Vec<String> {
    let mut reserved = vec!["help".to_string(), "version".to_string()];
    let mut pending = vec![Cli::command()];
    while let Some(command) = pending.pop() {
        reserved.extend(
            command
                .get_arguments()
                .filter_map(|a| a.get_long().map(str::to_string)),
        );
        pending.extend(command.get_subcommands().cloned());
    }
    reserved.sort();
    reserved.dedup();
    reserved
}

/// Where the rules come from, read before the full parse: the answer flags depend on them.
/// House rules are looked for from `cwd` up unless `--config` or `--no-config` says
/// otherwise. Stops at `--`, like clap; mistakes in these options are left for clap.
pub fn rule_sources(args: &[OsString], cwd: &Path) -> RuleSources {
    let mut sources = RuleSources::builtin();
    let mut no_config = false;
    pre_scan(args, |name, value| match name {
        "--no-builtin-rules" => sources.builtin = false,
        "--no-config" => no_config = true,
        "--rules" => sources.paths.extend(value().map(PathBuf::from)),
        "--config" => sources.config = value().map(PathBuf::from),
        "--profile" => sources.profile = value(),
        _ => {}
    });
    if no_config {
        sources.config = None;
    } else if sources.config.is_none() {
        sources.config = crate::rules::find_house_rules(cwd);
    }
    sources
}

/// The last valid `--color` before `--`, read before the parse so that errors (clap's
/// among them) and help follow it even when the rest of the line is wrong.
pub fn color_when(args: &[OsString]) -> ColorWhen {
    let mut when = ColorWhen::Auto;
    pre_scan(args, |name, value| {
        let parsed = (name == "--color").then(value).flatten();
        if let Some(parsed) = parsed.and_then(|v| ColorWhen::from_str(&v, false).ok()) {
            when = parsed;
        }
    });
    when
}

/// Calls `on` with each word of `args` up to `--`, as `--name` for `--name=value`, and a
/// way to take the option's value (inline, or else the next word) if the caller wants it.
/// Mistakes are left for clap, which reads the line again.
fn pre_scan(args: &[OsString], mut on: impl FnMut(&str, &mut dyn FnMut() -> Option<String>)) {
    let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name, Some(value)),
            _ => (arg.as_ref(), None),
        };
        if name == "--" {
            break;
        }
        let mut value = || {
            let inline = inline.map(str::to_string);
            inline.or_else(|| args.next().map(|a| a.to_string()))
        };
        on(name, &mut value);
    }
}

/// The command line parsed with the fixed options alone, for when the rules do not load
/// and the full command cannot be built: help, version and the `rules` commands that do
/// not need the pack still work then.
pub fn parse_fixed(args: &[OsString]) -> Result<Cli, clap::Error> {
    let matches = Cli::command().try_get_matches_from(args)?;
    Cli::from_arg_matches(&matches)
}

/// The full command: the fixed options plus one flag family per question of `tree`, on the
/// top level and on `rules graph`, whose drawing highlights the answers' path.
pub fn command(tree: &Tree) -> clap::Command {
    with_questions(tree, &all_questions(tree), true)
}

/// The fixed options plus the flag families of the `named` questions, on `rules graph`
/// too if `graph`.
fn with_questions(tree: &Tree, named: &[usize], graph: bool) -> clap::Command {
    let args: Vec<Arg> = named
        .iter()
        .flat_map(|&q| question_args(tree.question(QuestionId(q))))
        .collect();
    if !graph {
        return Cli::command().args(args);
    }
    Cli::command()
        .args(args.clone())
        .mut_subcommand("rules", |rules| {
            rules.mut_subcommand("graph", |graph| graph.args(args))
        })
}

fn all_questions(tree: &Tree) -> Vec<usize> {
    (0..tree.questions.len()).collect()
}

/// The long options, on any level, that neither print nor exit. A test holds this list
/// to [`Cli`]; an option missing here would only cost a run the full command.
const FIXED_LONGS: &[&str] = &[
    "answer",
    "color",
    "compare-profiles",
    "config",
    "expect",
    "format",
    "interactive",
    "no-builtin-rules",
    "no-config",
    "no-diagram",
    "profile",
    "rules",
];

/// The questions whose flags `args` names, or `None` where the run needs the full
/// command: for help and version, which list every flag, and for any option clap may
/// reject, so that its message and suggestions are those of the full command.
fn named_questions(tree: &Tree, args: &[OsString]) -> Option<Vec<usize>> {
    let mut named = Vec::new();
    for arg in args.iter().skip(1) {
        let arg = arg.to_str()?;
        // clap's `help` subcommand prints help, which lists every flag.
        if arg == "help" {
            return None;
        }
        if arg == "-i" || !arg.starts_with('-') {
            continue;
        }
        let name = arg.strip_prefix("--")?.split('=').next()?;
        if FIXED_LONGS.contains(&name) {
            continue;
        }
        let (question, _) = flag_owner(tree, name)?;
        if !named.contains(&question) {
            named.push(question);
        }
    }
    Some(named)
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

/// Parses `args` against the command built from `tree`. Building and matching every
/// question's flags was most of a one-shot run, so a plain one-shot line is read without
/// clap ([`plain`]), and otherwise only the flag families of the questions the line names
/// are built. The result is the same, as flags that are not given take no part in a
/// parse. Help, version, unknown options and words that are not UTF-8 get the full
/// command, so listings and suggestions are the full command's; a unit test and the
/// `answers` fuzz target hold every other error equal to the full command's too.
pub fn parse(tree: &Tree, args: Vec<OsString>) -> Result<Invocation, clap::Error> {
    if let Some(invocation) = plain::parse(tree, &args) {
        return Ok(invocation);
    }
    match named_questions(tree, &args) {
        // Without a `rules` word on the line, `rules graph` cannot be what runs.
        Some(named) => {
            let graph = args.iter().any(|a| a == "rules");
            parse_with(tree, args, &named, graph)
        }
        None => parse_with(tree, args, &all_questions(tree), true),
    }
}

/// Parses `args` with clap alone, every question's flags built: the reading [`parse`]
/// must equal, word for word in its errors too. For tests and fuzzing.
pub fn parse_with_clap(tree: &Tree, args: Vec<OsString>) -> Result<Invocation, clap::Error> {
    parse_with(tree, args, &all_questions(tree), true)
}

/// Parses `args` against the fixed options and the flags of the `named` questions.
fn parse_with(
    tree: &Tree,
    args: Vec<OsString>,
    named: &[usize],
    graph: bool,
) -> Result<Invocation, clap::Error> {
    let mut clap_command = with_questions(tree, named, graph);
    let matches = clap_command.try_get_matches_from_mut(args)?;
    let cli = Cli::from_arg_matches(&matches)?;
    let mut given = Vec::new();
    for level in answer_levels(&matches) {
        given.extend(flag_answers(tree, named, level));
        given.extend(answer_options(tree, level)?);
    }
    if let Some(name) = ignored_by_command(&cli, &matches, !given.is_empty()) {
        let message = format!("{name} applies to the advice, not to a subcommand; leave it out");
        return Err(command(tree).error(clap::error::ErrorKind::ArgumentConflict, message));
    }
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
        _parsed: Some((clap_command, matches)),
    })
}

/// An option of the advice given with a subcommand that would ignore it. Answers count
/// only outside `rules graph`, which draws their path.
fn ignored_by_command(cli: &Cli, matches: &ArgMatches, answered: bool) -> Option<&'static str> {
    let command = cli.command.as_ref()?;
    let graph = matches!(
        command,
        Command::Rules {
            command: RulesCommand::Graph { .. }
        }
    );
    let set = |id: &str| matches.value_source(id) == Some(ValueSource::CommandLine);
    let options = [
        ("format", "--format"),
        ("expect", "--expect"),
        ("compare_profiles", "--compare-profiles"),
        ("no_diagram", "--no-diagram"),
        ("interactive", "--interactive"),
    ];
    let option = options
        .into_iter()
        .find(|(id, _)| set(id))
        .map(|(_, name)| name);
    option.or((answered && !graph).then_some("an answer"))
}

/// The matches that may hold answer flags: the top level, and `rules graph` if given.
fn answer_levels(matches: &ArgMatches) -> Vec<&ArgMatches> {
    let graph = matches
        .subcommand_matches("rules")
        .and_then(|rules| rules.subcommand_matches("graph"));
    std::iter::once(matches).chain(graph).collect()
}

/// One answer from the command line and where on it it stood.
struct Given {
    index: usize,
    question: usize,
    answer: usize,
}

/// The answers the flags of the `named` questions give.
fn flag_answers(tree: &Tree, named: &[usize], matches: &ArgMatches) -> Vec<Given> {
    let mut given = Vec::new();
    for &q in named {
        let question = tree.question(QuestionId(q));
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

/// The question whose flag `--name` is, and the answer it gives (`None` for the flag that
/// takes a value).
fn flag_owner(tree: &Tree, name: &str) -> Option<(usize, Option<usize>)> {
    tree.questions.iter().enumerate().find_map(|(q, question)| {
        let (_, picks) = answer_flags(question)
            .into_iter()
            .find(|(f, _)| f == name)?;
        Some((q, picks))
    })
}

/// Each flag of a question and the answer it gives; `None` for the flag that takes a value.
fn answer_flags(question: &crate::tree::Question) -> Vec<(Cow<'_, str>, Option<usize>)> {
    let flag = Cow::Borrowed(&*question.flag);
    let mut flags = match question.kind {
        QuestionKind::YesNo => vec![
            (flag, Some(YES)),
            (Cow::Owned(format!("no-{}", question.flag)), Some(NO)),
        ],
        QuestionKind::Choice => vec![(flag, None)],
    };
    for (a, answer) in question.answers.iter().enumerate() {
        if let Some(flag) = &answer.flag {
            flags.push((Cow::Borrowed(&**flag), Some(a)));
        }
    }
    flags
}

/// The `--answer ID=VALUE` options, checked against the tree; a wrong one is reported as
/// clap reports errors, with the full command.
fn answer_options(tree: &Tree, matches: &ArgMatches) -> Result<Vec<Given>, clap::Error> {
    let (Some(values), Some(indices)) = (
        matches.get_many::<String>("answers"),
        matches.indices_of("answers"),
    ) else {
        return Ok(Vec::new());
    };
    values
        .zip(indices)
        .map(|(value, index)| {
            let (question, answer) = parse_answer(tree, value).map_err(|message| {
                command(tree).error(clap::error::ErrorKind::InvalidValue, message)
            })?;
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
    let Some((id, value)) = text.split_once('=').filter(|(id, _)| !id.is_empty()) else {
        return Err(format!(
            "`--answer {text}` needs the form ID=VALUE, e.g. payload=invalid"
        ));
    };
    let ids = tree.questions.iter().map(|q| &*q.id);
    let Some(q) = tree.question_id(id) else {
        return Err(format!(
            "no question has the id `{id}`{}",
            did_you_mean(id, ids)
        ));
    };
    let question = tree.question(q);
    let answer = question.answer_index(value).ok_or_else(|| {
        let answers = question.answer_ids();
        let hint = did_you_mean(value, answers.iter().copied());
        format!(
            "`{value}` is not an answer to `{id}` (its answers: {}){hint}",
            answers.join(", ")
        )
    })?;
    Ok((q.0, answer))
}

fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    suggest::nearest(name, candidates).map_or(String::new(), |s| format!("; did you mean `{s}`?"))
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
        let sources = rule_sources(
            &os(&[
                "httpadvise",
                "--rules",
                "a.toml",
                "--rules=dir",
                "--no-builtin-rules",
                "--",
                "--rules",
                "x",
            ]),
            Path::new("/"),
        );
        assert!(!sources.builtin);
        assert_eq!(
            sources.paths,
            vec![PathBuf::from("a.toml"), PathBuf::from("dir")]
        );
    }

    #[test]
    fn layer_options_are_read_before_the_parse() {
        let args = os(&[
            "httpadvise",
            "--profile=zalando",
            "--config",
            "team.toml",
            "--payload-valid",
        ]);
        let sources = rule_sources(&args, Path::new("/"));
        assert_eq!(sources.profile.as_deref(), Some("zalando"));
        assert_eq!(sources.config, Some(PathBuf::from("team.toml")));
        let sources = rule_sources(
            &os(&["httpadvise", "--config", "team.toml", "--no-config"]),
            Path::new("/"),
        );
        assert_eq!(sources.config, None);
    }

    #[test]
    fn house_rules_are_found_in_the_nearest_folder_above() {
        let top = std::env::temp_dir().join(format!("httpadvise-find-{}", std::process::id()));
        let sub = top.join("a").join("b");
        std::fs::create_dir_all(&sub).expect("temp folders");
        std::fs::write(top.join(crate::rules::HOUSE_RULES), "").expect("written");
        let found = rule_sources(&os(&["httpadvise"]), &sub).config;
        let _ = std::fs::remove_dir_all(&top);
        assert_eq!(found, Some(top.join(crate::rules::HOUSE_RULES)));
    }

    #[test]
    fn the_fixed_longs_are_the_options_that_neither_print_nor_exit() {
        let mut longs = reserved_flags();
        longs.retain(|l| l != "help" && l != "version");
        assert_eq!(longs, FIXED_LONGS);
    }

    /// Command lines whose parse with only the named questions' flags must equal the parse
    /// with every flag: each flag of the built-in pack alone and after its siblings, the
    /// value forms, the fixed options, subcommands, and mistakes.
    fn command_lines(tree: &Tree) -> Vec<Vec<String>> {
        let mut lines: Vec<Vec<String>> = Vec::new();
        for question in &tree.questions {
            let flags = answer_flags(question);
            for (flag, _) in &flags {
                lines.push(vec![format!("--{flag}")]);
                lines.push(vec!["rules".into(), "graph".into(), format!("--{flag}")]);
                for (other, _) in &flags {
                    lines.push(vec![format!("--{other}"), format!("--{flag}")]);
                }
            }
            for answer in &question.answers {
                lines.push(vec![format!("--{}={}", question.flag, answer.id)]);
                lines.push(vec![format!("--{}", question.flag), answer.id.to_string()]);
                lines.push(vec![format!("--answer={}={}", question.id, answer.id)]);
            }
        }
        let fixed = [
            "--precondition --payload-valid --format json --color never",
            "-i --no-precondition --rules x.toml --no-builtin-rules --profile zalando",
            "--precondition --expect 412 --no-config",
            "--precondition --compare-profiles --config team.toml",
            "--payload-valid --format markdown --no-diagram",
            "--answer precondition=yes --no-precondition",
            "--answer nope=yes",
            "--answer precondition",
            "--precondtion",
            "--payload",
            "--payload=nonsense",
            "--format",
            "--rules --precondition",
            "--expect 700 --precondition",
            "-x",
            "-",
            "stray",
            "-- --precondition",
            "explain 422 --precondition",
            "explain 422 --format json",
            "rules graph --format mermaid --precondition --payload-valid",
            "rules graph --precondtion",
            "rules check a.toml --payload-valid",
            "rules chek",
            "profiles show zalando --precondition",
            "compare 400 422",
            "help",
            "help rules graph",
            "rules help graph",
            "",
        ];
        lines.extend(
            fixed
                .iter()
                .map(|line| line.split_whitespace().map(str::to_string).collect()),
        );
        lines
    }

    #[test]
    fn only_answer_flags_and_fixed_options_keep_the_command_small() {
        let tree = crate::builtin::tree().expect("the built-in pack is compiled");
        let named = |line: &str| {
            let args: Vec<OsString> = std::iter::once("httpadvise")
                .chain(line.split_whitespace())
                .map(OsString::from)
                .collect();
            named_questions(&tree, &args).map(|n| {
                n.iter()
                    .map(|&q| tree.question(QuestionId(q)).id.to_string())
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(
            named("--precondition --payload-valid --format json --no-precondition"),
            Some(vec!["precondition".to_string(), "payload".to_string()])
        );
        assert_eq!(named("rules graph --format dot"), Some(vec![]));
        for full in ["--help", "-h", "--version", "--precondtion", "--", "-x"] {
            assert_eq!(named(full), None, "{full}");
        }
    }

    #[test]
    fn parsing_with_the_named_flags_only_is_parsing_with_all() {
        let tree = crate::builtin::tree().expect("the built-in pack is compiled");
        let shown = |r: Result<Invocation, clap::Error>| match r {
            Ok(invocation) => format!("{invocation:?}"),
            Err(error) => format!("{:?}: {error}", error.kind()),
        };
        for line in command_lines(&tree) {
            let args: Vec<OsString> = std::iter::once("httpadvise".to_string())
                .chain(line.iter().cloned())
                .map(OsString::from)
                .collect();
            assert_eq!(
                shown(parse(&tree, args.clone())),
                shown(parse_with(&tree, args, &all_questions(&tree), true)),
                "{line:?}"
            );
        }
    }

    /// Words of plain one-shot lines, and words that look plain but are not.
    fn plain_words(tree: &Tree) -> Vec<Vec<String>> {
        let mut words: Vec<Vec<String>> = Vec::new();
        for question in &tree.questions {
            for (flag, _) in answer_flags(question) {
                words.push(vec![format!("--{flag}")]);
                words.push(vec![format!("--{flag}=yes")]);
            }
            for answer in &question.answers {
                words.push(vec![format!("--{}={}", question.flag, answer.id)]);
            }
            words.push(vec![format!("--{}=", question.flag)]);
        }
        for line in [
            "--format json",
            "--format=markdown",
            "--format=text",
            "--format",
            "--format=",
            "--format -i",
            "--format=JSON",
            "--color never",
            "--color=always",
            "--color=auto",
            "--color=Never",
            "--color",
            "-i",
            "--interactive",
            "--interactive=yes",
            "--no-config",
            "--no-diagram",
            "--no-config=1",
            "--",
            "-",
            "-ix",
            "--expect=412",
            "--answer=payload=valid",
            "explain",
        ] {
            words.push(line.split_whitespace().map(str::to_string).collect());
        }
        words
    }

    /// Every plain word alone and after every other: read without clap where the reader
    /// takes the line, the result is clap's, and the benchmark's line is among them.
    #[test]
    fn the_plain_reading_is_claps_reading() {
        let tree = crate::builtin::tree().expect("the built-in pack is compiled");
        let words = plain_words(&tree);
        let shown = |r: Result<Invocation, clap::Error>| match r {
            Ok(invocation) => format!("{invocation:?}"),
            Err(error) => format!("{:?}: {error}", error.kind()),
        };
        let mut plain_lines = 0;
        for first in std::iter::once(&Vec::new()).chain(&words) {
            for second in &words {
                let args: Vec<OsString> = std::iter::once("httpadvise".to_string())
                    .chain(first.iter().chain(second).cloned())
                    .map(OsString::from)
                    .collect();
                let Some(plain) = plain::parse(&tree, &args) else {
                    continue;
                };
                plain_lines += 1;
                let clap = parse_with(&tree, args.clone(), &all_questions(&tree), true);
                assert_eq!(shown(Ok(plain)), shown(clap), "{args:?}");
            }
        }
        assert!(plain_lines > words.len(), "only {plain_lines} plain lines");
        let benchmark = os(&[
            "httpadvise",
            "--no-config",
            "--precondition",
            "--payload-valid",
        ]);
        assert!(plain::parse(&tree, &benchmark).is_some());
    }

    #[test]
    fn the_color_choice_is_read_before_the_parse() {
        let when = |line: &str| color_when(&os(&line.split_whitespace().collect::<Vec<_>>()));
        assert_eq!(when("httpadvise --bogus"), ColorWhen::Auto);
        assert_eq!(when("httpadvise --color never --bogus"), ColorWhen::Never);
        assert_eq!(
            when("httpadvise --color=always --color=nope"),
            ColorWhen::Always
        );
        assert_eq!(
            when("httpadvise rules check --color=never"),
            ColorWhen::Never
        );
        assert_eq!(when("httpadvise -- --color=never"), ColorWhen::Auto);
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
            "profile",
            "expect",
        ] {
            assert!(reserved.iter().any(|r| r == flag), "{flag} missing");
        }
    }
}
