//! The command of the wire contract (`examples/evaluate.rs`), tested as a process:
//! the example memberships of `examples/data/`, the contract's own example,
//! standard input, `--explain` (feature `messages`), `--lint-policy`, and every kind of bad
//! input (exit status 2, nothing on standard output, one `error: ` line on
//! standard error naming the place).
// Test helpers are ordinary functions, outside any `#[test]`, so clippy's
// `allow-*-in-tests` settings (clippy.toml) do not reach them: like the
// tests, they fail loudly on a broken expectation.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

// The helpers of the main test binary; this one uses a few.
#[allow(dead_code)]
#[path = "it/common.rs"]
mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use serde_json::{json, Value};

use common::{json_blocks, normalize};

/// The membership of the wire contract's "Membership (input)", verbatim
/// (`examples/data/contoso.json` holds the same).
const CONTRACT_MEMBERSHIP: &str = r#"{
  "account": "contoso",
  "network_member": true,
  "portal": "partner_center",
  "business_profile": "current",
  "offers": [
    {"id": "maps", "kind": "action_pack", "purchased": "2018-09-01",
     "anniversary": "2019-09-01", "auto_renew": true},
    {"id": "cloud", "kind": "gold_competency", "area": "Cloud Platform",
     "purchased": "2017-03-10", "anniversary": "2020-03-10",
     "performance_met": true, "exams_validated": false}
  ],
  "tokens": [{"id": "o365-e3", "activated": "2020-01-05"}]
}"#;

/// The evaluation of the wire contract's "Evaluation (output)", verbatim: the
/// Action Pack `maps` alone (`examples/data/action-pack.json`) on 2019-09-02.
const CONTRACT_EVALUATION: &str = r#"{
  "today": "2019-09-02",
  "policy": "partner-center-2020",
  "core_benefits": "action_pack",
  "offers": [
    {"id": "maps", "phase": "renewal_window", "anniversary": "2019-09-01",
     "window": {"opens": "2019-09-02", "closes": "2019-10-01"},
     "benefits": true, "extension": null}
  ],
  "allowed": [
    {"action": "purchase", "kind": "learning_action_pack"},
    {"action": "renew", "offer": "maps"},
    {"action": "turn_off_auto_renew", "offer": "maps"},
    {"action": "request_cancellation", "offer": "maps"},
    {"action": "download_invoice", "offer": "maps"}
  ],
  "blocked": [
    {"action": "purchase", "kind": "action_pack", "reasons": ["already_held"]}
  ],
  "reminders": [
    {"kind": "auto_renewal_due", "offer": "maps",
     "recipients": ["global_admin", "mpn_admin"], "extension": null}
  ],
  "next_change": "2019-09-03"
}"#;

/// The day the files of `examples/data/` are evaluated on.
const FIXED_DAY: &str = "2020-03-15";

/// A valid membership, for the tests of bad arguments.
const VALID: &str = r#"{"account": "contoso"}"#;

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn data_dir() -> PathBuf {
    manifest_dir().join("examples/data")
}

fn data_file(name: &str) -> String {
    data_dir().join(name).to_str().unwrap().to_owned()
}

/// A file of one test's own in the temporary directory, for the command to
/// read, removed when dropped. `name` is unique among the tests, so that
/// tests running at once never share a file.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, contents: impl AsRef<[u8]>) -> TempFile {
        let path = std::env::temp_dir().join(format!("mpn-command-{}-{name}", std::process::id()));
        std::fs::write(&path, contents).unwrap();
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The example binary, built once per test run with
/// `cargo build --example evaluate` into the target directory of this build
/// (`CARGO_TARGET_DIR`, or `target/` beside Cargo.toml).
fn evaluate_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let target_dir = match std::env::var_os("CARGO_TARGET_DIR") {
            Some(dir) => manifest_dir().join(dir),
            None => manifest_dir().join("target"),
        };
        // With the features of this test build that the command reads
        // (`--explain` needs `messages`).
        let features: &[&str] = if cfg!(feature = "messages") {
            &["--features", "messages"]
        } else {
            &[]
        };
        let output = Command::new(env!("CARGO"))
            .args(["build", "--quiet", "--example", "evaluate"])
            .args(features)
            .arg("--target-dir")
            .arg(&target_dir)
            .current_dir(manifest_dir())
            .output()
            .expect("cargo runs");
        assert!(
            output.status.success(),
            "cargo build --example evaluate failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let bin = target_dir
            .join("debug/examples")
            .join(format!("evaluate{}", std::env::consts::EXE_SUFFIX));
        assert!(bin.is_file(), "no example binary at {}", bin.display());
        bin
    })
}

/// What a run of the command gave.
#[derive(Debug)]
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs the command with `args`, and `stdin` on its standard input.
fn run_with(args: &[&str], stdin: &str, stdout: Stdio) -> Run {
    let mut child = Command::new(evaluate_bin())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .expect("the example binary starts");
    // The command may refuse its arguments before it reads standard input,
    // so a closed pipe here is not an error of the test.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn run(args: &[&str], stdin: &str) -> Run {
    run_with(args, stdin, Stdio::piped())
}

/// A successful run: exit 0, nothing on standard error, one line of JSON on
/// standard output, parsed.
fn evaluation(run: &Run) -> Value {
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stderr, "", "{run:?}");
    assert!(run.stdout.ends_with('\n'), "{run:?}");
    assert_eq!(run.stdout.matches('\n').count(), 1, "{run:?}");
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run:?}"))
}

/// Bad input: exit 2, nothing on standard output, exactly one line on
/// standard error that starts with `error: ` and contains every one of
/// `places`. Returns the line, without its newline.
fn assert_bad_input(run: &Run, places: &[&str]) -> String {
    assert_eq!(run.code, Some(2), "{run:?}");
    assert_eq!(run.stdout, "", "{run:?}");
    assert!(run.stderr.starts_with("error: "), "{run:?}");
    assert!(run.stderr.ends_with('\n'), "{run:?}");
    assert_eq!(run.stderr.matches('\n').count(), 1, "{run:?}");
    for place in places {
        assert!(run.stderr.contains(place), "{place:?} not in {run:?}");
    }
    run.stderr.trim_end_matches('\n').to_owned()
}

/// Evaluates the membership `text` through standard input on 2019-09-02.
fn run_stdin(text: &str) -> Run {
    run(&["--today", "2019-09-02", "-"], text)
}

/// The two examples of the crate's page on the wire forms
/// (`src/docs/wire.md`, rendered as `mpn_renewals::docs::wire`): its first
/// two ```json blocks are the contract's membership and evaluation.
fn contract_json_blocks() -> Vec<Value> {
    let mut blocks = json_blocks(&manifest_dir().join("src/docs/wire.md"));
    blocks.truncate(2);
    blocks
}

fn items<'a>(evaluation: &'a Value, key: &str) -> &'a Vec<Value> {
    evaluation[key].as_array().unwrap()
}

// ---------------------------------------------------------------------------
// Good input

#[test]
fn every_example_data_file_evaluates() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 8, "expected the 8 example files: {files:?}");
    for file in &files {
        let membership: Value =
            serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let offer_ids: Vec<&Value> = membership["offers"]
            .as_array()
            .map(|offers| offers.iter().map(|offer| &offer["id"]).collect())
            .unwrap_or_default();

        let evaluation = evaluation(&run(&["--today", FIXED_DAY, file.to_str().unwrap()], ""));
        assert_eq!(evaluation["today"], FIXED_DAY, "{}", file.display());
        assert_eq!(
            evaluation["policy"],
            "partner-center-2020",
            "{}",
            file.display()
        );
        let ids: Vec<&Value> = items(&evaluation, "offers")
            .iter()
            .map(|offer| &offer["id"])
            .collect();
        assert_eq!(ids, offer_ids, "{}", file.display());
    }
}

#[test]
fn the_contract_examples_are_quoted_verbatim() {
    let blocks = contract_json_blocks();
    assert_eq!(
        blocks.len(),
        2,
        "the wire page opens with two JSON examples"
    );
    let membership: Value = serde_json::from_str(CONTRACT_MEMBERSHIP).unwrap();
    let evaluation: Value = serde_json::from_str(CONTRACT_EVALUATION).unwrap();
    assert_eq!(blocks[0], membership);
    assert_eq!(blocks[1], evaluation);
    let contoso: Value =
        serde_json::from_str(&std::fs::read_to_string(data_file("contoso.json")).unwrap()).unwrap();
    assert_eq!(
        contoso, membership,
        "contoso.json is the contract's membership"
    );
}

