#!/usr/bin/env bash
# Fills fuzz/corpus/ with seeds taken from the repository, so each run starts from real rule
# files and real command lines instead of from nothing. Corpora are not committed: this
# rebuilds them from what the repository holds now. Safe to run again; it only adds files.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
load="$root/fuzz/corpus/load"
answers="$root/fuzz/corpus/answers"
fixture="$root/fuzz/corpus/fixture"
mkdir -p "$load" "$answers" "$fixture"

# Rule files as they are, including every broken one the error tests use.
for file in "$root"/rules/*.toml "$root"/rules/profiles/*.toml "$root"/tests/fixtures/errors/*.toml; do
    name="${file#"$root"/}"
    cp "$file" "$load/${name//\//_}"
done
# Inputs that once crashed, or that the regression test keeps for their shape.
for file in "$root"/tests/fixtures/fuzz/load-*; do
    [ -e "$file" ] && cp "$file" "$load/"
done
# One rule file alone rarely loads; the whole built-in pack in one file does, and so does it
# with each profile on top, so the fuzzer starts with valid trees to mutate.
cat "$root"/rules/[0-9]*.toml > "$load/builtin-pack.toml"
for profile in "$root"/rules/profiles/*.toml; do
    cat "$root"/rules/[0-9]*.toml "$profile" > "$load/builtin-pack-$(basename "$profile")"
done

# Command lines from the binary's own tests, as NUL-separated arguments.
python3 - "$root/tests/cmd" "$answers" <<'PY'
import pathlib, sys, tomllib
source, target = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for case in sorted(source.glob("*.toml")):
    args = tomllib.loads(case.read_text()).get("args")
    if isinstance(args, list):
        (target / f"cmd-{case.stem}").write_bytes(b"\0".join(a.encode() for a in args))
PY
for file in "$root"/tests/fixtures/fuzz/answers-*; do
    [ -e "$file" ] && cp "$file" "$answers/"
done
printf 'payload=valid' > "$answers/answer-payload"
printf 'condition=if-none-match' > "$answers/answer-condition"
# The `answers` dictionary: every flag, question id and answer id of the built-in pack, and
# the fixed options. Made from the rules on each run so it never lags behind them; it lives
# in the ignored target folder because it is generated.
mkdir -p "$root/fuzz/target"
python3 - "$root" > "$root/fuzz/target/answers.dict" <<'PY'
import pathlib, sys, tomllib
root = pathlib.Path(sys.argv[1])
words = {"--answer", "--rules", "--no-builtin-rules", "--profile", "--config", "--no-config",
         "--interactive", "-i", "--format", "--expect", "--compare-profiles", "--no-diagram",
         "--color", "--help", "--version", "--", "=", "json", "text", "markdown", "dot",
         "mermaid", "explain", "compare", "rules", "check", "graph", "test", "schema",
         "profiles", "show", "completions", "man", "always", "never", "auto"}
for file in sorted(root.glob("rules/**/*.toml")):
    for question in tomllib.loads(file.read_text()).get("question", []):
        flag = question.get("flag", question["id"])
        words |= {question["id"] + "=", "--" + flag}
        if question.get("kind") == "yes-no":
            words |= {"--no-" + flag, "yes", "no"}
        for choice in question.get("choice", []):
            words.add(choice["id"])
            if "flag" in choice:
                words.add("--" + choice["flag"])
# Flags and ids are plain words: no quote or backslash needs escaping here.
for word in sorted(words):
    print(f'"{word}"')
PY
# Scenario fixtures: the built-in pack's own, the broken ones, and those kept from runs.
for file in "$root"/tests/scenarios/*.toml "$root"/tests/fixtures/scenarios/*.toml \
    "$root"/tests/fixtures/fuzz/fixture-*; do
    [ -e "$file" ] || continue
    name="${file#"$root"/}"
    cp "$file" "$fixture/${name//\//_}"
done
echo "seeded: $(ls "$load" | wc -l) load, $(ls "$answers" | wc -l) answers, $(ls "$fixture" | wc -l) fixture"
