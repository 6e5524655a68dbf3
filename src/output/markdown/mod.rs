//! Reports as Markdown, to paste into a pull request or an issue: plain text, no ANSI
//! codes whatever the color settings, and rule prose escaped where Markdown would read it
//! as markup.

mod advice;
mod explain;
mod profiles;
mod rules;

use std::io::{self, Write};

use httpadvise_rules::model::Cite;

use super::report::{Change, Report};

pub fn print(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    match report {
        Report::Advice(r) => advice::advice(r, out),
        Report::Explain(r) => explain::explain(r, out),
        Report::Compare(r) => explain::compare(r, out),
        Report::Profiles(r) => profiles::list(r, out),
        Report::Profile(r) => profiles::detail(r, out),
        Report::Comparison(r) => profiles::comparison(r, out),
        Report::Check(r) => rules::check(r, out),
        Report::Test(r) => rules::test(r, out),
    }
}

pub(super) use crate::output::escape::flat;
pub(super) use crate::output::escape::markdown::{block_safe, cell, code, in_cell, prose};

/// Where a profile, the house rules or a rules file changed what a report shows.
pub(super) fn changes(changes: &[Change], out: &mut dyn Write) -> io::Result<()> {
    if changes.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n#### Changed by\n")?;
    for change in changes {
        let reason = change
            .reason
            .as_deref()
            .map_or(String::new(), |r| format!(": {}", prose(&flat(r))));
        let (what, by) = (prose(&flat(&change.what)), prose(&flat(&change.by)));
        writeln!(out, "- {what}, by {by}{reason}")?;
    }
    Ok(())
}

/// A citation as a link: "[RFC 9110 §15.5.13 412 Precondition Failed](…)"; its label alone
/// when its URL is not a web address.
pub(super) fn link(cite: &Cite) -> String {
    crate::output::escape::markdown::link(&cite.label(), &cite.url)
}

/// A citation's quote as a block quote, indented under its list item, with the revision
/// it was read in.
pub(super) fn quote(cite: &Cite, out: &mut dyn Write) -> io::Result<()> {
    let Some(quote) = &cite.quote else {
        return Ok(());
    };
    let revision = cite
        .revision
        .as_deref()
        .map_or(String::new(), |r| format!(" ({})", prose(&flat(r))));
    writeln!(out, "\n  > {}{revision}\n", block_safe(prose(&flat(quote))))
}

/// A fenced block; the fence outgrows any run of backquotes inside, so nothing ends it
/// early, and control characters in it are shown as escapes.
pub(super) fn fenced(language: &str, body: &str, out: &mut dyn Write) -> io::Result<()> {
    indented_fence(language, body, "", out)
}

/// A fenced block with every line indented by `indent`, to stay inside a list item.
pub(super) fn indented_fence(
    language: &str,
    body: &str,
    indent: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lines: Vec<String> = body
        .trim_end()
        .lines()
        .map(|line| format!("{indent}{}", crate::output::escape::terminal(line)))
        .collect();
    let body = lines.join("\n");
    let fence = crate::output::escape::markdown::fence(&body);
    writeln!(out, "{indent}{fence}{language}\n{body}\n{indent}{fence}")
}

/// Each paragraph of rule prose as a Markdown paragraph; single line breaks are already
/// joined when the rules load, and GitHub would keep any left as hard breaks.
pub(super) fn paragraphs(text: &str, out: &mut dyn Write) -> io::Result<()> {
    for paragraph in text.split("\n\n").map(flat).filter(|p| !p.is_empty()) {
        writeln!(out, "\n{}", block_safe(prose(&paragraph)))?;
    }
    Ok(())
}
