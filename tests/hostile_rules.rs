//! Rule files written to hurt, through the real binary: every output of a pack whose every
//! text field carries control sequences, shell substitutions and markup is scanned for
//! what must not come out; completion scripts are sourced by real shells; pathological
//! packs run under a time and a memory limit; FIFOs never hang; a scenario reads nothing
//! outside its folder; house rules from another user are not read, and every change the
//! read ones make is marked.

mod common;

use std::ffi::OsString;
use std::fs;
use std::os::unix::ffi::OsStringExt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use httpadvise::output::escape::is_control;
use httpadvise_rules::generate;
use serde_json::Value;

const PACK: &str = "tests/fixtures/hostile/pack.toml";

/// The word every hostile text field starts with.
const MARK: &str = "ZZMARK";

fn here() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh folder of this test's own.
fn temp(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("httpadvise-hostile-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_httpadvise"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

/// The hostile pack alone, then `args`.
fn hostile(args: &[&str]) -> Output {
    let pack = here().join(PACK);
    let pack = pack.to_str().expect("a UTF-8 path");
    let mut all = vec!["--no-config", "--no-builtin-rules", "--rules", pack];
    all.extend_from_slice(args);
    run_in(&here(), &all)
}

/// Every control character in `bytes` that is not a newline, after removing the color
/// codes (`ESC [ … m`) when `colored` is set: anything else is rule text that got through.
fn stray_controls(bytes: &[u8], colored: bool) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut stray = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if colored && c == '\x1b' && text[at + 1..].starts_with('[') {
            let rest = &text[at + 2..];
            let end = rest.find(|c: char| !c.is_ascii_digit() && c != ';');
            if let Some(end) = end.filter(|e| rest[*e..].starts_with('m')) {
                for _ in 0..end + 2 {
                    chars.next();
                }
                continue;
            }
        }
        if c != '\n' && is_control(c) {
            let context: String = text[at..].chars().take(24).collect();
            stray.push(format!("{:?} at {at}: {context:?}", c));
        }
    }
    stray
}

fn assert_clean(what: &str, output: &Output, colored: bool) {
    for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
        let stray = stray_controls(bytes, colored);
        assert!(stray.is_empty(), "{what}, {stream}: {stray:#?}");
    }
}

/// Every output the pack reaches, in every format: nothing but the color codes the run
/// asked for comes out.
#[test]
fn no_control_character_from_rule_text_reaches_any_output() {
    let runs: Vec<Vec<&str>> = vec![
        vec!["--odd-widget"],
        vec!["--odd-widget", "--no-sure", "--expect", "200"],
        vec!["--widget=fine", "--format", "json"],
        vec!["--odd-widget", "--no-sure", "--format", "markdown"],
        vec!["explain", "200"],
        vec!["explain", "422", "--format", "markdown"],
        vec!["explain", "422", "--format", "json"],
        vec!["compare", "200", "422"],
        vec!["compare", "200", "422", "--format", "markdown"],
        vec!["rules", "graph", "--format", "dot", "--odd-widget"],
        vec!["rules", "graph", "--format", "mermaid"],
        vec!["rules", "check"],
        vec!["--help"],
        vec!["man"],
        vec!["--answer", "widget=nope"],
    ];
    for args in &runs {
        for color in ["never", "always"] {
            let mut all = args.clone();
            all.extend(["--color", color]);
            let output = hostile(&all);
            assert_clean(&format!("{all:?}"), &output, color == "always");
        }
    }
}

#[test]
fn the_mermaid_chart_and_the_markdown_cannot_be_taken_over() {
    let chart = String::from_utf8(hostile(&["rules", "graph", "--format", "mermaid"]).stdout)
        .expect("UTF-8");
    assert!(chart.contains(MARK), "{chart}");
    assert!(!chart.contains("%%"), "a directive got through: {chart}");
    let comment =
        String::from_utf8(hostile(&["--odd-widget", "--no-sure", "--format", "markdown"]).stdout)
            .expect("UTF-8");
    assert!(comment.contains(MARK));
    // Markup from the rules is escaped where it would act: never left as it was. Inside a
    // fenced block Markdown reads nothing; the chart's own escaping is checked above.
    let comment: String = comment
        .split("```")
        .step_by(2)
        .collect::<Vec<_>>()
        .join("\n");
    for live in ["<script>", "](javascript:"] {
        let unescaped = comment
            .match_indices(live)
            .any(|(at, _)| !comment[..at].ends_with('\\') && !comment[..at + 1].ends_with("\\]"));
        assert!(!unescaped, "{live:?} is live in:\n{comment}");
    }
    for line in comment.lines() {
        assert!(
            !line.starts_with("# heading") && !line.starts_with("- item"),
            "{line}"
        );
    }
}

