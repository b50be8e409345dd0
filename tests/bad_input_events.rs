//! Malformed inputs to the ICB, ICEWS and GDELT importers, each with the
//! exact typed error or counted skip it must produce.
#![cfg(feature = "bundled-data")]

use alliance_reliability::import::{
    GDELT2_COLUMNS, GdeltImporter, IcewsImporter, SkipReason, StateSystem, read_icb_actors,
};
use alliance_reliability::{Error, SupportKind};

const ICB_HEAD: &str = "crisno,cracno,cracid,actor,crisname,triggr,yrtrig,motrig,datrig,trigent,yrterm,moterm,daterm,viol,usinv,usfavr,suinv,sufavr,gbinv,gbfavr,frinv,frfavr,itinv,itfavr,grinv,grfavr,jpinv,jpfavr\r\n";
const ICB_ROW: &str =
    "2,2,93,NIC,COSTA RICAN COUP,7,1918,5,25,94,1918,12,15,2,7,1,1,5,1,5,1,5,1,5,1,5,1,5\r\n";

fn icb(text: &str) -> Result<alliance_reliability::import::IcbImport, Error> {
    read_icb_actors(text.as_bytes(), "icb.csv", &StateSystem::bundled())
}

const ICEWS_HEAD: &str = "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\n";

fn icews(
    rows: &str,
) -> Result<
    (
        alliance_reliability::import::EventBatch,
        alliance_reliability::import::ImportReport,
    ),
    Error,
> {
    IcewsImporter::bundled().read_batch(format!("{ICEWS_HEAD}{rows}").as_bytes(), "icews.tab")
}

/// A 58-field GDELT 1.0 row between two governments.
fn gdelt_row(date: &str, code: &str, goldstein: &str) -> Vec<String> {
    let mut f = vec![String::new(); 58];
    f[0] = "1".into();
    f[1] = date.into();
    (f[5], f[7]) = ("USA".into(), "USA".into());
    (f[15], f[17]) = ("RUS".into(), "RUS".into());
    f[26] = code.into();
    f[30] = goldstein.into();
    f[32] = "1".into();
    f
}

fn line(fields: &[String]) -> String {
    fields.join("\t") + "\n"
}

fn gdelt1(
    text: &str,
) -> Result<
    (
        alliance_reliability::import::EventBatch,
        alliance_reliability::import::ImportReport,
    ),
    Error,
> {
    GdeltImporter::bundled().read_v1_batch(text.as_bytes(), "gdelt.tsv")
}

fn malformed_at(r: Result<impl std::fmt::Debug, Error>, line: u64, field: &str) -> String {
    match r {
        Err(Error::Malformed {
            location, value, ..
        }) => {
            assert!(matches!(
                location.file.as_str(),
                "icb.csv" | "icews.tab" | "gdelt.tsv"
            ));
            assert_eq!(location.line, Some(line), "line");
            assert_eq!(location.field.as_deref(), Some(field), "field");
            value
        }
        other => panic!("expected Malformed at {line}/{field}, got {other:?}"),
    }
}

// 1
#[test]
fn icb_with_byte_order_mark_is_accepted() {
    let r = icb(&format!("\u{feff}{ICB_HEAD}{ICB_ROW}")).unwrap();
    assert_eq!(r.crises.len(), 1);
    assert_eq!(r.crises[0].id().as_str(), "ICB:2:NIC");
    assert_eq!(r.crises[0].adversaries()[0].as_str(), "COS");
    assert_eq!(r.events.len(), 1);
    assert_eq!(r.events[0].kind(), SupportKind::Materiel);
}

// 2
#[test]
fn icb_blank_required_cell_is_a_counted_skip() {
    let row = ICB_ROW.replacen(",1918,5,25,", ",,5,25,", 1);
    let r = icb(&format!("{ICB_HEAD}{row}{ICB_ROW}")).unwrap();
    assert_eq!(r.crises.len(), 1);
    assert_eq!(r.crisis_report.rows_read, 2);
    assert_eq!(
        r.crisis_report
            .skipped_for(&SkipReason::MissingValue { field: "yrtrig" }),
        1
    );
    assert_eq!(r.crisis_report.examples[0].line, 2);
    // Blank involvement cells of a used row are counted too.
    let row = ICB_ROW.replacen(",2,7,1,1,5,", ",2,,,1,5,", 1);
    let r = icb(&format!("{ICB_HEAD}{row}")).unwrap();
    assert_eq!(
        r.involvement_report
            .skipped_for(&SkipReason::MissingValue { field: "usinv" }),
        1
    );
}

// 3
#[test]
fn icb_unknown_ccode_is_an_unknown_actor() {
    let row = ICB_ROW.replacen("2,2,93,NIC", "2,2,999,XXX", 1);
    let r = icb(&format!("{ICB_HEAD}{row}")).unwrap();
    assert!(r.crises.is_empty());
    assert_eq!(
        r.crisis_report
            .skipped_for(&SkipReason::UnknownActor { field: "cracid" }),
        1
    );
    assert_eq!(r.crisis_report.examples[0].value, "999");
}

