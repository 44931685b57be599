//! The message catalogue, as data: every sentence in English, Korean and
//! Simplified Chinese, compiled in.
//!
//! A template holds text and named slots in braces, which the explanation
//! fills in ([`super::Explanation`]):
//!
//! - `{offer}`: the id of the offer (or of the token) the message is about;
//! - `{date}`: the day of an event;
//! - `{anniversary}`, `{opens}`, `{closes}`: the offer's anniversary and
//!   renewal window; `{lapse}`: the day after the window, when the offer
//!   lapses (W6);
//! - `{allowed_from}`: the day a dated reason lifts;
//! - `{end}`: the last day of an extension's reactivation period (E1, E2);
//! - `{extension}`: the extension's name;
//! - `{from}`, `{to}`: the names of two versions of the rules;
//! - `{new_anniversary}`: the anniversary a renewal set (a simulation);
//! - `{action}`: the phrase of an action, itself a template.
//!
//! A message that needs a date comes in two forms: one with the date, and
//! one that is complete and true without it, chosen when the date is not
//! known. The words are those of the source pages' own localized sentences
//! (the term table of [`crate::docs::messages`]); the sentences say only
//! what the [rules catalogue](crate::docs::rules) says.

use crate::action::Action;
use crate::evaluation::{Phase, ReminderKind};
use crate::offer::OfferKind;
use crate::reason::Reason;
use crate::simulation::Refusal;
use crate::text::Text;

use super::Locale;

/// One message in every locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    /// English.
    pub(crate) en: &'static str,
    /// Korean.
    pub(crate) ko: &'static str,
    /// Simplified Chinese.
    pub(crate) zh_hans: &'static str,
}

impl Entry {
    /// The template of `locale`.
    pub(crate) const fn get(&self, locale: Locale) -> &'static str {
        match locale {
            Locale::En => self.en,
            Locale::Ko => self.ko,
            Locale::ZhHans => self.zh_hans,
        }
    }
}

// ---------------------------------------------------------------------------
// Frames: an action that is blocked, opens or closes; a change of rules.
//
// In Korean an action's phrase ends in the adnominal form of its verb
// (갱신할), which the frame completes (수 없습니다); in every locale the
// phrase is the object of "can"/"cannot".
// ---------------------------------------------------------------------------

/// A blocked action; its reasons follow, one sentence each.
pub(crate) const BLOCKED: Entry = Entry {
    en: "You cannot {action}.",
    ko: "{action} 수 없습니다.",
    zh_hans: "无法{action}。",
};

/// An action that becomes open on the day of an event.
pub(crate) const ACTION_OPENED: Entry = Entry {
    en: "From {date}, you can {action}.",
    ko: "{date}부터 {action} 수 있습니다.",
    zh_hans: "自{date}起，可以{action}。",
};

/// An action that stops being open on the day of an event; its reasons, if
/// any, follow.
pub(crate) const ACTION_CLOSED: Entry = Entry {
    en: "From {date}, you can no longer {action}.",
    ko: "{date}부터 더 이상 {action} 수 없습니다.",
    zh_hans: "自{date}起，无法再{action}。",
};

/// Another version of the rules comes into force.
pub(crate) const POLICY_CHANGED: Entry = Entry {
    en: "From {date}, the rules of the policy \"{to}\" apply instead of those of \"{from}\".",
    ko: "{date}부터 “{from}” 정책 대신 “{to}” 정책의 규칙이 적용됩니다.",
    zh_hans: "自{date}起，适用“{to}”政策的规则，不再适用“{from}”政策的规则。",
};

// ---------------------------------------------------------------------------
// A simulation's events: what it carried out, refused, or could not charge.
// ---------------------------------------------------------------------------

/// A step of a simulation's plan, carried out on its day.
pub(crate) const ACTION_CARRIED_OUT: Entry = Entry {
    en: "On {date}, as planned, the step to {action} was carried out.",
    ko: "{date}에 계획에 따라 {action} 작업을 수행했습니다.",
    zh_hans: "{date}，已按计划执行：{action}。",
};

/// A1: an automatic renewal, carried out on the window's first day.
pub(crate) const AUTOMATIC_RENEWAL: Entry = Entry {
    en: "On {date}, the Action Pack subscription \"{offer}\" was renewed automatically.",
    ko: "{date}에 “{offer}” Action Pack 구독이 자동으로 갱신되었습니다.",
    zh_hans: "{date}，“{offer}” Action Pack 订阅已自动续订。",
};

/// A step of the plan that the day did not allow; a sentence for its
/// refusal, or one per reason, follows.
pub(crate) const ACTION_REFUSED: Entry = Entry {
    en: "On {date}, the planned step to {action} could not be carried out.",
    ko: "{date}에 계획된 {action} 작업을 수행할 수 없었습니다.",
    zh_hans: "{date}，无法按计划执行：{action}。",
};

