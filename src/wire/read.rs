//! Reading the wire form with the place of every problem: a document is
//! first read into a [`Node`] tree (by serde, from any self-describing
//! format, or from JSON text with its line and column on a syntax error),
//! then walked field by field, so that each error names its path
//! (`offers[0].kind`, `(root)`) and quotes at most a [`Snippet`] of the
//! input.

use std::fmt::{self, Write as _};

use chrono::NaiveDate;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::calendar::parse_date;
use crate::error::{Error, ErrorKind, Snippet, ROOT};

/// A document as read, before its fields are checked. An object keeps its
/// entries in order, repeated keys included, so that the walk can refuse a
/// field given twice.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Null,
    Bool(bool),
    Int(i64),
    /// A whole number beyond `i64`.
    Big,
    Float(f64),
    Str(String),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

impl Node {
    /// The JSON type, as an error names it.
    fn kind(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "a boolean",
            Node::Int(_) | Node::Big | Node::Float(_) => "a number",
            Node::Str(_) => "a string",
            Node::Array(_) => "an array",
            Node::Object(_) => "an object",
        }
    }

    /// Reads JSON text whole, refusing anything after the document.
    pub(crate) fn from_json(text: &str) -> Result<Node, Error> {
        serde_json::from_str(text).map_err(|err| {
            let full = err.to_string();
            let suffix = format!(" at line {} column {}", err.line(), err.column());
            let message = full.strip_suffix(&suffix).unwrap_or(&full);
            Error::new(
                ROOT,
                ErrorKind::Syntax {
                    line: err.line(),
                    column: err.column(),
                    message: Snippet::of(message),
                },
            )
        })
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_bool<E>(self, value: bool) -> Result<Node, E> {
        Ok(Node::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Node, E> {
        Ok(Node::Int(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Node, E> {
        Ok(i64::try_from(value).map_or(Node::Big, Node::Int))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Node, E> {
        Ok(Node::Float(value))
    }

    fn visit_str<E>(self, value: &str) -> Result<Node, E> {
        Ok(Node::Str(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Node, E> {
        Ok(Node::Str(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
        while let Some(entry) = map.next_entry::<String, Node>()? {
            entries.push(entry);
        }
        Ok(Node::Object(entries))
    }
}

/// A place in a document, as a chain of steps from the root; rendered as a
/// path only when an error needs it.
#[derive(Clone, Copy)]
pub(crate) struct At<'p> {
    parent: Option<&'p At<'p>>,
    step: Step<'p>,
}

#[derive(Clone, Copy)]
enum Step<'p> {
    Root,
    Field(&'p str),
    Index(usize),
}

impl<'p> At<'p> {
    /// The document itself.
    pub(crate) const ROOT: At<'static> = At {
        parent: None,
        step: Step::Root,
    };

    /// Whether this is the document itself.
    pub(crate) fn is_root(&self) -> bool {
        matches!(self.step, Step::Root)
    }

    /// The field `name` of this object.
    pub(crate) fn field(&'p self, name: &'p str) -> At<'p> {
        At {
            parent: Some(self),
            step: Step::Field(name),
        }
    }

    /// The item `index` of this array.
    pub(crate) fn index(&'p self, index: usize) -> At<'p> {
        At {
            parent: Some(self),
            step: Step::Index(index),
        }
    }

    /// The path: `offers[0].kind`, `(root)`. A field name from the input
    /// that is not a plain name is quoted and escaped: `["a b"]`.
    pub(crate) fn path(&self) -> String {
        let mut steps = Vec::new();
        let mut at = Some(self);
        while let Some(here) = at {
            steps.push(here.step);
            at = here.parent;
        }
        let mut path = String::new();
        for step in steps.iter().rev() {
            // Writing to a String cannot fail.
            let _ = match step {
                Step::Root => Ok(()),
                Step::Index(index) => write!(path, "[{index}]"),
                Step::Field(name) if is_plain(name) => {
                    if path.is_empty() {
                        write!(path, "{name}")
                    } else {
                        write!(path, ".{name}")
                    }
                }
                Step::Field(name) => {
                    path.push_str("[\"");
                    let written = Snippet::of(name).write_escaped(&mut path);
                    path.push_str("\"]");
                    written
                }
            };
        }
        if path.is_empty() {
            path.push_str(ROOT);
        }
        path
    }

    /// An error at this place.
    pub(crate) fn error(&self, kind: ErrorKind) -> Error {
        Error::new(self.path(), kind)
    }

    /// An error of the wrong JSON type at this place.
    fn wrong(&self, expected: &'static str, node: &Node) -> Error {
        self.error(ErrorKind::WrongType {
            expected,
            found: node.kind(),
        })
    }

    /// The node as a string.
    pub(crate) fn string(&self, node: Node) -> Result<String, Error> {
        match node {
            Node::Str(text) => Ok(text),
            other => Err(self.wrong("a string", &other)),
        }
    }

    /// The node as a boolean.
    pub(crate) fn boolean(&self, node: Node) -> Result<bool, Error> {
        match node {
            Node::Bool(value) => Ok(value),
            other => Err(self.wrong("a boolean", &other)),
        }
    }

    /// The node as a date of the wire form.
    pub(crate) fn date(&self, node: Node) -> Result<NaiveDate, Error> {
        let text = self.string(node)?;
        parse_date(&text).ok_or_else(|| self.error(ErrorKind::InvalidDate(Snippet::of(&text))))
    }

    /// The node as a whole number within `min ..= max`.
    pub(crate) fn integer(&self, node: Node, min: i64, max: i64) -> Result<i64, Error> {
        let value = match node {
            Node::Int(value) => value,
            Node::Big => i64::MAX,
            other => return Err(self.wrong("a whole number", &other)),
        };
        if value < min || value > max {
            return Err(self.error(ErrorKind::OffsetOutOfRange {
                days: value,
                min,
                max,
            }));
        }
        Ok(value)
    }

    /// The node as an array of its items.
    pub(crate) fn array(&self, node: Node) -> Result<Vec<Node>, Error> {
        match node {
            Node::Array(items) => Ok(items),
            other => Err(self.wrong("an array", &other)),
        }
    }

    /// The node as one of the names of `T`.
    pub(crate) fn name<T: WireName>(&self, node: Node) -> Result<T, Error> {
        let text = self.string(node)?;
        T::from_wire(&text).ok_or_else(|| {
            self.error(ErrorKind::UnknownName {
                found: Snippet::of(&text),
                expected: T::EXPECTED,
            })
        })
    }

    /// The node as an object with only the fields `allowed`, each at most
    /// once.
    pub(crate) fn object(&'p self, node: Node, allowed: &Fields) -> Result<Object<'p>, Error> {
        let entries = match node {
            Node::Object(entries) => entries,
            other => return Err(self.wrong("an object", &other)),
        };
        for (index, (key, _)) in entries.iter().enumerate() {
            if !allowed.names.contains(&key.as_str()) {
                return Err(self.field(key).error(ErrorKind::UnknownField {
                    field: Snippet::of(key),
                    expected: allowed.list,
                }));
            }
            // Every earlier key is allowed and distinct, so there are at
            // most as many of them as allowed fields to look at.
            if entries
                .iter()
                .take(index)
                .any(|(earlier, _)| earlier == key)
            {
                return Err(self
                    .field(key)
                    .error(ErrorKind::DuplicateField(Snippet::of(key))));
            }
        }
        Ok(Object { at: self, entries })
    }
}

/// A field name that prints as it is in a path.
fn is_plain(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The fields an object of the wire form may have: their names, and the
/// same as one string for an error.
pub(crate) struct Fields {
    names: &'static [&'static str],
    list: &'static str,
}

macro_rules! fields {
    ($first:literal $(, $rest:literal)* $(,)?) => {
        Fields {
            names: &[$first $(, $rest)*],
            list: concat!($first $(, ", ", $rest)*),
        }
    };
}

pub(crate) const MEMBERSHIP_FIELDS: Fields = fields!(
    "account",
    "network_member",
    "portal",
    "business_profile",
    "offers",
    "tokens",
);
pub(crate) const OFFER_FIELDS: Fields = fields!(
    "id",
    "kind",
    "area",
    "purchased",
    "anniversary",
    "auto_renew",
    "cancelled",
    "performance_met",
    "exams_validated",
    "origin_account",
    "covid_override_requested",
);
pub(crate) const TOKEN_FIELDS: Fields = fields!("id", "activated", "replaced");
pub(crate) const POLICY_FIELDS: Fields = fields!(
    "name",
    "windows",
    "first_anniversary",
    "renewal_term",
    "reminders",
    "one_pack_per_account",
    "cancellation_days",
    "extensions",
);
pub(crate) const WINDOWS_FIELDS: Fields = fields!("partner_center", "pmc");
pub(crate) const WINDOW_FIELDS: Fields = fields!("opens", "closes");
pub(crate) const REMINDER_FIELDS: Fields = fields!("upcoming", "window_closing");
pub(crate) const FIRST_ANNIVERSARY_FIELDS: Fields = fields!("days_after_purchase");
pub(crate) const RENEWAL_TERM_FIELDS: Fields =
    fields!("days_after_anniversary", "days_after_renewal");
pub(crate) const EXTENSION_FIELDS: Fields = fields!(
    "name",
    "first_anniversary",
    "last_anniversary",
    "excluded_areas",
    "waives_requirements",
    "reactivation_end",
    "covid_override",
);
pub(crate) const REACTIVATION_END_FIELDS: Fields = fields!("on", "days_after_anniversary");
pub(crate) const SET_FIELDS: Fields = fields!("versions");
pub(crate) const VERSION_FIELDS: Fields = fields!("from", "builtin", "policy");
pub(crate) const SCRIPT_FIELDS: Fields = fields!("date", "action");

/// An object whose field names were checked; its fields are taken one by
/// one.
pub(crate) struct Object<'p> {
    at: &'p At<'p>,
    entries: Vec<(String, Node)>,
}

impl<'p> Object<'p> {
    /// The field `name`, taken out; `None` if it is absent.
    pub(crate) fn take(&mut self, name: &str) -> Option<Node> {
        let index = self.entries.iter().position(|(key, _)| key == name)?;
        Some(self.entries.swap_remove(index).1)
    }

    /// The field `name`, `None` if it is absent or `null`.
    pub(crate) fn optional(&mut self, name: &str) -> Option<Node> {
        self.take(name).filter(|node| *node != Node::Null)
    }

    /// The required field `name`, or the error that it is missing.
    pub(crate) fn required(&mut self, name: &'static str) -> Result<Node, Error> {
        self.take(name)
            .ok_or_else(|| self.at.field(name).error(ErrorKind::MissingField(name)))
    }
}

/// A type with wire names: `as_str` and its inverse, and the list of names
/// an error shows.
pub(crate) trait WireName: Sized {
    /// The names, comma-separated.
    const EXPECTED: &'static str;
    /// The value of a wire name.
    fn from_wire(text: &str) -> Option<Self>;
}
