//! HTML input: a saved web page (or an exported article) becomes the paragraphs of its
//! article.
//!
//! The bytes are decoded with the charset the page declares (byte order mark, then
//! `<meta charset>` or `<meta http-equiv="Content-Type">`, then the XML declaration of an
//! XHTML page), or, when it declares none, like a text file. html5ever (through `scraper`)
//! parses the page as a browser would and decodes entities.
//!
//! What a reader does not read is left out: scripts, styles, forms controls, hidden elements,
//! `<nav>`, `<aside>`, `<footer>`, page `<header>`s, ARIA navigation/banner/footer roles, and
//! elements whose class or id says they are navigation, menus, share buttons, breadcrumbs,
//! cookie notices or footers. Of what remains, the main content is the `<article>` (the
//! largest, when there are several), else the `<main>` element, else the block that holds most
//! of the text; it is widened to take in the page's `<h1>` when the title sits just outside
//! it. Headings, paragraphs, list items, table cells (and any other block element) become
//! paragraphs; `<br>` breaks a line inside one. Blocks that repeat across the pages of a batch
//! are dropped by [`super::repeated`].

use super::{BlockKind, Document, Paragraph};
use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use encoding_rs::Encoding;
use scraper::{Html, Node};
use std::collections::{HashMap, HashSet};

/// Reads an HTML page into a document of its article's paragraphs.
pub fn read(name: &str, bytes: &[u8], one_per_line: bool) -> Result<Document, String> {
    let (source, decoded_from) = decode(bytes)?;
    if let Some(line) = too_deep(&source, MAX_DEPTH) {
        return Err(format!(
            "elements nested more than {MAX_DEPTH} deep (line {line}): not a page alinea reads"
        ));
    }
    let paragraphs = extract(&source);
    let mut doc = Document::from_paragraphs(name, &paragraphs, one_per_line);
    if doc.blocks.is_empty() {
        return Err("an HTML page with no article text (after leaving out scripts, styles, navigation and footers)".into());
    }
    doc.decoded_from = decoded_from;
    Ok(doc)
}

/// How deep elements may nest. Real pages nest a few dozen levels; the HTML parsing
/// algorithm scans the stack of open elements at every tag, so a page of 100,000 nested
/// `<div>`s would take minutes.
const MAX_DEPTH: usize = 2000;

/// Elements without an end tag, or whose end tag may be left out: they do not deepen the
/// nesting as written.
const FLAT: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead",
    "tfoot", "colgroup", "rt", "rp", "html", "head", "body",
];

/// The line at which elements first nest deeper than `limit`, counted from the tags as
/// written (comments, scripts and styles skipped); `None` when they never do.
fn too_deep(source: &str, limit: usize) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        i += off + 1;
        let rest = &source[i..];
        if rest.starts_with("!--") {
            i += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let closing = rest.starts_with('/');
        let name: String = rest[usize::from(closing)..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || FLAT.contains(&name.as_str()) {
            continue;
        }
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        if closing {
            depth = depth.saturating_sub(1);
        } else if matches!(name.as_str(), "script" | "style") {
            let close = format!("</{name}");
            i += rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
            continue;
        } else if !rest[..end].ends_with("/>") {
            depth += 1;
            if depth > limit {
                return Some(1 + source[..i].matches('\n').count());
            }
        }
        i += end.min(rest.len());
    }
    None
}

/// How far into the page to look for a `<meta>` charset declaration. Browsers look at the
/// first 1024 bytes; saved pages often put a long `<head>` first, so look further.
const PRESCAN_BYTES: usize = 8192;

