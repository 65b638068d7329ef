//! Doc comments: the attributes, the escaping of spec text for rustdoc, the
//! notes callers see, and the example at the top of each area module.

use std::borrow::Cow;

use crate::model::*;

/// The name users import the generated crate by, as examples write it.
const CRATE: &str = "easemob";

/// Calls `line` with each line of one doc comment, the brackets of spec
/// prose escaped (see [`escape_brackets`]) outside fenced code blocks.
pub(crate) fn rustdoc_lines(text: &str, mut line: impl FnMut(&str)) {
    let mut in_fence = false;
    for l in text.trim_end().lines() {
        let fence = l.trim_start().starts_with("```");
        if in_fence || fence {
            line(l);
        } else {
            line(&escape_brackets(l));
        }
        if fence {
            in_fence = !in_fence;
        }
    }
}

/// Escapes `[` and `]` that rustdoc would read as a link but that are prose
/// (a range `[0,1000]`, a placeholder `users [XX]`), so that a spec text
/// never turns into a broken intra-doc link. Kept as written: brackets in
/// code spans, backslash-escaped ones, intra-doc links whose text is one code
/// span (`` [`Type`] ``), and inline links (`[text](target)`).
pub fn escape_brackets(line: &str) -> Cow<'_, str> {
    // Most lines have no bracket at all; they are kept without a copy.
    if !line.contains(['[', ']']) {
        return Cow::Borrowed(line);
    }
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => {
                out.extend(&chars[i..(i + 2).min(chars.len())]);
                i += 2;
            }
            '`' => {
                let end = code_span_end(&chars, i).unwrap_or(i + 1);
                out.extend(&chars[i..end]);
                i = end;
            }
            '[' => match link_end(&chars, i) {
                Some(end) => {
                    out.extend(&chars[i..end]);
                    i = end;
                }
                None => {
                    out.push_str("\\[");
                    i += 1;
                }
            },
            ']' => {
                out.push_str("\\]");
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Cow::Owned(out)
}

/// The index after the code span opened by the backtick run at `start`, if
/// it is closed on this line by a run of the same length.
fn code_span_end(chars: &[char], start: usize) -> Option<usize> {
    let run = chars[start..].iter().take_while(|&&c| c == '`').count();
    let mut i = start + run;
    while i < chars.len() {
        if chars[i] == '`' {
            let n = chars[i..].iter().take_while(|&&c| c == '`').count();
            if n == run {
                return Some(i + n);
            }
            i += n;
        } else {
            i += 1;
        }
    }
    None
}

/// The index after the link that starts with the `[` at `start`: an
/// intra-doc link `` [`X`] `` (optionally with a target), or `[text](target)`
/// whose text may hold code spans.
fn link_end(chars: &[char], start: usize) -> Option<usize> {
    let mut i = start + 1;
    let mut spans = 0;
    let close = loop {
        match chars.get(i)? {
            '`' => {
                i = code_span_end(chars, i)?;
                spans += 1;
            }
            '[' => return None,
            ']' => break i,
            _ => {
                spans += 2;
                i += 1;
            }
        }
    };
    let after_label = close + 1;
    if chars.get(after_label) != Some(&'(') {
        // Only `[`Item`]` is an intra-doc link without a target.
        return (spans == 1 && chars[start + 1] == '`').then_some(after_label);
    }
    let end = (after_label..chars.len()).find(|&i| chars[i] == ')')?;
    Some(end + 1)
}

/// The notes a caller needs (kind `usage`) as a `# Notes` section, ending in
/// a blank line; empty when there are none. The other kinds are for the
/// spec's reviewers and stay out of the Rust docs.
pub fn notes_section(notes: &[Note]) -> String {
    let items: String = notes.iter().filter(|n| n.kind == NoteKind::Usage).map(|n| format!("- {}\n", n.text)).collect();
    if items.is_empty() { items } else { format!("# Notes\n\n{items}\n") }
}

