//! What a doc page documents: its sections, the operations its request lines
//! name, and what each operation's section states in tables and code blocks
//! (query, header and body names, the rate limit).
//!
//! Both layouts read the same way. An operation is a request line
//! (`METHOD https://{host}/{org_name}/{app_name}/...`) in a code block; its
//! section is the nearest heading above it that is not a request-part heading
//! ("HTTP 请求", "请求 URL", "Request URL", ...): a `##` section of an area
//! page (`doc-v2`), or the page's `#` title on a one-operation page. Tables
//! in the section are read by the heading they sit under ("查询参数",
//! "请求 body 参数", "Request header", ...).

use super::markdown::{Block, Parsed, Problem};

fn ragged_warnings(ragged: &[usize], header: &[String], problems: &mut Vec<Problem>) {
    for &line in ragged {
        problems.push(Problem {
            line,
            error: false,
            message: format!("row of a table the check reads does not have the header's {} cells", header.len()),
        });
    }
}

/// One heading of a page.
#[derive(Debug)]
pub struct Heading {
    pub line: usize,
    pub level: usize,
    pub text: String,
    /// `anchor_key` of the text, and of an explicit `{#id}`.
    pub keys: Vec<String>,
    /// First line after the section (the next heading of the same or a
    /// higher level), or `usize::MAX` at the end of the page.
    pub end: usize,
    /// The section's blocks: `block` is the heading's, `end_block` the
    /// first after the section.
    block: usize,
    end_block: usize,
}

/// A documented name (parameter or body field) and where.
#[derive(Debug, Clone)]
pub struct Named {
    pub name: String,
    pub line: usize,
}

/// What a section states about its request, where it states it.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// `None` when the section has no query table and the request line no
    /// query string: nothing can be said about the spec's query parameters.
    pub query: Option<Vec<Named>>,
    pub headers: Option<Vec<Named>>,
    pub body: Option<Vec<Named>>,
    /// `N/s`, `N/min`, `N/day` (or `N/h`), and the line stating it.
    pub rate: Option<(String, usize)>,
}

/// A request line and the section it documents.
#[derive(Debug, Clone)]
pub struct DocOp {
    pub line: usize,
    pub method: String,
    /// The path after `/{org_name}/{app_name}`, as written.
    pub path: String,
    pub key: String,
    /// Index into `Page::headings`; `None` before the first heading.
    pub heading: Option<usize>,
    pub facts: Facts,
}

/// A row of a rate-limit table: method, URL and limit.
#[derive(Debug)]
pub struct LimitRow {
    pub key: String,
    pub rate: String,
    pub line: usize,
}

#[derive(Debug, Default)]
pub struct Page {
    pub headings: Vec<Heading>,
    pub ops: Vec<DocOp>,
    pub limits: Vec<LimitRow>,
    pub problems: Vec<Problem>,
    /// A stub page's `pageUri`: the page that holds its content.
    pub page_uri: Option<String>,
}

impl Page {
    /// The heading `anchor` names (`text` or `{#id}`, compared as anchors).
    pub fn find_heading(&self, anchor: &str) -> Option<usize> {
        let key = anchor_key(anchor);
        self.headings.iter().position(|h| h.keys.contains(&key))
    }

    /// The operations whose request line lies in heading `h`'s section, or
    /// on the whole page for `None`.
    pub fn ops_in(&self, h: Option<usize>) -> impl Iterator<Item = &DocOp> {
        let (from, to) = h.map_or((0, usize::MAX), |i| (self.headings[i].line, self.headings[i].end));
        self.ops.iter().filter(move |o| o.line > from && o.line < to)
    }
}