/// Decodes a page: a byte order mark wins, then the declared charset, then the text-file
/// rules (UTF-8, else Windows-1252). Returns the text and, when it was not UTF-8, the
/// encoding it was decoded from.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<&'static str>), String> {
    let has_bom = bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF");
    let declared = if has_bom {
        None
    } else {
        declared_charset(&bytes[..bytes.len().min(PRESCAN_BYTES)])
    };
    match declared {
        Some(enc) if enc != encoding_rs::UTF_8 => {
            let (text, _, _) = enc.decode(bytes);
            if text.trim().is_empty() {
                return Err("the file holds only whitespace".into());
            }
            Ok((text.into_owned(), Some(enc.name())))
        }
        // Declared UTF-8 (or nothing): a page saved as Latin-1 under a UTF-8 declaration is
        // common enough that the text-file rules, which fall back to Windows-1252, do better
        // than replacement characters.
        _ => super::decode(bytes),
    }
}

/// The encoding a page declares in a `<meta>` element or an XML declaration, following the
/// HTML prescan: a declared UTF-16 means UTF-8 (the bytes could not have been read that
/// far otherwise), and labels are resolved as browsers do (`iso-8859-1` is Windows-1252).
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let label = xml_declared_encoding(head).or_else(|| meta_charset(head))?;
    let enc = Encoding::for_label(label.trim().as_bytes())?;
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        return Some(encoding_rs::UTF_8);
    }
    if enc == encoding_rs::X_USER_DEFINED {
        return Some(encoding_rs::WINDOWS_1252);
    }
    Some(enc)
}

/// `encoding="..."` of an `<?xml ...?>` declaration at the very start.
fn xml_declared_encoding(head: &[u8]) -> Option<String> {
    let decl = head.strip_prefix(b"<?xml")?;
    let end = decl.windows(2).position(|w| w == b"?>")?;
    let attrs = attributes(&decl[..end]);
    attrs
        .into_iter()
        .find(|(n, _)| n == "encoding")
        .map(|(_, v)| v)
}

/// The charset of the first `<meta charset>` or `<meta http-equiv="content-type"
/// content="...; charset=...">`, skipping comments.
fn meta_charset(head: &[u8]) -> Option<String> {
    let lower = head.to_ascii_lowercase();
    let mut i = 0;
    while i < lower.len() {
        if lower[i..].starts_with(b"<!--") {
            i += 4 + find(&lower[i + 4..], b"-->").map_or(lower.len(), |p| p + 3);
            continue;
        }
        if lower[i..].starts_with(b"<meta")
            && lower
                .get(i + 5)
                .is_some_and(|&c| c.is_ascii_whitespace() || c == b'/')
        {
            let end = i + find(&head[i..], b">").unwrap_or(head.len() - i);
            let attrs = attributes(&head[i + 5..end]);
            let get = |name: &str| attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v);
            if let Some(charset) = get("charset") {
                return Some(charset.clone());
            }
            let is_content_type =
                get("http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("content-type"));
            if let (true, Some(content)) = (is_content_type, get("content")) {
                if let Some(charset) = charset_from_content_type(content) {
                    return Some(charset);
                }
            }
            i = end;
            continue;
        }
        i += 1;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `text/html; charset=windows-1252` -> `windows-1252`.
fn charset_from_content_type(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let at = lower.find("charset")? + "charset".len();
    let rest = lower[at..].trim_start().strip_prefix('=')?.trim_start();
    let value: String = rest
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| !matches!(c, '"' | '\'' | ';') && !c.is_whitespace())
        .collect();
    (!value.is_empty()).then_some(value)
}

/// The attributes of a tag's inside (`name="value" name='value' name=value name`), names
/// lowercased. Enough for the charset prescan; the page itself is parsed by html5ever.
fn attributes(tag: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(tag);
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let skip_space = |i: &mut usize| {
        while *i < chars.len() && (chars[*i].is_whitespace() || chars[*i] == '/') {
            *i += 1;
        }
    };
    loop {
        skip_space(&mut i);
        if i >= chars.len() {
            return out;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && !matches!(chars[i], '=' | '/') {
            i += 1;
        }
        let name: String = chars[start..i].iter().collect::<String>().to_lowercase();
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if chars.get(i) == Some(&'=') {
            i += 1;
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            match chars.get(i) {
                Some(&q) if q == '"' || q == '\'' => {
                    i += 1;
                    while i < chars.len() && chars[i] != q {
                        value.push(chars[i]);
                        i += 1;
                    }
                    i += 1;
                }
                _ => {
                    while i < chars.len() && !chars[i].is_whitespace() {
                        value.push(chars[i]);
                        i += 1;
                    }
                }
            }
        }
        if !name.is_empty() {
            out.push((name, value));
        }
    }
}

/// Elements whose content is never article text.
const NEVER_TEXT: &[&str] = &[
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "video", "audio", "map", "button", "select", "textarea", "input", "label", "nav",
    "aside", "footer", "menu", "dialog",
];

/// ARIA roles of page furniture.
const BOILERPLATE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
    "toolbar",
    "dialog",
    "alertdialog",
];

/// Words in a class or id (split at `-`, `_` and spaces) that mark page furniture.
const BOILERPLATE_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "menubar",
    "submenu",
    "breadcrumb",
    "breadcrumbs",
    "share",
    "sharing",
    "sharethis",
    "social",
    "footer",
    "cookie",
    "cookies",
    "sidebar",
    "related",
    "comments",
    "newsletter",
    "pagination",
    "pager",
    "toolbar",
    "skip",
    "skiplink",
];