// 4
#[test]
fn icb_text_in_a_numeric_cell_is_malformed() {
    let row = ICB_ROW.replacen(",1918,12,15,", ",1918,Dec,15,", 1);
    let v = malformed_at(icb(&format!("{ICB_HEAD}{row}")), 2, "moterm");
    assert_eq!(v, "Dec");
}

// 5
#[test]
fn ragged_gdelt_row_is_malformed() {
    let good = line(&gdelt_row("20160728", "042", "1.9"));
    let ragged = line(&gdelt_row("20160728", "042", "1.9")[..40]);
    let v = malformed_at(gdelt1(&format!("{good}{ragged}")), 2, "record");
    assert_eq!(v, "40 fields");
    // 57 fields (no SOURCEURL) is fine.
    let old = line(&gdelt_row("20160728", "042", "1.9")[..57]);
    assert_eq!(gdelt1(&old).unwrap().0.len(), 1);
}

// 6
#[test]
fn gdelt_codes_are_strings() {
    let rows = [
        line(&gdelt_row("20160728", "019", "3.4")), // express accord
        line(&gdelt_row("20160728", "19", "-10")),  // root: fight
        line(&gdelt_row("20160728", "0190", "1")),  // not a code
    ]
    .concat();
    let (b, r) = gdelt1(&rows).unwrap();
    assert_eq!(b.len(), 2);
    assert_eq!(b.events()[0].kind(), SupportKind::Verbal);
    assert_eq!(b.events()[0].code().as_str(), "019");
    assert_eq!(b.events()[1].kind(), SupportKind::Hostile);
    assert_eq!(b.events()[1].code().as_str(), "19");
    assert_eq!(
        r.skipped_for(&SkipReason::UnknownCode { field: "EventCode" }),
        1
    );
}

// 7
#[test]
fn unknown_cameo_code_is_counted() {
    let (b, r) =
        icews("1\t2018-06-01\tRussia\tNA\tRussian Federation\tx\t999\t1\tIran\tNA\tIran\n")
            .unwrap();
    assert!(b.is_empty());
    assert_eq!(
        r.skipped_for(&SkipReason::UnknownCode {
            field: "CAMEO Code"
        }),
        1
    );
    assert_eq!(r.examples[0].value, "999");
    // ICEWS's own code 1213 is unknown to the GDELT table.
    let (_, r) = gdelt1(&line(&gdelt_row("20160728", "1213", "-4"))).unwrap();
    assert_eq!(
        r.skipped_for(&SkipReason::UnknownCode { field: "EventCode" }),
        1
    );
}

// 8
#[test]
fn na_country_in_icews_is_a_missing_value() {
    let (b, r) = icews(
        "1\t2018-06-01\tEuropean Union\tNA\tNA\tx\t072\t8.3\tIran\tNA\tIran\n\
         2\t2018-06-01\tRussia\tNA\tRussian Federation\tx\t072\t8.3\tX\tNA\tNA\n",
    )
    .unwrap();
    assert!(b.is_empty());
    assert_eq!(
        r.skipped_for(&SkipReason::MissingValue {
            field: "Source Country"
        }),
        1
    );
    assert_eq!(
        r.skipped_for(&SkipReason::MissingValue {
            field: "Target Country"
        }),
        1
    );
}

// 9
#[test]
fn nan_and_infinite_goldstein_are_malformed() {
    for bad in ["NaN", "inf", "-inf", "11", "1,5"] {
        let v = malformed_at(
            gdelt1(&line(&gdelt_row("20160728", "042", bad))),
            1,
            "GoldsteinScale",
        );
        assert_eq!(v, bad);
    }
    let v = malformed_at(
        icews("1\t2018-06-01\tRussia\tNA\tRussian Federation\tx\t072\tNaN\tIran\tNA\tIran\n"),
        2,
        "Intensity",
    );
    assert_eq!(v, "NaN");
}

// 10
#[test]
fn bad_date_is_malformed() {
    let ok = line(&gdelt_row("20160728", "042", "1.9"));
    let bad = line(&gdelt_row("20161399", "042", "1.9"));
    let v = malformed_at(gdelt1(&format!("{ok}{bad}")), 2, "SQLDATE");
    assert_eq!(v, "20161399");
    let v = malformed_at(
        icews("1\t2018-02-30\tRussia\tNA\tRussian Federation\tx\t072\t8.3\tIran\tNA\tIran\n"),
        2,
        "Event Date",
    );
    assert_eq!(v, "2018-02-30");
}

// 11
#[test]
fn empty_files_are_empty_input() {
    assert!(matches!(gdelt1(""), Err(Error::EmptyInput(l)) if l.file == "gdelt.tsv"));
    assert!(matches!(
        IcewsImporter::bundled().read_batch(&b""[..], "i"),
        Err(Error::EmptyInput(_))
    ));
    assert!(matches!(
        GdeltImporter::bundled().read_v2_batch(&b""[..], "g2"),
        Err(Error::EmptyInput(_))
    ));
    assert!(matches!(icb(""), Err(Error::EmptyInput(_))));
    assert!(matches!(icb("\u{feff}"), Err(Error::EmptyInput(_))));
    // A header alone is not empty: zero rows, nothing skipped.
    let (b, r) = icews("").unwrap();
    assert_eq!((b.len(), r.rows_read, r.skipped_total()), (0, 0, 0));
}