/// A1: the charge of an automatic renewal failed, so it was not renewed.
pub(crate) const CHARGE_FAILED: Entry = Entry {
    en: "On {date}, the charge for the automatic renewal of the Action Pack subscription \"{offer}\" failed, and it was not renewed.",
    ko: "{date}에 “{offer}” Action Pack 구독의 자동 갱신 요금 청구가 실패하여 갱신되지 않았습니다.",
    zh_hans: "{date}，“{offer}” Action Pack 订阅的自动续订扣款失败，未续订。",
};

/// W5, E4: a renewal or reactivation set a new anniversary.
pub(crate) const ANNIVERSARY_CHANGED: Entry = Entry {
    en: "From {date}, the anniversary date of \"{offer}\" is {new_anniversary}.",
    ko: "{date}부터 “{offer}”의 1주년 날짜는 {new_anniversary}입니다.",
    zh_hans: "自{date}起，“{offer}”的周年日期为{new_anniversary}。",
};

/// Why a step of a simulation was refused, where it was not blocked for
/// reasons of the day (those have their own sentences).
pub(crate) const fn refusal(refusal: Refusal) -> Option<&'static Entry> {
    Some(match refusal {
        // The reasons of the day follow instead.
        Refusal::Blocked => return None,
        Refusal::NotOpen => &Entry {
            en: "It was not open that day.",
            ko: "그날에는 사용할 수 없었습니다.",
            zh_hans: "当天不可执行。",
        },
        Refusal::UnknownOffer => &Entry {
            en: "No offer had that id that day.",
            ko: "그날에는 해당 ID의 제품이 없었습니다.",
            zh_hans: "当天没有该 ID 的产品/服务。",
        },
        Refusal::UnknownToken => &Entry {
            en: "No token has that id.",
            ko: "해당 ID의 토큰이 없습니다.",
            zh_hans: "没有该 ID 的令牌。",
        },
        Refusal::MissingId => &Entry {
            en: "A purchase needs the id of the new offer.",
            ko: "구입하려면 새 제품의 ID가 필요합니다.",
            zh_hans: "购买时需要新产品/服务的 ID。",
        },
        Refusal::IdTaken => &Entry {
            en: "Another offer already had that id.",
            ko: "다른 제품이 이미 해당 ID를 사용하고 있었습니다.",
            zh_hans: "已有其他产品/服务使用该 ID。",
        },
        Refusal::NotPurchasable => &Entry {
            en: "Only an Action Pack or a Learning Action Pack can be bought.",
            ko: "Action Pack 또는 학습 Action Pack만 구입할 수 있습니다.",
            zh_hans: "只能购买 Action Pack 或 Learning Action Pack。",
        },
        Refusal::InvalidResult => &Entry {
            en: "Its result would need a date beyond 9999-12-31.",
            ko: "그 결과에 9999-12-31 이후의 날짜가 필요합니다.",
            zh_hans: "其结果需要 9999-12-31 之后的日期。",
        },
    })
}

// ---------------------------------------------------------------------------
// Actions: the phrase of each, completed by a frame.
// ---------------------------------------------------------------------------

/// M2, M4: buy a Microsoft Action Pack subscription.
const PURCHASE_ACTION_PACK: Entry = Entry {
    en: "buy a Microsoft Action Pack subscription",
    ko: "Microsoft Action Pack 구독을 구입할",
    zh_hans: "购买 Microsoft Action Pack 订阅",
};

/// M2, M4: buy a Learning Action Pack.
const PURCHASE_LEARNING_ACTION_PACK: Entry = Entry {
    en: "buy a Learning Action Pack",
    ko: "학습 Action Pack을 구입할",
    zh_hans: "购买 Learning Action Pack",
};

/// A purchase of a silver competency (which `apply` refuses: only packs
/// are bought).
const PURCHASE_SILVER: Entry = Entry {
    en: "buy a silver competency",
    ko: "실버 역량을 구입할",
    zh_hans: "购买银牌能力",
};

/// A purchase of a gold competency (which `apply` refuses).
const PURCHASE_GOLD: Entry = Entry {
    en: "buy a gold competency",
    ko: "골드 역량을 구입할",
    zh_hans: "购买金牌能力",
};

/// W2–W7: renew an offer.
const RENEW: Entry = Entry {
    en: "renew the offer \"{offer}\"",
    ko: "“{offer}” 제품을 갱신할",
    zh_hans: "续订产品/服务“{offer}”",
};

/// E1, E2: reactivate a lapsed competency by paying its fee.
const REACTIVATE: Entry = Entry {
    en: "reactivate the competency \"{offer}\"",
    ko: "“{offer}” 역량을 다시 활성화할",
    zh_hans: "重新激活能力“{offer}”",
};

/// E2, E5: ask for a COVID override through a support ticket.
const REQUEST_COVID_OVERRIDE: Entry = Entry {
    en: "request a COVID override for the competency \"{offer}\" through a support ticket in Partner Center",
    ko: "파트너 센터에서 지원 티켓을 제출하여 “{offer}” 역량에 대한 COVID 재정의(COVID override)를 요청할",
    zh_hans: "通过合作伙伴中心提交支持工单，为能力“{offer}”申请 COVID 特例（COVID override）",
};

