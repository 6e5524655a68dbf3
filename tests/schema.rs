//! The JSON Schema of the rule format: the committed copy is what the binary prints, and
//! every rule file of the built-in pack and its profiles validates against it.
//!
//! Validation is a small validator of the keywords the schema uses, written here rather
//! than a JSON Schema crate as a dependency; it fails on any keyword it does not know, so
//! the schema cannot grow past what is checked without this test saying so.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{Map, Value};

const COMMITTED: &str = "docs/rules.schema.json";

fn printed() -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_httpadvise"))
        .args(["--no-config", "rules", "schema"])
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(0));
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn schema() -> Value {
    httpadvise_rules::schema::schema()
}

#[test]
fn the_committed_schema_is_the_printed_one() {
    let committed = std::fs::read_to_string(COMMITTED).unwrap_or_default();
    assert!(
        committed == printed(),
        "{COMMITTED} is stale; regenerate it with:\n  \
         cargo run --quiet -- --no-config rules schema > {COMMITTED}"
    );
}

#[test]
fn the_schema_says_what_it_is() {
    let schema = schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(schema["$id"], httpadvise_rules::schema::ID);
    assert!(schema["title"].is_string() && schema["description"].is_string());
    assert_eq!(schema["additionalProperties"], false);
}

#[test]
fn every_description_names_a_property_that_exists() {
    assert_eq!(
        httpadvise_rules::schema::stale_descriptions(),
        Vec::<String>::new()
    );
}

fn rule_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["rules", "rules/profiles"] {
        let entries = std::fs::read_dir(dir).expect("the rules folder");
        files.extend(
            entries
                .map(|e| e.expect("an entry").path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml")),
        );
    }
    files.sort();
    files
}

fn as_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("readable");
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_builtin_rule_file_and_profile_validates() {
    let schema = schema();
    let files = rule_files();
    assert!(files.len() > 10, "{files:?}");
    for file in files {
        let errors = validate(&schema, &as_json(&file));
        assert!(
            errors.is_empty(),
            "{}:\n{}",
            file.display(),
            errors.join("\n")
        );
    }
}

#[test]
fn the_validator_rejects_what_the_format_rejects() {
    let schema = schema();
    let cases = [
        (
            "[[question]]\nid = \"x\"\nkind = \"yes-no\"\npromt = \"?\"",
            "/question/0: unknown key `promt`",
        ),
        (
            "[[question]]\nid = \"x\"\nkind = \"maybe\"\nprompt = \"?\"",
            "/question/0/kind: not one of",
        ),
        (
            "[[status]]\ncode = 600\nname = \"x\"\nmeaning = \"y\"",
            "/status/0/code: above 599",
        ),
        (
            "[[node]]\nid = \"x\"\nquestion = \"q\"\non = { yes = 1 }",
            "/node/0/on/yes: not a string",
        ),
        ("[pack]", "/pack: missing key `start`"),
        (
            "[[outcome]]\nid = \"x\"",
            "/outcome/0: missing key `summary`",
        ),
        ("tree = 1", ": unknown key `tree`"),
    ];
    for (text, expected) in cases {
        let value: Value = toml::from_str(text).expect("TOML");
        let errors = validate(&schema, &value);
        assert!(
            errors.iter().any(|e| e.starts_with(expected)),
            "{text:?}: {errors:?}"
        );
    }
}

/// Every place in `value` that `schema` rejects, as `/json/pointer: why`.
fn validate(schema: &Value, value: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    check(schema, schema, value, "", &mut errors);
    errors
}

/// Keywords that describe and do not constrain.
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$id",
    "title",
    "description",
    "default",
    "format",
    "definitions",
];

