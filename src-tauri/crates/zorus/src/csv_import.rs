//! Customers from a CSV file, for partners without a Zorus key, and the same checks for one
//! customer typed by hand ([`check_entry`]). No network.
//!
//! The file has a header row naming the columns `name` and `endpoints` (any order, any case;
//! other columns are ignored). It is UTF-8, with or without the byte-order mark Excel's "CSV
//! UTF-8" format writes. The delimiter is a comma, or a semicolon as Excel writes CSV where the
//! comma is the decimal separator; it is read from the header row (or from Excel's optional
//! `sep=;` first line). Fields may be quoted, with `""` for a quote inside.
//!
//! A bad line never stops the import: it is reported with its line number and the good lines
//! are kept. Only a file that cannot be read at all, or whose header lacks a column, fails
//! whole. The file is streamed, so its size is bounded by the caller's patience, not memory.

use std::collections::HashMap;
use std::fmt;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{BufRead, BufReader, Chain, Cursor, Read};

const BOM: &[u8] = b"\xEF\xBB\xBF";
/// Longer than any real customer name; longer ones are likely a broken file.
pub const MAX_NAME_CHARS: usize = 200;

/// One good line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedCustomer {
    /// 1-based line number in the file; the header is line 1 (2 after a `sep=` line).
    pub line: u64,
    pub name: String,
    pub endpoints: u32,
}

/// What is wrong with one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The line has fewer fields than the header, or more that are not empty.
    WrongFieldCount {
        expected: usize,
        found: usize,
    },
    EmptyName,
    NameTooLong {
        chars: usize,
    },
    MissingCount,
    NegativeCount(String),
    NotANumber(String),
    CountTooLarge(String),
    /// The name (compared without regard to case or surrounding spaces) was on an earlier line.
    DuplicateName {
        name: String,
        first_line: u64,
    },
    NotUtf8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineProblem {
    pub line: u64,
    pub problem: Problem,
}

impl fmt::Display for LineProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.problem)
    }
}

