//! Profiles, house rules and verdicts through the real binary: `--profile`,
//! `--compare-profiles`, `.httpadvise.toml` found from a sub-folder, `--expect`, and
//! `explain`/`compare`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn httpadvise(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_httpadvise"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("the binary runs")
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

fn here() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh folder with house rules at its top and a sub-folder two levels down.
fn house(name: &str, rules: &str) -> (PathBuf, PathBuf) {
    let top = std::env::temp_dir().join(format!("httpadvise-{name}-{}", std::process::id()));
    let sub = top.join("service").join("handlers");
    std::fs::create_dir_all(&sub).expect("temp folders");
    std::fs::write(top.join(".httpadvise.toml"), rules).expect("house rules written");
    (top, sub)
}

const VALIDATION_IS_400: &str = r#"
[[position]]
outcome = "invalid-content"
status = 400
reason = "Our clients expect every validation error as 400."
"#;

#[test]
fn house_rules_found_from_a_sub_folder_turn_422_into_400_and_say_so() {
    let (top, sub) = house("house", VALIDATION_IS_400);
    let output = httpadvise(&sub, &["--payload-invalid", "--format", "json"]);
    let report = json(&output);
    let ignored = json(&httpadvise(
        &sub,
        &["--payload-invalid", "--format", "json", "--no-config"],
    ));
    let _ = std::fs::remove_dir_all(&top);
    assert_eq!(report["status"], 400);
    assert_eq!(report["rfc_status"], 422);
    let file = top.join(".httpadvise.toml").display().to_string();
    assert_eq!(report["position"]["by"], format!("house rules ({file})"));
    assert_eq!(report["changes"][0]["what"], "status 422 → 400");
    assert_eq!(
        report["changes"][0]["reason"],
        "Our clients expect every validation error as 400."
    );
    assert_eq!(
        ignored["status"], 422,
        "--no-config must ignore the house rules"
    );
}

#[test]
fn house_rules_start_from_their_profile_and_flag_wins_over_it() {
    let (top, sub) = house("house-profile", "profile = \"github\"\n");
    let duplicate = json(&httpadvise(
        &sub,
        &[
            "--payload-valid",
            "--conflict=duplicate",
            "--format",
            "json",
        ],
    ));
    let flagged = json(&httpadvise(
        &sub,
        &[
            "--payload-valid",
            "--conflict=duplicate",
            "--profile",
            "rfc",
            "--format",
            "json",
        ],
    ));
    let _ = std::fs::remove_dir_all(&top);
    assert_eq!(
        (
            duplicate["status"].as_u64(),
            duplicate["profile"]["name"].as_str()
        ),
        (Some(422), Some("github"))
    );
    assert_eq!(
        (
            flagged["status"].as_u64(),
            flagged["profile"]["name"].as_str()
        ),
        (Some(409), Some("rfc"))
    );
}

#[test]
fn the_profiles_split_on_a_well_formed_but_invalid_payload() {
    let output = httpadvise(
        &here(),
        &[
            "--payload-invalid",
            "--compare-profiles",
            "--format",
            "json",
        ],
    );
    assert_eq!(output.status.code(), Some(0));
    let table = json(&output);
    assert_eq!(table["schema_version"], 2);
    let rows = &table["rows"];
    let cells: Vec<(String, u64, Option<String>, bool, bool)> = rows
        .as_array()
        .expect("an array of rows")
        .iter()
        .map(|r| {
            (
                r["profile"].as_str().unwrap_or_default().to_string(),
                r["status"].as_u64().unwrap_or_default(),
                r["code"].as_str().map(str::to_string),
                r["disagrees"].as_bool().unwrap_or_default(),
                r["fallback"].as_bool().unwrap_or_default(),
            )
        })
        .collect();
    let expected = vec![
        ("rfc".to_string(), 422, None, false, false),
        ("zalando".to_string(), 400, None, true, false),
        ("azure".to_string(), 400, None, true, false),
        (
            "google".to_string(),
            400,
            Some("INVALID_ARGUMENT".to_string()),
            true,
            false,
        ),
        ("github".to_string(), 422, None, false, false),
        (
            "kubernetes".to_string(),
            422,
            Some("Invalid".to_string()),
            false,
            false,
        ),
        ("jsonapi".to_string(), 422, None, false, true),
    ];
    assert_eq!(cells, expected);
    for row in rows.as_array().into_iter().flatten() {
        assert!(
            row["cite"]["url"]
                .as_str()
                .is_some_and(|u| u.starts_with("https://")),
            "{row}"
        );
    }
}

