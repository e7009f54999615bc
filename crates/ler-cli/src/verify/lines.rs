//! JSON Lines input: one document per line, each line read within the size limit (a longer
//! line is skipped unheld and gets its own report), verified a chunk at a time.

use super::*;

/// What [`read_line_bounded`] found.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum LineRead {
    /// The end of the input.
    End,
    /// A line, in the buffer (without its newline).
    Line,
    /// A line longer than the limit, of this many bytes: read and dropped, never held.
    TooLong(u64),
}

/// Reads one line of at most `max` bytes into `line`, holding no more than that whatever the
/// input: the rest of a longer line is read and dropped up to the next newline (or the end, for
/// a line that never ends).
pub(super) fn read_line_bounded(
    reader: &mut impl BufRead,
    max: usize,
    line: &mut Vec<u8>,
) -> std::io::Result<LineRead> {
    line.clear();
    let mut any = false;
    let mut length: u64 = 0;
    let mut too_long = false;
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            break;
        }
        any = true;
        let (chunk, done) = match buffer.iter().position(|&b| b == b'\n') {
            Some(i) => (&buffer[..i], Some(i + 1)),
            None => (buffer, None),
        };
        length = length.saturating_add(chunk.len() as u64);
        if !too_long && line.len() + chunk.len() > max {
            too_long = true;
            line.clear();
            line.shrink_to(0);
        }
        if !too_long {
            line.extend_from_slice(chunk);
        }
        let used = done.unwrap_or(buffer.len());
        reader.consume(used);
        if done.is_some() {
            break;
        }
    }
    Ok(match (any, too_long) {
        (false, _) => LineRead::End,
        (true, false) => LineRead::Line,
        (true, true) => LineRead::TooLong(length),
    })
}

/// A line between reading and its report: its number, and its length when it was too long to
/// be read.
pub(super) type Pending = (usize, Option<u64>);

/// The report of a line too long to read: `limits.exceeded`, indeterminate, as the verifier
/// gives for a document over the size limit (refused unread, so neither judged nor verified).
pub(super) fn too_long_report(length: u64, max: usize) -> Report {
    Report::new(
        vec![Finding::new(
            CheckId::LIMITS_EXCEEDED,
            CheckOutcome::Indeterminate,
            format!("not examined: the line has {length} bytes, more than the limit of {max}"),
        )],
        Vec::new(),
    )
}

/// The lines of a JSON Lines input, numbered; records an I/O error and stops.
pub(super) struct Lines<R> {
    reader: R,
    max: usize,
    number: usize,
    /// Each line's number, and its length when it was too long to read.
    numbers: Rc<RefCell<VecDeque<Pending>>>,
    error: Rc<RefCell<Option<std::io::Error>>>,
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Vec<u8>;

    fn next(&mut self) -> Option<Vec<u8>> {
        let mut line = Vec::new();
        loop {
            match read_line_bounded(&mut self.reader, self.max, &mut line) {
                Ok(LineRead::End) => return None,
                Ok(LineRead::TooLong(length)) => {
                    self.number += 1;
                    // The verifier gets an empty stand-in; its report is replaced.
                    self.numbers
                        .borrow_mut()
                        .push_back((self.number, Some(length)));
                    return Some(Vec::new());
                }
                Ok(LineRead::Line) => {
                    self.number += 1;
                    if line.last() == Some(&b'\r') {
                        line.pop();
                    }
                    if line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    self.numbers.borrow_mut().push_back((self.number, None));
                    return Some(std::mem::take(&mut line));
                }
                Err(e) => {
                    *self.error.borrow_mut() = Some(e);
                    return None;
                }
            }
        }
    }
}

pub(super) fn verify_lines(path: &Path, options: &VerifyOptions, printer: &mut Printer) {
    let name = display(path);
    let reader: Box<dyn BufRead> = if is_stdin(path) {
        Box::new(std::io::stdin().lock())
    } else {
        match crate::common::open_regular(path) {
            Ok(file) => Box::new(std::io::BufReader::new(file)),
            Err(e) => {
                printer.item(&name, &Item::Unreadable(e.to_string()));
                return;
            }
        }
    };
    let numbers = Rc::new(RefCell::new(VecDeque::new()));
    let error = Rc::new(RefCell::new(None));
    let lines = Lines {
        reader,
        max: options.limits.parse.max_bytes,
        number: 0,
        numbers: Rc::clone(&numbers),
        error: Rc::clone(&error),
    };
    let max = options.limits.parse.max_bytes;
    for verification in ler::verifier::verify_stream(lines, options) {
        let (number, too_long) = numbers.borrow_mut().pop_front().unwrap_or((0, None));
        let report = match too_long {
            Some(length) => too_long_report(length, max),
            None => verification.into_parts().0,
        };
        printer.item(&format!("{name}:{number}"), &Item::Report(report));
    }
    if let Some(e) = error.borrow_mut().take() {
        printer.item(&name, &Item::Unreadable(e.to_string()));
    }
}