/// Why a whole file was refused.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the file could not be read: {0}")]
    Io(#[from] std::io::Error),
    #[error("the file is empty; it needs a header row with the columns name and endpoints")]
    Empty,
    #[error("the header row has no \"{0}\" column; it needs the columns name and endpoints")]
    MissingColumn(&'static str),
    #[error("the header row names the column \"{0}\" twice")]
    DuplicateColumn(&'static str),
    #[error("the header row is not valid UTF-8 (in Excel, save as \"CSV UTF-8\")")]
    HeaderNotUtf8,
}

/// Everything an import found.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    pub customers: Vec<ImportedCustomer>,
    pub problems: Vec<LineProblem>,
    pub delimiter: u8,
}

/// Reads a whole file into a report. For very large files, [`CsvImport`] gives the lines one
/// by one instead of holding them all.
pub fn import<R: Read>(reader: R) -> Result<ImportReport, ImportError> {
    let mut csv = CsvImport::open(reader)?;
    let mut report = ImportReport {
        delimiter: csv.delimiter(),
        ..ImportReport::default()
    };
    while let Some(line) = csv.next_line()? {
        match line {
            Ok(c) => report.customers.push(c),
            Err(p) => report.problems.push(p),
        }
    }
    Ok(report)
}

type Source<R> = Chain<Cursor<Vec<u8>>, BufReader<R>>;

/// A streaming import.
pub struct CsvImport<R: Read> {
    reader: csv::Reader<Source<R>>,
    delimiter: u8,
    /// Lines consumed before the csv reader started (a `sep=` line).
    line_offset: u64,
    columns: usize,
    name_at: usize,
    endpoints_at: usize,
    /// A 128-bit digest of each name seen, with its line: two 64-bit hashes are far smaller
    /// than the names themselves in a file of millions of lines, and a false match is
    /// vanishingly unlikely.
    seen: HashMap<u128, u64>,
    record: csv::ByteRecord,
}

impl<R: Read> CsvImport<R> {
    /// Reads the header row and decides the delimiter.
    pub fn open(reader: R) -> Result<CsvImport<R>, ImportError> {
        let mut buffered = BufReader::with_capacity(64 * 1024, reader);
        let mut first = Vec::new();
        buffered.read_until(b'\n', &mut first)?;
        if first.starts_with(BOM) {
            first.drain(..BOM.len());
        }
        let mut line_offset = 0;
        let mut forced = None;
        if let Some(d) = sep_line(&first) {
            forced = Some(d);
            line_offset = 1;
            first.clear();
            buffered.read_until(b'\n', &mut first)?;
        }
        if first.iter().all(u8::is_ascii_whitespace) {
            return Err(ImportError::Empty);
        }
        let delimiter = forced.unwrap_or_else(|| detect_delimiter(&first));
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            // With the default CRLF-or-LF terminator the reader's line numbers drift on
            // Windows line ends (a `\r\n` pair and blank lines are counted unevenly). Ending
            // records at `\n` alone keeps the count exact; the `\r` left at a line's end is
            // whitespace, which every field is trimmed of anyway.
            .terminator(csv::Terminator::Any(b'\n'))
            .from_reader(Cursor::new(first).chain(buffered));
        let mut header = csv::ByteRecord::new();
        if !reader.read_byte_record(&mut header).map_err(csv_io)? {
            return Err(ImportError::Empty);
        }
        let names: Vec<String> = header
            .iter()
            .map(|h| {
                std::str::from_utf8(h)
                    .map(|s| s.trim().to_ascii_lowercase())
                    .map_err(|_| ImportError::HeaderNotUtf8)
            })
            .collect::<Result<_, _>>()?;
        let find = |want: &'static str| -> Result<usize, ImportError> {
            let mut hits = names.iter().enumerate().filter(|(_, n)| *n == want);
            let (at, _) = hits.next().ok_or(ImportError::MissingColumn(want))?;
            if hits.next().is_some() {
                return Err(ImportError::DuplicateColumn(want));
            }
            Ok(at)
        };
        Ok(CsvImport {
            name_at: find("name")?,
            endpoints_at: find("endpoints")?,
            columns: names.len(),
            reader,
            delimiter,
            line_offset,
            seen: HashMap::new(),
            record: csv::ByteRecord::new(),
        })
    }

    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// The next non-blank line, good or bad; `None` at the end of the file.
    pub fn next_line(
        &mut self,
    ) -> Result<Option<Result<ImportedCustomer, LineProblem>>, ImportError> {
        loop {
            if !self
                .reader
                .read_byte_record(&mut self.record)
                .map_err(csv_io)?
            {
                return Ok(None);
            }
            // Blank lines (and Excel's `;;` rows) carry no data, so they are skipped, not
            // reported.
            if self
                .record
                .iter()
                .all(|f| f.iter().all(u8::is_ascii_whitespace))
            {
                continue;
            }
            let line = self.record.position().map_or(0, |p| p.line()) + self.line_offset;
            return Ok(Some(
                self.check(line)
                    .map_err(|problem| LineProblem { line, problem }),
            ));
        }
    }

    fn check(&mut self, line: u64) -> Result<ImportedCustomer, Problem> {
        let found = self.record.len();
        let extra_filled = self
            .record
            .iter()
            .skip(self.columns)
            .any(|f| !f.iter().all(u8::is_ascii_whitespace));
        if found < self.columns || extra_filled {
            return Err(Problem::WrongFieldCount {
                expected: self.columns,
                found,
            });
        }
        let field = |at: usize| -> Result<&str, Problem> {
            std::str::from_utf8(&self.record[at])
                .map(str::trim)
                .map_err(|_| Problem::NotUtf8)
        };
        let (name, endpoints) = check_entry(field(self.name_at)?, field(self.endpoints_at)?)?;
        let digest = digest(&name);
        if let Some(&first_line) = self.seen.get(&digest) {
            return Err(Problem::DuplicateName { name, first_line });
        }
        self.seen.insert(digest, line);
        Ok(ImportedCustomer {
            line,
            name,
            endpoints,
        })
    }
}

/// The rules for one customer typed by hand, the same as for a CSV line: a name of 1 to
/// [`MAX_NAME_CHARS`] characters once trimmed, and a whole, non-negative endpoint count. Whether
/// the name is already taken is the store's question, not this one's.
pub fn check_entry(name: &str, endpoints: &str) -> Result<(String, u32), Problem> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Problem::EmptyName);
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(Problem::NameTooLong { chars });
    }
    let endpoints = parse_count(endpoints.trim())?;
    Ok((name.to_string(), endpoints))
}

/// What a [`Problem`] says, without a line number (for a form field rather than a file).
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::WrongFieldCount { expected, found } => {
                write!(f, "expected {expected} columns, found {found}")
            }
            Problem::EmptyName => f.write_str("the name is empty"),
            Problem::NameTooLong { chars } => {
                write!(
                    f,
                    "the name is {chars} characters long (at most {MAX_NAME_CHARS})"
                )
            }
            Problem::MissingCount => f.write_str("the endpoint count is empty"),
            Problem::NegativeCount(v) => write!(f, "the endpoint count {v} is negative"),
            Problem::NotANumber(v) => write!(f, "the endpoint count \"{v}\" is not a whole number"),
            Problem::CountTooLarge(v) => write!(f, "the endpoint count {v} is too large"),
            Problem::DuplicateName { name, first_line } => {
                write!(f, "\"{name}\" is already on line {first_line}")
            }
            Problem::NotUtf8 => f.write_str("not valid UTF-8 (in Excel, save as \"CSV UTF-8\")"),
        }
    }
}