#[test]
fn the_contract_evaluation_example_is_the_output() {
    // Its `maps` offer is the one of `action-pack.json`, alone.
    let output = evaluation(&run(
        &["--today", "2019-09-02", &data_file("action-pack.json")],
        "",
    ));
    let expected: Value = serde_json::from_str(CONTRACT_EVALUATION).unwrap();
    assert_eq!(normalize(output), normalize(expected));
}

#[test]
fn the_contract_membership_on_2019_09_02_has_the_example_maps() {
    let output = evaluation(&run(
        &["--today", "2019-09-02", &data_file("contoso.json")],
        "",
    ));
    let expected: Value = serde_json::from_str(CONTRACT_EVALUATION).unwrap();

    assert_eq!(output["today"], "2019-09-02");
    assert_eq!(output["policy"], "partner-center-2020");
    // G2: the gold competency `cloud` has benefits until its anniversary.
    assert_eq!(output["core_benefits"], "gold");
    let offers = items(&output, "offers");
    assert_eq!(offers.len(), 2);
    assert_eq!(offers[0], expected["offers"][0], "maps as in the contract");
    assert_eq!(offers[1]["id"], "cloud");
    assert_eq!(offers[1]["phase"], "active");
    assert_eq!(offers[1]["benefits"], true);

    let allowed = items(&output, "allowed");
    for action in items(&expected, "allowed") {
        assert!(allowed.contains(action), "{action} not allowed: {output}");
    }
    let blocked = items(&output, "blocked");
    assert!(
        blocked.contains(&expected["blocked"][0]),
        "purchase of an action_pack not blocked by already_held: {output}"
    );
    // B2: the token is activated on 2020-01-05.
    assert!(
        blocked.contains(&json!({
            "action": "request_replacement_token", "token": "o365-e3",
            "reasons": ["not_yet_activated"], "allowed_from": "2020-01-05"
        })),
        "{output}"
    );
    let reminders = items(&output, "reminders");
    assert_eq!(reminders, items(&expected, "reminders"));
    // A1: the reminder is due on the day the window opens only.
    assert_eq!(output["next_change"], "2019-09-03");
}

#[test]
fn stdin_gives_the_same_output_as_the_file() {
    for name in [
        "contoso.json",
        "action-pack.json",
        "merged-action-packs.json",
    ] {
        let file = data_file(name);
        let text = std::fs::read_to_string(&file).unwrap();
        let from_file = run(&["--today", "2019-09-02", &file], "");
        let from_stdin = run(&["--today", "2019-09-02", "-"], &text);
        evaluation(&from_file);
        assert_eq!(from_stdin.code, Some(0), "{from_stdin:?}");
        assert_eq!(from_stdin.stderr, "");
        assert_eq!(from_stdin.stdout, from_file.stdout, "{name}");
    }
}

#[test]
fn options_come_in_any_order_and_with_equals() {
    let file = data_file("contoso.json");
    let expected = run(&["--today", "2019-09-02", &file], "").stdout;
    evaluation(&run(&["--today", "2019-09-02", &file], ""));
    let orders: [&[&str]; 5] = [
        &[&file, "--today", "2019-09-02"],
        &["--today=2019-09-02", &file],
        &[
            "--policy",
            "partner-center-2020",
            "--today",
            "2019-09-02",
            &file,
        ],
        &[&file, "--today=2019-09-02", "--policy=partner-center-2020"],
        &["--today", "2019-09-02", "--", &file],
    ];
    for args in orders {
        let output = run(args, "");
        assert_eq!(output.code, Some(0), "{args:?}: {output:?}");
        assert_eq!(output.stdout, expected, "{args:?}");
    }
}

#[test]
fn every_builtin_policy_can_be_named() {
    let file = data_file("contoso.json");
    for name in mpn_renewals::Policy::BUILTIN_NAMES {
        let output = evaluation(&run(&["--policy", name, "--today", FIXED_DAY, &file], ""));
        assert_eq!(output["policy"], *name);
    }
}

#[test]
fn help_prints_the_usage_on_stdout() {
    let output = run(&["--help"], "");
    assert_eq!(output.code, Some(0), "{output:?}");
    assert_eq!(output.stderr, "");
    assert!(output.stdout.starts_with("Usage: evaluate"), "{output:?}");
    assert!(output.stdout.contains("--today"), "{output:?}");
}

// ---------------------------------------------------------------------------
// Bad input: the file

#[test]
fn bad_input_unreadable_file() {
    let line = assert_bad_input(
        &run(&["--today", "2019-09-02", "no-such-state.json"], ""),
        &["no-such-state.json"],
    );
    assert_eq!(line, "error: no-such-state.json: No such file or directory");
}

#[test]
fn bad_input_file_name_with_a_newline_stays_one_line() {
    assert_bad_input(
        &run(&["--today", "2019-09-02", "no-such\nstate.json"], ""),
        &["no-such state.json"],
    );
}

#[test]
fn bad_input_directory_as_file() {
    let dir = data_dir();
    let dir = dir.to_str().unwrap();
    assert_bad_input(&run(&["--today", "2019-09-02", dir], ""), &[dir]);
}

#[test]
fn bad_input_not_utf8() {
    let file = TempFile::new("not-utf8.json", b"{\"account\": \"contoso\xff\"}");
    let name = file.path();
    let output = run(&["--today", "2019-09-02", name], "");
    assert_bad_input(&output, &[name, "UTF-8"]);
}

#[test]
fn bad_input_malformed_json() {
    assert_bad_input(
        &run_stdin(r#"{"account": "contoso",, "offers": []}"#),
        &["standard input", "line 1 column 23"],
    );
}

#[test]
fn bad_input_malformed_json_in_a_file_names_the_file() {
    let file = data_file("action-pack.json");
    let text = std::fs::read_to_string(&file).unwrap();
    let bad = TempFile::new("malformed.json", text.replace("\"offers\":", "\"offers\""));
    let name = bad.path();
    let output = run(&["--today", "2019-09-02", name], "");
    assert_bad_input(&output, &[name, "line 3"]);
}

#[test]
fn bad_input_empty() {
    assert_bad_input(&run_stdin(""), &["standard input", "EOF"]);
}

#[test]
fn bad_input_trailing_characters() {
    assert_bad_input(
        &run_stdin(r#"{"account": "contoso"} {"account": "fabrikam"}"#),
        &["standard input", "trailing characters"],
    );
}

// ---------------------------------------------------------------------------
// Bad input: the membership's structure

#[test]
fn bad_input_unknown_field() {
    assert_bad_input(
        &run_stdin(
            r#"{"account": "contoso", "offers": [
                {"id": "maps", "kind": "action_pack", "purchased": "2018-09-01", "colour": "red"}
            ]}"#,
        ),
        &["offers[0].colour", "unknown field"],
    );
}

#[test]
fn bad_input_unknown_top_level_field() {
    assert_bad_input(
        &run_stdin(r#"{"account": "contoso", "colour": "red"}"#),
        &["colour", "unknown field"],
    );
}

#[test]
fn bad_input_wrong_type() {
    assert_bad_input(
        &run_stdin(
            r#"{"account": "contoso", "offers": [
                {"id": "maps", "kind": "action_pack", "purchased": "2018-09-01", "auto_renew": "yes"}
            ]}"#,
        ),
        &["offers[0].auto_renew", "expected a boolean, found a string"],
    );
}

#[test]
fn bad_input_missing_field() {
    assert_bad_input(
        &run_stdin(r#"{"account": "contoso", "offers": [{"id": "maps", "kind": "action_pack"}]}"#),
        &["offers[0]", "missing field `purchased`"],
    );
}

#[test]
fn bad_input_missing_account() {
    assert_bad_input(&run_stdin(r#"{"offers": []}"#), &["`account`"]);
}

#[test]
fn bad_input_unknown_kind() {
    assert_bad_input(
        &run_stdin(
            r#"{"account": "contoso", "offers": [
                {"id": "maps", "kind": "gizmo", "purchased": "2018-09-01"}
            ]}"#,
        ),
        &["offers[0].kind", "gizmo"],
    );
}

#[test]
fn bad_input_unknown_portal() {
    assert_bad_input(
        &run_stdin(r#"{"account": "contoso", "portal": "partner_centre"}"#),
        &["portal", "partner_centre"],
    );
}

// ---------------------------------------------------------------------------
// Bad input: dates and the rules of the contract

#[test]
fn bad_input_invalid_date() {
    assert_bad_input(
        &run_stdin(
            r#"{"account": "contoso", "offers": [
                {"id": "maps", "kind": "action_pack", "purchased": "2019-02-30"}
            ]}"#,
        ),
        &["offers[0].purchased", "2019-02-30"],
    );
}

