//! `evaluate`: the command of the wire contract. It reads one membership, in the
//! contract's JSON form, from a file or from standard input, evaluates it on
//! the given day, and prints the evaluation as one line of JSON.
//!
//! ```text
//! cargo run --example evaluate -- --today 2019-09-02 state.json
//! cargo run --example evaluate -- --today 2019-09-02 - < state.json
//! cargo run --example evaluate -- --policy partner-center-2020 --today=2020-03-15 examples/data/contoso.json
//! ```
//!
//! Usage: `evaluate [--policy NAME | --policy-file FILE] (--today YYYY-MM-DD [--apply ACTION] | --timeline FROM..=TO | --simulate FROM..=TO [--script FILE] [--fail-charge OFFER:DATE]...) [--explain LOCALE] (FILE | -)`,
//! or `evaluate [--policy NAME | --policy-file FILE] --impact POLICY --span FROM..=TO (FILE | -)`,
//! or `evaluate --lint-policy FILE`
//!
//! - `--today YYYY-MM-DD` (required but with `--timeline`): the day to
//!   evaluate on, a date of the wire form (a four-digit year from 0001 to
//!   9999; `2019-02-30` is refused).
//! - `--policy NAME`: a built-in policy ([`Policy::BUILTIN_NAMES`]); the
//!   default is `partner-center-2020`, the policy of the seeds.
//! - `--policy-file FILE`: a policy, or a policy set (an object with
//!   `versions`), in the JSON form of `Policy` and `PolicySet`
//!   (`examples/policies/`); checked as it loads.
//! - `--apply ACTION[:TARGET]`: instead of the evaluation, carry out the
//!   action on `--today` and print the new membership in the contract's
//!   form (`renew:maps`, `purchase:action_pack:NEWID`,
//!   `update_business_profile`); a denied action is bad input, and its
//!   `error: ` line gives the evaluation's reasons.
//! - `--timeline FROM..=TO` (or `FROM..TO`): instead of the evaluation,
//!   print every dated event of the span as JSON lines, in date order. The
//!   span has Rust's meaning: `..=` includes TO, `..` does not; a span that
//!   ends before it starts is refused.
//! - `--simulate FROM..=TO` (or `FROM..TO`): instead of the evaluation,
//!   play the membership out over the span (`Rules::simulate`): each
//!   automatic renewal carried out on the day it falls due (A1), and the
//!   steps of `--script` on their days. Prints every event as JSON lines,
//!   as `--timeline` does, with `action_carried_out`, `action_refused`,
//!   `charge_failed` and `anniversary_changed` among them; then one last
//!   line, `{"membership": …}`, the membership on TO in the contract's
//!   input form.
//! - `--script FILE` (with `--simulate`): dated actions, one JSON object
//!   per line, `{"date": "2019-09-10", "action": "renew:maps"}`; a step
//!   that its day does not allow is printed as `action_refused`, with the
//!   evaluation's reasons, and the run goes on. A line that does not parse,
//!   or a date outside the span, is bad input and names its line.
//! - `--fail-charge OFFER:DATE` (with `--simulate`, repeatable): the
//!   automatic renewal of OFFER due on DATE is not charged, so not carried
//!   out (`charge_failed`); an OFFER that names no offer is bad input.
//! - `--explain LOCALE` (feature `messages`): add to each blocked entry and
//!   each reminder of the evaluation, and to each event of `--timeline` and
//!   `--simulate`, a
//!   `"message"`: the sentence that explains it in LOCALE (`en`, `ko`,
//!   `zh-Hans`, or `en-US`, `ko-KR`, `zh-CN`, `zh-SG`), with the dates of
//!   the offer's status that day and of the policy's extension. The other
//!   fields are those of the contract, unchanged and in their order.
//!   `cargo run --features messages --example evaluate -- --today 2019-09-02 --explain ko examples/data/action-pack.json`
//! - `--lint-policy FILE`: instead of evaluating a membership, read a
//!   policy or a policy set (an object with `versions`) as `--policy-file`
//!   does, and print the findings of its lint (`Policy::lint`,
//!   `PolicySet::lint`), one per line, `path: message`; nothing when there
//!   are none. Exit 0 whatever it finds; 2 only when the file does not
//!   load. Not with any other option, nor with `FILE`.
//!   `cargo run --example evaluate -- --lint-policy examples/policies/history.json`
//! - `--impact POLICY --span FROM..=TO` (or `FROM..TO`): instead of the
//!   evaluation, the impact of changing the rules from those of `--policy`
//!   or `--policy-file` (the "before" side; default `partner-center-2020`)
//!   to `POLICY` (the "after" side: a built-in policy's name, or else a
//!   policy or policy set file), over the span
//!   ([`mpn_renewals::impact`]). `FILE` then holds one membership or many,
//!   one JSON document after another (JSON lines). All of them are read and
//!   checked first; then one JSON line per membership, in their order,
//!   `{"account", "first_difference", "differences"}`, and last one line
//!   `{"summary": {...}}`. A document that is not a membership is bad
//!   input, named by its line: `error: FILE: line 2: offers[0].kind: …`.
//!   Not with `--today`, `--apply`, `--timeline`, `--simulate` or `--explain`.
//!   `cargo run --example evaluate -- --policy partner-center-2022 --impact partner-center-2023 --span 2023-01-01..=2023-12-31 memberships.jsonl`
//! - `FILE`: the membership to read, or `-` for standard input. After `--`,
//!   every argument is a file name, even one that starts with `-`.
//! - `--help`: print this usage on standard output and exit 0.
//!
//! Options may come in any order, and as `--today=DATE`, `--policy=NAME`.
//!
//! On success the evaluation is printed on standard output, as one line of
//! JSON, and the exit status is 0. On bad input of any kind (unreadable
//! file, malformed JSON, an unknown field, an invalid date, a value that
//! breaks a rule of the contract, a missing or malformed `--today`, an
//! unknown option or policy, a missing or extra file argument) nothing is
//! printed on standard output, one line that starts with `error: ` and names
//! the place and the problem is printed on standard error, and the exit
//! status is 2:
//!
//! ```text
//! error: offers[1].anniversary: 2018-01-01 is not after the purchase date 2018-09-01
//! error: --today: `2019-02-30` is not a date of the form YYYY-MM-DD
//! error: state.json: No such file or directory
//! ```
//!
//! A failure to write the evaluation (a closed pipe, a closed standard
//! output, a full disk) is reported the same way, with status 2. The
//! command never panics.

