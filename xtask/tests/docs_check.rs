//! `xtask docs-check` on small doc trees written for these tests in the
//! structure of Easemob's pages (never their text): one test per kind of
//! difference, both layouts (a page per area with a section per operation,
//! and a page per operation), pages with several operations and with none,
//! and malformed pages.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const ZH: &str = "docs/document/server-side";

/// A spec of one area: two operations sourced from an area page, one from a
/// one-operation page.
const SPEC: &str = "title: Widgets
doc: A test area.
operations:
  - name: create
    summary: Create a widget.
    method: POST
    path: /widgets
    source: widgets.md#创建部件
    rate_limit: 100/s
    body:
      fields:
        - {name: name, type: string, required: true, doc: The name.}
        - {name: color, type: string, doc: The color.}
    response: {type: none}
  - name: list
    summary: List widgets.
    method: GET
    path: /widgets
    source: widgets.md#分页获取部件
    params:
      - {name: limit, in: query, type: integer, doc: Page size.}
      - {name: x-trace, in: header, type: string, doc: A trace header.}
    response: {type: none}
  - name: get
    summary: Get one widget.
    method: GET
    path: /widgets/{widget_id}
    source: widget_get.md
    rate_limit: 10/min
    params:
      - {name: widget_id, in: path, type: string, doc: The widget.}
    response: {type: none}
";

/// The area layout: shared parameters first, then one `##` section per
/// operation with `HTTP 请求` / `请求 header` / `请求 body` parts.
const AREA_PAGE: &str = "# 部件管理

<Toc />

测试用页面：虚构的部件接口。

## 公共参数

| 参数 | 类型 | 是否必需 | 描述 |
| :--- | :--- | :--- | :--- |
| `host` | String | 是 | 域名。 |
| `widget_id` | String | 是 | 部件编号。 |

## 创建部件

**调用频率上限**：100 次/秒/App Key

### HTTP 请求

```http
POST https://{host}/{org_name}/{app_name}/widgets
```

#### 请求 header

| 参数 | 类型 | 是否必需 | 描述 |
| :--- | :--- | :--- | :--- |
| `Content-Type` | String | 是 | 内容类型。 |
| `Authorization` | String | 是 | 令牌。 |

#### 请求 body

| 参数 | 类型 | 是否必需 | 描述 |
| :--- | :--- | :--- | :--- |
| `name` | String | 是 | 名字。 |
| `color` | String | 否 | 颜色。 |
| - `shade` | String | 否 | 嵌套字段。 |

### HTTP 响应

| 参数 | 类型 | 描述 |
| :--- | :--- | :--- |
| `data` | JSON | 结果。 |

## 分页获取部件

### HTTP 请求

```http
GET https://{host}/{org_name}/{app_name}/widgets?limit={N}
```

#### 查询参数

| 参数 | 类型 | 是否必需 | 描述 |
| :--- | :--- | :--- | :--- |
| `limit` | Int | 否 | 每页数量。 |

#### 请求 header

| 参数 | 类型 | 是否必需 | 描述 |
| :--- | :--- | :--- | :--- |
| `x-trace` | String | 否 | 跟踪标识。 |
| `Authorization` | String | 是 | 令牌。 |
";

/// The one-operation layout: the `#` title is the operation.
const OP_PAGE: &str = "# 获取单个部件

## 功能说明

读取一个部件。

## 调用频率上限

10 次/分钟/App Key

## 请求 URL

```http
GET https://{host}/{org_name}/{app_name}/widgets/{widget_id}
```

| 参数 | 类型 | 是否必需 | 描述 |
| :--- | :--- | :--- | :--- |
| `widget_id` | String | 是 | 部件编号。 |

## 请求 header 参数

`Authorization` 的说明见概览页。

## 响应示例

```json
{\"data\": {}}
```
";

const OP_PAGE_EN: &str = "# Get a widget

## Call frequency limit

10 calls/minute/App Key

## Request URL

