//! The CSV importer on good and bad files, written to a temp dir and read back as a user's
//! file would be.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use zorus::csv_import::{import, CsvImport, ImportError, ImportReport, LineProblem, Problem};

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write the test file");
    path
}

fn import_bytes(bytes: &[u8]) -> Result<ImportReport, ImportError> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(&dir, "customers.csv", bytes);
    import(File::open(path).expect("open"))
}

fn rows(report: &ImportReport) -> Vec<(u64, &str, u32)> {
    report
        .customers
        .iter()
        .map(|c| (c.line, c.name.as_str(), c.endpoints))
        .collect()
}

fn problems(report: &ImportReport) -> Vec<(u64, Problem)> {
    report
        .problems
        .iter()
        .map(|p| (p.line, p.problem.clone()))
        .collect()
}

#[test]
fn comma_file_without_bom() {
    let report = import_bytes(b"name,endpoints\nAcme,42\nBeta Corp,7\n").expect("ok");
    assert_eq!(report.delimiter, b',');
    assert_eq!(rows(&report), [(2, "Acme", 42), (3, "Beta Corp", 7)]);
    assert!(report.problems.is_empty());
}

#[test]
fn excel_semicolon_file_with_bom_crlf_and_quotes() {
    let file = "\u{FEFF}Name;Endpoints\r\n\"Smith; Jones & Partners\";12\r\n\"Caf\u{e9} \"\"Z\u{fc}rich\"\", Ltd\";3\r\nPlain;0\r\n";
    let report = import_bytes(file.as_bytes()).expect("ok");
    assert_eq!(report.delimiter, b';');
    assert_eq!(
        rows(&report),
        [
            (2, "Smith; Jones & Partners", 12),
            (3, "Caf\u{e9} \"Z\u{fc}rich\", Ltd", 3),
            (4, "Plain", 0),
        ]
    );
}

#[test]
fn columns_in_any_order_with_extras_and_a_sep_line() {
    let report = import_bytes(b"sep=;\nnotes;ENDPOINTS; name \nvip;5;Acme\n;6;Beta\n").expect("ok");
    assert_eq!(report.delimiter, b';');
    assert_eq!(rows(&report), [(3, "Acme", 5), (4, "Beta", 6)]);
}

#[test]
fn a_quoted_name_may_span_lines_and_numbering_follows_the_file() {
    let report = import_bytes(b"name,endpoints\n\"Two\nLines\",4\nAfter,-1\n").expect("ok");
    assert_eq!(rows(&report), [(2, "Two\nLines", 4)]);
    assert_eq!(
        problems(&report),
        [(4, Problem::NegativeCount("-1".into()))]
    );
}

#[test]
fn wrong_header_columns_refuse_the_file() {
    for (file, expected) in [
        (&b"customer,endpoints\nAcme,1\n"[..], "name"),
        (&b"name,seats\nAcme,1\n"[..], "endpoints"),
        (&b"name\nAcme\n"[..], "endpoints"),
        (&b"name;endpoints;name\nA;1;B\n"[..], "twice"),
    ] {
        let err = import_bytes(file).expect_err("refused");
        assert!(err.to_string().contains(expected), "{err}");
    }
    assert!(matches!(import_bytes(b""), Err(ImportError::Empty)));
    assert!(matches!(
        import_bytes(b"\xEF\xBB\xBF\r\n"),
        Err(ImportError::Empty)
    ));
    assert!(matches!(
        import_bytes(b"n\xE4me,endpoints\n"),
        Err(ImportError::HeaderNotUtf8)
    ));
}

