//! The message catalogue (feature `messages`): every message in every
//! locale, in its script; dates as each locale writes them; `Locale`'s
//! tags; sentences worked out by hand from the rules catalogue (N1, N2,
//! N5, A1, W2, W6, W7, E1, E2, B2); and a snapshot of the golden cases and
//! of a few timelines explained in the three locales
//! (`tests/data/messages.snapshot`, rewritten with `MPN_UPDATE_SNAPSHOTS=1`
//! and then read by a person: every sentence true by the rules catalogue
//! and natural in its language).

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use mpn_renewals::evaluation::{
    Blocked, OfferStatus, Recipient, Reminder, ReminderKind, RenewalWindow,
};
use mpn_renewals::messages::Locale;
use mpn_renewals::policy::ExtensionPolicy;
use mpn_renewals::simulation::Refusal;
use mpn_renewals::time::{DueReminder, Event, EventKind, ReminderKey};
use mpn_renewals::{
    evaluate, Action, ErrorKind, Evaluation, Membership, OfferDraft, OfferKind, Phase, Policy,
    PolicySet, Portal, Reason, Reasons, Rules,
};

use crate::common::{d, gold, golden_cases, maps, member, with};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// Whether `c` is a Hangul syllable or jamo.
fn is_hangul(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{AC00}'..='\u{D7AF}')
}

/// Whether `c` is a CJK unified ideograph (Han).
fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// The sentence is in the script of its locale: Hangul for `ko`; Han and
/// no Hangul for `zh-Hans`; for `en`, letters that are all ASCII. The ids
/// the tests give are ASCII, so they never decide it.
fn assert_script(locale: Locale, text: &str, what: &str) {
    assert!(!text.trim().is_empty(), "{what} [{locale}] is empty");
    assert!(
        !text.contains('{') && !text.contains('}'),
        "{what} [{locale}] has an unfilled slot: {text}"
    );
    assert_eq!(text, text.trim(), "{what} [{locale}]: stray spaces");
    match locale {
        Locale::En => {
            assert!(
                text.chars()
                    .filter(|c| c.is_alphabetic())
                    .all(|c| c.is_ascii()),
                "{what} [en] has letters that are not ASCII: {text}"
            );
            assert!(text.ends_with('.'), "{what} [en]: {text}");
        }
        Locale::Ko => {
            assert!(
                text.chars().any(is_hangul),
                "{what} [ko] has no Hangul: {text}"
            );
            assert!(!text.chars().any(is_han), "{what} [ko] has Han: {text}");
            assert!(text.ends_with('.'), "{what} [ko]: {text}");
        }
        Locale::ZhHans => {
            assert!(
                text.chars().any(is_han),
                "{what} [zh-Hans] has no Han: {text}"
            );
            assert!(
                !text.chars().any(is_hangul),
                "{what} [zh-Hans] has Hangul: {text}"
            );
            assert!(text.ends_with('。'), "{what} [zh-Hans]: {text}");
        }
        _ => panic!("a locale without a script test: {locale}"),
    }
}

/// One action of every name the crate knows, read from the error that
/// lists them, so that a new action is covered without a change here; a
/// purchase of every kind.
fn every_action() -> Vec<Action> {
    let err = Action::parse("no_such_action").unwrap_err();
    let ErrorKind::UnknownName { expected, .. } = err.kind() else {
        panic!("{err}")
    };
    let mut actions = Vec::new();
    for name in expected.split(", ") {
        if name == "purchase" {
            for kind in OfferKind::ALL {
                actions.push(Action::purchase(kind).into_owned());
            }
            continue;
        }
        let with_target = format!("{name}:x");
        let action = Action::parse(&with_target)
            .or_else(|_| Action::parse(name))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        actions.push(action.into_owned());
    }
    assert!(actions.len() >= 14, "{actions:?}");
    actions
}

fn status(id: &str, phase: Phase, extension: Option<&str>) -> OfferStatus {
    OfferStatus {
        id: id.to_owned(),
        phase,
        anniversary: d("2020-03-10"),
        window: RenewalWindow {
            opens: d("2020-03-11"),
            closes: d("2020-04-09"),
        },
        benefits: phase.has_benefits(),
        extension: extension.map(str::to_owned),
    }
}

fn reminder(kind: ReminderKind, offer: &str, extension: Option<&str>) -> Reminder {
    Reminder {
        kind,
        offer: offer.to_owned(),
        recipients: &Recipient::ALL,
        extension: extension.map(str::to_owned),
    }
}

fn blocked(action: Action, reasons: Reasons, allowed_from: Option<NaiveDate>) -> Blocked {
    Blocked {
        action,
        reasons,
        allowed_from,
    }
}

// ---------------------------------------------------------------------------
// Every message, in every locale, in its script
// ---------------------------------------------------------------------------