use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::process::ExitCode;

use chrono::NaiveDate;
use mpn_renewals::calendar::parse_date;
use mpn_renewals::impact::{membership_impact, Summary};
use mpn_renewals::simulation::{FailedCharge, Plan};
use mpn_renewals::time::EventKind;
use mpn_renewals::{Action, ErrorKind, Membership, Policy, PolicySet, Rules};

/// The usage, printed by `--help`.
const USAGE: &str = "\
Usage: evaluate [--policy NAME | --policy-file FILE]
                (--today YYYY-MM-DD [--apply ACTION] | --timeline FROM..=TO
                 | --simulate FROM..=TO [--script FILE] [--fail-charge OFFER:DATE]...)
                [--explain LOCALE] (FILE | -)
       evaluate [--policy NAME | --policy-file FILE]
                --impact POLICY --span FROM..=TO (FILE | -)
       evaluate --lint-policy FILE

Reads one membership (the wire contract's JSON form) from FILE, or from standard
input for `-`, and prints its evaluation on the given day as one line of JSON.
With --impact, FILE holds one membership or many (JSON lines), and each gets
one line: the first day of the span on which POLICY evaluates it differently
from --policy, and what differs that day; then one summary line.
With --lint-policy, reads a policy or policy set instead and prints the findings
of its lint, one per line.

Options:
  --today YYYY-MM-DD   the day to evaluate on (required but with --timeline)
  --policy NAME        a built-in policy (default: partner-center-2020)
  --policy-file FILE   a policy or policy set in JSON (examples/policies/)
  --apply ACTION       carry out ACTION on --today and print the new
                       membership: renew:ID, reactivate:ID, purchase:KIND:NEWID,
                       turn_off_auto_renew:ID, request_cancellation:ID,
                       request_covid_override:ID, download_invoice:ID,
                       request_replacement_token:TOKEN, update_business_profile,
                       provide_verification_documents, migrate_to_partner_center
  --timeline FROM..=TO print every dated event of the span as JSON lines
                       (FROM..TO leaves TO out, as a Rust range does)
  --simulate FROM..=TO play the span out: automatic renewals carried out, the
                       script's steps on their days; print the events as JSON
                       lines, then {\"membership\": ...} as it stands on TO
  --script FILE        with --simulate: JSON lines of dated actions,
                       {\"date\": \"YYYY-MM-DD\", \"action\": \"renew:ID\"}
  --fail-charge OFFER:DATE
                       with --simulate: the automatic renewal of OFFER due on
                       DATE is not charged (repeatable)
  --explain LOCALE     add a \"message\" to each blocked entry, reminder and
                       event, in en, ko or zh-Hans (feature `messages`)
  --lint-policy FILE   print the findings of lint about a policy or policy set
                       in JSON, one per line (exit 0 whatever it finds); no
                       other option and no membership with it
  --impact POLICY      compare the rules of --policy (before) with POLICY
                       (after: a built-in name, or a policy file) over --span
  --span FROM..=TO     the days --impact compares (FROM..TO leaves TO out)
  --help               print this help and exit
  --                   every later argument is a file name

Exit status: 0 on success (with --lint-policy, whatever it finds); 2 on bad
input, with one `error: ` line on standard error and nothing on standard output.";

/// The exit status of bad input of any kind.
const BAD_INPUT: u8 = 2;

/// Where the membership comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Input {
    /// `-`: standard input.
    Stdin,
    /// A file, by the name given on the command line.
    File(String),
}

impl Input {
    /// How error messages name the input.
    fn name(&self) -> &str {
        match self {
            Input::Stdin => "standard input",
            Input::File(name) => name,
        }
    }

    /// The whole input, as text.
    fn read(&self) -> Result<String, String> {
        let result = match self {
            Input::Stdin => {
                let mut text = String::new();
                io::stdin().lock().read_to_string(&mut text).map(|_| text)
            }
            Input::File(name) => std::fs::read_to_string(name),
        };
        result.map_err(|err| format!("{}: {}", self.name(), io_message(&err)))
    }
}

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Command {
    /// `--help`: print the usage.
    Help,
    /// Evaluate a membership.
    Evaluate(Options),
    /// `--lint-policy FILE`: print the findings of a policy file's lint.
    Lint(String),
}

/// The options of an evaluation, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Options {
    /// `--policy` or `--policy-file`: the rules to apply.
    rules: PolicySource,
    /// What to print.
    mode: Mode,
    /// `FILE` or `-`: where the membership comes from.
    input: Input,
    /// `--explain LOCALE`: the language of the messages to add.
    explain: Option<explain::Locale>,
}

/// What the command prints.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Mode {
    /// The evaluation on a day.
    Evaluate(NaiveDate),
    /// `--apply`: the membership after an action on a day.
    Apply(NaiveDate, String),
    /// `--timeline`: the events of a span (the days included; `None` for
    /// an empty span).
    Timeline(Option<(NaiveDate, NaiveDate)>),
    /// `--simulate`: the span played out, with `--script` and
    /// `--fail-charge`.
    Simulate(Option<(NaiveDate, NaiveDate)>, Simulate),
    /// `--impact POLICY --span FROM..=TO`: the impact of a policy change
    /// on many memberships.
    Impact(ImpactOptions),
}