/// A help text that starts with a roff request (`.so` reads a file) is text in the man
/// page, not a request.
#[test]
fn the_man_page_reads_rule_text_as_text() {
    let page = String::from_utf8(hostile(&["man"]).stdout).expect("UTF-8");
    assert!(page.contains("/etc/hostile"), "{page}");
    let requests: Vec<&str> = page
        .lines()
        .filter(|line| line.starts_with(['.', '\'']) && line.contains("hostile"))
        .collect();
    assert!(requests.is_empty(), "{requests:#?}");
}

/// A rules test case named with the payload, and a fixture error quoting it.
#[test]
fn scenario_reports_quote_nothing_raw() {
    let dir = temp("scenario");
    fs::copy(here().join(PACK), dir.join("pack.toml")).expect("copied");
    let name = "ZZMARK \\u001b]52;c;aGk=\\u0007 \\u001b[2J";
    fs::write(
        dir.join("cases.toml"),
        format!(
            "rules = [\"pack.toml\"]\n[[case]]\nname = \"{name}\"\nanswers = {{ widget = \"fine\" }}\nstatus = 422\n"
        ),
    )
    .expect("written");
    fs::write(
        dir.join("broken.toml"),
        format!("[[case]]\nname = \"{name}\"\nstatus = \"x\"\n"),
    )
    .expect("written");
    let output = run_in(
        &dir,
        &[
            "--no-config",
            "--no-builtin-rules",
            "rules",
            "test",
            "cases.toml",
            "broken.toml",
        ],
    );
    let _ = fs::remove_dir_all(&dir);
    assert!(String::from_utf8_lossy(&output.stdout).contains(MARK));
    assert_clean("rules test", &output, false);
}

/// A syntax error on a line of almost the whole file's size prints a short error.
#[test]
fn an_error_on_a_huge_line_prints_a_short_message() {
    let dir = temp("long-line");
    let line = format!("prompt = \"{}\n", "x".repeat(3 * 1024 * 1024));
    fs::write(dir.join("long.toml"), line).expect("written");
    let output = run_in(
        &dir,
        &["--no-config", "--rules", "long.toml", "--payload-valid"],
    );
    let _ = fs::remove_dir_all(&dir);
    assert_eq!(output.status.code(), Some(78));
    assert!(
        output.stderr.len() < 4_000,
        "{} bytes of stderr",
        output.stderr.len()
    );
}

