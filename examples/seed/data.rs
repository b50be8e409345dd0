//! The seed scenario: Russia and its partners, 1980–2026, from the public record.
//!
//! Actor ids follow the Correlates of War state abbreviations (KZK for
//! Kazakhstan, KYR for Kyrgyzstan, TAJ for Tajikistan, SAF for South Africa,
//! UAE, INS for Indonesia), so this timeline joins with the bundled COW and
//! ATOP data.
//!
//! Coding choices are ours and are written beside each record. Where a date
//! is approximate the source text says so. Intensity says how much of its
//! rung an act delivered; confidence how sure the public record is.

use alliance_reliability::{
    Actor, ActorKind, Commitment, Confidence, Crisis, CrisisKind, CrisisKinds, Error, Intensity,
    Membership, Obligation, Parties, Period, Provocation, Severity, SupportEvent, SupportKind,
    Timeline,
};
use chrono::NaiveDate;

/// A calendar date. The seed data only uses valid dates.
pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("seed dates are valid")
}

fn event(
    provider: &str,
    recipient: &str,
    date: NaiveDate,
    kind: SupportKind,
    intensity: f64,
    confidence: f64,
    source: &str,
) -> Result<SupportEvent, Error> {
    Ok(SupportEvent::new(provider, recipient, date, kind)?
        .with_intensity(Intensity::new(intensity)?)
        .with_confidence(Confidence::new(confidence)?)
        .with_source(source))
}