/// The plan of `--simulate`, as given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Simulate {
    /// `--script FILE`.
    script: Option<String>,
    /// Each `--fail-charge`, as given and as read.
    failed_charges: Vec<(String, FailedCharge)>,
}

/// Where the rules come from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PolicySource {
    /// `--policy NAME`, or the default.
    Builtin(&'static Policy),
    /// `--policy-file FILE`.
    File(String),
}

impl PolicySource {
    /// The policy set to evaluate with: a built-in policy is a set of one.
    fn load(&self) -> Result<PolicySet, String> {
        match self {
            PolicySource::Builtin(policy) => Ok(PolicySet::single((*policy).clone())),
            PolicySource::File(name) => {
                let text = std::fs::read_to_string(name)
                    .map_err(|err| format!("--policy-file {name}: {}", io_message(&err)))?;
                read_policies(&text).map_err(|err| format!("--policy-file {name}: {err}"))
            }
        }
    }
}

/// A policy set, or a single policy, from JSON: an object with `versions`
/// is a set.
fn read_policies(text: &str) -> Result<PolicySet, String> {
    PolicySet::from_json(text).map_err(|err| err.to_string())
}

/// A span of `--timeline` or `--simulate`: `FROM..=TO` (TO included) or `FROM..TO` (TO
/// left out), as the days included, or `None` for an empty span. One that
/// ends before it starts is refused.
fn parse_span(option: &str, text: &str) -> Result<Option<(NaiveDate, NaiveDate)>, String> {
    let bad = || {
        format!(
            "{option}: `{}` is not a span of the form YYYY-MM-DD..=YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD",
            text.escape_default()
        )
    };
    let (from, to, inclusive) = match text.split_once("..=") {
        Some((from, to)) => (from, to, true),
        None => {
            let (from, to) = text.split_once("..").ok_or_else(bad)?;
            (from, to, false)
        }
    };
    let from = parse_date(from).ok_or_else(bad)?;
    let to = parse_date(to).ok_or_else(bad)?;
    if to < from {
        return Err(format!("{option}: `{text}` ends before it starts"));
    }
    let last = if inclusive {
        Some(to)
    } else {
        to.pred_opt().filter(|last| *last >= from)
    };
    Ok(last.map(|last| (from, last)))
}