/// A2: turn off an Action Pack's automatic renewal.
const TURN_OFF_AUTO_RENEW: Entry = Entry {
    en: "turn off automatic renewal of the Action Pack \"{offer}\"",
    ko: "“{offer}” Action Pack 구독의 자동 갱신을 끌",
    zh_hans: "关闭 Action Pack“{offer}”的自动续订",
};

/// A3: ask Partner Center Support to cancel an Action Pack.
const REQUEST_CANCELLATION: Entry = Entry {
    en: "ask Partner Center Support to cancel the Action Pack \"{offer}\"",
    ko: "파트너 센터 지원 팀에 “{offer}” Action Pack 구독의 취소를 요청할",
    zh_hans: "请求合作伙伴中心支持团队取消 Action Pack“{offer}”",
};

/// A4: download an Action Pack's invoice.
const DOWNLOAD_INVOICE: Entry = Entry {
    en: "download the invoice of the Action Pack \"{offer}\"",
    ko: "“{offer}” Action Pack 구독의 청구서를 다운로드할",
    zh_hans: "下载 Action Pack“{offer}”的发票",
};

/// P2: review and update the business profile.
const UPDATE_BUSINESS_PROFILE: Entry = Entry {
    en: "review and update the company's business information in its company profile",
    ko: "회사 프로필에서 비즈니스 정보를 검토하고 업데이트할",
    zh_hans: "在公司资料中审阅并更新公司的业务信息",
};

/// P2: send the documents that verify the business profile.
const PROVIDE_VERIFICATION_DOCUMENTS: Entry = Entry {
    en: "provide the additional documents that verify the company's business information",
    ko: "비즈니스 정보를 확인하기 위한 추가 서류를 제출할",
    zh_hans: "提交验证公司业务信息所需的其他文件",
};

/// P3: move from PMC to Partner Center.
const MIGRATE_TO_PARTNER_CENTER: Entry = Entry {
    en: "move the membership from Partner Membership Center (PMC) to Partner Center",
    ko: "PMC(Partner Membership Center)에서 파트너 센터로 멤버십을 이동할",
    zh_hans: "将会员资格从 Partner Membership Center (PMC) 转到合作伙伴中心",
};

/// B2: ask for the one replacement of a token.
const REQUEST_REPLACEMENT_TOKEN: Entry = Entry {
    en: "request the one replacement of the token \"{offer}\"",
    ko: "“{offer}” 토큰의 대체 토큰을 요청할",
    zh_hans: "为令牌“{offer}”申请替换令牌",
};

/// The phrase of an action; its target fills `{offer}`. A purchase is
/// named by its kind (an evaluation lists it without an id).
pub(crate) fn action<T: Text>(action: &Action<T>) -> &'static Entry {
    match action {
        Action::Purchase { kind, .. } => match kind {
            OfferKind::ActionPack => &PURCHASE_ACTION_PACK,
            OfferKind::LearningActionPack => &PURCHASE_LEARNING_ACTION_PACK,
            OfferKind::SilverCompetency => &PURCHASE_SILVER,
            OfferKind::GoldCompetency => &PURCHASE_GOLD,
        },
        Action::Renew { .. } => &RENEW,
        Action::Reactivate { .. } => &REACTIVATE,
        Action::RequestCovidOverride { .. } => &REQUEST_COVID_OVERRIDE,
        Action::TurnOffAutoRenew { .. } => &TURN_OFF_AUTO_RENEW,
        Action::RequestCancellation { .. } => &REQUEST_CANCELLATION,
        Action::DownloadInvoice { .. } => &DOWNLOAD_INVOICE,
        Action::UpdateBusinessProfile => &UPDATE_BUSINESS_PROFILE,
        Action::ProvideVerificationDocuments => &PROVIDE_VERIFICATION_DOCUMENTS,
        Action::MigrateToPartnerCenter => &MIGRATE_TO_PARTNER_CENTER,
        Action::RequestReplacementToken { .. } => &REQUEST_REPLACEMENT_TOKEN,
    }
}

// ---------------------------------------------------------------------------
// Reasons: one sentence each, after the frame that names the action.
// ---------------------------------------------------------------------------

/// A3.
const CANCELLED: Entry = Entry {
    en: "The offer was cancelled through Partner Center Support.",
    ko: "이 제품은 파트너 센터 지원 팀을 통해 취소되었습니다.",
    zh_hans: "该产品/服务已通过合作伙伴中心支持团队取消。",
};

/// W2, W7, with `allowed_from`: the window's first day.
const WINDOW_NOT_OPEN_ON: Entry = Entry {
    en: "Its renewal window opens on {allowed_from}.",
    ko: "갱신 기간은 {allowed_from}에 시작됩니다.",
    zh_hans: "其续订时段开始于{allowed_from}。",
};

