//! The recommendation as a Markdown comment for a pull request, with a Mermaid flowchart of
//! the path taken.

use std::io::{self, Write};

use httpadvise_rules::model::code_text;

use super::{block_safe, changes, code, fenced, flat, link, paragraphs, prose, quote};
use crate::engine::expect::ExpectVerdict;
use crate::engine::session::Source;
use crate::output::graph::{self, Drawing, Edge, Shape};
use crate::output::report::{agreement, describe, retry_text, Advice, PathStep};
use crate::output::{capitalise, code_name};

/// Writes `report` as Markdown; with `diagram`, the Mermaid flowchart of its path.
pub(super) fn advice(report: &Advice<'_>, out: &mut dyn Write) -> io::Result<()> {
    let diagram = report.diagram;
    if let Some(verdict) = &report.expect {
        expect(report, verdict, out)?;
    }
    writeln!(
        out,
        "### {}",
        prose(&code_name(report.status, report.title))
    )?;
    paragraphs(report.summary, out)?;
    position(report, out)?;
    why(report, diagram, out)?;
    why_not(report, out)?;
    send(report, out)?;
    client(report, out)?;
    assumptions(report, out)?;
    changes(&report.changes, out)?;
    unused(report, out)?;
    sources(report, out)?;
    profile(report, out)
}

/// The verdict on `--expect`, first and quoted: it is what the reader asked.
fn expect(report: &Advice<'_>, verdict: &ExpectVerdict, out: &mut dyn Write) -> io::Result<()> {
    let expected = prose(&code_name(verdict.expected, &verdict.title));
    if verdict.agrees {
        let why = prose(&agreement(verdict, report.title));
        return writeln!(out, "> **Expected {expected}: the rules agree{why}**\n");
    }
    let recommended = prose(&code_name(report.status, report.title));
    writeln!(
        out,
        "> **Expected {expected}: the rules recommend {recommended} instead.**\n>"
    )?;
    if verdict.alternatives.is_empty() {
        return writeln!(
            out,
            "> No route of the rules leads to {}.\n",
            verdict.expected
        );
    }
    writeln!(out, "> {} would fit if:\n>", verdict.expected)?;
    for alternative in &verdict.alternatives {
        let changes = prose(&describe(&alternative.changes));
        writeln!(out, "> - {changes}: outcome {}", code(&alternative.outcome))?;
    }
    writeln!(out)
}

/// Who decided the status, when a layer took a position here.
fn position(report: &Advice<'_>, out: &mut dyn Write) -> io::Result<()> {
    let Some(position) = &report.position else {
        return fallback(report, out);
    };
    let by = prose(&capitalise(&position.by));
    let mut line = format!(
        "**{by}:** {}",
        prose(&code_name(position.status, position.title))
    );
    if let Some(code) = position.code {
        let kind = position
            .code_kind
            .map_or(String::new(), |k| format!("{} ", prose(k)));
        line.push_str(&format!(" ({kind}{})", self::code(code)));
    }
    match position.status == report.rfc_status {
        true => line.push_str(", as the RFC reading"),
        false => line.push_str(&format!(
            " where the RFC reading is {}",
            prose(&code_text(report.rfc_status))
        )),
    }
    line.push_str(&format!(". {}", prose(&flat(position.reason))));
    if let Some(cite) = position.cite {
        line.push_str(&format!(" Source: {}.", link(cite)));
    }
    // The line opens with its own bold, and `flat` joined the rule text into it: no
    // line of the rule text can start a block here.
    writeln!(out, "\n{line}")?;
    if let Some(cite) = position.cite {
        quote(cite, out)?;
    }
    fallback(report, out)
}

/// A profile that says nothing here leaves the RFC reading: the reader should know.
fn fallback(report: &Advice<'_>, out: &mut dyn Write) -> io::Result<()> {
    if !report.fallback {
        return Ok(());
    }
    let name = report.profile.as_ref().map_or("", |p| p.name);
    writeln!(
        out,
        "\nProfile {} is silent here: this is the RFC reading.",
        code(name)
    )
}

/// The path as a numbered list, the flowchart of it, then the explanation.
fn why(report: &Advice<'_>, diagram: bool, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n#### Why\n")?;
    path(report, out)?;
    if diagram {
        let mut chart = Vec::new();
        graph::mermaid(&path_drawing(report), &mut chart)?;
        writeln!(out)?;
        fenced("mermaid", &String::from_utf8_lossy(&chart), out)?;
    }
    paragraphs(report.explanation, out)
}