/// Whole class names of text meant only for screen readers or hidden.
const HIDDEN_CLASSES: &[&str] = &[
    "hidden",
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
    "screen-reader-text",
    "element-invisible",
];

/// Elements that start and end a paragraph; everything else is inline.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// A child holding at least this share of its parent's text is where the text is.
const DOMINANT_SHARE: f64 = 2.0 / 3.0;

/// Class- and id-based furniture is dropped only when it holds less than this share of the
/// page's text, so that a wrapper named `page-with-sidebar` does not take the article with it.
const FURNITURE_MAX_SHARE: f64 = 0.5;

/// The paragraphs of a page's main content, in reading order.
pub fn extract(source: &str) -> Vec<Paragraph> {
    let html = Html::parse_document(source);
    let root = html.tree.root();
    let body = element_children(root)
        .find(|e| name_of(*e) == Some("html"))
        .and_then(|h| element_children(h).find(|e| name_of(*e) == Some("body")))
        .unwrap_or(root);

    let mut skip = furniture_by_markup(root);
    let sizes = text_sizes(root, &skip);
    let total = sizes.get(&body.id()).copied().unwrap_or_default().own();
    skip.extend(furniture_by_name(root, &skip, &sizes, total));
    let sizes = text_sizes(root, &skip);

    let hidden = inside(root, &skip);
    let content = main_content(root, body, &skip, &hidden, &sizes);
    let mut paragraphs = Vec::new();
    if let Some(title) = title_outside(root, content, &hidden) {
        match common_ancestor(title, content) {
            Some(wider) if wider.id() != body.id() && name_of(wider) != Some("html") => {
                paragraphs.extend(paragraphs_of(wider, &skip));
                return paragraphs;
            }
            _ => paragraphs.extend(paragraphs_of(title, &skip)),
        }
    }
    paragraphs.extend(paragraphs_of(content, &skip));
    paragraphs
}

fn name_of(node: NodeRef<'_, Node>) -> Option<&str> {
    node.value().as_element().map(|e| e.name())
}

fn element_children<'a>(node: NodeRef<'a, Node>) -> impl Iterator<Item = NodeRef<'a, Node>> {
    node.children().filter(|c| c.value().is_element())
}

