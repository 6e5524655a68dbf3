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

const SPACE: &str = " ";
const UP: &str = "\x1b[A";

const FAMILIES: &str = "Which of these does the request have a problem with?";
/// The last family drawn: once it is on screen, the prompt reads keys.
const FAMILIES_LAST: &str =
    "A conflict with stored state: a duplicate, dependents, a stale version";
const METHOD: &str = "Which method does the request use?";
const METHOD_LAST: &str = "Another method, one the server does not implement at all (other)";
const PRECONDITION: &str = "Did an If-* precondition of the request evaluate to false? [y/N]";
const CONDITION: &str = "Which precondition evaluated to false?";
const CONDITION_LAST: &str =
    "  If-Unmodified-Since (modified after that date) (if-unmodified-since)";
const REQUIRED: &str =
    "Does the endpoint require a conditional request, and did this request send none? [y/N]";
const CONFLICT: &str = "Does the request conflict with what the server has stored?";
const CONFLICT_LAST: &str = "It would create exactly what already exists (equivalent)";
const CREDENTIALS: &str = "What about the request's credentials?";
const CREDENTIALS_LAST: &str = "Sent, but invalid, expired or revoked (invalid)";
const SUCCESS: &str = "Which success is it?";
const SUCCESS_LAST: &str = "It succeeded, and the response carries no content (no-content)";
/// Written under every prompt's introduction, once per question asked.
const HINT: &str = "Ctrl-C quits";

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

/// Picks the family `moves` keys away from the first (Down, or Up from the first to
/// wrap to the last) and goes on.
fn pick_family(pty: &mut Pty, moves: &str) -> String {
    let shown = pty.expect_select(FAMILIES, FAMILIES_LAST);
    pty.wait_for_raw_mode();
    pty.send(moves);
    pty.send(SPACE);
    pty.send(ENTER);
    shown
}

/// How many prompts a session showed: each question's introduction ends with the hint.
fn prompts(shown: &str) -> usize {
    shown.matches(HINT).count()
}

#[test]
fn a_guided_session_asks_the_families_then_only_what_they_need() {
    let mut pty = Pty::spawn(&[]);
    let families = pick_family(&mut pty, &UP.repeat(2));
    assert!(
        families.contains("> [ ] The service: overloaded, or down for maintenance"),
        "the cursor starts at the first family:\n{families}"
    );
    let method = pty.expect_select(METHOD, METHOD_LAST);
    assert!(
        method.contains("> POST (post)"),
        "POST is preselected:\n{method}"
    );
    pty.send(DOWN);
    pty.expect("> PUT (put)");
    pty.send(ENTER);
    let precondition = pty.expect_confirm(PRECONDITION);
    assert!(
        precondition.contains("so far: method=put"),
        "defaults are not repeated:\n{precondition}"
    );
    pty.send("y");
    let condition = pty.expect_select(CONDITION, CONDITION_LAST);
    assert!(
        condition.contains("so far: method=put → precondition=yes"),
        "{condition}"
    );
    pty.send(ENTER);
    let (code, verdict) = pty.finish();
    assert_eq!(headline(&verdict), "412 Precondition Failed", "{verdict}");
    assert_eq!(code, 0, "{verdict}");
    assert!(
        verdict.contains("Assumed on the way: service available,"),
        "{verdict}"
    );
}