#[test]
fn bad_input_malformed_date() {
    assert_bad_input(
        &run_stdin(
            r#"{"account": "contoso", "tokens": [{"id": "o365-e3", "activated": "2020-1-5"}]}"#,
        ),
        &["tokens[0].activated", "2020-1-5"],
    );
}

#[test]
fn bad_input_rule_broken() {
    let line = assert_bad_input(
        &run_stdin(
            r#"{"account": "contoso", "offers": [
                {"id": "maps", "kind": "action_pack", "purchased": "2018-09-01"},
                {"id": "lap", "kind": "learning_action_pack", "purchased": "2018-09-01",
                 "anniversary": "2018-01-01"}
            ]}"#,
        ),
        &["offers[1].anniversary"],
    );
    assert_eq!(
        line,
        "error: offers[1].anniversary: 2018-01-01 is not after the purchase date 2018-09-01"
    );
}

#[test]
fn bad_input_second_action_pack_without_origin() {
    assert_bad_input(
        &run_stdin(
            r#"{"account": "contoso", "offers": [
                {"id": "maps", "kind": "action_pack", "purchased": "2018-09-01"},
                {"id": "maps-2", "kind": "action_pack", "purchased": "2019-01-01"}
            ]}"#,
        ),
        &["offers[1]", "origin_account"],
    );
}

#[test]
fn bad_input_duplicate_id() {
    assert_bad_input(
        &run_stdin(
            r#"{"account": "contoso", "tokens": [
                {"id": "o365-e3", "activated": "2020-01-05"},
                {"id": "o365-e3", "activated": "2020-02-05"}
            ]}"#,
        ),
        &["tokens[1].id", "o365-e3"],
    );
}

#[test]
fn bad_input_empty_account() {
    assert_bad_input(&run_stdin(r#"{"account": ""}"#), &["account", "empty"]);
}

#[test]
fn bad_input_field_not_for_kind() {
    assert_bad_input(
        &run_stdin(
            r#"{"account": "contoso", "offers": [
                {"id": "lap", "kind": "learning_action_pack", "purchased": "2018-09-01",
                 "auto_renew": true}
            ]}"#,
        ),
        &["offers[0]", "auto_renew"],
    );
}

#[test]
fn bad_input_date_out_of_range() {
    assert_bad_input(
        &run_stdin(
            r#"{"account": "contoso", "offers": [
                {"id": "maps", "kind": "action_pack", "purchased": "9999-01-01",
                 "anniversary": "9999-12-01"}
            ]}"#,
        ),
        &["offers[0].anniversary", "9999-12-01"],
    );
}

// ---------------------------------------------------------------------------
// Bad input: the arguments

#[test]
fn bad_input_missing_today() {
    assert_bad_input(&run(&["-"], VALID), &["--today"]);
}

#[test]
fn bad_input_today_without_value() {
    assert_bad_input(&run(&["-", "--today"], VALID), &["--today"]);
}

#[test]
fn bad_input_malformed_today() {
    let line = assert_bad_input(&run(&["--today", "2019-02-30", "-"], VALID), &["--today"]);
    assert_eq!(
        line,
        "error: --today: `2019-02-30` is not a date of the form YYYY-MM-DD"
    );
    for today in ["2019-9-2", "02/09/2019", "0000-01-01", "", "tomorrow"] {
        let arg = format!("--today={today}");
        assert_bad_input(&run(&[&arg, "-"], VALID), &["--today", today]);
    }
}

#[test]
fn bad_input_today_twice() {
    assert_bad_input(
        &run(&["--today", "2019-09-02", "--today=2019-09-03", "-"], VALID),
        &["--today"],
    );
}

#[test]
fn bad_input_unknown_option() {
    assert_bad_input(
        &run(&["--today", "2019-09-02", "--frobnicate", "-"], VALID),
        &["--frobnicate: unknown option (see --help)"],
    );
}

#[test]
fn bad_input_missing_file() {
    assert_bad_input(&run(&["--today", "2019-09-02"], VALID), &["FILE"]);
}

#[test]
fn bad_input_two_files() {
    let first = data_file("action-pack.json");
    let second = data_file("contoso.json");
    assert_bad_input(
        &run(&["--today", "2019-09-02", &first, &second], ""),
        &[&second],
    );
    assert_bad_input(&run(&["--today", "2019-09-02", "-", "-"], VALID), &["-"]);
}

#[test]
fn bad_input_unknown_policy() {
    let line = assert_bad_input(
        &run(
            &[
                "--policy",
                "partner-center-2099",
                "--today",
                "2019-09-02",
                "-",
            ],
            VALID,
        ),
        &["--policy", "partner-center-2099"],
    );
    // It names the policies that are known.
    assert!(line.contains("partner-center-2020"), "{line}");
    assert_bad_input(
        &run(&["--today", "2019-09-02", "--policy=", "-"], VALID),
        &["--policy"],
    );
}

#[test]
fn bad_input_policy_without_value() {
    assert_bad_input(
        &run(&["--today", "2019-09-02", "-", "--policy"], VALID),
        &["--policy"],
    );
}

// ---------------------------------------------------------------------------
// Output

#[cfg(target_os = "linux")]
#[test]
fn a_write_error_on_stdout_is_reported_not_a_panic() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let output = run_with(&["--today", "2019-09-02", "-"], VALID, Stdio::from(full));
    assert_eq!(output.code, Some(2), "{output:?}");
    assert!(
        output.stderr.starts_with("error: standard output: "),
        "{output:?}"
    );
    assert_eq!(output.stderr.matches('\n').count(), 1, "{output:?}");
}

/// A standard output closed before the command starts (`>&-`) is reported
/// too, with status 2, where writes would otherwise vanish; a standard
/// output sent to `/dev/null` on purpose is not an error.
#[cfg(target_os = "linux")]
#[test]
fn a_closed_stdout_is_reported_with_status_2() {
    let file = data_file("action-pack.json");
    let closed = Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" --today 2019-09-02 \"$1\" >&-")
        .arg(evaluate_bin())
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(closed.status.code(), Some(2), "{closed:?}");
    assert_eq!(
        String::from_utf8_lossy(&closed.stderr),
        "error: standard output: closed\n"
    );
    let null = Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" --today 2019-09-02 \"$1\" >/dev/null")
        .arg(evaluate_bin())
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(null.status.code(), Some(0), "{null:?}");
}

// --- The options of the time issue: --apply, --timeline, --policy-file. ---

fn policy_file(name: &str) -> String {
    manifest_dir()
        .join("examples/policies")
        .join(name)
        .to_str()
        .unwrap()
        .to_owned()
}

#[test]
fn w5_apply_renew_prints_the_membership_with_the_next_anniversary() {
    let run = run(
        &[
            "--today",
            "2019-09-02",
            "--apply",
            "renew:maps",
            &data_file("action-pack.json"),
        ],
        "",
    );
    let membership = evaluation(&run);
    // W5: 2019-09-01 + 365 days = 2020-08-31 (2020 has a 29 February).
    assert_eq!(membership["offers"][0]["anniversary"], json!("2020-08-31"));
    assert_eq!(membership["offers"][0]["auto_renew"], json!(true));
    assert_eq!(membership["account"], json!("contoso"));
}

#[test]
fn w7_apply_renew_on_the_anniversary_is_denied_with_the_reasons() {
    let run = run(
        &[
            "--today",
            "2019-09-01",
            "--apply",
            "renew:maps",
            &data_file("action-pack.json"),
        ],
        "",
    );
    let line = assert_bad_input(
        &run,
        &["--apply", "renew of maps", "window_not_open", "2019-09-02"],
    );
    assert_eq!(
        line,
        "error: --apply: renew of maps: blocked: window_not_open (allowed from 2019-09-02)"
    );
}

