//! Every worked case of `tests/data/cases/` (drawn from the source documents'
//! own examples) is a golden test of `evaluate` and of the serde forms.
//!
//! The cases are the crate's copy of the project's shared cases, which
//! govern: where the shared folder sits beside the project (as in the
//! project's CI), one test checks that the copy equals it file by file.

use std::path::{Path, PathBuf};

use mpn_renewals::{evaluate, Membership};
use serde_json::Value;

use crate::common::{cases_dir, d, golden_cases, json_blocks, normalize};

#[test]
fn golden_cases_match_the_expected_evaluations() {
    let cases = golden_cases();
    assert!(
        cases.len() >= 16,
        "expected the 16 shared cases, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for (name, case) in &cases {
        let membership: Membership = serde_json::from_value(case["membership"].clone())
            .unwrap_or_else(|e| panic!("{name}: membership refused: {e}"));
        let today = d(case["today"].as_str().unwrap());
        let actual = normalize(serde_json::to_value(evaluate(&membership, today)).unwrap());
        let expected = normalize(case["evaluation"].clone());
        if actual != expected {
            failures.push(format!(
                "{name}:\n  expected {}\n  actual   {}",
                expected, actual
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn golden_case_memberships_round_trip_through_serde() {
    for (name, case) in golden_cases() {
        let membership: Membership = serde_json::from_value(case["membership"].clone()).unwrap();
        let text = serde_json::to_string(&membership).unwrap();
        let again: Membership = serde_json::from_str(&text).unwrap();
        assert_eq!(again, membership, "{name}");
        // Writing it back is stable too.
        assert_eq!(serde_json::to_string(&again).unwrap(), text, "{name}");
        let _: Value = serde_json::from_str(&text).unwrap();
    }
}

/// The project's shared specification beside the crate, if it is there:
/// a clone or a package of the crate alone has none.
fn shared_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    dir.is_dir().then_some(dir)
}

/// The file names and bytes of the `.json` files of a folder, sorted.
fn json_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// The shared specification governs the crate's copies of it. Where it
/// sits beside the crate (as in the project's CI): the golden cases of
/// `tests/data/cases/` are its cases byte for byte, none missing and none
/// extra; and the two examples of the shared contract are the first two
/// ```json blocks of the crate's page on the wire forms
/// (`src/docs/wire.md`), which the command's tests quote. Without it, the
/// test says so and passes.
#[test]
fn the_crate_copies_of_the_shared_specification_are_current() {
    let Some(shared) = shared_dir() else {
        eprintln!("skipped: no ../shared beside the crate to compare its copies with");
        return;
    };
    let ours = json_files(&cases_dir());
    let theirs = json_files(&shared.join("cases"));
    let names = |files: &[(String, Vec<u8>)]| -> Vec<String> {
        files.iter().map(|(name, _)| name.clone()).collect()
    };
    assert_eq!(names(&ours), names(&theirs), "the same case files");
    for ((name, ours), (_, theirs)) in ours.iter().zip(&theirs) {
        assert!(
            ours == theirs,
            "tests/data/cases/{name} differs from the shared case"
        );
    }

    let page = json_blocks(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/docs/wire.md"));
    let contract = json_blocks(&shared.join("CONTRACT.md"));
    assert_eq!(contract.len(), 2, "the shared contract has two examples");
    assert_eq!(
        page.get(..2),
        Some(contract.as_slice()),
        "the wire page quotes them first"
    );
}