/// W2, W7, without a date.
const WINDOW_NOT_OPEN: Entry = Entry {
    en: "Its renewal window has not opened yet.",
    ko: "갱신 기간이 아직 시작되지 않았습니다.",
    zh_hans: "其续订时段尚未开始。",
};

/// W6, with the window's last day.
const WINDOW_CLOSED_ON: Entry = Entry {
    en: "Its renewal window ended on {closes}.",
    ko: "갱신 기간이 {closes}에 끝났습니다.",
    zh_hans: "其续订时段已于{closes}结束。",
};

/// W6, without a date.
const WINDOW_CLOSED: Entry = Entry {
    en: "Its renewal window has ended.",
    ko: "갱신 기간이 끝났습니다.",
    zh_hans: "其续订时段已结束。",
};

/// P1.
const PERFORMANCE_NOT_MET: Entry = Entry {
    en: "The competency's performance requirements are not met.",
    ko: "역량 성과 요구 사항이 충족되지 않았습니다.",
    zh_hans: "尚未满足该能力的绩效要求。",
};

/// P1.
const EXAMS_NOT_VALIDATED: Entry = Entry {
    en: "The exams and skills that the competency requires are not validated for this year.",
    ko: "올해 역량에 필요한 시험 및 기술의 유효성이 검사되지 않았습니다.",
    zh_hans: "本年度该能力所需的考试和技能尚未通过验证。",
};

/// P3.
const NOT_IN_PARTNER_CENTER: Entry = Entry {
    en: "The extension applies only in Partner Center: the membership must first move from Partner Membership Center (PMC) to Partner Center.",
    ko: "연장은 파트너 센터에서만 활용할 수 있습니다. 먼저 PMC(Partner Membership Center)에서 파트너 센터로 멤버십을 이동해야 합니다.",
    zh_hans: "延长仅适用于合作伙伴中心：必须先将会员资格从 Partner Membership Center (PMC) 转到合作伙伴中心。",
};

/// E1, E2, with the last day of reactivation.
const REACTIVATION_PERIOD_OVER_ON: Entry = Entry {
    en: "The extension's reactivation period ended on {end}.",
    ko: "연장에 따른 다시 활성화 기간이 {end}에 끝났습니다.",
    zh_hans: "延长的重新激活期限已于{end}结束。",
};

/// E1, E2, without a date.
const REACTIVATION_PERIOD_OVER: Entry = Entry {
    en: "The extension's reactivation period is over.",
    ko: "연장에 따른 다시 활성화 기간이 끝났습니다.",
    zh_hans: "延长的重新激活期限已结束。",
};

/// P2.
const PROFILE_NEEDS_REVIEW: Entry = Entry {
    en: "The company's Global admin or Account admin must first review and update its business information in the company profile.",
    ko: "먼저 회사의 전역 관리자 또는 계정 관리자가 회사 프로필에서 비즈니스 정보를 검토하고 업데이트해야 합니다.",
    zh_hans: "公司的全局管理员或帐户管理员必须先在公司资料中审阅并更新公司的业务信息。",
};

/// P2.
const VERIFICATION_PENDING: Entry = Entry {
    en: "The verification of the company's business information is pending; additional documents may be required to verify it.",
    ko: "회사 비즈니스 정보의 확인이 보류 중입니다. 정보를 확인하려면 추가 서류가 필요할 수 있습니다.",
    zh_hans: "公司业务信息的验证尚未完成；可能需要提交其他文件以验证这些信息。",
};

/// M2.
const NOT_NETWORK_MEMBER: Entry = Entry {
    en: "Only a member of the Microsoft Partner Network can do this.",
    ko: "Microsoft 파트너 네트워크 회원만 이 작업을 할 수 있습니다.",
    zh_hans: "只有 Microsoft 合作伙伴网络成员才能执行此操作。",
};

/// M4 (and the 2023 rule of one pack of either kind): true of every
/// policy, since it names both kinds.
const ALREADY_HELD: Entry = Entry {
    en: "The account already holds a Microsoft Action Pack or a Learning Action Pack that is active or in its renewal window.",
    ko: "계정에 이미 활성 상태이거나 갱신 기간 중인 Microsoft Action Pack 또는 학습 Action Pack이 있습니다.",
    zh_hans: "该帐户已有处于活动状态或续订时段内的 Microsoft Action Pack 或 Learning Action Pack。",
};

/// G2.
const ONE_ACTION_PACK_PER_ACCOUNT: Entry = Entry {
    en: "A partner global account renews one Action Pack of each kind: after the merge of accounts, another one of this kind in the account is the one that may renew.",
    ko: "파트너 전역 계정마다 같은 종류의 Action Pack은 하나만 갱신할 수 있으며, 계정 병합 후 이 계정에서 갱신할 수 있는 것은 다른 Action Pack입니다.",
    zh_hans: "每个合作伙伴全局帐户中每种 Action Pack 只能续订一个：帐户合并后，此帐户中可以续订的是另一个同类 Action Pack。",
};