/// Elements left out for what they are: never-text elements, hidden ones, furniture roles.
fn furniture_by_markup(root: NodeRef<Node>) -> HashSet<NodeId> {
    let mut skip = HashSet::new();
    // Open <article> and <main> elements: a <header> inside one is the article's.
    let mut content_depth = 0usize;
    for edge in root.traverse() {
        let node = match edge {
            Edge::Open(node) => node,
            Edge::Close(node) => {
                if matches!(name_of(node), Some("article" | "main")) {
                    content_depth -= 1;
                }
                continue;
            }
        };
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let in_content = content_depth > 0;
        if matches!(el.name(), "article" | "main") {
            content_depth += 1;
        }
        let style = el
            .attr("style")
            .map(|s| s.to_ascii_lowercase().replace(char::is_whitespace, ""))
            .unwrap_or_default();
        let furniture = NEVER_TEXT.contains(&el.name())
            || (el.name() == "header" && !in_content)
            || el.attr("hidden").is_some()
            || el.attr("aria-hidden") == Some("true")
            || style.contains("display:none")
            || style.contains("visibility:hidden")
            || el.attr("role").is_some_and(|r| {
                r.split_whitespace()
                    .any(|r| BOILERPLATE_ROLES.contains(&r.to_ascii_lowercase().as_str()))
            })
            || el
                .classes()
                .any(|c| HIDDEN_CLASSES.contains(&c.to_ascii_lowercase().as_str()));
        if furniture {
            skip.insert(node.id());
        }
    }
    skip
}

/// Every node in a skipped subtree, found in one pass (asking each node for its ancestors
/// would be quadratic on deeply nested pages).
fn inside(root: NodeRef<Node>, skip: &HashSet<NodeId>) -> HashSet<NodeId> {
    let mut out = HashSet::new();
    let mut depth = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if depth > 0 || skip.contains(&node.id()) {
                    depth += 1;
                    out.insert(node.id());
                }
            }
            Edge::Close(_) if depth > 0 => depth -= 1,
            Edge::Close(_) => {}
        }
    }
    out
}

/// Elements left out for what their class or id says they are, when they are small.
fn furniture_by_name(
    root: NodeRef<Node>,
    skip: &HashSet<NodeId>,
    sizes: &HashMap<NodeId, Size>,
    total: usize,
) -> Vec<NodeId> {
    let mut out = Vec::new();
    for node in root.descendants() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        if skip.contains(&node.id()) || matches!(el.name(), "html" | "body" | "article" | "main") {
            continue;
        }
        let names = el.attr("class").unwrap_or("").to_string() + " " + el.attr("id").unwrap_or("");
        let furniture = names
            .to_ascii_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| BOILERPLATE_WORDS.contains(&w));
        let own = sizes.get(&node.id()).copied().unwrap_or_default().own();
        if furniture && (own as f64) < FURNITURE_MAX_SHARE * total as f64 {
            out.push(node.id());
        }
    }
    out
}

/// Non-space characters under an element, and how many of them are link text.
#[derive(Debug, Clone, Copy, Default)]
struct Size {
    all: usize,
    links: usize,
}

impl Size {
    /// The text that is not links: what tells an article from a menu.
    fn own(self) -> usize {
        self.all - self.links
    }
}

/// The size of every element's text, leaving out skipped subtrees.
fn text_sizes(root: NodeRef<Node>, skip: &HashSet<NodeId>) -> HashMap<NodeId, Size> {
    let mut sizes = HashMap::new();
    let mut stack: Vec<Size> = Vec::new();
    let mut skipping: Option<NodeId> = None;
    let mut in_link = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                if skip.contains(&node.id()) {
                    skipping = Some(node.id());
                    continue;
                }
                match node.value() {
                    Node::Element(el) => {
                        if el.name() == "a" {
                            in_link += 1;
                        }
                        stack.push(Size::default());
                    }
                    Node::Text(t) => {
                        let n = t.chars().filter(|c| !c.is_whitespace()).count();
                        if let Some(top) = stack.last_mut() {
                            top.all += n;
                            if in_link > 0 {
                                top.links += n;
                            }
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_some() {
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    if el.name() == "a" {
                        in_link -= 1;
                    }
                    let size = stack.pop().unwrap_or_default();
                    if let Some(parent) = stack.last_mut() {
                        parent.all += size.all;
                        parent.links += size.links;
                    }
                    sizes.insert(node.id(), size);
                }
            }
        }
    }
    sizes
}