/// Reads one parsed page.
pub fn read(parsed: Parsed) -> Page {
    let Parsed { blocks, problems, page_uri } = parsed;
    let mut page = Page { problems, page_uri, ..Page::default() };

    // Headings with their section ends; for each block, its innermost heading.
    let mut block_heading: Vec<Option<usize>> = Vec::with_capacity(blocks.len());
    let mut stack: Vec<usize> = Vec::new();
    let mut op_blocks: Vec<(usize, Option<usize>)> = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        if let Block::Heading { line, level, text, id } = block {
            while let Some(&top) = stack.last() {
                if page.headings[top].level < *level {
                    break;
                }
                page.headings[top].end = *line;
                page.headings[top].end_block = b;
                stack.pop();
            }
            let mut keys = vec![anchor_key(text)];
            keys.extend(id.as_deref().map(anchor_key));
            let (end, end_block) = (usize::MAX, blocks.len());
            page.headings.push(Heading {
                line: *line,
                level: *level,
                text: text.clone(),
                keys,
                end,
                block: b,
                end_block,
            });
            stack.push(page.headings.len() - 1);
        }
        block_heading.push(stack.last().copied());
        if let Block::Code { .. } = block {
            // The operation's heading: the innermost one that is not a
            // request-part heading; none (the whole page) if all are.
            let owner = stack.iter().rev().copied().find(|&h| !is_request_part(&page.headings[h].text));
            op_blocks.push((b, owner));
        }
    }

    let mut facts_of: Vec<(Option<usize>, Facts)> = Vec::new();
    for (b, owner) in op_blocks {
        let Block::Code { lines, .. } = &blocks[b] else { continue };
        for (line, text) in lines {
            let Some(req) = request_line(text) else { continue };
            let mut facts = match facts_of.iter().find(|(h, _)| *h == owner) {
                Some((_, f)) => f.clone(),
                None => {
                    let f = section_facts(&page.headings, &blocks, &block_heading, owner, &req, &mut page.problems);
                    facts_of.push((owner, f.clone()));
                    f
                }
            };
            // The request line's own query string documents names too.
            if !req.query.is_empty() {
                let list = facts.query.get_or_insert_with(Vec::new);
                for q in &req.query {
                    if !list.iter().any(|n| &n.name == q) {
                        list.push(Named { name: q.clone(), line: *line });
                    }
                }
            }
            page.ops.push(DocOp {
                line: *line,
                key: op_key(&req.method, &req.path),
                method: req.method,
                path: req.path,
                heading: owner,
                facts,
            });
        }
    }
    page.limits = limit_rows(&blocks, &mut page.problems);
    page
}

/// What the section of heading `owner` states (the whole page for `None`).
fn section_facts(
    headings: &[Heading],
    blocks: &[Block],
    block_heading: &[Option<usize>],
    owner: Option<usize>,
    req: &Request,
    problems: &mut Vec<Problem>,
) -> Facts {
    let range = owner.map_or(0..blocks.len(), |h| headings[h].block + 1..headings[h].end_block);
    let mut facts = Facts::default();
    for b in range {
        let block = &blocks[b];
        let under = block_heading[b].filter(|h| Some(*h) != owner).map(|h| headings[h].text.as_str());
        match block {
            Block::Table { header, rows, ragged, .. } => {
                let Some(kind) = under.and_then(table_kind) else { continue };
                if kind == Part::Path || !header.first().is_some_and(|c| is_name_column(c)) {
                    continue;
                }
                if kind == Part::Body && nested_table(blocks.get(b.wrapping_sub(1)), &facts.body) {
                    continue;
                }
                ragged_warnings(ragged, header, problems);
                let names: Vec<(usize, String)> = rows
                    .iter()
                    .filter_map(|(l, row)| Some((*l, row.first().and_then(|c| top_level_name(c))?)))
                    .filter(|(_, n)| !is_common(n))
                    .collect();
                // A URL table lists path and query parameters alike; a path
                // parameter it names otherwise than the request line does is
                // still a path parameter, in order.
                let mut renamed = req.placeholders.iter().filter(|p| !names.iter().any(|(_, n)| n == *p)).count();
                for (row_line, name) in names {
                    let slot = match kind {
                        Part::Body => &mut facts.body,
                        Part::Header => &mut facts.headers,
                        Part::Query => &mut facts.query,
                        Part::Url if req.placeholders.contains(&name) => continue,
                        Part::Url if renamed > 0 => {
                            renamed -= 1;
                            continue;
                        }
                        Part::Params if req.placeholders.contains(&name) => continue,
                        Part::Url | Part::Params => &mut facts.query,
                        Part::Path => continue,
                    };
                    let list = slot.get_or_insert_with(Vec::new);
                    if !list.iter().any(|n| n.name == name) {
                        list.push(Named { name, line: row_line });
                    }
                }
                // An empty table still says "no parameters of this kind".
                match kind {
                    Part::Body => {
                        facts.body.get_or_insert_with(Vec::new);
                    }
                    Part::Header => {
                        facts.headers.get_or_insert_with(Vec::new);
                    }
                    Part::Query | Part::Url | Part::Params | Part::Path => {}
                }
            }
            Block::Text { text, line } if facts.rate.is_none() => {
                let about_rate = |s: &str| {
                    let s = s.to_lowercase();
                    s.contains("频率") || s.contains("frequency") || s.contains("rate limit")
                };
                if about_rate(text) || under.is_some_and(about_rate) {
                    facts.rate = rate(text).map(|r| (r, *line));
                }
            }
            _ => {}
        }
    }
    facts
}