/// Reads the command line (without the program name).
///
/// Errors are the message of the `error: ` line, starting with the place:
/// the option or argument at fault.
fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Command, String> {
    let mut policy: Option<&'static Policy> = None;
    let mut policy_file: Option<String> = None;
    let mut apply: Option<String> = None;
    let mut span: Option<Option<(NaiveDate, NaiveDate)>> = None;
    let mut simulate_span: Option<Option<(NaiveDate, NaiveDate)>> = None;
    let mut plan = Simulate::default();
    let mut impact: Option<String> = None;
    let mut impact_span: Option<Option<(NaiveDate, NaiveDate)>> = None;
    let mut today: Option<NaiveDate> = None;
    let mut input: Option<Input> = None;
    let mut explain: Option<explain::Locale> = None;
    let mut lint: Option<String> = None;
    let mut only_files = false;

    while let Some(arg) = args.next() {
        let positional = only_files || arg == "-" || !arg.starts_with('-');
        if positional {
            let next = if arg == "-" && !only_files {
                Input::Stdin
            } else {
                Input::File(arg)
            };
            if let Some(first) = &input {
                return Err(format!(
                    "{}: a second input after {}; give one FILE, or - for standard input",
                    next.name(),
                    first.name()
                ));
            }
            input = Some(next);
            continue;
        }
        if arg == "--" {
            only_files = true;
            continue;
        }
        if arg == "--help" || arg == "-h" {
            return Ok(Command::Help);
        }
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name.to_owned(), Some(value)),
            _ => (arg.clone(), None),
        };
        let mut value = || -> Result<String, String> {
            match inline {
                Some(value) => Ok(value.to_owned()),
                None => args.next().ok_or_else(|| format!("{name}: missing value")),
            }
        };
        match name.as_str() {
            "--today" => {
                let text = value()?;
                if today.is_some() {
                    return Err("--today: given twice".to_owned());
                }
                today = Some(parse_date(&text).ok_or_else(|| {
                    format!("--today: `{text}` is not a date of the form YYYY-MM-DD")
                })?);
            }
            "--policy" => {
                let text = value()?;
                if policy.is_some() {
                    return Err("--policy: given twice".to_owned());
                }
                policy = Some(Policy::builtin(&text).ok_or_else(|| {
                    format!(
                        "--policy: unknown policy `{text}`; the built-in policies are: {}",
                        Policy::BUILTIN_NAMES.join(", ")
                    )
                })?);
            }
            "--policy-file" => {
                let text = value()?;
                if policy_file.is_some() {
                    return Err("--policy-file: given twice".to_owned());
                }
                policy_file = Some(text);
            }
            "--apply" => {
                let text = value()?;
                if apply.is_some() {
                    return Err("--apply: given twice".to_owned());
                }
                Action::parse(&text).map_err(|err| format!("--apply: {}", err.kind()))?;
                apply = Some(text);
            }
            "--timeline" => {
                let text = value()?;
                if span.is_some() {
                    return Err("--timeline: given twice".to_owned());
                }
                span = Some(parse_span("--timeline", &text)?);
            }
            "--simulate" => {
                let text = value()?;
                if simulate_span.is_some() {
                    return Err("--simulate: given twice".to_owned());
                }
                simulate_span = Some(parse_span("--simulate", &text)?);
            }
            "--impact" => {
                let text = value()?;
                if impact.is_some() {
                    return Err("--impact: given twice".to_owned());
                }
                impact = Some(text);
            }
            "--span" => {
                let text = value()?;
                if impact_span.is_some() {
                    return Err("--span: given twice".to_owned());
                }
                impact_span = Some(parse_span("--span", &text)?);
            }
            "--script" => {
                let text = value()?;
                if plan.script.is_some() {
                    return Err("--script: given twice".to_owned());
                }
                plan.script = Some(text);
            }
            "--fail-charge" => {
                let text = value()?;
                let charge = text
                    .parse::<FailedCharge>()
                    .map_err(|err| format!("--fail-charge: {}", err.kind()))?;
                plan.failed_charges.push((text, charge));
            }
            "--explain" => {
                let text = value()?;
                if explain.is_some() {
                    return Err("--explain: given twice".to_owned());
                }
                explain = Some(explain::locale(&text)?);
            }
            "--lint-policy" => {
                let text = value()?;
                if lint.is_some() {
                    return Err("--lint-policy: given twice".to_owned());
                }
                lint = Some(text);
            }
            _ => {
                // The options are listed once, in the usage of `--help`.
                return Err(format!("{name}: unknown option (see --help)"));
            }
        }
    }

    if let Some(file) = lint {
        let given = [
            ("--today", today.is_some()),
            ("--timeline", span.is_some()),
            ("--apply", apply.is_some()),
            ("--policy", policy.is_some()),
            ("--policy-file", policy_file.is_some()),
            ("--explain", explain.is_some()),
            ("--simulate", simulate_span.is_some()),
            ("--script", plan.script.is_some()),
            ("--fail-charge", !plan.failed_charges.is_empty()),
            ("--impact", impact.is_some()),
            ("--span", impact_span.is_some()),
        ];
        return lint_command(file, &given, input.as_ref());
    }
    if impact.is_some() || impact_span.is_some() {
        let given = [
            ("--timeline", span.is_some()),
            ("--apply", apply.is_some()),
            ("--today", today.is_some()),
            ("--explain", explain.is_some()),
            ("--simulate", simulate_span.is_some()),
            ("--script", plan.script.is_some()),
            ("--fail-charge", !plan.failed_charges.is_empty()),
        ];
        let mode = impact_mode(impact, impact_span, &given)?;
        if input.is_none() {
            return Err(
                "FILE: missing; give the memberships file, or - for standard input".to_owned(),
            );
        }
        return finish(mode, input, None, policy, policy_file);
    }
    let given_plan = plan.script.is_some() || !plan.failed_charges.is_empty();
    if let Some(simulate_span) = simulate_span {
        if span.is_some() {
            return Err("--timeline: cannot be given with --simulate".to_owned());
        }
        if apply.is_some() {
            return Err("--apply: cannot be given with --simulate".to_owned());
        }
        if today.is_some() {
            return Err("--today: cannot be given with --simulate".to_owned());
        }
        return finish(
            Mode::Simulate(simulate_span, plan),
            input,
            explain,
            policy,
            policy_file,
        );
    }
    if given_plan {
        let option = if plan.script.is_some() {
            "--script"
        } else {
            "--fail-charge"
        };
        return Err(format!("{option}: only with --simulate"));
    }
    let mode = match (span, apply, today) {
        (Some(_), Some(_), _) => {
            return Err("--apply: cannot be given with --timeline".to_owned());
        }
        (Some(_), None, Some(_)) => {
            return Err("--today: cannot be given with --timeline".to_owned());
        }
        (Some(span), None, None) => Mode::Timeline(span),
        (None, Some(action), Some(today)) => Mode::Apply(today, action),
        (None, None, Some(today)) => Mode::Evaluate(today),
        (None, _, None) => {
            return Err(
                "--today: missing; give the day to evaluate on, --today YYYY-MM-DD".to_owned(),
            )
        }
    };
    if explain.is_some() && matches!(mode, Mode::Apply(..)) {
        return Err("--explain: cannot be given with --apply".to_owned());
    }
    finish(mode, input, explain, policy, policy_file)
}

