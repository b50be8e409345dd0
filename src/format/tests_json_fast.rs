//! The fast JSON reader against the checking reader: whenever the fast
//! one accepts a document it must give the checking reader's timeline, and
//! on clean documents it must accept.

use proptest::prelude::*;

use super::json_fast::read;
use super::*;
use crate::{Actor, Commitment, Crisis, Membership, SupportEvent, Timeline};

type Parts = (
    Vec<Actor>,
    Vec<Membership>,
    Vec<Commitment>,
    Vec<Crisis>,
    Vec<SupportEvent>,
);

fn parts(t: &Timeline) -> Parts {
    (
        t.actors().to_vec(),
        t.memberships().to_vec(),
        t.commitments().to_vec(),
        t.crises().to_vec(),
        t.events().collect(),
    )
}

/// The checking reader's parts, or `None` if it rejects the document.
fn checked(text: &str) -> Option<Parts> {
    let doc: TimelineDocument = serde_json::from_str(text).ok()?;
    doc.into_timeline().ok().map(|t| parts(&t))
}

/// Checks one document; returns whether the fast reader accepted it.
fn agree(text: &str) -> bool {
    let want = checked(text);
    let fast = read(text.as_bytes());
    if let Some(got) = &fast {
        assert_eq!(Some(parts(got)), want, "{text}");
    }
    let public = read_json(text.as_bytes(), "doc.json")
        .ok()
        .map(|t| parts(&t));
    assert_eq!(public, want, "{text}");
    fast.is_some()
}

const HEAD: &str = r#""format": "alliance-timeline/1",
  "actors": [{"id": "A1", "name": "a", "kind": "state"}, {"id": "B-2", "name": "b", "kind": "state"},
             {"id": "C.3", "name": "c", "kind": "state"}, {"id": "LONG:ID/12345", "name": "d", "kind": "state"},
             {"id": "BLOC", "name": "e", "kind": "bloc"}],
  "memberships": [{"bloc": "BLOC", "member": "A1", "period": {"from": "1990-01-01"}}],
  "commitments": [{"id": "P", "parties": {"bloc": "BLOC"}, "obligation": "defence", "period": {"from": "1990-01-01"}}],
  "crises": [{"id": "K", "target": "A1", "period": {"from": "2001-01-01", "until": "2001-02-01"}, "kind": "other", "adversaries": ["C.3"]}]"#;

fn doc(events: &[&str]) -> String {
    format!("{{{HEAD},\n  \"events\": [{}]}}", events.join(",\n"))
}