```http
GET https://{host}/{org_name}/{app_name}/widgets/{widget_id}
```
";

/// A page that documents no operation.
const OVERVIEW: &str = "# 概览

部件接口的总体说明。

```json
{\"GET\": \"not a request line\"}
```
";

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    /// The spec root and an agreeing docs tree (at `docs-clone/`).
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let f = Fixture { dir };
        let common = workspace_root().join("spec/common.yaml");
        fs::create_dir_all(f.root().join("spec")).unwrap();
        fs::copy(&common, f.root().join("spec/common.yaml")).unwrap();
        fs::write(f.root().join("spec/widgets.yaml"), SPEC).unwrap();
        f.write(&format!("{ZH}/widgets.md"), AREA_PAGE);
        f.write(&format!("{ZH}/widget_get.md"), OP_PAGE);
        f.write(&format!("{ZH}/overview.md"), OVERVIEW);
        f.write("docs/rest/widget_get.md", OP_PAGE_EN);
        f
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn docs(&self) -> PathBuf {
        self.root().join("docs-clone")
    }

    fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.docs().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }

    /// Replaces `from` (which must occur) in a docs page.
    fn edit(&self, rel: &str, from: &str, to: &str) {
        let path = self.docs().join(rel);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} has no `{from}`");
        fs::write(path, text.replacen(from, to, 1)).unwrap();
    }

    /// Replaces `from` (which must occur) in the spec's area file.
    fn edit_spec(&self, from: &str, to: &str) {
        let path = self.root().join("spec/widgets.yaml");
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "the spec has no `{from}`");
        fs::write(path, text.replacen(from, to, 1)).unwrap();
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.docs().join(rel)).unwrap()
    }

    fn check(&self) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .arg("docs-check")
            .arg(self.docs())
            .arg("--root")
            .arg(self.root())
            .output()
            .expect("run xtask");
        let run = Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        assert!(!run.stderr.contains("panicked"), "xtask panicked:\n{}", run.stderr);
        run
    }
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    #[track_caller]
    fn has(&self, needle: &str) -> &Self {
        assert!(self.stdout.contains(needle), "expected `{needle}` in the report:\n{}\n{}", self.stdout, self.stderr);
        self
    }

    #[track_caller]
    fn fails(&self) -> &Self {
        assert_eq!(self.code, Some(1), "expected exit 1:\n{}\n{}", self.stdout, self.stderr);
        self
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

/// 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("no `{needle}`")) + 1
}

/// `spec/widgets.yaml:LINE` of the operation named `name`.
fn spec_at(name: &str) -> String {
    format!("spec/widgets.yaml:{}", line_of(SPEC, &format!("- name: {name}")))
}

