//! Explanations in the partner's language (feature `messages`): why an
//! action is blocked, what a reminder asks for, what an event of a
//! timeline changes, and where an offer stands, as a sentence in English,
//! Korean or Simplified Chinese, in the words of Partner Center's own pages.
//!
//! `explain(locale)` on a [`Blocked`] entry, a [`Reminder`], a
//! [`DueReminder`], an [`Event`] or an [`OfferStatus`] returns an
//! [`Explanation`]: a small value that implements `Display`, like
//! `Path::display`, so that writing it into any `fmt::Write` target
//! allocates nothing. The catalogue is compiled in: no file is read at run
//! time. The term table, the seed sentence of every term and one example per
//! locale are on the page [`docs::messages`](crate::docs::messages).
//!
//! ```
//! use mpn_renewals::{evaluate, Action, Membership, OfferDraft};
//! use mpn_renewals::messages::Locale;
//! use chrono::NaiveDate;
//!
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! let membership = Membership::builder("contoso")
//!     .offer(OfferDraft::action_pack("maps", day(2018, 9, 1)))
//!     .build()?;
//! // W7: not on the anniversary itself.
//! let evaluation = evaluate(&membership, day(2019, 9, 1));
//! let blocked = evaluation.blocked(&Action::renew("maps")).unwrap();
//! assert_eq!(
//!     blocked.explain(Locale::Ko).to_string(),
//!     "“maps” 제품을 갱신할 수 없습니다. 갱신 기간은 2019년 9월 2일에 시작됩니다."
//! );
//! # Ok::<(), mpn_renewals::Error>(())
//! ```
//!
//! A sentence fills in the dates that matter: a blocked entry's
//! `allowed_from`, an offer's anniversary and window, the day a reminder is
//! due, an extension's reactivation end. An entry that does not hold them
//! (a [`Reminder`] names its offer, not its dates) takes them from the
//! caller: [`Explanation::with_offer`] (the evaluation's status of the
//! offer), [`Explanation::with_extension`] (the policy's extension) or
//! [`Explanation::with_reactivation_end`]. Without them the sentence is
//! still complete and true, only without those dates.

mod catalogue;
mod locale;

use std::fmt;

use chrono::NaiveDate;

use crate::action::Action;
use crate::evaluation::{Blocked, OfferStatus, Phase, Reminder, ReminderKind, RenewalWindow};
use crate::policy::{ExtensionPolicy, ReactivationEnd};
use crate::reason::Reason;
use crate::text::Text;
use crate::time::{DueReminder, Event, EventKind};

use catalogue::Entry;
pub use locale::{LocalDate, Locale};

/// The sentence that explains a [`Blocked`] entry, a [`Reminder`], a
/// [`DueReminder`], an [`Event`] or an [`OfferStatus`] in one [`Locale`]:
/// write it with `Display` (`{}`), which allocates nothing of its own.
///
/// Built by `explain(locale)`; the `with_*` methods add the dates that the
/// explained value does not hold. Each is used only where it concerns the
/// same offer (and the same extension): a status or an extension of
/// another offer is ignored, so that a sentence never states a date that
/// is not its own.
///
/// ```
/// use mpn_renewals::{evaluate, Membership, OfferDraft};
/// use mpn_renewals::messages::Locale;
/// use chrono::NaiveDate;
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let membership = Membership::builder("contoso")
///     .offer(OfferDraft::action_pack("maps", day(2018, 9, 1)).auto_renew(false))
///     .build()?;
/// // N2: 23 days after the anniversary, the offer still unrenewed.
/// let evaluation = evaluate(&membership, day(2019, 9, 24));
/// let reminder = &evaluation.reminders[0];
/// let status = evaluation.offer("maps").unwrap();
///
/// // The reminder alone: complete, without the dates.
/// assert_eq!(
///     reminder.explain(Locale::En).to_string(),
///     "The offer \"maps\" has not been renewed yet. Its renewal window is still open: \
///      renew it before the window ends, or its benefits are lost."
/// );
/// // With the offer's status, its dates.
/// assert_eq!(
///     reminder.explain(Locale::ZhHans).with_offer(status).to_string(),
///     "产品/服务“maps”尚未续订。其续订时段于2019年10月1日结束，\
///      请最迟于当日续订，否则将于2019年10月2日失去其权益。"
/// );
/// # Ok::<(), mpn_renewals::Error>(())
/// ```
pub struct Explanation<'a, T> {
    // CAUTION: this type is publicly exported; its fields stay private so
    // that a date is taken only from a value that concerns the same offer.
    subject: Subject<'a, T>,
    locale: Locale,
    /// The dates of the offer, from [`Explanation::with_offer`].
    offer: Option<OfferDates<'a>>,
    /// From [`Explanation::with_extension`].
    extension: Option<&'a ExtensionPolicy>,
    /// From [`Explanation::with_reactivation_end`].
    reactivation_end: Option<NaiveDate>,
}

