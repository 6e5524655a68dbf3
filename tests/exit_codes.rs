//! The README's exit-code table, row by row: each documented code is produced by a real
//! run, and no code is produced that the table does not document.

use std::collections::BTreeSet;
use std::process::{Command, Stdio};
use std::time::Duration;

use expectrl::{Expect, Session};

fn run(args: &[&str], stdout: Stdio) -> i32 {
    Command::new(env!("CARGO_BIN_EXE_httpadvise"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(Stdio::null())
        .status()
        .expect("the binary runs")
        .code()
        .expect("an exit code, not a signal")
}

/// Ctrl-C at the first prompt, through a pseudo-terminal.
fn cancelled() -> i32 {
    at_first_prompt(|session| session.send("\x03").expect("Ctrl-C"))
}

/// `signal` sent to the program at its first prompt.
fn signalled(signal: nix::sys::signal::Signal) -> i32 {
    at_first_prompt(|session| {
        let pid = session.get_process().pid();
        nix::sys::signal::kill(pid, signal).expect("the signal is sent");
    })
}

/// What the program exits with when `act` is done to it at its first prompt.
fn at_first_prompt(act: impl FnOnce(&mut expectrl::session::OsSession)) -> i32 {
    let mut command = Command::new(env!("CARGO_BIN_EXE_httpadvise"));
    command.env("TERM", "xterm-256color").env("NO_COLOR", "1");
    let mut session = Session::spawn(command).expect("a pseudo-terminal");
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    // The last choice drawn means the prompt is ready for keys.
    session
        .expect("A conflict with stored state")
        .expect("the first prompt");
    act(&mut session);
    let _ = session.expect(expectrl::Eof);
    match session.get_process().wait().expect("exits") {
        expectrl::process::unix::WaitStatus::Exited(_, code) => code,
        other => panic!("not a plain exit: {other:?}"),
    }
}

/// The codes the README's "Exit codes" table lists.
fn documented() -> BTreeSet<i32> {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let table = readme
        .split("## Exit codes")
        .nth(1)
        .expect("an Exit codes section");
    table
        .lines()
        .skip_while(|l| !l.starts_with("| code"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .next()
                .unwrap_or("")
                .trim()
                .parse()
                .expect("a code")
        })
        .collect()
}

#[test]
fn every_documented_exit_code_is_produced_and_no_other() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let produced: Vec<(i32, i32)> = vec![
        (
            0,
            run(&["--precondition", "--payload-valid"], Stdio::null()),
        ),
        (
            1,
            run(
                &["--precondition", "--payload-valid", "--expect", "422"],
                Stdio::null(),
            ),
        ),
        (
            2,
            run(
                &[
                    "--no-builtin-rules",
                    "--rules",
                    "tests/fixtures/snapshot/pack.toml",
                ],
                Stdio::null(),
            ),
        ),
        (2, run(&["--no-such-flag"], Stdio::null())),
        (
            74,
            run(&["--precondition", "--payload-valid"], Stdio::from(full)),
        ),
        (
            78,
            run(
                &[
                    "--no-builtin-rules",
                    "--rules",
                    "tests/fixtures/errors/cycle.toml",
                ],
                Stdio::null(),
            ),
        ),
        (129, signalled(nix::sys::signal::Signal::SIGHUP)),
        (130, cancelled()),
        (143, signalled(nix::sys::signal::Signal::SIGTERM)),
    ];
    for (expected, got) in &produced {
        assert_eq!(expected, got);
    }
    let tested: BTreeSet<i32> = produced.iter().map(|(code, _)| *code).collect();
    assert_eq!(
        tested,
        documented(),
        "the README's table and these cases must list the same codes"
    );
}