/// The element that holds the article: the largest `<article>`, else the largest `<main>`
/// (or `role="main"`), else, from `<body>` down, the child that holds most of its parent's
/// text for as long as one does.
fn main_content<'a>(
    root: NodeRef<'a, Node>,
    body: NodeRef<'a, Node>,
    skip: &HashSet<NodeId>,
    hidden: &HashSet<NodeId>,
    sizes: &HashMap<NodeId, Size>,
) -> NodeRef<'a, Node> {
    let own = |n: &NodeRef<Node>| sizes.get(&n.id()).copied().unwrap_or_default().own();
    let kept = |n: &NodeRef<Node>| !hidden.contains(&n.id());
    let largest = |pick: &dyn Fn(&scraper::node::Element) -> bool| {
        root.descendants()
            .filter(|n| n.value().as_element().is_some_and(pick) && kept(n) && own(n) > 0)
            .max_by_key(|n| own(n))
    };
    if let Some(article) = largest(&|e| e.name() == "article") {
        return article;
    }
    if let Some(main) = largest(&|e| e.name() == "main" || e.attr("role") == Some("main")) {
        return main;
    }
    let mut at = body;
    loop {
        let here = own(&at) as f64;
        let next = element_children(at)
            .filter(|c| !skip.contains(&c.id()))
            .find(|c| here > 0.0 && own(c) as f64 >= DOMINANT_SHARE * here);
        match next {
            Some(child) => at = child,
            None => return at,
        }
    }
}

/// The page's first `<h1>`, when the content holds none and the title comes before it.
fn title_outside<'a>(
    root: NodeRef<'a, Node>,
    content: NodeRef<'a, Node>,
    hidden: &HashSet<NodeId>,
) -> Option<NodeRef<'a, Node>> {
    let is_h1 = |n: &NodeRef<Node>| name_of(*n) == Some("h1");
    let kept = |n: &NodeRef<Node>| !hidden.contains(&n.id());
    if content.descendants().any(|n| is_h1(&n) && kept(&n)) {
        return None;
    }
    let mut seen_content = false;
    for edge in root.traverse() {
        if let Edge::Open(n) = edge {
            if n.id() == content.id() {
                seen_content = true;
            }
            if is_h1(&n) && kept(&n) {
                return (!seen_content).then_some(n);
            }
        }
    }
    None
}

fn common_ancestor<'a>(a: NodeRef<'a, Node>, b: NodeRef<'a, Node>) -> Option<NodeRef<'a, Node>> {
    let of_a: HashSet<NodeId> = a.ancestors().map(|n| n.id()).collect();
    b.ancestors().find(|n| of_a.contains(&n.id()))
}

/// The paragraphs under an element, in document order.
fn paragraphs_of(top: NodeRef<Node>, skip: &HashSet<NodeId>) -> Vec<Paragraph> {
    let mut out = Extractor::default();
    let mut skipping: Option<NodeId> = None;
    for edge in top.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                if skip.contains(&node.id()) {
                    skipping = Some(node.id());
                    continue;
                }
                match node.value() {
                    Node::Element(el) => out.open(el.name()),
                    Node::Text(t) => out.text(t),
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                } else if skipping.is_none() {
                    if let Node::Element(el) = node.value() {
                        out.close(el.name());
                    }
                }
            }
        }
    }
    out.flush();
    out.paragraphs
}

/// Collects text into paragraphs: block elements end the current one, inline elements add
/// to it, whitespace collapses as a browser shows it (except in `<pre>`).
#[derive(Default)]
struct Extractor {
    paragraphs: Vec<Paragraph>,
    current: String,
    /// Kinds set by the open elements (`<h2>`, `<li>`), innermost last.
    kinds: Vec<BlockKind>,
    pre: usize,
}