/// What is explained.
enum Subject<'a, T> {
    Blocked(&'a Blocked<T>),
    /// A reminder, and the day it is due if known.
    Reminder(&'a Reminder<T>, Option<NaiveDate>),
    Event(&'a Event<T>),
    Status(&'a OfferStatus<T>),
}

/// The dates of an offer's status.
#[derive(Debug, Clone, Copy)]
struct OfferDates<'a> {
    anniversary: NaiveDate,
    window: RenewalWindow,
    extension: Option<&'a str>,
}

impl<'a, U: Text> From<&'a OfferStatus<U>> for OfferDates<'a> {
    fn from(status: &'a OfferStatus<U>) -> Self {
        OfferDates {
            anniversary: status.anniversary,
            window: status.window,
            extension: status.extension.as_ref().map(AsRef::as_ref),
        }
    }
}

// By hand: every field is a reference or a copy, whatever the text.
impl<T> Clone for Explanation<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Explanation<'_, T> {}

impl<T> Clone for Subject<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Subject<'_, T> {}

impl<T: Text> fmt::Debug for Explanation<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let subject: &dyn fmt::Debug = match &self.subject {
            Subject::Blocked(blocked) => blocked,
            Subject::Reminder(reminder, _) => reminder,
            Subject::Event(event) => event,
            Subject::Status(status) => status,
        };
        f.debug_struct("Explanation")
            .field("subject", subject)
            .field("locale", &self.locale)
            .field("offer", &self.offer)
            .field("extension", &self.extension.map(ExtensionPolicy::name))
            .field("reactivation_end", &self.reactivation_end)
            .finish()
    }
}

impl<'a, T: Text> Explanation<'a, T> {
    fn new(subject: Subject<'a, T>, locale: Locale) -> Self {
        Explanation {
            subject,
            locale,
            offer: None,
            extension: None,
            reactivation_end: None,
        }
    }

    /// The same explanation with the dates of `status`: the status of the
    /// offer concerned, as the evaluation of the same day gives it (for an
    /// event, of the event's day). It brings the anniversary, the renewal
    /// window (and the lapse day after it, W6) and the name of the
    /// extension that covers the anniversary. A status of another offer is
    /// ignored; so is any status for an explanation that concerns no offer
    /// (a purchase, a token, a change of rules).
    #[must_use]
    pub fn with_offer<U: Text>(mut self, status: &'a OfferStatus<U>) -> Self {
        if self.offer_id() == Some(status.id.as_ref()) {
            self.offer = Some(OfferDates::from(status));
        }
        self
    }

    /// The same explanation with the extension `extension` of the policy in
    /// force: the one whose name the reminder (or the offer's status, from
    /// [`with_offer`](Explanation::with_offer)) names; any other is
    /// ignored. It brings the end of its reactivation period (E1: a fixed
    /// date; E2: from the anniversary, which needs `with_offer`) and
    /// whether it allows a COVID override (E2, E5).
    #[must_use]
    pub fn with_extension(mut self, extension: &'a ExtensionPolicy) -> Self {
        self.extension = Some(extension);
        self
    }

    /// The same explanation with the last day of the reactivation period of
    /// the extension that covers the offer (E1, E2), given as a date. It
    /// counts only where the offer is covered by an extension; it comes
    /// before the one [`with_extension`](Explanation::with_extension)
    /// computes.
    #[must_use]
    pub fn with_reactivation_end(mut self, date: NaiveDate) -> Self {
        self.reactivation_end = Some(date);
        self
    }