/// The options checked, once the mode is known.
fn finish(
    mode: Mode,
    input: Option<Input>,
    explain: Option<explain::Locale>,
    policy: Option<&'static Policy>,
    policy_file: Option<String>,
) -> Result<Command, String> {
    let input = input.ok_or("FILE: missing; give the membership file, or - for standard input")?;
    let rules = match (policy, policy_file) {
        (Some(_), Some(_)) => {
            return Err("--policy-file: cannot be given with --policy".to_owned());
        }
        (None, Some(file)) => PolicySource::File(file),
        (Some(policy), None) => PolicySource::Builtin(policy),
        (None, None) => {
            PolicySource::Builtin(Policy::builtin(Policy::DEFAULT_NAME).ok_or_else(|| {
                format!("--policy: no built-in policy `{}`", Policy::DEFAULT_NAME)
            })?)
        }
    };
    Ok(Command::Evaluate(Options {
        rules,
        mode,
        input,
        explain,
    }))
}

/// An I/O error's message without the ` (os error N)` that `Display` adds.
fn io_message(err: &io::Error) -> String {
    let text = err.to_string();
    match err.raw_os_error() {
        Some(code) => match text.strip_suffix(&format!(" (os error {code})")) {
            Some(stripped) => stripped.to_owned(),
            None => text,
        },
        None => text,
    }
}

/// Reads the membership of `text`. Its errors name their place in the
/// document (`offers[0].kind: …`); a syntax error names the input, with
/// the line and column.
fn read_membership(text: &str, input: &Input) -> Result<Membership, String> {
    Membership::from_json(text).map_err(|err| match err.kind() {
        ErrorKind::Syntax { .. } => format!("{}: {}", input.name(), err.kind()),
        _ => err.to_string(),
    })
}

/// Runs the command: the message of the `error: ` line on failure.
fn run(args: impl Iterator<Item = String>) -> Result<(), String> {
    // Taken before any file is opened: a closed standard output would
    // otherwise lend its number to the next file opened.
    let stdout = standard_output().map_err(|err| format!("standard output: {}", io_message(&err)));
    let options = match parse_args(args)? {
        Command::Help => {
            let mut stdout = stdout?;
            return writeln!(stdout, "{USAGE}")
                .and_then(|()| stdout.flush())
                .map_err(|err| format!("standard output: {}", io_message(&err)));
        }
        Command::Evaluate(options) => options,
        Command::Lint(file) => {
            let findings = lint_policy_file(&file)?;
            let mut stdout = stdout?;
            return findings
                .iter()
                .try_for_each(|finding| writeln!(stdout, "{finding}"))
                .and_then(|()| stdout.flush())
                .map_err(|err| format!("standard output: {}", io_message(&err)));
        }
    };
    let rules = options.rules.load()?;
    if let Mode::Impact(impact) = &options.mode {
        return run_impact(&rules, impact, &options.input, stdout);
    }
    let text = options.input.read()?;
    let membership = read_membership(&text, &options.input)?;
    let mut lines = Vec::new();
    match &options.mode {
        Mode::Evaluate(today) => {
            let evaluation = rules.evaluate(&membership, *today);
            lines.push(match options.explain {
                Some(locale) => explain::evaluation(&rules, &evaluation, locale)?,
                None => to_json(&evaluation)?,
            });
        }
        Mode::Apply(today, text) => {
            let action = Action::parse(text).map_err(|err| format!("--apply: {}", err.kind()))?;
            let next = rules
                .apply(&membership, &action, *today)
                .map_err(|refused| format!("--apply: {refused}"))?;
            lines.push(to_json(&next)?);
        }
        Mode::Timeline(Some((first, last))) => {
            for event in rules.timeline(&membership, *first..=*last) {
                lines.push(match options.explain {
                    Some(locale) => explain::event(&rules, &membership, &event, locale)?,
                    None => to_json(&event)?,
                });
            }
        }
        Mode::Timeline(None) | Mode::Impact(_) => {}
        Mode::Simulate(span, given) => {
            simulate(
                &rules,
                &membership,
                *span,
                given,
                options.explain,
                &mut lines,
            )?;
        }
    }
    let mut stdout = stdout?;
    lines
        .iter()
        .try_for_each(|line| writeln!(stdout, "{line}"))
        .and_then(|()| stdout.flush())
        .map_err(|err| format!("standard output: {}", io_message(&err)))
}

/// `--impact POLICY --span FROM..=TO`, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ImpactOptions {
    /// `POLICY`: the rules after the change (the "after" side), a built-in
    /// policy's name or a policy file; the "before" side is `--policy` or
    /// `--policy-file`.
    against: String,
    /// The days of `--span`; `None` for an empty span.
    span: Option<(NaiveDate, NaiveDate)>,
}