#[test]
fn apply_purchase_with_a_new_id_adds_the_offer() {
    let run = run(
        &[
            "--today",
            "2020-01-01",
            "--apply",
            "purchase:learning_action_pack:lap",
            &data_file("action-pack.json"),
        ],
        "",
    );
    let membership = evaluation(&run);
    let offers = membership["offers"].as_array().unwrap();
    assert_eq!(offers.len(), 2);
    assert_eq!(offers[1]["id"], json!("lap"));
    assert_eq!(offers[1]["purchased"], json!("2020-01-01"));
    // W1: the first anniversary is the same day a year later.
    assert_eq!(offers[1]["anniversary"], json!("2021-01-01"));
}

#[test]
fn bad_input_apply_unknown_action() {
    let run = run(
        &[
            "--today",
            "2019-09-02",
            "--apply",
            "renwe:maps",
            &data_file("action-pack.json"),
        ],
        "",
    );
    assert_bad_input(&run, &["--apply", "`renwe` is not one of purchase, renew,"]);
}

#[test]
fn bad_input_apply_unknown_offer() {
    let run = run(
        &[
            "--today",
            "2019-09-02",
            "--apply",
            "renew:nope",
            &data_file("action-pack.json"),
        ],
        "",
    );
    let line = assert_bad_input(&run, &["--apply", "renew of nope"]);
    assert_eq!(line, "error: --apply: renew of nope: no offer has this id");
}

#[test]
fn bad_input_apply_with_timeline() {
    let run = run(
        &[
            "--timeline",
            "2019-01-01..2019-12-31",
            "--apply",
            "renew:maps",
            &data_file("action-pack.json"),
        ],
        "",
    );
    assert_bad_input(&run, &["--apply", "--timeline"]);
}

#[test]
fn timeline_prints_the_events_as_json_lines_in_date_order() {
    let run = run(
        &[
            "--timeline",
            "2019-08-01..=2019-10-31",
            &data_file("action-pack.json"),
        ],
        "",
    );
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stderr, "");
    let events: Vec<Value> = run
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let dates: Vec<&str> = events.iter().map(|e| e["date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort_unstable();
    assert_eq!(dates, sorted);
    let reminders: Vec<(&str, &str)> = events
        .iter()
        .filter(|e| e["event"] == "reminder")
        .map(|e| (e["date"].as_str().unwrap(), e["kind"].as_str().unwrap()))
        .collect();
    // Anniversary 2019-09-01: N1 on 08-17, A1 on 09-02, N2 on 09-24, W6/N5 on 10-02.
    assert_eq!(
        reminders,
        [
            ("2019-08-17", "upcoming_auto_renewal"),
            ("2019-09-02", "auto_renewal_due"),
            ("2019-09-24", "window_closing"),
            ("2019-10-02", "benefits_lost"),
        ]
    );
    let phases: Vec<(&str, &str)> = events
        .iter()
        .filter(|e| e["event"] == "phase_changed")
        .map(|e| (e["date"].as_str().unwrap(), e["to"].as_str().unwrap()))
        .collect();
    assert_eq!(
        phases,
        [("2019-09-02", "renewal_window"), ("2019-10-02", "lapsed")]
    );
}

#[test]
fn bad_input_timeline_malformed_span() {
    for span in [
        "2019-01-01",
        "2019-01-01..2019-02-30",
        "2019-01-01..=2019-02-30",
        "2019-12-31..2019-01-01",
        "2019-12-31..=2019-01-01",
    ] {
        let run = run(&["--timeline", span, &data_file("action-pack.json")], "");
        assert_bad_input(&run, &["--timeline", span]);
    }
    let run = run(
        &[
            "--timeline",
            "2019-12-31..=2019-01-01",
            &data_file("action-pack.json"),
        ],
        "",
    );
    assert_eq!(
        assert_bad_input(&run, &[]),
        "error: --timeline: `2019-12-31..=2019-01-01` ends before it starts"
    );
}

/// `--timeline` takes a Rust range: `FROM..=TO` includes TO, `FROM..TO`
/// does not, and `FROM..FROM` is empty (nothing printed, status 0).
#[test]
fn timeline_spans_have_the_meaning_of_rust_ranges() {
    let dates = |span: &str| -> Vec<String> {
        let run = run(&["--timeline", span, &data_file("action-pack.json")], "");
        assert_eq!(run.code, Some(0), "{run:?}");
        run.stdout
            .lines()
            .map(|line| {
                let event: Value = serde_json::from_str(line).unwrap();
                event["date"].as_str().unwrap().to_owned()
            })
            .collect()
    };
    // Anniversary 2019-09-01: the window opens on 2019-09-02 (W2).
    let inclusive = dates("2019-09-01..=2019-09-02");
    assert!(!inclusive.is_empty());
    assert!(
        inclusive.iter().all(|date| date == "2019-09-02"),
        "{inclusive:?}"
    );
    assert!(dates("2019-09-01..2019-09-02").is_empty());
    assert!(dates("2019-09-02..2019-09-02").is_empty());
    assert_eq!(dates("2019-09-02..2019-09-03"), inclusive);
}

/// An offer id that holds a `:` is renewed by its text form, whose target
/// is everything after the action's name.
#[test]
fn apply_reaches_an_offer_whose_id_holds_a_colon() {
    let membership = r#"{"account": "c", "offers": [
        {"id": "a:b", "kind": "action_pack", "purchased": "2018-09-01"}]}"#;
    let run = run(
        &["--today", "2019-09-02", "--apply", "renew:a:b", "-"],
        membership,
    );
    let renewed = evaluation(&run);
    assert_eq!(renewed["offers"][0]["id"], "a:b");
    // W5: 2019-09-01 + 365 days.
    assert_eq!(renewed["offers"][0]["anniversary"], "2020-08-31");
}

#[test]
fn policy_file_of_each_preset_gives_the_same_evaluation_as_its_name() {
    for name in mpn_renewals::Policy::BUILTIN_NAMES {
        let by_name = run(
            &[
                "--policy",
                name,
                "--today",
                "2019-09-02",
                &data_file("contoso.json"),
            ],
            "",
        );
        let by_file = run(
            &[
                "--policy-file",
                &policy_file(&format!("{name}.json")),
                "--today",
                "2019-09-02",
                &data_file("contoso.json"),
            ],
            "",
        );
        assert_eq!(evaluation(&by_name), evaluation(&by_file), "{name}");
    }
}

#[test]
fn policy_file_with_versions_names_the_version_in_force() {
    let run = run(
        &[
            "--policy-file",
            &policy_file("history.json"),
            "--today",
            "2018-10-01",
            &data_file("action-pack.json"),
        ],
        "",
    );
    assert_eq!(evaluation(&run)["policy"], json!("partner-center-2018"));
}

#[test]
fn bad_input_policy_file_window_closes_before_it_opens() {
    let file = TempFile::new(
        "window-closes-before-it-opens.json",
        r#"{"name": "x",
            "windows": {"partner_center": {"opens": 5, "closes": 1}, "pmc": {"opens": -90, "closes": 0}},
            "first_anniversary": "same_day_next_year",
            "renewal_term": {"days_after_anniversary": 365},
            "reminders": {"upcoming": -15, "window_closing": 23}}"#,
    );
    let path = file.path();
    let run = run(
        &[
            "--policy-file",
            path,
            "--today",
            "2019-09-02",
            &data_file("action-pack.json"),
        ],
        "",
    );
    assert_bad_input(&run, &["--policy-file", "windows.partner_center", "closes"]);
}

#[test]
fn bad_input_policy_and_policy_file_together() {
    let run = run(
        &[
            "--policy",
            "partner-center-2020",
            "--policy-file",
            &policy_file("partner-center-2020.json"),
            "--today",
            "2019-09-02",
            &data_file("action-pack.json"),
        ],
        "",
    );
    assert_bad_input(&run, &["--policy-file", "--policy"]);
}

// ---------------------------------------------------------------------------
// --explain (feature `messages`)

/// The example files of `examples/data/`, sorted.
#[cfg(feature = "messages")]
fn data_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(data_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| path.to_str().unwrap().to_owned())
        .collect();
    files.sort();
    files
}