#[test]
fn every_reason_has_a_sentence_in_every_locale_with_and_without_its_date() {
    for reason in Reason::ALL {
        for locale in Locale::ALL {
            let entry = blocked(
                Action::renew("x").into_owned(),
                Reasons::EMPTY.with(reason),
                None,
            );
            let bare = entry.explain(locale).to_string();
            assert_script(locale, &bare, reason.as_str());
            let dated = blocked(
                Action::renew("x").into_owned(),
                Reasons::EMPTY.with(reason),
                Some(d("2020-03-11")),
            );
            let dated_status = status("x", Phase::Lapsed, Some("ext"));
            let text = dated
                .explain(locale)
                .with_offer(&dated_status)
                .with_reactivation_end(d("2020-06-30"))
                .to_string();
            assert_script(locale, &text, reason.as_str());
            // The reason's own sentence follows the action's.
            assert!(text.len() > Action::renew("x").as_str().len());
        }
    }
}

#[test]
fn every_reminder_kind_has_a_sentence_in_every_locale_with_and_without_dates() {
    for kind in ReminderKind::ALL {
        for locale in Locale::ALL {
            for extension in [None, Some("covid-2020-h1")] {
                let r = reminder(kind, "x", extension);
                let bare = r.explain(locale).to_string();
                assert_script(locale, &bare, kind.as_str());
                let s = status("x", Phase::RenewalWindow, extension);
                let dated = r
                    .explain(locale)
                    .with_offer(&s)
                    .with_extension(&ExtensionPolicy::covid_2020_h1())
                    .to_string();
                assert_script(locale, &dated, kind.as_str());
                assert_ne!(bare, dated, "{kind} [{locale}]: the dates are missing");
            }
        }
    }
}

#[test]
fn every_phase_has_a_sentence_in_every_locale_as_a_status_and_as_an_event() {
    for phase in Phase::ALL {
        for locale in Locale::ALL {
            for extension in [None, Some("covid-2020-h2")] {
                let s = status("x", phase, extension);
                assert_script(locale, &s.explain(locale).to_string(), phase.as_str());
            }
            let event: Event = Event {
                date: d("2020-03-11"),
                kind: EventKind::PhaseChanged {
                    offer: "x".to_owned(),
                    from: Phase::Active,
                    to: phase,
                },
            };
            assert_script(locale, &event.explain(locale).to_string(), phase.as_str());
            let s = status("x", phase, None);
            let dated = event.explain(locale).with_offer(&s).to_string();
            assert_script(locale, &dated, phase.as_str());
        }
    }
}

#[test]
fn every_action_has_a_sentence_in_every_locale_blocked_opened_and_closed() {
    for action in every_action() {
        let what = action.to_string();
        for locale in Locale::ALL {
            let entry = blocked(
                action.clone(),
                Reasons::EMPTY.with(Reason::NotNetworkMember),
                None,
            );
            assert_script(locale, &entry.explain(locale).to_string(), &what);
            for kind in [
                EventKind::ActionOpened {
                    action: action.clone(),
                },
                EventKind::ActionClosed {
                    action: action.clone(),
                    reasons: Reasons::EMPTY,
                },
                EventKind::ActionClosed {
                    action: action.clone(),
                    reasons: Reasons::EMPTY.with(Reason::WindowClosed),
                },
            ] {
                let event = Event {
                    date: d("2020-03-11"),
                    kind,
                };
                assert_script(locale, &event.explain(locale).to_string(), &what);
            }
        }
    }
    // The phrases differ from one action to the next.
    for locale in Locale::ALL {
        let mut seen: Vec<String> = every_action()
            .iter()
            .map(|action| {
                blocked(action.clone(), Reasons::EMPTY, None)
                    .explain(locale)
                    .to_string()
            })
            .collect();
        let all = seen.len();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), all, "[{locale}] two actions read the same");
    }
}

#[test]
fn a_change_of_rules_has_a_sentence_in_every_locale() {
    let event: Event = Event {
        date: d("2022-10-01"),
        kind: EventKind::PolicyChanged {
            from: "partner-center-2020".to_owned(),
            to: "partner-center-2022".to_owned(),
        },
    };
    for locale in Locale::ALL {
        let text = event.explain(locale).to_string();
        assert_script(locale, &text, "policy_changed");
        assert!(text.contains("partner-center-2020") && text.contains("partner-center-2022"));
    }
    assert_eq!(
        event.explain(Locale::En).to_string(),
        "From October 1, 2022, the rules of the policy \"partner-center-2022\" apply instead \
         of those of \"partner-center-2020\"."
    );
}