/// The mode of `--impact` and `--span`, which go together and with none of
/// the options `given` (name, whether given).
fn impact_mode(
    impact: Option<String>,
    span: Option<Option<(NaiveDate, NaiveDate)>>,
    given: &[(&str, bool)],
) -> Result<Mode, String> {
    let Some(against) = impact else {
        return Err(
            "--span: only with --impact; give the policy to compare, --impact POLICY".to_owned(),
        );
    };
    if let Some((option, _)) = given.iter().find(|(_, given)| *given) {
        return Err(format!("{option}: cannot be given with --impact"));
    }
    let span = span.ok_or("--span: missing; give the span to compare, --span FROM..=TO")?;
    Ok(Mode::Impact(ImpactOptions { against, span }))
}

/// The rules of `--impact POLICY`: a built-in policy, or else a policy or
/// policy set file.
fn impact_rules(against: &str) -> Result<PolicySet, String> {
    if let Some(policy) = Policy::builtin(against) {
        return Ok(PolicySet::single(policy.clone()));
    }
    match std::fs::read_to_string(against) {
        Ok(text) => read_policies(&text).map_err(|err| format!("--impact {against}: {err}")),
        Err(err) => Err(format!(
            "--impact: `{}` is neither a built-in policy ({}) nor a readable policy file: {}",
            against.escape_default(),
            Policy::BUILTIN_NAMES.join(", "),
            io_message(&err)
        )),
    }
}

/// The memberships of `text`: one JSON document, or many in a row (JSON
/// lines). A document that is not a membership is refused with the line
/// it starts on (for text that is not JSON, the line of the fault).
fn read_memberships(text: &str, input: &Input) -> Result<Vec<Membership>, String> {
    let name = input.name();
    let mut documents =
        serde_json::Deserializer::from_str(text).into_iter::<serde::de::IgnoredAny>();
    let mut memberships = Vec::new();
    let mut start = 0;
    while let Some(document) = documents.next() {
        if let Err(err) = document {
            let full = err.to_string();
            let suffix = format!(" at line {} column {}", err.line(), err.column());
            let message = full.strip_suffix(&suffix).unwrap_or(&full);
            return Err(format!(
                "{name}: line {}: not valid JSON at column {}: {message}",
                err.line(),
                err.column()
            ));
        }
        let end = documents.byte_offset();
        let document = text.get(start..end).unwrap_or_default();
        let first = start + (document.len() - document.trim_start().len());
        let line = 1 + text
            .get(..first)
            .map_or(0, |before| before.matches('\n').count());
        let membership =
            Membership::from_json(document).map_err(|err| format!("{name}: line {line}: {err}"))?;
        memberships.push(membership);
        start = end;
    }
    Ok(memberships)
}

/// `--impact`: every membership of the input is read and checked first, so
/// that bad input prints nothing; then one line per membership, in the
/// input's order, and the summary line.
fn run_impact(
    before: &PolicySet,
    impact: &ImpactOptions,
    input: &Input,
    stdout: Result<io::StdoutLock<'static>, String>,
) -> Result<(), String> {
    let after = impact_rules(&impact.against)?;
    let text = input.read()?;
    let memberships = read_memberships(&text, input)?;
    let mut stdout = io::BufWriter::new(stdout?);
    let mut summary = Summary::default();
    let write = |stdout: &mut io::BufWriter<_>, line: String| {
        writeln!(stdout, "{line}").map_err(|err| format!("standard output: {}", io_message(&err)))
    };
    for membership in &memberships {
        let one = match impact.span {
            Some((first, last)) => membership_impact(before, &after, membership, first..=last),
            None => membership_impact(before, &after, membership, NaiveDate::MIN..NaiveDate::MIN),
        };
        summary.add(&one);
        write(&mut stdout, to_json(&one)?)?;
    }
    #[derive(serde::Serialize)]
    struct SummaryLine<'a> {
        summary: &'a Summary,
    }
    write(&mut stdout, to_json(&SummaryLine { summary: &summary })?)?;
    stdout
        .flush()
        .map_err(|err| format!("standard output: {}", io_message(&err)))
}

/// `--simulate`: the events of the run, then `{"membership": …}`.
fn simulate(
    rules: &PolicySet,
    membership: &Membership,
    span: Option<(NaiveDate, NaiveDate)>,
    given: &Simulate,
    locale: Option<explain::Locale>,
    lines: &mut Vec<String>,
) -> Result<(), String> {
    let mut plan = Plan::new();
    // The line of each step of the script, for the errors of the plan.
    let mut step_lines = Vec::new();
    if let Some(name) = &given.script {
        let text = std::fs::read_to_string(name)
            .map_err(|err| format!("--script {name}: {}", io_message(&err)))?;
        plan = Plan::from_script(&text).map_err(|err| format!("--script {name}: {err}"))?;
        step_lines = text
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(index, _)| index + 1)
            .collect();
    }
    for (_, charge) in &given.failed_charges {
        plan = plan.fail_charge(charge.offer.clone(), charge.date);
    }
    let Some((first, last)) = span else {
        lines.push(to_json(&MembershipLine { membership })?);
        return Ok(());
    };
    let run = rules
        .simulate(membership, &plan, first..=last)
        .map_err(|err| plan_error(&err, given, &step_lines))?;
    // With --explain, each event is explained against the membership as
    // the run had left it when the event happened.
    let mut state = membership.clone();
    for event in &run.events {
        lines.push(match locale {
            Some(locale) => {
                let line = explain::event(rules, &state, event, locale)?;
                if let EventKind::ActionCarriedOut { action, .. } = &event.kind {
                    if let Ok(next) = rules.apply(&state, action, event.date) {
                        state = next;
                    }
                }
                line
            }
            None => to_json(event)?,
        });
    }
    lines.push(to_json(&MembershipLine {
        membership: &run.membership,
    })?);
    Ok(())
}