/// A line of `--explain` output checked against the plain line: removing
/// each `,"message":"…"` gives the plain line byte for byte (the contract's
/// fields unchanged and in their order), and the messages are the ones in
/// `holders` (objects that must have one) and nowhere else. Returns the
/// messages.
#[cfg(feature = "messages")]
fn assert_only_messages_added(explained: &str, plain: &str, holders: &[&Value]) -> Vec<String> {
    let value: Value = serde_json::from_str(explained).unwrap();
    let mut messages = Vec::new();
    for holder in holders {
        let message = holder["message"]
            .as_str()
            .unwrap_or_else(|| panic!("no message in {holder}: {explained}"));
        assert!(!message.trim().is_empty(), "{explained}");
        messages.push(message.to_owned());
    }
    let mut stripped = explained.to_owned();
    for message in &messages {
        let needle = format!(",\"message\":{}", serde_json::to_string(message).unwrap());
        assert!(stripped.contains(&needle), "{needle} not in {explained}");
        stripped = stripped.replacen(&needle, "", 1);
    }
    assert_eq!(stripped, plain, "only messages are added");
    assert!(
        !stripped.contains("\"message\""),
        "a message elsewhere: {value}"
    );
    messages
}

/// The sentence is in the script of its locale (the ids of the example
/// files are ASCII).
#[cfg(feature = "messages")]
fn assert_in_script(tag: &str, message: &str) {
    let hangul = message
        .chars()
        .any(|c| ('\u{AC00}'..='\u{D7AF}').contains(&c));
    let han = message
        .chars()
        .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    match tag {
        "en" => assert!(
            message
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_ascii()),
            "{message}"
        ),
        "ko" => assert!(hangul && !han, "{message}"),
        "zh-Hans" => assert!(han && !hangul, "{message}"),
        _ => panic!("{tag}"),
    }
}

#[test]
#[cfg(feature = "messages")]
fn explain_adds_a_message_to_every_blocked_entry_and_reminder_of_every_example_file() {
    let files = data_files();
    assert!(files.len() >= 8, "{files:?}");
    let mut reminders_seen = 0;
    for file in &files {
        // The days: the fixed one, and every day on which the file has a
        // reminder (from its timeline).
        let timeline = run(&["--timeline", "2019-01-01..=2021-12-31", file], "");
        assert_eq!(timeline.code, Some(0), "{timeline:?}");
        let mut days = vec![FIXED_DAY.to_owned()];
        for line in timeline.stdout.lines() {
            let event: Value = serde_json::from_str(line).unwrap();
            if event["event"] == "reminder" {
                days.push(event["date"].as_str().unwrap().to_owned());
            }
        }
        for (index, day) in days.iter().enumerate() {
            let plain = run(&["--today", day, file], "");
            // Every locale on the fixed day; one in turn on the others.
            let tags: &[&str] = if index == 0 {
                &["en", "ko", "zh-Hans"]
            } else {
                &[["en", "ko", "zh-Hans"][index % 3]]
            };
            for tag in tags {
                let explained = run(&["--today", day, "--explain", tag, file], "");
                let value = evaluation(&explained);
                let mut holders: Vec<&Value> = items(&value, "blocked").iter().collect();
                holders.extend(items(&value, "reminders"));
                reminders_seen += items(&value, "reminders").len();
                let messages = assert_only_messages_added(
                    explained.stdout.trim_end(),
                    plain.stdout.trim_end(),
                    &holders,
                );
                for message in &messages {
                    assert_in_script(tag, message);
                }
                // Each reminder's message names its offer.
                for reminder in items(&value, "reminders") {
                    let offer = reminder["offer"].as_str().unwrap();
                    assert!(
                        reminder["message"].as_str().unwrap().contains(offer),
                        "{reminder}"
                    );
                }
            }
        }
    }
    assert!(reminders_seen >= 20, "{reminders_seen} reminders explained");
}

/// A1: on 2019-09-02 the Action Pack's automatic renewal is due; its
/// message takes the window 2019-09-02 ..= 2019-10-01 from the offer's
/// status. The blocked purchase is explained too.
#[test]
#[cfg(feature = "messages")]
fn explain_takes_a_reminders_dates_from_the_offers_status() {
    let run = run(
        &[
            "--today",
            "2019-09-02",
            "--explain",
            "en-US",
            &data_file("action-pack.json"),
        ],
        "",
    );
    let value = evaluation(&run);
    assert_eq!(
        value["reminders"][0]["message"],
        "The automatic renewal of the Action Pack \"maps\" is due: its renewal window is open \
         from September 2, 2019 to October 1, 2019, and the renewal fee is charged now. If it \
         is not renewed by October 1, 2019, its benefits are lost."
    );
    assert_eq!(
        value["blocked"][0]["message"],
        "You cannot buy a Microsoft Action Pack subscription. The account already holds a \
         Microsoft Action Pack or a Learning Action Pack that is active or in its renewal window."
    );
}

/// E2, E5: the silver competency "data" (anniversary 2020-08-10, window
/// 2020-08-11 ..= 2020-09-09) lapses on 2020-09-10; its reactivation ended
/// on 2020-09-09 (anniversary + 30), which the blocked `reactivate` says
/// (the policy's extension, with the offer's anniversary), and the notice
/// offers the override.
#[test]
#[cfg(feature = "messages")]
fn explain_takes_the_reactivation_end_from_the_policys_extension() {
    let run = run(
        &[
            "--today",
            "2020-09-10",
            "--explain",
            "ko-KR",
            &data_file("competency-covid-2020-h2.json"),
        ],
        "",
    );
    let value = evaluation(&run);
    let reactivate = items(&value, "blocked")
        .iter()
        .find(|entry| entry["action"] == "reactivate")
        .unwrap();
    assert_eq!(
        reactivate["message"],
        "“data” 역량을 다시 활성화할 수 없습니다. 연장에 따른 다시 활성화 기간이 2020년 9월 9일에 끝났습니다."
    );
    let notice = &value["reminders"][0];
    assert_eq!(notice["kind"], "benefits_lost");
    let message = notice["message"].as_str().unwrap();
    assert!(
        message.contains("2020년 9월 9일에 끝난 갱신 기간"),
        "{message}"
    );
    assert!(
        message.contains("COVID 재정의(COVID override)"),
        "{message}"
    );
}

#[test]
#[cfg(feature = "messages")]
fn explain_adds_a_message_to_every_timeline_event() {
    for file in data_files() {
        let span = "2019-06-01..=2021-06-30";
        let plain = run(&["--timeline", span, &file], "");
        assert_eq!(plain.code, Some(0), "{plain:?}");
        for tag in ["en", "ko", "zh-Hans"] {
            let explained = run(&["--timeline", span, "--explain", tag, &file], "");
            assert_eq!(explained.code, Some(0), "{explained:?}");
            assert_eq!(explained.stderr, "");
            let (lines, plain_lines): (Vec<&str>, Vec<&str>) = (
                explained.stdout.lines().collect(),
                plain.stdout.lines().collect(),
            );
            assert_eq!(lines.len(), plain_lines.len(), "{file}");
            for (line, plain_line) in lines.iter().zip(&plain_lines) {
                let event: Value = serde_json::from_str(line).unwrap();
                let messages = assert_only_messages_added(line, plain_line, &[&event]);
                assert_in_script(tag, &messages[0]);
            }
        }
    }
    // The dates of a timeline's reminder come from the evaluation of its day.
    let run = run(
        &[
            "--timeline",
            "2019-09-24..=2019-09-24",
            "--explain",
            "zh-CN",
            &data_file("action-pack.json"),
        ],
        "",
    );
    let event: Value = serde_json::from_str(run.stdout.trim_end()).unwrap();
    assert_eq!(event["kind"], "window_closing");
    assert_eq!(
        event["message"],
        "产品/服务“maps”尚未续订。其续订时段于2019年10月1日结束，请最迟于当日续订，\
         否则将于2019年10月2日失去其权益。"
    );
}

#[test]
#[cfg(feature = "messages")]
fn bad_input_explain_unknown_locale() {
    for tag in ["fr", "en_US", "zh-TW", ""] {
        let run = run(
            &[
                "--today",
                "2019-09-02",
                "--explain",
                tag,
                &data_file("action-pack.json"),
            ],
            "",
        );
        let line = assert_bad_input(
            &run,
            &["--explain", "en, en-US, ko, ko-KR, zh-Hans, zh-CN, zh-SG"],
        );
        assert_eq!(
            line,
            format!(
                "error: --explain: `{tag}` is not a supported locale; the supported tags are \
                 en, en-US, ko, ko-KR, zh-Hans, zh-CN, zh-SG"
            )
        );
    }
}