/// One problem, at most four prompts: the families, the method, then the details.
#[test]
fn a_session_with_one_problem_takes_at_most_four_prompts() {
    // The duplicate email: the state family, POST, a duplicate.
    let mut pty = Pty::spawn(&[]);
    let mut shown = pick_family(&mut pty, UP);
    shown.push_str(&pty.expect_select(METHOD, METHOD_LAST));
    pty.send(ENTER);
    shown.push_str(&pty.expect_select(CONFLICT, CONFLICT_LAST));
    pty.send(DOWN);
    pty.expect("> A value that must be unique already exists (duplicate)");
    pty.send(ENTER);
    let (code, rest) = pty.finish();
    shown.push_str(&rest);
    assert_eq!((code, headline(&rest)), (0, "409 Conflict"), "{shown}");
    assert_eq!(prompts(&shown), 3, "{shown}");

    // The expired token: the access family, POST, invalid credentials.
    let mut pty = Pty::spawn(&[]);
    let mut shown = pick_family(&mut pty, &DOWN.repeat(3));
    shown.push_str(&pty.expect_select(METHOD, METHOD_LAST));
    pty.send(ENTER);
    shown.push_str(&pty.expect_select(CREDENTIALS, CREDENTIALS_LAST));
    pty.send(&DOWN.repeat(2));
    pty.expect("> Sent, but invalid, expired or revoked (invalid)");
    pty.send(ENTER);
    let (code, rest) = pty.finish();
    shown.push_str(&rest);
    assert_eq!((code, headline(&rest)), (0, "401 Unauthorized"), "{shown}");
    assert!(prompts(&shown) <= 4, "{shown}");

    // The unknown method: no family, and a method the server does not implement.
    let mut pty = Pty::spawn(&[]);
    let mut shown = pty.expect_select(FAMILIES, FAMILIES_LAST);
    pty.wait_for_raw_mode();
    pty.send(ENTER);
    shown.push_str(&pty.expect_select(METHOD, METHOD_LAST));
    pty.send(&DOWN.repeat(6));
    pty.expect("> Another method, one the server does not implement at all (other)");
    pty.send(ENTER);
    let (code, rest) = pty.finish();
    shown.push_str(&rest);
    assert_eq!(
        (code, headline(&rest)),
        (0, "501 Not Implemented"),
        "{shown}"
    );
    assert_eq!(prompts(&shown), 2, "{shown}");
}

#[test]
fn the_failed_if_match_takes_four_prompts() {
    let mut pty = Pty::spawn(&[]);
    let mut shown = pick_family(&mut pty, &UP.repeat(2));
    shown.push_str(&pty.expect_select(METHOD, METHOD_LAST));
    pty.send(DOWN);
    pty.expect("> PUT (put)");
    pty.send(ENTER);
    shown.push_str(&pty.expect_confirm(PRECONDITION));
    pty.send("y");
    shown.push_str(&pty.expect_select(CONDITION, CONDITION_LAST));
    pty.send(ENTER);
    let (code, rest) = pty.finish();
    shown.push_str(&rest);
    assert_eq!(
        (code, headline(&rest)),
        (0, "412 Precondition Failed"),
        "{shown}"
    );
    assert_eq!(prompts(&shown), 4, "{shown}");
}

#[test]
fn esc_goes_back_and_the_second_answer_counts() {
    let mut pty = Pty::spawn(&[]);
    pick_family(&mut pty, UP);
    pty.expect_select(METHOD, METHOD_LAST);
    pty.send(ENTER);
    pty.expect_select(CONFLICT, CONFLICT_LAST);
    pty.send(ESC);

    // The method again, at the answer given before.
    let again = pty.expect_select(METHOD, METHOD_LAST);
    assert!(again.contains("> POST (post)"), "{again}");
    pty.send(UP);
    pty.expect("> HEAD (head)");
    pty.send(ENTER);
    // HEAD changes nothing stored, so the conflict question is not asked: the success is.
    pty.expect_select(SUCCESS, SUCCESS_LAST);
    pty.send(ENTER);
    let (code, verdict) = pty.finish();
    assert_eq!(headline(&verdict), "200 OK", "{verdict}");
    assert!(!verdict.contains(CONFLICT), "{verdict}");
    assert_eq!(code, 0, "{verdict}");
}

