//! Reference implementation (test oracle) of the evaluation of a membership
//! under the policy `partner-center-2020`.
//!
//! Derived only from the rules catalogue and the wire contract (and checked
//! against the golden cases of `tests/data/cases/`); it never looks at the crate under test.
//! It is written to be obviously correct, not fast: plain chrono date
//! arithmetic, one function per section of the contract, and a naive
//! day-by-day search for `next_change`.
//!
//! The input is a membership in the contract's JSON form, assumed VALID
//! (the contract refuses everything else before `evaluate` is reached); the
//! documented defaults are applied here. Dates derived from the membership
//! are therefore inside 0001-01-01 ..= 9999-12-31 (D4), while `today` may be
//! any date chrono can represent: no arithmetic is ever done on `today`
//! except the guarded stepping in `next_change`.

// The oracle checked by hand and on the golden cases, then the crate
// checked against the oracle.
mod cases;
#[cfg(feature = "proptest")]
mod differential;
#[cfg(feature = "serde")]
mod sweeps;

use chrono::{Datelike, Days, NaiveDate};
use serde_json::{json, Map, Value};

/// The only policy this reference knows.
pub const POLICY: &str = "partner-center-2020";

// ---------------------------------------------------------------------------
// The membership (input), with the contract's defaults applied.
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    ActionPack,
    LearningActionPack,
    SilverCompetency,
    GoldCompetency,
}

impl Kind {
    fn parse(s: &str) -> Kind {
        match s {
            "action_pack" => Kind::ActionPack,
            "learning_action_pack" => Kind::LearningActionPack,
            "silver_competency" => Kind::SilverCompetency,
            "gold_competency" => Kind::GoldCompetency,
            other => panic!("reference: invalid kind {other:?}"),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::ActionPack => "action_pack",
            Kind::LearningActionPack => "learning_action_pack",
            Kind::SilverCompetency => "silver_competency",
            Kind::GoldCompetency => "gold_competency",
        }
    }