impl Extractor {
    fn open(&mut self, name: &str) {
        if name == "br" {
            self.current.push('\n');
            return;
        }
        if BLOCK_ELEMENTS.contains(&name) {
            self.flush();
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.kinds.push(BlockKind::Heading),
            "li" => self.kinds.push(BlockKind::Bullet),
            "pre" => self.pre += 1,
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        if BLOCK_ELEMENTS.contains(&name) {
            self.flush();
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" => {
                self.kinds.pop();
            }
            "pre" => self.pre = self.pre.saturating_sub(1),
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.pre > 0 {
            self.current.push_str(&text.replace("\r\n", "\n"));
            return;
        }
        for c in text.chars() {
            if c.is_ascii_whitespace() {
                if !self.current.is_empty() && !self.current.ends_with([' ', '\n']) {
                    self.current.push(' ');
                }
            } else {
                self.current.push(c);
            }
        }
    }

    /// Ends the current paragraph: lines trimmed, runs of blank lines made one.
    fn flush(&mut self) {
        let mut text = String::new();
        let mut blank = false;
        for line in self.current.lines().map(str::trim) {
            if line.is_empty() {
                blank = !text.is_empty();
                continue;
            }
            if !text.is_empty() {
                text.push_str(if blank { "\n\n" } else { "\n" });
            }
            blank = false;
            text.push_str(line);
        }
        self.current.clear();
        if !text.is_empty() {
            self.paragraphs
                .push(Paragraph::new(text, self.kinds.last().copied()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_measured_from_the_tags_as_written() {
        let deep = format!("<body>{}<p>x{}", "<div>".repeat(50), "</div>".repeat(50));
        assert_eq!(too_deep(&deep, 60), None);
        assert_eq!(too_deep(&deep, 40), Some(1));
        // Paragraphs and list items left open, void elements, comments and scripts do not
        // deepen it.
        let flat = format!(
            "{}<!-- <div><div> --><script>if (a<b) {{ x = '<div>'; }}</script><br><img src=x><span/>",
            "<p>uno<li>dos".repeat(100)
        );
        assert_eq!(too_deep(&flat, 3), None);
        let page = format!(
            "<html><body>{}x{}</body></html>",
            "<div>".repeat(3000),
            "</div>".repeat(3000)
        );
        assert!(read("deep", page.as_bytes(), false)
            .unwrap_err()
            .contains("nested more than 2000"));
    }

    fn texts(paragraphs: &[Paragraph]) -> Vec<&str> {
        paragraphs.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn headings_paragraphs_list_items_and_cells_become_paragraphs() {
        let page = "<html><body><h1>La  canciller\n viaja</h1><p>Primera frase. <b>Segunda</b> frase.</p>\
            <ul><li>Uno</li><li>Dos<br>tres</li></ul><table><tr><td>Celda A</td><td>Celda&nbsp;B</td></tr></table></body></html>";
        let p = extract(page);
        assert_eq!(
            texts(&p),
            [
                "La canciller viaja",
                "Primera frase. Segunda frase.",
                "Uno",
                "Dos\ntres",
                "Celda A",
                "Celda\u{a0}B"
            ]
        );
        assert_eq!(p[0].kind, Some(BlockKind::Heading));
        assert_eq!(p[1].kind, None);
        assert_eq!(p[2].kind, Some(BlockKind::Bullet));
    }

    #[test]
    fn scripts_styles_navigation_and_footers_are_left_out() {
        let page = r#"<html><head><title>Sitio</title><style>p{color:red}</style></head><body>
            <header><a href="/">Inicio</a></header>
            <nav><ul><li><a href="/a">Prensa</a></li></ul></nav>
            <div class="share-buttons"><a>Facebook</a> Compartir</div>
            <p>El texto del comunicado.</p><script>var x = "<p>no</p>";</script>
            <p hidden>Oculto.</p><span class="sr-only">Abre en ventana nueva</span>
            <footer><p>Derechos reservados.</p></footer></body></html>"#;
        assert_eq!(texts(&extract(page)), ["El texto del comunicado."]);
    }

    #[test]
    fn the_article_element_is_the_content_and_takes_its_title_from_outside() {
        let page = r#"<body><div id="wrap"><div class="col"><h1>Título</h1><p class="date">26 de septiembre</p>
            <article><p>Cuerpo del texto.</p></article></div>
            <div class="col"><p>Otra nota sin relación, bastante más larga que el cuerpo del texto de arriba.</p></div></div></body>"#;
        assert_eq!(
            texts(&extract(page)),
            ["Título", "26 de septiembre", "Cuerpo del texto."]
        );
    }

    #[test]
    fn without_article_or_main_the_block_with_most_text_is_the_content() {
        let long = "Una frase del comunicado que tiene bastante texto. ".repeat(8);
        let page = format!(
            r#"<body><div><p>Suscríbase a nuestro boletín de noticias.</p></div>
            <div><div><p>{long}</p><p>{long}</p></div></div>
            <div><p>Av. Juárez 20, Ciudad de México.</p></div></body>"#
        );
        let p = extract(&page);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].text.starts_with("Una frase"));
    }

    #[test]
    fn a_wrapper_named_like_furniture_does_not_take_the_article_with_it() {
        let page = r#"<body><div class="page-with-sidebar"><p>Todo el texto está aquí dentro.</p>
            <div class="sidebar"><p>Poco.</p></div></div></body>"#;
        assert_eq!(texts(&extract(page)), ["Todo el texto está aquí dentro."]);
    }

    #[test]
    fn pre_keeps_its_lines() {
        let p = extract("<body><pre>uno\n  dos\n</pre></body>");
        assert_eq!(texts(&p), ["uno\ndos"]);
    }

    #[test]
    fn declared_charsets_are_honoured() {
        let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body><p>Canci\xf3n</p></body></html>";
        let (text, from) = decode(page).unwrap();
        assert!(text.contains("Canción"));
        assert_eq!(from, Some("windows-1252"));
        let page = b"<meta charset='utf-8'><p>Canci\xc3\xb3n</p>";
        assert_eq!(decode(page).unwrap().1, None);
        // A charset named only in a comment does not count.
        let page = b"<!-- <meta charset=\"koi8-r\"> --><meta charset=\"windows-1252\"><p>\xe9</p>";
        assert_eq!(decode(page).unwrap().1, Some("windows-1252"));
        let page = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?><html><p>\xe9</p></html>";
        assert_eq!(decode(page).unwrap().1, Some("windows-1252"));
    }

    #[test]
    fn the_declaration_decides_where_guessing_would_differ() {
        // 0xA4 is the euro sign in ISO-8859-15 and a currency sign in Windows-1252.
        let page = b"<meta charset=\"iso-8859-15\"><p>5 \xa4</p>";
        assert_eq!(
            decode(page).unwrap(),
            (
                String::from_utf8(b"<meta charset=\"iso-8859-15\"><p>5 \xe2\x82\xac</p>".to_vec())
                    .unwrap(),
                Some("ISO-8859-15")
            )
        );
        // Bytes that are also valid UTF-8 are read as the page says.
        let page = b"<meta charset=\"windows-1252\"><p>\xc3\xa9</p>";
        assert!(decode(page).unwrap().0.contains("\u{c3}\u{a9}"));
    }

    #[test]
    fn a_page_mislabelled_as_utf8_falls_back_to_windows_1252() {
        let page = b"<meta charset=\"utf-8\"><p>Canci\xf3n</p>";
        let (text, from) = decode(page).unwrap();
        assert!(text.contains("Canción"));
        assert_eq!(from, Some("windows-1252"));
    }

    #[test]
    fn a_page_without_text_is_refused() {
        let err = read(
            "x",
            b"<html><body><nav>Menu</nav><script>x()</script></body></html>",
            false,
        )
        .unwrap_err();
        assert!(err.contains("no article text"), "{err}");
    }
}