#[test]
fn every_simulation_event_has_a_sentence_in_every_locale() {
    // Each kind of event only a simulation makes, each refusal, and a
    // blocked refusal with a dated reason.
    let mut kinds: Vec<EventKind> = vec![
        EventKind::ActionCarriedOut {
            action: Action::renew("maps").into_owned(),
            automatic: true,
        },
        EventKind::ChargeFailed {
            offer: "maps".to_owned(),
        },
        EventKind::AnniversaryChanged {
            offer: "maps".to_owned(),
            from: d("2019-09-01"),
            to: d("2020-08-31"),
        },
        EventKind::ActionRefused {
            action: Action::renew("maps").into_owned(),
            refusal: Refusal::Blocked,
            reasons: Reasons::EMPTY.with(Reason::WindowNotOpen),
            allowed_from: Some(d("2019-09-02")),
        },
    ];
    for action in every_action() {
        kinds.push(EventKind::ActionCarriedOut {
            action,
            automatic: false,
        });
    }
    for refusal in Refusal::ALL {
        kinds.push(EventKind::ActionRefused {
            action: Action::renew("maps").into_owned(),
            refusal,
            reasons: Reasons::EMPTY,
            allowed_from: None,
        });
    }
    for locale in Locale::ALL {
        let mut seen = Vec::new();
        for kind in &kinds {
            let event = Event {
                date: d("2019-09-02"),
                kind: kind.clone(),
            };
            let text = event.explain(locale).to_string();
            assert_script(locale, &text, &format!("{kind:?}"));
            seen.push(text);
        }
        let all = seen.len();
        seen.sort();
        seen.dedup();
        assert_eq!(
            seen.len(),
            all,
            "[{locale}] two simulation events read the same"
        );
    }
    // A1, W5, W7 in English, word for word.
    let explain = |kind: EventKind| {
        Event {
            date: d("2019-09-02"),
            kind,
        }
        .explain(Locale::En)
        .to_string()
    };
    assert_eq!(
        explain(kinds[1].clone()),
        "On September 2, 2019, the charge for the automatic renewal of the Action Pack \
         subscription \"maps\" failed, and it was not renewed."
    );
    assert_eq!(
        explain(kinds[2].clone()),
        "From September 2, 2019, the anniversary date of \"maps\" is August 31, 2020."
    );
    let refused = explain(kinds[3].clone());
    assert!(
        refused.starts_with(
            "On September 2, 2019, the planned step to renew the offer \"maps\" could not be \
             carried out. "
        ),
        "{refused}"
    );
    assert!(refused.contains("September 2, 2019"), "{refused}");
}

// ---------------------------------------------------------------------------
// Dates, as each locale writes them
// ---------------------------------------------------------------------------

#[test]
fn dates_are_written_as_each_locale_writes_them() {
    let cases = [
        (
            "2019-09-02",
            "September 2, 2019",
            "2019년 9월 2일",
            "2019年9月2日",
        ),
        (
            "2020-02-29",
            "February 29, 2020",
            "2020년 2월 29일",
            "2020年2月29日",
        ),
        (
            "2020-12-31",
            "December 31, 2020",
            "2020년 12월 31일",
            "2020年12月31日",
        ),
        (
            "2021-01-01",
            "January 1, 2021",
            "2021년 1월 1일",
            "2021年1月1日",
        ),
        ("0001-01-01", "January 1, 1", "1년 1월 1일", "1年1月1日"),
        (
            "9999-12-31",
            "December 31, 9999",
            "9999년 12월 31일",
            "9999年12月31日",
        ),
    ];
    for (date, en, ko, zh) in cases {
        assert_eq!(Locale::En.date(d(date)).to_string(), en);
        assert_eq!(Locale::Ko.date(d(date)).to_string(), ko);
        assert_eq!(Locale::ZhHans.date(d(date)).to_string(), zh);
    }
    let months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    for (index, month) in months.iter().enumerate() {
        let date = NaiveDate::from_ymd_opt(2020, index as u32 + 1, 15).unwrap();
        assert_eq!(
            Locale::En.date(date).to_string(),
            format!("{month} 15, 2020")
        );
    }
    // chrono's whole range, without a panic.
    for date in [NaiveDate::MIN, NaiveDate::MAX] {
        for locale in Locale::ALL {
            assert!(!locale.date(date).to_string().is_empty());
        }
    }
}

// ---------------------------------------------------------------------------
// Locale: BCP 47 tags
// ---------------------------------------------------------------------------

#[test]
fn locale_reads_every_supported_tag_in_any_case() {
    let tags = [
        ("en", Locale::En),
        ("en-US", Locale::En),
        ("ko", Locale::Ko),
        ("ko-KR", Locale::Ko),
        ("zh-Hans", Locale::ZhHans),
        ("zh-CN", Locale::ZhHans),
        ("zh-SG", Locale::ZhHans),
    ];
    for (tag, locale) in tags {
        assert_eq!(tag.parse::<Locale>().unwrap(), locale, "{tag}");
        assert_eq!(
            tag.to_uppercase().parse::<Locale>().unwrap(),
            locale,
            "{tag}"
        );
        assert_eq!(
            tag.to_lowercase().parse::<Locale>().unwrap(),
            locale,
            "{tag}"
        );
    }
    assert_eq!("Zh-hANS".parse::<Locale>().unwrap(), Locale::ZhHans);
    // Display is the canonical tag, and reads back.
    assert_eq!(Locale::En.to_string(), "en");
    assert_eq!(Locale::Ko.to_string(), "ko");
    assert_eq!(Locale::ZhHans.to_string(), "zh-Hans");
    for locale in Locale::ALL {
        assert_eq!(locale.to_string().parse::<Locale>().unwrap(), locale);
        assert_eq!(locale.as_str(), locale.to_string());
    }
    assert_eq!(Locale::ALL, [Locale::En, Locale::Ko, Locale::ZhHans]);
}

