//! Helpers shared by the integration tests.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::Value;

/// `YYYY-MM-DD` to a date, for test literals.
pub fn day(text: &str) -> NaiveDate {
    mpn_renewals::calendar::parse_date(text).unwrap_or_else(|| panic!("bad test date {text}"))
}

/// The folder of the golden cases, shipped with the crate: the worked
/// examples of the source documents, each a membership, a day and the
/// expected evaluation.
pub fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cases")
}

/// Every golden case: (file name, parsed JSON), sorted by name.
pub fn golden_cases() -> Vec<(String, Value)> {
    let mut cases: Vec<(String, Value)> = std::fs::read_dir(cases_dir())
        .expect("tests/data/cases is readable")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, serde_json::from_str(&text).unwrap())
        })
        .collect();
    cases.sort_by(|a, b| a.0.cmp(&b.0));
    cases
}

/// The evaluation with `allowed`, `blocked`, `reminders` and every `reasons`
/// sorted, since the wire contract makes them sets.
pub fn normalize(mut evaluation: Value) -> Value {
    for key in ["allowed", "blocked", "reminders"] {
        if let Some(Value::Array(items)) = evaluation.get_mut(key) {
            for item in items.iter_mut() {
                if let Some(Value::Array(reasons)) = item.get_mut("reasons") {
                    reasons.sort_by_key(|r| r.to_string());
                }
            }
            items.sort_by_key(|item| item.to_string());
        }
    }
    evaluation
}

/// A membership of one Action Pack bought on `purchased` (W1: its
/// anniversary is the same day a year later; A1: auto-renewal on).
pub fn action_pack(id: &str, purchased: &str) -> mpn_renewals::Membership {
    mpn_renewals::Membership::builder("contoso")
        .offer(mpn_renewals::OfferDraft::action_pack(id, day(purchased)))
        .build()
        .unwrap()
}
