//! A line-based reader for the Markdown Easemob's doc pages use: ATX
//! headings, fenced code blocks, pipe tables and paragraphs, each with its
//! 1-based line. Front matter and HTML comments are skipped.
//!
//! Hand-written rather than a CommonMark crate: the check needs only these
//! four block kinds, needs the line of every table row, and must *notice*
//! what a CommonMark parser silently accepts (a code block that never
//! closes, a table row with the wrong number of cells) so the reviewer is
//! told a page could not be read as intended. One pass, no allocation beyond
//! the blocks themselves, no new dependency.

/// One block of a page, in page order.
#[derive(Debug)]
pub enum Block {
    Heading {
        line: usize,
        level: usize,
        text: String,
        id: Option<String>,
    },
    Code {
        lines: Vec<(usize, String)>,
    },
    /// `ragged`: lines of rows whose cell count is not the header's.
    Table {
        header: Vec<String>,
        rows: Vec<(usize, Vec<String>)>,
        ragged: Vec<usize>,
    },
    Text {
        line: usize,
        text: String,
    },
}

/// Something on a page the reader had to guess about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    /// Errors may hide an operation; warnings only blur a table.
    pub error: bool,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Parsed {
    pub blocks: Vec<Block>,
    pub problems: Vec<Problem>,
    /// `pageUri` of the front matter: where a stub page's content lives
    /// (`/product/limitationapi.html`).
    pub page_uri: Option<String>,
}

/// Splits `text` into blocks.
pub fn parse(text: &str) -> Parsed {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Parsed::default();
    let mut i = 0;
    // Front matter: `---` on the first line up to the next `---`.
    if lines.first().map(|l| l.trim()) == Some("---")
        && let Some(end) = lines.iter().skip(1).position(|l| l.trim() == "---")
    {
        i = end + 2;
        out.page_uri = lines[1..=end].iter().find_map(|l| {
            let v = l.trim().strip_prefix("pageUri")?.trim_start().strip_prefix(':')?;
            Some(v.trim().trim_end_matches(',').trim_matches(['"', '\'', ' ']).to_owned())
        });
    }
    while i < lines.len() {
        let line = lines[i];
        let t = line.trim();
        let n = i + 1;
        if let Some((ch, len)) = fence_open(t) {
            let mut body = Vec::new();
            let mut j = i + 1;
            let mut closed = false;
            while j < lines.len() {
                let c = lines[j].trim();
                if c.len() >= len && c.chars().all(|x| x == ch) {
                    closed = true;
                    break;
                }
                body.push((j + 1, lines[j].to_owned()));
                j += 1;
            }
            if !closed {
                out.problems.push(Problem {
                    line: n,
                    error: true,
                    message: format!("code block opened here with {} is never closed", ch.to_string().repeat(len)),
                });
            }
            out.blocks.push(Block::Code { lines: body });
            i = j + 1;
            continue;
        }
        if t.starts_with("<!--") {
            // Skip to the end of the comment.
            let mut j = i;
            while j < lines.len() && !lines[j].contains("-->") {
                j += 1;
            }
            if j == lines.len() {
                out.problems.push(Problem {
                    line: n,
                    error: true,
                    message: "HTML comment opened here is never closed".into(),
                });
            }
            i = j + 1;
            continue;
        }
        if let Some((level, text, id)) = heading(t) {
            out.blocks.push(Block::Heading { line: n, level, text, id });
            i += 1;
            continue;
        }
        if t.starts_with('|') && lines.get(i + 1).is_some_and(|l| is_delimiter_row(l.trim())) {
            let header = cells(t);
            let (mut rows, mut ragged) = (Vec::new(), Vec::new());
            let mut j = i + 2;
            while j < lines.len() && lines[j].trim().starts_with('|') {
                let row = cells(lines[j].trim());
                if row.len() != header.len() {
                    ragged.push(j + 1);
                }
                rows.push((j + 1, row));
                j += 1;
            }
            out.blocks.push(Block::Table { header, rows, ragged });
            i = j;
            continue;
        }
        if !t.is_empty() {
            out.blocks.push(Block::Text { line: n, text: t.to_owned() });
        }
        i += 1;
    }
    out
}

/// ```` ``` ```` or `~~~` (3 or more), with an optional info string.
fn fence_open(t: &str) -> Option<(char, usize)> {
    let ch = t.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = t.chars().take_while(|c| *c == ch).count();
    (len >= 3 && !t[len..].contains('`')).then_some((ch, len))
}

/// `## Text {#id}` → (2, "Text", Some("id")).
fn heading(t: &str) -> Option<(usize, String, Option<String>)> {
    let level = t.chars().take_while(|c| *c == '#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &t[level..];
    if !(rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t')) {
        return None;
    }
    let mut text = rest.trim().trim_end_matches('#').trim().to_owned();
    let mut id = None;
    if text.ends_with('}')
        && let Some(k) = text.rfind("{#")
    {
        id = Some(text[k + 2..text.len() - 1].trim().to_owned());
        text = text[..k].trim().to_owned();
    }
    Some((level, text, id))
}

fn is_delimiter_row(t: &str) -> bool {
    t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// The cells of a pipe-table row; `\|` does not split.
pub fn cells(row: &str) -> Vec<String> {
    let inner = row.strip_prefix('|').unwrap_or(row);
    let inner = if inner.ends_with('|') && !inner.ends_with("\\|") { &inner[..inner.len() - 1] } else { inner };
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cur.push('|');
                chars.next();
            }
            '|' => out.push(std::mem::take(&mut cur).trim().to_owned()),
            _ => cur.push(c),
        }
    }
    out.push(cur.trim().to_owned());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_lines() {
        let p = parse(
            "---\npageUri: \"/a/b.html\",\n---\n# T\n\n| a | b |\n| - | - |\n| 1 | 2 |\n| 3 |\n\n```http\nGET /x\n```\ntext\n",
        );
        assert_eq!(p.blocks.len(), 4);
        assert!(matches!(&p.blocks[0], Block::Heading { line: 4, level: 1, text, .. } if text == "T"));
        assert!(
            matches!(&p.blocks[1], Block::Table { rows, ragged, .. } if rows[0].0 == 8 && rows.len() == 2 && *ragged == [9])
        );
        assert!(matches!(&p.blocks[2], Block::Code { lines } if lines[0].0 == 12));
        assert_eq!(p.page_uri.as_deref(), Some("/a/b.html"));
        assert!(p.problems.is_empty());
    }

    #[test]
    fn unterminated_fence_and_custom_ids() {
        let p = parse("## A b {#ab}\n```\nGET /x\n");
        assert!(matches!(&p.blocks[0], Block::Heading { id: Some(id), text, .. } if id == "ab" && text == "A b"));
        assert!(p.problems[0].error && p.problems[0].line == 2);
        assert_eq!(cells("| `a\\|b` | c |"), vec!["`a|b`", "c"]);
    }
}