fn csv_io(e: csv::Error) -> ImportError {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => ImportError::Io(io),
        // With byte records and flexible rows the reader has no other failure; keep the text
        // should a future version add one.
        other => ImportError::Io(std::io::Error::other(format!("{other:?}"))),
    }
}

fn parse_count(s: &str) -> Result<u32, Problem> {
    if s.is_empty() {
        return Err(Problem::MissingCount);
    }
    let (negative, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::NotANumber(s.to_string()));
    }
    if negative {
        // "-0" is zero, which is fine.
        return if digits.bytes().all(|b| b == b'0') {
            Ok(0)
        } else {
            Err(Problem::NegativeCount(s.to_string()))
        };
    }
    digits
        .parse()
        .map_err(|_| Problem::CountTooLarge(s.to_string()))
}

fn digest(name: &str) -> u128 {
    let folded = name.to_lowercase();
    let mut a = DefaultHasher::new();
    folded.hash(&mut a);
    let mut b = DefaultHasher::new();
    0xA5u8.hash(&mut b);
    folded.hash(&mut b);
    (u128::from(a.finish()) << 64) | u128::from(b.finish())
}

/// Excel accepts, and some locales write, a first line `sep=;` naming the delimiter.
fn sep_line(line: &[u8]) -> Option<u8> {
    let text = std::str::from_utf8(line).ok()?.trim();
    let rest = text.strip_prefix("sep=")?;
    match rest.as_bytes() {
        [d @ (b',' | b';' | b'\t')] => Some(*d),
        _ => None,
    }
}

/// The delimiter is whichever of `;` and `,` the header uses more, outside quotes. A header
/// "name,endpoints" has one comma; Excel's semicolon form has one semicolon. A tie (neither)
/// means a single column, which the header check then reports.
fn detect_delimiter(header: &[u8]) -> u8 {
    let (mut commas, mut semicolons, mut quoted) = (0, 0, false);
    for &b in header {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_whole_non_negative_numbers() {
        assert_eq!(parse_count("42"), Ok(42));
        assert_eq!(parse_count("+7"), Ok(7));
        assert_eq!(parse_count("-0"), Ok(0));
        assert_eq!(parse_count("-3"), Err(Problem::NegativeCount("-3".into())));
        assert_eq!(parse_count("4.5"), Err(Problem::NotANumber("4.5".into())));
        assert_eq!(
            parse_count("1,000"),
            Err(Problem::NotANumber("1,000".into()))
        );
        assert_eq!(
            parse_count("twelve"),
            Err(Problem::NotANumber("twelve".into()))
        );
        assert_eq!(parse_count(""), Err(Problem::MissingCount));
        assert_eq!(
            parse_count("99999999999"),
            Err(Problem::CountTooLarge("99999999999".into()))
        );
    }

    #[test]
    fn a_hand_typed_entry_follows_the_same_rules() {
        assert_eq!(check_entry("  Acme ", " 12 "), Ok(("Acme".into(), 12)));
        assert_eq!(check_entry(" ", "1"), Err(Problem::EmptyName));
        assert_eq!(
            check_entry("Acme", "-2"),
            Err(Problem::NegativeCount("-2".into()))
        );
        assert_eq!(
            check_entry("Acme", "lots"),
            Err(Problem::NotANumber("lots".into()))
        );
        let long = "y".repeat(MAX_NAME_CHARS + 1);
        assert_eq!(
            check_entry(&long, "1"),
            Err(Problem::NameTooLong {
                chars: MAX_NAME_CHARS + 1
            })
        );
        assert_eq!(
            Problem::NegativeCount("-2".into()).to_string(),
            "the endpoint count -2 is negative"
        );
    }

    #[test]
    fn the_delimiter_comes_from_the_header() {
        assert_eq!(detect_delimiter(b"name,endpoints\r\n"), b',');
        assert_eq!(detect_delimiter(b"name;endpoints\r\n"), b';');
        assert_eq!(detect_delimiter(b"\"name, full\";endpoints\n"), b';');
        assert_eq!(sep_line(b"sep=;\r\n"), Some(b';'));
        assert_eq!(sep_line(b"name,endpoints"), None);
    }
}