/// B2.
const REPLACEMENT_ALREADY_ISSUED: Entry = Entry {
    en: "The token's replacement has already been issued, and a replacement can be issued one time only.",
    ko: "이 토큰의 대체 토큰이 이미 발급되었으며, 대체 토큰은 한 번만 발급할 수 있습니다.",
    zh_hans: "此令牌的替换令牌已发放，而替换令牌只能发放一次。",
};

/// B2, with the activation day.
const NOT_YET_ACTIVATED_ON: Entry = Entry {
    en: "The token is activated on {allowed_from}.",
    ko: "토큰은 {allowed_from}에 활성화됩니다.",
    zh_hans: "该令牌将于{allowed_from}激活。",
};

/// B2, without a date.
const NOT_YET_ACTIVATED: Entry = Entry {
    en: "The token is not activated yet.",
    ko: "토큰이 아직 활성화되지 않았습니다.",
    zh_hans: "该令牌尚未激活。",
};

/// B2: day 30 counts.
const REPLACEMENT_PERIOD_OVER: Entry = Entry {
    en: "A replacement can be issued only within 30 days after the activation of the original token, and those 30 days have passed.",
    ko: "대체 토큰은 원래 토큰 활성화 후 30일 이내에만 발급할 수 있으며, 그 기간이 지났습니다.",
    zh_hans: "替换令牌只能在原始令牌激活后 30 天内发放，该期限已过。",
};

/// The sentence of a reason; `dated` picks the form with its date (the
/// reasons without a date have one form).
pub(crate) const fn reason(reason: Reason, dated: bool) -> &'static Entry {
    match (reason, dated) {
        (Reason::Cancelled, _) => &CANCELLED,
        (Reason::WindowNotOpen, true) => &WINDOW_NOT_OPEN_ON,
        (Reason::WindowNotOpen, false) => &WINDOW_NOT_OPEN,
        (Reason::WindowClosed, true) => &WINDOW_CLOSED_ON,
        (Reason::WindowClosed, false) => &WINDOW_CLOSED,
        (Reason::PerformanceNotMet, _) => &PERFORMANCE_NOT_MET,
        (Reason::ExamsNotValidated, _) => &EXAMS_NOT_VALIDATED,
        (Reason::NotInPartnerCenter, _) => &NOT_IN_PARTNER_CENTER,
        (Reason::ReactivationPeriodOver, true) => &REACTIVATION_PERIOD_OVER_ON,
        (Reason::ReactivationPeriodOver, false) => &REACTIVATION_PERIOD_OVER,
        (Reason::ProfileNeedsReview, _) => &PROFILE_NEEDS_REVIEW,
        (Reason::VerificationPending, _) => &VERIFICATION_PENDING,
        (Reason::NotNetworkMember, _) => &NOT_NETWORK_MEMBER,
        (Reason::AlreadyHeld, _) => &ALREADY_HELD,
        (Reason::OneActionPackPerAccount, _) => &ONE_ACTION_PACK_PER_ACCOUNT,
        (Reason::ReplacementAlreadyIssued, _) => &REPLACEMENT_ALREADY_ISSUED,
        (Reason::NotYetActivated, true) => &NOT_YET_ACTIVATED_ON,
        (Reason::NotYetActivated, false) => &NOT_YET_ACTIVATED,
        (Reason::ReplacementPeriodOver, _) => &REPLACEMENT_PERIOD_OVER,
    }
}

// ---------------------------------------------------------------------------
// Reminders (N1–N5, A1): what is due, for which offer, by when, and what
// happens if nothing is done.
// ---------------------------------------------------------------------------

/// N1, with the anniversary and the window.
const UPCOMING_ANNIVERSARY_ON: Entry = Entry {
    en: "The anniversary date of the offer \"{offer}\" is {anniversary}. Renew it within its renewal window, from {opens} to {closes}; if it is not renewed by {closes}, its benefits are lost.",
    ko: "“{offer}” 제품의 1주년 날짜는 {anniversary}입니다. 갱신 기간인 {opens}부터 {closes}까지 갱신하세요. {closes}까지 갱신하지 않으면 혜택이 사라집니다.",
    zh_hans: "产品/服务“{offer}”的周年日期为{anniversary}。请在续订时段（{opens}至{closes}）内续订；如果到{closes}仍未续订，将失去其权益。",
};

/// N1, without dates.
const UPCOMING_ANNIVERSARY: Entry = Entry {
    en: "The anniversary date of the offer \"{offer}\" is coming up. Renew it within its renewal window; if it is not renewed in time, its benefits are lost.",
    ko: "“{offer}” 제품의 1주년 날짜가 다가옵니다. 갱신 기간 내에 갱신하세요. 갱신 기간 내에 갱신하지 않으면 혜택이 사라집니다.",
    zh_hans: "产品/服务“{offer}”即将满一周年。请在续订时段内续订；如果未在续订时段内续订，将失去其权益。",
};

