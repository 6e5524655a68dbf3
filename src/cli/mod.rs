//! The command line: the fixed options (clap derive), the answer flags built from the loaded
//! rules (clap builder, see [`flags`]), and turning both into answers for the session.

mod flags;
mod prescan;

use std::ffi::OsString;
use std::path::PathBuf;

use clap::builder::PossibleValuesParser;
use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use httpadvise_rules::model::Tree;

use crate::output::escape;
pub use crate::output::Format;
use crate::output::GraphFormat;
pub use prescan::{early, Early, Named};

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
#[command(max_term_width = crate::output::MAX_WIDTH)]
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
    #[arg(long, value_name = "CODE", value_parser = status_code)]
    pub expect: Option<u16>,

    /// Show what every profile recommends for these answers, side by side
    #[arg(long, conflicts_with_all = ["expect", "profile", "no_builtin_rules"])]
    pub compare_profiles: bool,

    /// Print the advice in one line: the code, its name and the summary
    #[arg(long, conflicts_with_all = ["format", "compare_profiles"])]
    pub brief: bool,

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
        #[arg(value_parser = status_code)]
        code: u16,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Two status codes side by side, and the question that decides between them
    Compare {
        #[arg(value_parser = status_code)]
        a: u16,
        #[arg(value_parser = status_code)]
        b: u16,
        #[command(flatten)]
        format: FormatArg,
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
        #[command(flatten)]
        format: FormatArg,
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
        #[command(flatten)]
        format: FormatArg,
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
        #[command(flatten)]
        format: FormatArg,
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
        #[command(flatten)]
        format: FormatArg,
    },
}

/// `--format` on a subcommand that prints a report; given before the subcommand, the
/// top-level `--format` applies too.
#[derive(Clone, Copy, Debug, Default, clap::Args)]
pub struct FormatArg {
    /// How to print the report
    #[arg(long, value_enum)]
    pub format: Option<Format>,
}

fn profile_names() -> PossibleValuesParser {
    PossibleValuesParser::new(httpadvise_rules::builtin::profile_names())
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

impl Invocation {
    /// The `--format` that applies to a subcommand's report: its own, else the top level's.
    pub(crate) fn format(&self, own: FormatArg) -> Format {
        own.format.unwrap_or(self.cli.format)
    }
}

/// The long options the program defines itself, on any subcommand, which no rule flag may take.
pub fn reserved_flags() -> Vec<String> {
    let mut reserved: Vec<String> = options_of(&fixed_command())
        .iter()
        .filter_map(|a| a.get_long().map(str::to_string))
        .collect();
    reserved.sort();
    reserved.dedup();
    reserved
}

/// The fixed command as clap parses it: with its own `--help`, `--version` and `help`.
fn fixed_command() -> clap::Command {
    let mut command = Cli::command();
    command.build();
    command
}

/// Every option and argument of `command`, on any subcommand.
fn options_of(command: &clap::Command) -> Vec<&clap::Arg> {
    let mut options = Vec::new();
    let mut pending = vec![command];
    while let Some(command) = pending.pop() {
        options.extend(command.get_arguments());
        pending.extend(command.get_subcommands());
    }
    options
}

/// The command line parsed with the fixed options alone, for when no rules loaded and
/// their flags cannot be built.
pub fn parse_fixed(args: &[OsString]) -> Result<Cli, clap::Error> {
    let matches = Cli::command()
        .try_get_matches_from(args)
        .map_err(code_tip)?;
    Cli::from_arg_matches(&matches)
}

/// The full command: the fixed options plus every question's flags, on the top level and
/// on `rules graph`, whose drawing highlights the answers' path.
pub fn command(tree: &Tree) -> clap::Command {
    with_flags(tree, flags::Texts::Terminal)
}

/// The full command as a completion script describes it: rule text in its descriptions
/// kept to what no shell reads inside a quoted string.
pub(crate) fn completion_command(tree: &Tree) -> clap::Command {
    with_flags(tree, flags::Texts::Shell)
}

fn with_flags(tree: &Tree, texts: flags::Texts) -> clap::Command {
    let args = flags::args(tree, texts);
    Cli::command()
        .args(args.clone())
        .mut_subcommand("rules", |rules| {
            rules.mut_subcommand("graph", |graph| graph.args(args))
        })
}

/// Parses `args` against the command built from `tree`.
pub fn parse(tree: &Tree, args: Vec<OsString>) -> Result<Invocation, clap::Error> {
    let mut clap_command = command(tree);
    let matches = clap_command
        .try_get_matches_from_mut(args)
        .map_err(code_tip)?;
    let cli = Cli::from_arg_matches(&matches)?;
    let mut given = Vec::new();
    for level in answer_levels(&matches) {
        given.extend(flags::answers(tree, level));
        given.extend(flags::answer_options(tree, level).map_err(|message| {
            let message = escape::terminal(&message);
            clap_command.error(clap::error::ErrorKind::InvalidValue, message)
        })?);
    }
    if let Some(name) = ignored_by_command(&clap_command, &cli, &matches, !given.is_empty()) {
        let message = format!("{name} applies to the advice, not to a subcommand; leave it out");
        return Err(clap_command.error(clap::error::ErrorKind::ArgumentConflict, message));
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
    })
}

