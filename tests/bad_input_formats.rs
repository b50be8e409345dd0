//! Malformed inputs for the interchange formats: each asserts the exact
//! error variant, and the line, field (column or JSON path) and value.
#![cfg(feature = "serde")]

use alliance_reliability::format::{Tables, read_json, read_tables, read_tables_from};
use alliance_reliability::{Error, Location, Problem, RecordKind, RecordRef, Timeline};

const HEAD: &str = r#"{"format": "alliance-timeline/1",
"actors": [{"id": "A", "name": "Alpha", "kind": "state"}, {"id": "B", "name": "Beta", "kind": "state"}],"#;

/// A document with two actors and, from line 3 on, `rest` (which closes the object).
fn doc(rest: &str) -> String {
    format!("{HEAD}\n{rest}")
}

/// A document whose one event, on line 3, has `fields` after provider A and recipient B.
fn event(fields: &str) -> String {
    doc(&format!(
        r#""events": [{{"provider": "A", "recipient": "B", {fields}}}]}}"#
    ))
}

fn json(text: &str) -> Result<Timeline, Error> {
    read_json(text.as_bytes(), "bad.json")
}

/// The parts of a `Malformed` error: file, line, field, value, reason.
type Parts = (String, Option<u64>, Option<String>, String, String);

/// Asserts a `Malformed` error and returns its parts.
fn malformed(r: Result<Timeline, Error>) -> Parts {
    match r {
        Err(Error::Malformed {
            location: Location { file, line, field },
            value,
            reason,
        }) => (file, line, field, value, reason),
        Err(other) => panic!("expected Malformed, got {other:?}"),
        Ok(_) => panic!("expected Malformed, got a timeline"),
    }
}

fn rref(kind: RecordKind, id: &str) -> RecordRef {
    RecordRef {
        kind,
        id: id.into(),
    }
}

// ---------------------------------------------------------------- JSON