/// N1, A1, with the anniversary and the window's first day.
const UPCOMING_AUTO_RENEWAL_ON: Entry = Entry {
    en: "The Action Pack \"{offer}\" reaches its anniversary date on {anniversary} and is set to renew automatically when its renewal window opens on {opens}; the renewal fee is charged then. To stop the renewal, turn off automatic renewal before {opens}.",
    ko: "“{offer}” Action Pack 구독은 1주년 날짜가 {anniversary}이며, 갱신 기간이 시작되는 {opens}에 자동으로 갱신되고 갱신 요금이 청구되도록 설정되어 있습니다. 갱신하지 않으려면 {opens} 전에 자동 갱신을 끄세요.",
    zh_hans: "Action Pack“{offer}”的周年日期为{anniversary}，已设置为在续订时段开始时（{opens}）自动续订，届时将收取续订费用。若要停止续订，请在{opens}之前关闭自动续订。",
};

/// N1, A1, without dates.
const UPCOMING_AUTO_RENEWAL: Entry = Entry {
    en: "The Action Pack \"{offer}\" reaches its anniversary date soon and is set to renew automatically when its renewal window opens; the renewal fee is charged then. To stop the renewal, turn off automatic renewal before then.",
    ko: "“{offer}” Action Pack 구독은 1주년 날짜가 다가오며, 갱신 기간이 시작되면 자동으로 갱신되고 갱신 요금이 청구되도록 설정되어 있습니다. 갱신하지 않으려면 그 전에 자동 갱신을 끄세요.",
    zh_hans: "Action Pack“{offer}”即将满一周年，已设置为在续订时段开始时自动续订，届时将收取续订费用。若要停止续订，请在此之前关闭自动续订。",
};

/// A1, with the window.
const AUTO_RENEWAL_DUE_ON: Entry = Entry {
    en: "The automatic renewal of the Action Pack \"{offer}\" is due: its renewal window is open from {opens} to {closes}, and the renewal fee is charged now. If it is not renewed by {closes}, its benefits are lost.",
    ko: "“{offer}” Action Pack 구독의 자동 갱신일입니다. 갱신 기간은 {opens}부터 {closes}까지이며, 지금 갱신 요금이 청구됩니다. {closes}까지 갱신되지 않으면 혜택이 사라집니다.",
    zh_hans: "Action Pack“{offer}”的续订时段已开始（{opens}至{closes}），现在将自动续订并收取续订费用。如果到{closes}仍未续订，将失去其权益。",
};

/// A1, without dates.
const AUTO_RENEWAL_DUE: Entry = Entry {
    en: "The automatic renewal of the Action Pack \"{offer}\" is due: its renewal window is open, and the renewal fee is charged now. If it is not renewed within the window, its benefits are lost.",
    ko: "“{offer}” Action Pack 구독의 자동 갱신일입니다. 갱신 기간이 시작되어 지금 갱신 요금이 청구됩니다. 갱신 기간 내에 갱신되지 않으면 혜택이 사라집니다.",
    zh_hans: "Action Pack“{offer}”的续订时段已开始，现在将自动续订并收取续订费用。如果未在续订时段内续订，将失去其权益。",
};

/// N2, with the window's last day and the lapse day.
const WINDOW_CLOSING_ON: Entry = Entry {
    en: "The offer \"{offer}\" has not been renewed yet. Its renewal window ends on {closes}: renew it by then, or its benefits are lost on {lapse}.",
    ko: "“{offer}” 제품이 아직 갱신되지 않았습니다. 갱신 기간은 {closes}에 끝납니다. 그때까지 갱신하지 않으면 {lapse}에 혜택이 사라집니다.",
    zh_hans: "产品/服务“{offer}”尚未续订。其续订时段于{closes}结束，请最迟于当日续订，否则将于{lapse}失去其权益。",
};

/// N2, without dates.
const WINDOW_CLOSING: Entry = Entry {
    en: "The offer \"{offer}\" has not been renewed yet. Its renewal window is still open: renew it before the window ends, or its benefits are lost.",
    ko: "“{offer}” 제품이 아직 갱신되지 않았습니다. 갱신 기간이 끝나기 전에 갱신하지 않으면 혜택이 사라집니다.",
    zh_hans: "产品/服务“{offer}”尚未续订。请在续订时段结束前续订，否则将失去其权益。",
};

/// W6, N5, B1, with the window's last day.
const BENEFITS_LOST_ON: Entry = Entry {
    en: "The offer \"{offer}\" was not renewed within its renewal window, which ended on {closes}: it has lapsed, and its benefits are lost. Any on-premises software obtained through it must now be uninstalled, or licensed through Commercial Licensing.",
    ko: "“{offer}” 제품이 {closes}에 끝난 갱신 기간 내에 갱신되지 않아 만료되었으며, 혜택이 사라졌습니다. 이제 상업적 라이선스를 통해 라이선스 권한을 얻거나, 이 제품을 통해 가져온 온-프레미스 소프트웨어를 제거해야 합니다.",
    zh_hans: "产品/服务“{offer}”未在续订时段（于{closes}结束）内续订，现已失效并失去权益。现在必须通过商业许可获得许可权利，或卸载通过该产品/服务获得的本地软件。",
};