/// An option of the advice given with a subcommand that would ignore it. Answers count
/// only outside `rules graph`, which draws their path; `--format` counts only for the
/// subcommands that print no report.
fn ignored_by_command(
    command: &clap::Command,
    cli: &Cli,
    matches: &ArgMatches,
    answered: bool,
) -> Option<String> {
    let subcommand = cli.command.as_ref()?;
    let graph = matches!(
        subcommand,
        Command::Rules {
            command: RulesCommand::Graph { .. }
        }
    );
    let reports = matches!(
        subcommand,
        Command::Explain { .. }
            | Command::Compare { .. }
            | Command::Profiles { .. }
            | Command::Rules {
                command: RulesCommand::Check { .. } | RulesCommand::Test { .. }
            }
    );
    let set = |id: &str| matches.value_source(id) == Some(ValueSource::CommandLine);
    let options = [
        ("format", !reports),
        ("expect", true),
        ("compare_profiles", true),
        ("no_diagram", true),
        ("interactive", true),
        ("brief", true),
    ];
    let id = options
        .into_iter()
        .find(|(id, ignored)| *ignored && set(id));
    let long = |id: &str| {
        let arg = command.get_arguments().find(|a| a.get_id() == id);
        format!("--{}", arg.and_then(clap::Arg::get_long).unwrap_or(id))
    };
    let option = id.map(|(id, _)| long(id));
    option.or((answered && !graph).then(|| "an answer".to_string()))
}

/// The matches that may hold answer flags: the top level, and `rules graph` if given.
fn answer_levels(matches: &ArgMatches) -> Vec<&ArgMatches> {
    let graph = matches
        .subcommand_matches("rules")
        .and_then(|rules| rules.subcommand_matches("graph"));
    std::iter::once(matches).chain(graph).collect()
}

/// `httpadvise 401` reads as a subcommand that does not exist; the person most likely
/// wants to read about the code, and the error says how.
fn code_tip(mut error: clap::Error) -> clap::Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if error.kind() != ErrorKind::InvalidSubcommand {
        return error;
    }
    let Some(ContextValue::String(word)) = error.get(ContextKind::InvalidSubcommand) else {
        return error;
    };
    if let Ok(code) = status_code(word) {
        let tip = format!("to read about status {code}, run `httpadvise explain {code}`");
        error.insert(
            ContextKind::Suggested,
            ContextValue::StyledStrs(vec![tip.into()]),
        );
    }
    error
}

/// A status code as the command line takes it: three digits from 100 to 599. A class such
/// as `4xx` names no one code, and the message says so.
fn status_code(text: &str) -> Result<u16, String> {
    let code = text
        .parse::<u16>()
        .ok()
        .filter(|c| (100..=599).contains(c) && text.len() == 3);
    code.ok_or_else(|| {
        let class = text.len() == 3
            && matches!(text.as_bytes()[0], b'1'..=b'5')
            && text[1..].eq_ignore_ascii_case("xx");
        match class {
            true => format!("`{text}` is a class of codes; name one code, such as 422"),
            false => "a status code is three digits from 100 to 599, such as 422".to_string(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fixed_command_is_consistent() {
        Cli::command().debug_assert();
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