/// An error of the plan, named by the option or the script line it comes
/// from: `steps[1].date` is the second step of the script.
fn plan_error(err: &mpn_renewals::Error, given: &Simulate, step_lines: &[usize]) -> String {
    let path = err.path();
    let index = |prefix: &str| -> Option<usize> {
        let rest = path.strip_prefix(prefix)?;
        rest.split(']').next()?.parse().ok()
    };
    if let (Some(index), Some(name)) = (index("steps["), &given.script) {
        if let Some(line) = step_lines.get(index) {
            return format!("--script {name}: line {line}.date: {}", err.kind());
        }
    }
    if let Some((text, _)) = index("failed_charges[").and_then(|i| given.failed_charges.get(i)) {
        return format!("--fail-charge {text}: {}", err.kind());
    }
    err.to_string()
}

/// The last line of `--simulate`.
#[derive(serde::Serialize)]
struct MembershipLine<'a> {
    membership: &'a Membership,
}

/// `--lint-policy FILE`, once the command line is read: refused with any
/// other option that was `given`, or with a membership `input`.
fn lint_command(
    file: String,
    given: &[(&str, bool)],
    input: Option<&Input>,
) -> Result<Command, String> {
    if let Some((option, _)) = given.iter().find(|(_, given)| *given) {
        return Err(format!("{option}: cannot be given with --lint-policy"));
    }
    if let Some(input) = input {
        return Err(format!(
            "{}: cannot be given with --lint-policy, which reads no membership",
            input.name()
        ));
    }
    Ok(Command::Lint(file))
}

/// The findings of the lint of a policy file: a policy set (an object with
/// `versions`), or a single policy, whose findings keep the paths of the
/// policy's own document (`reminders.window_closing`, not
/// `versions[0].policy.…`). A file that does not load is bad input, named
/// as `--policy-file` names it.
fn lint_policy_file(name: &str) -> Result<Vec<mpn_renewals::lint::Finding>, String> {
    let text = std::fs::read_to_string(name)
        .map_err(|err| format!("--lint-policy {name}: {}", io_message(&err)))?;
    // A document that loads as a policy has no `versions`; any other is
    // read as `--policy-file` reads it, for its findings or its error.
    if let Ok(policy) = Policy::from_json(&text) {
        return Ok(policy.lint());
    }
    let set = read_policies(&text).map_err(|err| format!("--lint-policy {name}: {err}"))?;
    Ok(set.lint())
}

/// One line of JSON.
fn to_json(value: &impl serde::Serialize) -> Result<String, String> {
    serde_json::to_string(value)
        .map_err(|err| format!("the output cannot be written as JSON: {err}"))
}

/// Standard output, for writing that reports every failure: a closed pipe,
/// a full disk, and a standard output closed before the command started.
fn standard_output() -> io::Result<io::StdoutLock<'static>> {
    if stdout_was_closed() {
        return Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"));
    }
    Ok(io::stdout().lock())
}

