//! The archive: every post's entry and the sources their bytes are read
//! from, and reading and parsing one post back.

use std::{fs::File, ops::Range, path::PathBuf, sync::Arc};

use serde::{Deserialize, Serialize};

use crate::dump::{
    grammar, keys,
    thread::{Document, Post, Severity},
};

/// Where a post is: bytes of a file, or a post of a document held whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum At {
    Bytes(Range<u64>),
    Post(usize),
}

/// One post, as the list shows it and the read state knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Its source: an index into `Archive::sources` (set when entered).
    #[serde(skip)]
    pub source: usize,
    pub at: At,
    /// 1-based line of its first line in its file.
    pub line: usize,
    /// The title the list shows (`keys::post_title`).
    pub title: String,
    pub date: Option<String>,
    /// Comments and replies found.
    pub count: usize,
    pub declared: Option<usize>,
    pub diagnostics: usize,
    /// One of its diagnostics is a warning.
    pub warning: bool,
    /// The read-state key (`keys::post_key`).
    pub key: String,
}

impl Entry {
    /// The entry of `post` of `doc`, found at `at` of source `source`.
    pub fn of(doc: &Document, post: &Post, source: usize, at: At) -> Entry {
        Entry {
            source,
            at,
            line: post.line,
            title: keys::post_title(doc, post),
            date: post.date_text(doc).map(str::to_owned),
            count: post.count(),
            declared: post.declared,
            diagnostics: post.diagnostics.len(),
            warning: post
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Warning),
            key: keys::post_key(doc, post),
        }
    }

    /// The entries of the posts of a piece of a file whose text starts at
    /// byte `base` of it.
    pub fn of_piece(doc: &Document, source: usize, base: u64) -> Vec<Entry> {
        doc.posts
            .iter()
            .map(|p| {
                let range = base + p.span.start as u64..base + p.span.end as u64;
                Entry::of(doc, p, source, At::Bytes(range))
            })
            .collect()
    }
}

/// Where posts are read from.
#[derive(Debug)]
pub enum Bytes {
    /// A file, opened to read a post by offset (so a folder of thousands of
    /// files holds no file open).
    Path(PathBuf),
    /// Standard input spooled to a temporary file, read by offset.
    File(File),
    /// A document held whole.
    Whole(Arc<Document>),
}

/// A file or document posts come from.
#[derive(Debug)]
pub struct Source {
    /// The name it was opened by, as messages say it.
    pub name: String,
    pub bytes: Bytes,
}

/// A post parsed: its document (the post alone, or the document held
/// whole) and which post of it.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub doc: Arc<Document>,
    pub index: usize,
}

impl Parsed {
    pub fn post(&self) -> &Post {
        &self.doc.posts[self.index]
    }
}

/// Every post of the files opened together, by its entry.
#[derive(Debug, Default)]
pub struct Archive {
    pub sources: Vec<Source>,
    pub posts: Vec<Entry>,
}

impl Archive {
    /// Adds a document held whole; its posts are entered.
    pub fn add_doc(&mut self, doc: Document) {
        let source = self.sources.len();
        self.posts.extend(
            (0..doc.posts.len()).map(|i| Entry::of(&doc, &doc.posts[i], source, At::Post(i))),
        );
        self.sources.push(Source {
            name: doc.name.clone(),
            bytes: Bytes::Whole(Arc::new(doc)),
        });
    }

    /// The name of the file post `i` is in.
    pub fn name(&self, i: usize) -> Option<&str> {
        let e = self.posts.get(i)?;
        Some(self.sources.get(e.source)?.name.as_str())
    }

    /// The bytes of post `i`, as its file has them now.
    pub fn text(&self, i: usize) -> Result<String, String> {
        let (entry, source) = self.locate(i)?;
        let range = match &entry.at {
            At::Bytes(range) => range,
            At::Post(p) => {
                let Bytes::Whole(doc) = &source.bytes else {
                    return Err("no such post".into());
                };
                let post = doc.posts.get(*p).ok_or("no such post")?;
                return Ok(doc.slice(&post.span).to_owned());
            }
        };
        let read = match &source.bytes {
            Bytes::Path(path) => File::open(path)
                .map_err(|e| e.to_string())
                .and_then(|file| read_at(&file, range)),
            Bytes::File(file) => read_at(file, range),
            Bytes::Whole(_) => Err("no such post".into()),
        };
        read.map_err(|e| {
            format!(
                "{}: the post at line {} cannot be read now ({e}); \
                 the file changed since it was opened: open it again",
                crate::dump::sanitize::name(&source.name),
                entry.line
            )
        })
    }

    /// Post `i` parsed from its bytes; an error says what changed.
    pub fn parse(&self, i: usize) -> Result<Parsed, String> {
        let (entry, source) = self.locate(i)?;
        if let (Bytes::Whole(doc), At::Post(p)) = (&source.bytes, &entry.at) {
            return Ok(Parsed {
                doc: Arc::clone(doc),
                index: *p,
            });
        }
        self.parse_text(i, self.text(i)?)
    }

    /// Post `i` parsed from `text`, its bytes (`text(i)`).
    pub fn parse_text(&self, i: usize, text: String) -> Result<Parsed, String> {
        let (entry, source) = self.locate(i)?;
        if let (Bytes::Whole(doc), At::Post(p)) = (&source.bytes, &entry.at) {
            return Ok(Parsed {
                doc: Arc::clone(doc),
                index: *p,
            });
        }
        let mut doc = grammar::parse(source.name.clone(), text);
        // One post, the one entered: its key (title, date, body) and its
        // count of comments the same.
        let same = doc.posts.len() == 1
            && doc
                .posts
                .first()
                .is_some_and(|p| keys::post_key(&doc, p) == entry.key && p.count() == entry.count);
        if !same {
            return Err(format!(
                "{}: the post at line {} is not what it was: the file changed \
                 since it was opened: open it again",
                crate::dump::sanitize::name(&source.name),
                entry.line
            ));
        }
        if let Some(p) = doc.posts.first_mut() {
            p.shift_lines(entry.line.saturating_sub(1));
        }
        Ok(Parsed {
            doc: Arc::new(doc),
            index: 0,
        })
    }

    fn locate(&self, i: usize) -> Result<(&Entry, &Source), String> {
        let entry = self.posts.get(i).ok_or("no such post")?;
        let source = self.sources.get(entry.source).ok_or("no such file")?;
        Ok((entry, source))
    }
}

/// The bytes `range` of `file`, as UTF-8 text: a short read (the file was
/// truncated) or bytes that are not UTF-8 (it was rewritten) is an error.
fn read_at(file: &File, range: &Range<u64>) -> Result<String, String> {
    use std::os::unix::fs::FileExt;
    // An entry from the cache is checked before any memory is taken for it.
    let size = file.metadata().map_err(|e| e.to_string())?.len();
    let len = range
        .end
        .checked_sub(range.start)
        .filter(|_| range.end <= size)
        .ok_or("it is shorter now")?;
    let len = usize::try_from(len).map_err(|e| e.to_string())?;
    let mut buf = vec![0u8; len];
    file.read_exact_at(&mut buf, range.start)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::UnexpectedEof => "it is shorter now".to_owned(),
            _ => e.to_string(),
        })?;
    String::from_utf8(buf).map_err(|_| "its bytes are not text now".to_owned())
}