fn completions(shell: &str) -> String {
    let output = hostile(&["completions", shell]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn installed(program: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success());
    // .ci/run installs the shells: there, a missing one is a failure, not a skip.
    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true");
    assert!(
        found || !in_ci,
        "{program} is missing in CI: .ci/run installs it"
    );
    if !found {
        eprintln!("note: {program} is not installed, so its completion script was not sourced");
    }
    found
}

/// Sources the script in `shell` and asks it to complete, in a folder of its own: the
/// marker file a substitution in the rule text would create must not appear.
fn sourced(shell: &str, program: &str) {
    let dir = temp(&format!("complete-{shell}"));
    let script = dir.join("script");
    fs::write(&script, completions(shell)).expect("written");
    let output = Command::new(shell)
        .args(["-c", program])
        .current_dir(&dir)
        .env("SCRIPT", &script)
        .env("HOME", &dir)
        .output()
        .expect("the shell runs");
    let marker = dir.join("hostile-marker").exists();
    let _ = fs::remove_dir_all(&dir);
    assert!(!marker, "{shell} ran a substitution from the rules");
    assert!(
        output.status.success(),
        "{shell} could not source the script: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn completion_scripts_run_nothing_from_the_rules_when_sourced_and_used() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = completions(shell);
        assert!(!script.contains("$(touch"), "{shell}: {script}");
        assert!(!script.contains('\x1b'), "{shell}");
        // The rule text reaches a script as plain words: nothing a shell reads as a
        // quote, a substitution or a glob qualifier.
        for (at, _) in script.match_indices(MARK) {
            let text = &script[at..];
            let text = &text[..text.find("item").expect("the label's last word")];
            let odd = text
                .chars()
                .find(|c| !(c.is_alphanumeric() || " .=/%-".contains(*c)));
            assert_eq!(odd, None, "{shell}: {text}");
        }
    }
    if installed("bash") {
        sourced(
            "bash",
            "source \"$SCRIPT\"; for words in '--' '--widget ' '--odd'; do \
             COMP_WORDS=(httpadvise $words); COMP_CWORD=${#COMP_WORDS[@]}; COMP_LINE=\"httpadvise $words\"; \
             COMP_POINT=${#COMP_LINE}; _httpadvise httpadvise '' ''; done",
        );
    }
    if installed("fish") {
        sourced(
            "fish",
            "source $SCRIPT; complete -C 'httpadvise --'; complete -C 'httpadvise --widget='; complete -C 'httpadvise --odd'",
        );
    }
    if installed("zsh") {
        sourced(
            "zsh",
            "autoload -U compinit && compinit -u -D; source \"$SCRIPT\"; whence -w _httpadvise",
        );
    }
}

/// Runs `args` in `dir` under a limit of 10 s and 1 GB of address space.
fn limited(dir: &Path, args: &[&str]) -> Output {
    let bin = env!("CARGO_BIN_EXE_httpadvise");
    Command::new("timeout")
        .args([
            "10",
            "sh",
            "-c",
            "ulimit -v 1048576; exec \"$0\" \"$@\"",
            bin,
        ])
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("timeout runs")
}

/// Shapes that cost the square of their size before: loops closed by every node (27 s
/// and 2.7 GB for 0.7 MB), a chain of distinct questions, references that name nothing, a
/// long prompt (help grew with its square), a long path walked on defaults. Each loads,
/// checks, explains, walks and shows its help within the limits.
#[test]
fn pathological_packs_stay_within_time_and_memory() {
    let dir = temp("shapes");
    let shapes = [
        ("loops.toml", generate::loops(5_000), 78),
        ("questions.toml", generate::questions(1_000), 0),
        ("misspelt.toml", generate::misspelt(5_000), 78),
        ("chain.toml", generate::chain(5_000), 0),
        ("prompt.toml", generate::long_prompt(500_000), 0),
        ("uncited.toml", generate::uncited(20_000), 0),
    ];
    for (name, text, _) in &shapes {
        fs::write(dir.join(name), text).expect("written");
    }
    std::thread::scope(|scope| {
        for (name, _, loaded) in &shapes {
            let dir = &dir;
            scope.spawn(move || {
                for command in [
                    &["rules", "check"][..],
                    &["explain", "200"],
                    &["--go"],
                    &["--help"],
                ] {
                    let mut args = vec!["--no-config", "--no-builtin-rules", "--rules", name];
                    args.extend_from_slice(command);
                    let output = limited(dir, &args);
                    let expected = if command == ["--help"] { 0 } else { *loaded };
                    let stderr = String::from_utf8_lossy(&output.stderr);
                    let stderr: String = stderr.chars().take(500).collect();
                    assert_eq!(
                        output.status.code(),
                        Some(expected),
                        "{name} {command:?}: {stderr}"
                    );
                }
            });
        }
    });
    let _ = fs::remove_dir_all(&dir);
}

/// A scenario that names one large rule file many times reads it once; many large files
/// together are refused at the limit of one load.
#[test]
fn a_scenario_naming_large_files_costs_no_more_than_their_size() {
    let dir = temp("named-often");
    let comment = format!("# {}\n", "x".repeat(3_000_000));
    fs::write(dir.join("a.toml"), &comment).expect("written");
    for name in ["b.toml", "c.toml", "d.toml"] {
        fs::write(dir.join(name), &comment).expect("written");
    }
    let case = "[[case]]\nname = \"x\"\nanswers = { payload = \"valid\" }\nstatus = 200\n";
    let often = vec!["\"a.toml\""; 2000].join(", ");
    fs::write(dir.join("often.toml"), format!("rules = [{often}]\n{case}")).expect("written");
    let many = "rules = [\"a.toml\", \"b.toml\", \"c.toml\", \"d.toml\"]\n";
    fs::write(dir.join("many.toml"), format!("{many}{case}")).expect("written");
    let often = limited(&dir, &["--no-config", "rules", "test", "often.toml"]);
    let many = limited(&dir, &["--no-config", "rules", "test", "many.toml"]);
    let _ = fs::remove_dir_all(&dir);
    let report = String::from_utf8_lossy(&often.stdout);
    assert_eq!(often.status.code(), Some(0), "{report}");
    let report = String::from_utf8_lossy(&many.stdout);
    assert_eq!(many.status.code(), Some(78), "{report}");
    assert!(report.contains("bytes in all"), "{report}");
}

/// More flags than a command line can carry are refused where the one past the limit is.
#[test]
fn a_pack_of_too_many_flags_is_refused() {
    let dir = temp("flags");
    fs::write(dir.join("many.toml"), generate::questions(2_100)).expect("written");
    let output = limited(
        &dir,
        &[
            "--no-config",
            "--no-builtin-rules",
            "--rules",
            "many.toml",
            "rules",
            "check",
        ],
    );
    let _ = fs::remove_dir_all(&dir);
    assert_eq!(output.status.code(), Some(78));
    assert!(String::from_utf8_lossy(&output.stderr).contains("flags"));
}

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
}

