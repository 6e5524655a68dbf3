//! The one look at the command line before clap's parse: which rules to load (their
//! questions become flags, so clap cannot parse the line without them) and `--color` (so
//! that errors, clap's among them, follow it). Words are split by clap's own lexer, values
//! kept as the `OsString`s they are, and whether an option takes a value is asked of the
//! fixed clap command itself. Where clap would refuse a word, it is skipped here, and
//! clap's parse then reports it.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use clap_lex::RawArgs;
use httpadvise_rules::read::{find_house_rules, HouseRules};
use httpadvise_rules::RuleSources;

use super::ColorWhen;

/// The options that decide the rules, as the command line names them.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Named {
    /// `-V` or `--version`: the version needs no rules, so none are read.
    pub(crate) version: bool,
    pub(crate) no_builtin_rules: bool,
    pub(crate) no_config: bool,
    pub(crate) rules: Vec<PathBuf>,
    pub(crate) config: Option<PathBuf>,
    pub(crate) profile: Option<String>,
}

impl Named {
    /// The rule sources these options name, and the house rules that were found but not
    /// read. House rules are looked for from `cwd` up unless `--config` or `--no-config`
    /// says otherwise.
    pub fn sources(self, cwd: &Path) -> (RuleSources, Option<(PathBuf, &'static str)>) {
        let (config, refused) = match (self.no_config, self.config) {
            (true, _) => (None, None),
            (false, Some(config)) => (Some(config), None),
            (false, None) => match find_house_rules(cwd) {
                HouseRules::None => (None, None),
                HouseRules::Found(path) => (Some(path), None),
                HouseRules::Refused { path, why } => (None, Some((path, why))),
            },
        };
        let sources = RuleSources {
            builtin: !self.no_builtin_rules,
            profile: self.profile,
            config,
            paths: self.rules,
        };
        (sources, refused)
    }
}

/// What the command line says before it is parsed.
#[derive(Debug)]
pub struct Early {
    /// The options that decide the rules.
    pub rules: Named,
    /// The last valid `--color`: errors and help follow it even when the rest of the line
    /// is wrong.
    pub color: ColorWhen,
}

/// The options of `args` that decide the rules, and `--color`, read as clap reads them.
pub fn early(args: &[OsString]) -> Early {
    let mut named = Named::default();
    let mut color = ColorWhen::Auto;
    each_option(args, |name, value| match (name, value) {
        // clap refuses an empty value of each option read here: `--rules=` names no file.
        (_, Value::Given(value)) if value.is_empty() => {}
        ("version", Value::None) => named.version = true,
        ("no-builtin-rules", Value::None) => named.no_builtin_rules = true,
        ("no-config", Value::None) => named.no_config = true,
        ("rules", Value::Given(path)) => named.rules.push(PathBuf::from(path)),
        ("config", Value::Given(path)) => named.config = Some(PathBuf::from(path)),
        // A profile name that is not UTF-8 is no profile's; clap refuses it.
        ("profile", Value::Given(name)) => named.profile = name.to_str().map(str::to_string),
        ("color", Value::Given(when)) => {
            let when = when
                .to_str()
                .and_then(|w| ColorWhen::from_str(w, false).ok());
            color = when.unwrap_or(color);
        }
        _ => {}
    });
    Early {
        rules: named,
        color,
    }
}

/// What followed a long option.
enum Value<'a> {
    /// Nothing: no `=value`, and the next word is an option or absent.
    None,
    /// `--name=value`, or the next word.
    Given(&'a OsStr),
}

/// The long options of the fixed command, on any subcommand, that take a value. An answer
/// flag the rules make is not among them: its value, if it has one, is never a word clap
/// reads as an option, so skipping it skips no option.
fn value_options(command: &clap::Command) -> Vec<String> {
    let options = super::options_of(command).into_iter();
    let taking = options.filter(|a| a.get_action().takes_values());
    taking
        .filter_map(|a| a.get_long().map(str::to_string))
        .collect()
}

/// Calls `on` with each long option of `args` up to `--`, and its value; `-V` is called
/// `version`, but only before a word that names a subcommand, as only the top level has
/// it. A word that is no long option (a subcommand, a value of an option this scan does
/// not know) is skipped, as clap would not read it as one of these options either. The
/// version is a shortcut past the rules only: a line it misreads, such as an answer
/// flag's value that names a subcommand, still gets clap's answer (see `app::Setup`).
fn each_option(args: &[OsString], mut on: impl FnMut(&str, Value<'_>)) {
    // Unbuilt: what clap adds at build (`--help`, `--version`, `help`) takes no value, and
    // building would add to every run's start-up.
    let command = <super::Cli as clap::CommandFactory>::command();
    let takes_value = value_options(&command);
    let takes_value = |name: &str| takes_value.iter().any(|o| o == name);
    let subcommands: Vec<&str> = command.get_subcommands().map(|s| s.get_name()).collect();
    let mut in_subcommand = false;
    let raw = RawArgs::new(args.iter().skip(1));
    let mut cursor = raw.cursor();
    while let Some(arg) = raw.next(&mut cursor) {
        if arg.is_escape() {
            break;
        }
        if let Some(mut shorts) = arg.to_short() {
            if !in_subcommand && shorts.any(|s| s == Ok('V')) {
                on("version", Value::None);
            }
            continue;
        }
        let Some((Ok(name), inline)) = arg.to_long() else {
            let word = arg.to_value_os().to_str();
            in_subcommand |= word.is_some_and(|w| subcommands.contains(&w));
            continue;
        };
        if name == "version" && in_subcommand {
            continue;
        }
        let value = match inline {
            Some(inline) => Value::Given(inline),
            None if takes_value(name) => match raw.peek(&cursor) {
                // clap takes a following word as the value unless it looks like an option
                // or is `--`.
                Some(next)
                    if next.is_stdio()
                        || !next.is_long() && !next.is_short() && !next.is_escape() =>
                {
                    let value = next.to_value_os();
                    raw.next(&mut cursor);
                    Value::Given(value)
                }
                _ => Value::None,
            },
            None => Value::None,
        };
        // A value given to a flag (`--no-config=x`) is clap's error: skip it here.
        let flag = !takes_value(name);
        match (flag, inline) {
            (true, Some(_)) => continue,
            _ => on(name, value),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(args: &[OsString]) -> Named {
        early(args).rules
    }

    fn os(line: &str) -> Vec<OsString> {
        std::iter::once("httpadvise")
            .chain(line.split_whitespace())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn both_spellings_are_read_and_the_scan_stops_at_double_dash() {
        let named = named(&os(
            "--rules a.toml --rules=dir --no-builtin-rules -- --rules x",
        ));
        assert!(named.no_builtin_rules);
        assert_eq!(
            named.rules,
            vec![PathBuf::from("a.toml"), PathBuf::from("dir")]
        );
    }

    #[test]
    fn words_clap_would_refuse_are_skipped() {
        let named = named(&os(
            "--no-builtin-rules= --answer --config=/x --rules --payload-valid",
        ));
        assert!(
            !named.no_builtin_rules,
            "a flag given a value is clap's error"
        );
        assert_eq!(named.config, Some(PathBuf::from("/x")));
        assert!(
            named.rules.is_empty(),
            "`--rules` followed by an option has no value"
        );
    }

    #[test]
    fn a_value_of_another_option_is_not_read_as_a_source() {
        let named = named(&os("--answer=--rules=x --expect 412 --format json"));
        assert_eq!(named, Named::default());
    }

    #[test]
    fn double_dash_is_no_value_and_ends_the_options() {
        assert_eq!(named(&os("--answer -- --rules x")), Named::default());
        assert_eq!(
            named(&os("rules check --format -- --config x")),
            Named::default()
        );
    }

    #[test]
    fn the_version_is_the_top_level_s_alone_and_an_empty_value_names_nothing() {
        assert!(named(&os("--rules x -V")).version);
        assert!(named(&os("-iV")).version);
        assert!(
            !named(&os("rules check -V")).version,
            "clap refuses it there"
        );
        assert!(!named(&os("explain 412 --version")).version);
        let empty = named(&os("--rules= --config= --profile="));
        assert_eq!(empty, Named::default());
    }

    #[test]
    fn which_options_take_a_value_is_read_from_the_clap_command() {
        let options = value_options(&<crate::cli::Cli as clap::CommandFactory>::command());
        let takes = |name: &str| options.iter().any(|o| o == name);
        for option in [
            "rules", "config", "profile", "color", "answer", "expect", "format",
        ] {
            assert!(takes(option), "--{option} takes a value");
        }
        for flag in [
            "no-config",
            "no-builtin-rules",
            "interactive",
            "brief",
            "help",
        ] {
            assert!(!takes(flag), "--{flag} is a flag");
        }
    }

    #[test]
    fn paths_that_are_not_utf8_are_kept_byte_for_byte() {
        use std::os::unix::ffi::OsStringExt;
        let path = OsString::from_vec(b"dir/\xff.toml".to_vec());
        let mut args = os("--rules");
        args.push(path.clone());
        let mut inline = os("");
        let mut word = OsString::from("--config=");
        word.push(&path);
        inline.push(word);
        assert_eq!(named(&args).rules, vec![PathBuf::from(&path)]);
        assert_eq!(named(&inline).config, Some(PathBuf::from(&path)));
    }

    #[test]
    fn the_color_choice_is_the_last_valid_one() {
        let when = |line: &str| early(&os(line)).color;
        assert_eq!(when("--bogus"), ColorWhen::Auto);
        assert_eq!(when("--color never --bogus"), ColorWhen::Never);
        assert_eq!(when("--color=always --color=nope"), ColorWhen::Always);
        assert_eq!(when("rules check --color=never"), ColorWhen::Never);
        assert_eq!(when("-- --color=never"), ColorWhen::Auto);
    }
}
