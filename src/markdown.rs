//! The recommendation as a Markdown comment for a pull request, with a Mermaid flowchart of
//! the path taken. Plain text: no ANSI codes, whatever the color settings.

use std::io::{self, Write};

use crate::expect::{agreement, describe, ExpectVerdict};
use crate::graph::{self, Drawing, Edge, Shape};
use crate::report::{retry_text, PathStep, Report};
use crate::session::Source;
use crate::tree::Cite;

/// Writes `report` as Markdown; `diagram` adds the Mermaid flowchart of its path.
pub fn report(report: &Report<'_>, diagram: bool, out: &mut dyn Write) -> io::Result<()> {
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
    changes(report, out)?;
    unused(report, out)?;
    sources(report, out)?;
    profile(report, out)
}

/// The verdict on `--expect`, first and quoted: it is what the reader asked.
fn expect(report: &Report<'_>, verdict: &ExpectVerdict, out: &mut dyn Write) -> io::Result<()> {
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
fn position(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
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
        false => line.push_str(&format!(" where the RFC reading is {}", report.rfc_status)),
    }
    line.push_str(&format!(". {}", prose(&flat(position.reason))));
    if let Some(cite) = position.cite {
        line.push_str(&format!(" Source: {}.", link(cite)));
    }
    writeln!(out, "\n{}", block_safe(line))?;
    fallback(report, out)
}

/// A profile that says nothing here leaves the RFC reading: the reader should know.
fn fallback(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    if !report.fallback {
        return Ok(());
    }
    let name = report.profile.as_ref().map_or("", |p| p.name);
    writeln!(
        out,
        "\nProfile `{name}` is silent here: this is the RFC reading."
    )
}

