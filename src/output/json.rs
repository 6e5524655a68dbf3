//! Reports as JSON for programs: one pretty-printed object, never colored. The shapes and
//! the compatibility promise are in docs/json.md.

use std::io::{self, Write};

use serde::Serialize;

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
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}