#[test]
#[cfg(feature = "messages")]
fn bad_input_explain_twice_without_a_value_or_with_apply() {
    let file = data_file("action-pack.json");
    let twice = run(
        &[
            "--today",
            "2019-09-02",
            "--explain",
            "en",
            "--explain",
            "ko",
            &file,
        ],
        "",
    );
    assert_bad_input(&twice, &["--explain", "twice"]);
    let missing = run(&["--today", "2019-09-02", &file, "--explain"], "");
    assert_bad_input(&missing, &["--explain", "missing value"]);
    let apply = run(
        &[
            "--today",
            "2019-09-02",
            "--apply",
            "renew:maps",
            "--explain",
            "en",
            &file,
        ],
        "",
    );
    assert_bad_input(&apply, &["--explain", "--apply"]);
}

/// Without the feature, the command refuses `--explain` as bad input.
#[test]
#[cfg(not(feature = "messages"))]
fn bad_input_explain_without_the_messages_feature() {
    let run = run(
        &[
            "--today",
            "2019-09-02",
            "--explain",
            "en",
            &data_file("action-pack.json"),
        ],
        "",
    );
    assert_bad_input(&run, &["--explain", "messages"]);
}

// --- What-if: --simulate, --script, --fail-charge. ---

/// The lines of a successful run, parsed.
fn json_lines(run: &Run) -> Vec<Value> {
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stderr, "", "{run:?}");
    run.stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

#[test]
fn simulate_renews_an_auto_renewing_pack_every_year_and_ends_with_the_membership() {
    // The issue's example (A1, W3, W5): bought 2018-09-01, renewed on
    // 2019-09-02, 2020-09-01, 2021-09-01 and 2022-09-01, each for 365 days
    // from the anniversary: 2020-08-31, 2021-08-31, 2022-08-31, 2023-08-31.
    let run = run(
        &[
            "--simulate",
            "2018-09-01..=2022-12-31",
            &data_file("action-pack.json"),
        ],
        "",
    );
    let lines = json_lines(&run);
    let (last, events) = lines.split_last().unwrap();
    let renewals: Vec<&str> = events
        .iter()
        .filter(|e| e["event"] == "action_carried_out")
        .map(|e| {
            assert_eq!(e["automatic"], true);
            assert_eq!(e["action"], "renew");
            e["date"].as_str().unwrap()
        })
        .collect();
    assert_eq!(
        renewals,
        ["2019-09-02", "2020-09-01", "2021-09-01", "2022-09-01"]
    );
    let anniversaries: Vec<&str> = events
        .iter()
        .filter(|e| e["event"] == "anniversary_changed")
        .map(|e| e["to"].as_str().unwrap())
        .collect();
    assert_eq!(
        anniversaries,
        ["2020-08-31", "2021-08-31", "2022-08-31", "2023-08-31"]
    );
    // The last line is the membership on TO, in the contract's input form:
    // it reads back through the library, with the anniversary of the last
    // renewal.
    let keys: Vec<&String> = last.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["membership"]);
    let membership = &last["membership"];
    assert_eq!(membership["account"], "contoso");
    assert_eq!(membership["offers"][0]["anniversary"], "2023-08-31");
    // It is the contract's input: the command reads it back.
    let again = crate::run(&["--today", "2023-09-01", "-"], &membership.to_string());
    assert_eq!(evaluation(&again)["offers"][0]["phase"], "renewal_window");
}

#[test]
fn simulate_with_a_script_and_a_failing_charge() {
    // The script: renew on 2019-06-01 (W7: refused, window_not_open, allowed
    // from 2019-09-02) then download an invoice (A4, open). The charge of
    // 2019-09-02 fails: no renewal, and the pack lapses on 2019-10-02 (W6).
    let script = TempFile::new(
        "script.jsonl",
        "{\"date\": \"2019-06-01\", \"action\": \"renew:maps\"}\n\
         \n\
         {\"date\": \"2019-06-01\", \"action\": \"download_invoice:maps\"}\n",
    );
    let run = run(
        &[
            "--simulate",
            "2019-01-01..=2019-12-31",
            "--script",
            script.path(),
            "--fail-charge",
            "maps:2019-09-02",
            &data_file("action-pack.json"),
        ],
        "",
    );
    let lines = json_lines(&run);
    let on = |date: &str| -> Vec<&Value> { lines.iter().filter(|e| e["date"] == date).collect() };
    let june = on("2019-06-01");
    assert_eq!(june.len(), 2, "{june:?}");
    assert_eq!(june[0]["event"], "action_refused");
    assert_eq!(june[0]["refusal"], "blocked");
    assert_eq!(june[0]["reasons"], json!(["window_not_open"]));
    assert_eq!(june[0]["allowed_from"], "2019-09-02");
    assert_eq!(june[1]["event"], "action_carried_out");
    assert_eq!(june[1]["action"], "download_invoice");
    assert_eq!(june[1]["automatic"], false);
    assert!(on("2019-09-02")
        .iter()
        .any(|e| e["event"] == "charge_failed" && e["offer"] == "maps"));
    assert!(on("2019-10-02")
        .iter()
        .any(|e| e["event"] == "reminder" && e["kind"] == "benefits_lost"));
    let membership = &lines.last().unwrap()["membership"];
    assert_eq!(membership["offers"][0]["anniversary"], "2019-09-01");
}

#[test]
fn bad_input_simulate_script_and_failing_charges() {
    let file = data_file("action-pack.json");
    let span = "2019-01-01..=2019-12-31";
    // A line that does not parse names its line (blank lines count).
    let script = TempFile::new(
        "bad-script.jsonl",
        "{\"date\": \"2019-06-01\", \"action\": \"renew:maps\"}\n\n{\"date\": \"2019-06-01\", \"action\": \"renw:maps\"}\n",
    );
    let run_script =
        |script: &TempFile| run(&["--simulate", span, "--script", script.path(), &file], "");
    let line = assert_bad_input(
        &run_script(&script),
        &["--script", "line 3.action", "`renw`"],
    );
    assert!(line.starts_with("error: --script "), "{line}");
    let not_json = TempFile::new("not-json.jsonl", "{\"date\": \"2019-06-01\",\n");
    assert_bad_input(&run_script(&not_json), &["line 1", "not valid JSON"]);
    // A step outside the span names its line too.
    let outside = TempFile::new(
        "outside.jsonl",
        "\n{\"date\": \"2020-01-01\", \"action\": \"renew:maps\"}\n",
    );
    let line = assert_bad_input(&run_script(&outside), &[]);
    assert!(
        line.ends_with(
            "line 2.date: 2020-01-01 is outside the simulated span 2019-01-01 ..= 2019-12-31"
        ),
        "{line}"
    );
    // A failing charge of no offer, or not of the form OFFER:DATE.
    let run_charge = |charge: &str| run(&["--simulate", span, "--fail-charge", charge, &file], "");
    assert_eq!(
        assert_bad_input(&run_charge("atlas:2019-09-02"), &[]),
        "error: --fail-charge atlas:2019-09-02: no offer has this id"
    );
    assert_bad_input(&run_charge("maps"), &["--fail-charge", "OFFER:YYYY-MM-DD"]);
    // The plan's options need --simulate, and --simulate excludes the others.
    assert_bad_input(
        &run(
            &[
                "--today",
                "2019-01-01",
                "--fail-charge",
                "maps:2019-09-02",
                &file,
            ],
            "",
        ),
        &["--fail-charge: only with --simulate"],
    );
    for other in [
        &["--today", "2019-01-01"][..],
        &["--timeline", span][..],
        &["--today", "2019-01-01", "--apply", "renew:maps"][..],
    ] {
        let mut args = vec!["--simulate", span];
        args.extend_from_slice(other);
        args.push(&file);
        assert_bad_input(&run(&args, ""), &["cannot be given with --simulate"]);
    }
    assert_bad_input(
        &run(&["--simulate", "2019-12-31..=2019-01-01", &file], ""),
        &["--simulate", "ends before it starts"],
    );
}

