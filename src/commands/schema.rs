//! `httpadvise rules schema`: the JSON Schema of the rule format, for editors.

use std::io::Write;

use crate::error::{Error, Exit};

pub fn run(out: &mut dyn Write) -> Result<Exit, Error> {
    writeln!(out, "{}", httpadvise_rules::schema::json())
        .and_then(|()| out.flush())
        .map_err(Error::Output)?;
    Ok(Exit::Advice)
}