#[test]
fn every_bad_line_is_reported_and_the_good_ones_kept() {
    let file = b"name,endpoints\n\
        Good One,10\n\
        Negative,-4\n\
        Words,twelve\n\
        Decimal,4.5\n\
        ,3\n\
        No Count,\n\
        Too,Many,Fields\n\
        Short\n\
        good one,99\n\
        Huge,99999999999\n\
        Good Two, 8 \n\
        Caf\xE9 Latin1,2\n\
        Trailing Empty Column,1,\n";
    let report = import_bytes(file).expect("the file is read");
    assert_eq!(
        rows(&report),
        [
            (2, "Good One", 10),
            (12, "Good Two", 8),
            (14, "Trailing Empty Column", 1)
        ]
    );
    assert_eq!(
        problems(&report),
        [
            (3, Problem::NegativeCount("-4".into())),
            (4, Problem::NotANumber("twelve".into())),
            (5, Problem::NotANumber("4.5".into())),
            (6, Problem::EmptyName),
            (7, Problem::MissingCount),
            (
                8,
                Problem::WrongFieldCount {
                    expected: 2,
                    found: 3
                }
            ),
            (
                9,
                Problem::WrongFieldCount {
                    expected: 2,
                    found: 1
                }
            ),
            (
                10,
                Problem::DuplicateName {
                    name: "good one".into(),
                    first_line: 2
                }
            ),
            (11, Problem::CountTooLarge("99999999999".into())),
            (13, Problem::NotUtf8),
        ]
    );
    let messages: Vec<String> = report.problems.iter().map(LineProblem::to_string).collect();
    assert_eq!(messages[0], "line 3: the endpoint count -4 is negative");
    assert_eq!(messages[7], "line 10: \"good one\" is already on line 2");
    assert!(messages[9].starts_with("line 13: not valid UTF-8"));
}

#[test]
fn empty_lines_are_skipped_without_shifting_line_numbers() {
    let report = import_bytes(b"name;endpoints\r\n\r\nAcme;1\r\n;\r\n   \r\n;;\r\nBeta;2\r\n\r\n")
        .expect("ok");
    assert_eq!(rows(&report), [(3, "Acme", 1), (7, "Beta", 2)]);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

#[test]
fn an_overlong_name_is_a_problem() {
    let long = "x".repeat(201);
    let report = import_bytes(format!("name,endpoints\n{long},1\n").as_bytes()).expect("ok");
    assert_eq!(
        problems(&report),
        [(2, Problem::NameTooLong { chars: 201 })]
    );
}

/// A 50 MB file streams through: every line is seen, bad lines are found by number, and memory
/// stays bounded because the rows are consumed as they come.
#[test]
fn a_fifty_megabyte_file_streams_through() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.csv");
    let mut out = BufWriter::new(File::create(&path).expect("create"));
    out.write_all(b"\xEF\xBB\xBFname;endpoints\r\n")
        .expect("write");
    let mut lines = 1u64;
    let mut bad_lines = Vec::new();
    let mut n = 0u64;
    while out.get_ref().metadata().map(|m| m.len()).unwrap_or(0) < 50 * 1024 * 1024 {
        for _ in 0..10_000 {
            n += 1;
            lines += 1;
            if n % 100_000 == 0 {
                out.write_all(format!("Customer {n};-1\r\n").as_bytes())
                    .expect("write");
                bad_lines.push(lines);
            } else {
                out.write_all(format!("\"Customer {n}, Inc.\";{}\r\n", n % 500).as_bytes())
                    .expect("write");
            }
        }
        out.flush().expect("flush");
    }
    drop(out);
    let size = std::fs::metadata(&path).expect("size").len();
    assert!(size >= 50 * 1024 * 1024, "{size} bytes");

    let mut csv = CsvImport::open(File::open(&path).expect("open")).expect("header");
    assert_eq!(csv.delimiter(), b';');
    let (mut good, mut bad, mut last_line, mut total) = (0u64, Vec::new(), 0u64, 0u64);
    while let Some(line) = csv.next_line().expect("readable") {
        match line {
            Ok(c) => {
                good += 1;
                last_line = c.line;
                total += u64::from(c.endpoints);
            }
            Err(p) => {
                assert!(matches!(p.problem, Problem::NegativeCount(_)));
                bad.push(p.line);
            }
        }
    }
    assert_eq!(bad, bad_lines);
    assert_eq!(good + bad.len() as u64, n);
    let last_bad = bad.last().copied().unwrap_or(0);
    assert_eq!(
        last_line.max(last_bad),
        lines,
        "the last line of the file was read"
    );
    let expected_total: u64 = (1..=n).filter(|i| i % 100_000 != 0).map(|i| i % 500).sum();
    assert_eq!(total, expected_total);
}