#[test]
fn locale_refuses_any_other_tag_naming_it_and_the_supported_ones() {
    for bad in [
        "",
        "fr",
        "en-GB",
        "en_US",
        "zh",
        "zh-Hant",
        "zh-TW",
        "ko-KP",
        " en",
        "en ",
        "english",
        "zh-Hans-CN",
        "한국어",
    ] {
        let err = bad.parse::<Locale>().unwrap_err();
        assert_eq!(err.path(), "locale", "{bad:?}");
        let ErrorKind::UnknownLocale { found, supported } = err.kind() else {
            panic!("{bad:?}: {err:?}")
        };
        assert_eq!(found.as_str(), bad);
        assert_eq!(
            *supported, "en, en-US, ko, ko-KR, zh-Hans, zh-CN, zh-SG",
            "{bad:?}"
        );
        assert_eq!(
            err.to_string(),
            format!(
                "locale: `{bad}` is not a supported locale; the supported tags are \
                 en, en-US, ko, ko-KR, zh-Hans, zh-CN, zh-SG"
            )
        );
    }
    // A hostile tag stays one short line.
    let err = "x\n".repeat(100).parse::<Locale>().unwrap_err();
    assert!(!err.to_string().contains('\n'));
}

// ---------------------------------------------------------------------------
// Sentences worked out by hand
// ---------------------------------------------------------------------------

/// W1, W2, W7: bought 2018-09-01, on its anniversary 2019-09-01 the renewal
/// is blocked until 2019-09-02, the seed's own example (`000`: "갱신 기간은
/// 2019년 9월 2일에 시작됩니다").
#[test]
fn w2_w7_a_blocked_renewal_names_the_day_the_window_opens_in_every_locale() {
    let membership = member([maps()]);
    let evaluation = evaluate(&membership, d("2019-09-01"));
    let entry = evaluation.blocked(&Action::renew("maps")).unwrap();
    assert_eq!(
        entry.explain(Locale::En).to_string(),
        "You cannot renew the offer \"maps\". Its renewal window opens on September 2, 2019."
    );
    assert_eq!(
        entry.explain(Locale::Ko).to_string(),
        "“maps” 제품을 갱신할 수 없습니다. 갱신 기간은 2019년 9월 2일에 시작됩니다."
    );
    assert_eq!(
        entry.explain(Locale::ZhHans).to_string(),
        "无法续订产品/服务“maps”。其续订时段开始于2019年9月2日。"
    );
}

/// A blocked entry lists every reason, one sentence each, in the order of
/// `Reason::ALL`; `window_closed` takes the window's last day from the
/// offer's status (W6: 2020-06-22 + 30 = 2020-07-22).
#[test]
fn w6_p1_every_reason_of_a_blocked_entry_is_explained_with_the_window_end() {
    let membership = member([gold("cloud", "2019-06-22", false)]);
    let evaluation = evaluate(&membership, d("2019-07-23"));
    let entry = evaluation.blocked(&Action::renew("cloud")).unwrap();
    let status = evaluation.offer("cloud").unwrap();
    assert_eq!(
        entry.explain(Locale::En).with_offer(status).to_string(),
        "You cannot renew the offer \"cloud\". Its renewal window ended on July 22, 2019. \
         The competency's performance requirements are not met. The exams and skills that \
         the competency requires are not validated for this year."
    );
    // Without the status, still complete and true.
    assert_eq!(
        entry.explain(Locale::Ko).to_string(),
        "“cloud” 제품을 갱신할 수 없습니다. 갱신 기간이 끝났습니다. \
         역량 성과 요구 사항이 충족되지 않았습니다. \
         올해 역량에 필요한 시험 및 기술의 유효성이 검사되지 않았습니다."
    );
}

/// N2: 2019-09-01 + 23 = 2019-09-24, unrenewed; the window ends 2019-10-01
/// and the offer lapses (W6) on 2019-10-02.
#[test]
fn n2_the_window_closing_reminder_says_by_when_and_what_is_lost() {
    let membership = member([maps().auto_renew(false)]);
    let evaluation = evaluate(&membership, d("2019-09-24"));
    let [reminder] = evaluation.reminders.as_slice() else {
        panic!("{:?}", evaluation.reminders)
    };
    assert_eq!(reminder.kind, ReminderKind::WindowClosing);
    let status = evaluation.offer("maps").unwrap();
    assert_eq!(
        reminder.explain(Locale::En).with_offer(status).to_string(),
        "The offer \"maps\" has not been renewed yet. Its renewal window ends on October 1, \
         2019: renew it by then, or its benefits are lost on October 2, 2019."
    );
    assert_eq!(
        reminder.explain(Locale::Ko).with_offer(status).to_string(),
        "“maps” 제품이 아직 갱신되지 않았습니다. 갱신 기간은 2019년 10월 1일에 끝납니다. \
         그때까지 갱신하지 않으면 2019년 10월 2일에 혜택이 사라집니다."
    );
    assert_eq!(
        reminder
            .explain(Locale::ZhHans)
            .with_offer(status)
            .to_string(),
        "产品/服务“maps”尚未续订。其续订时段于2019年10月1日结束，请最迟于当日续订，\
         否则将于2019年10月2日失去其权益。"
    );
}

