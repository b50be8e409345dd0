//! The support ladder: hostile < silence < verbal < diplomatic < economic < materiel < military.

use std::fmt;

use crate::Error;

/// A rung on the support ladder, from worst to best.
///
/// The order is the derived `Ord`: `Hostile < Silence < Verbal < ... < Military`.
///
/// [`Silence`](SupportKind::Silence) is the *absence* of support. It is a
/// valid required level (neutrality asks only that the guarantor stay out)
/// and a valid outcome, but never a recorded event:
/// [`SupportEvent::new`](crate::SupportEvent::new) rejects it with
/// [`Error::SilenceEvent`](crate::Error::SilenceEvent). To code "stayed
/// silent", record no event for that actor in the crisis's response window;
/// the test resolves as silence when the window closes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum SupportKind {
    /// An act against the recipient: sanctions on it, strikes on it, arms to its enemy.
    Hostile,
    /// Nothing at all: a level to require or an outcome, never an event
    /// (record nothing instead; see the type's docs).
    #[default]
    Silence,
    /// Statements: condemnation of the adversary, expressions of solidarity.
    Verbal,
    /// Diplomatic action: UN votes and vetoes, envoys, mediation, asylum.
    Diplomatic,
    /// Economic help: credit, trade concessions, sanctions relief, energy.
    Economic,
    /// Materiel: arms, equipment, intelligence, advisers.
    Materiel,
    /// Military action by the provider's own forces.
    Military,
}

impl SupportKind {
    /// All rungs, worst first.
    pub const ALL: [SupportKind; 7] = [
        SupportKind::Hostile,
        SupportKind::Silence,
        SupportKind::Verbal,
        SupportKind::Diplomatic,
        SupportKind::Economic,
        SupportKind::Materiel,
        SupportKind::Military,
    ];

    /// The lower-case name used in files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            SupportKind::Hostile => "hostile",
            SupportKind::Silence => "silence",
            SupportKind::Verbal => "verbal",
            SupportKind::Diplomatic => "diplomatic",
            SupportKind::Economic => "economic",
            SupportKind::Materiel => "materiel",
            SupportKind::Military => "military",
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for SupportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for SupportKind {
    type Err = Error;
    /// Parses the lower-case names of [`SupportKind::as_str`].
    fn from_str(s: &str) -> Result<SupportKind, Error> {
        SupportKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or(Error::UnknownName {
                what: "support kind",
                value: s.to_string(),
            })
    }
}

/// The value of each rung, in [0, 1]: how much of "everything an ally can
/// do" it represents.
///
/// A test's fulfilment is `value(response) * intensity / value(required)`,
/// capped at 1 (see the [methodology](crate::methodology)).
///
/// The defaults grow roughly geometrically, because each rung costs the
/// provider more and signals more (Fearon's "sinking costs"): verbal 0.1,
/// diplomatic 0.25, economic 0.4, materiel 0.6, military 1.0. Hostile and
/// silence are 0. With the default abandonment threshold of 0.5, a defence
/// pact (requiring military action) is honoured by materiel help or more,
/// and a consultation pact (requiring diplomatic action) is not honoured by
/// words alone (0.1 / 0.25 = 0.4).
///
/// # Example
///
/// ```
/// use alliance_reliability::{Ladder, SupportKind};
///
/// let ladder = Ladder::default().with(SupportKind::Materiel, 0.5)?;
/// assert_eq!(ladder.value(SupportKind::Materiel), 0.5);
/// // Values must keep the ladder's order:
/// assert!(Ladder::default().with(SupportKind::Verbal, 0.9).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ladder {
    values: [f64; 7],
}

impl Default for Ladder {
    fn default() -> Ladder {
        Ladder {
            values: [0.0, 0.0, 0.1, 0.25, 0.4, 0.6, 1.0],
        }
    }
}

impl Ladder {
    /// The value of `kind`.
    #[inline]
    pub fn value(&self, kind: SupportKind) -> f64 {
        self.values[kind.index()]
    }

    /// Sets the value of one support rung (verbal to military).
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] if `value` is not in (0, 1], if `kind` is
    /// hostile or silence (fixed at 0), or if the new value would break the
    /// ladder's order (each rung strictly above the one below).
    pub fn with(mut self, kind: SupportKind, value: f64) -> Result<Ladder, Error> {
        let bad = || Error::OutOfRange {
            quantity: "ladder value",
            range: "(0, 1], above the rung below and below the rung above",
            value,
        };
        if kind <= SupportKind::Silence || !(value > 0.0 && value <= 1.0) {
            return Err(bad());
        }
        let i = kind.index();
        if value <= self.values[i - 1] || (i + 1 < 7 && value >= self.values[i + 1]) {
            return Err(bad());
        }
        self.values[i] = value;
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_and_parse() {
        assert!(SupportKind::Hostile < SupportKind::Silence);
        assert!(SupportKind::Materiel < SupportKind::Military);
        for k in SupportKind::ALL {
            assert_eq!(k.as_str().parse::<SupportKind>().unwrap(), k);
        }
        assert!("Military".parse::<SupportKind>().is_err());
    }

    #[test]
    fn ladder_checks() {
        let l = Ladder::default();
        assert!(l.with(SupportKind::Hostile, 0.1).is_err());
        assert!(l.with(SupportKind::Military, 1.1).is_err());
        assert!(l.with(SupportKind::Military, f64::NAN).is_err());
        assert!(l.with(SupportKind::Military, 0.6).is_err());
        assert_eq!(
            l.with(SupportKind::Military, 0.9)
                .unwrap()
                .value(SupportKind::Military),
            0.9
        );
    }
}