#[test]
fn esc_at_the_first_question_goes_back_to_the_families_as_picked() {
    let mut pty = Pty::spawn(&[]);
    pick_family(&mut pty, UP);
    pty.expect_select(METHOD, METHOD_LAST);
    pty.send(ESC);
    let again = pty.expect_select(FAMILIES, FAMILIES_LAST);
    assert!(
        again.contains("[x] A conflict with stored state"),
        "the family picked before is still picked:\n{again}"
    );
    pty.wait_for_raw_mode();
    // Up from the first wraps to the last, the family picked: Space unpicks it.
    pty.send(UP);
    pty.send(SPACE);
    pty.send(ENTER);
    let method = pty.expect_select(METHOD, METHOD_LAST);
    assert!(method.contains("problem with? none"), "{method}");
    pty.send(ENTER);
    pty.expect_select(SUCCESS, SUCCESS_LAST);
    pty.send(ENTER);
    let (code, verdict) = pty.finish();
    assert_eq!(headline(&verdict), "200 OK", "{verdict}");
    assert_eq!(code, 0, "{verdict}");
}

/// Every question on the path answered by a flag but the two about preconditions.
const ALL_BUT_PRECONDITIONS: [&str; 13] = [
    "--service=ok",
    "--method=post",
    "--no-uri-too-long",
    "--no-headers-too-large",
    "--method-allowed",
    "--credentials=ok",
    "--no-forbidden",
    "--rate-limit=ok",
    "--payload-invalid",
    "--accept=ok",
    "--parameters=valid",
    "--idempotency-key=none",
    "--target=exists",
];

#[test]
fn questions_answered_by_flags_are_not_asked() {
    let args = [&["--interactive"][..], &ALL_BUT_PRECONDITIONS].concat();
    let mut pty = Pty::spawn(&args);
    let first = pty.expect_confirm(PRECONDITION);
    assert!(!first.contains(METHOD), "the method was asked:\n{first}");
    assert!(
        first.contains("so far: service=ok → method=post"),
        "{first}"
    );
    pty.send("n");
    let required = pty.expect_confirm(REQUIRED);
    assert!(!required.contains(METHOD), "{required}");
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
fn ctrl_c_at_the_families_prompt_exits_130_with_the_cursor_shown() {
    let mut pty = Pty::spawn(&[]);
    let prompt = pty.expect_select(FAMILIES, FAMILIES_LAST);
    assert!(prompt.contains(HIDE_CURSOR), "the prompt hides the cursor");
    assert_cancelled(pty);
}

#[test]
fn ctrl_c_at_a_select_prompt_exits_130_with_the_cursor_shown() {
    let mut pty = Pty::spawn(&[]);
    pty.expect_select(FAMILIES, FAMILIES_LAST);
    pty.wait_for_raw_mode();
    pty.send(ENTER);
    pty.expect_select(METHOD, METHOD_LAST);
    assert_cancelled(pty);
}

#[test]
fn ctrl_c_at_a_confirm_prompt_exits_130_with_the_cursor_shown() {
    let mut pty = Pty::spawn(&[]);
    pick_family(&mut pty, &UP.repeat(2));
    pty.expect_select(METHOD, METHOD_LAST);
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
    let mut pty = Pty::spawn(&[]);
    pty.expect_select(FAMILIES, FAMILIES_LAST);
    pty.wait_for_raw_mode();
    pty.send(ENTER);
    pty.expect_select(METHOD, METHOD_LAST);
    send_ctrl_d_then(&mut pty, ENTER);
    pty.expect_select(SUCCESS, SUCCESS_LAST);
    pty.send(ENTER);
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest:?}");
    assert!(rest.contains("200 OK"), "{rest:?}");
}

#[test]
fn ctrl_d_at_a_confirm_prompt_changes_nothing() {
    let args = [&["-i"][..], &ALL_BUT_PRECONDITIONS].concat();
    let mut pty = Pty::spawn(&args);
    pty.expect_confirm(PRECONDITION);
    send_ctrl_d_then(&mut pty, "n");
    pty.expect_confirm(REQUIRED);
    pty.send("n");
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest:?}");
    assert!(rest.contains("422 Unprocessable Content"), "{rest:?}");
}

/// A signal that ends the program while a prompt reads keys in raw mode: the terminal's
/// line mode, echo and cursor come back before it ends with 128 + the signal.
fn assert_given_back_on(signal: Signal, code: i32) {
    let mut pty = Pty::spawn(&[]);
    pty.expect_select(FAMILIES, FAMILIES_LAST);
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
        pty.expect_select(FAMILIES, FAMILIES_LAST);
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