/// N1: 2019-09-01 − 15 = 2019-08-17; the window 2019-09-02 ..= 2019-10-01.
#[test]
fn n1_the_upcoming_anniversary_reminder_names_the_anniversary_and_the_window() {
    let membership = member([maps().auto_renew(false)]);
    let evaluation = evaluate(&membership, d("2019-08-17"));
    let reminder = &evaluation.reminders[0];
    assert_eq!(reminder.kind, ReminderKind::UpcomingAnniversary);
    let status = evaluation.offer("maps").unwrap();
    assert_eq!(
        reminder.explain(Locale::En).with_offer(status).to_string(),
        "The anniversary date of the offer \"maps\" is September 1, 2019. Renew it within \
         its renewal window, from September 2, 2019 to October 1, 2019; if it is not renewed \
         by October 1, 2019, its benefits are lost."
    );
}

/// A1: the auto-renewing pack is reminded of the charge on the window's
/// first day, 2019-09-02, and how to stop it.
#[test]
fn a1_n1_the_upcoming_auto_renewal_says_when_it_is_charged_and_how_to_stop_it() {
    let membership = member([maps()]);
    let evaluation = evaluate(&membership, d("2019-08-17"));
    let reminder = &evaluation.reminders[0];
    assert_eq!(reminder.kind, ReminderKind::UpcomingAutoRenewal);
    let status = evaluation.offer("maps").unwrap();
    let text = reminder.explain(Locale::En).with_offer(status).to_string();
    assert_eq!(
        text,
        "The Action Pack \"maps\" reaches its anniversary date on September 1, 2019 and is set \
         to renew automatically when its renewal window opens on September 2, 2019; the renewal \
         fee is charged then. To stop the renewal, turn off automatic renewal before September \
         2, 2019."
    );
}

/// W6, N5: on 2019-10-02 the pack lapses: benefits are lost, and
/// on-premises software must be uninstalled or licensed (B1).
#[test]
fn n5_the_lapse_notice_says_benefits_are_lost_and_software_must_go_in_every_locale() {
    let membership = member([maps().auto_renew(false)]);
    let due = mpn_renewals::reminders_between(&membership, d("2019-10-02")..=d("2019-10-02"));
    let [due] = due.as_slice() else {
        panic!("{due:?}")
    };
    assert_eq!(due.reminder.kind, ReminderKind::BenefitsLost);
    let evaluation = evaluate(&membership, d("2019-10-02"));
    let status = evaluation.offer("maps").unwrap();
    assert_eq!(
        due.explain(Locale::En).with_offer(status).to_string(),
        "The offer \"maps\" was not renewed within its renewal window, which ended on October \
         1, 2019: it has lapsed, and its benefits are lost. Any on-premises software obtained \
         through it must now be uninstalled, or licensed through Commercial Licensing."
    );
    let ko = due.explain(Locale::Ko).to_string();
    assert!(ko.contains("혜택이 사라졌습니다"), "{ko}");
    assert!(
        ko.contains("온-프레미스 소프트웨어를 제거해야 합니다"),
        "{ko}"
    );
    assert!(ko.contains("상업적 라이선스"), "{ko}");
    let zh = due.explain(Locale::ZhHans).to_string();
    assert!(zh.contains("失去权益"), "{zh}");
    assert!(zh.contains("卸载") && zh.contains("本地软件"), "{zh}");
}