    /// The locale of the sentence.
    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// The id of the offer the explanation concerns, if it concerns one.
    fn offer_id(&self) -> Option<&'a str> {
        match self.subject {
            Subject::Blocked(blocked) => offer_of(&blocked.action),
            Subject::Reminder(reminder, _) => Some(reminder.offer.as_ref()),
            Subject::Status(status) => Some(status.id.as_ref()),
            Subject::Event(event) => match &event.kind {
                EventKind::Reminder { reminder } => Some(reminder.offer.as_ref()),
                EventKind::PhaseChanged { offer, .. } => Some(offer.as_ref()),
                EventKind::ActionOpened { action }
                | EventKind::ActionClosed { action, .. }
                | EventKind::ActionCarriedOut { action, .. }
                | EventKind::ActionRefused { action, .. } => offer_of(action),
                EventKind::ChargeFailed { offer } | EventKind::AnniversaryChanged { offer, .. } => {
                    Some(offer.as_ref())
                }
                EventKind::PolicyChanged { .. } => None,
            },
        }
    }

    /// The dates of the offer: from the status explained, or from
    /// [`with_offer`](Explanation::with_offer).
    fn dates(&self) -> Option<OfferDates<'a>> {
        match self.subject {
            Subject::Status(status) => Some(OfferDates::from(status)),
            _ => self.offer,
        }
    }

    /// The name of the extension that covers the offer, if known.
    fn extension_name(&self) -> Option<&'a str> {
        let reminder = match self.subject {
            Subject::Reminder(reminder, _) => Some(reminder),
            Subject::Event(Event {
                kind: EventKind::Reminder { reminder },
                ..
            }) => Some(reminder),
            _ => None,
        };
        match reminder {
            Some(reminder) => reminder.extension.as_ref().map(AsRef::as_ref),
            None => self.dates().and_then(|dates| dates.extension),
        }
    }

    /// The extension of [`with_extension`](Explanation::with_extension), if
    /// it is the one that covers the offer.
    fn matching_extension(&self) -> Option<&'a ExtensionPolicy> {
        let name = self.extension_name()?;
        self.extension.filter(|extension| extension.name() == name)
    }

    /// E1, E2: the last day of reactivation, where the offer is covered by
    /// an extension.
    fn reactivation_end(&self) -> Option<NaiveDate> {
        self.extension_name()?;
        if let Some(date) = self.reactivation_end {
            return Some(date);
        }
        match self.matching_extension()?.reactivation_end()? {
            ReactivationEnd::On(date) => Some(date),
            ReactivationEnd::DaysAfterAnniversary(days) => self
                .dates()?
                .anniversary
                .checked_add_days(chrono::Days::new(u64::from(days))),
        }
    }
}

/// The id of the offer an action concerns: not a token's, not a purchase's.
fn offer_of<T: Text>(action: &Action<T>) -> Option<&str> {
    match action {
        Action::Renew { offer }
        | Action::Reactivate { offer }
        | Action::RequestCovidOverride { offer }
        | Action::TurnOffAutoRenew { offer }
        | Action::RequestCancellation { offer }
        | Action::DownloadInvoice { offer } => Some(offer.as_ref()),
        Action::Purchase { .. }
        | Action::UpdateBusinessProfile
        | Action::ProvideVerificationDocuments
        | Action::MigrateToPartnerCenter
        | Action::RequestReplacementToken { .. } => None,
    }
}

impl<T: Text> Blocked<T> {
    /// Why the action is blocked, in `locale`: the action, then one
    /// sentence per reason, with `allowed_from` where a dated reason has
    /// one (W2, W7, B2). [`with_offer`](Explanation::with_offer) adds the
    /// window's last day to `window_closed` (W6), and with
    /// [`with_extension`](Explanation::with_extension) or
    /// [`with_reactivation_end`](Explanation::with_reactivation_end) the
    /// reactivation end to `reactivation_period_over` (E1, E2).
    ///
    /// ```
    /// use mpn_renewals::{evaluate, Action, Membership, OfferDraft};
    /// use mpn_renewals::messages::Locale;
    /// use chrono::NaiveDate;
    ///
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let membership = Membership::builder("contoso")
    ///     .offer(OfferDraft::action_pack("maps", day(2018, 9, 1)))
    ///     .build()?;
    /// let evaluation = evaluate(&membership, day(2019, 9, 1));
    /// let blocked = evaluation.blocked(&Action::renew("maps")).unwrap();
    /// assert_eq!(
    ///     blocked.explain(Locale::En).to_string(),
    ///     "You cannot renew the offer \"maps\". Its renewal window opens on September 2, 2019."
    /// );
    /// # Ok::<(), mpn_renewals::Error>(())
    /// ```
    pub fn explain(&self, locale: Locale) -> Explanation<'_, T> {
        Explanation::new(Subject::Blocked(self), locale)
    }
}