    /// M3: silver and gold competencies (as opposed to the two packs).
    fn is_competency(self) -> bool {
        matches!(self, Kind::SilverCompetency | Kind::GoldCompetency)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Portal {
    PartnerCenter,
    Pmc,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Profile {
    Current,
    NeedsReview,
    PendingVerification,
}

#[derive(Clone, Debug)]
#[allow(clippy::struct_excessive_bools)] // the contract's flags, as they are
struct Offer {
    id: String,
    kind: Kind,
    anniversary: NaiveDate,
    auto_renew: bool,
    cancelled: bool,
    performance_met: bool,
    exams_validated: bool,
    origin_account: Option<String>,
    covid_override_requested: bool,
}

#[derive(Clone, Debug)]
struct Token {
    id: String,
    activated: NaiveDate,
    replaced: bool,
}

#[derive(Clone, Debug)]
struct Membership {
    network_member: bool,
    portal: Portal,
    profile: Profile,
    offers: Vec<Offer>,
    tokens: Vec<Token>,
}

fn parse_date(v: &Value) -> NaiveDate {
    let s = v.as_str().expect("reference: a date is a string");
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("reference: a valid YYYY-MM-DD date")
}

fn bool_or(v: &Value, key: &str, default: bool) -> bool {
    match v.get(key) {
        None => default,
        Some(b) => b.as_bool().expect("reference: a bool"),
    }
}

/// W1, D1: the first anniversary of a purchase is the same month and day one
/// year later; a purchase on 29 February gets 28 February of the next year
/// (clamp to the month's end).
pub fn first_anniversary(purchased: NaiveDate) -> NaiveDate {
    let year = purchased.year() + 1;
    if purchased.month() == 2 && purchased.day() == 29 {
        NaiveDate::from_ymd_opt(year, 2, 28).expect("reference: 28 February exists")
    // D1
    } else {
        NaiveDate::from_ymd_opt(year, purchased.month(), purchased.day())
            .expect("reference: same month and day exists one year later") // W1
    }
}

fn parse_offer(v: &Value) -> Offer {
    let kind = Kind::parse(v["kind"].as_str().expect("reference: kind"));
    let purchased = parse_date(&v["purchased"]);
    let anniversary = match v.get("anniversary") {
        Some(a) => parse_date(a),
        None => first_anniversary(purchased), // W1, D1 (contract default)
    };
    Offer {
        id: v["id"].as_str().expect("reference: offer id").to_string(),
        kind,
        anniversary,
        // Contract: `auto_renew` defaults to true on an Action Pack; it is an
        // error on any other kind (D5), so other kinds never auto-renew.
        auto_renew: kind == Kind::ActionPack && bool_or(v, "auto_renew", true),
        cancelled: bool_or(v, "cancelled", false),
        performance_met: bool_or(v, "performance_met", false),
        exams_validated: bool_or(v, "exams_validated", false),
        origin_account: v
            .get("origin_account")
            .map(|o| o.as_str().expect("reference: origin_account").to_string()),
        // Contract: competencies only; E5: set once the override is requested.
        covid_override_requested: bool_or(v, "covid_override_requested", false),
    }
}

fn parse_token(v: &Value) -> Token {
    Token {
        id: v["id"].as_str().expect("reference: token id").to_string(),
        activated: parse_date(&v["activated"]),
        replaced: bool_or(v, "replaced", false),
    }
}

fn parse_membership(v: &Value) -> Membership {
    let portal = match v
        .get("portal")
        .map(|p| p.as_str().expect("reference: portal"))
    {
        None | Some("partner_center") => Portal::PartnerCenter,
        Some("pmc") => Portal::Pmc,
        Some(other) => panic!("reference: invalid portal {other:?}"),
    };
    let profile = match v
        .get("business_profile")
        .map(|p| p.as_str().expect("reference: business_profile"))
    {
        None | Some("current") => Profile::Current,
        Some("needs_review") => Profile::NeedsReview,
        Some("pending_verification") => Profile::PendingVerification,
        Some(other) => panic!("reference: invalid business_profile {other:?}"),
    };
    let list = |key: &str| -> Vec<Value> {
        match v.get(key) {
            None => Vec::new(),
            Some(a) => a.as_array().expect("reference: an array").clone(),
        }
    };
    Membership {
        network_member: bool_or(v, "network_member", true), // M1 (default true)
        portal,
        profile,
        offers: list("offers").iter().map(parse_offer).collect(),
        tokens: list("tokens").iter().map(parse_token).collect(),
    }
}

// ---------------------------------------------------------------------------
// Date helpers. Every date derived from a VALID membership is in range (D4),
// so `expect` here can only fire on an invalid membership, never on `today`.
// ---------------------------------------------------------------------------

fn plus(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n))
        .expect("reference: derived date in range (D4)")
}

fn minus(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n))
        .expect("reference: derived date in range (D4)")
}

/// Dates print as chrono prints them: `YYYY-MM-DD` inside 0001..=9999 (the
/// only range a membership can hold); a `today` outside it keeps chrono's
/// signed ISO 8601 form (e.g. `+10000-01-01`).
fn date_json(d: NaiveDate) -> Value {
    Value::String(d.to_string())
}

// ---------------------------------------------------------------------------
// Windows, phases, extensions.
// ---------------------------------------------------------------------------

/// The renewal window of the current anniversary, inclusive at both ends.
/// Partner Center: anniversary+1 ..= anniversary+30 (W2, W3, W7, D3).
/// PMC: anniversary-90 ..= anniversary (P4).
fn window(offer: &Offer, portal: Portal) -> (NaiveDate, NaiveDate) {
    match portal {
        // W2, W3, D3
        Portal::PartnerCenter => (plus(offer.anniversary, 1), plus(offer.anniversary, 30)),
        Portal::Pmc => (minus(offer.anniversary, 90), offer.anniversary), // P4
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Active,
    RenewalWindow,
    Lapsed,
    Cancelled,
}

impl Phase {
    fn name(self) -> &'static str {
        match self {
            Phase::Active => "active",
            Phase::RenewalWindow => "renewal_window",
            Phase::Lapsed => "lapsed",
            Phase::Cancelled => "cancelled",
        }
    }
}