#[test]
#[cfg(feature = "messages")]
fn explain_adds_a_message_to_every_simulation_event() {
    let file = data_file("action-pack.json");
    let args = [
        "--simulate",
        "2019-01-01..=2020-12-31",
        "--fail-charge",
        "maps:2020-09-01",
    ];
    let plain = run(&[&args[..], &[file.as_str()]].concat(), "");
    assert_eq!(plain.code, Some(0), "{plain:?}");
    for tag in ["en", "ko", "zh-Hans"] {
        let explained = run(
            &[&args[..], &["--explain", tag, file.as_str()]].concat(),
            "",
        );
        assert_eq!(explained.code, Some(0), "{explained:?}");
        let lines: Vec<&str> = explained.stdout.lines().collect();
        let plain_lines: Vec<&str> = plain.stdout.lines().collect();
        assert_eq!(lines.len(), plain_lines.len());
        // Every event has its message; the membership line has none.
        let (last, events) = lines.split_last().unwrap();
        assert_eq!(last, plain_lines.last().unwrap());
        for (line, plain_line) in events.iter().zip(&plain_lines) {
            let event: Value = serde_json::from_str(line).unwrap();
            let messages = assert_only_messages_added(line, plain_line, &[&event]);
            assert_in_script(tag, &messages[0]);
        }
    }
    let run = run(
        &[&args[..], &["--explain", "en", file.as_str()]].concat(),
        "",
    );
    let renewal: Value = run
        .stdout
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .find(|e| e["event"] == "action_carried_out")
        .unwrap();
    assert_eq!(
        renewal["message"],
        "On September 2, 2019, the Action Pack subscription \"maps\" was renewed automatically."
    );
}

// ---------------------------------------------------------------------------
// --lint-policy

/// partner-center-2020's rules with N2 at +40 (outside both windows) and an
/// extension that grants nothing: two findings.
const POLICY_WITH_FINDINGS: &str = r#"{"name": "late",
    "windows": {"partner_center": {"opens": 1, "closes": 30}, "pmc": {"opens": -90, "closes": 0}},
    "first_anniversary": "same_day_next_year",
    "renewal_term": {"days_after_anniversary": 365},
    "reminders": {"upcoming": -15, "window_closing": 40},
    "extensions": [{"name": "idle", "first_anniversary": "2021-01-01",
                    "last_anniversary": "2021-06-30", "waives_requirements": false,
                    "covid_override": false}]}"#;

/// A successful lint: exit 0, nothing on standard error; the lines of
/// standard output.
fn lint_lines(run: &Run) -> Vec<&str> {
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stderr, "", "{run:?}");
    assert!(
        run.stdout.is_empty() || run.stdout.ends_with('\n'),
        "{run:?}"
    );
    run.stdout.lines().collect()
}

#[test]
fn lint_policy_prints_each_finding_on_its_own_line_and_exits_0() {
    let file_file = TempFile::new("late.json", POLICY_WITH_FINDINGS);
    let file = file_file.path();
    let run = run(&["--lint-policy", file], "");
    // A single policy: the paths are those of its own document.
    assert_eq!(
        lint_lines(&run),
        [
            "reminders.window_closing: the window_closing reminder at anniversary+40 is never \
             sent: that day is outside the renewal window in Partner Center (anniversary+1 ..= \
             anniversary+30) and in PMC (anniversary-90 ..= anniversary)",
            "extensions[0]: extension `idle` waives no requirement and allows neither \
             reactivation nor a COVID override",
        ]
    );
}

#[test]
fn lint_policy_of_a_set_names_the_versions() {
    let set = format!(
        r#"{{"versions": [
            {{"from": "0001-01-01", "builtin": "partner-center-2018"}},
            {{"from": "2019-03-01", "policy": {POLICY_WITH_FINDINGS}}},
            {{"from": "2022-10-01", "builtin": "partner-center-2022"}}
        ]}}"#
    );
    let file_file = TempFile::new("set.json", &set);
    let file = file_file.path();
    let run = run(&["--lint-policy", file], "");
    let lines = lint_lines(&run);
    assert_eq!(
        lines
            .iter()
            .map(|l| l.split(": ").next().unwrap())
            .collect::<Vec<_>>(),
        [
            "versions[1].policy.reminders.window_closing",
            "versions[1].policy.extensions[0]",
        ],
        "{lines:?}"
    );
}

/// The built-in policies and the built-in history, as the files of
/// `examples/policies/`, lint to no output.
#[test]
fn lint_policy_of_every_example_policy_file_prints_nothing() {
    for name in [
        "history.json",
        "partner-center-2018.json",
        "partner-center-2020.json",
        "partner-center-2022.json",
        "partner-center-2023.json",
        "covid-2021-h1.json",
    ] {
        let run = run(&["--lint-policy", &policy_file(name)], "");
        assert_eq!(lint_lines(&run), Vec::<&str>::new(), "{name}");
    }
    // `--lint-policy=FILE` too.
    let run = run(
        &[&format!("--lint-policy={}", policy_file("history.json"))],
        "",
    );
    assert_eq!(lint_lines(&run), Vec::<&str>::new());
}

#[test]
fn help_names_lint_policy() {
    let output = run(&["--help"], "");
    assert_eq!(output.code, Some(0), "{output:?}");
    assert!(
        output.stdout.contains("evaluate --lint-policy FILE"),
        "{output:?}"
    );
    assert!(
        output.stdout.contains("  --lint-policy FILE   "),
        "{output:?}"
    );
}

