//! Shell integration: completion scripts and the man page come from the same command as
//! the parser, so they include the flags the rules add.

use std::process::Command;

fn stdout_of(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_httpadvise"))
        .args(args)
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn completions_for_every_shell_include_the_rule_flags() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout_of(&["completions", shell]);
        for flag in [
            "payload-valid",
            "no-precondition",
            "idempotency-key",
            "compare-profiles",
        ] {
            assert!(script.contains(flag), "{shell} completion lacks {flag}");
        }
    }
}

#[test]
fn completions_include_the_flags_of_a_rules_file() {
    let script = stdout_of(&[
        "--rules",
        "tests/cmd/extension.in/lock",
        "completions",
        "bash",
    ]);
    assert!(
        script.contains("--locked"),
        "the extension's flag is missing"
    );
}

#[test]
fn the_man_page_documents_the_rule_flags() {
    let page = stdout_of(&["man"]);
    assert!(
        page.starts_with(".ie"),
        "not roff: {}",
        &page[..40.min(page.len())]
    );
    assert!(page.contains(".TH httpadvise"));
    assert!(
        page.contains("payload\\-valid"),
        "rule flags missing from the man page"
    );
}

/// There is one page: every subcommand is listed in it by its usage, and none is sent to a
/// page of its own that does not exist.
#[test]
fn the_man_page_lists_every_subcommand_in_place() {
    let page = stdout_of(&["man"]);
    assert!(
        !page.contains("(1)\n"),
        "a reference to another page: {page}"
    );
    for usage in [
        "httpadvise explain [OPTIONS] <CODE>",
        "httpadvise compare [OPTIONS] <A> <B>",
        "httpadvise rules check [OPTIONS] [PATHS]...",
        "httpadvise rules graph [OPTIONS]",
        "httpadvise rules test [OPTIONS] <FIXTURES>...",
        "httpadvise rules schema [OPTIONS]",
        "httpadvise profiles [OPTIONS] [COMMAND]",
        "httpadvise profiles show [OPTIONS] <NAME>",
        "httpadvise completions [OPTIONS] <SHELL>",
        "httpadvise man [OPTIONS]",
    ] {
        let line = format!(".TP\n\\fB{}\\fR\n", usage.replace('-', "\\-"));
        assert!(page.contains(&line), "{usage} missing: {page}");
    }
    assert!(page.contains(".SH SUBCOMMANDS"));
}
