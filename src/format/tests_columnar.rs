//! The columnar events reader (`arrow` feature) takes its fast path on
//! clean tables of every accepted layout (so the figures measure it, not
//! the checking reader), and gives the checking reader's timeline.

use std::path::PathBuf;
use std::sync::Arc;

use arrow_array::{ArrayRef, Float64Array, RecordBatch, StringArray};
use arrow_schema::{Field, Schema};
use chrono::NaiveDate;

use super::columnar::{Format, TableFile, read_dir};
use super::columnar_events::read_events;
use super::columnar_tables::{write_tables_ipc, write_tables_parquet};
use crate::{Actor, ActorKind, Intensity, SupportEvent, SupportKind, Timeline};

struct Tmp(PathBuf);

impl Tmp {
    fn new(name: &str) -> Tmp {
        let dir =
            std::env::temp_dir().join(format!("alliance-columnar-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Tmp(dir)
    }
}

impl Drop for Tmp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn actors() -> Vec<Actor> {
    ["A1", "B-2", "C.3", "D:4/x", "A-LONGER-ID-9"]
        .into_iter()
        .map(|id| Actor::new(id, id, ActorKind::State).unwrap())
        .collect()
}

fn world() -> Timeline {
    let ids: Vec<_> = actors().iter().map(|a| a.id().clone()).collect();
    let mut events = Vec::new();
    for i in 0..5000usize {
        let (p, r) = (i % 5, (i / 5 + 1 + i % 5) % 5);
        if p == r {
            continue;
        }
        let kind = SupportKind::ALL[[0, 2, 3, 4, 5, 6][i % 6]];
        let date =
            NaiveDate::from_ymd_opt(1900 + (i % 120) as i32, 1 + (i % 12) as u32, 1).unwrap();
        let mut e = SupportEvent::between(ids[p].clone(), ids[r].clone(), date, kind).unwrap();
        if kind != SupportKind::Hostile && i % 3 == 0 {
            e = e.against(ids[(r + 1) % 5].clone());
        }
        if i % 4 == 0 {
            e = e.with_intensity(Intensity::new(0.25).unwrap());
        }
        if i % 7 == 0 {
            e = e.with_source(format!("s{i}"));
        }
        events.push(e);
    }
    Timeline::builder()
        .actors(actors())
        .events(events)
        .build()
        .unwrap()
}

fn base() -> Timeline {
    Timeline::builder().actors(actors()).build().unwrap()
}

fn same(a: &Timeline, b: &Timeline) {
    assert_eq!(a.event_count(), b.event_count());
    assert!(a.events().eq(b.events()));
}

#[test]
fn fast_path_on_written_tables() {
    let tmp = Tmp::new("written");
    let tl = world();
    for format in [Format::Parquet, Format::Ipc] {
        let dir = tmp.0.join(format.extension());
        match format {
            Format::Parquet => write_tables_parquet(&tl, &dir).unwrap(),
            Format::Ipc => write_tables_ipc(&tl, &dir).unwrap(),
        }
        let file = TableFile::new(&dir, "events", format);
        let fast = read_events(base(), &file).unwrap().expect("the fast path");
        same(&tl, &fast);
        same(&tl, &read_dir(&dir, format).unwrap());
    }
}

/// Plain strings everywhere (ids, dates, kinds), quantities `Float64`.
fn plain(tl: &Timeline, pad: &str) -> RecordBatch {
    let events: Vec<SupportEvent> = tl.events().collect();
    let text = |f: &dyn Fn(&SupportEvent) -> Option<String>| -> ArrayRef {
        Arc::new(StringArray::from(events.iter().map(f).collect::<Vec<_>>()))
    };
    let columns: Vec<(&str, ArrayRef)> = vec![
        (
            "provider",
            text(&|e| Some(format!("{pad}{}", e.provider()))),
        ),
        ("recipient", text(&|e| Some(e.recipient().to_string()))),
        (
            "against",
            text(&|e| e.against_actor().map(|a| a.to_string())),
        ),
        ("date", text(&|e| Some(e.date().to_string()))),
        ("kind", text(&|e| Some(e.kind().to_string()))),
        (
            "intensity",
            Arc::new(Float64Array::from_iter_values(
                events.iter().map(|e| e.intensity().get()),
            )),
        ),
        ("source", text(&|e| e.source().map(str::to_string))),
    ];
    let fields: Vec<Field> = columns
        .iter()
        .map(|(n, a)| Field::new(*n, a.data_type().clone(), true))
        .collect();
    RecordBatch::try_new(
        Arc::new(Schema::new(fields)),
        columns.into_iter().map(|c| c.1).collect(),
    )
    .unwrap()
}

fn write_ipc(path: &std::path::Path, batch: &RecordBatch) {
    let mut w = arrow_ipc::writer::FileWriter::try_new(
        std::fs::File::create(path).unwrap(),
        &batch.schema(),
    )
    .unwrap();
    w.write(batch).unwrap();
    w.finish().unwrap();
}

#[test]
fn fast_path_on_plain_strings() {
    let tmp = Tmp::new("plain");
    let tl = world();
    write_tables_ipc(&tl, &tmp.0).unwrap();
    write_ipc(&tmp.0.join("events.arrow"), &plain(&tl, ""));
    let file = TableFile::new(&tmp.0, "events", Format::Ipc);
    let fast = read_events(base(), &file).unwrap().expect("the fast path");
    same(&tl, &fast);
}

/// An id with a leading space is trimmed, as in CSV: by the checking
/// reader, the fast path having given up.
#[test]
fn padded_ids_go_to_the_checking_reader() {
    let tmp = Tmp::new("padded");
    let tl = world();
    write_tables_ipc(&tl, &tmp.0).unwrap();
    write_ipc(&tmp.0.join("events.arrow"), &plain(&tl, " "));
    let file = TableFile::new(&tmp.0, "events", Format::Ipc);
    assert!(read_events(base(), &file).unwrap().is_none());
    same(&tl, &read_dir(&tmp.0, Format::Ipc).unwrap());
}