/// Exit 2 only when the file does not load: unreadable, not JSON, or not a
/// valid policy, named as `--policy-file` names it.
#[test]
fn bad_input_lint_policy_file_that_does_not_load() {
    let missing = run(&["--lint-policy", "no-such-policy.json"], "");
    assert_bad_input(
        &missing,
        &["--lint-policy no-such-policy.json", "No such file"],
    );

    let not_json_file = TempFile::new("not-json.json", "{");
    let not_json = not_json_file.path();
    let run_not_json = run(&["--lint-policy", not_json], "");
    assert_bad_input(
        &run_not_json,
        &["--lint-policy", "not-json.json", "not valid JSON"],
    );

    let invalid_file = TempFile::new(
        "invalid.json",
        POLICY_WITH_FINDINGS.replace(r#""opens": 1, "closes": 30"#, r#""opens": 5, "closes": 1"#),
    );
    let invalid = invalid_file.path();
    let run_invalid = run(&["--lint-policy", invalid], "");
    assert_bad_input(
        &run_invalid,
        &["--lint-policy", "windows.partner_center", "closes"],
    );

    let bad_set_file = TempFile::new(
        "bad-set.json",
        r#"{"versions": [{"from": "2019-03-01", "builtin": "partner-center-1999"}]}"#,
    );
    let bad_set = bad_set_file.path();
    let run_bad_set = run(&["--lint-policy", bad_set], "");
    assert_bad_input(&run_bad_set, &["--lint-policy", "versions[0].builtin"]);
}

/// `--lint-policy` reads no membership and evaluates nothing: every other
/// option, and a membership file or `-`, is refused with it, in either
/// order; it is given once, with a value.
#[test]
fn bad_input_lint_policy_with_another_option_or_a_membership() {
    let history = policy_file("history.json");
    let membership = data_file("action-pack.json");
    for (extra, place) in [
        (vec!["--today", "2019-09-02"], "--today"),
        (vec!["--timeline", "2019-01-01..=2019-12-31"], "--timeline"),
        (
            vec!["--today", "2019-09-02", "--apply", "renew:maps"],
            "--today",
        ),
        (vec!["--apply", "renew:maps"], "--apply"),
        (vec!["--policy", "partner-center-2020"], "--policy"),
        (vec!["--policy-file", &history], "--policy-file"),
        (vec![&membership], membership.as_str()),
        (vec!["-"], "standard input"),
    ] {
        for lint_first in [true, false] {
            let mut args: Vec<&str> = Vec::new();
            if lint_first {
                args.extend(["--lint-policy", &history]);
                args.extend(&extra);
            } else {
                args.extend(&extra);
                args.extend(["--lint-policy", &history]);
            }
            let line = assert_bad_input(
                &run(&args, ""),
                &[place, "cannot be given with --lint-policy"],
            );
            assert!(line.starts_with(&format!("error: {place}")), "{line}");
        }
    }
    // In a build without `messages`, `--explain` is refused for that.
    let explain = run(&["--lint-policy", &history, "--explain", "en"], "");
    assert_bad_input(&explain, &["--explain"]);
    let twice = run(&["--lint-policy", &history, "--lint-policy", &history], "");
    assert_bad_input(&twice, &["--lint-policy", "given twice"]);
    let missing = run(&["--lint-policy"], "");
    assert_bad_input(&missing, &["--lint-policy", "missing value"]);
}

// --- --impact POLICY --span FROM..=TO: the impact of a policy change. ---

/// Two memberships as JSON lines: the Action Pack of issue 13 (bought
/// 2022-08-20, window open on 2023-09-01 under 2022 and 2023) and an account
/// without offers.
const TWO_LINES: &str = concat!(
    r#"{"account": "contoso", "offers": [{"id": "maps", "kind": "action_pack", "purchased": "2022-08-20"}]}"#,
    "\n",
    r#"{"account": "fabrikam"}"#,
    "\n",
);

#[test]
fn impact_prints_one_line_per_membership_then_the_summary() {
    let file_file = TempFile::new("two.jsonl", TWO_LINES);
    let file = file_file.path();
    let run = run(
        &[
            "--policy",
            "partner-center-2022",
            "--impact",
            "partner-center-2023",
            "--span",
            "2023-09-01..=2023-12-31",
            file,
        ],
        "",
    );
    let lines = json_lines(&run);
    assert_eq!(
        lines,
        [
            json!({
                "account": "contoso",
                "first_difference": "2023-09-01",
                "differences": [
                    {"difference": "window", "offer": "maps",
                     "before": {"opens": "2023-08-21", "closes": "2023-09-19"},
                     "after": {"opens": "2023-08-20", "closes": "2023-09-19"}},
                    {"difference": "anniversary", "offer": "maps",
                     "before": "2024-08-31", "after": "2024-08-19"},
                    {"difference": "action_closed", "action": "request_cancellation",
                     "offer": "maps", "reasons": [], "allowed_from": null},
                    {"difference": "action_closed", "action": "purchase",
                     "kind": "learning_action_pack", "reasons": ["already_held"],
                     "allowed_from": null}
                ]
            }),
            json!({"account": "fabrikam", "first_difference": null, "differences": []}),
            json!({"summary": {
                "memberships": 2,
                "differing": 1,
                "by_kind": {"window": 1, "anniversary": 1, "action_closed": 1},
                "earliest": "2023-09-01",
                "latest": "2023-09-01"
            }}),
        ]
    );
    // The fields in the order of the contract.
    assert!(run.stdout.starts_with(r#"{"account":"contoso","first_difference":"2023-09-01","differences":[{"difference":"window","#));
}

/// The default "before" side is partner-center-2020; one pretty-printed
/// document is one membership; standard input works as a file does; an
/// empty span compares no day.
#[test]
fn impact_reads_one_document_from_standard_input_against_the_default_policy() {
    let args = |span: &'static str| ["--impact", "partner-center-2020", "--span", span, "-"];
    let lines = json_lines(&run(&args("2019-01-01..=2021-12-31"), CONTRACT_MEMBERSHIP));
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["account"], "contoso");
    assert_eq!(lines[0]["first_difference"], Value::Null);
    assert_eq!(lines[1]["summary"]["memberships"], 1);
    assert_eq!(lines[1]["summary"]["differing"], 0);
    // 2020 → 2022: the Action Pack `maps` (anniversary 2019-09-01) renewed on
    // the window's first day sets 2020-08-31 or 2020-09-01 (W5).
    let run = run(
        &[
            "--impact",
            "partner-center-2022",
            "--span",
            "2019-09-02..2019-09-02",
            "-",
        ],
        &data_file_text("action-pack.json"),
    );
    let lines = json_lines(&run);
    assert_eq!(lines[0]["first_difference"], Value::Null, "an empty span");
    let run = self::run(
        &[
            "--impact",
            "partner-center-2022",
            "--span",
            "2019-01-01..=2019-12-31",
            "-",
        ],
        &data_file_text("action-pack.json"),
    );
    let lines = json_lines(&run);
    assert_eq!(lines[0]["first_difference"], "2019-09-02");
    assert_eq!(
        lines[0]["differences"],
        json!([{"difference": "anniversary", "offer": "maps",
                "before": "2020-08-31", "after": "2020-09-01"}])
    );
}

fn data_file_text(name: &str) -> String {
    std::fs::read_to_string(data_file(name)).unwrap()
}

/// POLICY may be a policy file; the history of the rules against 2022
/// differs first on the day 2023 comes into force.
#[test]
fn impact_takes_a_policy_file() {
    let file_file = TempFile::new("history.jsonl", TWO_LINES);
    let file = file_file.path();
    let history = manifest_dir().join("examples/policies/history.json");
    let run = run(
        &[
            "--policy",
            "partner-center-2022",
            "--impact",
            history.to_str().unwrap(),
            "--span",
            "2022-10-01..=2023-12-31",
            file,
        ],
        "",
    );
    let lines = json_lines(&run);
    assert_eq!(lines[0]["first_difference"], "2023-09-01");
    assert_eq!(lines[2]["summary"]["differing"], 1);
}

#[test]
fn bad_input_impact_second_line_not_a_membership_prints_nothing() {
    let text = format!(
        "{}\n{}\n",
        TWO_LINES.lines().next().unwrap(),
        r#"{"account": "fabrikam", "offers": [{"id": "x", "kind": "platinum", "purchased": "2020-01-01"}]}"#
    );
    let file_file = TempFile::new("bad-second-line.jsonl", &text);
    let file = file_file.path();
    let run = run(
        &[
            "--impact",
            "partner-center-2023",
            "--span",
            "2023-01-01..=2023-12-31",
            file,
        ],
        "",
    );
    let line = assert_bad_input(&run, &[file, "line 2", "offers[0].kind", "platinum"]);
    assert!(
        line.starts_with(&format!("error: {file}: line 2: offers[0].kind: ")),
        "{line}"
    );
    // Text that is not JSON, on the third line.
    let run = self::run(
        &[
            "--impact",
            "partner-center-2023",
            "--span",
            "2023-01-01..=2023-12-31",
            "-",
        ],
        &format!("{TWO_LINES}{{\"account\": }}\n"),
    );
    assert_bad_input(&run, &["standard input: line 3: not valid JSON"]);
    // A document that is not an object, on the first line.
    let run = self::run(
        &[
            "--impact",
            "partner-center-2023",
            "--span",
            "2023-01-01..=2023-12-31",
            "-",
        ],
        "[]\n",
    );
    assert_bad_input(
        &run,
        &["standard input: line 1: (root): expected an object"],
    );
}

#[test]
fn bad_input_impact_unknown_policy() {
    let run = run(
        &[
            "--impact",
            "partner-center-2099",
            "--span",
            "2023-01-01..=2023-12-31",
            "-",
        ],
        TWO_LINES,
    );
    let line = assert_bad_input(
        &run,
        &["--impact", "partner-center-2099", "partner-center-2023"],
    );
    assert!(
        line.starts_with("error: --impact: `partner-center-2099` is neither a built-in policy"),
        "{line}"
    );
}

#[test]
fn bad_input_impact_misused_options() {
    let file = data_file("action-pack.json");
    let span = "2023-01-01..=2023-12-31";
    for (args, place) in [
        (vec!["--span", span, &file], "--span: only with --impact"),
        (
            vec!["--impact", "partner-center-2023", &file],
            "--span: missing",
        ),
        (
            vec![
                "--impact",
                "partner-center-2023",
                "--span",
                span,
                "--today",
                "2023-01-01",
                &file,
            ],
            "--today: cannot be given with --impact",
        ),
        (
            vec![
                "--impact",
                "partner-center-2023",
                "--span",
                span,
                "--timeline",
                span,
                &file,
            ],
            "--timeline: cannot be given with --impact",
        ),
        (
            vec![
                "--impact",
                "partner-center-2023",
                "--span",
                span,
                "--apply",
                "renew:maps",
                &file,
            ],
            "--apply: cannot be given with --impact",
        ),
        (
            vec![
                "--impact",
                "partner-center-2023",
                "--span",
                "2023-12-31..=2023-01-01",
                &file,
            ],
            "--span: `2023-12-31..=2023-01-01` ends before it starts",
        ),
        (
            vec!["--impact", "partner-center-2023", "--span", "2023", &file],
            "--span: `2023` is not a span",
        ),
        (
            vec!["--impact", "a", "--impact", "b", "--span", span, &file],
            "--impact: given twice",
        ),
        (
            vec!["--impact", "partner-center-2023", "--span", span],
            "FILE: missing",
        ),
        (
            vec![
                "--policy",
                "partner-center-2018",
                "--policy-file",
                &file,
                "--impact",
                "partner-center-2023",
                "--span",
                span,
                &file,
            ],
            "--policy-file: cannot be given with --policy",
        ),
    ] {
        assert_bad_input(&run(&args, ""), &[place]);
    }
}