/// E1: a competency with anniversary 2020-01-15 under covid-2020-h1 lapses
/// on 2020-02-15 (window 2020-01-16 ..= 2020-02-14); it may be reactivated
/// until 2020-06-30, the fixed date of E1, which the notice names.
#[test]
fn e1_n5_the_lapse_notice_under_an_extension_names_the_reactivation_end() {
    let membership = member([gold("cl", "2020-01-15", false)]);
    let evaluation = evaluate(&membership, d("2020-02-15"));
    let [reminder] = evaluation.reminders.as_slice() else {
        panic!("{:?}", evaluation.reminders)
    };
    assert_eq!(reminder.kind, ReminderKind::BenefitsLost);
    assert_eq!(reminder.extension, Some("covid-2020-h1"));
    let status = evaluation.offer("cl").unwrap();
    let h1 = ExtensionPolicy::covid_2020_h1();
    let text = reminder
        .explain(Locale::En)
        .with_offer(status)
        .with_extension(&h1)
        .to_string();
    assert!(
        text.ends_with(
            "Under the extension covid-2020-h1, a membership in Partner Center can still \
             reactivate the competency until June 30, 2020, by paying its fee on the Membership \
             offers page."
        ),
        "{text}"
    );
    // The same date given directly.
    let direct = reminder
        .explain(Locale::En)
        .with_offer(status)
        .with_reactivation_end(d("2020-06-30"))
        .to_string();
    assert_eq!(direct, text);
    let ko = reminder
        .explain(Locale::Ko)
        .with_offer(status)
        .with_extension(&h1)
        .to_string();
    assert!(
        ko.ends_with(
            "연장(covid-2020-h1)에 따라 파트너 센터의 멤버십은 2020년 6월 30일까지 \
             멤버십 제품 페이지에서 요금을 지불하여 역량을 다시 활성화할 수 있습니다."
        ),
        "{ko}"
    );
    // An extension of another name is not this offer's: ignored.
    let other = reminder
        .explain(Locale::En)
        .with_offer(status)
        .with_extension(&ExtensionPolicy::covid_2020_h2())
        .to_string();
    assert!(
        !other.contains("reactivate") && !other.contains("override"),
        "{other}"
    );
}

/// E2: anniversary 2020-08-10, window 2020-08-11 ..= 2020-09-09, lapse
/// 2020-09-10; reactivation ended with the anniversary + 30 = 2020-09-09,
/// so the notice does not offer it; E5: the override is open from the
/// lapse, and the notice says so.
#[test]
fn e2_e5_the_lapse_notice_offers_the_override_once_reactivation_is_over() {
    let membership = member([gold("cl", "2020-08-10", false)]);
    let evaluation = evaluate(&membership, d("2020-09-10"));
    let reminder = &evaluation.reminders[0];
    assert_eq!(reminder.kind, ReminderKind::BenefitsLost);
    assert!(evaluation.is_allowed(&Action::request_covid_override("cl")));
    let status = evaluation.offer("cl").unwrap();
    let h2 = ExtensionPolicy::covid_2020_h2();
    let text = reminder
        .explain(Locale::En)
        .with_offer(status)
        .with_extension(&h2)
        .to_string();
    assert!(!text.contains("reactivate"), "{text}");
    assert!(
        text.ends_with(
            "Under the extension covid-2020-h2, a membership in Partner Center can request a \
             COVID override for the competency through a support ticket."
        ),
        "{text}"
    );
    // The blocked reactivation names the day its period ended.
    let entry = evaluation.blocked(&Action::reactivate("cl")).unwrap();
    assert_eq!(
        entry
            .explain(Locale::ZhHans)
            .with_offer(status)
            .with_extension(&h2)
            .to_string(),
        "无法重新激活能力“cl”。延长的重新激活期限已于2020年9月9日结束。"
    );
    // Without the offer's anniversary, E2's end is unknown: no date.
    assert_eq!(
        entry
            .explain(Locale::ZhHans)
            .with_extension(&h2)
            .to_string(),
        "无法重新激活能力“cl”。延长的重新激活期限已结束。"
    );
}

/// B2: a token activated 2020-02-01 cannot be replaced before; its
/// `allowed_from` is the activation day.
#[test]
fn b2_a_token_not_yet_activated_names_its_activation_day() {
    let membership = Membership::builder("contoso")
        .token(mpn_renewals::Token::new("t", d("2020-02-01")))
        .build()
        .unwrap();
    let evaluation = evaluate(&membership, d("2020-01-15"));
    let entry = evaluation
        .blocked(&Action::request_replacement_token("t"))
        .unwrap();
    assert_eq!(
        entry.explain(Locale::En).to_string(),
        "You cannot request the one replacement of the token \"t\". The token is activated on \
         February 1, 2020."
    );
    assert_eq!(
        entry.explain(Locale::Ko).to_string(),
        "“t” 토큰의 대체 토큰을 요청할 수 없습니다. 토큰은 2020년 2월 1일에 활성화됩니다."
    );
}

/// A status of another offer brings no date: the sentence stays the one
/// without dates, never one with another offer's dates.
#[test]
fn a_status_of_another_offer_is_ignored() {
    let membership = member([
        maps().auto_renew(false),
        OfferDraft::learning_action_pack("lap", d("2018-10-01")),
    ]);
    let evaluation = evaluate(&membership, d("2019-09-24"));
    let reminder = &evaluation.reminders[0];
    assert_eq!(reminder.offer, "maps");
    let other = evaluation.offer("lap").unwrap();
    assert_eq!(
        reminder.explain(Locale::En).with_offer(other).to_string(),
        reminder.explain(Locale::En).to_string()
    );
    // A purchase concerns no offer.
    let entry = evaluation
        .blocked(&Action::purchase(OfferKind::ActionPack))
        .unwrap();
    assert_eq!(
        entry
            .explain(Locale::En)
            .with_offer(evaluation.offer("maps").unwrap())
            .to_string(),
        "You cannot buy a Microsoft Action Pack subscription. The account already holds a \
         Microsoft Action Pack or a Learning Action Pack that is active or in its renewal window."
    );
}

