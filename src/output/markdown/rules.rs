//! `rules check` and `rules test` as Markdown.

use std::io::{self, Write};

use super::{code, flat, indented_fence, prose};
use crate::output::plural;
use crate::output::report::{Check, TestEntry, TestRun};

pub(super) fn check(report: &Check, out: &mut dyn Write) -> io::Result<()> {
    let warnings = match report.warnings.len() {
        0 => "no problems".to_string(),
        n => plural(n, "warning"),
    };
    writeln!(
        out,
        "### rules check: {} checked, {warnings}",
        plural(report.files, "file")
    )?;
    if !report.warnings.is_empty() {
        writeln!(out)?;
    }
    for warning in &report.warnings {
        let message = prose(&flat(&warning.message));
        let at = code(&warning.place.location());
        writeln!(
            out,
            "- **warning** {} at {at}: {message}",
            code(warning.lint)
        )?;
    }
    if report.routes_truncated {
        writeln!(
            out,
            "\n_The tree has more routes than the search looks at ({} routes, or {} steps in \
             all); defaults were not checked for hidden branches._",
            report.route_limit, report.step_limit
        )?;
    }
    Ok(())
}

pub(super) fn test(report: &TestRun, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "### rules test: {} passed, {} failed",
        report.passed, report.failed
    )?;
    if report.broken > 0 {
        let broken = plural(report.broken, "fixture");
        writeln!(out, "\n{broken} could not run.")?;
    }
    writeln!(out)?;
    for entry in &report.entries {
        match entry {
            TestEntry::Error { message } => {
                writeln!(out, "- **ERROR**")?;
                block(&message.to_string(), out)?;
            }
            TestEntry::Failure {
                place,
                name,
                problems,
            } => {
                let at = code(&place.location());
                writeln!(out, "- **FAIL** {at}: {}", prose(&flat(name)))?;
                let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
                block(&lines.join("\n"), out)?;
            }
            TestEntry::Fixture {
                name,
                pack,
                cases,
                passed,
                failed,
            } => writeln!(
                out,
                "- {} ({}): {}, {passed} passed, {failed} failed",
                code(name),
                prose(pack),
                plural(*cases, "case")
            )?,
        }
    }
    for coverage in &report.coverage {
        writeln!(
            out,
            "\n#### {}: {} of {} reachable edges covered\n",
            prose(&coverage.pack),
            coverage.covered,
            coverage.reachable
        )?;
        for edge in &coverage.uncovered {
            writeln!(out, "- uncovered: {}", code(&edge.to_string()))?;
        }
        for edge in &coverage.unreachable {
            writeln!(out, "- unreachable: {}", code(&edge.to_string()))?;
        }
    }
    Ok(())
}

/// Lines as a fenced block inside a list item.
fn block(text: &str, out: &mut dyn Write) -> io::Result<()> {
    indented_fence("text", text, "  ", out)
}
