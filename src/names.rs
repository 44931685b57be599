//! The wire names of the crate's enums, written once per enum: `ALL`,
//! `as_str`, its inverse, `Display` and `FromStr`.

/// Implements the wire names of a fieldless enum:
///
/// - `ALL`, every value in declaration order;
/// - `as_str`, the wire name, and `from_wire`, its inverse;
/// - `Display` (the wire name) and `FromStr` (its inverse, refusing
///   anything else with an [`Error`](crate::Error) at the path `$field`
///   that lists the names).
macro_rules! wire_names {
    ($type:ident, $field:literal, { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $type {
            /// Every value, in the order of the declaration.
            pub const ALL: [$type; [$($crate::names::unit!($variant)),+].len()] =
                [$($type::$variant),+];

            /// The names, comma-separated, as an error lists them.
            pub(crate) const EXPECTED: &'static str =
                $crate::names::comma_separated!($($name),+);

            /// The wire name.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($type::$variant => $name),+
                }
            }

            /// The value of a wire name.
            pub(crate) fn from_wire(text: &str) -> Option<$type> {
                match text {
                    $($name => Some($type::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $type {
            /// The wire name.
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $type {
            type Err = $crate::Error;

            /// The value of a wire name, the inverse of `Display`.
            fn from_str(text: &str) -> Result<Self, $crate::Error> {
                $type::from_wire(text).ok_or_else(|| {
                    $crate::Error::new(
                        $field,
                        $crate::ErrorKind::UnknownName {
                            found: $crate::error::Snippet::of(text),
                            expected: $type::EXPECTED,
                        },
                    )
                })
            }
        }

        #[cfg(feature = "serde")]
        impl $crate::wire::WireName for $type {
            const EXPECTED: &'static str = $type::EXPECTED;

            fn from_wire(text: &str) -> Option<Self> {
                $type::from_wire(text)
            }
        }
    };
}

/// `()` for each variant, to count them.
macro_rules! unit {
    ($variant:ident) => {
        ()
    };
}

/// The names joined with ", ".
macro_rules! comma_separated {
    ($first:literal $(, $rest:literal)*) => {
        concat!($first $(, ", ", $rest)*)
    };
}

pub(crate) use comma_separated;
pub(crate) use unit;
pub(crate) use wire_names;