/// A short `no_run` example for an area module: one call made from
/// placeholder values, and a walk over a paged list when the area has one.
/// Built from the operations' inputs, so it keeps compiling as the spec
/// changes; `None` when no operation can be called with placeholders alone.
pub fn area_example(api: &Api, area: &Area) -> Option<String> {
    let module = &area.rust.module;
    let simple = |op: &&Operation| {
        op.response.ty != Ty::Binary && op.required_inputs().iter().all(|f| placeholder(api, f).is_some())
    };
    let paged = area.operations.iter().filter(simple).find(|op| op.paging.is_some());
    let single = area
        .operations
        .iter()
        .filter(simple)
        .filter(|op| op.paging.is_none())
        .find(|op| op.method == Method::Get)
        .or_else(|| area.operations.iter().filter(simple).find(|op| op.paging.is_none()));
    if single.is_none() && paged.is_none() {
        return None;
    }
    let call = |op: &Operation| {
        let args: Vec<String> = op.required_inputs().iter().filter_map(|f| placeholder(api, f)).collect();
        format!("client.{module}().{}({})", op.rust.method, args.join(", "))
    };
    let r = &api.rust.request;
    let mut body = String::new();
    if paged.is_some() {
        body.push_str("use futures_util::TryStreamExt;\n\n");
    }
    if let Some(op) = single {
        body.push_str(&format!("// {}\n", op.summary));
        if op.response.ty == Ty::None {
            body.push_str(&format!("{}.{}().await?;\n", call(op), r.send));
        } else {
            body.push_str(&format!(
                "let answer = {}.{}().await?;\nprintln!(\"{{:?}}\", answer.data);\n",
                call(op),
                r.send
            ));
        }
    }
    if let Some(op) = paged {
        if single.is_some() {
            body.push('\n');
        }
        body.push_str(&format!(
            "// {}; `{}()` walks every page.\nlet all: Vec<_> = {}.{}().try_collect().await?;\nprintln!(\"{{}} in all\", all.len());\n",
            op.summary.trim_end_matches('.'),
            r.items,
            call(op),
            r.items
        ));
    }
    Some(format!(
        "# Example\n\n```no_run\n# async fn example(client: {CRATE}::{client}) -> Result<(), {CRATE}::Error> {{\n{body}# Ok(())\n# }}\n```",
        client = api.rust.client
    ))
}

/// Rust source for a placeholder value of an input, if it has a simple one.
fn placeholder(api: &Api, f: &Field) -> Option<String> {
    let one = |ty: &Ty, n: Option<usize>| -> Option<String> {
        let name = match n {
            Some(n) => format!("{}{n}", f.rust.trim_end_matches('s')),
            None => f.rust.clone(),
        };
        match ty {
            Ty::String | Ty::Secret => Some(format!("{name:?}")),
            Ty::Integer => {
                let v = f.limits.min.unwrap_or(1).max(1);
                Some(f.limits.max.map_or(v, |m| v.min(m)).to_string())
            }
            Ty::Number => Some("1.0".into()),
            Ty::Timestamp => Some(format!("{CRATE}::Timestamp::now()")),
            Ty::MuteDuration(_) => Some(format!("{CRATE}::MuteDuration::from_secs(60)")),
            Ty::Boolean => Some("true".into()),
            Ty::Named(t) => match &api.find_type(t)?.kind {
                TypeKind::Id => Some(format!("{name:?}")),
                TypeKind::Enum(values) => Some(format!("{}::{}", public_path(api, t)?, values.first()?.rust)),
                _ => None,
            },
            _ => None,
        }
    };
    match &f.ty {
        Ty::List(t) | Ty::OneOrMany(t) => {
            let n = f.limits.min_items.unwrap_or(1).clamp(1, 3) as usize;
            let items: Option<Vec<String>> =
                (1..=n).map(|i| one(t, if n == 1 && f.limits.min_items.is_none() { None } else { Some(i) })).collect();
            Some(format!("[{}]", items?.join(", ")))
        }
        Ty::Map(t) if **t == Ty::String => Some(format!("[(\"key\", {:?})]", "value")),
        t => one(t, None),
    }
}

/// The path a user of the crate names a named type by.
fn public_path(api: &Api, name: &str) -> Option<String> {
    let def = api.find_type(name)?;
    Some(match &def.home {
        Home::Area(area) => {
            let module = &api.areas.iter().find(|a| a.name == *area)?.rust.module;
            format!("{CRATE}::{module}::{name}")
        }
        Home::Callbacks => format!("{CRATE}::{}::{name}", api.callbacks.as_ref()?.rust.module),
        Home::Common | Home::Runtime => format!("{CRATE}::{name}"),
    })
}

#[cfg(test)]
mod tests {
    use super::escape_brackets;

    #[test]
    fn prose_brackets_are_escaped() {
        assert_eq!(escape_brackets("the range [0,1000] is"), "the range \\[0,1000\\] is");
        assert_eq!(escape_brackets("users [XX] are not"), "users \\[XX\\] are not");
        assert_eq!(escape_brackets("a lone ] and ["), "a lone \\] and \\[");
    }

    #[test]
    fn links_code_and_escapes_are_kept() {
        for kept in [
            "see [`Client`] and [`Client::raw`]",
            "see [`x`](crate::x) now",
            "the [module docs](self).",
            "in code `[0,1000]` or ``a [b] c``",
            "already \\[escaped\\]",
            "[page.md#s](https://example.com/a_(b)",
            "Source: [`page.md` § 标题](https://example.com/page.md#标题)",
        ] {
            assert_eq!(escape_brackets(kept), kept, "{kept}");
        }
        assert_eq!(escape_brackets("[`a`] and [b]"), "[`a`] and \\[b\\]");
    }
}