// 12
#[test]
fn truncated_files_are_malformed() {
    // GDELT 1.0 cut in the middle of its second row.
    let full = [
        line(&gdelt_row("20160728", "042", "1.9")),
        line(&gdelt_row("20160728", "043", "2.8")),
    ]
    .concat();
    let cut = &full[..full.len() - 20];
    let v = malformed_at(gdelt1(cut), 2, "record");
    assert!(v.ends_with("fields"));
    // ICEWS cut mid-row: the csv reader reports the short record.
    let text = format!(
        "{ICEWS_HEAD}1\t2018-06-01\tRussia\tNA\tRussian Federation\tx\t072\t8.3\tIran\tNA\tIran\n2\t2018-06-01\tRussia\tNA\tRuss"
    );
    match IcewsImporter::bundled().read_batch(text.as_bytes(), "icews.tab") {
        Err(Error::Malformed { location, .. }) => {
            assert_eq!(location.file, "icews.tab");
            assert_eq!(location.line, Some(3));
        }
        other => panic!("{other:?}"),
    }
}

// 13
#[test]
fn gdelt2_missing_header_column() {
    let header: Vec<&str> = GDELT2_COLUMNS
        .iter()
        .copied()
        .filter(|c| *c != "EventCode")
        .collect();
    let text = header.join("\t") + "\n";
    match GdeltImporter::bundled().read_v2_batch(text.as_bytes(), "g2.csv") {
        Err(Error::MissingColumn { location, column }) => {
            assert_eq!(column, "EventCode");
            assert_eq!(location.line, Some(1));
        }
        other => panic!("{other:?}"),
    }
}

// 14
#[test]
fn gdelt2_row_shorter_than_header_is_malformed() {
    let header = GDELT2_COLUMNS.join("\t") + "\n";
    let mut row = vec![String::new(); 60];
    row[1] = "20160728".into();
    let text = header + &line(&row);
    match GdeltImporter::bundled().read_v2_batch(text.as_bytes(), "g2.csv") {
        Err(Error::Malformed { location, .. }) => assert_eq!(location.line, Some(2)),
        other => panic!("{other:?}"),
    }
}

// 15
#[test]
fn icews_missing_column_and_bad_source_count() {
    match IcewsImporter::bundled().read_batch(&b"Event ID\tEvent Date\n1\t2018-06-01\n"[..], "i") {
        Err(Error::MissingColumn { column, .. }) => assert_eq!(column, "CAMEO Code"),
        other => panic!("{other:?}"),
    }
    let mut row = gdelt_row("20160728", "042", "1.9");
    row[32] = "two".into();
    let v = malformed_at(gdelt1(&line(&row)), 1, "NumSources");
    assert_eq!(v, "two");
}

/// Bare CR line endings (classic Mac OS) used to read as "0 rows read, 0
/// used, 0 skipped": the whole file was one header line. Now they are an
/// error naming the file, line 1 and the fix; CRLF files still read.
#[test]
fn bare_cr_line_endings_are_an_error_not_silent_loss() {
    let icews = std::fs::read_to_string("data/icews/events.2018.sample.tab").unwrap();
    let head: Vec<&str> = icews.lines().take(40).collect();
    let bare_cr = head.join("\r") + "\r";
    match IcewsImporter::bundled().read_batch(bare_cr.as_bytes(), "icews.tab") {
        Err(Error::Malformed {
            location, reason, ..
        }) => {
            assert_eq!(location.file, "icews.tab");
            assert_eq!(location.line, Some(1));
            assert!(reason.contains("bare CR"), "{reason}");
        }
        other => panic!("expected a bare-CR error, got {:?}", other.map(|(_, r)| r)),
    }
    let crlf = head.join("\r\n") + "\r\n";
    let (_, report) = IcewsImporter::bundled()
        .read_batch(crlf.as_bytes(), "icews.tab")
        .unwrap();
    assert_eq!(report.rows_read, 39);

    let icb = std::fs::read_to_string("data/icb-13/icb2v13.csv").unwrap();
    let head: Vec<&str> = icb.lines().take(40).collect();
    match read_icb_actors(
        (head.join("\r") + "\r").as_bytes(),
        "icb.csv",
        &StateSystem::bundled(),
    ) {
        Err(Error::Malformed {
            location, reason, ..
        }) => {
            assert_eq!(location.file, "icb.csv");
            assert_eq!(location.line, Some(1));
            assert!(reason.contains("bare CR"), "{reason}");
        }
        Err(e) => panic!("expected a bare-CR error, got {e}"),
        Ok(_) => panic!("expected a bare-CR error, got rows"),
    }
    assert!(
        read_icb_actors(
            (head.join("\r\n") + "\r\n").as_bytes(),
            "icb.csv",
            &StateSystem::bundled()
        )
        .is_ok()
    );
}
