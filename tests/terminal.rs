//! Terminal edge cases through a pseudo-terminal: a very narrow terminal, and stdin piped
//! while stderr is a terminal. The terminal's size is set with `stty` inside the terminal
//! before the program starts, so its first prompt already sees it. The pty library sets
//! its own size once the child runs, so the script waits for the test's go-ahead (sent
//! after that) before it changes the size.

use std::process::Command;
use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{Eof, Expect, Session};

const TIMEOUT: Duration = Duration::from_secs(20);

/// Runs `script` under `sh` on a pseudo-terminal; `$BIN` is the binary.
fn spawn(script: &str) -> OsSession {
    let mut command = Command::new("sh");
    command
        .args(["-c", script])
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1")
        .env("BIN", env!("CARGO_BIN_EXE_httpadvise"));
    let mut session = Session::spawn(command).expect("a pseudo-terminal");
    session.set_expect_timeout(Some(TIMEOUT));
    session
}

/// Everything shown until the exit, and the exit code.
fn finish(mut session: OsSession) -> (String, i32) {
    let rest = session.expect(Eof).expect("the program ends");
    let shown = String::from_utf8_lossy(rest.as_bytes()).into_owned();
    match session.get_process().wait().expect("exits") {
        WaitStatus::Exited(_, code) => (shown, code),
        other => panic!("not a plain exit: {other:?}\n{shown}"),
    }
}

/// The last family the first prompt draws: once it is on screen, the prompt reads keys.
const LAST_FAMILY: &str = "A conflict with stored state: a duplicate, dependents, a stale version";
const UP: &str = "\x1b[A";
const DOWN: &str = "\x1b[B";

#[test]
fn a_20_column_terminal_still_gets_prompts_and_wrapped_advice() {
    let mut session = spawn("read go; stty cols 20 rows 40; exec \"$BIN\"");
    session.send_line("go").expect("the go-ahead");
    session.expect(LAST_FAMILY).expect("the families, drawn");
    session
        .send(format!("{UP}{UP} \r"))
        .expect("pick the preconditions");
    session.expect("(other)").expect("the method prompt, drawn");
    session.send("\r").expect("choose POST");
    session.expect("[y/N]").expect("the precondition prompt");
    session
        .expect("\x1b[?25l")
        .expect("the prompt waits for a key");
    session.send("y").expect("answer yes");
    session
        .expect("(if-unmodified-since)")
        .expect("the condition prompt, drawn");
    session.send("\r").expect("choose if-match");
    let (rest, code) = finish(session);
    assert_eq!(code, 0, "{rest}");
    // At 20 columns the heading itself wraps after "Precondition".
    assert!(
        rest.contains("412 Precondition\r\n    Failed\r\n"),
        "{rest:?}"
    );
    // The advice, from its heading on; the prompts above have a test of their own.
    let advice = &rest[rest.find("412 Precondition").expect("the heading")..];
    for line in advice.lines().map(|l| l.trim_end_matches('\r')) {
        // A word longer than the terminal (a URL) may overflow, and so may the example
        // JSON body, which is code; the terminal wraps those. All prose must fit.
        let one_word = !line.trim().contains(' ');
        let json_member = line.trim_start().starts_with('"');
        assert!(
            line.chars().count() <= 20 || one_word || json_member,
            "too wide for 20 columns: {line:?}"
        );
    }
}

#[test]
fn a_20_column_terminal_still_lists_every_choice_and_takes_the_keys() {
    const HEADING: &str = "What is the state of the request content?";
    let mut session = spawn("read go; stty cols 20 rows 40; exec \"$BIN\"");
    session.send_line("go").expect("the go-ahead");
    session.expect(LAST_FAMILY).expect("the families, drawn");
    session
        .send(format!("{DOWN}{DOWN}{DOWN}{DOWN}{DOWN} \r"))
        .expect("pick the content");
    session.expect("(other)").expect("the method prompt, drawn");
    session.send("\r").expect("choose POST");
    session.expect(HEADING).expect("the payload prompt");
    // dialoguer draws each choice on a line of its own, whatever the width.
    session.expect("(missing)").expect("the last choice, drawn");
    session.send(DOWN).expect("down");
    session
        .expect("> It does not parse")
        .expect("malformed selected");
    session.send("\r").expect("enter");
    let (rest, code) = finish(session);
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("400 Bad"), "{rest}");
}

#[test]
fn stdin_piped_with_a_terminal_on_stderr_asks_nothing_and_says_what_it_assumed() {
    // Keys cannot come from a pipe, so the run is one-shot: every open question takes its
    // default, and the advice lists them, even though stderr could show a prompt.
    let session = spawn("echo payload-valid | \"$BIN\"");
    let (shown, code) = finish(session);
    assert_eq!(code, 0, "{shown}");
    assert!(shown.starts_with("200 OK"), "{shown}");
    assert!(
        shown.contains("Assumed (defaults; a flag decides otherwise)"),
        "{shown}"
    );
    assert!(
        !shown.contains("\x1b[?25l"),
        "no prompt may be drawn: {shown}"
    );
}

#[test]
fn stdin_piped_with_every_answer_given_advises_as_usual() {
    let session = spawn("true | \"$BIN\" --precondition --payload-valid");
    let (shown, code) = finish(session);
    assert_eq!(code, 0, "{shown}");
    assert!(shown.starts_with("412 Precondition Failed"), "{shown}");
}

#[test]
fn going_back_starts_at_the_previous_answer_and_the_first_question_says_so() {
    let mut session = spawn("exec \"$BIN\"");
    session.expect(LAST_FAMILY).expect("the families, drawn");
    session.send("\x1b").expect("Esc on the first question");
    session
        .expect("This is the first question.")
        .expect("says why nothing happened");
    session
        .expect(LAST_FAMILY)
        .expect("the families, drawn again");
    session
        .send(format!("{UP}{UP} \r"))
        .expect("pick the preconditions");
    session.expect("(other)").expect("the method prompt, drawn");
    session.send("\x1b").expect("Esc goes back");
    // The families again, drawn with the preconditions already picked.
    session
        .expect("[x] Conditional requests")
        .expect("the previous pick kept");
    session.expect(LAST_FAMILY).expect("drawn in full");
    session.send("\x03").expect("Ctrl-C");
    let (_, code) = finish(session);
    assert_eq!(code, 130);
}
