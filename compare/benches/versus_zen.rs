//! The renew decision (phase + reasons that block `renew`) made by
//! `mpn_renewals::evaluate` and by the same decision as a GoRules JDM in
//! zen-engine, on the same fixed set of one-offer memberships.
//!
//! Before any timing, both must answer the same on every case (else it
//! panics with the cases that differ). Each bench iteration decides every
//! case once; the throughput is in decisions, and the ratio zen/ours of the
//! medians is printed at the end.
//!
//! Run with `cargo bench` in `compare/` (shorter: `cargo bench -- --warm-up-time 1
//! --measurement-time 3`).

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::time::SystemTime;

use criterion::{Criterion, SamplingMode, Throughput};
use mpn_renewals_compare::{assert_same_answers, cases, facts, ours, ours_typed, zen, Case, Zen};
use zen_engine::{Variable, ZEN_CONFIG};

const GROUP: &str = "renew";

fn main() {
    let started = SystemTime::now();
    let cases = cases();
    let engine = Zen::new();

    // The two must agree before timing means anything.
    assert_same_answers(&engine, &cases);
    // The inputs built once, for the third bench (evaluation only); check
    // that evaluating does not change them and gives the same answers.
    let inputs: Vec<Variable> = cases.iter().map(|case| facts(case).into()).collect();
    for _ in 0..2 {
        for (case, input) in cases.iter().zip(&inputs) {
            assert_eq!(
                engine.decide(input.clone()),
                ours(case),
                "case {} (prebuilt input)",
                case.index
            );
        }
    }
    for (case, input) in cases.iter().zip(&inputs) {
        assert_eq!(
            input.to_value(),
            facts(case),
            "case {}: input changed",
            case.index
        );
    }
    println!(
        "ours and zen give identical answers on all {} cases",
        cases.len()
    );

    let mut criterion = Criterion::default().configure_from_args();
    {
        let mut group = criterion.benchmark_group(GROUP);
        group.throughput(Throughput::Elements(cases.len() as u64));
        // One iteration decides every case: long enough for flat sampling.
        group.sampling_mode(SamplingMode::Flat);
        group.sample_size(50);
        group.bench_function("ours", |b| {
            b.iter(|| {
                for case in &cases {
                    black_box(ours(black_box(case)));
                }
            })
        });
        group.bench_function("ours_typed", |b| {
            b.iter(|| {
                for case in &cases {
                    black_box(ours_typed(black_box(case)));
                }
            })
        });
        group.bench_function("zen", |b| {
            b.iter(|| {
                for case in &cases {
                    black_box(zen(&engine, black_box(case)));
                }
            })
        });
        group.bench_function("zen_prebuilt_input", |b| {
            b.iter(|| {
                for input in &inputs {
                    black_box(engine.decide(black_box(input).clone()));
                }
            })
        });
        // zen-engine's one global knob that bears on this graph: by default
        // every node's output is also put in the context (`$nodes`); this
        // JDM does not read it. Last, since the setting is global.
        ZEN_CONFIG.nodes_in_context.store(false, Ordering::Relaxed);
        for (case, input) in cases.iter().zip(&inputs) {
            assert_eq!(
                engine.decide(input.clone()),
                ours(case),
                "case {} (nodes_in_context off)",
                case.index
            );
        }
        group.bench_function("zen_prebuilt_input_no_nodes_in_context", |b| {
            b.iter(|| {
                for input in &inputs {
                    black_box(engine.decide(black_box(input).clone()));
                }
            })
        });
        ZEN_CONFIG.nodes_in_context.store(true, Ordering::Relaxed);
        group.finish();
    }
    criterion.final_summary();
    report(&cases, started);
}

/// Where criterion writes its results: the same order of places criterion
/// itself uses.
fn criterion_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    let metadata = std::env::var_os("CARGO").and_then(|cargo| {
        std::process::Command::new(cargo)
            .args(["metadata", "--format-version", "1", "--no-deps"])
            .output()
            .ok()
    });
    metadata
        .and_then(|output| serde_json::from_slice::<serde_json::Value>(&output.stdout).ok())
        .and_then(|value| value["target_directory"].as_str().map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("target"))
        .join("criterion")
}

/// The median time of one iteration (every case once) of a bench of this
/// run, in ns, if criterion measured it in this run.
fn median_ns(name: &str, started: SystemTime) -> Option<f64> {
    let path = criterion_home()
        .join(GROUP)
        .join(name)
        .join("new")
        .join("estimates.json");
    let fresh = std::fs::metadata(&path)
        .and_then(|meta| meta.modified())
        .is_ok_and(|modified| modified >= started);
    if !fresh {
        return None;
    }
    let text = std::fs::read_to_string(&path).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    value["median"]["point_estimate"].as_f64()
}

fn report(cases: &[Case], started: SystemTime) {
    let n = cases.len() as f64;
    let per_case = |name| median_ns(name, started).map(|ns| ns / n);
    let (Some(ours_ns), Some(zen_ns)) = (per_case("ours"), per_case("zen")) else {
        println!("(no fresh criterion estimates for both `ours` and `zen`: no ratio printed)");
        return;
    };
    println!();
    println!("median per decision, over {} cases:", cases.len());
    println!(
        "  {:<36}{ours_ns:>10.1} ns",
        "ours (mpn_renewals::evaluate)"
    );
    println!(
        "  {:<36}{zen_ns:>10.1} ns   ({:.1} x ours)",
        "zen (JDM in zen-engine)",
        zen_ns / ours_ns
    );
    for (name, label) in [
        ("zen_prebuilt_input", "zen, input built beforehand"),
        (
            "zen_prebuilt_input_no_nodes_in_context",
            "  and nodes_in_context off",
        ),
    ] {
        if let Some(ns) = per_case(name) {
            println!("  {label:<36}{ns:>10.1} ns   ({:.1} x ours)", ns / ours_ns);
        }
    }
    println!("ratio zen/ours: {:.1}", zen_ns / ours_ns);
    if let Some(typed_ns) = per_case("ours_typed") {
        println!(
            "  {:<36}{typed_ns:>10.1} ns   (zen is {:.1} x this)",
            "ours, typed answer (no strings)",
            zen_ns / typed_ns
        );
        println!("ratio zen/ours_typed: {:.1}", zen_ns / typed_ns);
    }
}