/// W6, N5, B1, without dates.
const BENEFITS_LOST: Entry = Entry {
    en: "The offer \"{offer}\" was not renewed within its renewal window: it has lapsed, and its benefits are lost. Any on-premises software obtained through it must now be uninstalled, or licensed through Commercial Licensing.",
    ko: "“{offer}” 제품이 갱신 기간 내에 갱신되지 않아 만료되었으며, 혜택이 사라졌습니다. 이제 상업적 라이선스를 통해 라이선스 권한을 얻거나, 이 제품을 통해 가져온 온-프레미스 소프트웨어를 제거해야 합니다.",
    zh_hans: "产品/服务“{offer}”未在续订时段内续订，现已失效并失去权益。现在必须通过商业许可获得许可权利，或卸载通过该产品/服务获得的本地软件。",
};

/// The sentence of a reminder; `dated` picks the form with the offer's
/// dates.
pub(crate) const fn reminder(kind: ReminderKind, dated: bool) -> &'static Entry {
    match (kind, dated) {
        (ReminderKind::UpcomingAnniversary, true) => &UPCOMING_ANNIVERSARY_ON,
        (ReminderKind::UpcomingAnniversary, false) => &UPCOMING_ANNIVERSARY,
        (ReminderKind::UpcomingAutoRenewal, true) => &UPCOMING_AUTO_RENEWAL_ON,
        (ReminderKind::UpcomingAutoRenewal, false) => &UPCOMING_AUTO_RENEWAL,
        (ReminderKind::AutoRenewalDue, true) => &AUTO_RENEWAL_DUE_ON,
        (ReminderKind::AutoRenewalDue, false) => &AUTO_RENEWAL_DUE,
        (ReminderKind::WindowClosing, true) => &WINDOW_CLOSING_ON,
        (ReminderKind::WindowClosing, false) => &WINDOW_CLOSING,
        (ReminderKind::BenefitsLost, true) => &BENEFITS_LOST_ON,
        (ReminderKind::BenefitsLost, false) => &BENEFITS_LOST,
    }
}

// ---------------------------------------------------------------------------
// Extensions (E1–E5), after a reminder or an offer's status.
// ---------------------------------------------------------------------------

/// E1, E2, E6: the fee is still due within the window (`000`: "To renew,
/// you'll need to pay your competency fee within your renewal window on
/// the Membership offers page").
pub(crate) const EXTENSION_FEE: Entry = Entry {
    en: "It is covered by the extension {extension}: to renew it, pay the competency fee within the renewal window on the Membership offers page.",
    ko: "이 역량에는 연장({extension})이 적용됩니다. 갱신하려면 멤버십 제품 페이지의 갱신 기간 내에 역량 요금을 지불해야 합니다.",
    zh_hans: "该能力适用延长（{extension}）。若要续订，需于续订时段内，在“会员产品/服务”页上支付能力费用。",
};

/// The extension that covers a lapsed or cancelled offer's anniversary.
pub(crate) const EXTENSION_NOTE: Entry = Entry {
    en: "It is covered by the extension {extension}.",
    ko: "이 역량에는 연장({extension})이 적용됩니다.",
    zh_hans: "该能力适用延长（{extension}）。",
};

/// E1, E2: a lapsed competency may still be reactivated, until `{end}`.
pub(crate) const REACTIVATION_OPEN: Entry = Entry {
    en: "Under the extension {extension}, a membership in Partner Center can still reactivate the competency until {end}, by paying its fee on the Membership offers page.",
    ko: "연장({extension})에 따라 파트너 센터의 멤버십은 {end}까지 멤버십 제품 페이지에서 요금을 지불하여 역량을 다시 활성화할 수 있습니다.",
    zh_hans: "根据延长（{extension}），如果会员资格位于合作伙伴中心，可在“会员产品/服务”页上支付费用重新激活该能力，有效期至{end}。",
};

/// E2, E5: once reactivation is over, a COVID override may be requested.
pub(crate) const COVID_OVERRIDE_OPEN: Entry = Entry {
    en: "Under the extension {extension}, a membership in Partner Center can request a COVID override for the competency through a support ticket.",
    ko: "연장({extension})에 따라 파트너 센터의 멤버십은 지원 티켓을 제출하여 이 역량에 대한 COVID 재정의(COVID override)를 요청할 수 있습니다.",
    zh_hans: "根据延长（{extension}），如果会员资格位于合作伙伴中心，可通过提交支持工单为该能力申请 COVID 特例（COVID override）。",
};

// ---------------------------------------------------------------------------
// Phases: an offer's status, and the events of a timeline.
// ---------------------------------------------------------------------------

