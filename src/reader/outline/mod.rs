//! A post laid out for reading: its header and comments as a flat list of
//! items in tree order, and each item wrapped into rows, cached per width, so
//! a frame only wraps what it shows and only once.

use std::{ops::Range, rc::Rc};

use crate::{
    dump::grammar::rules,
    dump::quotes::{self, Node},
    dump::signature,
    dump::thread::{Comment, Document, Post},
    dump::width::{self, Long},
    export,
    reader::{display::display, links, repeats},
    settings::store,
};

/// The post header (item 0) or one comment.
#[derive(Debug, Clone)]
pub struct Item {
    /// 0 for the header and top-level comments, 1 for replies.
    pub depth: usize,
    pub parent: Option<usize>,
    /// One past the last item of this item's subtree.
    pub end: usize,
    /// `#3.2 · author · timestamp` (the title, for the header).
    pub heading: String,
    /// `3.2`, empty for the header.
    pub id: String,
    /// Who wrote it: the author, else `~` and the signature its text ends
    /// in (inferred), else nothing.
    pub who: String,
    /// Its timestamp as shown (empty: none).
    pub stamp: String,
    /// What its text quotes or names (`dump::quotes`): the bytes of
    /// `text`, and the item they link to.
    pub quotes: Vec<(Range<usize>, usize)>,
    /// The items that quote or name it, in order.
    pub quoted_by: Vec<usize>,
    /// The text as shown and searched: control characters made visible, tabs
    /// expanded, a scrape's repeated lines left out (unless shown).
    pub text: String,
    /// Where repeats were left out: (the end of the line kept, in `text`,
    /// and how many copies).
    pub repeats: Vec<(usize, usize)>,
    pub removed: bool,
    /// 1-based line of the item in its file.
    pub line: usize,
    /// Its bytes in the document: the whole post for the header, a comment
    /// with its replies.
    pub span: Range<usize>,
    /// What the read state knows the comment by (0 for the header).
    pub key: u64,
}

impl Item {
    pub fn is_comment(&self) -> bool {
        !self.id.is_empty()
    }

    /// Comments below this one.
    pub fn descendants(&self, index: usize) -> usize {
        self.end - index - 1
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Title,
    Date,
    Body,
    Rule,
    Section,
    Heading,
    Text,
    Blank,
    /// A folded comment: heading and first line on one row.
    Folded,
    /// `(repeated)`: copies of the line above left out (`repeats`).
    Repeated,
}

/// One screen line of an item, before indentation and styling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub kind: RowKind,
    pub text: String,
    /// Where `text` lies in the item's text, for rows that show it.
    pub src: Option<Range<usize>>,
    /// Links that fall in this row, as ranges of the item's text.
    pub links: Vec<Range<usize>>,
    /// Quotes and mentions of earlier comments that fall in this row.
    pub refs: Vec<Range<usize>>,
}

impl Row {
    fn new(kind: RowKind, text: impl Into<String>) -> Row {
        Row {
            kind,
            text: text.into(),
            src: None,
            links: Vec::new(),
            refs: Vec::new(),
        }
    }

    /// A row showing `src` of an item's text, with the links and the
    /// quotes that touch it.
    fn shows(
        kind: RowKind,
        text: String,
        src: Range<usize>,
        (links, refs): (&[Range<usize>], &[Range<usize>]),
    ) -> Row {
        let touching = |spans: &[Range<usize>]| {
            spans
                .iter()
                .filter(|l| l.start < src.end && src.start < l.end)
                .cloned()
                .collect()
        };
        Row {
            kind,
            text,
            links: touching(links),
            refs: touching(refs),
            src: Some(src),
        }
    }
}

#[derive(Debug)]
pub struct Outline {
    pub items: Vec<Item>,
    pub date: Option<String>,
    pub section: String,
    cache: Vec<Option<Rc<Vec<Row>>>>,
    cached_width: u16,
}

