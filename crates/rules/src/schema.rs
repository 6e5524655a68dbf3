//! The JSON Schema of the rule format, for editors that complete and check TOML.

use schemars::generate::SchemaSettings;
use schemars::Schema;
use serde_json::Value;

use crate::raw::RawFile;

/// A name, not an address: editors load the committed copy by path (`#:schema`), and a
/// URN cannot send them to a copy that has moved or gone stale.
pub const ID: &str = "urn:httpadvise:rules-schema";

/// The schema as pretty-printed JSON.
pub fn json() -> String {
    // Serialising a `Value` cannot fail: every map key in it is already a string.
    serde_json::to_string_pretty(&schema()).unwrap_or_default()
}

/// Derived from the very structs that parse rule files, so the two cannot disagree.
/// Draft 7: the draft that editors' schema support (taplo, VS Code) reads most widely.
pub fn schema() -> Value {
    let mut schema = derived().to_value();
    let Value::Object(root) = &mut schema else {
        return schema;
    };
    root.insert("$id".into(), ID.into());
    root.insert("title".into(), "httpadvise rule file".into());
    root.insert(
        "description".into(),
        "A file of httpadvise rules: statuses, questions, nodes and outcomes of the \
         decision tree, a profile's guide and positions, or contrasts. See docs/rules.md."
            .into(),
    );
    without_null(&mut schema);
    describe(&mut schema);
    schema
}

fn derived() -> Schema {
    SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<RawFile>()
}

/// Editors show these as hover text and completion details. The structs' own doc
/// comments speak to the code that reads them; these speak to the person writing rules.
#[rustfmt::skip]
const DESCRIPTIONS: &[(&str, &str, &str)] = &[
    ("RawFile", "pack", "Where the walk starts."),
    ("RawFile", "status", "A status code's current name, its meaning and where it is defined."),
    ("RawFile", "question", "A fact about the request: yes/no, or one choice among several."),
    ("RawFile", "node", "A decision: tests the answer to one question, leads to a node or an outcome."),
    ("RawFile", "outcome", "A recommendation: a status code, why, what to send, what the client does next."),
    ("RawFile", "profile", "In .httpadvise.toml only: the profile the house rules start from."),
    ("RawFile", "guide", "In a profile's file: the API guide it follows."),
    ("RawFile", "position", "The status a layer gives at an outcome, and why."),
    ("RawFile", "contrast", "How to tell two neighbouring codes apart (`httpadvise compare A B`)."),
    ("RawPack", "start", "The node (or outcome) the walk begins at."),
    ("RawStatus", "code", "The status code, 100..=599."),
    ("RawStatus", "name", "The code's current name (RFC 9110)."),
    ("RawStatus", "meaning", "What the code means, in a sentence or two."),
    ("RawStatus", "override", "Replace the earlier entry with this code, whole."),
    ("RawStatus", "reason", "Why this layer adds or replaces the status; shown where it changes the advice."),
    ("RawQuestion", "id", "The question's id; also its flag unless `flag` says otherwise."),
    ("RawQuestion", "kind", "`yes-no` (answers yes and no) or `choice` (one of its choices)."),
    ("RawQuestion", "prompt", "The question as it is asked."),
    ("RawQuestion", "help", "What the question means, with examples."),
    ("RawQuestion", "default", "The answer a one-shot run takes when the question is left open."),
    ("RawQuestion", "flag", "The flag's name when it differs from the id."),
    ("RawQuestion", "bare", "For a choice question: the choice that `--FLAG` given alone means."),
    ("RawQuestion", "choice", "The choices of a `choice` question, at least two."),
    ("RawQuestion", "override", "Replace the earlier question with this id, whole."),
    ("RawChoice", "id", "The value: --ID=CHOICE, --answer ID=CHOICE."),
    ("RawChoice", "label", "What the choice means, as the prompt lists it."),
    ("RawChoice", "flag", "A flag of its own that picks this choice."),
    ("RawNode", "id", "The node's id; nodes and outcomes share one namespace."),
    ("RawNode", "question", "The question whose answer this node tests."),
    ("RawNode", "on", "Answer = the node or outcome it leads to."),
    ("RawNode", "else", "Where every answer that `on` does not name leads."),
    ("RawNode", "override", "Replace the earlier node with this id, whole."),
    ("RawOutcome", "id", "The outcome's id; nodes and outcomes share one namespace."),
    ("RawOutcome", "status", "The status code it recommends; needs a [[status]] entry."),
    ("RawOutcome", "summary", "One line: what happened."),
    ("RawOutcome", "explanation", "Why this code, and how to tell it from its neighbours."),
    ("RawOutcome", "retry", "What the client should do with the same request."),
    ("RawOutcome", "next-step", "What the client does next."),
    ("RawOutcome", "why-not", "Neighbouring codes, and why not them."),
    ("RawOutcome", "header", "Header fields to send with the response."),
    ("RawOutcome", "problem", "The application/problem+json body (RFC 9457)."),
    ("RawOutcome", "cite", "Where the code and the reasoning are defined."),
    ("RawOutcome", "override", "Replace the earlier outcome with this id, whole."),
    ("RawWhyNot", "status", "A neighbouring code; needs a [[status]] entry."),
    ("RawWhyNot", "reason", "Why it is not that code."),
    ("RawHeader", "name", "The header field's name."),
    ("RawHeader", "why", "What it tells the client."),
    ("RawProblem", "type", "The problem type URI."),
    ("RawProblem", "detail", "An example detail message."),
    ("RawProblem", "members", "Extension members, described."),
    ("RawPosition", "outcome", "The outcome id this position is taken at."),
    ("RawPosition", "status", "The status this layer gives there; leave it out where it agrees."),
    ("RawPosition", "reason", "Why the guide answers this way."),
    ("RawContrast", "a", "One of the two codes."),
    ("RawContrast", "b", "The other code."),
    ("RawContrast", "test", "The question that decides between them."),
    ("RawContrast", "reason", "Why this layer writes the contrast; a later one for the same codes replaces it."),
];