fn check(root: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    let Value::Object(schema) = schema else {
        panic!("{at}: a schema that is not an object: {schema}");
    };
    for (keyword, rule) in schema {
        match keyword.as_str() {
            "$ref" => check(root, resolve(root, rule), value, at, errors),
            "allOf" => each(rule).for_each(|s| check(root, s, value, at, errors)),
            "anyOf" => any_of(root, rule, value, at, errors),
            "type" => check_type(rule, value, at, errors),
            "enum" if !each(rule).any(|v| v == value) => {
                errors.push(format!("{at}: not one of {rule}"));
            }
            "minimum" | "maximum" => check_bound(keyword, rule, value, at, errors),
            // Checked together below: what counts as an extra key depends on all three.
            "properties" | "additionalProperties" | "required" => {}
            "items" => check_items(root, rule, value, at, errors),
            "enum" => {}
            known if ANNOTATIONS.contains(&known) => {}
            unknown => panic!("{at}: the test's validator does not know `{unknown}`"),
        }
    }
    if OBJECT_KEYWORDS.iter().any(|k| schema.contains_key(*k)) {
        check_object(root, schema, value, at, errors);
    }
}

const OBJECT_KEYWORDS: &[&str] = &["properties", "additionalProperties", "required"];

fn each(rule: &Value) -> impl Iterator<Item = &Value> {
    rule.as_array().expect("an array of schemas").iter()
}

fn resolve<'a>(root: &'a Value, reference: &Value) -> &'a Value {
    let reference = reference.as_str().expect("a $ref string");
    let pointer = reference.strip_prefix('#').expect("a local $ref");
    root.pointer(pointer)
        .unwrap_or_else(|| panic!("{reference} resolves"))
}

fn any_of(root: &Value, rule: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    let passes = each(rule).any(|s| {
        let mut inner = Vec::new();
        check(root, s, value, at, &mut inner);
        inner.is_empty()
    });
    if !passes {
        errors.push(format!("{at}: matches none of anyOf"));
    }
}

fn check_type(rule: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    let fits = |name: &str| match name {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "null" => value.is_null(),
        other => panic!("unknown type {other}"),
    };
    let ok = match rule {
        Value::String(name) => fits(name),
        Value::Array(names) => names.iter().filter_map(Value::as_str).any(fits),
        other => panic!("a type that is neither a name nor a list: {other}"),
    };
    if !ok {
        let name = rule
            .as_str()
            .map_or_else(|| rule.to_string(), str::to_string);
        errors.push(format!("{at}: not a {name}"));
    }
}

fn check_bound(keyword: &str, rule: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    let (Some(bound), Some(n)) = (rule.as_i64(), value.as_i64()) else {
        return;
    };
    match keyword {
        "minimum" if n < bound => errors.push(format!("{at}: below {bound}")),
        "maximum" if n > bound => errors.push(format!("{at}: above {bound}")),
        _ => {}
    }
}

/// `properties`, `additionalProperties` and `required` of one object schema.
fn check_object(
    root: &Value,
    schema: &Map<String, Value>,
    value: &Value,
    at: &str,
    errors: &mut Vec<String>,
) {
    let Value::Object(map) = value else {
        return;
    };
    let properties = schema.get("properties").and_then(Value::as_object);
    for key in schema.get("required").into_iter().flat_map(each) {
        let key = key.as_str().expect("a key");
        if !map.contains_key(key) {
            errors.push(format!("{at}: missing key `{key}`"));
        }
    }
    for (key, item) in map {
        let path = format!("{at}/{key}");
        match (
            properties.and_then(|p| p.get(key)),
            schema.get("additionalProperties"),
        ) {
            (Some(property), _) => check(root, property, item, &path, errors),
            (None, Some(Value::Bool(false))) => errors.push(format!("{at}: unknown key `{key}`")),
            (None, Some(extra @ Value::Object(_))) => check(root, extra, item, &path, errors),
            (None, _) => {}
        }
    }
}

fn check_items(root: &Value, rule: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    if let Value::Array(items) = value {
        for (i, item) in items.iter().enumerate() {
            check(root, rule, item, &format!("{at}/{i}"), errors);
        }
    }
}
