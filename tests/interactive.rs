//! Interactive sessions on a pseudo-terminal: the keys a person presses at the prompts,
//! and what the program shows and exits with. Every key is sent only once the
//! prompt it answers has rendered, so a slow machine makes the tests slower, never wrong.

use std::os::fd::AsRawFd;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{Eof, Expect, Session};
use nix::sys::signal::{kill, Signal};
use nix::sys::termios::{self, LocalFlags};

/// Long enough for a loaded machine; a passing run takes milliseconds per prompt.
const TIMEOUT: Duration = Duration::from_secs(20);

const ENTER: &str = "\r";
const DOWN: &str = "\x1b[B";
const ESC: &str = "\x1b";
const CTRL_C: &str = "\x03";
const CTRL_D: &str = "\x04";

const HIDE_CURSOR: &str = "\x1b[?25l";
const SHOW_CURSOR: &str = "\x1b[?25h";

const PAYLOAD: &str = "What is the state of the request content?";
/// The last item of the payload question: once it is on screen, the prompt reads keys.
const PAYLOAD_LAST: &str = "  The endpoint requires content and the request has none (missing)";
const PRECONDITION: &str = "Did an If-* precondition of the request evaluate to false? [y/N]";
const CONDITION: &str = "Which precondition evaluated to false?";
const CONDITION_LAST: &str =
    "  If-Unmodified-Since (modified after that date) (if-unmodified-since)";
const REQUIRED: &str =
    "Does the endpoint require a conditional request, and did this request send none? [y/N]";

/// A running `httpadvise` on a pseudo-terminal, and everything it has shown so far.
struct Pty {
    session: OsSession,
    shown: String,
}

impl Pty {
    /// Starts the binary with only the environment the tests decide on: no inherited
    /// NO_COLOR, CLICOLOR_FORCE, COLUMNS or LINES can change what it prints. The terminal
    /// is the 80x24 that ptyprocess sets before the program starts; resizing it here
    /// would race with the first prompt, which reads the size.
    fn spawn(args: &[&str]) -> Pty {
        let mut command = Command::new(env!("CARGO_BIN_EXE_httpadvise"));
        command
            .args(args)
            .env_clear()
            .env("TERM", "xterm-256color")
            .env("NO_COLOR", "1");
        let mut session = Session::spawn(command).expect("spawn httpadvise on a pty");
        session.set_expect_timeout(Some(TIMEOUT));
        let size = session.get_process().get_window_size().expect("pty size");
        assert_eq!(size, (80, 24), "the pty size the tests assume");
        Pty {
            session,
            shown: String::new(),
        }
    }

    /// Waits for `text` and returns what was shown up to it, since the previous wait.
    fn expect(&mut self, text: &str) -> String {
        match self.session.expect(text) {
            Ok(found) => self.record(found.as_bytes()),
            Err(error) => panic!(
                "waiting for {text:?}: {error}\nshown so far:\n{}",
                self.shown
            ),
        }
    }

    /// Waits for a Select prompt: its question, then its last item, after which it reads.
    fn expect_select(&mut self, prompt: &str, last_item: &str) -> String {
        let mut before = self.expect(prompt);
        before.push_str(&self.expect(last_item));
        before
    }

    /// Waits for a Confirm prompt: its question, then the hidden cursor, written last
    /// before the prompt reads a key.
    fn expect_confirm(&mut self, prompt: &str) -> String {
        let mut before = self.expect(prompt);
        before.push_str(&self.expect(HIDE_CURSOR));
        before
    }

    fn send(&mut self, keys: &str) {
        self.session.send(keys).expect("send keys to the pty");
    }

