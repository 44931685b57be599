//! The JSON Schemas of `schema/` (draft 2020-12) describe the crate's wire
//! forms: the membership it reads, the evaluation it writes, and the policy
//! file that the command's `--policy-file` reads.
//!
//! This test proves that they describe them faithfully:
//!
//! - they are valid draft 2020-12 schemas, with one date form for all three;
//! - everything valid validates: every example membership and policy file,
//!   every golden case's membership and expected evaluation, thousands of
//!   generated memberships with their evaluations under the default policy,
//!   every built-in policy and the policy history, and the built-in policies
//!   and the policy history as the crate writes them;
//! - what the crate refuses for its shape, the schemas refuse too: an unknown
//!   field, a wrong JSON type, a missing required field, an array for an
//!   object, a field on the wrong kind of offer, from hand-written lists and
//!   from systematic mutations of valid inputs; and so for malformed values
//!   the schemas can express (empty strings, unknown names, numbers out of
//!   range, dates that do not match `YYYY-MM-DD`);
//! - what the crate accepts, the schemas accept: variants of valid inputs
//!   with optional fields left out or `null`;
//! - what the schemas cannot express (schema/README.md) is real: inputs that
//!   break only those rules validate, and the crate refuses them;
//! - the evaluation schema refuses evaluations that the wire contract rules out.
//!
//! Two lists name refusals that came to the crate after the schemas had
//! them, and are now asserted of both: `covid_override_requested` on a pack,
//! and the forms that serde's defaults once let the crate read though the
//! contract does not have them (a name in serde's map form, a policy's
//! objects written as arrays). No refusal is the schemas' alone.

use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;
use jsonschema::Validator;
use mpn_renewals::{strategies, Membership, Policy, PolicySet, Rules};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use serde_json::{json, Value};

use crate::common::{d, golden_cases};

const MEMBERSHIP_SCHEMA: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/schema/membership.schema.json");
const EVALUATION_SCHEMA: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/schema/evaluation.schema.json");
const POLICY_SCHEMA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/policy.schema.json");

/// How many generated memberships the generated tests draw.
const GENERATED: usize = 2_000;

/// How many of them the membership mutation test mutates in every way.
const MUTATED: usize = 300;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: unreadable: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()))
}

/// Every `*.json` file of a folder of the crate, sorted by name.
fn json_files(folder: &str) -> Cases {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut files: Cases = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: unreadable: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            (
                format!("{folder}/{}", path.file_name().unwrap().to_string_lossy()),
                read_json(&path),
            )
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

fn compile(path: &str) -> Validator {
    let schema = read_json(Path::new(path));
    jsonschema::draft202012::new(&schema)
        .unwrap_or_else(|e| panic!("{path}: not a valid draft 2020-12 schema: {e}"))
}

struct Schemas {
    membership: Validator,
    evaluation: Validator,
    policy: Validator,
}

/// The three schemas, compiled once for every test of this file.
fn schemas() -> &'static Schemas {
    static SCHEMAS: OnceLock<Schemas> = OnceLock::new();
    SCHEMAS.get_or_init(|| Schemas {
        membership: compile(MEMBERSHIP_SCHEMA),
        evaluation: compile(EVALUATION_SCHEMA),
        policy: compile(POLICY_SCHEMA),
    })
}

/// The schema's errors for `instance`, one per line with its place; empty
/// when it validates.
fn schema_errors(validator: &Validator, instance: &Value) -> String {
    validator
        .iter_errors(instance)
        .map(|e| format!("    at `{}`: {e}", e.instance_path()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Records a failure unless `instance` validates.
fn expect_valid(failures: &mut Vec<String>, validator: &Validator, what: &str, instance: &Value) {
    if !validator.is_valid(instance) {
        failures.push(format!(
            "{what}: refused by the schema:\n{}\n  input: {instance}",
            schema_errors(validator, instance)
        ));
    }
}

/// Fails with every recorded failure (the first 40 of them in full).
fn assert_no_failures(failures: &[String], what: &str) {
    if failures.is_empty() {
        return;
    }
    let shown: Vec<&str> = failures.iter().take(40).map(String::as_str).collect();
    panic!(
        "{what}: {} failure(s){}:\n{}",
        failures.len(),
        if failures.len() > shown.len() {
            ", the first 40"
        } else {
            ""
        },
        shown.join("\n")
    );
}

/// Inputs, each with what it is.
type Cases = Vec<(String, Value)>;

/// How the crate reads an input: `Err` with its message if it refuses it.
type Reader = fn(&Value) -> Result<(), String>;

/// What the crate says of a membership, a policy or a policy set.
fn crate_membership(input: &Value) -> Result<(), String> {
    serde_json::from_value::<Membership>(input.clone())
        .map(drop)
        .map_err(|e| e.to_string())
}

/// The policy file as `--policy-file` reads it: an object with `versions`
/// is a policy set, anything else a policy.
fn crate_policy_file(input: &Value) -> Result<(), String> {
    if input.get("versions").is_some() {
        serde_json::from_value::<PolicySet>(input.clone()).map(drop)
    } else {
        serde_json::from_value::<Policy>(input.clone()).map(drop)
    }
    .map_err(|e| e.to_string())
}

/// Records a failure unless both the crate and the schema refuse `input`,
/// with what the other one said.
fn expect_both_refuse(
    failures: &mut Vec<String>,
    validator: &Validator,
    read: Reader,
    what: &str,
    input: &Value,
) {
    let by_crate = read(input);
    let by_schema = validator.is_valid(input);
    match (by_crate, by_schema) {
        (Err(_), false) => {}
        (Ok(()), false) => failures.push(format!(
            "{what}: accepted by the crate, refused by the schema:\n{}\n  input: {input}",
            schema_errors(validator, input)
        )),
        (Err(refusal), true) => failures.push(format!(
            "{what}: accepted by the schema, refused by the crate: {refusal}\n  input: {input}"
        )),
        (Ok(()), true) => failures.push(format!(
            "{what}: accepted by the crate and by the schema\n  input: {input}"
        )),
    }
}

/// `base` with the value at the JSON pointer `at` replaced by `value`.
fn with(base: &Value, at: &str, value: Value) -> Value {
    let mut copy = base.clone();
    *copy
        .pointer_mut(at)
        .unwrap_or_else(|| panic!("no `{at}` in {base}")) = value;
    copy
}

/// `base` with the key `key` of the object at `at` set to `value`.
fn inserted(base: &Value, at: &str, key: &str, value: Value) -> Value {
    let mut copy = base.clone();
    copy.pointer_mut(at)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("no object at `{at}` in {base}"))
        .insert(key.to_owned(), value);
    copy
}

/// `base` without the key `key` of the object at `at`.
fn removed(base: &Value, at: &str, key: &str) -> Value {
    let mut copy = base.clone();
    copy.pointer_mut(at)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("no object at `{at}` in {base}"))
        .remove(key)
        .unwrap_or_else(|| panic!("no `{key}` at `{at}` in {base}"));
    copy
}

/// Generated memberships and days, the same on every run.
fn generated(count: usize) -> Vec<(Membership, NaiveDate)> {
    let mut runner = TestRunner::deterministic();
    let strategy = strategies::membership_and_day();
    (0..count)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current())
        .collect()
}