#[test]
fn house_rules_get_a_row_of_their_own_in_the_comparison() {
    let (top, sub) = house("house-compare", VALIDATION_IS_400);
    let table = json(&httpadvise(
        &sub,
        &[
            "--payload-invalid",
            "--compare-profiles",
            "--format",
            "json",
        ],
    ));
    let _ = std::fs::remove_dir_all(&top);
    let last = &table["rows"][7];
    let file = top.join(".httpadvise.toml").display().to_string();
    assert_eq!(last["profile"], format!("house rules ({file})"));
    assert_eq!(
        (last["status"].as_u64(), last["disagrees"].as_bool()),
        (Some(400), Some(true))
    );
    // The house position cites nothing: its reason is its basis, not the RFC's 422.
    assert_eq!(last["cite"], Value::Null);
    assert_eq!(
        last["reason"],
        "Our clients expect every validation error as 400."
    );
    assert_eq!(table["rows"].as_array().map(Vec::len), Some(8));
}

#[test]
fn the_house_rows_long_name_keeps_the_status_column_and_shows_its_reason() {
    let (top, sub) = house("house-compare-text", VALIDATION_IS_400);
    let output = httpadvise(&sub, &["--payload-invalid", "--compare-profiles"]);
    let _ = std::fs::remove_dir_all(&top);
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let file = top.join(".httpadvise.toml").display().to_string();
    let tail = text
        .split_once(&format!("house rules ({file})\n"))
        .map(|(_, tail)| tail)
        .unwrap_or_else(|| panic!("the house row on a line of its own: {text}"));
    assert!(
        tail.starts_with(
            "            400 Bad Request ≠ rfc\n            Our clients expect every validation error as 400.\n"
        ),
        "{tail:?}"
    );
}