/// Contract `phase`: `cancelled` whenever cancelled (A3), whatever the date;
/// otherwise `active` before the window opens, `renewal_window` inside it
/// (W4), `lapsed` after it closes (W6: lapse on closes+1).
fn phase(offer: &Offer, portal: Portal, today: NaiveDate) -> Phase {
    let (opens, closes) = window(offer, portal);
    if offer.cancelled {
        Phase::Cancelled // A3
    } else if today < opens {
        Phase::Active // W7: not yet renewable
    } else if today <= closes {
        Phase::RenewalWindow // W2, W3, W4
    } else {
        Phase::Lapsed // W6
    }
}

/// W4, B1: benefits only in phase `active` or `renewal_window`.
fn has_benefits(p: Phase) -> bool {
    matches!(p, Phase::Active | Phase::RenewalWindow)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Extension {
    Covid2020H1,
    Covid2020H2,
}

impl Extension {
    fn name(self) -> &'static str {
        match self {
            Extension::Covid2020H1 => "covid-2020-h1",
            Extension::Covid2020H2 => "covid-2020-h2",
        }
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("reference: a fixed calendar date")
}

/// The extension covering this offer's anniversary, shown in either portal
/// (its effects hold only in Partner Center, P3).
/// E1: competency anniversaries 2020-01-01 ..= 2020-06-30.
/// E2: competency anniversaries 2020-07-01 ..= 2020-12-31.
/// E3: never an Action Pack or Learning Action Pack.
/// E6 (covid-2021-h1) is not part of this policy.
fn extension(offer: &Offer) -> Option<Extension> {
    if !offer.kind.is_competency() {
        return None; // E3
    }
    let a = offer.anniversary;
    if ymd(2020, 1, 1) <= a && a <= ymd(2020, 6, 30) {
        Some(Extension::Covid2020H1) // E1
    } else if ymd(2020, 7, 1) <= a && a <= ymd(2020, 12, 31) {
        Some(Extension::Covid2020H2) // E2
    } else {
        None
    }
}

fn extension_json(offer: &Offer) -> Value {
    match extension(offer) {
        Some(e) => json!(e.name()),
        None => Value::Null,
    }
}

/// The last day of the reactivation period.
/// E1: fixed, 2020-06-30. E2: the anniversary + 30 days.
fn reactivation_end(ext: Extension, anniversary: NaiveDate) -> NaiveDate {
    match ext {
        Extension::Covid2020H1 => ymd(2020, 6, 30),      // E1
        Extension::Covid2020H2 => plus(anniversary, 30), // E2
    }
}

/// E4 (D10): the extended anniversary is the same month and day one year
/// after the covered anniversary; 29 February gives 28 February.
fn extended_anniversary(anniversary: NaiveDate) -> NaiveDate {
    let year = anniversary.year() + 1;
    if anniversary.month() == 2 && anniversary.day() == 29 {
        ymd(year, 2, 28) // E4
    } else {
        ymd(year, anniversary.month(), anniversary.day()) // E4
    }
}

// ---------------------------------------------------------------------------
// Contract section: core_benefits.
// ---------------------------------------------------------------------------

/// G2, M1: the highest of `gold` > `silver` > `action_pack` > `network` among
/// the offers with benefits; `action_pack` comes from kind `action_pack` only; a
/// network member always has at least "network"; otherwise null.
fn core_benefits(m: &Membership, today: NaiveDate) -> Value {
    let with_benefits = |kind: Kind| {
        m.offers
            .iter()
            .any(|o| o.kind == kind && has_benefits(phase(o, m.portal, today)))
    };
    if with_benefits(Kind::GoldCompetency) {
        json!("gold")
    } else if with_benefits(Kind::SilverCompetency) {
        json!("silver")
    } else if with_benefits(Kind::ActionPack) {
        json!("action_pack")
    } else if m.network_member {
        json!("network") // M1
    } else {
        Value::Null
    }
}

// ---------------------------------------------------------------------------
// Contract section: offers.
// ---------------------------------------------------------------------------

fn offers_json(m: &Membership, today: NaiveDate) -> Value {
    let list: Vec<Value> = m
        .offers
        .iter()
        .map(|o| {
            let (opens, closes) = window(o, m.portal); // W2, W3, P4
            let p = phase(o, m.portal, today);
            json!({
                "id": o.id,
                "phase": p.name(),
                "anniversary": date_json(o.anniversary),
                "window": {"opens": date_json(opens), "closes": date_json(closes)},
                "benefits": has_benefits(p), // W4, B1
                "extension": extension_json(o), // E1, E2, E3
            })
        })
        .collect();
    Value::Array(list)
}

// ---------------------------------------------------------------------------
// Contract section: allowed / blocked.
// ---------------------------------------------------------------------------

/// Collects the actions: no reasons means allowed, otherwise blocked.
#[derive(Default)]
struct Actions {
    allowed: Vec<Value>,
    blocked: Vec<Value>,
}

impl Actions {
    /// `action` holds "action" and its key; `reasons` in the order of the
    /// contract's reasons table; `allowed_from` only when a reason is
    /// `window_not_open` or `not_yet_activated`.
    fn decide(&mut self, action: Value, reasons: &[&'static str], allowed_from: Option<NaiveDate>) {
        if reasons.is_empty() {
            self.allowed.push(action);
        } else {
            let mut entry = action;
            entry["reasons"] = json!(reasons);
            if let Some(d) = allowed_from {
                entry["allowed_from"] = date_json(d);
            }
            self.blocked.push(entry);
        }
    }

    /// An action listed "only when open".
    fn allow_if(&mut self, open: bool, action: Value) {
        if open {
            self.allowed.push(action);
        }
    }
}

/// True when an offer is in phase `active` or `renewal_window` (the offers that
/// count for M4 `already_held` and for G2).
fn is_live(m: &Membership, o: &Offer, today: NaiveDate) -> bool {
    matches!(
        phase(o, m.portal, today),
        Phase::Active | Phase::RenewalWindow
    )
}

/// `purchase`, always listed for both pack kinds. M2: network members only;
/// M4: not while an offer of that kind is active or in its window.
fn purchase_actions(m: &Membership, today: NaiveDate, actions: &mut Actions) {
    for kind in [Kind::ActionPack, Kind::LearningActionPack] {
        let mut reasons = Vec::new();
        if !m.network_member {
            reasons.push("not_network_member"); // M2
        }
        if m.offers
            .iter()
            .any(|o| o.kind == kind && is_live(m, o, today))
        {
            reasons.push("already_held"); // M4
        }
        actions.decide(
            json!({"action": "purchase", "kind": kind.name()}),
            &reasons,
            None,
        );
    }
}

/// G2 tie-break: true when `a` is kept in preference to `b` (two offers of
/// the same pack kind): the later anniversary; on equal anniversaries the
/// one without `origin_account`; then the smaller id.
fn g2_preferred(a: &Offer, b: &Offer) -> bool {
    if a.anniversary != b.anniversary {
        return a.anniversary > b.anniversary; // G2: later anniversary kept
    }
    if a.origin_account.is_none() != b.origin_account.is_none() {
        return a.origin_account.is_none(); // G2 decision: the account's own pack
    }
    a.id < b.id // G2 decision: then the smaller id
}

/// G2: among the live offers of this offer's pack kind (Action Pack and
/// Learning Action Pack separately), the offer loses when another is kept in
/// preference to it. Competencies are never concerned.
fn g2_loses(m: &Membership, offer: &Offer, today: NaiveDate) -> bool {
    if offer.kind.is_competency() || !is_live(m, offer, today) {
        return false;
    }
    m.offers.iter().any(|other| {
        other.id != offer.id
            && other.kind == offer.kind
            && is_live(m, other, today)
            && g2_preferred(other, offer)
    })
}

/// Every reason that holds against `renew`, in the contract's order.
fn renew_reasons(m: &Membership, offer: &Offer, today: NaiveDate) -> Vec<&'static str> {
    let (opens, closes) = window(offer, m.portal);
    let mut reasons = Vec::new();
    if offer.cancelled {
        reasons.push("cancelled"); // A3
    }
    // Window reasons hold by date, cancelled or not.
    if today < opens {
        reasons.push("window_not_open"); // W7, W2 (PC) / P4 (PMC)
    }
    if today > closes {
        reasons.push("window_closed"); // W3, W6 (PC) / P4 (PMC)
    }
    if offer.kind.is_competency() {
        // P1, waived by an extension only in Partner Center (E1, E2, P3).
        let waived = extension(offer).is_some() && m.portal == Portal::PartnerCenter;
        if !waived && !offer.performance_met {
            reasons.push("performance_not_met"); // P1
        }
        if !waived && !offer.exams_validated {
            reasons.push("exams_not_validated"); // P1
        }
    }
    if m.profile == Profile::NeedsReview {
        reasons.push("profile_needs_review"); // P2
    }
    if m.profile == Profile::PendingVerification {
        reasons.push("verification_pending"); // P2
    }
    if !m.network_member {
        reasons.push("not_network_member"); // M2
    }
    if g2_loses(m, offer, today) {
        reasons.push("one_action_pack_per_account"); // G2, M4
    }
    reasons
}

fn renew_is_open(m: &Membership, offer: &Offer, today: NaiveDate) -> bool {
    renew_reasons(m, offer, today).is_empty()
}

/// `renew`, always listed for every offer.
fn renew_actions(m: &Membership, today: NaiveDate, actions: &mut Actions) {
    for o in &m.offers {
        let reasons = renew_reasons(m, o, today);
        let (opens, _) = window(o, m.portal);
        let allowed_from = if reasons.contains(&"window_not_open") {
            Some(opens) // the first day the window is open
        } else {
            None
        };
        actions.decide(
            json!({"action": "renew", "offer": o.id}),
            &reasons,
            allowed_from,
        );
    }
}

/// `reactivate`: listed only for a lapsed competency whose anniversary an
/// extension covers (E1, E2); open until the reactivation end, in Partner
/// Center only (P3), with P2 and M2 holding as for renewal.
fn reactivate_actions(m: &Membership, today: NaiveDate, actions: &mut Actions) {
    for o in &m.offers {
        let Some(ext) = extension(o) else { continue };
        if !o.kind.is_competency() || phase(o, m.portal, today) != Phase::Lapsed {
            continue;
        }
        let mut reasons = Vec::new();
        if m.portal != Portal::PartnerCenter {
            reasons.push("not_in_partner_center"); // P3, E1
        }
        if today > reactivation_end(ext, o.anniversary) {
            reasons.push("reactivation_period_over"); // E1 (2020-06-30), E2 (anniversary+30)
        }
        if m.profile == Profile::NeedsReview {
            reasons.push("profile_needs_review"); // P2
        }
        if m.profile == Profile::PendingVerification {
            reasons.push("verification_pending"); // P2
        }
        if !m.network_member {
            reasons.push("not_network_member"); // M2
        }
        actions.decide(
            json!({"action": "reactivate", "offer": o.id}),
            &reasons,
            None,
        );
    }
}

/// `request_covid_override`, listed only when open: a lapsed competency
/// covered by covid-2020-h2 (E2), in Partner Center (P3), whose
/// `covid_override_requested` is false, from the day after
/// the reactivation end to the day before the extended anniversary (E4, E5).
fn covid_override_actions(m: &Membership, today: NaiveDate, actions: &mut Actions) {
    for o in &m.offers {
        let open = o.kind.is_competency()
            && phase(o, m.portal, today) == Phase::Lapsed
            && extension(o) == Some(Extension::Covid2020H2) // E2: only h2 has overrides
            && m.portal == Portal::PartnerCenter // P3
            && !o.covid_override_requested // E5: requested once, no longer offered
            && reactivation_end(Extension::Covid2020H2, o.anniversary) < today // E5
            && today < extended_anniversary(o.anniversary); // E4, E5
        actions.allow_if(
            open,
            json!({"action": "request_covid_override", "offer": o.id}),
        );
    }
}

/// Action Pack only (kind `action_pack`, not the Learning Action Pack):
/// `turn_off_auto_renew` (A2), `request_cancellation` (A3),
/// `download_invoice` (A4), each listed only when open.
fn action_pack_actions(m: &Membership, today: NaiveDate, actions: &mut Actions) {
    for o in &m.offers {
        if o.kind != Kind::ActionPack {
            continue;
        }
        let live = is_live(m, o, today);
        actions.allow_if(
            o.auto_renew && live, // A2
            json!({"action": "turn_off_auto_renew", "offer": o.id}),
        );
        actions.allow_if(
            live, // A3
            json!({"action": "request_cancellation", "offer": o.id}),
        );
        actions.allow_if(
            true, // A4: any Action Pack, in any phase (cancelled included)
            json!({"action": "download_invoice", "offer": o.id}),
        );
    }
}

/// Membership-wide actions, listed only when open.
fn profile_and_portal_actions(m: &Membership, actions: &mut Actions) {
    actions.allow_if(
        m.profile == Profile::NeedsReview, // P2
        json!({"action": "update_business_profile"}),
    );
    actions.allow_if(
        m.profile == Profile::PendingVerification, // P2
        json!({"action": "provide_verification_documents"}),
    );
    actions.allow_if(
        m.portal == Portal::Pmc, // P3
        json!({"action": "migrate_to_partner_center"}),
    );
}

/// `request_replacement_token`, always listed for every token (B2): one
/// replacement only, within activated ..= activated+30 (day 30 counts).
fn token_actions(m: &Membership, today: NaiveDate, actions: &mut Actions) {
    for t in &m.tokens {
        let mut reasons = Vec::new();
        if t.replaced {
            reasons.push("replacement_already_issued"); // B2: one time only
        }
        if today < t.activated {
            reasons.push("not_yet_activated"); // B2
        }
        if today > plus(t.activated, 30) {
            reasons.push("replacement_period_over"); // B2: day 30 counts
        }
        let allowed_from = if reasons.contains(&"not_yet_activated") {
            Some(t.activated)
        } else {
            None
        };
        actions.decide(
            json!({"action": "request_replacement_token", "token": t.id}),
            &reasons,
            allowed_from,
        );
    }
}

fn all_actions(m: &Membership, today: NaiveDate) -> Actions {
    let mut actions = Actions::default();
    purchase_actions(m, today, &mut actions);
    renew_actions(m, today, &mut actions);
    reactivate_actions(m, today, &mut actions);
    covid_override_actions(m, today, &mut actions);
    action_pack_actions(m, today, &mut actions);
    profile_and_portal_actions(m, &mut actions);
    token_actions(m, today, &mut actions);
    actions
}

// ---------------------------------------------------------------------------
// Contract section: reminders.
// ---------------------------------------------------------------------------

fn reminder(kind: &str, offer: &Offer) -> Value {
    json!({
        "kind": kind,
        "offer": offer.id,
        "recipients": ["global_admin", "mpn_admin"], // N3
        "extension": extension_json(offer), // N4
    })
}

fn reminders_json(m: &Membership, today: NaiveDate) -> Value {
    let mut out = Vec::new();
    for o in &m.offers {
        let (opens, closes) = window(o, m.portal);
        // N1: anniversary - 15, any offer not cancelled; an Action Pack with
        // auto_renew gets `upcoming_auto_renewal` instead (A1, N1).
        if !o.cancelled && today == minus(o.anniversary, 15) {
            if o.kind == Kind::ActionPack && o.auto_renew {
                out.push(reminder("upcoming_auto_renewal", o)); // N1, A1
            } else {
                out.push(reminder("upcoming_anniversary", o)); // N1, D5
            }
        }
        // A1: the charge falls on the window's first day, when renew is open.
        if o.kind == Kind::ActionPack
            && o.auto_renew
            && today == opens
            && renew_is_open(m, o, today)
        {
            out.push(reminder("auto_renewal_due", o)); // A1
        }
        // N2: anniversary + 23, when that day is inside the window and the
        // offer is not cancelled.
        let day23 = plus(o.anniversary, 23);
        if !o.cancelled && today == day23 && opens <= day23 && day23 <= closes {
            out.push(reminder("window_closing", o)); // N2
        }
        // W6, N5: the first day of phase lapsed (closes + 1).
        if phase(o, m.portal, today) == Phase::Lapsed && today == plus(closes, 1) {
            out.push(reminder("benefits_lost", o)); // W6, N5
        }
    }
    Value::Array(out)
}

// ---------------------------------------------------------------------------
// The evaluation.
// ---------------------------------------------------------------------------

/// Everything but `next_change`.
fn evaluate_without_next_change(m: &Membership, today: NaiveDate) -> Map<String, Value> {
    let actions = all_actions(m, today);
    let mut out = Map::new();
    out.insert("today".into(), date_json(today));
    out.insert("policy".into(), json!(POLICY));
    out.insert("core_benefits".into(), core_benefits(m, today));
    out.insert("offers".into(), offers_json(m, today));
    out.insert("allowed".into(), Value::Array(actions.allowed));
    out.insert("blocked".into(), Value::Array(actions.blocked));
    out.insert("reminders".into(), reminders_json(m, today));
    out
}

/// What `next_change` compares: the evaluation without `today` (and without
/// `next_change`), with allowed/blocked/reminders/reasons as sets.
fn comparable(m: &Membership, day: NaiveDate) -> Value {
    let mut e = evaluate_without_next_change(m, day);
    e.remove("today");
    normalize(&Value::Object(e))
}

/// The rule intervals of `m`: every day on which its evaluation can differ
/// from that of the day before lies inside one of them.
///
/// Every comparison of `today` in this file is against one of the dates
/// below, and a comparison `today < X`, `today <= X`, `today == X` or
/// `today > X` can only change its value between X-1 and X or between X and
/// X+1:
/// - offer (Partner Center): opens = ann+1, closes = ann+30, lapse = ann+31,
///   ann-15 (N1), ann+23 (N2), E2 reactivation end ann+30, extended
///   anniversary <= ann+366 (E4, E5); the day after each one-day reminder
///   (ann-14, ann+2, ann+24, ann+32).
/// - offer (PMC): opens = ann-90, closes = ann, lapse = ann+1, and the same
///   reminder and extension dates as above.
/// - E1: the fixed reactivation end 2020-06-30 (changes on 2020-07-01).
/// - token: activated, activated+30 (changes on activated+31).
///
/// The membership-wide parts (`core_benefits`, `purchase`, G2) depend on the
/// date only through the offers' phases, so they change only on the change
/// days of some offer. Hence the intervals: per offer ann-90 ..= ann+366
/// (both in range for a valid membership, D4), per token
/// activated ..= activated+31, and 2020-07-01 for an offer covered by E1
/// (already inside that offer's interval; listed to be explicit).
fn rule_intervals(m: &Membership) -> Vec<(NaiveDate, NaiveDate)> {
    let mut intervals = Vec::new();
    for o in &m.offers {
        intervals.push((minus(o.anniversary, 90), plus(o.anniversary, 366)));
        if extension(o) == Some(Extension::Covid2020H1) {
            intervals.push((ymd(2020, 7, 1), ymd(2020, 7, 1))); // E1 reactivation end + 1
        }
    }
    for t in &m.tokens {
        intervals.push((t.activated, plus(t.activated, 31))); // B2
    }
    intervals
}

/// The first day after `day` that lies inside some rule interval, or None.
/// A day outside every rule interval evaluates as the day before it (see
/// `rule_intervals`), so the days skipped here cannot hold a change.
fn next_candidate(intervals: &[(NaiveDate, NaiveDate)], day: NaiveDate) -> Option<NaiveDate> {
    intervals
        .iter()
        .filter_map(|&(low, high)| {
            if high <= day {
                None // the interval is over: no later change inside it
            } else if day < low {
                Some(low) // the interval has not started: jump to its first day
            } else {
                day.succ_opt() // inside it: the next day (day < high, so it exists)
            }
        })
        .min()
}

/// `next_change`, computed naively: evaluate each day after `today` and
/// return the first whose evaluation differs (compared without `today`, with
/// the lists as sets), or null.
///
/// The only shortcut: days outside every rule interval are skipped, since
/// `rule_intervals` shows that the evaluation cannot change on them. So a
/// `today` before every rule date jumps to the first one (no stepping from
/// `NaiveDate::MIN`), a `today` after every rule date gives null at once (no
/// successor of `NaiveDate::MAX` is ever needed), and the years between two
/// far-apart offers are not stepped through one by one. Within the
/// intervals, every day is evaluated.
fn next_change(m: &Membership, today: NaiveDate) -> Option<NaiveDate> {
    let intervals = rule_intervals(m);
    let base = comparable(m, today);
    let mut day = today;
    while let Some(candidate) = next_candidate(&intervals, day) {
        if comparable(m, candidate) != base {
            return Some(candidate);
        }
        day = candidate;
    }
    None
}

/// The reference evaluation of a VALID membership (contract JSON form) on
/// `today`, under the policy `partner-center-2020`.
pub fn reference_evaluate(membership: &Value, today: NaiveDate) -> Value {
    let m = parse_membership(membership);
    let mut out = evaluate_without_next_change(&m, today);
    let next = match next_change(&m, today) {
        Some(d) => date_json(d),
        None => Value::Null,
    };
    out.insert("next_change".into(), next);
    Value::Object(out)
}

// ---------------------------------------------------------------------------
// Comparison helper for tests.
// ---------------------------------------------------------------------------

/// A key-order-independent JSON text, so sorting does not depend on whether
/// `serde_json` keeps insertion order.
fn canonical_text(v: &Value) -> String {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let fields: Vec<String> = keys
                .iter()
                .map(|k| {
                    format!(
                        "{}:{}",
                        Value::String((*k).clone()),
                        canonical_text(&map[*k])
                    )
                })
                .collect();
            format!("{{{}}}", fields.join(","))
        }
        Value::Array(items) => {
            let texts: Vec<String> = items.iter().map(canonical_text).collect();
            format!("[{}]", texts.join(","))
        }
        other => other.to_string(),
    }
}