/// Whether standard output was closed when the command started. Rust's
/// runtime gives a closed standard descriptor `/dev/null`, opened for
/// reading and writing, so that writes to it vanish; a shell's `>
/// /dev/null` opens it for writing only. Linux tells the two apart through
/// `/proc`; elsewhere this says no.
fn stdout_was_closed() -> bool {
    #[cfg(target_os = "linux")]
    {
        let Ok(target) = std::fs::read_link("/proc/self/fd/1") else {
            return false;
        };
        if target != std::path::Path::new("/dev/null") {
            return false;
        }
        let Ok(info) = std::fs::read_to_string("/proc/self/fdinfo/1") else {
            return false;
        };
        let flags = info
            .lines()
            .find_map(|line| line.strip_prefix("flags:"))
            .and_then(|flags| u32::from_str_radix(flags.trim(), 8).ok());
        // O_ACCMODE is 0o3 and O_RDWR 0o2 on Linux.
        flags.is_some_and(|flags| flags & 0o3 == 0o2)
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

fn main() -> ExitCode {
    let args: Result<Vec<String>, OsString> = std::env::args_os()
        .skip(1)
        .map(OsString::into_string)
        .collect();
    let result = match args {
        Ok(args) => run(args.into_iter()),
        Err(arg) => Err(format!(
            "{}: an argument that is not valid UTF-8",
            arg.to_string_lossy()
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            // One line, whatever the message holds (a file name with a
            // newline in it, say). A failure to write it is ignored: there is
            // nowhere left to report it, and the exit status still says it.
            let line = message.replace(['\n', '\r'], " ");
            let _ = writeln!(io::stderr().lock(), "error: {line}");
            ExitCode::from(BAD_INPUT)
        }
    }
}

/// `--explain`: the messages of the feature `messages`, added to the
/// contract's output as a `"message"` key after the fields of each entry.
#[cfg(feature = "messages")]
mod explain {
    use mpn_renewals::evaluation::OfferStatus;
    use mpn_renewals::messages::Explanation;
    pub use mpn_renewals::messages::Locale;
    use mpn_renewals::policy::ExtensionPolicy;
    use mpn_renewals::time::{Event, EventKind};
    use mpn_renewals::{Evaluation, Membership, Policy, PolicySet, Rules, Text};

    use super::to_json;

    /// The locale of a BCP 47 tag.
    pub fn locale(tag: &str) -> Result<Locale, String> {
        tag.parse()
            .map_err(|err: mpn_renewals::Error| format!("--explain: {}", err.kind()))
    }

    /// An entry of the output and its message: serialized as the entry's
    /// own fields, in their order, then `message`.
    #[derive(serde::Serialize)]
    struct WithMessage<'a, V> {
        #[serde(flatten)]
        value: &'a V,
        message: String,
    }

    /// An explanation with the dates of `status` (the status of its offer
    /// that day, if any) and of the extension of `policy` that covers it.
    fn dated<'a, T: mpn_renewals::Text>(
        explanation: Explanation<'a, T>,
        status: Option<&'a OfferStatus<&'a str>>,
        policy: &'a Policy,
        extension: Option<&str>,
    ) -> Explanation<'a, T> {
        let explanation = match status {
            Some(status) => explanation.with_offer(status),
            None => explanation,
        };
        let named = |e: &&ExtensionPolicy| Some(e.name()) == extension;
        match policy.extensions().iter().find(named) {
            Some(extension) => explanation.with_extension(extension),
            None => explanation,
        }
    }

    /// The evaluation as one line of JSON, with a message in each blocked
    /// entry and each reminder. The contract's fields keep their order: the
    /// two lists are written with their messages in place of the plain ones
    /// (a `serde_json::Value` would sort every object's keys).
    pub fn evaluation(
        rules: &PolicySet,
        evaluation: &Evaluation<&str>,
        locale: Locale,
    ) -> Result<String, String> {
        let policy = rules.policy_on(evaluation.today);
        let blocked: Vec<_> = evaluation
            .blocked
            .iter()
            .map(|entry| {
                let status = entry.action.target().and_then(|id| evaluation.offer(id));
                let extension = status.and_then(|status| status.extension);
                WithMessage {
                    value: entry,
                    message: dated(entry.explain(locale), status, policy, extension).to_string(),
                }
            })
            .collect();
        let reminders: Vec<_> = evaluation
            .reminders
            .iter()
            .map(|reminder| {
                let status = evaluation.offer(reminder.offer);
                let explanation = reminder.explain(locale);
                WithMessage {
                    value: reminder,
                    message: dated(explanation, status, policy, reminder.extension).to_string(),
                }
            })
            .collect();
        let mut line = to_json(evaluation)?;
        for (key, plain, explained) in [
            ("blocked", to_json(&evaluation.blocked)?, to_json(&blocked)?),
            (
                "reminders",
                to_json(&evaluation.reminders)?,
                to_json(&reminders)?,
            ),
        ] {
            // A key of the evaluation is the only text followed by `:`
            // outside a string, so the field appears exactly once.
            let plain = format!("\"{key}\":{plain}");
            if !line.contains(&plain) {
                return Err(format!("the output's `{key}` cannot be explained"));
            }
            line = line.replacen(&plain, &format!("\"{key}\":{explained}"), 1);
        }
        Ok(line)
    }

    /// An event of the timeline as one line of JSON, with its message; the
    /// dates come from the evaluation of the event's day.
    pub fn event<T: Text + serde::Serialize>(
        rules: &PolicySet,
        membership: &Membership,
        event: &Event<T>,
        locale: Locale,
    ) -> Result<String, String> {
        let evaluation = rules.evaluate(membership, event.date);
        let policy = rules.policy_on(event.date);
        let offer = match &event.kind {
            EventKind::Reminder { reminder } => Some(reminder.offer.as_ref()),
            EventKind::PhaseChanged { offer, .. }
            | EventKind::ChargeFailed { offer }
            | EventKind::AnniversaryChanged { offer, .. } => Some(offer.as_ref()),
            EventKind::ActionOpened { action }
            | EventKind::ActionClosed { action, .. }
            | EventKind::ActionCarriedOut { action, .. }
            | EventKind::ActionRefused { action, .. } => action.target(),
            _ => None,
        };
        let status = offer.and_then(|id| evaluation.offer(id));
        let extension = status.and_then(|status| status.extension);
        let message = dated(event.explain(locale), status, policy, extension).to_string();
        to_json(&WithMessage {
            value: event,
            message,
        })
    }
}

/// `--explain` in a build without the feature `messages`: refused.
#[cfg(not(feature = "messages"))]
mod explain {
    use mpn_renewals::time::Event;
    use mpn_renewals::{Evaluation, Membership, PolicySet};

    /// No locale can be named.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Locale {}

    pub fn locale(_tag: &str) -> Result<Locale, String> {
        Err(
            "--explain: this build has no messages; build the command with --features messages"
                .to_owned(),
        )
    }

    pub fn evaluation(
        _: &PolicySet,
        _: &Evaluation<&str>,
        locale: Locale,
    ) -> Result<String, String> {
        match locale {}
    }

    pub fn event<T>(
        _: &PolicySet,
        _: &Membership,
        _: &Event<T>,
        locale: Locale,
    ) -> Result<String, String> {
        match locale {}
    }
}