/// An active offer, with its dates.
const STATUS_ACTIVE: Entry = Entry {
    en: "The offer \"{offer}\" is active. Its anniversary date is {anniversary}, and its renewal window runs from {opens} to {closes}.",
    ko: "“{offer}” 제품은 활성 상태입니다. 1주년 날짜는 {anniversary}이며, 갱신 기간은 {opens}부터 {closes}까지입니다.",
    zh_hans: "产品/服务“{offer}”处于活动状态。其周年日期为{anniversary}，续订时段为{opens}至{closes}。",
};

/// W3, W4: an offer in its window.
const STATUS_RENEWAL_WINDOW: Entry = Entry {
    en: "The offer \"{offer}\" is in its renewal window, from {opens} to {closes}. Its benefits continue during that time; if it is not renewed by {closes}, they are lost.",
    ko: "“{offer}” 제품은 갱신 기간 중이며, 갱신 기간은 {opens}부터 {closes}까지입니다. 이 기간 동안 혜택은 계속되며, {closes}까지 갱신하지 않으면 혜택이 사라집니다.",
    zh_hans: "产品/服务“{offer}”处于续订时段内（{opens}至{closes}）。在此期间其权益持续有效；如果到{closes}仍未续订，将失去其权益。",
};

/// W6: a lapsed offer.
const STATUS_LAPSED: Entry = Entry {
    en: "The offer \"{offer}\" has lapsed: it was not renewed within its renewal window, which ended on {closes}, and its benefits are lost.",
    ko: "“{offer}” 제품은 {closes}에 끝난 갱신 기간 내에 갱신되지 않아 만료되었으며, 혜택이 사라졌습니다.",
    zh_hans: "产品/服务“{offer}”未在续订时段（于{closes}结束）内续订，已失效并失去权益。",
};

/// A3: a cancelled offer.
const STATUS_CANCELLED: Entry = Entry {
    en: "The offer \"{offer}\" was cancelled through Partner Center Support, and its benefits are lost.",
    ko: "“{offer}” 제품은 파트너 센터 지원 팀을 통해 취소되었으며, 혜택이 사라졌습니다.",
    zh_hans: "产品/服务“{offer}”已通过合作伙伴中心支持团队取消，并已失去权益。",
};

/// The sentence of an offer's status in its phase.
pub(crate) const fn status(phase: Phase) -> &'static Entry {
    match phase {
        Phase::Active => &STATUS_ACTIVE,
        Phase::RenewalWindow => &STATUS_RENEWAL_WINDOW,
        Phase::Lapsed => &STATUS_LAPSED,
        Phase::Cancelled => &STATUS_CANCELLED,
    }
}

/// An offer becomes active (a renewal, a reactivation).
const BECOMES_ACTIVE: Entry = Entry {
    en: "On {date}, the offer \"{offer}\" becomes active.",
    ko: "{date}에 “{offer}” 제품이 활성 상태가 됩니다.",
    zh_hans: "{date}，产品/服务“{offer}”进入活动状态。",
};

/// W2: the window opens, with its last day.
const WINDOW_OPENS_UNTIL: Entry = Entry {
    en: "On {date}, the renewal window of the offer \"{offer}\" opens; it ends on {closes}.",
    ko: "{date}에 “{offer}” 제품의 갱신 기간이 시작되며, {closes}에 끝납니다.",
    zh_hans: "{date}，产品/服务“{offer}”的续订时段开始，于{closes}结束。",
};

/// W2: the window opens.
const WINDOW_OPENS: Entry = Entry {
    en: "On {date}, the renewal window of the offer \"{offer}\" opens.",
    ko: "{date}에 “{offer}” 제품의 갱신 기간이 시작됩니다.",
    zh_hans: "{date}，产品/服务“{offer}”的续订时段开始。",
};

/// W6: the offer lapses.
const LAPSES: Entry = Entry {
    en: "On {date}, the offer \"{offer}\" lapses: it was not renewed within its renewal window, and its benefits are lost.",
    ko: "{date}에 “{offer}” 제품이 갱신 기간 내에 갱신되지 않아 만료되며, 혜택이 사라집니다.",
    zh_hans: "{date}，产品/服务“{offer}”因未在续订时段内续订而失效，并失去权益。",
};

/// A3: the offer is cancelled.
const IS_CANCELLED: Entry = Entry {
    en: "On {date}, the offer \"{offer}\" is cancelled, and its benefits are lost.",
    ko: "{date}에 “{offer}” 제품이 취소되며, 혜택이 사라집니다.",
    zh_hans: "{date}，产品/服务“{offer}”被取消，并失去权益。",
};

/// The sentence of an offer's move to the phase `to` on the day of an
/// event; `dated` picks the form with the window's last day.
pub(crate) const fn phase_changed(to: Phase, dated: bool) -> &'static Entry {
    match (to, dated) {
        (Phase::Active, _) => &BECOMES_ACTIVE,
        (Phase::RenewalWindow, true) => &WINDOW_OPENS_UNTIL,
        (Phase::RenewalWindow, false) => &WINDOW_OPENS,
        (Phase::Lapsed, _) => &LAPSES,
        (Phase::Cancelled, _) => &IS_CANCELLED,
    }
}
