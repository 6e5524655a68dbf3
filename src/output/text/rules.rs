//! `rules check` and `rules test` as text.

use std::io;

use colored::Colorize;

use super::{t, Writer};
use crate::output::diagnostics::snippet;
use crate::output::plural;
use crate::output::report::{Check, Coverage, TestEntry, TestRun};

pub(super) fn check(report: &Check, w: &mut Writer<'_>) -> io::Result<()> {
    for warning in &report.warnings {
        let head = format!(
            "{}: {} [{}]",
            "warning".yellow().bold(),
            t(&warning.message),
            warning.lint
        );
        writeln!(w.out, "{head}\n{}", snippet(&warning.place))?;
    }
    if report.routes_truncated {
        writeln!(
            w.out,
            "note: the tree has more routes than the search looks at ({} routes, or {} steps \
             in all); defaults were not checked for hidden branches",
            report.route_limit, report.step_limit
        )?;
    }
    let files = plural(report.files, "file");
    match report.warnings.len() {
        0 => writeln!(w.out, "{files} checked: no problems"),
        n => writeln!(w.out, "{files} checked: {}", plural(n, "warning")),
    }
}

/// At most this many uncovered edges are listed per pack: a scenario file for a few cases
/// of a large pack would otherwise list the whole tree.
const LISTED: usize = 10;

pub(super) fn test(report: &TestRun, w: &mut Writer<'_>) -> io::Result<()> {
    for entry in &report.entries {
        match entry {
            // Made safe by its own Display: it may quote a pack's diagnostics, colored.
            TestEntry::Error { message } => writeln!(w.out, "{} {message}", "ERROR".red().bold())?,
            TestEntry::Failure {
                place,
                name,
                problems,
            } => {
                writeln!(
                    w.out,
                    "{} {}: {}",
                    "FAIL".red().bold(),
                    t(&place.location()),
                    t(name)
                )?;
                for line in problems {
                    writeln!(w.out, "    {}", t(&line.to_string()))?;
                }
            }
            TestEntry::Fixture {
                name,
                pack,
                cases,
                passed,
                failed,
            } => writeln!(
                w.out,
                "{} ({}): {}, {passed} passed, {failed} failed",
                t(name),
                t(pack),
                plural(*cases, "case")
            )?,
        }
    }
    for coverage in &report.coverage {
        edges(coverage, w)?;
    }
    if report.broken > 0 {
        writeln!(
            w.out,
            "\n{} could not run",
            plural(report.broken, "fixture")
        )?;
    }
    // CI reads this last line as it stands: no color, nothing else on it.
    writeln!(
        w.out,
        "\n{} passed, {} failed",
        report.passed, report.failed
    )
}

fn edges(coverage: &Coverage, w: &mut Writer<'_>) -> io::Result<()> {
    writeln!(
        w.out,
        "\n{} ({}): {} of {} reachable edges covered",
        t(&coverage.pack),
        t(&coverage.fixtures.join(", ")),
        coverage.covered,
        coverage.reachable
    )?;
    if coverage.routes_truncated {
        writeln!(
            w.out,
            "  note: more routes than the search looks at ({} routes, or {} steps in all); \
             edges no route takes are listed as uncovered",
            coverage.route_limit, coverage.step_limit
        )?;
    }
    for edge in coverage.uncovered.iter().take(LISTED) {
        writeln!(w.out, "  uncovered: {}", t(&edge.to_string()))?;
    }
    if coverage.uncovered.len() > LISTED {
        let more = coverage.uncovered.len() - LISTED;
        writeln!(w.out, "  … and {more} more uncovered")?;
    }
    for edge in &coverage.unreachable {
        writeln!(w.out, "  unreachable: {}", t(&edge.to_string()))?;
    }
    Ok(())
}