/// Owned and borrowed answers explain alike.
#[test]
fn owned_and_borrowed_answers_give_the_same_sentences() {
    let membership = member([maps(), gold("cl", "2020-01-15", false)]);
    for day in ["2019-08-17", "2019-09-01", "2020-02-15", "2020-07-01"] {
        let borrowed = evaluate(&membership, d(day));
        let owned: Evaluation = borrowed.clone().into_owned();
        for locale in Locale::ALL {
            for (a, b) in borrowed.blocked.iter().zip(owned.blocked.iter()) {
                assert_eq!(a.explain(locale).to_string(), b.explain(locale).to_string());
            }
            for (a, b) in borrowed.reminders.iter().zip(owned.reminders.iter()) {
                let (sa, sb) = (
                    borrowed.offer(a.offer).unwrap(),
                    owned.offer(&b.offer).unwrap(),
                );
                assert_eq!(
                    a.explain(locale).with_offer(sa).to_string(),
                    b.explain(locale).with_offer(sb).to_string()
                );
                // A borrowed status explains an owned reminder, and back.
                assert_eq!(
                    a.explain(locale).with_offer(sb).to_string(),
                    b.explain(locale).with_offer(sa).to_string()
                );
            }
        }
    }
    // DueReminder, both forms.
    let due = mpn_renewals::reminders_between(&membership, d("2019-08-17")..=d("2019-08-17"));
    let owned: Vec<DueReminder> = due.iter().map(|r| r.into_owned()).collect();
    assert_eq!(
        due[0].explain(Locale::Ko).to_string(),
        owned[0].explain(Locale::Ko).to_string()
    );
    let _: ReminderKey = owned[0].key.clone();
}

// ---------------------------------------------------------------------------
// The snapshot: golden cases and timelines, in every locale
// ---------------------------------------------------------------------------

/// The extension of `policy` named `name`.
fn extension_named<'a>(policy: &'a Policy, name: Option<&str>) -> Option<&'a ExtensionPolicy> {
    let name = name?;
    policy.extensions().iter().find(|e| e.name() == name)
}

/// Every sentence of an evaluation in `locale`, as the command gives them:
/// the offers, the blocked entries and the reminders, with the dates of the
/// offer's status and of the policy's extension.
fn explain_evaluation(
    out: &mut String,
    rules: &impl Rules,
    evaluation: &Evaluation<&str>,
    locale: Locale,
) {
    let policy = rules.policy_on(evaluation.today);
    for status in evaluation.offers.iter() {
        writeln!(out, "offer {}: {}", status.id, status.explain(locale)).unwrap();
    }
    for entry in evaluation.blocked.iter() {
        let mut explanation = entry.explain(locale);
        if let Some(status) = entry.action.target().and_then(|id| evaluation.offer(id)) {
            explanation = explanation.with_offer(status);
            if let Some(extension) = extension_named(policy, status.extension) {
                explanation = explanation.with_extension(extension);
            }
        }
        writeln!(out, "blocked {}: {explanation}", entry.action).unwrap();
    }
    for reminder in evaluation.reminders.iter() {
        let mut explanation = reminder.explain(locale);
        if let Some(status) = evaluation.offer(reminder.offer) {
            explanation = explanation.with_offer(status);
        }
        if let Some(extension) = extension_named(policy, reminder.extension) {
            explanation = explanation.with_extension(extension);
        }
        writeln!(
            out,
            "reminder {} {}: {explanation}",
            reminder.kind, reminder.offer
        )
        .unwrap();
    }
}

/// Every event of a timeline in `locale`, each with the status of its
/// offer on the event's day.
fn explain_timeline(
    out: &mut String,
    rules: &impl Rules,
    membership: &Membership,
    events: &[Event<&str>],
    locale: Locale,
) {
    for event in events {
        let evaluation = rules.evaluate(membership, event.date);
        let policy = rules.policy_on(event.date);
        let offer = match &event.kind {
            EventKind::Reminder { reminder } => Some(reminder.offer),
            EventKind::PhaseChanged { offer, .. } => Some(*offer),
            EventKind::ActionOpened { action } | EventKind::ActionClosed { action, .. } => {
                action.target()
            }
            _ => None,
        };
        let mut explanation = event.explain(locale);
        if let Some(status) = offer.and_then(|id| evaluation.offer(id)) {
            explanation = explanation.with_offer(status);
            if let Some(extension) = extension_named(policy, status.extension) {
                explanation = explanation.with_extension(extension);
            }
        }
        writeln!(
            out,
            "{} {}: {explanation}",
            event.date,
            event_name(&event.kind)
        )
        .unwrap();
    }
}

