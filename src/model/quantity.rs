//! Checked quantities in (0, 1]: severity, intensity, confidence.

use std::fmt;

use crate::Error;

macro_rules! unit_type {
    ($(#[$meta:meta])* $name:ident, $quantity:literal) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, PartialOrd)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(try_from = "f64", into = "f64"))]
        pub struct $name(f64);

        impl $name {
            /// The largest value, 1.
            pub const ONE: $name = $name(1.0);

            /// Checks that `value` is in (0, 1].
            ///
            /// # Errors
            ///
            /// [`Error::OutOfRange`] for zero, negative, NaN, infinite or
            /// greater-than-one values.
            pub fn new(value: f64) -> Result<Self, Error> {
                if value > 0.0 && value <= 1.0 {
                    Ok($name(value))
                } else {
                    Err(Error::OutOfRange {
                        quantity: $quantity,
                        range: "(0, 1]",
                        value,
                    })
                }
            }

            /// The value, in (0, 1].
            pub fn get(self) -> f64 {
                self.0
            }
        }

        impl Default for $name {
            /// 1: full, unless said otherwise.
            fn default() -> Self {
                $name::ONE
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl TryFrom<f64> for $name {
            type Error = Error;
            fn try_from(v: f64) -> Result<Self, Error> {
                $name::new(v)
            }
        }

        impl From<$name> for f64 {
            fn from(v: $name) -> f64 {
                v.0
            }
        }
    };
}

unit_type!(
    /// How grave a [`Crisis`](crate::Crisis) is, in (0, 1]. It scales the
    /// weight of every test the crisis produces: a regime-threatening war
    /// (1.0) says more about an ally than a border skirmish (0.2).
    Severity,
    "severity"
);

unit_type!(
    /// How much of its rung a [`SupportEvent`](crate::SupportEvent) delivers,
    /// in (0, 1]: "limited strikes" might be military at 0.2, a full
    /// intervention military at 1.0.
    Intensity,
    "intensity"
);

unit_type!(
    /// How sure the coder is that a [`SupportEvent`](crate::SupportEvent)
    /// happened, in (0, 1]: 1 for an official act, about 0.3 for
    /// "according to some reports". It is read as a probability.
    Confidence,
    "confidence"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range() {
        for bad in [
            0.0,
            -0.1,
            1.0000001,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            assert!(Severity::new(bad).is_err(), "{bad}");
        }
        assert_eq!(Confidence::new(1.0).unwrap().get(), 1.0);
        assert_eq!(
            Intensity::new(f64::MIN_POSITIVE).unwrap().get(),
            f64::MIN_POSITIVE
        );
    }
}
