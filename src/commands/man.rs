//! The manual page: clap_mangen's sections, with every subcommand listed in place by its
//! usage. There is one page, so the `httpadvise-explain(1)` references clap_mangen writes
//! would point at pages that do not exist.

use std::io::{self, Write};

use clap_mangen::Man;

use crate::error::{Error, Exit};
use crate::output::escape::roff;

/// Writes the page for `command` (the full command, answer flags included).
pub fn run(command: clap::Command, out: &mut dyn Write) -> Result<Exit, Error> {
    render(command, out)
        .and_then(|()| out.flush())
        .map_err(Error::Output)?;
    Ok(Exit::Advice)
}

fn render(command: clap::Command, out: &mut dyn Write) -> io::Result<()> {
    let mut command = command.disable_help_subcommand(true);
    command.build();
    let man = Man::new(command.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    writeln!(out, ".SH SUBCOMMANDS")?;
    subcommands(&command, out)?;
    man.render_extra_section(out)?;
    man.render_version_section(out)
}

/// Each subcommand, nested ones too, in help's order, as its usage line and what it does.
fn subcommands(command: &clap::Command, out: &mut dyn Write) -> io::Result<()> {
    let mut subs: Vec<&clap::Command> = command
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .collect();
    subs.sort_by_key(|s| s.get_display_order());
    for sub in subs {
        // `profiles` runs alone as well as with `show`; `rules` needs one of its own.
        if !sub.has_subcommands() || !sub.is_subcommand_required_set() {
            entry(sub, out)?;
        }
        subcommands(sub, out)?;
    }
    Ok(())
}

fn entry(command: &clap::Command, out: &mut dyn Write) -> io::Result<()> {
    let usage = command.clone().render_usage().to_string();
    let usage = usage
        .trim_start_matches("Usage: ")
        .lines()
        .next()
        .unwrap_or_default();
    writeln!(out, ".TP\n\\fB{}\\fR", roff(usage.trim()))?;
    match command.get_about() {
        Some(about) => writeln!(out, "{}", roff(&about.to_string())),
        None => Ok(()),
    }
}