fn event_name(kind: &EventKind<&str>) -> String {
    match kind {
        EventKind::Reminder { reminder } => {
            format!("reminder {} {}", reminder.kind, reminder.offer)
        }
        EventKind::PhaseChanged {
            offer, from, to, ..
        } => {
            format!("phase {offer} {from} -> {to}")
        }
        EventKind::ActionOpened { action } => format!("opened {action}"),
        EventKind::ActionClosed { action, reasons } => format!("closed {action} [{reasons}]"),
        EventKind::PolicyChanged { from, to } => format!("policy {from} -> {to}"),
        _ => "another event".to_owned(),
    }
}

/// The timelines of the snapshot: (title, membership, policy, first day,
/// last day).
fn timelines() -> Vec<(
    &'static str,
    Membership,
    PolicySet,
    &'static str,
    &'static str,
)> {
    let default = || PolicySet::single(Policy::partner_center_2020());
    vec![
        (
            "an Action Pack without automatic renewal, bought 2018-09-01 (W1-W6, N1, N2, N5)",
            member([maps().auto_renew(false)]),
            default(),
            "2019-08-01",
            "2019-10-31",
        ),
        (
            "an Action Pack that renews automatically (A1, A2)",
            member([maps()]),
            default(),
            "2019-08-01",
            "2019-09-30",
        ),
        (
            "a gold competency under covid-2020-h1, unmet, lapsed (E1)",
            member([gold("cl", "2020-01-15", false)]),
            default(),
            "2020-01-01",
            "2020-07-31",
        ),
        (
            "a gold competency under covid-2020-h2, lapsed (E2, E5)",
            member([gold("cl", "2020-08-10", false)]),
            default(),
            "2020-07-20",
            "2020-10-01",
        ),
        (
            "a gold competency in PMC (P3, P4)",
            with(
                Membership::builder("contoso").portal(Portal::Pmc),
                [gold("cl", "2020-08-10", true)],
            ),
            default(),
            "2020-05-01",
            "2020-09-15",
        ),
        (
            "a token and a profile that needs review (B2, P2)",
            with(
                Membership::builder("contoso")
                    .business_profile(mpn_renewals::BusinessProfile::NeedsReview)
                    .token(mpn_renewals::Token::new("t", d("2020-01-05"))),
                [OfferDraft::learning_action_pack("lap", d("2019-01-20"))],
            ),
            default(),
            "2019-12-20",
            "2020-02-28",
        ),
        (
            "the history of the rules (policy changes)",
            member([OfferDraft::action_pack("maps", d("2022-09-16")).auto_renew(false)]),
            PolicySet::partner_center_history(),
            "2022-09-20",
            "2023-10-31",
        ),
    ]
}

/// The snapshot's text: each golden case's evaluation, then each timeline,
/// explained in every locale.
fn snapshot() -> String {
    let mut out = String::new();
    let default = PolicySet::single(Policy::partner_center_2020());
    for (name, case) in golden_cases() {
        let membership: Membership = serde_json::from_value(case["membership"].clone()).unwrap();
        let today = d(case["today"].as_str().unwrap());
        let evaluation = default.evaluate(&membership, today);
        writeln!(out, "== case {name}, on {today}").unwrap();
        for locale in Locale::ALL {
            writeln!(out, "-- {locale}").unwrap();
            explain_evaluation(&mut out, &default, &evaluation, locale);
        }
        out.push('\n');
    }
    for (title, membership, rules, first, last) in timelines() {
        let events = rules.timeline(&membership, d(first)..=d(last));
        writeln!(out, "== timeline: {title}, {first} ..= {last}").unwrap();
        for locale in Locale::ALL {
            writeln!(out, "-- {locale}").unwrap();
            explain_timeline(&mut out, &rules, &membership, &events, locale);
        }
        out.push('\n');
    }
    out
}

/// Every line of the snapshot is in the script of its locale.
#[test]
fn the_snapshot_sentences_are_each_in_the_script_of_their_locale() {
    let text = snapshot();
    let mut locale = None;
    let mut lines = 0;
    for line in text.lines() {
        if let Some(tag) = line.strip_prefix("-- ") {
            locale = Some(tag.parse::<Locale>().unwrap());
        } else if line.starts_with("== ") || line.is_empty() {
            continue;
        } else {
            let (what, sentence) = line.split_once(": ").unwrap();
            assert_script(locale.unwrap(), sentence, what);
            lines += 1;
        }
    }
    assert!(lines > 250, "{lines} sentences");
}

#[test]
fn the_golden_cases_and_timelines_explained_match_the_snapshot() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/messages.snapshot");
    let actual = snapshot();
    if std::env::var_os("MPN_UPDATE_SNAPSHOTS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; write it with MPN_UPDATE_SNAPSHOTS=1, then read it",
            path.display()
        )
    });
    if actual != expected {
        let first = actual
            .lines()
            .zip(expected.lines())
            .position(|(a, e)| a != e)
            .unwrap_or(actual.lines().count().min(expected.lines().count()));
        panic!(
            "the explanations differ from {} at line {}:\n  expected {:?}\n  actual   {:?}\n\
             (after a deliberate change: MPN_UPDATE_SNAPSHOTS=1, then read the file)",
            path.display(),
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}