impl Outline {
    /// The post's outline; `show_repeats`: a scrape's repeated lines drawn
    /// each time, not once with a mark.
    pub fn new(doc: &Document, post: &Post, show_repeats: bool) -> Outline {
        let (body, body_repeats) = shown(&post.body_text(doc), show_repeats);
        let mut items = vec![Item {
            depth: 0,
            parent: None,
            end: 0,
            heading: display(&post_title(doc, post)),
            id: String::new(),
            who: String::new(),
            stamp: String::new(),
            quotes: Vec::new(),
            quoted_by: Vec::new(),
            text: body,
            repeats: body_repeats,
            removed: false,
            line: post.line,
            span: post.span.clone(),
            key: 0,
        }];
        // Every comment in tree order, with its parent's item and depth.
        let mut order: Vec<(&Comment, Option<usize>, usize)> = Vec::with_capacity(post.count());
        fn walk<'a>(
            cs: &'a [Comment],
            parent: Option<usize>,
            depth: usize,
            order: &mut Vec<(&'a Comment, Option<usize>, usize)>,
        ) {
            for c in cs {
                let at = order.len() + 1;
                order.push((c, parent, depth));
                walk(&c.replies, Some(at), depth + 1, order);
            }
        }
        walk(&post.comments, None, 0, &mut order);
        // What each comment shows, made on every core for a large post.
        let made = made_in_parallel(&order, |&(c, parent, depth)| {
            comment_item(doc, c, parent, depth, show_repeats)
        });
        let mut keys = store::Occurrences::default();
        for (k, (mut item, hash)) in made.into_iter().enumerate() {
            item.key = keys.key(hash);
            item.end = k + 1 + order[k].0.count();
            items.push(item);
        }
        items[0].end = 1;
        link_quotes(&mut items);
        let found = post.count();
        let section = match post.declared {
            Some(n) if n == found => display(&export::section_heading(doc, post)),
            Some(_) => format!(
                "{} ({found} found)",
                display(&export::section_heading(doc, post))
            ),
            None => format!("{found} comments"),
        };
        // The language the section was read in, by its name.
        let section = match post
            .lang
            .and_then(|code| crate::dump::words::words().languages.get(code))
        {
            Some(l) => format!("{section} · {}", l.language),
            None => section,
        };
        let n = items.len();
        Outline {
            items,
            date: post.date_text(doc).map(display),
            section,
            cache: vec![None; n],
            cached_width: 0,
        }
    }

    /// The rows of item `i` at `width` columns (indentation included).
    pub fn rows(&mut self, i: usize, width: u16, folded: bool) -> Rc<Vec<Row>> {
        if width != self.cached_width {
            self.cache.iter_mut().for_each(|c| *c = None);
            self.cached_width = width;
        }
        let item = &self.items[i];
        if folded && item.is_comment() {
            return Rc::new(vec![folded_row(item, i, width)]);
        }
        if let Some(rows) = &self.cache[i] {
            return rows.clone();
        }
        let rows = Rc::new(if i == 0 {
            self.header_rows(width)
        } else {
            comment_rows(item, width)
        });
        self.cache[i] = Some(rows.clone());
        rows
    }

    fn header_rows(&self, width: u16) -> Vec<Row> {
        let item = &self.items[0];
        let mut rows: Vec<Row> = width::wrap_indented(&item.heading, width as usize, Long::Break)
            .into_iter()
            .map(|(t, _)| Row::new(RowKind::Title, t))
            .collect();
        if let Some(date) = &self.date {
            rows.push(Row::new(RowKind::Date, date.clone()));
        }
        rows.push(Row::new(RowKind::Blank, ""));
        text_rows(item, width as usize, RowKind::Body, &mut rows);
        if !item.text.is_empty() {
            rows.push(Row::new(RowKind::Blank, ""));
        }
        rows.push(Row::new(RowKind::Section, self.section.clone()));
        rows.push(Row::new(RowKind::Blank, ""));
        rows
    }
}

