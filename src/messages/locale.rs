//! [`Locale`]: the languages of the catalogue, read from BCP 47 tags, and
//! the way each writes a date ([`LocalDate`]).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

use crate::error::{Error, ErrorKind, Snippet};

/// A language of the message catalogue: the languages of the source pages
/// of the rules (Partner Center's ko-KR and zh-CN editions) and of their
/// English originals.
///
/// `FromStr` reads the BCP 47 tags `en`, `en-US`, `ko`, `ko-KR`,
/// `zh-Hans`, `zh-CN` and `zh-SG`, in any case (tags compare
/// case-insensitively, as BCP 47 says); `Display` writes the canonical tag
/// (`en`, `ko`, `zh-Hans`), which reads back as the same locale.
///
/// ```
/// use mpn_renewals::messages::Locale;
///
/// assert_eq!("ko-KR".parse::<Locale>()?, Locale::Ko);
/// assert_eq!("ZH-cn".parse::<Locale>()?, Locale::ZhHans);
/// assert_eq!(Locale::ZhHans.to_string(), "zh-Hans");
/// let err = "fr".parse::<Locale>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "locale: `fr` is not a supported locale; the supported tags are \
///      en, en-US, ko, ko-KR, zh-Hans, zh-CN, zh-SG"
/// );
/// # Ok::<(), mpn_renewals::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive] // a later release may add a language
pub enum Locale {
    /// English (`en`): the original text of the sources.
    En,
    /// Korean (`ko`), in the words of Partner Center's ko-KR pages.
    Ko,
    /// Simplified Chinese (`zh-Hans`), in the words of Partner Center's
    /// zh-CN pages.
    ZhHans,
}

/// Every tag `FromStr` accepts, with its locale.
const TAGS: [(&str, Locale); 7] = [
    ("en", Locale::En),
    ("en-US", Locale::En),
    ("ko", Locale::Ko),
    ("ko-KR", Locale::Ko),
    ("zh-Hans", Locale::ZhHans),
    ("zh-CN", Locale::ZhHans),
    ("zh-SG", Locale::ZhHans),
];

/// The tags of [`TAGS`], as an error lists them.
const SUPPORTED: &str = "en, en-US, ko, ko-KR, zh-Hans, zh-CN, zh-SG";

impl Locale {
    /// Every locale, in the order of the declaration.
    pub const ALL: [Locale; 3] = [Locale::En, Locale::Ko, Locale::ZhHans];

    /// The canonical BCP 47 tag: `en`, `ko`, `zh-Hans`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Ko => "ko",
            Locale::ZhHans => "zh-Hans",
        }
    }

    /// `date` as this locale writes it: `September 2, 2019`,
    /// `2019년 9월 2일`, `2019年9月2日`.
    ///
    /// ```
    /// use mpn_renewals::messages::Locale;
    /// use chrono::NaiveDate;
    ///
    /// let day = NaiveDate::from_ymd_opt(2019, 9, 2).unwrap();
    /// assert_eq!(Locale::En.date(day).to_string(), "September 2, 2019");
    /// assert_eq!(Locale::Ko.date(day).to_string(), "2019년 9월 2일");
    /// assert_eq!(Locale::ZhHans.date(day).to_string(), "2019年9月2日");
    /// ```
    pub const fn date(self, date: NaiveDate) -> LocalDate {
        LocalDate { locale: self, date }
    }

    /// What stands between two sentences: a space, but nothing after a
    /// Chinese full stop.
    pub(crate) const fn sentence_gap(self) -> &'static str {
        match self {
            Locale::En | Locale::Ko => " ",
            Locale::ZhHans => "",
        }
    }
}

impl fmt::Display for Locale {
    /// The canonical tag.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Locale {
    type Err = Error;

    /// The locale of a supported BCP 47 tag, in any case.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownLocale`], with the path `locale`, naming the tag
    /// and the supported ones.
    fn from_str(text: &str) -> Result<Self, Error> {
        TAGS.iter()
            .find(|(tag, _)| tag.eq_ignore_ascii_case(text))
            .map(|(_, locale)| *locale)
            .ok_or_else(|| {
                Error::new(
                    "locale",
                    ErrorKind::UnknownLocale {
                        found: Snippet::of(text),
                        supported: SUPPORTED,
                    },
                )
            })
    }
}

/// A date as a [`Locale`] writes it; see [`Locale::date`]. Writing it
/// allocates nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LocalDate {
    locale: Locale,
    date: NaiveDate,
}

impl fmt::Display for LocalDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = (self.date.year(), self.date.month(), self.date.day());
        match self.locale {
            Locale::En => write!(f, "{} {day}, {year}", month_name(month)),
            Locale::Ko => write!(f, "{year}년 {month}월 {day}일"),
            Locale::ZhHans => write!(f, "{year}年{month}月{day}日"),
        }
    }
}

/// The English name of a month, from 1.
const fn month_name(month: u32) -> &'static str {
    match month {
        1 => "January",
        2 => "February",
        3 => "March",
        4 => "April",
        5 => "May",
        6 => "June",
        7 => "July",
        8 => "August",
        9 => "September",
        10 => "October",
        11 => "November",
        _ => "December",
    }
}