#[test]
fn a_house_position_that_keeps_the_profiles_status_says_so() {
    let (top, sub) = house("house-keeps", VALIDATION_IS_400);
    let args = [
        "--profile",
        "zalando",
        "--payload-invalid",
        "--format",
        "json",
    ];
    let report = json(&httpadvise(&sub, &args));
    let _ = std::fs::remove_dir_all(&top);
    let whats: Vec<&str> = report["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter_map(|c| c["what"].as_str())
        .collect();
    assert_eq!(whats, ["status 422 → 400", "status 400 kept"]);
}

#[test]
fn every_format_names_the_profile_used() {
    let dir = here();
    let text = httpadvise(&dir, &["--payload-invalid", "--profile", "google"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("Profile: google"));
    let report = json(&httpadvise(
        &dir,
        &[
            "--payload-invalid",
            "--profile",
            "google",
            "--format",
            "json",
        ],
    ));
    assert_eq!(report["profile"]["name"], "google");
    assert_eq!(report["position"]["code"], "INVALID_ARGUMENT");
    assert_eq!(report["position"]["code_kind"], "google.rpc.Code");
}

#[test]
fn a_silent_profile_falls_back_to_the_rfc_reading_and_says_so() {
    let report = json(&httpadvise(
        &here(),
        &[
            "--payload-invalid",
            "--profile",
            "jsonapi",
            "--format",
            "json",
        ],
    ));
    assert_eq!(
        (report["status"].as_u64(), report["fallback"].as_bool()),
        (Some(422), Some(true))
    );
    let text = httpadvise(&here(), &["--payload-invalid", "--profile", "jsonapi"]);
    assert!(String::from_utf8_lossy(&text.stdout)
        .contains("Profile `jsonapi` is silent here: this is the RFC reading."));
}

#[test]
fn expect_agrees_with_exit_0_and_disagrees_with_exit_1_and_the_nearest_answers() {
    let dir = here();
    let agree = httpadvise(
        &dir,
        &[
            "--precondition",
            "--payload-valid",
            "--expect",
            "412",
            "--format",
            "json",
        ],
    );
    assert_eq!(agree.status.code(), Some(0));
    assert_eq!(json(&agree)["expect"]["agrees"], true);

    let disagree = httpadvise(
        &dir,
        &[
            "--precondition",
            "--payload-invalid",
            "--expect",
            "422",
            "--format",
            "json",
        ],
    );
    assert_eq!(disagree.status.code(), Some(1));
    let expect = &json(&disagree)["expect"];
    assert_eq!(
        (expect["agrees"].as_bool(), expect["recommended"].as_u64()),
        (Some(false), Some(412))
    );
    let first = &expect["alternatives"][0];
    assert_eq!(first["outcome"], "invalid-content");
    assert_eq!(first["changes"][0]["question"], "precondition");
    assert_eq!(
        (
            first["changes"][0]["from"].as_str(),
            first["changes"][0]["to"].as_str()
        ),
        (Some("yes"), Some("no"))
    );

    let text = httpadvise(
        &dir,
        &["--precondition", "--payload-invalid", "--expect", "422"],
    );
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert_eq!(text.status.code(), Some(1));
    assert!(
        stdout.starts_with(
            "✘ 422 Unprocessable Content: the rules recommend 412 Precondition Failed instead."
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("422 would fit if precondition = no (not yes)"),
        "{stdout}"
    );
}

#[test]
fn expect_a_code_no_route_reaches() {
    let output = httpadvise(
        &here(),
        &["--payload-valid", "--expect", "451", "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(1));
    let expect = &json(&output)["expect"];
    assert_eq!(expect["alternatives"].as_array().map(Vec::len), Some(0));
}

#[test]
fn explain_lists_every_outcome_that_returns_the_code() {
    let output = httpadvise(&here(), &["explain", "409"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout.starts_with("409 Conflict\n"), "{stdout}");
    for outcome in [
        "duplicate",
        "blocked-by-dependents",
        "stale-version",
        "state-conflict",
        "idempotency-key-in-flight",
    ] {
        assert!(
            stdout.contains(&format!("\n  {outcome}\n")),
            "{outcome} missing: {stdout}"
        );
    }
    assert!(!stdout.contains("\n  precondition-failed\n"));
}

#[test]
fn explain_follows_the_profile_in_use() {
    let output = httpadvise(&here(), &["explain", "422", "--profile", "zalando"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("No route of these rules leads to this code."),
        "{stdout}"
    );
}

#[test]
fn compare_shows_the_deciding_question_from_the_rules() {
    let output = httpadvise(&here(), &["compare", "412", "409"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stdout.starts_with("412 Precondition Failed vs 409 Conflict\n"),
        "{stdout}"
    );
    assert!(stdout.contains("The deciding question:"), "{stdout}");
    let first = stdout.find("• 412").expect("412 first, as asked");
    let second = stdout.find("• 409").expect("409 second");
    assert!(first < second);
}

#[test]
fn explain_an_unregistered_code_is_a_usage_error() {
    let output = httpadvise(&here(), &["explain", "299"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("status 299 is not in the IANA registry"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A registered code the rules do not name is explained from the registry, in every
/// format, and says that no route leads to it.
#[test]
fn explain_and_compare_speak_of_any_registered_code() {
    let text = httpadvise(&here(), &["explain", "418"]);
    let shown = String::from_utf8_lossy(&text.stdout);
    assert_eq!(text.status.code(), Some(0));
    assert!(shown.starts_with("418 (Unused)"), "{shown}");
    assert!(shown.contains("IANA HTTP Status Code Registry"), "{shown}");
    assert!(shown.contains("rfc9110#section-15.5.19"), "{shown}");
    let json = json(&httpadvise(
        &here(),
        &["explain", "226", "--format", "json"],
    ));
    assert_eq!(json["status"]["title"], "IM Used");
    assert_eq!(json["status"]["registry_only"], true);
    assert_eq!(json["recommends"], serde_json::json!([]));
    let compare = httpadvise(&here(), &["compare", "418", "404", "--format", "markdown"]);
    let shown = String::from_utf8_lossy(&compare.stdout);
    assert_eq!(compare.status.code(), Some(0), "{shown}");
    assert!(shown.contains("#### 418 (Unused)"), "{shown}");
}

/// What `--expect` accepts where an outcome says a code fits as well, `explain` shows as
/// a path: a PUT that changes nothing is 200, and 204 fits as well there.
#[test]
fn explain_lists_the_outcomes_where_a_code_fits_as_well() {
    let unchanged = ["--method=put", "--conflict=equivalent"];
    let verdict = httpadvise(&here(), &[&unchanged[..], &["--expect", "204"]].concat());
    assert_eq!(verdict.status.code(), Some(0));
    let output = httpadvise(&here(), &["explain", "204"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stdout.contains(
            "Paths where it fits as well\n  unchanged, which recommends 200 OK; 204 fits as well\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("    • method = put, payload = valid | none, conflict = equivalent\n"),
        "{stdout}"
    );
}

#[test]
fn explain_of_the_recommended_code_lists_no_fits_as_well_section() {
    let output = httpadvise(&here(), &["explain", "200"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("\n  no-client-error\n"), "{stdout}");
    assert!(!stdout.contains("fits as well"), "{stdout}");
}

/// Colored explain output is the plain one with escape codes added, the new section too.
#[test]
fn colored_explain_says_where_a_code_fits_as_well() {
    let plain = httpadvise(&here(), &["explain", "204"]);
    let colored = httpadvise(&here(), &["explain", "204", "--color", "always"]);
    let colored = String::from_utf8_lossy(&colored.stdout);
    assert!(colored.contains("\x1b["), "{colored}");
    assert!(colored.contains("fits as well"), "{colored}");
    assert_eq!(strip_ansi(&colored), String::from_utf8_lossy(&plain.stdout));
}

#[test]
fn compare_says_where_a_code_fits_as_well() {
    let output = httpadvise(&here(), &["compare", "200", "204"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    // Wrapping depends on the width; the words do not.
    let words = stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Reached at `no-content`; fits as well at `unchanged`, where the rules recommend 200 (see `httpadvise explain 204`)."),
        "{stdout}"
    );
}

#[test]
fn an_expected_code_that_fits_as_well_says_which_code_is_recommended() {
    let unchanged = ["--method=put", "--conflict=equivalent"];
    let text = httpadvise(&here(), &[&unchanged[..], &["--expect", "204"]].concat());
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(
        stdout.starts_with(
            "✔ 204 No Content: the rules agree: it fits as well as the 200 OK they recommend.\n"
        ),
        "{stdout}"
    );
    let json = json(&httpadvise(
        &here(),
        &[&unchanged[..], &["--expect", "204", "--format", "json"]].concat(),
    ));
    assert_eq!(
        (
            json["expect"]["agrees"].as_bool(),
            json["expect"]["recommended"].as_u64()
        ),
        (Some(true), Some(200))
    );
    let same = httpadvise(&here(), &[&unchanged[..], &["--expect", "200"]].concat());
    assert!(String::from_utf8_lossy(&same.stdout).starts_with("✔ 200 OK: the rules agree.\n"));
}

/// The text without its ANSI escape sequences (`ESC [ … letter`).
fn strip_ansi(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\x1b' {
            plain.push(c);
            continue;
        }
        for c in chars.by_ref() {
            if c.is_ascii_alphabetic() && c != '[' {
                break;
            }
        }
    }
    plain
}

#[test]
fn expect_gives_no_from_for_a_question_the_run_never_reached() {
    let output = httpadvise(
        &here(),
        &["--payload-invalid", "--expect", "304", "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(1));
    let changes = &json(&output)["expect"]["alternatives"][0]["changes"];
    let from = |question: &str| {
        changes
            .as_array()
            .and_then(|c| c.iter().find(|c| c["question"] == question))
            .map(|c| c["from"].clone())
    };
    assert_eq!(from("precondition"), Some(Value::from("no")), "{changes}");
    assert_eq!(from("condition"), Some(Value::Null), "{changes}");
    assert_eq!(from("method"), Some(Value::from("post")), "{changes}");
}

/// Every row of the README's table of where the profiles differ is what
/// `--compare-profiles` gives for the flags the row names.
#[test]
fn the_readme_table_of_profile_differences_is_the_real_output() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let table = readme
        .split("Where the profiles part from the RFC reading")
        .nth(1)
        .expect("the table's introduction");
    let rows: Vec<&str> = table
        .lines()
        .skip_while(|l| !l.starts_with("| request"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert!(rows.len() > 10, "{table}");
    for row in rows {
        let flags = row
            .split('`')
            .nth(1)
            .unwrap_or_else(|| panic!("no flags in {row}"));
        let mut args: Vec<&str> = flags.split(' ').collect();
        args.extend(["--compare-profiles", "--format", "json"]);
        let report = json(&httpadvise(&here(), &args));
        let shown: Vec<String> = row
            .split('|')
            .skip(2)
            .filter(|c| !c.trim().is_empty())
            .map(|c| c.trim().trim_matches('*').to_string())
            .collect();
        let real: Vec<String> = report["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .map(|r| {
                r["status"]
                    .as_u64()
                    .map_or("stored".into(), |s| s.to_string())
            })
            .collect();
        assert_eq!(shown, real, "{row}");
    }
}

/// The README's sample session is what the command prints: each line it shows is a line
/// of the real output, in order (a line it cuts short with `…` is left out).
#[test]
fn the_readme_sample_session_is_the_real_output() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let command = "$ httpadvise --precondition --payload-valid\n";
    let block = readme
        .split(command)
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the sample session");
    let output = httpadvise(&here(), &["--precondition", "--payload-valid"]);
    assert!(output.status.success());
    let real = String::from_utf8(output.stdout).expect("UTF-8");
    let mut lines = real.lines();
    for shown in block.lines().filter(|l| !l.contains('…')) {
        assert!(
            lines.any(|l| l == shown),
            "the README shows `{shown}`, which the real output does not have at that place:\n{real}"
        );
    }
}