/// The seed timeline.
pub fn timeline() -> Result<Timeline, Error> {
    use ActorKind::{Bloc, NonState, State};
    use SupportKind::{Diplomatic, Materiel, Military, Verbal};

    let states = [
        ("RUS", "Russia"),
        ("IRN", "Iran"),
        ("SYR", "Syria"),
        ("ARM", "Armenia"),
        ("AZE", "Azerbaijan"),
        ("VEN", "Venezuela"),
        ("USA", "United States"),
        ("ISR", "Israel"),
        ("KZK", "Kazakhstan"),
        ("BLR", "Belarus"),
        ("KYR", "Kyrgyzstan"),
        ("TAJ", "Tajikistan"),
        ("CHN", "China"),
        ("IND", "India"),
        ("BRA", "Brazil"),
        ("SAF", "South Africa"),
        ("EGY", "Egypt"),
        ("ETH", "Ethiopia"),
        ("UAE", "United Arab Emirates"),
        ("INS", "Indonesia"),
    ];
    let mut b = Timeline::builder();
    for (i, n) in states {
        b = b.actor(Actor::new(i, n, State)?);
    }
    b = b
        .actor(Actor::new(
            "SYR-OPP",
            "Syrian armed opposition (HTS-led)",
            NonState,
        )?)
        .actor(Actor::new(
            "KZK-UNREST",
            "Kazakhstan unrest, January 2022",
            NonState,
        )?)
        .actor(Actor::new(
            "IRN-OPP",
            "Iranian protest movement 2025-26",
            NonState,
        )?)
        .actor(Actor::new(
            "CSTO",
            "Collective Security Treaty Organization",
            Bloc,
        )?)
        .actor(Actor::new("BRICS", "BRICS", Bloc)?);

    // CSTO: the Collective Security Treaty entered into force on 1994-04-20.
    // Armenia froze its participation on 2024-02-23.
    let cst = d(1994, 4, 20);
    for m in ["RUS", "KZK", "BLR", "KYR", "TAJ"] {
        b = b.membership(Membership::new("CSTO", m, Period::starting(cst))?);
    }
    b = b.membership(Membership::new(
        "CSTO",
        "ARM",
        Period::new(cst, Some(d(2024, 2, 23)))?,
    )?);
    // BRICS: BRIC's first summit 2009-06-16; South Africa invited 2010-12-24;
    // Egypt, Ethiopia, Iran and the UAE from 2024-01-01; Indonesia 2025-01-06.
    for m in ["BRA", "RUS", "IND", "CHN"] {
        b = b.membership(Membership::new(
            "BRICS",
            m,
            Period::starting(d(2009, 6, 16)),
        )?);
    }
    b = b.membership(Membership::new(
        "BRICS",
        "SAF",
        Period::starting(d(2010, 12, 24)),
    )?);
    for m in ["EGY", "ETH", "IRN", "UAE"] {
        b = b.membership(Membership::new(
            "BRICS",
            m,
            Period::starting(d(2024, 1, 1)),
        )?);
    }
    b = b.membership(Membership::new(
        "BRICS",
        "INS",
        Period::starting(d(2025, 1, 6)),
    )?);

    let external_or_uprising =
        CrisisKinds::of([CrisisKind::ExternalAttack, CrisisKind::InternalUprising]);
    b = b
        // CST Article 4: aggression against one member is aggression against all.
        // The 2022 Kazakhstan deployment was made under it, so uprisings count.
        .commitment(
            Commitment::new(
                "CST-art4",
                Parties::bloc("CSTO")?,
                Obligation::Defence,
                Period::starting(cst),
            )?
            .with_provocation(Provocation::ExcludedIfBeneficiaryInitiated)
            .with_crisis_kinds(external_or_uprising)
            .with_label("Collective Security Treaty (1992), Art. 4"),
        )
        // BRICS has no treaty obligation; members expect political solidarity
        // against outside attack or coercion: a statement is the least of it.
        .commitment(
            Commitment::new(
                "BRICS-solidarity",
                Parties::bloc("BRICS")?,
                Obligation::Partnership,
                Period::starting(d(2009, 6, 16)),
            )?
            .with_required(Verbal)
            .with_crisis_kinds(CrisisKinds::of([
                CrisisKind::ExternalAttack,
                CrisisKind::EconomicCoercion,
            ]))
            .with_label("BRICS political solidarity (informal)"),
        )
        // USSR-Syria Treaty of Friendship and Cooperation, 1980-10-08: consultation.
        .commitment(
            Commitment::new(
                "USSR-SYR-1980",
                Parties::mutual("RUS", "SYR")?,
                Obligation::Consultation,
                Period::starting(d(1980, 10, 8)),
            )?
            .with_label("Treaty of Friendship and Cooperation (1980)"),
        )
        // Hmeimim agreement, 2015-08-26: Russian forces deployed to defend the government.
        .commitment(
            Commitment::new(
                "RUS-SYR-Hmeimim",
                Parties::directed("RUS", "SYR")?,
                Obligation::Partnership,
                Period::new(d(2015, 8, 26), Some(d(2024, 12, 8)))?,
            )?
            .with_required(Military)
            .with_label("Hmeimim basing agreement (2015): protection of the government"),
        )
        // 2001 Treaty on the Basis of Mutual Relations: neither helps an aggressor
        // against the other. A neutrality-type promise, against states only.
        .commitment(
            Commitment::new(
                "RUS-IRN-2001",
                Parties::mutual("RUS", "IRN")?,
                Obligation::Neutrality,
                Period::starting(d(2001, 3, 12)),
            )?
            .with_crisis_kinds(CrisisKinds::of([CrisisKind::ExternalAttack]))
            .with_label("Treaty on the Basis of Mutual Relations (2001)"),
        )
        // Comprehensive Strategic Partnership Treaty: signed 2025-01-17, in force
        // 2025-10-02; no mutual-defence clause (Art. 3: consult, and do not aid
        // an aggressor). A strategic-partnership treaty from signature.
        .commitment(
            Commitment::new(
                "RUS-IRN-CSP",
                Parties::mutual("RUS", "IRN")?,
                Obligation::StrategicPartnership,
                Period::starting(d(2025, 1, 17)),
            )?
            .with_label("Comprehensive Strategic Partnership Treaty (2025)"),
        )
        // Russia-Venezuela Treaty on Strategic Partnership and Cooperation, signed
        // 2025-05-07: a strategic-partnership treaty, no defence clause.
        .commitment(
            Commitment::new(
                "RUS-VEN-2025",
                Parties::mutual("RUS", "VEN")?,
                Obligation::StrategicPartnership,
                Period::starting(d(2025, 5, 7)),
            )?
            .with_label("Strategic Partnership and Cooperation Treaty (2025)"),
        );

    b = b
        .crisis(
            Crisis::new(
                "SYR-2015-09",
                "SYR",
                Period::new(d(2015, 9, 30), Some(d(2015, 12, 31)))?,
                CrisisKind::InternalUprising,
            )?
            .with_adversaries(["SYR-OPP"])
            .with_severity(Severity::new(0.9)?)
            .with_label("Syrian government requests Russian military help"),
        )
        .crisis(
            Crisis::new(
                "KZK-2022-01",
                "KZK",
                Period::new(d(2022, 1, 2), Some(d(2022, 1, 13)))?,
                CrisisKind::InternalUprising,
            )?
            .with_adversaries(["KZK-UNREST"])
            .with_severity(Severity::new(0.8)?)
            .with_label("Kazakhstan unrest; Tokayev invokes the CSTO"),
        )
        .crisis(
            Crisis::new(
                "ARM-2022-09",
                "ARM",
                Period::starting(d(2022, 9, 13)),
                CrisisKind::ExternalAttack,
            )?
            .with_adversaries(["AZE"])
            .with_severity(Severity::new(0.8)?)
            .with_label("Azerbaijani attack on Armenia; CSTO Art. 4 invoked"),
        )
        .crisis(
            Crisis::new(
                "SYR-2024-11",
                "SYR",
                Period::new(d(2024, 11, 27), Some(d(2024, 12, 8)))?,
                CrisisKind::InternalUprising,
            )?
            .with_adversaries(["SYR-OPP"])
            .with_severity(Severity::ONE)
            .with_label("HTS offensive; Assad falls"),
        )
        .crisis(
            Crisis::new(
                "IRN-2025-06",
                "IRN",
                Period::new(d(2025, 6, 13), Some(d(2025, 6, 24)))?,
                CrisisKind::ExternalAttack,
            )?
            .with_adversaries(["ISR", "USA"])
            .with_severity(Severity::ONE)
            .with_label("Israeli and US strikes on Iran"),
        )
        .crisis(
            Crisis::new(
                "IRN-2025-12",
                "IRN",
                Period::starting(d(2025, 12, 28)),
                CrisisKind::InternalUprising,
            )?
            .with_adversaries(["IRN-OPP"])
            .with_severity(Severity::new(0.9)?)
            .with_label("Iranian uprising"),
        )
        // We give Moscow one week to answer the seizure of its partner's president.
        .crisis(
            Crisis::new(
                "VEN-2026-01",
                "VEN",
                Period::new(d(2026, 1, 3), Some(d(2026, 1, 10)))?,
                CrisisKind::LeaderRemoved,
            )?
            .with_adversaries(["USA"])
            .with_severity(Severity::ONE)
            .with_label("US forces seize Maduro"),
        );

    let events = [
        // Syria 2015: the air campaign begins the day of the request.
        event(
            "RUS",
            "SYR",
            d(2015, 9, 30),
            Military,
            1.0,
            1.0,
            "Russian air campaign in Syria begins",
        )?
        .against("SYR-OPP"),
        // Kazakhstan 2022: the CSTO's Collective Peacekeeping Forces, counted for every member.
        event(
            "CSTO",
            "KZK",
            d(2022, 1, 6),
            Military,
            1.0,
            1.0,
            "CSTO peacekeepers deployed (Russia ~2,000 troops; Armenian, Belarusian, Kyrgyz, Tajik contingents)",
        )?,
        // Armenia 2022: a fact-finding mission and a ceasefire call; no military help.
        event(
            "CSTO",
            "ARM",
            d(2022, 9, 13),
            Diplomatic,
            0.5,
            1.0,
            "CSTO sends a fact-finding mission led by its Secretary-General",
        )?,
        event(
            "RUS",
            "ARM",
            d(2022, 9, 13),
            Diplomatic,
            0.5,
            1.0,
            "Moscow says it brokered a ceasefire",
        )?,
        // Syria 2024: limited strikes, then asylum for Assad.
        event(
            "RUS",
            "SYR",
            d(2024, 11, 30),
            Military,
            0.2,
            1.0,
            "limited Russian air strikes on the advancing rebels",
        )?
        .against("SYR-OPP"),
        event(
            "RUS",
            "SYR",
            d(2024, 12, 8),
            Diplomatic,
            1.0,
            1.0,
            "asylum in Moscow for Assad and his family",
        )?,
        // Iran, June 2025: verbal condemnation only.
        event(
            "RUS",
            "IRN",
            d(2025, 6, 13),
            Verbal,
            1.0,
            1.0,
            "Russian foreign ministry condemns Israel's strikes",
        )?
        .against("ISR"),
        event(
            "RUS",
            "IRN",
            d(2025, 6, 22),
            Verbal,
            1.0,
            1.0,
            "Russian foreign ministry condemns the US strikes",
        )?
        .against("USA"),
        event(
            "CHN",
            "IRN",
            d(2025, 6, 13),
            Verbal,
            1.0,
            1.0,
            "China condemns Israel's strikes",
        )?
        .against("ISR"),
        event(
            "BRA",
            "IRN",
            d(2025, 6, 13),
            Verbal,
            1.0,
            0.9,
            "Brazil condemns Israel's strikes",
        )?
        .against("ISR"),
        event(
            "SAF",
            "IRN",
            d(2025, 6, 13),
            Verbal,
            1.0,
            0.9,
            "South Africa condemns the strikes",
        )?
        .against("ISR"),
        event(
            "EGY",
            "IRN",
            d(2025, 6, 13),
            Verbal,
            1.0,
            1.0,
            "Egypt condemns Israel's strikes",
        )?
        .against("ISR"),
        event(
            "UAE",
            "IRN",
            d(2025, 6, 13),
            Verbal,
            1.0,
            1.0,
            "UAE condemns Israel's strikes",
        )?
        .against("ISR"),
        // Iran's uprising, from 2025-12-28 (dates approximate).
        event(
            "RUS",
            "IRN",
            d(2026, 1, 9),
            Verbal,
            1.0,
            1.0,
            "Lavrov warns against foreign interference (date approximate)",
        )?
        .against("IRN-OPP"),
        event(
            "RUS",
            "IRN",
            d(2026, 1, 13),
            Verbal,
            1.0,
            1.0,
            "Shoigu statement of support (date approximate)",
        )?,
        event(
            "RUS",
            "IRN",
            d(2026, 1, 15),
            Materiel,
            1.0,
            0.3,
            "armoured vehicles and helicopters, according to some reports (date approximate)",
        )?,
        // Iran's drones and missiles for Russia's war, from 2022.
        event(
            "IRN",
            "RUS",
            d(2022, 8, 19),
            Materiel,
            0.5,
            0.8,
            "first Shahed and Mohajer drone deliveries reported",
        )?,
        event(
            "IRN",
            "RUS",
            d(2022, 10, 17),
            Materiel,
            1.0,
            1.0,
            "Shahed-136 drones used against Kyiv",
        )?,
        event(
            "IRN",
            "RUS",
            d(2023, 11, 1),
            Materiel,
            1.0,
            0.9,
            "Shahed production transferred to Alabuga",
        )?,
        event(
            "IRN",
            "RUS",
            d(2024, 9, 10),
            Materiel,
            0.7,
            0.9,
            "Fath-360 ballistic missiles delivered, per US and UK",
        )?,
        // What Russia gave Iran outside crises.
        event(
            "RUS",
            "IRN",
            d(2023, 9, 1),
            Materiel,
            0.3,
            0.8,
            "Yak-130 trainer aircraft reported delivered",
        )?,
    ];
    b.events(events).build()
}