impl<T: Text> Reminder<T> {
    /// What the reminder asks for, in `locale`: what is due, for which
    /// offer, by when, and what happens if nothing is done (N1, N2, A1; on
    /// the lapse, N5: benefits are lost, and on-premises software from the
    /// offer must be uninstalled or licensed). The dates come from
    /// [`with_offer`](Explanation::with_offer); under an extension (N4),
    /// the notice of the lapse says until when the competency may be
    /// reactivated, or that a COVID override may be requested, given
    /// [`with_extension`](Explanation::with_extension).
    pub fn explain(&self, locale: Locale) -> Explanation<'_, T> {
        Explanation::new(Subject::Reminder(self, None), locale)
    }
}

impl<T: Text> DueReminder<T> {
    /// What the reminder asks for, in `locale`, as
    /// [`Reminder::explain`] says it; the day it is due is known.
    pub fn explain(&self, locale: Locale) -> Explanation<'_, T> {
        Explanation::new(Subject::Reminder(&self.reminder, Some(self.date)), locale)
    }
}

impl<T: Text> Event<T> {
    /// What the event changes, in `locale`, with its date: a reminder's
    /// sentence ([`Reminder::explain`]), an offer's new phase, an action
    /// that opens or closes (and why), a new version of the rules.
    /// [`with_offer`](Explanation::with_offer) takes the offer's status on
    /// the event's day.
    pub fn explain(&self, locale: Locale) -> Explanation<'_, T> {
        Explanation::new(Subject::Event(self), locale)
    }
}

impl<T: Text> OfferStatus<T> {
    /// Where the offer stands, in `locale`: its phase, with its
    /// anniversary and window (W3, W4, W6), and the extension that covers
    /// it.
    ///
    /// ```
    /// use mpn_renewals::{evaluate, Membership, OfferDraft};
    /// use mpn_renewals::messages::Locale;
    /// use chrono::NaiveDate;
    ///
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let membership = Membership::builder("contoso")
    ///     .offer(OfferDraft::action_pack("maps", day(2018, 9, 1)))
    ///     .build()?;
    /// let evaluation = evaluate(&membership, day(2019, 3, 1));
    /// assert_eq!(
    ///     evaluation.offers[0].explain(Locale::Ko).to_string(),
    ///     "“maps” 제품은 활성 상태입니다. 1주년 날짜는 2019년 9월 1일이며, \
    ///      갱신 기간은 2019년 9월 2일부터 2019년 10월 1일까지입니다."
    /// );
    /// # Ok::<(), mpn_renewals::Error>(())
    /// ```
    pub fn explain(&self, locale: Locale) -> Explanation<'_, T> {
        Explanation::new(Subject::Status(self), locale)
    }
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

/// The values a template's slots take.
#[derive(Clone, Copy)]
struct Slots<'a> {
    locale: Locale,
    /// The offer's (or token's) id.
    offer: &'a str,
    /// The day of an event.
    date: Option<NaiveDate>,
    dates: Option<OfferDates<'a>>,
    allowed_from: Option<NaiveDate>,
    end: Option<NaiveDate>,
    extension: Option<&'a str>,
    from: &'a str,
    to: &'a str,
    /// The anniversary a renewal set.
    new_anniversary: Option<NaiveDate>,
    /// The phrase of `{action}`.
    action: Option<&'static Entry>,
}

impl<'a> Slots<'a> {
    fn new(locale: Locale) -> Self {
        Slots {
            locale,
            offer: "",
            date: None,
            dates: None,
            allowed_from: None,
            end: None,
            extension: None,
            from: "",
            to: "",
            new_anniversary: None,
            action: None,
        }
    }