#[test]
fn clean_documents_take_the_fast_path() {
    let events = [
        r#"{"provider": "A1", "recipient": "B-2", "date": "2001-01-05", "kind": "verbal"}"#,
        r#"{"kind": "military", "date": "2001-01-06", "recipient": "A1", "provider": "LONG:ID/12345", "intensity": 0.25, "confidence": 1}"#,
        r#"{"provider": "B-2", "recipient": "A1", "against": "C.3", "date": "2001-01-07", "kind": "materiel", "source": "ünïcödé \" escaped"}"#,
        r#"{"provider": "B-2", "recipient": "A1", "against": null, "date": "2001-01-07", "kind": "hostile", "source": null}"#,
        r#"{"provider": "A\u0031", "recipient": "C.3", "date": "-0044-03-15", "kind": "economic", "source": ""}"#,
    ];
    assert!(agree(&doc(&events)));
    // The format tag after the events.
    assert!(agree(
        &format!("{{{HEAD}, \"events\": [], \"format\": \"alliance-timeline/1\"}}").replacen(
            "\"format\": \"alliance-timeline/1\",",
            "",
            1
        )
    ));
    assert!(agree(r#"{"format": "alliance-timeline/1"}"#));
}

#[test]
fn quirky_documents_agree_with_the_checking_reader() {
    let bad = [
        r#"{"provider": "A1", "recipient": "B-2", "date": "2001-01-05", "kind": "silence"}"#,
        r#"{"provider": "A1", "recipient": "B-2", "date": "2001-01-05", "kind": "Verbal"}"#,
        r#"{"provider": "A1", "recipient": "A1", "date": "2001-01-05", "kind": "verbal"}"#,
        r#"{"provider": "A1", "recipient": "B-2", "against": "B-2", "date": "2001-01-05", "kind": "verbal"}"#,
        r#"{"provider": "A1", "recipient": "B-2", "against": "C.3", "date": "2001-01-05", "kind": "hostile"}"#,
        r#"{"provider": "A1", "recipient": "ZZ", "date": "2001-01-05", "kind": "verbal"}"#,
        r#"{"provider": "A1", "recipient": "B-2", "date": "2001-1-5", "kind": "verbal"}"#,
        r#"{"provider": "A1", "recipient": "B-2", "date": " 2001-01-05", "kind": "verbal"}"#,
        r#"{"provider": "A1", "recipient": "B-2", "date": "10000-01-01", "kind": "verbal"}"#,
        r#"{"provider": "A1", "recipient": "B-2", "date": "2001-01-05", "kind": "verbal", "intensity": 0}"#,
        r#"{"provider": "A1", "recipient": "B-2", "date": "2001-01-05", "kind": "verbal", "intensity": "0.5"}"#,
        r#"{"provider": "A1", "recipient": "B-2", "date": "2001-01-05", "kind": "verbal", "intensity": 1e999}"#,
        r#"{"provider": "A1", "recipient": "B-2", "date": "2001-01-05", "kind": "verbal", "confidence": 1.5}"#,
        r#"{"provider": "A1", "recipient": "B-2", "date": "2001-01-05", "kind": "verbal", "intensity": null}"#,
        r#"{"provider": "A1", "recipient": "B-2", "date": "2001-01-05", "kind": "verbal", "colour": 1}"#,
        r#"{"provider": "A1", "provider": "A1", "recipient": "B-2", "date": "2001-01-05", "kind": "verbal"}"#,
        r#"{"recipient": "B-2", "date": "2001-01-05", "kind": "verbal"}"#,
        r#"{"provider": "A1", "recipient": "B-2", "date": "2001-01-05", "kind": "verbal", "source": 3}"#,
        r#"["A1", "B-2", "2001-01-05", "verbal"]"#,
        r#"null"#,
    ];
    for b in bad {
        let ok =
            r#"{"provider": "A1", "recipient": "B-2", "date": "2001-01-05", "kind": "verbal"}"#;
        let text = doc(&[ok, b, ok]);
        // Accepted exactly when the checking reader accepts.
        assert_eq!(agree(&text), checked(&text).is_some(), "{b}");
    }
    // Document level: unknown keys, duplicates, other versions, records
    // after the events, events before the actors, trailing text.
    for text in [
        format!("{{{HEAD}, \"extra\": 1}}"),
        format!("{{{HEAD}, \"actors\": []}}"),
        format!("{{{HEAD}, \"events\": [], \"crises\": []}}"),
        doc(&[]).replace("alliance-timeline/1", "alliance-timeline/2"),
        doc(&[]).replace("\"format\": \"alliance-timeline/1\",", ""),
        format!("{} x", doc(&[])),
        doc(&[]).replace("\"member\": \"A1\"", "\"member\": \"QQ\""),
    ] {
        assert_eq!(agree(&text), checked(&text).is_some(), "{text}");
    }
    // Events before the actors they name: valid, but left to the checking reader.
    let text = r#"{"events": [{"provider": "A1", "recipient": "B-2", "date": "2001-01-05", "kind": "verbal"}], "format": "alliance-timeline/1", "actors": [{"id": "A1", "name": "a", "kind": "state"}, {"id": "B-2", "name": "b", "kind": "state"}]}"#;
    assert!(!agree(text));
    assert!(checked(text).is_some());
}

#[test]
fn location_fields_agree_with_the_checking_reader() {
    // The records before the events are read by the checking reader's own
    // record types, so regions and excluded adversaries are read alike.
    let ok = r#"{"provider": "A1", "recipient": "B-2", "date": "2001-01-05", "kind": "verbal"}"#;
    let with = |crisis: &str, triggers: &str| {
        doc(&[ok])
            .replace(
                r#""adversaries": ["C.3"]}"#,
                &format!(r#""adversaries": ["C.3"]{crisis}}}"#),
            )
            .replace(
                r#""obligation": "defence", "period": {"from": "1990-01-01"}}"#,
                &format!(
                    r#""obligation": "defence", "period": {{"from": "1990-01-01"}}{triggers}}}"#
                ),
            )
    };
    let good = with(
        r#", "regions": ["asia", "europe", "asia"]"#,
        r#", "triggers": {"regions": ["middle_east"], "excluded_adversaries": ["C.3", "A1"]}"#,
    );
    assert!(good.contains("middle_east") && good.contains("\"asia\", \"europe\""));
    assert!(agree(&good));
    for text in [
        with(r#", "regions": ["mars"]"#, ""),
        with(r#", "regions": "asia""#, ""),
        with(r#", "regions": null"#, ""),
        with("", r#", "triggers": {"regions": ["Asia"]}"#),
        with("", r#", "triggers": {"excluded_adversaries": ["a b"]}"#),
        with("", r#", "triggers": {"excluded_adversary": ["A1"]}"#),
    ] {
        assert!(checked(&text).is_none(), "{text}");
        assert!(!agree(&text), "{text}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Random events of valid and invalid fields: the fast reader never
    /// accepts what the checking reader would read otherwise.
    #[test]
    fn fast_reader_never_disagrees(events in prop::collection::vec(
        (
            prop::sample::select(vec![r#""A1""#, r#""B-2""#, r#""ZZ""#, r#""BLOC""#]),
            prop::sample::select(vec![r#""A1""#, r#""C.3""#, r#""LONG:ID/12345""#]),
            prop::sample::select(vec!["", r#", "against": "C.3""#, r#", "against": null"#, r#", "against": "A1""#]),
            prop::sample::select(vec![r#""2001-01-05""#, r#""2001-02-29""#, r#""2000-02-29""#]),
            prop::sample::select(vec![r#""verbal""#, r#""hostile""#, r#""silence""#]),
            prop::sample::select(vec!["", r#", "intensity": 0.5"#, r#", "intensity": 2"#, r#", "confidence": 0.125"#]),
            prop::sample::select(vec!["", r#", "source": "s""#, r#", "source": null"#]),
        ),
        0..10,
    )) {
        let events: Vec<String> = events
            .into_iter()
            .map(|(p, r, a, d, k, q, s)| {
                format!(r#"{{"provider": {p}, "recipient": {r}{a}, "date": {d}, "kind": {k}{q}{s}}}"#)
            })
            .collect();
        let refs: Vec<&str> = events.iter().map(String::as_str).collect();
        agree(&doc(&refs));
    }
}