fn path(report: &Advice<'_>, out: &mut dyn Write) -> io::Result<()> {
    for (n, step) in report.steps_shown().into_iter().enumerate() {
        let assumed = if step.source == Source::Default {
            " _(assumed)_"
        } else {
            ""
        };
        let (prompt, label) = (
            block_safe(prose(&flat(step.prompt))),
            prose(&flat(step.label)),
        );
        writeln!(out, "{}. {prompt} → **{label}**{assumed}", n + 1)?;
    }
    if !report.assumed.is_empty() {
        let assumed: Vec<String> = report
            .assumed
            .iter()
            .map(|a| prose(&flat(a.assumed)))
            .collect();
        writeln!(out, "\n_Assumed on the way: {}._", assumed.join(", "))?;
    }
    Ok(())
}

/// The steps and the outcome only: the whole tree would bury the path in a pull request.
fn path_drawing(report: &Advice<'_>) -> Drawing {
    let mut shapes: Vec<Shape> = report
        .path
        .iter()
        .map(|s| Shape::node(s.node, s.prompt))
        .collect();
    let mut outcome = Shape::outcome(report.status, report.title, report.outcome);
    outcome.walked = true;
    shapes.push(outcome);
    let edge = |(i, step): (usize, &PathStep<'_>)| Edge {
        from: i,
        to: i + 1,
        label: step.answer.to_string(),
        walked: false,
        assumed: step.source == Source::Default,
    };
    let edges = report.path.iter().enumerate().map(edge).collect();
    Drawing { shapes, edges }
}

fn why_not(report: &Advice<'_>, out: &mut dyn Write) -> io::Result<()> {
    if report.why_not.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n#### Why not\n")?;
    for note in &report.why_not {
        let code = prose(&code_name(note.status, note.title));
        writeln!(out, "- **{code}**: {}", prose(&flat(note.reason)))?;
    }
    Ok(())
}

fn send(report: &Advice<'_>, out: &mut dyn Write) -> io::Result<()> {
    let response = &report.response;
    if response.headers.is_empty() && response.body.is_none() {
        return Ok(());
    }
    writeln!(out, "\n#### What to send")?;
    if !response.headers.is_empty() {
        writeln!(out)?;
    }
    for header in &response.headers {
        writeln!(out, "- {}: {}", code(header.name), prose(&flat(header.why)))?;
    }
    if let (Some(content_type), Some(body)) = (response.content_type, &response.body) {
        writeln!(
            out,
            "\nWith `Content-Type: {content_type}`, a body such as:\n"
        )?;
        let pretty = serde_json::to_string_pretty(body).map_err(io::Error::other)?;
        fenced("json", &pretty, out)?;
    }
    if !response.members.is_empty() {
        writeln!(out, "\nExtension members worth adding:\n")?;
        for member in response.members {
            let description = prose(&flat(&member.description));
            writeln!(out, "- {}: {description}", code(&member.name))?;
        }
    }
    Ok(())
}

fn client(report: &Advice<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n#### What the client should do")?;
    writeln!(out, "\n**Retry:** {}.", retry_text(report.client.retry))?;
    paragraphs(report.client.next_step, out)
}

fn assumptions(report: &Advice<'_>, out: &mut dyn Write) -> io::Result<()> {
    if report.assumptions.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "\n#### Assumptions\n\nNothing answered these questions, so their defaults were taken:\n"
    )?;
    for family in &report.assumed {
        let flags: Vec<String> = family.flags.iter().map(|f| code(f)).collect();
        writeln!(
            out,
            "- {}; decide it with {}",
            block_safe(prose(&flat(family.assumed))),
            flags.join(", ")
        )?;
    }
    for a in report.assumptions_alone() {
        let flags: Vec<String> = a.flags.iter().map(|f| code(f)).collect();
        writeln!(
            out,
            "- {} = {}; decide it with {}",
            code(a.question),
            code(a.answer),
            flags.join(", ")
        )?;
    }
    Ok(())
}

fn unused(report: &Advice<'_>, out: &mut dyn Write) -> io::Result<()> {
    if report.unused.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n#### Not used\n\nThe path never asked these questions, so their answers changed nothing:\n")?;
    for u in &report.unused {
        writeln!(out, "- {} = {}", code(u.question), code(u.answer))?;
    }
    Ok(())
}

fn sources(report: &Advice<'_>, out: &mut dyn Write) -> io::Result<()> {
    // `cite` is optional in a rule file: no heading without a source under it.
    if report.citations.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n#### Sources\n")?;
    for cite in report.citations {
        writeln!(out, "- {}", block_safe(link(cite)))?;
        quote(cite, out)?;
    }
    Ok(())
}

/// The profile the advice followed, last, as a signature.
fn profile(report: &Advice<'_>, out: &mut dyn Write) -> io::Result<()> {
    let Some(p) = &report.profile else {
        return Ok(());
    };
    let guide = crate::output::escape::markdown::link(p.title, p.url);
    writeln!(out, "\n_Profile: {}, {guide}_", code(p.name))
}