/// A folded comment on one row: heading, `[+N]` hidden replies, and as much
/// of its first line as fits (leaving room for a `● ` mark), ending in `…`
/// when cut.
fn folded_row(item: &Item, index: usize, width: u16) -> Row {
    let hidden = item.descendants(index);
    let more = if hidden > 0 {
        format!(" [+{hidden}]")
    } else {
        String::new()
    };
    let first = item
        .text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    // Two columns stay free for the reader's new-comment mark.
    let room = (width as usize).saturating_sub(indent(item.depth, RowKind::Folded) + 2);
    // No more of the first line than can show (a byte or more a column).
    let first = self::width::prefix(first, room + 1);
    // The heading cut as an unfolded one is, author first, so the
    // timestamp shows; the first line gets what room is left.
    let heading = heading_in(&item.heading, room.saturating_sub(width::width(&more) + 2));
    let text = self::width::fit(&format!("{heading}{more}  {first}"), room);
    Row::new(RowKind::Folded, text)
}

/// Comment `c`'s item (but its read-state key, given after, in order:
/// the hash of its text is given with it).
fn comment_item(
    doc: &Document,
    c: &Comment,
    parent: Option<usize>,
    depth: usize,
    show_repeats: bool,
) -> (Item, u64) {
    let text = c.text(doc);
    // No author: the signature the text ends in, marked inferred.
    let who = match c.author_text(doc) {
        Some(a) => display(a),
        None => signature::signature(&text).map_or(String::new(), |s| format!("~{}", display(s))),
    };
    let stamp = c.timestamp_text(doc).map(display).unwrap_or_default();
    let mut heading = format!("#{}", c.id);
    for part in [who.as_str(), stamp.as_str()] {
        if !part.is_empty() {
            heading.push_str(" · ");
            heading.push_str(part);
        }
    }
    if c.removed {
        heading.push_str(" (removed)");
    }
    let hash = store::comment_key(doc, c, &text);
    let (text, repeats) = shown(&text, show_repeats);
    let item = Item {
        depth,
        parent,
        end: 0,
        heading,
        id: c.id.clone(),
        who,
        stamp,
        quotes: Vec::new(),
        quoted_by: Vec::new(),
        key: 0,
        text,
        repeats,
        removed: c.removed,
        line: c.line,
        span: c.span.clone(),
    };
    (item, hash)
}

/// `make` of each of `all`, in order: on every core when there are many.
fn made_in_parallel<T: Sync, U: Send>(all: &[T], make: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let cores = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if cores < 2 || all.len() < 512 {
        return all.iter().map(&make).collect();
    }
    let chunk = all.len().div_ceil(cores);
    std::thread::scope(|scope| {
        let make = &make;
        let parts: Vec<_> = all
            .chunks(chunk)
            .skip(1)
            .map(|part| scope.spawn(move || part.iter().map(make).collect::<Vec<U>>()))
            .collect();
        let mut out: Vec<U> = all[..chunk.min(all.len())].iter().map(make).collect();
        for part in parts {
            // A worker's panic is this thread's, as it would be made here.
            let mut made = part.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            out.append(&mut made);
        }
        out
    })
}

/// Who quotes or names whom (`dump::quotes`), in the items' own texts:
/// each link kept on the item it starts in and on the one it goes to, and
/// `quoted by #7` in that one's heading.
fn link_quotes(items: &mut [Item]) {
    let nodes: Vec<Node> = items
        .iter()
        .map(|it| Node {
            text: &it.text,
            author: Some(it.who.as_str()).filter(|w| !w.is_empty() && !w.starts_with('~')),
            timestamp: Some(it.stamp.as_str()).filter(|s| !s.is_empty()),
        })
        .collect();
    let links = quotes::links(&nodes);
    for link in links {
        items[link.from].quotes.push((link.span, link.to));
        if !items[link.to].quoted_by.contains(&link.from) {
            items[link.to].quoted_by.push(link.from);
        }
    }
    for i in 0..items.len() {
        if items[i].quoted_by.is_empty() || !items[i].is_comment() {
            continue;
        }
        let by: Vec<String> = items[i]
            .quoted_by
            .iter()
            .map(|&j| format!("#{}", items[j].id))
            .collect();
        let heading = format!("{} · quoted by {}", items[i].heading, by.join(", "));
        items[i].heading = heading;
    }
}