/// The path as a numbered list, the flowchart of it, then the explanation.
fn why(report: &Report<'_>, diagram: bool, out: &mut dyn Write) -> io::Result<()> {
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

fn path(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    for (n, step) in report.questions_answered().into_iter().enumerate() {
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
    Ok(())
}

/// The steps and the outcome only: the whole tree would bury the path in a pull request.
fn path_drawing(report: &Report<'_>) -> Drawing {
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

fn why_not(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
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

fn send(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
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
    if let Some(members) = response.members {
        writeln!(
            out,
            "\nExtension members worth adding: {}",
            prose(&flat(members))
        )?;
    }
    Ok(())
}

fn client(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n#### What the client should do")?;
    writeln!(out, "\n**Retry:** {}.", retry_text(report.client.retry))?;
    paragraphs(report.client.next_step, out)
}

fn assumptions(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    if report.assumptions.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "\n#### Assumptions\n\nNothing answered these questions, so their defaults were taken:\n"
    )?;
    for a in &report.assumptions {
        let flags: Vec<String> = a.flags.iter().map(|f| code(f)).collect();
        writeln!(
            out,
            "- `{}` = `{}`; decide it with {}",
            a.question,
            a.answer,
            flags.join(", ")
        )?;
    }
    Ok(())
}

fn changes(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    if report.changes.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n#### Changed by\n")?;
    for change in &report.changes {
        let reason = change
            .reason
            .map_or(String::new(), |r| format!(": {}", prose(&flat(r))));
        writeln!(
            out,
            "- {}, by {}{reason}",
            prose(&change.what),
            prose(&change.by)
        )?;
    }
    Ok(())
}

fn unused(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    if report.unused.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n#### Not used\n\nThe path never asked these questions, so their answers changed nothing:\n")?;
    for u in &report.unused {
        writeln!(out, "- `{}` = `{}`", u.question, u.answer)?;
    }
    Ok(())
}

fn sources(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    // `cite` is optional in a rule file: no heading without a source under it.
    if report.citations.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n#### Sources\n")?;
    for cite in report.citations {
        writeln!(out, "- {}", link(cite))?;
    }
    Ok(())
}

/// The profile the advice followed, last, as a signature.
fn profile(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let Some(p) = &report.profile else {
        return Ok(());
    };
    let title = prose(p.title);
    writeln!(out, "\n_Profile: `{}`, [{title}]({})_", p.name, url(p.url))
}

/// "412 Precondition Failed", or the code alone when the rules give it no name.
fn code_name(code: u16, name: &str) -> String {
    format!("{code} {name}").trim_end().to_string()
}

/// A citation as a link: "[RFC 9110 §15.5.13 412 Precondition Failed](…)".
pub(crate) fn link(cite: &Cite) -> String {
    format!("[{}]({})", prose(&cite.label()), url(&cite.url))
}

/// A URL that cannot end its link early: the characters that would are percent-encoded.
fn url(url: &str) -> String {
    url.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
        .replace('<', "%3C")
        .replace('>', "%3E")
}

/// Text as one code span, fenced with more backquotes than it holds in a row.
fn code(text: &str) -> String {
    let ticks = "`".repeat(longest_run(text, '`') + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{text}{pad}{ticks}")
}

/// A fenced block; the fence outgrows any run of backquotes inside, so nothing ends it early.
fn fenced(language: &str, body: &str, out: &mut dyn Write) -> io::Result<()> {
    let fence = "`".repeat(longest_run(body, '`').max(2) + 1);
    writeln!(out, "{fence}{language}\n{}\n{fence}", body.trim_end())
}

fn longest_run(text: &str, c: char) -> usize {
    text.split(|x| x != c).map(str::len).max().unwrap_or(0)
}

/// Each paragraph of rule prose as a Markdown paragraph; single line breaks are already
/// joined when the rules load, and GitHub would keep any left as hard breaks.
fn paragraphs(text: &str, out: &mut dyn Write) -> io::Result<()> {
    for paragraph in text.split("\n\n").map(flat).filter(|p| !p.is_empty()) {
        writeln!(out, "\n{}", block_safe(prose(&paragraph)))?;
    }
    Ok(())
}

/// Prose for a table cell: on one line, with the pipes that would end the cell escaped.
pub(crate) fn cell(text: &str) -> String {
    prose(&flat(text)).replace('|', "\\|")
}

/// Prose on one line, for a list item that a line break would end.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Prose that renders as it reads: code spans are kept as written; outside them, the
/// characters that would start emphasis, a link, an HTML tag or math are escaped. Only
/// where they would act, so that the plain text stays readable.
fn prose(text: &str) -> String {
    // An unmatched backquote would swallow the rest of the line into code.
    let spans = text.matches('`').count().is_multiple_of(2);
    let chars: Vec<char> = text.chars().collect();
    let mut escaped = String::with_capacity(text.len());
    let mut in_code = false;
    for (i, &c) in chars.iter().enumerate() {
        if c == '`' && spans {
            in_code = !in_code;
        } else if !in_code && special(&chars, i) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

fn special(chars: &[char], i: usize) -> bool {
    let next = chars.get(i + 1).copied();
    let opens = next.is_some_and(|c| !c.is_whitespace());
    let in_word = i > 0 && chars[i - 1].is_alphanumeric();
    match chars[i] {
        // Only an opening mark starts emphasis, strikethrough or math; a closer alone is text.
        '*' | '~' | '$' => opens,
        // GitHub never reads an underscore inside a word as emphasis: snake_case stays.
        '_' => opens && !in_word,
        '\\' => next.is_some_and(|c| c.is_ascii_punctuation()),
        // Brackets make a link only when a target follows the closing one.
        ']' => matches!(next, Some('(' | '[' | ':')),
        '<' => next.is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?')),
        // Reached only when the backquotes are unmatched.
        '`' => true,
        _ => false,
    }
}

/// Text that starts a line, kept from reading as a heading, list, quote or fence.
fn block_safe(text: String) -> String {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    match text[digits..].chars().next() {
        Some('.' | ')') if digits > 0 => format!("{}\\{}", &text[..digits], &text[digits..]),
        Some('#' | '>' | '+' | '-' | '~' | '=') if digits == 0 => format!("\\{text}"),
        _ => text,
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}
