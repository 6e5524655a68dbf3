//! `httpadvise completions SHELL`: a completion script for the full command, the flags
//! from the rules included.

use std::io::Write;

use crate::error::{Error, Exit};

pub fn run(
    mut command: clap::Command,
    shell: clap_complete::Shell,
    out: &mut dyn Write,
) -> Result<Exit, Error> {
    // clap_complete panics when a write fails: it writes to memory, then we to `out`.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "httpadvise", &mut script);
    out.write_all(&script)
        .and_then(|()| out.flush())
        .map_err(Error::Output)?;
    Ok(Exit::Advice)
}