    /// Writes the value of the slot `name`. A slot without a value (which
    /// the catalogue's choice of forms never asks for) is written as it
    /// stands, `{name}`, for the tests to see.
    fn write(&self, f: &mut fmt::Formatter<'_>, name: &str) -> fmt::Result {
        let date = |date: Option<NaiveDate>| date.map(|date| self.locale.date(date));
        let window = self.dates.map(|dates| dates.window);
        let value = match name {
            "offer" => return f.write_str(self.offer),
            "from" => return f.write_str(self.from),
            "to" => return f.write_str(self.to),
            "extension" => match self.extension {
                Some(extension) => return f.write_str(extension),
                None => None,
            },
            "action" => match self.action {
                Some(entry) => return self.render(f, entry),
                None => None,
            },
            "date" => date(self.date),
            "anniversary" => date(self.dates.map(|dates| dates.anniversary)),
            "opens" => date(window.map(|window| window.opens)),
            "closes" => date(window.map(|window| window.closes)),
            "lapse" => date(window.and_then(|window| window.closes.succ_opt())),
            "allowed_from" => date(self.allowed_from),
            "end" => date(self.end),
            "new_anniversary" => date(self.new_anniversary),
            _ => None,
        };
        match value {
            Some(value) => fmt::Display::fmt(&value, f),
            None => write!(f, "{{{name}}}"),
        }
    }

    /// Writes the template of `entry` in this locale, its slots filled in.
    fn render(&self, f: &mut fmt::Formatter<'_>, entry: &Entry) -> fmt::Result {
        let mut rest = entry.get(self.locale);
        while let Some((text, after)) = rest.split_once('{') {
            f.write_str(text)?;
            match after.split_once('}') {
                Some((name, tail)) => {
                    self.write(f, name)?;
                    rest = tail;
                }
                None => {
                    f.write_str("{")?;
                    rest = after;
                }
            }
        }
        f.write_str(rest)
    }

    /// Writes another sentence after the ones written.
    fn then(&self, f: &mut fmt::Formatter<'_>, entry: &Entry) -> fmt::Result {
        f.write_str(self.locale.sentence_gap())?;
        self.render(f, entry)
    }

    /// Writes one sentence per reason, each after the ones written.
    fn reasons(&self, f: &mut fmt::Formatter<'_>, reasons: crate::Reasons) -> fmt::Result {
        for reason in reasons {
            let dated = match reason {
                Reason::WindowNotOpen | Reason::NotYetActivated => self.allowed_from.is_some(),
                Reason::WindowClosed => self.dates.is_some(),
                Reason::ReactivationPeriodOver => self.end.is_some(),
                _ => false,
            };
            self.then(f, catalogue::reason(reason, dated))?;
        }
        Ok(())
    }
}

impl<T: Text> Explanation<'_, T> {
    /// The slots common to every subject.
    fn slots(&self) -> Slots<'_> {
        Slots {
            dates: self.dates(),
            end: self.reactivation_end(),
            extension: self.extension_name(),
            ..Slots::new(self.locale)
        }
    }

    /// N1, N2, A1, N5 (and E1, E2, E5 under an extension): a reminder due
    /// on `due`, if known.
    fn write_reminder(
        &self,
        f: &mut fmt::Formatter<'_>,
        reminder: &Reminder<T>,
        due: Option<NaiveDate>,
    ) -> fmt::Result {
        let slots = Slots {
            offer: reminder.offer.as_ref(),
            ..self.slots()
        };
        let dated = slots.dates.is_some();
        slots.render(f, catalogue::reminder(reminder.kind, dated))?;
        if slots.extension.is_none() {
            return Ok(());
        }
        match reminder.kind {
            // E1, E2, E6: the fee is still due within the window.
            ReminderKind::UpcomingAnniversary | ReminderKind::WindowClosing => {
                slots.then(f, &catalogue::EXTENSION_FEE)
            }
            // E1, E2: reactivation, if it is still open on the day of the
            // lapse; E2, E5: else a COVID override.
            ReminderKind::BenefitsLost => {
                let lapse =
                    due.or_else(|| slots.dates.and_then(|dates| dates.window.closes.succ_opt()));
                let reactivation = match (slots.end, lapse) {
                    (Some(end), Some(lapse)) => end >= lapse,
                    _ => false,
                };
                if reactivation {
                    slots.then(f, &catalogue::REACTIVATION_OPEN)
                } else if lapse.is_some()
                    && self
                        .matching_extension()
                        .is_some_and(ExtensionPolicy::allows_covid_override)
                {
                    slots.then(f, &catalogue::COVID_OVERRIDE_OPEN)
                } else {
                    Ok(())
                }
            }
            // A1 concerns Action Packs, which no extension covers (E3).
            ReminderKind::UpcomingAutoRenewal | ReminderKind::AutoRenewalDue => Ok(()),
        }
    }
}

