//! Reports as JSON for programs: one pretty-printed object, never colored. The shapes and
//! the compatibility promise are in docs/json.md. serde_json escapes the C0 controls in
//! strings; the rest of what must not reach a terminal raw (DEL, C1, bidi overrides) is
//! written as `\u` escapes too, since JSON output is read on terminals as well.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use super::escape::is_control;

use super::report::Report;

pub fn print(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    match report {
        Report::Advice(r) => write(r, out),
        Report::Explain(r) => write(r, out),
        Report::Compare(r) => write(r, out),
        Report::Profiles(r) => write(r, out),
        Report::Profile(r) => write(r, out),
        Report::Comparison(r) => write(r, out),
        Report::Check(r) => write(r, out),
        Report::Test(r) => write(r, out),
    }
}

fn write(value: &impl Serialize, out: &mut dyn Write) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(&mut *out, Safe::default());
    value.serialize(&mut serializer)?;
    writeln!(out)
}

/// serde_json's pretty printing, with every control character in a string escaped.
#[derive(Default)]
struct Safe(PrettyFormatter<'static>);

impl Formatter for Safe {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        text: &str,
    ) -> io::Result<()> {
        let mut rest = text;
        while let Some((at, c)) = rest.char_indices().find(|(_, c)| is_control(*c)) {
            w.write_all(&rest.as_bytes()[..at])?;
            // Outside the basic plane there is no control character to escape.
            write!(w, "\\u{:04x}", c as u32)?;
            rest = &rest[at + c.len_utf8()..];
        }
        w.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_control_character_is_an_escape_and_the_json_still_reads_back() {
        let hostile = "a\u{1b}]52;c;x\u{7}\u{85}\u{202e}b\u{7f}";
        let mut out = Vec::new();
        write(&serde_json::json!({ "text": hostile }), &mut out).expect("written");
        let text = String::from_utf8(out).expect("UTF-8");
        assert!(!text.chars().any(is_control_but_newline), "{text:?}");
        let back: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(back["text"], hostile);
    }

    fn is_control_but_newline(c: char) -> bool {
        c != '\n' && is_control(c)
    }
}