#[test]
fn json_wrong_format_version() {
    // Checked first: a later version's new keys are not reported as unknown fields.
    let r = json(r#"{"format": "alliance-timeline/2", "actors": [], "relations": []}"#);
    assert_eq!(
        r.unwrap_err(),
        Error::UnsupportedFormat {
            location: Location::file("bad.json").at_field("format"),
            found: "alliance-timeline/2".into(),
            expected: "alliance-timeline/1".into(),
        }
    );
}

#[test]
fn json_missing_format_version() {
    assert_eq!(
        json(r#"{"actors": []}"#).unwrap_err(),
        Error::UnsupportedFormat {
            location: Location::file("bad.json").at_field("format"),
            found: "(missing)".into(),
            expected: "alliance-timeline/1".into(),
        }
    );
    // A number is not a version either.
    match json(r#"{"format": 1}"#) {
        Err(Error::UnsupportedFormat { found, .. }) => assert_eq!(found, "1"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn json_truncated() {
    let (file, line, field, value, reason) =
        malformed(json(&doc(r#""events": [{"provider": "A""#)));
    assert_eq!(file, "bad.json");
    assert_eq!(line, Some(3));
    assert_eq!(field.as_deref(), Some("events"));
    assert_eq!(
        reason,
        "EOF while parsing an object (the document is cut short), at column 27"
    );
    // The text around the end of input.
    assert_eq!(value, r#"s": [{"provider": "A""#);
}

#[test]
fn json_empty_file_and_whitespace() {
    assert_eq!(
        json("").unwrap_err(),
        Error::EmptyInput(Location::file("bad.json"))
    );
    assert_eq!(
        json("\u{feff} \n\t").unwrap_err(),
        Error::EmptyInput(Location::file("bad.json"))
    );
}

#[test]
fn json_not_an_object() {
    let (_, line, field, value, reason) = malformed(json("\n  [1, 2]"));
    assert_eq!((line, field), (Some(2), None));
    assert_eq!(value, "[1, 2]");
    assert_eq!(
        reason,
        "a timeline document must be a JSON object, at column 3"
    );
}

#[test]
fn json_unknown_actor_references_all_listed() {
    let text = doc(
        r#""commitments": [{"id": "c1", "parties": {"directed": {"guarantor": "A", "beneficiary": "X"}},
            "obligation": "defence", "period": {"from": "2000-01-01"}, "triggers": {"adversaries": ["Y"], "excluded_adversaries": ["V"]}}],
           "crises": [{"id": "k1", "target": "Z", "period": {"from": "2001-01-01"}, "kind": "other"}],
           "events": [{"provider": "A", "recipient": "B", "date": "2001-01-02", "kind": "verbal"},
                      {"provider": "Q", "recipient": "B", "against": "W", "date": "2001-01-02", "kind": "verbal"}]}"#,
    );
    let Err(Error::InvalidTimeline(problems)) = json(&text) else {
        panic!("expected InvalidTimeline");
    };
    assert_eq!(problems.len(), 6);
    let unknown = |kind, id, field, actor: &str| Problem::UnknownActor {
        record: rref(kind, id),
        field,
        actor: actor.into(),
    };
    assert_eq!(
        problems,
        vec![
            unknown(RecordKind::Commitment, "c1", "beneficiary", "X"),
            unknown(RecordKind::Commitment, "c1", "triggers.adversaries", "Y"),
            unknown(
                RecordKind::Commitment,
                "c1",
                "triggers.excluded_adversaries",
                "V"
            ),
            unknown(RecordKind::Crisis, "k1", "target", "Z"),
            unknown(RecordKind::Event, "#1", "provider", "Q"),
            unknown(RecordKind::Event, "#1", "against", "W"),
        ]
    );
}

#[test]
fn json_duplicate_ids() {
    // Both actors are called A; two crises are called k (the second names B,
    // which no longer exists).
    let text = doc(
        r#""crises": [{"id": "k", "target": "A", "period": {"from": "2001-01-01"}, "kind": "other"},
                      {"id": "k", "target": "B", "period": {"from": "2002-01-01"}, "kind": "other"}]}"#,
    )
    .replace(r#"{"id": "B", "name": "Beta""#, r#"{"id": "A", "name": "Beta""#);
    let Err(Error::InvalidTimeline(problems)) = json(&text) else {
        panic!("expected InvalidTimeline");
    };
    assert_eq!(
        problems,
        vec![
            Problem::DuplicateId {
                record: rref(RecordKind::Actor, "A"),
                first: 0
            },
            Problem::DuplicateId {
                record: rref(RecordKind::Crisis, "k"),
                first: 0
            },
            Problem::UnknownActor {
                record: rref(RecordKind::Crisis, "k"),
                field: "target",
                actor: "B".into()
            },
        ]
    );
}

#[test]
fn json_reversed_interval() {
    let text = doc(
        r#""crises": [{"id": "k", "target": "A", "period": {"from": "2020-01-02", "until": "2020-01-01"}, "kind": "other"}]}"#,
    );
    let (_, line, field, value, reason) = malformed(json(&text));
    assert_eq!(line, Some(3));
    assert_eq!(field.as_deref(), Some("crises[0].period"));
    assert_eq!(value, r#"{"from":"2020-01-02","until":"2020-01-01"}"#);
    assert!(
        reason.starts_with("interval ends (2020-01-01) before it starts (2020-01-02), at column"),
        "{reason}"
    );
}

#[test]
fn json_bad_quantities() {
    // The accepted form is a JSON number in (0, 1]. Strings (even "0.5"),
    // zero, negatives, more than one, and numbers beyond f64 are rejected
    // at the field.
    let cases = [
        (
            r#""confidence": "NaN""#,
            "NaN",
            "invalid type: string \"NaN\", expected f64",
        ),
        (
            r#""confidence": "0.5""#,
            "0.5",
            "invalid type: string \"0.5\", expected f64",
        ),
        (
            r#""confidence": "Infinity""#,
            "Infinity",
            "invalid type: string \"Infinity\", expected f64",
        ),
        (
            r#""confidence": -0.5"#,
            "-0.5",
            "confidence must be in (0, 1], got -0.5",
        ),
        (
            r#""confidence": 0"#,
            "0",
            "confidence must be in (0, 1], got 0",
        ),
        (
            r#""confidence": 1.5"#,
            "1.5",
            "confidence must be in (0, 1], got 1.5",
        ),
        (
            r#""intensity": 0.0"#,
            "0.0",
            "intensity must be in (0, 1], got 0",
        ),
    ];
    for (field, value, reason) in cases {
        let text = event(&format!(
            r#""date": "2020-01-01", "kind": "verbal", {field}"#
        ));
        let (_, line, f, v, r) = malformed(json(&text));
        let name = field.split('"').nth(1).unwrap_or_default();
        assert_eq!(line, Some(3), "{field}");
        assert_eq!(f, Some(format!("events[0].{name}")), "{field}");
        assert_eq!(v, value, "{field}");
        assert_eq!(r.split(", at column").next(), Some(reason), "{field}");
    }
    // Too large for a 64-bit float: a parse error at the field.
    let text = event(r#""date": "2020-01-01", "kind": "verbal", "confidence": 1e999"#);
    let (_, line, f, _, r) = malformed(json(&text));
    assert_eq!(
        (line, f.as_deref()),
        (Some(3), Some("events[0].confidence"))
    );
    assert!(r.starts_with("number out of range, at column"), "{r}");
    // Severity: zero and negative.
    for sev in ["0", "-1"] {
        let text = doc(&format!(
            r#""crises": [{{"id": "k", "target": "A", "period": {{"from": "2020-01-01"}}, "kind": "other", "severity": {sev}}}]}}"#
        ));
        let (_, _, f, v, r) = malformed(json(&text));
        assert_eq!(f.as_deref(), Some("crises[0].severity"));
        assert_eq!(v, sev);
        assert_eq!(
            r.split(", at column").next(),
            Some(format!("severity must be in (0, 1], got {sev}").as_str())
        );
    }
}

#[test]
fn json_out_of_range_dates() {
    // A five-digit year is not YYYY-MM-DD; with a sign chrono reads it, and
    // the range check (years -9999..=9999) rejects it.
    let (_, line, f, v, r) = malformed(json(&event(r#""date": "99999-01-01", "kind": "verbal""#)));
    assert_eq!(
        (line, f.as_deref(), v.as_str()),
        (Some(3), Some("events[0].date"), "99999-01-01")
    );
    assert!(
        r.starts_with("not a YYYY-MM-DD date (input contains invalid characters)"),
        "{r}"
    );
    let (_, _, f, v, r) = malformed(json(&event(r#""date": "+99999-01-01", "kind": "verbal""#)));
    assert_eq!(
        (f.as_deref(), v.as_str()),
        (Some("events[0].date"), "+99999-01-01")
    );
    assert!(
        r.starts_with("date +99999-01-01 is outside the supported range (years -9999 to 9999)"),
        "{r}"
    );
    let (_, _, f, v, r) = malformed(json(&event(r#""date": "2021-02-29", "kind": "verbal""#)));
    assert_eq!(
        (f.as_deref(), v.as_str()),
        (Some("events[0].date"), "2021-02-29")
    );
    assert!(
        r.starts_with("not a YYYY-MM-DD date (input is out of range)"),
        "{r}"
    );
}

#[test]
fn json_silence_as_event_kind() {
    let (_, line, f, v, r) = malformed(json(&event(r#""date": "2020-01-01", "kind": "silence""#)));
    assert_eq!(
        (line, f.as_deref(), v.as_str()),
        (Some(3), Some("events[0].kind"), "silence")
    );
    assert!(r.starts_with(&Error::SilenceEvent.to_string()), "{r}");
}

#[test]
fn json_hostile_event_with_against() {
    let (_, line, f, v, r) = malformed(json(&event(
        r#""against": "A", "date": "2020-01-01", "kind": "hostile""#,
    )));
    assert_eq!(
        (line, f.as_deref(), v.as_str()),
        (Some(3), Some("events[0].against"), "A")
    );
    assert!(r.starts_with(&Error::HostileAgainst.to_string()), "{r}");
}

#[test]
fn json_unknown_enum_name() {
    let text = doc(
        r#""crises": [{"id": "k", "target": "A", "period": {"from": "2020-01-01"}, "kind": "nuclear"}]}"#,
    );
    let (_, line, f, v, r) = malformed(json(&text));
    assert_eq!(
        (line, f.as_deref(), v.as_str()),
        (Some(3), Some("crises[0].kind"), "nuclear")
    );
    assert!(
        r.starts_with("unknown variant `nuclear`, expected one of `external_attack`"),
        "{r}"
    );
}

#[test]
fn json_misspelt_optional_field_is_not_ignored() {
    let (_, _, f, v, r) = malformed(json(&event(
        r#""date": "2020-01-01", "kind": "verbal", "confidance": 0.3"#,
    )));
    assert_eq!(
        (f.as_deref(), v.as_str()),
        (Some("events[0].confidance"), "0.3")
    );
    assert!(r.starts_with("unknown field `confidance`"), "{r}");
    let text = doc(
        r#""crises": [{"id": "k", "target": "A", "period": {"from": "2020-01-01", "untill": "2021-01-01"}, "kind": "other"}]}"#,
    );
    let (_, _, f, v, _) = malformed(json(&text));
    assert_eq!(
        (f.as_deref(), v.as_str()),
        (Some("crises[0].period.untill"), "2021-01-01")
    );
}

#[test]
fn json_invalid_id() {
    let text = r#"{"format": "alliance-timeline/1", "actors": [{"id": "A B", "name": "", "kind": "state"}]}"#;
    let (_, line, f, v, r) = malformed(json(text));
    assert_eq!(
        (line, f.as_deref(), v.as_str()),
        (Some(1), Some("actors[0].id"), "A B")
    );
    assert!(r.starts_with("invalid actor id \"A B\""), "{r}");
}

#[test]
fn json_bad_crisis_region() {
    let text = doc(
        r#""crises": [{"id": "k", "target": "A", "period": {"from": "2020-01-01"}, "kind": "other", "regions": ["europe", "atlantis"]}]}"#,
    );
    let (file, line, f, v, r) = malformed(json(&text));
    assert_eq!(
        (file.as_str(), line, f.as_deref(), v.as_str()),
        (
            "bad.json",
            Some(3),
            Some("crises[0].regions[1]"),
            "atlantis"
        )
    );
    assert!(
        r.starts_with("unknown variant `atlantis`, expected one of `western_hemisphere`"),
        "{r}"
    );
    // Names are case-sensitive, and a set is an array, never a bare name or null.
    for (regions, value) in [
        (r#"["Europe"]"#, "Europe"),
        (r#""europe""#, "europe"),
        ("null", "null"),
    ] {
        let text = doc(&format!(
            r#""crises": [{{"id": "k", "target": "A", "period": {{"from": "2020-01-01"}}, "kind": "other", "regions": {regions}}}]}}"#
        ));
        let (_, _, f, v, _) = malformed(json(&text));
        assert!(
            f.as_deref()
                .is_some_and(|f| f.starts_with("crises[0].regions")),
            "{f:?}"
        );
        assert_eq!(v, value);
    }
}

/// A document whose one commitment, on line 3, has `triggers`.
fn triggers(triggers: &str) -> String {
    doc(&format!(
        r#""commitments": [{{"id": "c", "parties": {{"mutual": ["A", "B"]}}, "obligation": "defence", "period": {{"from": "2000-01-01"}}, "triggers": {triggers}}}]}}"#
    ))
}

#[test]
fn json_bad_trigger_region() {
    let (_, line, f, v, r) = malformed(json(&triggers(r#"{"regions": ["asia", "mars"]}"#)));
    assert_eq!(
        (line, f.as_deref(), v.as_str()),
        (Some(3), Some("commitments[0].triggers.regions[1]"), "mars")
    );
    assert!(r.starts_with("unknown variant `mars`"), "{r}");
    // A misspelt key is not silently ignored.
    let (_, _, f, v, r) = malformed(json(&triggers(r#"{"region": ["asia"]}"#)));
    assert_eq!(
        (f.as_deref(), v.as_str()),
        (Some("commitments[0].triggers.region"), r#"["asia"]"#)
    );
    assert!(r.starts_with("unknown field `region`"), "{r}");
}

#[test]
fn json_bad_excluded_adversary() {
    let (_, line, f, v, r) = malformed(json(&triggers(
        r#"{"excluded_adversaries": ["B", "not an id"]}"#,
    )));
    assert_eq!(
        (line, f.as_deref(), v.as_str()),
        (
            Some(3),
            Some("commitments[0].triggers.excluded_adversaries[1]"),
            "not an id"
        )
    );
    assert!(r.starts_with("invalid actor id \"not an id\""), "{r}");
    let (_, _, f, v, r) = malformed(json(&triggers(r#"{"excluded_adversaries": "B"}"#)));
    assert_eq!(
        (f.as_deref(), v.as_str()),
        (Some("commitments[0].triggers.excluded_adversaries"), "B")
    );
    assert!(
        r.starts_with("invalid type: string \"B\", expected a sequence"),
        "{r}"
    );
}

#[test]
fn json_trailing_garbage() {
    let (_, line, f, _, r) = malformed(json("{\"format\": \"alliance-timeline/1\"}\n}"));
    assert_eq!((line, f), (Some(2), None));
    assert_eq!(r, "trailing characters, at column 1");
}

// ---------------------------------------------------------------- CSV

const ACTORS: &str = "id,name,kind\nA,Alpha,state\nB,Beta,state\n";

fn tables<'a>(actors: &'a str, events: &'a str) -> Tables<&'a [u8]> {
    Tables {
        actors: actors.as_bytes(),
        memberships: b"bloc,member,from,until\n",
        commitments: b"id,parties,party_a,party_b,obligation,from\n",
        crises: b"id,target,from,until,kind\n",
        events: events.as_bytes(),
    }
}

fn csv(actors: &str, events: &str) -> Result<Timeline, Error> {
    read_tables_from(tables(actors, events))
}

#[test]
fn csv_ragged_row() {
    let events = "provider,recipient,date,kind,confidence\n\
                  A,B,2020-01-01,verbal,0.5\n\
                  A,B,2020-01-02,verbal\n";
    let (file, line, f, v, r) = malformed(csv(ACTORS, events));
    assert_eq!((file.as_str(), line, f), ("events.csv", Some(3), None));
    assert_eq!(v, "A,B,2020-01-02,verbal");
    assert_eq!(r, "the row has 4 fields, the header has 5");
}

#[test]
fn csv_missing_column() {
    assert_eq!(
        csv(ACTORS, "provider,recipient,kind\nA,B,verbal\n").unwrap_err(),
        Error::MissingColumn {
            location: Location::file("events.csv").at_line(1),
            column: "date".into()
        }
    );
}

#[test]
fn csv_unknown_and_repeated_columns() {
    let (_, line, f, v, r) = malformed(csv(
        ACTORS,
        "provider,recipient,date,kind,confidance\nA,B,2020-01-01,verbal,0.3\n",
    ));
    assert_eq!(
        (line, f.as_deref(), v.as_str()),
        (Some(1), Some("confidance"), "confidance")
    );
    assert_eq!(
        r,
        "unknown column; the columns are provider, recipient, against, date, kind, \
         intensity, confidence, source"
    );
    let (_, _, f, _, r) = malformed(csv(ACTORS, "provider,recipient,date,kind,KIND\n"));
    assert_eq!(
        (f.as_deref(), r.as_str()),
        (Some("KIND"), "the column appears twice")
    );
}

#[test]
fn csv_bom_header_is_accepted() {
    let t = csv(
        "\u{feff}id,name,kind\nA,Alpha,state\nB,Beta,state\n",
        "\u{feff}provider,recipient,date,kind\nA,B,2020-01-01,verbal\n",
    )
    .unwrap();
    assert_eq!(t.actors()[0].id().as_str(), "A");
    assert_eq!(t.event_count(), 1);
}

#[test]
fn csv_bare_cr_line_endings_are_accepted() {
    let actors = "id,name,kind\rA,Alpha,state\rB,Beta,state\r";
    let t = csv(
        actors,
        "provider,recipient,date,kind\rA,B,2020-01-01,verbal\rB,A,2020-01-02,military\r",
    )
    .unwrap();
    assert_eq!(t.actors().len(), 2);
    assert_eq!(t.event_count(), 2);
    assert_eq!(t.event(1).unwrap().kind().as_str(), "military");
    // Line numbers count bare-CR lines too.
    let (_, line, f, _, _) = malformed(csv(
        actors,
        "provider,recipient,date,kind\rA,B,2020-01-01,verbal\rB,A,2020-01-02,silence\r",
    ));
    assert_eq!((line, f.as_deref()), (Some(3), Some("kind")));
}

#[test]
fn csv_empty_table() {
    assert_eq!(
        csv("", "provider,recipient,date,kind\n").unwrap_err(),
        Error::EmptyInput(Location::file("actors.csv"))
    );
    // A header alone is a table with no records.
    let t = csv("id,name,kind\n", "provider,recipient,date,kind\n").unwrap();
    assert_eq!((t.actors().len(), t.event_count()), (0, 0));
}

#[test]
fn csv_bad_quantities() {
    let head = "provider,recipient,date,kind,confidence\n";
    for (cell, reason) in [
        ("NaN", "confidence must be in (0, 1], got NaN"),
        ("inf", "confidence must be in (0, 1], got inf"),
        ("-infinity", "confidence must be in (0, 1], got -inf"),
        ("0", "confidence must be in (0, 1], got 0"),
        ("-0.5", "confidence must be in (0, 1], got -0.5"),
        ("1.01", "confidence must be in (0, 1], got 1.01"),
        ("high", "not a number"),
    ] {
        let (file, line, f, v, r) = malformed(csv(
            ACTORS,
            &format!("{head}A,B,2020-01-01,verbal,{cell}\n"),
        ));
        assert_eq!((file.as_str(), line), ("events.csv", Some(2)), "{cell}");
        assert_eq!((f.as_deref(), v.as_str()), (Some("confidence"), cell));
        assert_eq!(r, reason);
    }
    // An empty cell is "not given": confidence 1.
    let t = csv(ACTORS, &format!("{head}A,B,2020-01-01,verbal,\n")).unwrap();
    assert_eq!(t.event(0).unwrap().confidence().get(), 1.0);
}

#[test]
fn csv_silence_hostile_against_and_unknown_kind() {
    let head = "provider,recipient,against,date,kind\n";
    let (_, line, f, v, r) = malformed(csv(ACTORS, &format!("{head}A,B,,2020-01-01,silence\n")));
    assert_eq!(
        (line, f.as_deref(), v.as_str()),
        (Some(2), Some("kind"), "silence")
    );
    assert_eq!(r, Error::SilenceEvent.to_string());
    let (_, _, f, v, r) = malformed(csv(ACTORS, &format!("{head}A,B,A,2020-01-01,hostile\n")));
    assert_eq!((f.as_deref(), v.as_str()), (Some("against"), "A"));
    assert_eq!(r, Error::HostileAgainst.to_string());
    let (_, _, f, v, r) = malformed(csv(ACTORS, &format!("{head}A,B,,2020-01-01,nuclear\n")));
    assert_eq!((f.as_deref(), v.as_str()), (Some("kind"), "nuclear"));
    assert_eq!(
        r,
        "unknown support kind \"nuclear\"; expected one of hostile, silence, verbal, \
         diplomatic, economic, materiel, military"
    );
}

#[test]
fn csv_reversed_interval_and_bad_year() {
    let t = Tables {
        crises: &b"id,target,from,until,kind\nk,A,2020-01-02,2020-01-01,other\n"[..],
        ..tables(ACTORS, "provider,recipient,date,kind\n")
    };
    let (file, line, f, v, r) = malformed(read_tables_from(t));
    assert_eq!(
        (file.as_str(), line, f.as_deref(), v.as_str()),
        ("crises.csv", Some(2), Some("until"), "2020-01-01")
    );
    assert_eq!(
        r,
        "interval ends (2020-01-01) before it starts (2020-01-02)"
    );
    let (_, _, f, v, r) = malformed(csv(
        ACTORS,
        "provider,recipient,date,kind\nA,B,+99999-01-01,verbal\n",
    ));
    assert_eq!((f.as_deref(), v.as_str()), (Some("date"), "+99999-01-01"));
    assert_eq!(
        r,
        "date +99999-01-01 is outside the supported range (years -9999 to 9999)"
    );
}

#[test]
fn csv_unknown_actors_all_listed() {
    let Err(Error::InvalidTimeline(problems)) = csv(
        ACTORS,
        "provider,recipient,against,date,kind\n\
         A,X,,2020-01-01,verbal\n\
         Y,B,Z,2020-01-01,verbal\n",
    ) else {
        panic!("expected InvalidTimeline");
    };
    let unknown = |id, field, actor: &str| Problem::UnknownActor {
        record: rref(RecordKind::Event, id),
        field,
        actor: actor.into(),
    };
    assert_eq!(
        problems,
        vec![
            unknown("#0", "recipient", "X"),
            unknown("#1", "provider", "Y"),
            unknown("#1", "against", "Z"),
        ]
    );
}

#[test]
fn csv_bad_list_items() {
    let t = Tables {
        crises: &b"id,target,from,kind,adversaries\nk,A,2020-01-01,other,B;;A\n"[..],
        ..tables(ACTORS, "provider,recipient,date,kind\n")
    };
    let (_, line, f, v, r) = malformed(read_tables_from(t));
    assert_eq!(
        (line, f.as_deref(), v.as_str()),
        (Some(2), Some("adversaries"), "B;;A")
    );
    assert_eq!(r, "empty item in a `;`-separated list");
}

const COMMITMENTS: &str =
    "id,parties,party_a,party_b,obligation,from,regions,excluded_adversaries\n";

/// The tables with `commitments` (after the header above) and `crises` as given.
fn located<'a>(commitments: &'a str, crises: &'a str) -> Result<Timeline, Error> {
    read_tables_from(Tables {
        commitments: commitments.as_bytes(),
        crises: crises.as_bytes(),
        ..tables(ACTORS, "provider,recipient,date,kind\n")
    })
}

#[test]
fn csv_bad_crisis_region() {
    let (file, line, f, v, r) = malformed(located(
        COMMITMENTS,
        "id,target,from,kind,regions\nk0,A,2020-01-01,other,europe\nk1,A,2020-01-01,other,europe;Asia\n",
    ));
    assert_eq!(
        (file.as_str(), line, f.as_deref(), v.as_str()),
        ("crises.csv", Some(3), Some("regions"), "Asia")
    );
    assert_eq!(
        r,
        "unknown region; expected one of western_hemisphere, europe, africa, middle_east, asia, oceania"
    );
    let (_, line, f, v, r) = malformed(located(
        COMMITMENTS,
        "id,target,from,kind,regions\nk0,A,2020-01-01,other,europe;;asia\n",
    ));
    assert_eq!(
        (line, f.as_deref(), v.as_str()),
        (Some(2), Some("regions"), "europe;;asia")
    );
    assert_eq!(r, "empty item in a `;`-separated list");
}

#[test]
fn csv_bad_trigger_region() {
    let (file, line, f, v, r) = malformed(located(
        &format!("{COMMITMENTS}c,mutual,A,B,defence,2000-01-01,middle east,\n"),
        "id,target,from,kind\n",
    ));
    assert_eq!(
        (file.as_str(), line, f.as_deref(), v.as_str()),
        ("commitments.csv", Some(2), Some("regions"), "middle east")
    );
    assert!(r.starts_with("unknown region; expected one of"), "{r}");
}

#[test]
fn csv_bad_excluded_adversary() {
    let (file, line, f, v, r) = malformed(located(
        &format!("{COMMITMENTS}c,mutual,A,B,defence,2000-01-01,,B;A B\n"),
        "id,target,from,kind\n",
    ));
    assert_eq!(
        (file.as_str(), line, f.as_deref(), v.as_str()),
        (
            "commitments.csv",
            Some(2),
            Some("excluded_adversaries"),
            "A B"
        )
    );
    assert!(r.starts_with("invalid actor id \"A B\""), "{r}");
    let (_, _, f, v, r) = malformed(located(
        &format!("{COMMITMENTS}c,mutual,A,B,defence,2000-01-01,,B;\n"),
        "id,target,from,kind\n",
    ));
    assert_eq!(
        (f.as_deref(), v.as_str()),
        (Some("excluded_adversaries"), "B;")
    );
    assert_eq!(r, "empty item in a `;`-separated list");
    // Well-formed, the same row reads.
    let t = located(
        &format!("{COMMITMENTS}c,mutual,A,B,defence,2000-01-01,asia,B\n"),
        "id,target,from,kind\n",
    )
    .unwrap();
    assert_eq!(t.commitments()[0].triggers().excluded_adversaries.len(), 1);
}

#[test]
fn csv_invalid_utf8() {
    let t = Tables {
        actors: &b"id,name,kind\nA,\xff,state\n"[..],
        ..tables(ACTORS, "provider,recipient,date,kind\n")
    };
    let (file, line, _, _, r) = malformed(read_tables_from(t));
    assert_eq!((file.as_str(), line), ("actors.csv", Some(2)));
    assert_eq!(r, "invalid UTF-8 in field 2");
}

#[test]
fn csv_folder_missing_a_table() {
    let dir = std::env::temp_dir().join(format!("ar-bad-input-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("actors.csv"), ACTORS).unwrap();
    let err = read_tables(&dir).unwrap_err();
    let _ = std::fs::remove_dir_all(&dir);
    match err {
        Error::Io { location, kind, .. } => {
            assert_eq!(kind, std::io::ErrorKind::NotFound);
            assert_eq!(
                location.file,
                dir.join("memberships.csv").display().to_string()
            );
        }
        other => panic!("{other:?}"),
    }
}