/// `spec/widgets.yaml:LINE` of the `source` of operation `name`.
fn spec_source_at(name: &str) -> String {
    let from = line_of(SPEC, &format!("- name: {name}"));
    let rel = SPEC.lines().skip(from).position(|l| l.trim_start().starts_with("source:")).unwrap();
    format!("spec/widgets.yaml:{}", from + rel + 1)
}

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.insert(p.clone(), fs::read(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn agreeing_docs_pass_and_nothing_is_written() {
    let f = Fixture::new();
    // The checkout is named from `.git` (a branch and its commit).
    f.write(".git/HEAD", "ref: refs/heads/doc-v2\n");
    f.write(".git/packed-refs", "# pack-refs\n0123456789abcdef0123456789abcdef01234567 refs/heads/doc-v2\n");
    let before = snapshot(f.root());
    let run = f.check();
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    // Four pages: an area page with two operations, a one-operation page in
    // each tree, and an overview with none.
    run.has("3 spec operations")
        .has("(doc-v2 @ 0123456789ab) (4 pages, 4 request lines)")
        .has("summary: the docs and the spec agree.");
    assert_eq!(before, snapshot(f.root()), "the check must change nothing");
}

#[test]
fn method_and_path_differences() {
    let f = Fixture::new();
    f.edit(&format!("{ZH}/widgets.md"), "POST https://", "PUT https://");
    f.edit(&format!("{ZH}/widget_get.md"), "/widgets/{widget_id}", "/widgets/{widget_id}/detail");
    let area = f.read(&format!("{ZH}/widgets.md"));
    let op = f.read(&format!("{ZH}/widget_get.md"));
    f.check()
        .fails()
        .has("== Method or path differs (2)")
        .has(&format!(
            "{}: widgets_create is `POST /widgets` in the spec; its source section documents `PUT /widgets` at {ZH}/widgets.md:{}",
            spec_at("create"),
            line_of(&area, "PUT https://")
        ))
        .has(&format!(
            "{}: widgets_get is `GET /widgets/{{widget_id}}` in the spec; its source section documents `GET /widgets/{{widget_id}}/detail` at {ZH}/widget_get.md:{}",
            spec_at("get"),
            line_of(&op, "GET https://")
        ));
}

#[test]
fn moved_and_missing_sources() {
    let f = Fixture::new();
    // The area page renames the section; the one-operation page moves away
    // (its English twin stays).
    f.edit(&format!("{ZH}/widgets.md"), "## 创建部件", "## 新建一个部件");
    fs::rename(f.docs().join(ZH).join("widget_get.md"), f.docs().join(ZH).join("widget_detail.md")).unwrap();
    let area = f.read(&format!("{ZH}/widgets.md"));
    f.check()
        .fails()
        .has("== Source page or section gone or moved (2)")
        .has(&format!(
            "{}: widgets_create source `widgets.md#创建部件`: its page has no such section; `POST /widgets` is documented at {ZH}/widgets.md:{} (\"新建一个部件\")",
            spec_source_at("create"),
            line_of(&area, "POST https://")
        ))
        .has(&format!(
            "{}: widgets_get source `widget_get.md`: its page no longer exists; `GET /widgets/{{widget_id}}` is documented at {ZH}/widget_detail.md:{} (\"获取单个部件\"), docs/rest/widget_get.md:{} (\"Get a widget\")",
            spec_source_at("get"),
            line_of(OP_PAGE, "GET https://"),
            line_of(OP_PAGE_EN, "GET https://")
        ));
}

#[test]
fn a_section_without_a_request_line_is_reported() {
    let f = Fixture::new();
    f.edit(&format!("{ZH}/widgets.md"), "GET https://{host}/{org_name}/{app_name}/widgets?limit={N}", "（见上文）");
    f.check().fails().has(&format!(
        "{}: widgets_list source `widgets.md#分页获取部件`: its section has no request line; `GET /widgets` is documented nowhere else",
        spec_source_at("list")
    ));
}

#[test]
fn new_endpoints_in_both_layouts() {
    let f = Fixture::new();
    // A second operation on the area page, and a new one-operation page in
    // both trees.
    let area = format!(
        "{AREA_PAGE}\n## 删除部件\n\n### HTTP 请求\n\n```http\nDELETE https://{{host}}/{{org_name}}/{{app_name}}/widgets/{{id}}\n```\n"
    );
    f.write(&format!("{ZH}/widgets.md"), &area);
    let page = "# 重命名部件\n\n## 请求 URL\n\n```http\nPUT https://{host}/{org_name}/{app_name}/widgets/{widget_id}/name\n```\n";
    f.write(&format!("{ZH}/widget_rename.md"), page);
    f.write("docs/rest/widget_rename.md", &page.replace("重命名部件", "Rename a widget"));
    f.check()
        .fails()
        .has("== Documented operations the spec lacks (2)")
        .has(&format!("{ZH}/widgets.md:{}: DELETE /widgets/{{id}} \"删除部件\"", line_of(&area, "DELETE https://")))
        .has(&format!(
            "{ZH}/widget_rename.md:6: PUT /widgets/{{widget_id}}/name \"重命名部件\" (also docs/rest/widget_rename.md:6)"
        ));
}

#[test]
fn parameter_and_body_differences() {
    let f = Fixture::new();
    let rel = format!("{ZH}/widgets.md");
    f.edit(&rel, "| `color` | String | 否 | 颜色。 |", "| `size` | Int | 否 | 尺寸。 |");
    f.edit(
        &rel,
        "| `limit` | Int | 否 | 每页数量。 |",
        "| `limit` | Int | 否 | 每页数量。 |\n| `cursor` | String | 否 | 游标。 |",
    );
    f.edit(&rel, "| `x-trace` | String | 否 | 跟踪标识。 |\n", "");
    // The one-operation layout lists query parameters in the URL table.
    let op_rel = format!("{ZH}/widget_get.md");
    f.edit(
        &op_rel,
        "| `widget_id` | String | 是 | 部件编号。 |",
        "| `widget_id` | String | 是 | 部件编号。 |\n| `fields` | String | 否 | 返回的字段。 |",
    );
    let area = f.read(&rel);
    let op = f.read(&op_rel);
    f.check()
        .fails()
        .has("== Parameters and body fields (5)")
        .has(&format!(
            "{}: widgets_create lacks body field `size`, documented at {rel}:{}",
            spec_at("create"),
            line_of(&area, "`size`")
        ))
        .has(&format!(
            "{}: widgets_create has body field `color`, which its section ({rel}:{}) does not list",
            spec_at("create"),
            line_of(&area, "## 创建部件")
        ))
        .has(&format!(
            "{}: widgets_list lacks query parameter `cursor`, documented at {rel}:{}",
            spec_at("list"),
            line_of(&area, "`cursor`")
        ))
        .has(&format!("{}: widgets_list has header `x-trace`, which its section", spec_at("list")))
        .has(&format!(
            "{}: widgets_get lacks query parameter `fields`, documented at {op_rel}:{}",
            spec_at("get"),
            line_of(&op, "`fields`")
        ));
}

#[test]
fn rate_limit_differences_in_sections_and_limit_tables() {
    let f = Fixture::new();
    f.edit(&format!("{ZH}/widgets.md"), "100 次/秒/App Key", "50 次/秒/App Key");
    f.edit(&format!("{ZH}/widget_get.md"), "10 次/分钟/App Key", "1,000 次/天/App Key");
    // A stub page whose content lives in a limits table elsewhere.
    f.write(&format!("{ZH}/limitationapi.md"), "---\n{\n    pageUri: \"/product/limitationapi.html\",\n}\n---\n");
    let table = "# 调用频率\n\n| 接口 | 方法 | 接口 URL | 频率 |\n| :--- | :--- | :--- | :--- |\n| 列出部件 | GET | /{org_name}/{app_name}/widgets | 20 次/秒/App Key |\n";
    f.write("docs/product/limitationapi.md", table);
    let area = f.read(&format!("{ZH}/widgets.md"));
    f.check()
        .fails()
        .has("== Rate limits (3)")
        .has(&format!(
            "{}: widgets_create rate_limit is 100/s; the docs say 50/s at {ZH}/widgets.md:{}",
            spec_at("create"),
            line_of(&area, "50 次/秒")
        ))
        .has(&format!(
            "{}: widgets_get rate_limit is 10/min; the docs say 1000/day at {ZH}/widget_get.md:{}",
            spec_at("get"),
            line_of(OP_PAGE, "10 次/分钟")
        ))
        .has(&format!(
            "{}: widgets_list rate_limit is not set; the docs say 20/s at docs/product/limitationapi.md:5",
            spec_at("list")
        ));
}

#[test]
fn malformed_pages_are_reported_not_fatal() {
    let f = Fixture::new();
    f.write(&format!("{ZH}/broken.md"), "# 坏页面\n\n## 请求 URL\n\n```http\nGET https://{host}/{o}/{a}/widgets\n");
    f.write_bytes(&format!("{ZH}/latin1.md"), b"# caf\xe9\n");
    f.edit(&format!("{ZH}/widgets.md"), "| `color` | String | 否 | 颜色。 |", "| `color` | String | 否 |");
    let area = f.read(&format!("{ZH}/widgets.md"));
    f.check()
        .fails()
        .has("== Pages the check could not fully read (3)")
        .has(&format!("{ZH}/broken.md:5: error: code block opened here with ``` is never closed"))
        .has(&format!("{ZH}/latin1.md:1: error: not UTF-8 (invalid byte at offset 5): the page was skipped"))
        .has(&format!(
            "{ZH}/widgets.md:{}: warning: row of a table the check reads does not have the header's 4 cells",
            line_of(&area, "| `color` |")
        ));
}

#[test]
fn ragged_rows_alone_do_not_fail_the_check() {
    let f = Fixture::new();
    f.edit(
        &format!("{ZH}/widgets.md"),
        "| `color` | String | 否 | 颜色。 |",
        "| `color` | String | 否 | 颜色。 | 多余 |",
    );
    let run = f.check();
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    run.has("summary: the docs and the spec agree (1 pages the check could not fully read).");
}

#[test]
fn a_folder_that_is_not_a_docs_clone_is_refused() {
    let f = Fixture::new();
    fs::remove_dir_all(f.docs()).unwrap();
    fs::create_dir_all(f.docs()).unwrap();
    let run = f.check();
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("is it a clone of easemob/easemob-doc"), "{}", run.stderr);
}

#[test]
fn sources_in_either_layout_and_tree_resolve() {
    let f = Fixture::new();
    // A one-operation page by its title, an area section by its anchor
    // (spaces become hyphens, case is ignored), a page of the English tree.
    f.edit_spec("source: widget_get.md", "source: widget_get.md#获取单个部件");
    f.edit(&format!("{ZH}/widgets.md"), "## 分页获取部件", "## 分页获取 Widget 列表");
    f.edit_spec("source: widgets.md#分页获取部件", "source: widgets.md#分页获取-widget-列表");
    let run = f.check();
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    f.edit_spec("source: widget_get.md#获取单个部件", "source: ../../rest/widget_get.md#get-a-widget");
    let run = f.check();
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    run.has("3 operations found at their source");
}

#[test]
fn a_name_in_another_part_is_reported_once() {
    let f = Fixture::new();
    let rel = format!("{ZH}/widgets.md");
    // The docs move `x-trace` from the header table to the query table.
    f.edit(&rel, "| `x-trace` | String | 否 | 跟踪标识。 |\n", "");
    f.edit(
        &rel,
        "| `limit` | Int | 否 | 每页数量。 |",
        "| `limit` | Int | 否 | 每页数量。 |\n| `x-trace` | String | 否 | 跟踪标识。 |",
    );
    let area = f.read(&rel);
    let run = f.check();
    run.fails().has("== Parameters and body fields (1)").has(&format!(
        "{}: widgets_list has `x-trace` as a header; the docs list it as a query parameter at {rel}:{}",
        spec_at("list"),
        line_of(&area, "`x-trace`")
    ));
}

#[test]
fn a_limits_table_is_compared_even_where_the_source_is_gone() {
    let f = Fixture::new();
    fs::remove_file(f.docs().join(ZH).join("widget_get.md")).unwrap();
    let table = "# 频率\n\n| 接口 | 方法 | URL | 调用频率 |\n| - | - | - | - |\n| 读取 | GET | /{org_name}/{app_name}/widgets/{id} | 5 次/秒/App Key |\n";
    f.write(&format!("{ZH}/limits.md"), table);
    f.check()
        .fails()
        .has(&format!("{}: widgets_get source `widget_get.md`: its page no longer exists", spec_source_at("get")))
        .has(&format!("{}: widgets_get rate_limit is 10/min; the docs say 5/s at {ZH}/limits.md:5", spec_at("get")));
}