/// A FIFO nobody writes to, wherever a file is read: every command ends, none waits.
#[test]
fn a_fifo_that_never_writes_hangs_nothing() {
    let dir = temp("fifo");
    mkfifo(&dir.join("rules.toml"));
    mkfifo(&dir.join("house.toml"));
    fs::create_dir(dir.join("cases")).expect("a folder");
    mkfifo(&dir.join("cases").join("rules.toml"));
    fs::write(
        dir.join("cases").join("case.toml"),
        "rules = [\"rules.toml\"]\n",
    )
    .expect("written");
    let runs: [&[&str]; 7] = [
        &["--no-config", "--rules", "rules.toml", "--payload-valid"],
        &["--config", "house.toml", "--payload-valid"],
        &["--no-config", "rules", "check", "rules.toml"],
        &["--no-config", "rules", "test", "rules.toml"],
        &["--no-config", "rules", "test", "cases"],
        &["--no-config", "--rules", "rules.toml", "--help"],
        &["--no-config", "--rules", "rules.toml", "--version"],
    ];
    for args in runs {
        let output = limited(&dir, args);
        let code = output.status.code();
        assert!(
            matches!(code, Some(0 | 1 | 78)),
            "{args:?} ended with {code:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let _ = fs::remove_dir_all(&dir);
}

/// `--rules dir/\xff.toml` reads that file, not `dir/\u{FFFD}.toml` beside it.
#[test]
fn a_path_that_is_not_utf8_is_read_as_it_is() {
    let dir = temp("not-utf8");
    let raw = OsString::from_vec(b"\xff.toml".to_vec());
    let named = generate::chain(1).replace("\"go\"", "\"right\"");
    fs::write(dir.join(&raw), &named).expect("written");
    let lossy = generate::chain(1).replace("\"go\"", "\"wrong\"");
    fs::write(dir.join("\u{FFFD}.toml"), lossy).expect("written");
    let output = Command::new(env!("CARGO_BIN_EXE_httpadvise"))
        .args(["--no-config", "--no-builtin-rules", "--rules"])
        .arg(&raw)
        .arg("--right")
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    let _ = fs::remove_dir_all(&dir);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A scenario names rule files outside its folder, up and absolute: neither is read, and
/// no line of them is quoted.
#[test]
fn a_scenario_reads_no_file_outside_its_folder() {
    let dir = temp("escape");
    fs::write(dir.join("secret.env"), "TOKEN = \"hunter2\"\n").expect("written");
    let cases = dir.join("cases");
    fs::create_dir(&cases).expect("a folder");
    std::os::unix::fs::symlink(dir.join("secret.env"), cases.join("link.toml")).expect("a link");
    for rules in ["../secret.env", "/etc/passwd", "link.toml"] {
        fs::write(cases.join("case.toml"), format!("rules = [\"{rules}\"]\n")).expect("written");
        let output = run_in(&dir, &["--no-config", "rules", "test", "cases/case.toml"]);
        let shown = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(output.status.code(), Some(78), "{rules}: {shown}");
        assert!(
            shown.contains("outside the scenario's folder"),
            "{rules}: {shown}"
        );
        assert!(
            !shown.contains("hunter2") && !shown.contains("root:"),
            "{rules}: {shown}"
        );
    }
    let _ = fs::remove_dir_all(&dir);
}

const HOUSE: &str = r#"
[[position]]
outcome = "invalid-content"
status = 400
reason = "Ours."
"#;

/// A `.httpadvise.toml` that is a link, that others may write, or that another user owns
/// is not read from a folder below it; the warning names `--config`, which reads it.
#[test]
fn untrusted_house_rules_are_not_read() {
    let dir = temp("untrusted");
    let sub = dir.join("sub");
    fs::create_dir(&sub).expect("a folder");
    fs::write(dir.join("elsewhere.toml"), HOUSE).expect("written");
    std::os::unix::fs::symlink(dir.join("elsewhere.toml"), dir.join(".httpadvise.toml"))
        .expect("a link");
    let linked = run_in(&sub, &["--payload-invalid", "--format", "json"]);
    fs::remove_file(dir.join(".httpadvise.toml")).expect("removed");
    fs::write(dir.join(".httpadvise.toml"), HOUSE).expect("written");
    let mut permissions = fs::metadata(dir.join(".httpadvise.toml"))
        .expect("exists")
        .permissions();
    permissions.set_mode(0o666);
    fs::set_permissions(dir.join(".httpadvise.toml"), permissions).expect("chmod");
    let writable = run_in(&sub, &["--payload-invalid", "--format", "json"]);
    // Only root can give a file away; as another user this case cannot be made, and the
    // two above still hold.
    let group = fs::Permissions::from_mode(0o664);
    fs::set_permissions(dir.join(".httpadvise.toml"), group).expect("chmod");
    let group_writable = run_in(&sub, &["--payload-invalid", "--format", "json"]);
    let own = fs::Permissions::from_mode(0o644);
    fs::set_permissions(dir.join(".httpadvise.toml"), own).expect("chmod");
    // An access control list can let another user write a file whose mode says no one may.
    let acl = installed("setfacl").then(|| {
        let set = Command::new("setfacl")
            .args(["-m", "u:nobody:rw"])
            .arg(dir.join(".httpadvise.toml"))
            .status();
        assert!(set.is_ok_and(|s| s.success()), "setfacl");
        let output = run_in(&sub, &["--payload-invalid", "--format", "json"]);
        let _ = Command::new("setfacl")
            .arg("-b")
            .arg(dir.join(".httpadvise.toml"))
            .status();
        output
    });
    let given_away = std::os::unix::fs::chown(dir.join(".httpadvise.toml"), Some(65534), None)
        .is_ok()
        .then(|| run_in(&sub, &["--payload-invalid", "--format", "json"]));
    let trusted = run_in(
        &sub,
        &[
            "--config",
            "../.httpadvise.toml",
            "--payload-invalid",
            "--format",
            "json",
        ],
    );
    let _ = fs::remove_dir_all(&dir);
    let mut untrusted = vec![
        ("a link", &linked),
        ("writable by others", &writable),
        ("writable by its group", &group_writable),
    ];
    untrusted.extend(
        acl.as_ref()
            .map(|output| ("writable through an ACL", output)),
    );
    untrusted.extend(given_away.as_ref().map(|output| ("another user's", output)));
    for (what, output) in untrusted {
        let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        assert_eq!(report["status"], 422, "{what}: the house rules were read");
        let warning = String::from_utf8_lossy(&output.stderr);
        assert!(
            warning.contains("not reading the house rules") && warning.contains("--config"),
            "{what}: {warning}"
        );
    }
    let report: Value = serde_json::from_slice(&trusted.stdout).expect("JSON");
    assert_eq!(report["status"], 400, "--config reads them");
}

/// House rules that change a question's default, its labels, a status's name and a node:
/// each change is listed, in text, Markdown and JSON, with its reason.
#[test]
fn every_change_the_house_rules_make_is_marked() {
    let dir = temp("marked");
    let house = r#"
[[question]]
id = "precondition"
kind = "yes-no"
prompt = "Did an If-* precondition of the request evaluate to false?"
help = "Ours."
default = "yes"
override = true
reason = "Our clients always send If-Match."

[[status]]
code = 412
name = "Precondition Failed (ours)"
meaning = "Ours."
override = true
reason = "We name it our way."
"#;
    fs::write(dir.join(".httpadvise.toml"), house).expect("written");
    let json = run_in(&dir, &["--payload-valid", "--format", "json"]);
    let report: Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let changes: Vec<String> = report["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            format!(
                "{} / {}",
                c["what"].as_str().unwrap_or(""),
                c["reason"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(report["status"], 412);
    assert!(
        changes
            .contains(&"question `precondition` / Our clients always send If-Match.".to_string()),
        "{changes:?}"
    );
    assert!(
        changes
            .contains(&"status 412 (Precondition Failed (ours)) / We name it our way.".to_string()),
        "{changes:?}"
    );
    let text = String::from_utf8(run_in(&dir, &["--payload-valid", "--color", "never"]).stdout)
        .expect("UTF-8");
    let markdown =
        String::from_utf8(run_in(&dir, &["--payload-valid", "--format", "markdown"]).stdout)
            .expect("UTF-8");
    let _ = fs::remove_dir_all(&dir);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("Changed by") && text.contains("question `precondition`: Our clients"),
        "{text}"
    );
    assert!(
        markdown.contains("#### Changed by")
            && markdown.contains("question `precondition`, by house rules"),
        "{markdown}"
    );
}

/// A question and a status the house rules change are marked where the pack itself is
/// shown: in help, the manual page, a completion script and both drawings of the tree;
/// without the house rules, nothing is.
#[test]
fn house_rules_changes_are_marked_in_help_man_completions_and_graphs() {
    let dir = temp("marked-elsewhere");
    let house = r#"
[[question]]
id = "precondition"
kind = "yes-no"
prompt = "Did If-Match fail?"
help = "Ours."
default = "no"
override = true

[[status]]
code = 412
name = "Precondition Failed"
meaning = "Ours."
override = true
"#;
    let shown = |args: &[&str]| {
        let output = run_in(&dir, args);
        assert!(output.status.success(), "{args:?}");
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    let all = || {
        [
            shown(&["--help"]),
            shown(&["man"]),
            shown(&["completions", "fish"]),
            shown(&["rules", "graph"]),
            shown(&["rules", "graph", "--format", "mermaid"]),
        ]
    };
    let plain = all();
    fs::write(dir.join(".httpadvise.toml"), house).expect("written");
    let marked = all();
    let _ = fs::remove_dir_all(&dir);
    let mark = "changed by house rules";
    for (what, text) in ["help", "man", "completions", "dot", "mermaid"]
        .iter()
        .zip(&plain)
    {
        assert!(!text.contains(mark), "{what} without house rules: {text}");
    }
    let flat = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let help = flat(&marked[0]);
    assert!(
        help.contains("Yes: Did If-Match fail? (changed by house rules"),
        "{help}"
    );
    assert!(
        flat(&marked[1]).contains("Did If\\-Match fail? (changed by house rules"),
        "man: {}",
        marked[1]
    );
    assert!(marked[2].contains(mark), "completions: {}", marked[2]);
    for (what, drawing) in [("dot", &marked[3]), ("mermaid", &marked[4])] {
        let boxes: Vec<&str> = drawing.lines().filter(|l| l.contains(mark)).collect();
        assert!(
            boxes
                .iter()
                .any(|l| l.contains("preconditions") && l.contains("If-Match fail?")),
            "{what}: a node asking the changed question is marked: {drawing}"
        );
        assert!(
            boxes.iter().any(|l| l.contains("412 Precondition Failed")),
            "{what}: an outcome of the changed status is marked: {drawing}"
        );
        assert!(
            !boxes.iter().any(|l| l.contains("422")),
            "{what}: nothing else is: {boxes:?}"
        );
    }
}

/// Markup that only a line's start, a list item or a table cell gives a meaning: a fence
/// of backquotes opening a paragraph, a heading in a note, a pipe in a table cell.
#[test]
fn markup_at_the_start_of_a_block_or_in_a_cell_stays_text() {
    let dir = temp("blocks");
    let pack = r##"
[pack]
start = "ok"

[[status]]
code = 200
name = "OK"
meaning = "Fine."

[[status]]
code = 201
name = "Created"
meaning = "Made."

[[outcome]]
id = "ok"
status = 200
also-fits = [201]
summary = "Fine."
explanation = """
````

Swallowed?"""
retry = "not-needed"
next-step = "Nothing."

[[outcome.why-not]]
status = 201
reason = "# Injected heading"
"##;
    fs::write(dir.join("pack.toml"), pack).expect("written");
    let alone = ["--no-config", "--no-builtin-rules", "--rules", "pack.toml"];
    let advice = run_in(&dir, &[&alone[..], &["--format", "markdown"]].concat());
    let explain = run_in(
        &dir,
        &[&alone[..], &["explain", "201", "--format", "markdown"]].concat(),
    );
    let house = r#"
[[position]]
outcome = "invalid-content"
status = 400
reason = "Ours."
cite = { document = "Guide | see", url = "https://example.org/a|b", quote = "q" }
"#;
    fs::write(dir.join(".httpadvise.toml"), house).expect("written");
    let table = run_in(
        &dir,
        &[
            "--payload-invalid",
            "--compare-profiles",
            "--format",
            "markdown",
        ],
    );
    let _ = fs::remove_dir_all(&dir);
    let advice = String::from_utf8_lossy(&advice.stdout);
    // Only the comment's own fences: the Mermaid chart's, opened and closed.
    let fences = advice.lines().filter(|l| l.starts_with("```")).count();
    assert_eq!(fences, 2, "{advice}");
    let explain = String::from_utf8_lossy(&explain.stdout);
    assert!(
        !explain
            .lines()
            .any(|l| l.trim_start_matches([' ', '-']).starts_with("# Injected")),
        "{explain}"
    );
    let table = String::from_utf8_lossy(&table.stdout);
    let row = table
        .lines()
        .find(|l| l.contains("house rules"))
        .unwrap_or_else(|| panic!("no house row in\n{table}"));
    let cells = row.replace("\\|", "").matches('|').count();
    assert_eq!(cells, 5, "the row has four cells: {row}");
}

/// The `what` of every change a JSON report lists.
fn changed(report: &Value) -> Vec<String> {
    report["changes"]
        .as_array()
        .map(|changes| {
            changes
                .iter()
                .map(|c| {
                    format!(
                        "{} / {}",
                        c["by"].as_str().unwrap_or(""),
                        c["what"].as_str().unwrap_or("")
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// House rules that change a node reached only by `explain`, or only by the answers
/// `--expect` proposes; that choose the profile; or that load before a pack without the
/// built-in rules: each change is marked where it shows.
#[test]
fn changes_the_house_rules_make_off_the_path_are_marked_too() {
    let dir = temp("off-path");
    let swap = r#"
[[node]]
id = "if-none-match-method"
override = true
reason = "HOUSE"
question = "method"
on = { get = "none-match-failed", head = "none-match-failed" }
else = "not-modified"
"#;
    fs::write(dir.join(".httpadvise.toml"), swap).expect("written");
    let json = |args: &[&str]| -> Value {
        let output = run_in(&dir, &[args, &["--format", "json"]].concat());
        serde_json::from_slice(&output.stdout).expect("JSON")
    };
    let node = "node `if-none-match-method`".to_string();
    let explain = changed(&json(&["explain", "304"]));
    assert!(explain.iter().any(|c| c.ends_with(&node)), "{explain:?}");
    let expect = changed(&json(&["--payload-invalid", "--expect", "304"]));
    assert!(expect.iter().any(|c| c.ends_with(&node)), "{expect:?}");

    fs::write(dir.join(".httpadvise.toml"), "profile = \"kubernetes\"\n").expect("written");
    let profile = changed(&json(&["--payload-invalid"]));
    assert!(
        profile
            .iter()
            .any(|c| c.starts_with("house rules") && c.ends_with("the profile: `kubernetes`")),
        "{profile:?}"
    );

    let contrast = r#"
[[contrast]]
a = 200
b = 401
test = "HOUSE"
when-a = "a"
when-b = "b"
"#;
    fs::write(dir.join(".httpadvise.toml"), contrast).expect("written");
    let pack = here().join("tests/fixtures/snapshot/pack.toml");
    let pack = pack.to_str().expect("UTF-8");
    let alone = changed(&json(&[
        "--no-builtin-rules",
        "--rules",
        pack,
        "compare",
        "200",
        "401",
    ]));
    let _ = fs::remove_dir_all(&dir);
    assert!(
        alone
            .iter()
            .any(|c| c.starts_with("house rules") && c.ends_with("the contrast of 200 and 401")),
        "{alone:?}"
    );
    assert!(
        !alone.iter().any(|c| c.starts_with("rules file")),
        "{alone:?}"
    );
}