/// A second body table right after a sentence naming a field already
/// listed ("the `body` field is described below") describes that field.
fn nested_table(before: Option<&Block>, body: &Option<Vec<Named>>) -> bool {
    let (Some(Block::Text { text, .. }), Some(body)) = (before, body) else { return false };
    body.iter().any(|n| text.contains(&format!("`{}`", n.name)))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Path parameters only: compared through the path itself.
    Path,
    /// Path and query parameters (the table under `请求 URL`); a path
    /// parameter may be named otherwise than in the request line.
    Url,
    /// Request parameters (`请求参数`): the path's by name, the others query.
    Params,
    Query,
    Header,
    Body,
}

/// Which request part a table under `heading` lists; `None` for responses,
/// errors and anything else.
fn table_kind(heading: &str) -> Option<Part> {
    let k = heading.to_lowercase().replace(char::is_whitespace, "");
    let has = |words: &[&str]| words.iter().any(|w| k.contains(w));
    if has(&["响应", "response", "错误", "error", "返回", "示例", "example"]) {
        None
    } else if has(&["body", "请求体", "包体"]) {
        Some(Part::Body)
    } else if has(&["header", "请求头"]) {
        Some(Part::Header)
    } else if has(&["查询", "query"]) {
        Some(Part::Query)
    } else if has(&["路径", "path"]) {
        Some(Part::Path)
    } else if has(&["url"]) {
        Some(Part::Url)
    } else if has(&["http请求", "httprequest", "请求参数", "requestparameter"]) {
        Some(Part::Params)
    } else {
        None
    }
}

/// Headings that name a part of a request, never an operation.
fn is_request_part(heading: &str) -> bool {
    let k = heading.to_lowercase().replace(char::is_whitespace, "");
    matches!(k.as_str(), "请求" | "request" | "http" | "url" | "请求行" | "requestline" | "接口" | "api")
        || ["http请求", "请求url", "httprequest", "requesturl", "请求地址", "requestmethod", "请求方式"]
            .iter()
            .any(|w| k.contains(w))
}

fn is_name_column(cell: &str) -> bool {
    let c = cell.to_lowercase();
    ["参数", "字段", "名称", "parameter", "field", "name", "key"].iter().any(|w| c.contains(w))
}

/// The name in a table's first cell, unless the row is nested (`- name`,
/// `└ name`, `a.b`) or the cell is not a name.
fn top_level_name(cell: &str) -> Option<String> {
    let c = cell.trim().trim_start_matches("&nbsp;").trim();
    if c.starts_with(['-', '└', '—', '–', '·', '>', '*']) {
        return None;
    }
    let name = match (c.find('`'), c.rfind('`')) {
        (Some(a), Some(b)) if b > a => &c[a + 1..b],
        _ => c,
    };
    let ok = !name.is_empty() && name.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '-');
    ok.then(|| name.to_owned())
}

/// Parameters every request has, documented once for all operations.
fn is_common(name: &str) -> bool {
    ["host", "org_name", "app_name", "authorization", "content-type", "accept"].contains(&name.to_lowercase().as_str())
}

/// A parsed request line.
#[derive(Debug)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub query: Vec<String>,
    pub placeholders: Vec<String>,
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"];

/// `POST https://{host}/{org_name}/{app_name}/users?x={x}`; only URLs whose
/// first two path segments are placeholders (the org and the app).
pub fn request_line(text: &str) -> Option<Request> {
    let t = text.trim();
    let mut parts = t.split_whitespace();
    let method = parts.next().filter(|m| METHODS.contains(m))?;
    let url = parts.next()?;
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")).unwrap_or(url);
    let rest = &rest[rest.find('/')?..];
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segs.len() < 2 || !segs[..2].iter().all(|s| is_placeholder(s)) {
        return None;
    }
    let path = format!("/{}", segs[2..].join("/"));
    let query = query
        .split('&')
        .map(|kv| kv.split('=').next().unwrap_or("").trim().trim_matches(['{', '}']).to_owned())
        .filter(|k| !k.is_empty())
        .collect();
    let placeholders = segs[2..].iter().filter_map(|s| placeholder_name(s)).map(str::to_owned).collect();
    Some(Request { method: method.to_owned(), path, query, placeholders })
}