    /// Waits until the program reads keys in raw mode. Sent any earlier, Ctrl-D would meet
    /// a terminal still in line mode, which takes it for an end of file and hands it on as
    /// a NUL once raw mode begins; the other keys arrive the same either way.
    fn wait_for_raw_mode(&self) {
        let deadline = Instant::now() + TIMEOUT;
        while self.line_mode() {
            assert!(
                Instant::now() < deadline,
                "the prompt never read a key\nshown so far:\n{}",
                self.shown
            );
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// Whether the terminal is in line mode; the pty's end shares the program's settings.
    fn line_mode(&self) -> bool {
        let settings = termios::tcgetattr(self.session.as_raw_fd()).expect("the pty's settings");
        settings.local_flags.contains(LocalFlags::ICANON)
    }

    /// Sends `signal` to the program.
    fn signal(&self, signal: Signal) {
        let pid = self.session.get_process().pid();
        kill(pid, signal).expect("the signal is sent");
    }

    /// Waits for the exit, then reads the terminal's modes as the program left them:
    /// (exit code, the rest shown, whether line mode is back on).
    fn finish_with_modes(mut self) -> (i32, String, Result<(), String>) {
        let rest = match self.session.expect(Eof) {
            Ok(found) => self.record(found.as_bytes()),
            Err(error) => panic!("waiting for the exit: {error}\nshown:\n{}", self.shown),
        };
        let status = self
            .session
            .get_process()
            .wait()
            .expect("wait for httpadvise");
        let settings = termios::tcgetattr(self.session.as_raw_fd()).expect("the pty's settings");
        // What raw mode turns off (echo was off from the start: expectrl sets it so).
        let line_mode = LocalFlags::ICANON | LocalFlags::ISIG | LocalFlags::IEXTEN;
        let given_back = match settings.local_flags.contains(line_mode) {
            true => Ok(()),
            false => Err(format!("left as {:?}", settings.local_flags)),
        };
        match status {
            WaitStatus::Exited(_, code) => (code, rest, given_back),
            other => panic!("httpadvise did not exit by itself: {other:?}\nshown:\n{rest}"),
        }
    }

    /// Reads to the end of the output and waits for the exit: (exit code, the rest shown).
    fn finish(mut self) -> (i32, String) {
        let rest = match self.session.expect(Eof) {
            Ok(found) => self.record(found.as_bytes()),
            Err(error) => panic!("waiting for the exit: {error}\nshown:\n{}", self.shown),
        };
        let status = self
            .session
            .get_process()
            .wait()
            .expect("wait for httpadvise");
        match status {
            WaitStatus::Exited(_, code) => (code, rest),
            other => panic!("httpadvise did not exit by itself: {other:?}\nshown:\n{rest}"),
        }
    }

    fn record(&mut self, bytes: &[u8]) -> String {
        let text = String::from_utf8_lossy(bytes).into_owned();
        self.shown.push_str(&text);
        text
    }
}

/// The recommendation's first line: stdout begins once the last prompt has shown the cursor
/// again. The rest of the text names other codes too, under "Why not".
fn headline(output: &str) -> &str {
    let start = output
        .rfind(SHOW_CURSOR)
        .map_or(0, |at| at + SHOW_CURSOR.len());
    output[start..].lines().next().unwrap_or_default()
}

/// Whether the cursor is visible at the end of `output`: shown after it was last hidden.
fn cursor_visible(output: &str) -> bool {
    match (output.rfind(SHOW_CURSOR), output.rfind(HIDE_CURSOR)) {
        (Some(shown), Some(hidden)) => shown > hidden,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

#[test]
fn a_full_session_asks_each_question_and_prints_the_verdict() {
    let mut pty = Pty::spawn(&[]);
    let payload = pty.expect_select(PAYLOAD, PAYLOAD_LAST);
    assert!(
        payload.contains("> It parses and is valid by itself (valid)"),
        "valid is preselected:\n{payload}"
    );
    pty.send(ENTER);
    let precondition = pty.expect_confirm(PRECONDITION);
    assert!(
        precondition.contains("so far: payload=valid"),
        "{precondition}"
    );
    pty.send("y");
    let condition = pty.expect_select(CONDITION, CONDITION_LAST);
    assert!(
        condition.contains("so far: payload=valid → precondition=yes"),
        "{condition}"
    );
    assert!(
        condition.contains("> If-Match (the entity tag no longer matches) (if-match)"),
        "if-match is preselected:\n{condition}"
    );
    pty.send(ENTER);
    let (code, verdict) = pty.finish();
    assert_eq!(headline(&verdict), "412 Precondition Failed", "{verdict}");
    assert_eq!(code, 0, "{verdict}");
}

#[test]
fn esc_goes_back_and_the_second_answer_counts() {
    let mut pty = Pty::spawn(&[]);
    pty.expect_select(PAYLOAD, PAYLOAD_LAST);
    pty.send(ENTER);
    pty.expect_confirm(PRECONDITION);
    pty.send(ESC);

    // The payload question again, with its answer undone.
    let again = pty.expect_select(PAYLOAD, PAYLOAD_LAST);
    assert!(
        !again.contains("so far:"),
        "payload is unanswered again:\n{again}"
    );
    assert!(!again.contains(PRECONDITION), "{again}");
    pty.send(DOWN);
    pty.expect("> It does not parse as its media type (malformed)");
    pty.expect(PAYLOAD_LAST);
    pty.send(DOWN);
    pty.expect("> It parses, but is invalid by itself");
    pty.expect(PAYLOAD_LAST);
    pty.send(ENTER);

    let precondition = pty.expect_confirm(PRECONDITION);
    assert!(
        precondition.contains("so far: payload=invalid"),
        "{precondition}"
    );
    pty.send("n");
    pty.expect_confirm(REQUIRED);
    pty.send("n");
    let (code, verdict) = pty.finish();
    assert_eq!(headline(&verdict), "422 Unprocessable Content", "{verdict}");
    assert_eq!(code, 0, "{verdict}");
}

#[test]
fn questions_answered_by_flags_are_not_asked() {
    let mut pty = Pty::spawn(&["--interactive", "--payload-invalid"]);
    let first = pty.expect_confirm(PRECONDITION);
    assert!(!first.contains(PAYLOAD), "payload was asked:\n{first}");
    assert!(first.contains("so far: payload=invalid"), "{first}");
    pty.send("n");
    let required = pty.expect_confirm(REQUIRED);
    assert!(!required.contains(PAYLOAD), "{required}");
    pty.send("n");
    let (code, verdict) = pty.finish();
    assert_eq!(headline(&verdict), "422 Unprocessable Content", "{verdict}");
    assert_eq!(code, 0, "{verdict}");
}

/// Ctrl-C exits 130 by itself (not killed by the signal), and what it writes after the
/// prompt shows the cursor the prompt hid.
fn assert_cancelled(mut pty: Pty) {
    pty.send(CTRL_C);
    let (code, rest) = pty.finish();
    assert_eq!(code, 130, "{rest:?}");
    assert!(cursor_visible(&rest), "cursor left hidden: {rest:?}");
}

#[test]
fn ctrl_c_at_a_select_prompt_exits_130_with_the_cursor_shown() {
    let mut pty = Pty::spawn(&[]);
    let prompt = pty.expect_select(PAYLOAD, PAYLOAD_LAST);
    assert!(prompt.contains(HIDE_CURSOR), "the prompt hides the cursor");
    assert_cancelled(pty);
}

#[test]
fn ctrl_c_at_a_confirm_prompt_exits_130_with_the_cursor_shown() {
    let mut pty = Pty::spawn(&[]);
    pty.expect_select(PAYLOAD, PAYLOAD_LAST);
    pty.send(ENTER);
    pty.expect_confirm(PRECONDITION);
    assert_cancelled(pty);
}

/// Ctrl-D at a prompt does what dialoguer does with it: nothing. The prompt still waits,
/// and the next key answers it.
fn send_ctrl_d_then(pty: &mut Pty, answer: &str) {
    pty.wait_for_raw_mode();
    pty.send(CTRL_D);
    pty.send(answer);
}

#[test]
fn ctrl_d_at_a_select_prompt_changes_nothing() {
    // One-shot: only the question without a default is asked.
    let mut pty = Pty::spawn(&["--no-precondition"]);
    pty.expect_select(PAYLOAD, PAYLOAD_LAST);
    send_ctrl_d_then(&mut pty, ENTER);
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest:?}");
    assert!(rest.contains("200 OK"), "{rest:?}");
}

#[test]
fn ctrl_d_at_a_confirm_prompt_changes_nothing() {
    let args = [
        "-i",
        "--payload-valid",
        "--answer=idempotency-key=none",
        "--no-conflict",
    ];
    let mut pty = Pty::spawn(&args);
    pty.expect_confirm(PRECONDITION);
    send_ctrl_d_then(&mut pty, "n");
    pty.expect_confirm(REQUIRED);
    pty.send("n");
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest:?}");
    assert!(rest.contains("200 OK"), "{rest:?}");
}

/// A signal that ends the program while a prompt reads keys in raw mode: the terminal's
/// line mode, echo and cursor come back before it ends with 128 + the signal.
fn assert_given_back_on(signal: Signal, code: i32) {
    let mut pty = Pty::spawn(&[]);
    pty.expect_select(PAYLOAD, PAYLOAD_LAST);
    pty.wait_for_raw_mode();
    pty.signal(signal);
    let (exit, rest, given_back) = pty.finish_with_modes();
    assert_eq!(exit, code, "{rest:?}");
    assert_eq!(given_back, Ok(()), "the terminal's modes after {signal}");
    assert!(
        cursor_visible(&rest),
        "cursor left hidden after {signal}: {rest:?}"
    );
}

#[test]
fn sigterm_at_a_prompt_gives_the_terminal_back_and_exits_143() {
    assert_given_back_on(Signal::SIGTERM, 143);
}

#[test]
fn sighup_at_a_prompt_gives_the_terminal_back_and_exits_129() {
    assert_given_back_on(Signal::SIGHUP, 129);
}

/// Ctrl-C right behind a burst of keys, sent as one write while the prompt redraws:
/// whatever state the key reading is in, the terminal comes back.
#[test]
fn ctrl_c_behind_a_burst_of_keys_gives_the_terminal_back() {
    for _ in 0..7 {
        let mut pty = Pty::spawn(&[]);
        pty.expect_select(PAYLOAD, PAYLOAD_LAST);
        pty.send(&format!("{}{CTRL_C}", DOWN.repeat(40)));
        let (exit, rest, given_back) = pty.finish_with_modes();
        assert_eq!(exit, 130, "{rest:?}");
        assert_eq!(given_back, Ok(()), "the terminal's modes after Ctrl-C");
        assert!(cursor_visible(&rest), "cursor left hidden: {rest:?}");
    }
}

/// A pack whose prompts and labels carry control sequences: the prompts show them as
/// visible escapes, and none reaches the terminal as itself.
#[test]
fn prompts_show_control_sequences_from_the_rules_as_text() {
    let pack = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/hostile/pack.toml"
    );
    let args = ["--no-config", "--no-builtin-rules", "--rules", pack, "-i"];
    let mut pty = Pty::spawn(&args);
    let mut shown = pty.expect_select("ZZMARK", "(odd)");
    pty.send(DOWN);
    pty.send(ENTER);
    shown.push_str(&pty.expect_confirm("[Y/n]"));
    pty.send("n");
    let (code, rest) = pty.finish();
    shown.push_str(&rest);
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("\\x1b]52;c;aGk="), "{shown}");
    for raw in [
        "\x1b]", "\x1b[2J", "\x07", "\0", "\x08", "\u{9b}", "\u{202e}",
    ] {
        assert!(
            !shown.contains(raw),
            "{raw:?} reached the terminal:\n{shown}"
        );
    }
}