/// A membership of every kind of offer and a token, each with every field
/// its kind may have: the base of the hand-written lists.
fn full_membership() -> Value {
    json!({
        "account": "contoso",
        "network_member": true,
        "portal": "partner_center",
        "business_profile": "current",
        "offers": [
            {"id": "maps", "kind": "action_pack", "purchased": "2018-09-01",
             "anniversary": "2019-09-01", "auto_renew": true, "cancelled": false},
            {"id": "lap", "kind": "learning_action_pack", "purchased": "2019-06-22",
             "origin_account": "fabrikam"},
            {"id": "cloud", "kind": "gold_competency", "area": "Cloud Platform",
             "purchased": "2017-03-10", "anniversary": "2020-03-10",
             "performance_met": true, "exams_validated": false,
             "covid_override_requested": false},
            {"id": "data", "kind": "silver_competency", "area": "Data",
             "purchased": "2017-08-10"}
        ],
        "tokens": [{"id": "o365-e3", "activated": "2020-01-05", "replaced": false}]
    })
}

fn partner_center_2020() -> Value {
    serde_json::to_value(Policy::partner_center_2020()).unwrap()
}

/// A policy set of one built-in version and one written out.
fn policy_set() -> Value {
    json!({"versions": [
        {"from": "0001-01-01", "builtin": "partner-center-2018"},
        {"from": "2019-03-01", "policy": partner_center_2020()}
    ]})
}

// ---------------------------------------------------------------------------
// Systematic shape mutations
// ---------------------------------------------------------------------------

/// What the shape mutations need to know of a wire form.
struct WireForm {
    /// Each field, and the JSON types the crate reads for it; the items of
    /// an array field are named `field[]`.
    types: &'static [(&'static str, &'static [&'static str])],
    /// The fields an object may lack: every other field is required where
    /// it appears (for a version, the one of `builtin` and `policy` it has).
    optional: &'static [&'static str],
}

impl WireForm {
    fn types(&self, field: &str) -> &'static [&'static str] {
        self.types
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, types)| *types)
            .unwrap_or_else(|| panic!("the test's wire form does not know the field `{field}`"))
    }
}

const MEMBERSHIP_FORM: WireForm = WireForm {
    types: &[
        ("account", &["string"]),
        ("network_member", &["boolean"]),
        ("portal", &["string"]),
        ("business_profile", &["string"]),
        ("offers", &["array"]),
        ("offers[]", &["object"]),
        ("tokens", &["array"]),
        ("tokens[]", &["object"]),
        ("id", &["string"]),
        ("kind", &["string"]),
        ("area", &["string", "null"]),
        ("purchased", &["string"]),
        ("anniversary", &["string", "null"]),
        ("auto_renew", &["boolean", "null"]),
        ("cancelled", &["boolean"]),
        ("performance_met", &["boolean", "null"]),
        ("exams_validated", &["boolean", "null"]),
        ("origin_account", &["string", "null"]),
        ("covid_override_requested", &["boolean", "null"]),
        ("activated", &["string"]),
        ("replaced", &["boolean"]),
    ],
    optional: &[
        "network_member",
        "portal",
        "business_profile",
        "offers",
        "tokens",
        "anniversary",
        "auto_renew",
        "cancelled",
        "performance_met",
        "exams_validated",
        "origin_account",
        "covid_override_requested",
        "replaced",
    ],
};

const POLICY_FORM: WireForm = WireForm {
    types: &[
        ("name", &["string"]),
        ("windows", &["object"]),
        ("partner_center", &["object"]),
        ("pmc", &["object"]),
        ("opens", &["integer"]),
        ("closes", &["integer"]),
        ("first_anniversary", &["string", "object"]),
        ("renewal_term", &["object"]),
        ("days_after_anniversary", &["integer"]),
        ("days_after_renewal", &["integer"]),
        ("days_after_purchase", &["integer"]),
        ("reminders", &["object"]),
        ("upcoming", &["integer"]),
        ("window_closing", &["integer"]),
        ("one_pack_per_account", &["boolean"]),
        ("cancellation_days", &["integer", "null"]),
        ("extensions", &["array"]),
        ("extensions[]", &["object"]),
        ("last_anniversary", &["string"]),
        ("excluded_areas", &["array"]),
        ("excluded_areas[]", &["string"]),
        ("waives_requirements", &["boolean"]),
        ("reactivation_end", &["object", "null"]),
        ("on", &["string"]),
        ("covid_override", &["boolean"]),
        ("versions", &["array"]),
        ("versions[]", &["object"]),
        ("from", &["string"]),
        ("builtin", &["string", "null"]),
        ("policy", &["object", "null"]),
    ],
    optional: &[
        "one_pack_per_account",
        "cancellation_days",
        "extensions",
        "excluded_areas",
        "reactivation_end",
    ],
};

/// The JSON type of a value, as JSON Schema names it.
fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// One value of each JSON type, none of them a valid value of a field of
/// another type (no integral float, no `{"variant": null}`).
fn samples() -> [Value; 7] {
    [
        json!(null),
        json!(true),
        json!(7),
        json!(1.5),
        json!("text"),
        json!([]),
        json!({"unknown_field": true}),
    ]
}

/// Every node of `value` with its JSON pointer and the field it is (`None`
/// for the root; `field[]` for an item of the array `field`).
fn nodes(
    value: &Value,
    at: String,
    field: Option<String>,
    out: &mut Vec<(String, Option<String>)>,
) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                nodes(child, format!("{at}/{key}"), Some(key.clone()), out);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                let item = field.as_ref().map(|f| format!("{f}[]"));
                nodes(child, format!("{at}/{index}"), item, out);
            }
        }
        _ => {}
    }
    out.push((at, field));
}

/// Every shape mutation of a valid input: an unknown field in each object,
/// each value replaced by a value of each JSON type its field does not take,
/// each required field deleted, each object replaced by the array of its
/// values (the policy's `windows`, its windows and `reminders` included:
/// the crate reads every object of the wire form from a JSON object only).
fn shape_mutations(form: &WireForm, valid: &Value) -> Cases {
    let mut all = Vec::new();
    nodes(valid, String::new(), None, &mut all);
    let mut out = Vec::new();
    for (at, field) in &all {
        if let Some(Value::Object(map)) = valid.pointer(at) {
            out.push((
                format!("an unknown field in `{at}`"),
                inserted(valid, at, "unknown_field", json!(true)),
            ));
            for key in map
                .keys()
                .filter(|key| !form.optional.contains(&key.as_str()))
            {
                out.push((format!("`{at}/{key}` deleted"), removed(valid, at, key)));
            }
            let values = Value::Array(map.values().cloned().collect());
            out.push((format!("`{at}` as an array"), with(valid, at, values)));
        }
        if let Some(field) = field {
            let types = form.types(field);
            for sample in samples() {
                if !types.contains(&json_type(&sample)) {
                    out.push((
                        format!("`{at}` = {sample}, not a {}", types.join(" or ")),
                        with(valid, at, sample),
                    ));
                }
            }
        }
    }
    out
}

/// Variants of a valid input that the crate may well accept: each optional
/// field deleted, each field that the crate reads `null` for set to `null`
/// in each object (where it is not that object's field, the crate refuses
/// it as unknown, and the variant proves nothing).
fn acceptable_variants(form: &WireForm, valid: &Value) -> Cases {
    let mut all = Vec::new();
    nodes(valid, String::new(), None, &mut all);
    let nullable = form
        .types
        .iter()
        .filter(|(field, types)| !field.ends_with("[]") && types.contains(&"null"));
    let mut out = Vec::new();
    for (at, _) in &all {
        if let Some(Value::Object(map)) = valid.pointer(at) {
            for key in map
                .keys()
                .filter(|key| form.optional.contains(&key.as_str()))
            {
                out.push((format!("`{at}/{key}` deleted"), removed(valid, at, key)));
            }
            for (key, _) in nullable.clone() {
                out.push((
                    format!("`{at}/{key}` = null"),
                    inserted(valid, at, key, Value::Null),
                ));
            }
        }
    }
    out
}