fn describe(schema: &mut Value) {
    for (definition, property, text) in DESCRIPTIONS {
        if let Some(Value::Object(map)) = schema.pointer_mut(&pointer(definition, property)) {
            // Draft 7 ignores every keyword beside `$ref`, so the reference moves into `allOf`.
            if let Some(reference) = map.remove("$ref") {
                let target = serde_json::json!([{ "$ref": reference }]);
                map.insert("allOf".into(), target);
            }
            map.insert("description".into(), (*text).into());
        }
    }
}

/// The root table's properties sit at the top; every other table is a definition.
fn pointer(definition: &str, property: &str) -> String {
    match definition {
        "RawFile" => format!("/properties/{property}"),
        _ => format!("/definitions/{definition}/properties/{property}"),
    }
}

/// TOML has no null: an optional key is one that is left out, which `required` already
/// says. Offering `null` would only make editors complete a value no rule file can hold.
fn without_null(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if let [only] = types.as_slice() {
                    let only = only.clone();
                    map.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(options)) = map.remove("anyOf") {
                let mut options: Vec<Value> = options
                    .into_iter()
                    .filter(|o| o.get("type").is_none_or(|t| t != "null"))
                    .collect();
                match (options.len(), options.pop()) {
                    (1, Some(Value::Object(only))) if map.is_empty() => map.extend(only),
                    (1, Some(only)) => {
                        map.insert("allOf".into(), Value::Array(vec![only]));
                    }
                    (_, last) => {
                        options.extend(last);
                        map.insert("anyOf".into(), Value::Array(options));
                    }
                }
            }
            map.values_mut().for_each(without_null);
        }
        Value::Array(items) => items.iter_mut().for_each(without_null),
        _ => {}
    }
}

/// Every (definition, property) that `DESCRIPTIONS` names but the schema lacks, so a
/// renamed field cannot leave its description behind unnoticed.
pub fn stale_descriptions() -> Vec<String> {
    let schema = derived();
    DESCRIPTIONS
        .iter()
        .filter(|(definition, property, _)| {
            schema.pointer(&pointer(definition, property)).is_none()
        })
        .map(|(definition, property, _)| format!("{definition}.{property}"))
        .collect()
}
