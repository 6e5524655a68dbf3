//! The command line as a user meets it: every case in `tests/cmd/*.toml` runs the real
//! binary and checks its exit code and output (trycmd; `...` and `[..]` elide rule prose).
//!
//! Each case removes NO_COLOR, CLICOLOR, CLICOLOR_FORCE, COLUMNS and TERM from the
//! environment (`[env] remove`), so a developer's shell cannot change the output; the
//! color cases set what they test. Runner-wide `env` is not used for this because it
//! would override the values a case sets.
//!
//! To see what a new case prints: `TRYCMD=dump cargo test --test cli`.

#[test]
fn cli() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