/// `{name}`, `${name}`, or a list written `{member1}(,{member2},…)`.
fn placeholder_name(seg: &str) -> Option<&str> {
    let rest = seg.strip_prefix('$').unwrap_or(seg).strip_prefix('{')?;
    rest.find('}').map(|end| &rest[..end]).filter(|n| !n.is_empty())
}

fn is_placeholder(seg: &str) -> bool {
    placeholder_name(seg).is_some()
}

/// `METHOD /a/{}/b`: placeholder names, slashes and case of the method ignored.
pub fn op_key(method: &str, path: &str) -> String {
    let segs: Vec<&str> =
        path.split('/').filter(|s| !s.is_empty()).map(|s| if is_placeholder(s) { "{}" } else { s }).collect();
    format!("{} /{}", method.to_uppercase(), segs.join("/"))
}

/// How Easemob's anchors compare: letters and digits only, lower case (the
/// anchor of "获取 App 中的聊天室" is `获取-app-中的聊天室`).
pub fn anchor_key(text: &str) -> String {
    let text = percent_decode(text);
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_owned();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |j: usize| b.get(j).and_then(|c| (*c as char).to_digit(16));
        match (b[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

/// The rate `text` states: "100 次/秒", "20 calls/second/App Key"; of
/// several, the first per App Key.
pub fn rate(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    // Per App Key first, then calls before messages ("100 条/秒，20 次/秒").
    let all = rates(&lower);
    all.iter().max_by_key(|r| (r.app_key, r.calls, std::cmp::Reverse(r.at))).map(|r| r.text.clone())
}

struct Rate {
    text: String,
    app_key: bool,
    /// Counts calls (次, calls), not messages (条).
    calls: bool,
    at: usize,
}

/// Every rate in `s` (lower case).
fn rates(s: &str) -> Vec<Rate> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(off) = s[from..].find(|c: char| c.is_ascii_digit()) {
        let start = from + off;
        let digits: String = s[start..].chars().take_while(|c| c.is_ascii_digit() || *c == ',').collect();
        let after = s[start + digits.len()..].trim_start();
        from = start + digits.len();
        let Some((what, after)) = ["次", "条", "calls", "call", "times", "requests", "messages"]
            .iter()
            .find_map(|w| after.strip_prefix(w).map(|a| (*w, a)))
        else {
            continue;
        };
        let Some(after) = after.trim_start().strip_prefix('/') else { continue };
        let after = after.trim_start();
        let unit = [
            ("秒", "s"),
            ("second", "s"),
            ("sec", "s"),
            ("分钟", "min"),
            ("minute", "min"),
            ("min", "min"),
            ("小时", "h"),
            ("hour", "h"),
            ("天", "day"),
            ("日", "day"),
            ("day", "day"),
        ]
        .iter()
        .find(|(w, _)| after.starts_with(w));
        if let Some((word, unit)) = unit {
            let tail = after[word.len()..].trim_start().trim_start_matches(|c: char| c.is_alphabetic());
            let app_key = tail.trim_start().strip_prefix('/').is_some_and(|t| t.trim_start().starts_with("app key"));
            let calls = !matches!(what, "条" | "messages");
            out.push(Rate { text: format!("{}/{unit}", digits.replace(',', "")), app_key, calls, at: start });
        }
    }
    out
}

/// Rows of tables that list a method, a URL and (in the rate column, in
/// the row, or in the sentence right after the table) a rate. A rate column
/// is the one headed 频率/frequency: other columns may hold rates too (the
/// size of an add-on package).
fn limit_rows(blocks: &[Block], problems: &mut Vec<Problem>) -> Vec<LimitRow> {
    let mut out = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        let Block::Table { header, rows, ragged, .. } = block else { continue };
        let col = |words: &[&str]| header.iter().position(|h| words.iter().any(|w| h.to_lowercase().contains(w)));
        let (Some(m), Some(u)) = (col(&["方法", "method"]), col(&["url", "路径", "path"])) else { continue };
        let r = col(&["频率", "frequency", "rate"]);
        ragged_warnings(ragged, header, problems);
        let after = match blocks.get(b + 1) {
            Some(Block::Text { text, .. }) => rate(text),
            _ => None,
        };
        for (line, row) in rows {
            let (Some(method), Some(url)) = (row.get(m), row.get(u)) else { continue };
            let Some(req) = request_line(&format!("{} {}", method.trim(), url.trim_matches('`'))) else { continue };
            let stated = match r {
                Some(r) => row.get(r).and_then(|c| rate(c)),
                None => row.iter().find_map(|c| rate(c)),
            };
            let Some(rate) = stated.or_else(|| after.clone()) else { continue };
            out.push(LimitRow { key: op_key(&req.method, &req.path), rate, line: *line });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts_of(page: &str) -> Facts {
        let page = read(crate::docs_check::markdown::parse(page));
        page.ops[0].facts.clone()
    }

    #[test]
    fn url_tables_and_request_parameter_tables() {
        let names = |v: Option<Vec<Named>>| v.unwrap_or_default().into_iter().map(|n| n.name).collect::<Vec<_>>();
        let table = "| 参数 | 类型 |\n| --- | --- |\n";
        // Under `请求 URL`, a path parameter named otherwise is still one.
        let url = format!(
            "# T\n## 请求 URL\n```http\nGET https://h/{{o}}/{{a}}/u/{{ids}}?x=1\n```\n{table}| `id` | S |\n| `y` | S |\n"
        );
        assert_eq!(names(facts_of(&url).query), ["y", "x"]);
        // Under `请求参数`, only names in the path are path parameters.
        let params = format!(
            "## T\n### HTTP 请求\n```http\nPOST https://h/{{o}}/{{a}}/u/{{name}}/i\n```\n#### 请求参数\n{table}| `flag` | B |\n"
        );
        assert_eq!(names(facts_of(&params).query), ["flag"]);
        // A page without a title: the whole page is the section.
        let untitled = url.replace("# T\n", "");
        assert_eq!(names(facts_of(&untitled).query), ["y", "x"]);
        // A table under `路径参数` is not read.
        let path = params.replace("请求参数", "路径参数");
        assert_eq!(facts_of(&path).query.map(|q| q.len()), None);
    }

    #[test]
    fn limit_tables() {
        let page = "| 接口 | 方法 | 接口 URL | 包大小 | 最高调用频率 |\n| - | - | - | - | - |\n\
            | a | GET | /{o}/{a}/x?n={N} | 50 次/秒 | 100 次/秒/App Key |\n\
            | b | POST | /{o}/{a}/y | 50 次/秒 | 每分钟 1 次 |\n\n\
            | 接口 | 方法 | URL |\n| - | - | - |\n| c | PUT | /{o}/{a}/z |\n\n以上接口共 30 次/秒/App Key。\n";
        let rows = read(crate::docs_check::markdown::parse(page)).limits;
        let got: Vec<(&str, &str, usize)> = rows.iter().map(|r| (r.key.as_str(), r.rate.as_str(), r.line)).collect();
        assert_eq!(got, [("GET /x", "100/s", 3), ("PUT /z", "30/s", 8)]);
    }

    #[test]
    fn rates() {
        assert_eq!(rate("**调用频率上限**：100 次/秒/App Key").as_deref(), Some("100/s"));
        assert_eq!(rate("1,000 calls/minute").as_deref(), Some("1000/min"));
        assert_eq!(rate("20 次 / 天").as_deref(), Some("20/day"));
        assert_eq!(rate("version 2 of 3"), None);
        assert_eq!(rate("5 次/分钟/单用户 ID，100 次/秒/App Key").as_deref(), Some("100/s"));
        assert_eq!(rate("100 条/秒/App Key").as_deref(), Some("100/s"));
        assert_eq!(rate("- 100 条/秒 <br/> - 20 次/秒 <br/> - 10 个聊天室/次").as_deref(), Some("20/s"));
        assert_eq!(op_key("DELETE", "/m/{member1}(,{member2},…)"), "DELETE /m/{}");
        assert_eq!(op_key("GET", "/c/${time}"), "GET /c/{}");
    }

    #[test]
    fn request_lines_and_keys() {
        let r = request_line("GET https://{host}/{org}/{app}/users/{username}/x?limit={N}&cursor={c}").unwrap();
        assert_eq!((r.method.as_str(), r.path.as_str()), ("GET", "/users/{username}/x"));
        assert_eq!(r.query, vec!["limit", "cursor"]);
        assert_eq!(request_line("GET https://h/{o}/{a}/u?limit={N}&{cursor}").unwrap().query, ["limit", "cursor"]);
        assert_eq!(op_key("get", "/users/{u}/x/"), "GET /users/{}/x");
        assert!(request_line("POST https://example.com/callback").is_none());
        assert!(request_line("curl -X GET https://a/b/c").is_none());
        assert_eq!(anchor_key("获取-app-中的聊天室"), anchor_key("获取 App 中的聊天室"));
        assert_eq!(top_level_name("- `a`"), None);
        assert_eq!(top_level_name("`restrict-access`").as_deref(), Some("restrict-access"));
    }
}