/// Text as the reader shows it (`display`), with a scrape's repeats left
/// out unless `show_repeats`: the text, and where the marks go.
fn shown(text: &str, show_repeats: bool) -> (String, Vec<(usize, usize)>) {
    let text = display(text);
    if show_repeats {
        (text, Vec::new())
    } else {
        repeats::fold(text)
    }
}

pub use crate::dump::keys::post_title;

/// The file a document was read from (the last part of its path, safe to
/// print).
pub fn file_name(doc: &Document) -> String {
    crate::dump::keys::file_name(&doc.name)
}

/// Columns an item's text is indented by: two per level, two more under its heading.
pub fn indent(depth: usize, kind: RowKind) -> usize {
    2 * depth + if kind == RowKind::Text { 2 } else { 0 }
}

/// An item's text as rows of `kind`, wrapped at `width`, each pointing back
/// into the text with the links it shows; blank lines as blank rows, in a
/// post's body separators as rules, and `(repeated)` after a line whose
/// copies were left out.
fn text_rows(item: &Item, width: usize, kind: RowKind, rows: &mut Vec<Row>) {
    let text = &item.text;
    let links = links::find(text);
    let refs: Vec<Range<usize>> = item.quotes.iter().map(|(r, _)| r.clone()).collect();
    let mut offset = 0;
    let mut marks = item.repeats.iter().peekable();
    for line in text.split('\n') {
        let range = offset..offset + line.len();
        offset = range.end + 1;
        let mark = marks.next_if(|(end, _)| *end <= range.end).map(|&(_, n)| n);
        if line.trim().is_empty() {
            rows.push(Row::new(RowKind::Blank, ""));
        } else if kind == RowKind::Body && rules::separator(line).is_ok() {
            rows.push(Row::new(RowKind::Rule, ""));
        } else {
            for (t, r) in width::wrap_indented(line, width, Long::Break) {
                let src = range.start + r.start..range.start + r.end;
                rows.push(Row::shows(kind, t, src, (&links, &refs)));
            }
        }
        if let Some(n) = mark {
            rows.push(Row::new(RowKind::Repeated, repeats::mark(n)));
        }
    }
}

/// A comment's heading in `room` columns: a long author is shortened
/// first (`…`), so the timestamp stays in view; then the whole is cut.
fn heading_in(heading: &str, room: usize) -> String {
    if width::width(heading) <= room {
        return heading.to_owned();
    }
    let parts: Vec<&str> = heading.split(" · ").collect();
    if let [id, author, rest @ ..] = parts.as_slice()
        && !rest.is_empty()
    {
        let others = width::width(id) + rest.iter().map(|p| width::width(p) + 3).sum::<usize>() + 3;
        if others < room {
            let author = width::fit(author, room - others);
            return format!("{id} · {author} · {}", rest.join(" · "));
        }
    }
    width::fit(heading, room)
}

fn comment_rows(item: &Item, width: u16) -> Vec<Row> {
    // Two columns stay free for the reader's new-comment mark.
    let room = (width as usize).saturating_sub(indent(item.depth, RowKind::Heading) + 2);
    let mut rows = vec![Row::new(RowKind::Heading, heading_in(&item.heading, room))];
    let text_width = (width as usize)
        .saturating_sub(indent(item.depth, RowKind::Text))
        .max(8);
    text_rows(item, text_width, RowKind::Text, &mut rows);
    rows.push(Row::new(RowKind::Blank, ""));
    rows
}

#[cfg(test)]
mod tests;