impl<T: Text> fmt::Display for Explanation<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.subject {
            Subject::Blocked(blocked) => {
                let slots = Slots {
                    offer: blocked.action.target().unwrap_or_default(),
                    allowed_from: blocked.allowed_from,
                    action: Some(catalogue::action(&blocked.action)),
                    ..self.slots()
                };
                slots.render(f, &catalogue::BLOCKED)?;
                slots.reasons(f, blocked.reasons)
            }
            Subject::Reminder(reminder, due) => self.write_reminder(f, reminder, due),
            Subject::Status(status) => {
                let slots = Slots {
                    offer: status.id.as_ref(),
                    ..self.slots()
                };
                slots.render(f, catalogue::status(status.phase))?;
                if slots.extension.is_none() {
                    return Ok(());
                }
                if status.phase.has_benefits() {
                    slots.then(f, &catalogue::EXTENSION_FEE)
                } else {
                    slots.then(f, &catalogue::EXTENSION_NOTE)
                }
            }
            Subject::Event(event) => {
                let slots = Slots {
                    date: Some(event.date),
                    ..self.slots()
                };
                match &event.kind {
                    EventKind::Reminder { reminder } => {
                        self.write_reminder(f, reminder, Some(event.date))
                    }
                    EventKind::PhaseChanged { offer, to, .. } => {
                        let slots = Slots {
                            offer: offer.as_ref(),
                            ..slots
                        };
                        let dated = slots.dates.is_some() && *to == Phase::RenewalWindow;
                        slots.render(f, catalogue::phase_changed(*to, dated))
                    }
                    EventKind::ActionOpened { action } => {
                        let slots = Slots {
                            offer: action.target().unwrap_or_default(),
                            action: Some(catalogue::action(action)),
                            ..slots
                        };
                        slots.render(f, &catalogue::ACTION_OPENED)
                    }
                    EventKind::ActionClosed { action, reasons } => {
                        let slots = Slots {
                            offer: action.target().unwrap_or_default(),
                            action: Some(catalogue::action(action)),
                            ..slots
                        };
                        slots.render(f, &catalogue::ACTION_CLOSED)?;
                        slots.reasons(f, *reasons)
                    }
                    EventKind::PolicyChanged { from, to } => {
                        let slots = Slots {
                            from: from.as_ref(),
                            to: to.as_ref(),
                            ..slots
                        };
                        slots.render(f, &catalogue::POLICY_CHANGED)
                    }
                    EventKind::ActionCarriedOut { action, automatic } => {
                        let slots = Slots {
                            offer: action.target().unwrap_or_default(),
                            action: Some(catalogue::action(action)),
                            ..slots
                        };
                        if *automatic {
                            slots.render(f, &catalogue::AUTOMATIC_RENEWAL)
                        } else {
                            slots.render(f, &catalogue::ACTION_CARRIED_OUT)
                        }
                    }
                    EventKind::ActionRefused {
                        action,
                        refusal,
                        reasons,
                        allowed_from,
                    } => {
                        let slots = Slots {
                            offer: action.target().unwrap_or_default(),
                            action: Some(catalogue::action(action)),
                            allowed_from: *allowed_from,
                            ..slots
                        };
                        slots.render(f, &catalogue::ACTION_REFUSED)?;
                        match catalogue::refusal(*refusal) {
                            Some(entry) => slots.then(f, entry),
                            None => slots.reasons(f, *reasons),
                        }
                    }
                    EventKind::ChargeFailed { offer } => {
                        let slots = Slots {
                            offer: offer.as_ref(),
                            ..slots
                        };
                        slots.render(f, &catalogue::CHARGE_FAILED)
                    }
                    EventKind::AnniversaryChanged { offer, to, .. } => {
                        let slots = Slots {
                            offer: offer.as_ref(),
                            new_anniversary: Some(*to),
                            ..slots
                        };
                        slots.render(f, &catalogue::ANNIVERSARY_CHANGED)
                    }
                }
            }
        }
    }
}