fn sort_array(v: &mut Value) {
    if let Value::Array(items) = v {
        items.sort_by_cached_key(canonical_text);
    }
}

/// An evaluation with `allowed`, `blocked`, `reminders` and every blocked
/// entry's `reasons` sorted by their JSON text, so that two evaluations that
/// agree as sets compare equal.
pub fn normalize(evaluation: &Value) -> Value {
    let mut e = evaluation.clone();
    if let Some(Value::Array(blocked)) = e.get_mut("blocked") {
        for entry in blocked.iter_mut() {
            if let Some(reasons) = entry.get_mut("reasons") {
                sort_array(reasons);
            }
        }
    }
    for key in ["allowed", "blocked", "reminders"] {
        if let Some(list) = e.get_mut(key) {
            sort_array(list);
        }
    }
    e
}

/// The reference evaluations of a VALID membership on every day from
/// `first` to `last` (both included, `first <= last`), as
/// [`reference_evaluate`] gives them and normalized (see [`normalize`]), but
/// computed together: `next_change`
/// of a day is the next day of the span whose comparable evaluation differs,
/// and only for the days that equal the last one is the naive search run
/// (once, from `last`). Same answers, a fraction of the work, for sweeps.
pub fn reference_days(membership: &Value, first: NaiveDate, last: NaiveDate) -> Vec<Value> {
    let m = parse_membership(membership);
    let mut days = Vec::new();
    let mut day = first;
    loop {
        days.push(day);
        match day.succ_opt() {
            Some(next) if next <= last => day = next,
            _ => break,
        }
    }
    let comparables: Vec<Value> = days.iter().map(|d| comparable(&m, *d)).collect();
    let after_last = next_change(&m, last);
    let mut next: Vec<Option<NaiveDate>> = vec![after_last; days.len()];
    for i in (0..days.len().saturating_sub(1)).rev() {
        next[i] = if comparables[i] != comparables[i + 1] {
            Some(days[i + 1])
        } else {
            next[i + 1]
        };
    }
    // The comparable evaluations are already normalized (see `normalize`);
    // `today` and `next_change` complete them.
    days.iter()
        .zip(next)
        .zip(comparables)
        .map(|((d, n), mut out)| {
            if let Value::Object(map) = &mut out {
                map.insert("today".into(), date_json(*d));
                map.insert("next_change".into(), n.map_or(Value::Null, date_json));
            }
            out
        })
        .collect()
}
