//! The one dispatch: from the command line's words to the command that runs and its exit.
//! The rules load first (their questions become flags), then clap parses the whole line
//! against them, then the command runs. When the rules do not load, what can still run
//! does: help, the version, and the `rules` commands that load rules of their own.

use std::ffi::OsString;
use std::path::Path;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use httpadvise_rules::{Files, Pack, Rejected, RuleSources};

use crate::cli::{self, Command, Invocation, ProfilesCommand, RulesCommand};
use crate::commands::{self, advise};
use crate::engine::session::Asker;
use crate::error::{Error, Exit};
use crate::output::{diagnostics, Format, Output};
use crate::pack::{self, Loader};

/// The rules of one run, read and loaded before its command line is parsed.
pub struct Setup {
    pub(crate) sources: RuleSources,
    pub(crate) loader: Loader,
    pub(crate) pack: Result<Pack, Rejected>,
}

impl Setup {
    /// Reads and loads the rules the command line names (`args`, read as `named`); house
    /// rules are looked for from `cwd` up.
    pub fn new(named: cli::Named, args: &[OsString], cwd: &Path) -> Setup {
        if named.version {
            // The version needs no rules: none are read, so none can fail or wait, unless
            // the line has a flag only they could make, which clap must know to reach `-V`.
            let loader = Loader::new(Files::default(), cli::reserved_flags);
            let sources = RuleSources::builtin();
            let pack = loader.load(&sources);
            let setup = Setup {
                sources,
                loader,
                pack,
            };
            match setup.parse(args.to_vec()) {
                Err(Error::Usage(e)) if rules_dependent(&e) => {}
                _ => return setup,
            }
        }
        let (sources, refused) = named.sources(cwd);
        if let Some((path, why)) = refused {
            eprintln!("{}", diagnostics::refused_house_rules(&path, why));
        }
        let loader = Loader::new(Files::read(&sources), cli::reserved_flags);
        let pack = loader.load(&sources);
        Setup {
            sources,
            loader,
            pack,
        }
    }

    /// The command line parsed against the pack's flags. Without a pack, against the
    /// built-in flags if the run has them: help lists what it can, and an error in the
    /// line that no rule could explain is a usage error, the rest the rules' error.
    pub fn parse(&self, args: Vec<OsString>) -> Result<Invocation, Error> {
        let rejected = match &self.pack {
            Ok(pack) => return cli::parse(&pack.tree, args).map_err(Error::Usage),
            Err(rejected) => rejected,
        };
        let fallback = self.sources.builtin.then(pack::compiled).flatten();
        let parsed = match &fallback {
            Some(tree) => cli::parse(tree, args),
            None => cli::parse_fixed(&args).map(|cli| Invocation {
                cli,
                answers: Vec::new(),
                answered_any: false,
            }),
        };
        match parsed {
            Ok(invocation) if runs_without_pack(&invocation) => Ok(invocation),
            Ok(_) => Err(Error::Rules(rejected.clone())),
            Err(e) if e.kind() == ErrorKind::DisplayHelp => {
                warn_help(rejected, fallback.is_some());
                Err(Error::Usage(e))
            }
            Err(e) if rules_dependent(&e) => Err(Error::Rules(rejected.clone())),
            Err(e) => Err(Error::Usage(e)),
        }
    }
}

/// The `rules` commands that load their own rules, or none, and so run even when the
/// command line's pack does not load: that is when a rule author needs them most.
fn runs_without_pack(invocation: &Invocation) -> bool {
    matches!(
        &invocation.cli.command,
        Some(Command::Rules {
            command: RulesCommand::Check { .. } | RulesCommand::Test { .. } | RulesCommand::Schema
        })
    )
}

/// Whether a parse error could come from the rules that did not load: an option nobody
/// defined (a rule file's flag), or a value refused by an answer flag or `--answer`.
fn rules_dependent(error: &clap::Error) -> bool {
    if error.kind() == ErrorKind::UnknownArgument {
        return true;
    }
    let Some(ContextValue::String(arg)) = error.get(ContextKind::InvalidArg) else {
        return error.kind() == ErrorKind::InvalidValue;
    };
    let long = arg.trim_start_matches('-');
    let long = long.split([' ', '=']).next().unwrap_or(long);
    !cli::reserved_flags().iter().any(|r| r == long)
}

/// Help without the rules that did not load lists the built-in answer flags, or none:
/// the reader should know why others are missing.
fn warn_help(rejected: &Rejected, builtin: bool) {
    eprintln!("{}", diagnostics::help_without_rules(rejected, builtin));
}

/// Runs the command the command line names. `Ok` carries the exit: advice given, or a
/// disagreement (`--expect`, a failing scenario).
pub fn run(
    setup: &Setup,
    invocation: &Invocation,
    asker: Option<&mut dyn Asker>,
    mut output: Output<'_>,
) -> Result<Exit, Error> {
    let cli = &invocation.cli;
    let (loader, sources) = (&setup.loader, &setup.sources);
    let answers = &invocation.answers[..];
    let format = |own| invocation.format(own);
    let output = &mut output;
    match &cli.command {
        None if cli.compare_profiles => {
            let answered = (tree(setup)?, answers);
            commands::profiles::compare(loader, sources, answered, cli.format, output)
        }
        None => advise::run(
            tree(setup)?,
            answers,
            advise_options(invocation),
            asker,
            output,
        ),
        Some(Command::Explain { code, format: own }) => {
            commands::explain::explain(tree(setup)?, *code, format(*own), output)
        }
        Some(Command::Compare { a, b, format: own }) => {
            commands::explain::compare(tree(setup)?, (*a, *b), format(*own), output)
        }
        Some(Command::Profiles {
            command,
            format: own,
        }) => {
            tree(setup)?;
            match command {
                None => commands::profiles::list(loader, format(*own), output),
                Some(ProfilesCommand::Show {
                    name,
                    format: shown,
                }) => {
                    let format = shown.format.unwrap_or(format(*own));
                    commands::profiles::show(loader, name, format, output)
                }
            }
        }
        Some(Command::Completions { shell }) => {
            commands::completions::run(cli::completion_command(tree(setup)?), *shell, output.out)
        }
        Some(Command::Man) => commands::man::run(cli::command(tree(setup)?), output.out),
        Some(Command::Rules { command }) => match command {
            RulesCommand::Graph { format } => {
                let answered = (answers, invocation.answered_any);
                commands::graph::run(tree(setup)?, answered, *format, output.out)
            }
            RulesCommand::Check { paths, format: own } => {
                commands::check::run(loader, sources, paths, format(*own), output)
            }
            RulesCommand::Test {
                fixtures,
                format: own,
            } => commands::test::run(loader, sources, fixtures, format(*own), output),
            RulesCommand::Schema => commands::schema::run(output.out),
        },
    }
}

/// The run's tree, or the problems that kept it from loading.
fn tree(setup: &Setup) -> Result<&httpadvise_rules::model::Tree, Error> {
    match &setup.pack {
        Ok(pack) => Ok(&pack.tree),
        Err(rejected) => Err(Error::Rules(rejected.clone())),
    }
}

fn advise_options(invocation: &Invocation) -> advise::Options {
    let cli = &invocation.cli;
    advise::Options {
        format: match cli.brief {
            true => Format::Brief,
            false => cli.format,
        },
        interactive: cli.interactive,
        answered_any: invocation.answered_any,
        expect: cli.expect,
        diagram: !cli.no_diagram,
    }
}
