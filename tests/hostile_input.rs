//! Hostile and broken input outside the rule text itself: paths that loop, lead out of the
//! folder given, or hold too much; output to closed pipes and full disks. Each must end in
//! a clear error or a quiet exit, never a panic or a hang.

use std::fs;
use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("httpadvise-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("temp folder");
    dir
}

fn httpadvise(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_httpadvise"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_under_rules_is_a_clear_error() {
    let dir = temp("loop");
    let looped = dir.join("loop.toml");
    std::os::unix::fs::symlink(&looped, &looped).expect("a link to itself");
    let shown = looped.display().to_string();
    let output = httpadvise(&["--rules", &shown, "--payload-valid"]);
    let _ = fs::remove_dir_all(&dir);
    assert_eq!(output.status.code(), Some(78));
    assert!(
        stderr(&output).contains(&format!("cannot read rules from `{shown}`")),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).to_lowercase().contains("symbolic links"),
        "{}",
        stderr(&output)
    );
}

#[cfg(unix)]
#[test]
fn a_link_out_of_a_rules_folder_is_refused() {
    let dir = temp("escape");
    let outside = dir.join("outside.toml");
    fs::write(&outside, "").expect("a file outside");
    let folder = dir.join("rules");
    fs::create_dir_all(&folder).expect("folder");
    std::os::unix::fs::symlink(&outside, folder.join("sneaky.toml")).expect("link");
    let output = httpadvise(&["--rules", &folder.display().to_string(), "--payload-valid"]);
    let _ = fs::remove_dir_all(&dir);
    assert_eq!(output.status.code(), Some(78));
    assert!(
        stderr(&output).contains("sneaky.toml links outside the folder"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_path_is_reported_as_given_not_as_resolved() {
    let output = httpadvise(&[
        "--rules",
        "tests/fixtures/errors/../errors/cycle.toml",
        "--no-builtin-rules",
    ]);
    assert_eq!(output.status.code(), Some(78));
    assert!(
        stderr(&output).contains("--> tests/fixtures/errors/../errors/cycle.toml:23:14"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_rule_file_over_the_size_limit_is_refused_before_reading() {
    let dir = temp("big");
    let big = dir.join("big.toml");
    let file = fs::File::create(&big).expect("file");
    file.set_len(httpadvise_rules::read::MAX_FILE_BYTES + 1)
        .expect("a sparse file");
    let output = httpadvise(&["--rules", &big.display().to_string(), "--payload-valid"]);
    let _ = fs::remove_dir_all(&dir);
    assert_eq!(output.status.code(), Some(78));
    assert!(
        stderr(&output).contains(&format!(
            "over the limit of {}",
            httpadvise_rules::read::MAX_FILE_BYTES
        )),
        "{}",
        stderr(&output)
    );
}

/// A device has no size to check before reading: the limit must stop the reading itself,
/// for rule files, house rules and scenario fixtures alike.
#[cfg(unix)]
#[test]
fn an_endless_device_is_refused_at_the_limit_not_read_forever() {
    for args in [
        vec!["--no-config", "--rules", "/dev/zero", "--payload-valid"],
        vec!["--config", "/dev/zero", "--payload-valid"],
        vec!["--no-config", "rules", "test", "/dev/zero"],
    ] {
        let output = httpadvise(&args);
        assert_eq!(output.status.code(), Some(78), "{args:?}");
        // `rules test` reports a fixture it cannot run with its results, on stdout.
        let shown = format!(
            "{}{}",
            stderr(&output),
            String::from_utf8_lossy(&output.stdout)
        );
        assert!(
            shown.contains("/dev/zero")
                && shown.contains(&format!(
                    "more than the limit of {} bytes",
                    httpadvise_rules::read::MAX_FILE_BYTES
                )),
            "{args:?}: {shown}"
        );
    }
}

/// Runs `args` with `input` piped to stdin, which the arguments name as `/dev/stdin`.
#[cfg(unix)]
fn with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_httpadvise"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), input).expect("sent");
    child.wait_with_output().expect("it ends")
}

/// Rules may come through a pipe, as `--rules <(generate-rules)` gives them. `rules check`
/// loads its sources twice (the pack, then the files to lint): both must see the text the
/// pipe gave once.
#[cfg(unix)]
#[test]
fn rules_read_from_a_pipe_load_and_are_checked() {
    let rules = fs::read("tests/fixtures/lint/warnings.toml").expect("a fixture");
    let args = ["--no-config", "--no-builtin-rules", "--rules", "/dev/stdin"];
    let output = with_stdin(&[&args[..], &["rules", "check"]].concat(), &rules);
    let report = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(report.contains("1 file checked: 8 warnings"), "{report}");
    let broken = fs::read("tests/fixtures/lint/broken.toml").expect("a fixture");
    let output = with_stdin(&[&args[..], &["rules", "check"]].concat(), &broken);
    assert_eq!(output.status.code(), Some(78), "{}", stderr(&output));
}

#[test]
fn a_folder_with_no_rule_files_is_an_error() {
    let dir = temp("empty-folder");
    let output = httpadvise(&["--rules", &dir.display().to_string(), "--payload-valid"]);
    let _ = fs::remove_dir_all(&dir);
    assert_eq!(output.status.code(), Some(78));
    assert!(stderr(&output).contains("the folder holds no `*.toml` rule files"));
}

#[test]
fn no_rules_at_all_says_so() {
    let output = httpadvise(&["--no-builtin-rules", "--payload-valid"]);
    assert_eq!(output.status.code(), Some(78));
    assert!(
        stderr(&output).contains("no rule file sets `[pack] start`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn help_works_even_when_the_rules_do_not_load() {
    let output = httpadvise(&["--no-builtin-rules", "--help"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).contains("Usage: httpadvise"));
    assert!(stderr(&output).contains("so no answer flags are listed"));
}

#[test]
fn help_lists_the_built_in_flags_and_warns_when_added_rules_do_not_load() {
    let output = httpadvise(&["--rules", "no-such-rules.toml", "--help"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).contains("--payload-valid"));
    assert_eq!(
        stderr(&output),
        "warning: the rules did not load (1 problem), so only the built-in answer flags are \
         listed; `httpadvise rules check` shows why\n"
    );
}

#[test]
fn a_reader_that_stops_early_gets_a_quiet_exit() {
    // More output than a pipe buffers, so the writer must meet the closed pipe.
    let dir = temp("pipe");
    let pack = dir.join("long.toml");
    let long = "Many words. ".repeat(256 * 1024 / 12);
    let text = httpadvise_rules::generate::chain(1).replace("Every node said yes.", &long);
    fs::write(&pack, text).expect("pack written");
    let mut child = Command::new(env!("CARGO_BIN_EXE_httpadvise"))
        .args([
            "--no-builtin-rules",
            "--rules",
            &pack.display().to_string(),
            "--go",
        ])
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut first = [0u8; 1];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("one byte");
    // Dropping the read end closes the pipe, as `| head -c1` does.
    let status = child.wait().expect("exits");
    let mut errors = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut errors)
        .expect("stderr");
    let _ = fs::remove_dir_all(&dir);
    assert_eq!(status.code(), Some(0), "{errors}");
    assert_eq!(errors, "", "no broken-pipe noise");
}

/// Every command that writes output, in each of its forms.
const WRITERS: &[&[&str]] = &[
    &["--precondition", "--payload-valid"],
    &["--payload-valid", "--format", "json"],
    &["--payload-valid", "--format", "markdown"],
    &["--payload-invalid", "--compare-profiles"],
    &["--payload-valid", "--expect", "400"],
    &["--help"],
    &["--version"],
    &["explain", "422"],
    &["compare", "400", "422"],
    &["profiles"],
    &["profiles", "show", "zalando"],
    &["rules", "check"],
    &["rules", "graph"],
    &["rules", "graph", "--format", "mermaid"],
    &["rules", "schema"],
    &["rules", "test", "tests/scenarios/rfc.toml"],
    &["completions", "bash"],
    &["completions", "zsh"],
    &["completions", "fish"],
    &["completions", "elvish"],
    &["completions", "powershell"],
    &["man"],
];

fn run_writer(args: &[&str], stdout: Stdio) -> Output {
    Command::new(env!("CARGO_BIN_EXE_httpadvise"))
        .arg("--no-config")
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(stdout)
        .output()
        .expect("runs")
}

#[cfg(target_os = "linux")]
#[test]
fn every_command_reports_a_full_disk_with_exit_74() {
    for args in WRITERS {
        let full = fs::OpenOptions::new().write(true).open("/dev/full");
        let output = run_writer(args, full.expect("/dev/full").into());
        assert_eq!(
            output.status.code(),
            Some(74),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("cannot write the output"),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

#[cfg(unix)]
#[test]
fn every_command_exits_quietly_into_a_closed_pipe() {
    for args in WRITERS {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        // Closed before the program writes a byte.
        drop(reader);
        let output = run_writer(args, writer.into());
        let exit = output.status.code();
        assert!(matches!(exit, Some(0 | 1)), "{args:?}: {exit:?}");
        assert_eq!(stderr(&output), "", "{args:?}: no broken-pipe noise");
    }
}