/// A field that an offer's kind does not have, added to each offer.
fn wrong_kind_mutations(valid: &Value) -> Cases {
    let mut out = Vec::new();
    let offers = valid["offers"].as_array().cloned().unwrap_or_default();
    for (index, offer) in offers.iter().enumerate() {
        let at = format!("/offers/{index}");
        let kind = offer["kind"].as_str().unwrap();
        let competency = kind.ends_with("_competency");
        let mut add = |field: &str, value: Value| {
            out.push((
                format!("`{at}/{field}` = {value} on a {kind}"),
                inserted(valid, &at, field, value),
            ));
        };
        if !competency {
            add("area", json!("Data"));
            add("performance_met", json!(true));
            add("exams_validated", json!(false));
        }
        if kind != "action_pack" {
            add("auto_renew", json!(true));
            add("auto_renew", json!(false));
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Everything valid validates
// ---------------------------------------------------------------------------

#[test]
fn the_schemas_are_draft_2020_12_schemas_with_one_date_form() {
    let mut date = None;
    for path in [MEMBERSHIP_SCHEMA, EVALUATION_SCHEMA, POLICY_SCHEMA] {
        let schema = read_json(Path::new(path));
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{path}: not declared draft 2020-12"
        );
        if let Err(e) = jsonschema::draft202012::meta::validate(&schema) {
            panic!("{path}: refused by the draft 2020-12 meta-schema: {e}");
        }
        compile(path);
        let this = schema["$defs"]["date"].clone();
        assert!(this.is_object(), "{path}: no $defs/date");
        let first = date.get_or_insert_with(|| this.clone());
        assert_eq!(
            *first, this,
            "{path}: $defs/date differs from the membership schema's"
        );
    }
}

#[test]
fn the_bases_of_the_hand_written_lists_are_valid() {
    let schemas = schemas();
    let mut failures = Vec::new();
    let membership = full_membership();
    expect_valid(
        &mut failures,
        &schemas.membership,
        "the full membership",
        &membership,
    );
    if let Err(e) = crate_membership(&membership) {
        failures.push(format!("the full membership: refused by the crate: {e}"));
    }
    for (what, policy) in [
        ("partner-center-2020", partner_center_2020()),
        ("the policy set", policy_set()),
    ] {
        expect_valid(&mut failures, &schemas.policy, what, &policy);
        if let Err(e) = crate_policy_file(&policy) {
            failures.push(format!("{what}: refused by the crate: {e}"));
        }
    }
    assert_no_failures(&failures, "the bases of the hand-written lists");
}

#[test]
fn every_example_membership_validates_against_the_membership_schema() {
    let files = json_files("examples/data");
    assert!(
        files.len() >= 8,
        "expected the 8 example memberships, found {}",
        files.len()
    );
    let mut failures = Vec::new();
    for (name, membership) in &files {
        expect_valid(&mut failures, &schemas().membership, name, membership);
    }
    assert_no_failures(&failures, "example memberships");
}

#[test]
fn every_example_policy_file_validates_against_the_policy_schema() {
    let files = json_files("examples/policies");
    assert!(
        files.len() >= 6,
        "expected the 6 example policy files, found {}",
        files.len()
    );
    let mut failures = Vec::new();
    for (name, policy) in &files {
        expect_valid(&mut failures, &schemas().policy, name, policy);
    }
    assert_no_failures(&failures, "example policy files");
}

#[test]
fn every_golden_case_validates_against_the_schemas() {
    let cases = golden_cases();
    assert!(
        cases.len() >= 16,
        "expected the 16 golden cases, found {}",
        cases.len()
    );
    let schemas = schemas();
    let mut failures = Vec::new();
    for (name, case) in &cases {
        let membership = &case["membership"];
        let expected = &case["evaluation"];
        expect_valid(
            &mut failures,
            &schemas.membership,
            &format!("{name}: membership"),
            membership,
        );
        expect_valid(
            &mut failures,
            &schemas.evaluation,
            &format!("{name}: expected evaluation"),
            expected,
        );
        // And the crate's own evaluation of it.
        let today = d(case["today"].as_str().unwrap());
        let membership: Membership = serde_json::from_value(membership.clone()).unwrap();
        let actual = serde_json::to_value(mpn_renewals::evaluate(&membership, today)).unwrap();
        expect_valid(
            &mut failures,
            &schemas.evaluation,
            &format!("{name}: the crate's evaluation"),
            &actual,
        );
    }
    assert_no_failures(&failures, "golden cases");
}

#[test]
fn generated_memberships_and_their_evaluations_validate_against_the_schemas() {
    let schemas = schemas();
    let history = PolicySet::partner_center_history();
    let builtins: Vec<&Policy> = Policy::BUILTIN_NAMES
        .iter()
        .map(|name| Policy::builtin(name).unwrap())
        .collect();
    let mut failures = Vec::new();
    let mut evaluations = 0;
    for (index, (membership, today)) in generated(GENERATED).iter().enumerate() {
        let input = serde_json::to_value(membership).unwrap();
        let what = format!("generated membership #{index}");
        expect_valid(&mut failures, &schemas.membership, &what, &input);
        let mut check = |policy: &str, evaluation: Value| {
            evaluations += 1;
            let what = format!("{what}, evaluated on {today} under {policy} (membership: {input})");
            expect_valid(&mut failures, &schemas.evaluation, &what, &evaluation);
        };
        check(
            "the default policy",
            serde_json::to_value(mpn_renewals::evaluate(membership, *today)).unwrap(),
        );
        for policy in &builtins {
            check(
                policy.name(),
                serde_json::to_value(policy.evaluate(membership, *today)).unwrap(),
            );
        }
        check(
            "the policy history",
            serde_json::to_value(history.evaluate(membership, *today)).unwrap(),
        );
    }
    assert_eq!(evaluations, GENERATED * (Policy::BUILTIN_NAMES.len() + 2));
    assert_no_failures(&failures, "generated memberships and evaluations");
}

#[test]
fn the_built_in_policies_and_the_policy_history_validate_against_the_policy_schema() {
    let mut failures = Vec::new();
    for name in Policy::BUILTIN_NAMES {
        let policy = serde_json::to_value(Policy::builtin(name).unwrap()).unwrap();
        expect_valid(&mut failures, &schemas().policy, name, &policy);
        let single =
            serde_json::to_value(PolicySet::single(Policy::builtin(name).unwrap().clone()))
                .unwrap();
        expect_valid(
            &mut failures,
            &schemas().policy,
            &format!("a set of {name} alone"),
            &single,
        );
    }
    let history = serde_json::to_value(PolicySet::partner_center_history()).unwrap();
    expect_valid(
        &mut failures,
        &schemas().policy,
        "the policy history",
        &history,
    );
    assert_no_failures(&failures, "built-in policies");
}

// ---------------------------------------------------------------------------
// What the crate refuses for its shape, the schemas refuse
// ---------------------------------------------------------------------------

/// Memberships that the crate refuses for their shape, by hand.
fn shape_invalid_memberships() -> Cases {
    let base = full_membership();
    let mut cases: Cases = Vec::new();
    let mut add = |what: String, value: Value| cases.push((what, value));

    // Unknown fields.
    add(
        "an unknown field at the root".into(),
        inserted(&base, "", "colour", json!("red")),
    );
    add(
        "an unknown field in an offer".into(),
        inserted(&base, "/offers/0", "price", json!(10)),
    );
    add(
        "an unknown field in a competency".into(),
        inserted(&base, "/offers/2", "level", json!("gold")),
    );
    add(
        "an unknown field in a token".into(),
        inserted(&base, "/tokens/0", "seats", json!(5)),
    );
    add(
        "a misspelt field".into(),
        inserted(
            &removed(&base, "/offers/0", "auto_renew"),
            "/offers/0",
            "autoRenew",
            json!(true),
        ),
    );

    // A wrong JSON type for each field (null where null is not absence).
    for (at, value) in [
        ("/account", json!(42)),
        ("/account", json!(null)),
        ("/account", json!(["contoso"])),
        ("/network_member", json!("true")),
        ("/network_member", json!(1)),
        ("/network_member", json!(null)),
        ("/portal", json!(1)),
        ("/portal", json!(null)),
        ("/portal", json!(["pmc"])),
        ("/business_profile", json!(true)),
        ("/business_profile", json!(null)),
        ("/offers", json!({})),
        ("/offers", json!("maps")),
        ("/offers", json!(null)),
        ("/tokens", json!({})),
        ("/tokens", json!(null)),
        ("/offers/0", json!("maps")),
        ("/offers/0", json!(null)),
        ("/offers/0", json!(1)),
        ("/offers/0/id", json!(7)),
        ("/offers/0/id", json!(null)),
        ("/offers/0/kind", json!(0)),
        ("/offers/0/kind", json!(null)),
        ("/offers/0/kind", json!({})),
        ("/offers/2/area", json!(["Cloud Platform"])),
        ("/offers/2/area", json!(1)),
        ("/offers/0/purchased", json!(20_180_901)),
        ("/offers/0/purchased", json!(null)),
        (
            "/offers/0/purchased",
            json!({"year": 2018, "month": 9, "day": 1}),
        ),
        ("/offers/0/anniversary", json!(true)),
        ("/offers/0/auto_renew", json!("true")),
        ("/offers/0/auto_renew", json!(1)),
        ("/offers/0/cancelled", json!("false")),
        ("/offers/0/cancelled", json!(null)),
        ("/offers/2/performance_met", json!(1)),
        ("/offers/2/exams_validated", json!("no")),
        ("/offers/1/origin_account", json!(false)),
        ("/offers/2/covid_override_requested", json!("yes")),
        ("/offers/2/covid_override_requested", json!(0)),
        ("/tokens/0", json!("o365-e3")),
        ("/tokens/0/id", json!(1)),
        ("/tokens/0/id", json!(null)),
        ("/tokens/0/activated", json!(null)),
        ("/tokens/0/activated", json!(20_200_105)),
        ("/tokens/0/replaced", json!("no")),
        ("/tokens/0/replaced", json!(null)),
    ] {
        add(format!("{value} at `{at}`"), with(&base, at, value));
    }

    // Missing required fields.
    for (at, key) in [
        ("", "account"),
        ("/offers/0", "id"),
        ("/offers/0", "kind"),
        ("/offers/0", "purchased"),
        ("/offers/2", "id"),
        ("/offers/2", "kind"),
        ("/offers/2", "purchased"),
        ("/tokens/0", "id"),
        ("/tokens/0", "activated"),
    ] {
        add(format!("no `{key}` at `{at}`"), removed(&base, at, key));
    }

    // Arrays where objects are expected (the order of the fields, which
    // serde's derive alone would read).
    add(
        "an array for the membership".into(),
        json!(["contoso", true, "partner_center", "current", [], []]),
    );
    add("an empty array for the membership".into(), json!([]));
    add("a string for the membership".into(), json!("contoso"));
    add("null for the membership".into(), json!(null));
    add(
        "an array for an offer".into(),
        with(
            &base,
            "/offers/0",
            json!([
                "maps",
                "action_pack",
                null,
                "2018-09-01",
                "2019-09-01",
                true,
                false,
                null,
                null,
                null,
                null
            ]),
        ),
    );
    add(
        "an array for a token".into(),
        with(&base, "/tokens/0", json!(["o365-e3", "2020-01-05", false])),
    );

    // A field on the wrong kind of offer.
    for (at, kind, field, value) in [
        ("/offers/0", "an Action Pack", "area", json!("Data")),
        ("/offers/1", "a Learning Action Pack", "area", json!("Data")),
        (
            "/offers/0",
            "an Action Pack",
            "performance_met",
            json!(true),
        ),
        (
            "/offers/1",
            "a Learning Action Pack",
            "performance_met",
            json!(false),
        ),
        (
            "/offers/0",
            "an Action Pack",
            "exams_validated",
            json!(false),
        ),
        (
            "/offers/1",
            "a Learning Action Pack",
            "exams_validated",
            json!(true),
        ),
        (
            "/offers/1",
            "a Learning Action Pack",
            "auto_renew",
            json!(true),
        ),
        ("/offers/2", "a gold competency", "auto_renew", json!(false)),
        (
            "/offers/3",
            "a silver competency",
            "auto_renew",
            json!(true),
        ),
    ] {
        add(
            format!("`{field}` = {value} on {kind}"),
            inserted(&base, at, field, value),
        );
    }
    add(
        "a competency without `area`".into(),
        removed(&base, "/offers/2", "area"),
    );
    add(
        "a competency with a null `area`".into(),
        with(&base, "/offers/3/area", json!(null)),
    );
    cases
}

#[test]
fn inputs_the_crate_refuses_for_their_shape_are_refused_by_the_schema() {
    let mut failures = Vec::new();
    for (what, input) in shape_invalid_memberships() {
        expect_both_refuse(
            &mut failures,
            &schemas().membership,
            crate_membership,
            &what,
            &input,
        );
    }
    assert_no_failures(&failures, "memberships of a wrong shape");
}

#[test]
fn shape_mutations_of_generated_memberships_are_refused_by_both() {
    let mut failures = Vec::new();
    let mut mutations = 0;
    for (index, (membership, _)) in generated(MUTATED).iter().enumerate() {
        let valid = serde_json::to_value(membership).unwrap();
        let all = shape_mutations(&MEMBERSHIP_FORM, &valid)
            .into_iter()
            .chain(wrong_kind_mutations(&valid));
        for (what, input) in all {
            mutations += 1;
            let what = format!("generated membership #{index}: {what}");
            expect_both_refuse(
                &mut failures,
                &schemas().membership,
                crate_membership,
                &what,
                &input,
            );
        }
    }
    assert!(mutations > 20 * MUTATED, "only {mutations} mutations");
    assert_no_failures(&failures, "shape mutations of generated memberships");
}

#[test]
fn inputs_the_crate_accepts_are_accepted_by_the_schemas() {
    let mut inputs: Vec<(String, Value, &Validator, &WireForm, Reader)> = Vec::new();
    for (index, (membership, _)) in generated(MUTATED).iter().enumerate() {
        let valid = serde_json::to_value(membership).unwrap();
        let what = format!("generated membership #{index}");
        inputs.push((
            what,
            valid,
            &schemas().membership,
            &MEMBERSHIP_FORM,
            crate_membership,
        ));
    }
    inputs.push((
        "the full membership".into(),
        full_membership(),
        &schemas().membership,
        &MEMBERSHIP_FORM,
        crate_membership,
    ));
    for (name, valid) in policy_inputs() {
        inputs.push((
            name,
            valid,
            &schemas().policy,
            &POLICY_FORM,
            crate_policy_file,
        ));
    }
    let mut failures = Vec::new();
    let mut accepted = 0;
    for (name, valid, validator, form, read) in &inputs {
        for (what, input) in acceptable_variants(form, valid) {
            if read(&input).is_ok() {
                accepted += 1;
                expect_valid(
                    &mut failures,
                    validator,
                    &format!("{name}: {what}, accepted by the crate"),
                    &input,
                );
            }
        }
    }
    assert!(
        accepted > 1_000,
        "only {accepted} variants accepted by the crate"
    );
    assert_no_failures(&failures, "variants the crate accepts");
}

/// The valid policy files of the mutation tests: the examples, the built-in
/// policies and the policy history as the crate writes them, and a set of a
/// built-in and a written version.
fn policy_inputs() -> Cases {
    let mut inputs = json_files("examples/policies");
    for name in Policy::BUILTIN_NAMES {
        inputs.push((
            format!("built-in {name}"),
            serde_json::to_value(Policy::builtin(name).unwrap()).unwrap(),
        ));
    }
    inputs.push((
        "the policy history".into(),
        serde_json::to_value(PolicySet::partner_center_history()).unwrap(),
    ));
    inputs.push((
        "a policy set of a built-in and a written version".into(),
        policy_set(),
    ));
    inputs
}

/// Policy files that the crate refuses for their shape, by hand.
fn shape_invalid_policies() -> Cases {
    let policy = partner_center_2020();
    let set = policy_set();
    let mut cases: Cases = Vec::new();
    let mut add = |what: String, value: Value| cases.push((what, value));

    // Unknown fields.
    for (at, key) in [
        ("", "version"),
        ("/windows", "legacy"),
        ("/windows/partner_center", "days"),
        ("/reminders", "third"),
        ("/renewal_term", "days_after_renewal"),
        ("/extensions/0", "areas"),
        ("/extensions/0/reactivation_end", "days_after_anniversary"),
    ] {
        add(
            format!("an unknown field `{key}` in `{at}` of a policy"),
            inserted(&policy, at, key, json!(1)),
        );
    }
    add(
        "an unknown field in a policy set".into(),
        inserted(&set, "", "default", json!("x")),
    );
    add(
        "an unknown field in a version".into(),
        inserted(&set, "/versions/0", "until", json!("2019-03-01")),
    );
    add(
        "an unknown field in a version's policy".into(),
        inserted(&set, "/versions/1/policy", "notes", json!("")),
    );

    // A wrong JSON type for each field.
    for (at, value) in [
        ("/name", json!(2020)),
        ("/name", json!(null)),
        ("/windows", json!("1..30")),
        ("/windows", json!(null)),
        ("/windows/pmc", json!(-90)),
        ("/windows/partner_center/opens", json!("1")),
        ("/windows/partner_center/opens", json!(1.5)),
        ("/windows/partner_center/closes", json!(true)),
        ("/windows/pmc/opens", json!(null)),
        ("/first_anniversary", json!(365)),
        ("/first_anniversary", json!(null)),
        ("/first_anniversary", json!(["same_day_next_year"])),
        ("/first_anniversary", json!({"days_after_purchase": "365"})),
        ("/renewal_term", json!(365)),
        ("/renewal_term", json!("days_after_anniversary")),
        ("/renewal_term", json!({"days_after_anniversary": null})),
        ("/renewal_term", json!([365])),
        ("/reminders", json!(null)),
        ("/reminders/upcoming", json!(null)),
        ("/reminders/window_closing", json!("23")),
        ("/one_pack_per_account", json!("no")),
        ("/one_pack_per_account", json!(null)),
        ("/cancellation_days", json!("30")),
        ("/cancellation_days", json!(30.5)),
        ("/cancellation_days", json!(false)),
        ("/extensions", json!({})),
        ("/extensions", json!(null)),
        ("/extensions/0", json!("covid-2020-h1")),
        ("/extensions/0/name", json!(null)),
        ("/extensions/0/first_anniversary", json!(20_200_101)),
        ("/extensions/0/last_anniversary", json!(null)),
        ("/extensions/0/excluded_areas", json!("Data")),
        ("/extensions/0/excluded_areas", json!(null)),
        ("/extensions/0/excluded_areas", json!([1])),
        ("/extensions/0/waives_requirements", json!(null)),
        ("/extensions/0/waives_requirements", json!("true")),
        ("/extensions/0/reactivation_end", json!("on")),
        ("/extensions/0/reactivation_end", json!("2020-06-30")),
        ("/extensions/0/reactivation_end", json!(30)),
        ("/extensions/0/reactivation_end", json!({"on": 20_200_630})),
        (
            "/extensions/1/reactivation_end",
            json!({"days_after_anniversary": "30"}),
        ),
        ("/extensions/0/covid_override", json!(0)),
    ] {
        add(
            format!("{value} at `{at}` of a policy"),
            with(&policy, at, value),
        );
    }
    for (at, value) in [
        ("/versions", json!({})),
        ("/versions", json!(null)),
        ("/versions/0", json!("partner-center-2018")),
        ("/versions/0/from", json!(1)),
        ("/versions/0/from", json!(null)),
        ("/versions/0/builtin", json!(2018)),
        ("/versions/1/policy", json!("partner-center-2020")),
        ("/versions/1/policy", json!([])),
    ] {
        add(
            format!("{value} at `{at}` of a policy set"),
            with(&set, at, value),
        );
    }

    // Missing required fields.
    for (at, key) in [
        ("", "name"),
        ("", "windows"),
        ("", "first_anniversary"),
        ("", "renewal_term"),
        ("", "reminders"),
        ("/windows", "partner_center"),
        ("/windows", "pmc"),
        ("/windows/pmc", "opens"),
        ("/windows/partner_center", "closes"),
        ("/reminders", "upcoming"),
        ("/reminders", "window_closing"),
        ("/renewal_term", "days_after_anniversary"),
        ("/extensions/0", "name"),
        ("/extensions/0", "first_anniversary"),
        ("/extensions/0", "last_anniversary"),
        ("/extensions/0", "waives_requirements"),
        ("/extensions/0", "covid_override"),
        ("/extensions/0/reactivation_end", "on"),
    ] {
        add(
            format!("no `{key}` at `{at}` of a policy"),
            removed(&policy, at, key),
        );
    }
    add("a policy set without `versions`".into(), json!({}));
    add(
        "a version without `from`".into(),
        removed(&set, "/versions/0", "from"),
    );

    // Either `builtin` or `policy`.
    add(
        "a version with both `builtin` and `policy`".into(),
        inserted(&set, "/versions/0", "policy", partner_center_2020()),
    );
    add(
        "a version with neither `builtin` nor `policy`".into(),
        removed(&set, "/versions/0", "builtin"),
    );
    add(
        "a version whose `builtin` and `policy` are both null".into(),
        json!({"versions": [{"from": "0001-01-01", "builtin": null, "policy": null}]}),
    );

    // Arrays where objects are expected.
    add("an empty array for a policy file".into(), json!([]));
    add(
        "an array of policies for a policy file".into(),
        json!([partner_center_2020()]),
    );
    add(
        "a name for a policy file".into(),
        json!("partner-center-2020"),
    );
    add(
        "an array for an extension".into(),
        with(
            &policy,
            "/extensions/0",
            json!(["covid-2020-h1", "2020-01-01", "2020-06-30", [], true, {"on": "2020-06-30"}, false]),
        ),
    );
    add(
        "an array for a version".into(),
        with(
            &set,
            "/versions/0",
            json!(["0001-01-01", "partner-center-2018", null]),
        ),
    );
    cases
}

#[test]
fn policies_the_crate_refuses_for_their_shape_are_refused_by_the_schema() {
    let mut failures = Vec::new();
    for (what, input) in shape_invalid_policies() {
        expect_both_refuse(
            &mut failures,
            &schemas().policy,
            crate_policy_file,
            &what,
            &input,
        );
    }
    assert_no_failures(&failures, "policy files of a wrong shape");
}

#[test]
fn shape_mutations_of_policy_files_are_refused_by_both() {
    let inputs = policy_inputs();
    let mut failures = Vec::new();
    let mut mutations = 0;
    for (name, valid) in &inputs {
        for (what, input) in shape_mutations(&POLICY_FORM, valid) {
            mutations += 1;
            let what = format!("{name}: {what}");
            expect_both_refuse(
                &mut failures,
                &schemas().policy,
                crate_policy_file,
                &what,
                &input,
            );
        }
    }
    assert!(mutations > 1_000, "only {mutations} mutations");
    assert_no_failures(&failures, "shape mutations of policy files");
}

#[test]
fn malformed_values_the_schemas_can_express_are_refused_by_both() {
    let membership = full_membership();
    let policy = partner_center_2020();
    let set = policy_set();
    let mut failures = Vec::new();
    for (at, value) in [
        ("/account", json!("")),
        ("/portal", json!("PMC")),
        ("/portal", json!("partner-center")),
        ("/business_profile", json!("outdated")),
        ("/offers/0/id", json!("")),
        ("/offers/0/kind", json!("gold")),
        ("/offers/0/kind", json!("ActionPack")),
        ("/offers/2/area", json!("")),
        ("/offers/1/origin_account", json!("")),
        ("/tokens/0/id", json!("")),
        ("/offers/0/purchased", json!("2018-9-01")),
        ("/offers/0/purchased", json!("0000-09-01")),
        ("/offers/0/anniversary", json!("2019-13-01")),
        ("/offers/0/anniversary", json!("2019-09-01T00:00:00")),
        ("/offers/0/anniversary", json!("+2019-09-01")),
        ("/tokens/0/activated", json!("2020/01/05")),
        ("/tokens/0/activated", json!("2020-01-32")),
        ("/tokens/0/activated", json!("")),
    ] {
        let input = with(&membership, at, value.clone());
        let what = format!("{value} at `{at}` of a membership");
        expect_both_refuse(
            &mut failures,
            &schemas().membership,
            crate_membership,
            &what,
            &input,
        );
    }
    for (at, value) in [
        ("/name", json!("")),
        ("/windows/pmc/opens", json!(-91)),
        ("/windows/partner_center/closes", json!(365)),
        ("/windows/partner_center/closes", json!(40_000)),
        ("/reminders/upcoming", json!(-365)),
        ("/reminders/window_closing", json!(400)),
        ("/first_anniversary", json!("same_day_last_year")),
        ("/first_anniversary", json!({"days_after_purchase": 0})),
        ("/first_anniversary", json!({"days_after_purchase": 1001})),
        ("/renewal_term", json!({"days_after_anniversary": 0})),
        ("/renewal_term", json!({"days_after_renewal": 89})),
        ("/renewal_term", json!({"days_after_renewal": 1001})),
        ("/renewal_term", json!({"days_after_renewal": 70_000})),
        ("/renewal_term", json!({"days_after_renewal": -365})),
        ("/renewal_term", json!({"days_after_purchase": 365})),
        ("/cancellation_days", json!(0)),
        ("/cancellation_days", json!(365)),
        ("/cancellation_days", json!(-1)),
        ("/extensions/0/name", json!("")),
        ("/extensions/0/first_anniversary", json!("2020-1-1")),
        ("/extensions/0/excluded_areas", json!([""])),
        (
            "/extensions/0/reactivation_end",
            json!({"on": "30 June 2020"}),
        ),
        (
            "/extensions/1/reactivation_end",
            json!({"days_after_anniversary": 365}),
        ),
        (
            "/extensions/1/reactivation_end",
            json!({"days_after_anniversary": -1}),
        ),
        (
            "/extensions/1/reactivation_end",
            json!({"days_after_renewal": 30}),
        ),
    ] {
        let input = with(&policy, at, value.clone());
        let what = format!("{value} at `{at}` of a policy");
        expect_both_refuse(
            &mut failures,
            &schemas().policy,
            crate_policy_file,
            &what,
            &input,
        );
    }
    for (at, value) in [
        ("/versions", json!([])),
        ("/versions/0/from", json!("2019")),
        ("/versions/0/builtin", json!("partner-center-1999")),
        ("/versions/0/builtin", json!("")),
    ] {
        let input = with(&set, at, value.clone());
        let what = format!("{value} at `{at}` of a policy set");
        expect_both_refuse(
            &mut failures,
            &schemas().policy,
            crate_policy_file,
            &what,
            &input,
        );
    }
    assert_no_failures(&failures, "malformed values");
}

// ---------------------------------------------------------------------------
// Refusals the schemas had first, now the crate's too
// ---------------------------------------------------------------------------

/// E5: `covid_override_requested` is a competency's field, an error on a
/// pack whatever its value.
fn covid_override_requested_on_packs() -> Cases {
    let base = full_membership();
    let mut cases = Vec::new();
    for (at, kind) in [
        ("/offers/0", "an Action Pack"),
        ("/offers/1", "a Learning Action Pack"),
    ] {
        for value in [json!(true), json!(false)] {
            cases.push((
                format!("`covid_override_requested` = {value} on {kind}"),
                inserted(&base, at, "covid_override_requested", value),
            ));
        }
    }
    cases
}

#[test]
fn e5_covid_override_requested_on_a_pack_is_refused_by_both() {
    let mut failures = Vec::new();
    for (what, input) in covid_override_requested_on_packs() {
        expect_both_refuse(
            &mut failures,
            &schemas().membership,
            crate_membership,
            &what,
            &input,
        );
    }
    assert_no_failures(&failures, "covid_override_requested on packs");
}

/// Forms that serde's defaults once let the crate read though the wire
/// contract and the policy form do not have them: the map form
/// `{"variant": null}` of a name, and the array of a struct's fields in
/// order. A name is a JSON string and an object a JSON object, for the
/// crate as for the schemas.
fn forms_outside_the_contract() -> (Cases, Cases) {
    let membership = full_membership();
    let memberships = vec![
        (
            "`portal` as {\"pmc\": null}".to_owned(),
            with(&membership, "/portal", json!({"pmc": null})),
        ),
        (
            "`business_profile` as {\"needs_review\": null}".to_owned(),
            with(
                &membership,
                "/business_profile",
                json!({"needs_review": null}),
            ),
        ),
        (
            "an offer's `kind` as {\"action_pack\": null}".to_owned(),
            with(&membership, "/offers/0/kind", json!({"action_pack": null})),
        ),
    ];
    let policy = partner_center_2020();
    let policies = vec![
        (
            "`first_anniversary` as {\"same_day_next_year\": null}".to_owned(),
            with(
                &policy,
                "/first_anniversary",
                json!({"same_day_next_year": null}),
            ),
        ),
        (
            "`windows` as an array of windows".to_owned(),
            with(
                &policy,
                "/windows",
                json!([{"opens": 1, "closes": 30}, {"opens": -90, "closes": 0}]),
            ),
        ),
        (
            "a window as an array of offsets".to_owned(),
            with(&policy, "/windows/pmc", json!([-90, 0])),
        ),
        (
            "`reminders` as an array of offsets".to_owned(),
            with(&policy, "/reminders", json!([-15, 23])),
        ),
    ];
    (memberships, policies)
}

#[test]
fn names_in_map_form_and_objects_as_arrays_are_refused_by_both() {
    let (memberships, policies) = forms_outside_the_contract();
    let mut failures = Vec::new();
    for (validator, read, cases) in [
        (
            &schemas().membership,
            crate_membership as Reader,
            memberships,
        ),
        (&schemas().policy, crate_policy_file as Reader, policies),
    ] {
        for (what, input) in cases {
            expect_both_refuse(&mut failures, validator, read, &what, &input);
        }
    }
    assert_no_failures(&failures, "forms outside the contract");
}

/// W5: a renewal term counted from the renewal day is 90 ..= 1000 days (a
/// PMC window opens 90 days before the anniversary, so a shorter term could
/// set the next anniversary before the purchase); one counted from the
/// anniversary is 1 ..= 1000. Both ends of both, in the schema and the
/// crate alike.
#[test]
fn w5_the_limits_of_a_renewal_term_are_the_same_in_both() {
    let policy = partner_center_2020();
    let mut failures = Vec::new();
    for (term, accepted) in [
        (json!({"days_after_renewal": 89}), false),
        (json!({"days_after_renewal": 90}), true),
        (json!({"days_after_renewal": 1000}), true),
        (json!({"days_after_renewal": 1001}), false),
        (json!({"days_after_anniversary": 0}), false),
        (json!({"days_after_anniversary": 1}), true),
        (json!({"days_after_anniversary": 1000}), true),
        (json!({"days_after_anniversary": 1001}), false),
    ] {
        let input = with(&policy, "/renewal_term", term.clone());
        let what = format!("`renewal_term` = {term}");
        if accepted {
            expect_valid(&mut failures, &schemas().policy, &what, &input);
            if let Err(e) = crate_policy_file(&input) {
                failures.push(format!("{what}: refused by the crate: {e}"));
            }
        } else {
            expect_both_refuse(
                &mut failures,
                &schemas().policy,
                crate_policy_file,
                &what,
                &input,
            );
        }
    }
    assert_no_failures(&failures, "renewal terms");
}

// ---------------------------------------------------------------------------
// What the schemas cannot express
// ---------------------------------------------------------------------------

#[test]
fn rules_beyond_the_schemas_are_left_to_the_crate() {
    let membership = full_membership();
    let memberships = [
        (
            "an anniversary on the purchase date",
            with(&membership, "/offers/0/anniversary", json!("2018-09-01")),
        ),
        (
            "an anniversary before the purchase",
            with(&membership, "/offers/0/anniversary", json!("2017-09-01")),
        ),
        (
            "two offers with one id",
            with(&membership, "/offers/1/id", json!("maps")),
        ),
        (
            "two tokens with one id",
            with(
                &membership,
                "/tokens",
                json!([{"id": "t", "activated": "2020-01-05"}, {"id": "t", "activated": "2020-02-05"}]),
            ),
        ),
        (
            "M4: two Action Packs without origin_account",
            with(
                &membership,
                "/offers/1",
                json!({"id": "maps2", "kind": "action_pack", "purchased": "2019-01-01"}),
            ),
        ),
        (
            "D4: an anniversary + 366 days after 9999-12-31",
            with(&membership, "/offers/0/anniversary", json!("9999-12-01")),
        ),
        (
            "D4: an anniversary - 90 days before 0001-01-01",
            with(
                &with(&membership, "/offers/0/purchased", json!("0001-01-01")),
                "/offers/0/anniversary",
                json!("0001-02-01"),
            ),
        ),
        (
            "D4: a default anniversary + 366 days after 9999-12-31",
            with(&membership, "/offers/3/purchased", json!("9999-01-01")),
        ),
        (
            "D4: a token's activation + 31 days after 9999-12-31",
            with(&membership, "/tokens/0/activated", json!("9999-12-15")),
        ),
        (
            "a day that does not exist",
            with(&membership, "/offers/0/purchased", json!("2018-02-30")),
        ),
        (
            "29 February of a common year",
            with(&membership, "/tokens/0/activated", json!("2019-02-29")),
        ),
    ];
    let policy = partner_center_2020();
    let policies = [
        (
            "a window that closes before it opens",
            with(&policy, "/windows/partner_center/closes", json!(0)),
        ),
        (
            "overlapping extensions",
            with(
                &policy,
                "/extensions/1/first_anniversary",
                json!("2020-06-30"),
            ),
        ),
        (
            "an extension that ends before it starts",
            with(
                &policy,
                "/extensions/0/last_anniversary",
                json!("2019-12-31"),
            ),
        ),
        (
            "a reactivation that ends on the last day of the calendar",
            with(
                &policy,
                "/extensions/0/reactivation_end",
                json!({"on": "9999-12-31"}),
            ),
        ),
        (
            "an offset written 1.0",
            with(&policy, "/windows/partner_center/opens", json!(1.0)),
        ),
        (
            "a term written 1e3",
            with(
                &policy,
                "/renewal_term",
                serde_json::from_str(r#"{"days_after_anniversary": 1e3}"#).unwrap(),
            ),
        ),
        (
            "a term written 365.0",
            with(
                &policy,
                "/renewal_term",
                json!({"days_after_anniversary": 365.0}),
            ),
        ),
        (
            "a day that does not exist",
            with(
                &policy,
                "/extensions/0/first_anniversary",
                json!("2019-02-29"),
            ),
        ),
        (
            "versions out of order",
            json!({"versions": [
                {"from": "2019-03-01", "builtin": "partner-center-2020"},
                {"from": "2019-03-01", "builtin": "partner-center-2022"}
            ]}),
        ),
        (
            "two versions of one name",
            json!({"versions": [
                {"from": "0001-01-01", "builtin": "partner-center-2018"},
                {"from": "2019-03-01", "builtin": "partner-center-2018"}
            ]}),
        ),
    ];
    let mut failures = Vec::new();
    let cases =
        memberships
            .into_iter()
            .map(|(what, input)| {
                (
                    &schemas().membership,
                    crate_membership as Reader,
                    what,
                    input,
                )
            })
            .chain(policies.into_iter().map(|(what, input)| {
                (&schemas().policy, crate_policy_file as Reader, what, input)
            }));
    for (validator, read, what, input) in cases {
        expect_valid(
            &mut failures,
            validator,
            &format!("{what} (a rule the schema leaves to the crate)"),
            &input,
        );
        if read(&input).is_ok() {
            failures.push(format!("{what}: accepted by the crate\n  input: {input}"));
        }
    }
    // A repeated key: a JSON parser keeps one of them for the schema, the
    // crate reads the text and refuses it.
    let repeated = r#"{"account": "contoso", "account": "fabrikam"}"#;
    let parsed: Value = serde_json::from_str(repeated).unwrap();
    expect_valid(
        &mut failures,
        &schemas().membership,
        "a repeated key, parsed",
        &parsed,
    );
    if serde_json::from_str::<Membership>(repeated).is_ok() {
        failures.push(format!(
            "a repeated key: accepted by the crate\n  input: {repeated}"
        ));
    }
    assert_no_failures(&failures, "rules beyond the schemas");
}

#[test]
fn dates_that_do_not_exist_pass_the_pattern_and_fail_where_formats_are_asserted() {
    let mut date = read_json(Path::new(MEMBERSHIP_SCHEMA))["$defs"]["date"].clone();
    date["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    let plain = jsonschema::draft202012::new(&date).unwrap();
    let asserting = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&date)
        .unwrap();
    let mut failures = Vec::new();
    let mut check = |text: &str, crate_reads: bool, pattern: bool, format: bool| {
        let value = json!(text);
        let actual = (
            mpn_renewals::calendar::parse_date(text).is_some(),
            plain.is_valid(&value),
            asserting.is_valid(&value),
        );
        if actual != (crate_reads, pattern, format) {
            failures.push(format!(
                "{value}: (crate, pattern, asserted format) accept {actual:?}, expected {:?}; schema: {}",
                (crate_reads, pattern, format),
                schema_errors(&asserting, &value)
            ));
        }
    };
    for good in [
        "0001-01-01",
        "9999-12-31",
        "2019-09-01",
        "2000-02-29",
        "2020-02-29",
        "1900-02-28",
    ] {
        check(good, true, true, true);
    }
    for malformed in [
        "0000-01-01",
        "19-09-01",
        "2019-9-01",
        "2019-09-1",
        "+2019-09-01",
        "2019-09-01 ",
        " 2019-09-01",
        "2019/09/01",
        "2019-09-01T00:00:00",
        "",
        "20190-09-01",
        "２０１９-09-01",
        "2019-00-10",
        "2019-13-10",
        "2019-10-00",
        "2019-10-32",
        "2019-09-01\n",
    ] {
        check(malformed, false, false, false);
    }
    for missing in [
        "2019-02-30",
        "2019-02-29",
        "1900-02-29",
        "2100-02-29",
        "2019-04-31",
        "2019-11-31",
        "0001-02-29",
    ] {
        check(missing, false, true, false);
    }
    assert_no_failures(&failures, "dates");
}

// ---------------------------------------------------------------------------
// The evaluation schema refuses what the contract rules out
// ---------------------------------------------------------------------------

/// The evaluation of examples/data/action-pack.json on 2019-08-17, as the
/// command prints it.
fn an_evaluation() -> Value {
    json!({
        "today": "2019-08-17", "policy": "partner-center-2020", "core_benefits": "action_pack",
        "offers": [{"id": "maps", "phase": "active", "anniversary": "2019-09-01",
                    "window": {"opens": "2019-09-02", "closes": "2019-10-01"},
                    "benefits": true, "extension": null}],
        "allowed": [{"action": "turn_off_auto_renew", "offer": "maps"},
                    {"action": "request_cancellation", "offer": "maps"},
                    {"action": "download_invoice", "offer": "maps"},
                    {"action": "purchase", "kind": "learning_action_pack"}],
        "blocked": [{"action": "renew", "offer": "maps", "reasons": ["window_not_open"],
                     "allowed_from": "2019-09-02"},
                    {"action": "purchase", "kind": "action_pack", "reasons": ["already_held"]}],
        "reminders": [{"kind": "upcoming_auto_renewal", "offer": "maps",
                       "recipients": ["global_admin", "mpn_admin"], "extension": null}],
        "next_change": "2019-08-18"
    })
}

#[test]
fn the_evaluation_schema_refuses_evaluations_the_contract_rules_out() {
    let base = an_evaluation();
    let membership: Membership = serde_json::from_value(read_json(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/action-pack.json"),
    ))
    .unwrap();
    let today = d("2019-08-17");
    assert_eq!(
        serde_json::to_value(mpn_renewals::evaluate(&membership, today)).unwrap(),
        base,
        "the base evaluation is not the crate's"
    );
    let validator = &schemas().evaluation;
    let mut failures = Vec::new();
    expect_valid(&mut failures, validator, "the base evaluation", &base);
    let cases = [
        (
            "an unknown field at the root",
            inserted(&base, "", "warnings", json!([])),
        ),
        (
            "an unknown field in an offer",
            inserted(&base, "/offers/0", "kind", json!("action_pack")),
        ),
        (
            "an unknown field in a window",
            inserted(&base, "/offers/0/window", "days", json!(30)),
        ),
        (
            "an unknown field in an action",
            inserted(&base, "/allowed/0", "token", json!("t")),
        ),
        (
            "an unknown field in a blocked action",
            inserted(&base, "/blocked/1", "until", json!("2020-09-01")),
        ),
        (
            "an unknown field in a reminder",
            inserted(&base, "/reminders/0", "due", json!("2019-08-17")),
        ),
        (
            "a purchase with an id",
            inserted(&base, "/allowed/3", "id", json!("lap2")),
        ),
        (
            "a purchase of a competency",
            with(&base, "/allowed/3/kind", json!("gold_competency")),
        ),
        (
            "an action that does not exist",
            with(&base, "/allowed/0/action", json!("renew_early")),
        ),
        (
            "renew without its offer",
            with(&base, "/allowed/0", json!({"action": "renew"})),
        ),
        (
            "a token action naming an offer",
            with(
                &base,
                "/allowed/0",
                json!({"action": "request_replacement_token", "offer": "maps"}),
            ),
        ),
        (
            "a membership action with an offer",
            with(
                &base,
                "/allowed/0",
                json!({"action": "update_business_profile", "offer": "maps"}),
            ),
        ),
        (
            "a blocked action without reasons",
            removed(&base, "/blocked/1", "reasons"),
        ),
        (
            "a blocked action with no reason",
            with(&base, "/blocked/1/reasons", json!([])),
        ),
        (
            "a reason twice",
            with(
                &base,
                "/blocked/1/reasons",
                json!(["already_held", "already_held"]),
            ),
        ),
        (
            "a reason that is not the action's",
            with(&base, "/blocked/1/reasons", json!(["window_closed"])),
        ),
        (
            "a reason that does not exist",
            with(&base, "/blocked/1/reasons", json!(["too_late"])),
        ),
        (
            "a blocked action that is listed only when open",
            with(
                &base,
                "/blocked/1",
                json!({"action": "download_invoice", "offer": "maps", "reasons": ["cancelled"]}),
            ),
        ),
        (
            "window_not_open without allowed_from",
            removed(&base, "/blocked/0", "allowed_from"),
        ),
        (
            "allowed_from without window_not_open",
            inserted(&base, "/blocked/1", "allowed_from", json!("2019-09-02")),
        ),
        (
            "allowed_from null",
            with(&base, "/blocked/0/allowed_from", json!(null)),
        ),
        (
            "benefits on a lapsed offer",
            with(&base, "/offers/0/phase", json!("lapsed")),
        ),
        (
            "no benefits in the window",
            with(&base, "/offers/0/benefits", json!(false)),
        ),
        (
            "a phase that does not exist",
            with(&base, "/offers/0/phase", json!("expired")),
        ),
        (
            "a window without its end",
            removed(&base, "/offers/0/window", "closes"),
        ),
        (
            "an empty extension name",
            with(&base, "/offers/0/extension", json!("")),
        ),
        (
            "recipients in another order",
            with(
                &base,
                "/reminders/0/recipients",
                json!(["mpn_admin", "global_admin"]),
            ),
        ),
        (
            "one recipient",
            with(&base, "/reminders/0/recipients", json!(["global_admin"])),
        ),
        (
            "a reminder kind that does not exist",
            with(&base, "/reminders/0/kind", json!("renewal_due")),
        ),
        (
            "a reminder without its extension",
            removed(&base, "/reminders/0", "extension"),
        ),
        (
            "core benefits that do not exist",
            with(&base, "/core_benefits", json!("platinum")),
        ),
        ("no core_benefits", removed(&base, "", "core_benefits")),
        ("no next_change", removed(&base, "", "next_change")),
        (
            "next_change not a date",
            with(&base, "/next_change", json!("tomorrow")),
        ),
        (
            "today not a date",
            with(&base, "/today", json!("2019-8-17")),
        ),
        ("no policy", with(&base, "/policy", json!(""))),
        ("offers not an array", with(&base, "/offers", json!({}))),
    ];
    for (what, input) in cases {
        if validator.is_valid(&input) {
            failures.push(format!(
                "{what}: accepted by the evaluation schema\n  input: {input}"
            ));
        }
    }
    assert_no_failures(&failures, "evaluations outside the contract");
}
