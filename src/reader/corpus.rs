//! Find in every post (`\`): as you type, the lines of every open post
//! that match (find's rules: smartcase, Ctrl-R for a regular expression),
//! grouped by post, each with its comment's id and author; Enter opens the
//! post at that comment with the match highlighted (a jump: Ctrl-O comes
//! back, and `\` shows the results again as they were).
//!
//! Each post's bytes are read by offset and searched, a slice of the
//! archive at a time between keys (the terminal loop goes on with a search
//! under way while no key comes); only a post that holds a match is parsed,
//! to place its hits. A hit keeps its place and line (at most a few hundred
//! bytes), up to `LIMIT` of them.

use std::ops::Range;

use crate::{
    dump::thread::{Comment, Document, Post},
    reader::{
        app::{App, Overlay, Place},
        display::display,
        find::{self, CorpusHit},
        prompt,
    },
    settings::actions::Action,
};

/// No more hits than this are gathered (a few hundred bytes each at most).
pub const LIMIT: usize = 200_000;

/// `\`: the results as they were, the query ready to type.
pub(super) fn start(app: &mut App) {
    app.corpus.typing = true;
    app.overlay = Some(Overlay::Corpus);
}

/// What the corpus find does with an action; None when it is done with.
pub(super) fn on_corpus(app: &mut App, action: Action) -> Option<Action> {
    if app.corpus.typing {
        if prompt::edit_query(&mut app.corpus.find, &action).is_some() {
            research(app);
        } else {
            match action {
                Action::FindAccept => app.corpus.typing = false,
                Action::FindCancel => return None,
                _ => {}
            }
        }
        app.overlay = Some(Overlay::Corpus);
        return None;
    }
    let n = app.corpus.hits.len();
    let page = usize::from(app.panel_area().height)
        .saturating_sub(2)
        .max(1);
    let at = app.corpus.selected;
    app.corpus.selected = match action {
        Action::Back | Action::Leave | Action::CorpusFind => return None,
        // The jump list, from the results too.
        Action::JumpBack | Action::JumpForward => return Some(action),
        Action::Enter => {
            open_hit(app, at);
            return None;
        }
        // `/` types the query again.
        Action::FindStart => {
            app.corpus.typing = true;
            at
        }
        Action::Next => at + 1,
        Action::Prev => at.saturating_sub(1),
        Action::PageDown => at + page,
        Action::PageUp => at.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => n,
        Action::Scroll { rows, .. } => at.saturating_add_signed(rows as isize),
        _ => at,
    }
    .min(n.saturating_sub(1));
    app.overlay = Some(Overlay::Corpus);
    None
}

/// The hits for the query as it is now.
fn research(app: &mut App) {
    let corpus = &mut app.corpus;
    corpus.find.error = None;
    corpus.pending = None;
    corpus.hits.clear();
    corpus.more = false;
    corpus.selected = 0;
    corpus.top = 0;
    if corpus.find.query().is_empty() {
        return;
    }
    let re = match find::compile(corpus.find.query(), corpus.find.regex) {
        Ok(re) => re,
        Err(e) => {
            corpus.find.error = Some(e);
            return;
        }
    };
    corpus.find.re = Some(re.clone());
    corpus.pending = Some((0, re));
    step(app);
}

/// Bytes of text searched at a time: a step costs a few milliseconds, and
/// keys are taken in between, so a new one starts the search again at once
/// while the hits found so far show.
const STEP_BYTES: usize = 4 << 20;

/// Nor more hits than this at a time (each is placed in its tree).
const STEP_HITS: usize = 5_000;

impl App {
    /// Goes on with a find in every post under way (the terminal loop
    /// calls it while no key comes); true while more remains.
    pub fn search_step(&mut self) -> bool {
        step(self)
    }
}

/// Goes on with a search under way, for about `STEP_BYTES` of text;
/// true while more remains. Each post's bytes are searched as read; only
/// a post that holds a match is parsed, to place its hits.
fn step(app: &mut App) -> bool {
    let Some((from, re)) = app.corpus.pending.take() else {
        return false;
    };
    let (mut searched, mut found) = (0, 0);
    let mut next = from;
    while next < app.post_count() && searched < STEP_BYTES && found < STEP_HITS {
        let i = next;
        next += 1;
        let Ok(text) = app.archive.text(i) else {
            continue;
        };
        searched += text.len();
        if !re.is_match(&text) {
            continue;
        }
        let parsed = match app.archive.parse_text(i, text) {
            Ok(parsed) => parsed,
            Err(e) => {
                app.notice = Some(e);
                continue;
            }
        };
        let (doc, post) = (&*parsed.doc, parsed.post());
        let bytes = doc.text.as_bytes();
        let mut last_line = usize::MAX;
        for m in re.find_iter(doc.slice(&post.span)) {
            let at = post.span.start + m.start();
            let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |k| k + 1);
            if start == last_line {
                continue;
            }
            last_line = start;
            if app.corpus.hits.len() == LIMIT {
                app.corpus.more = true;
                return false;
            }
            let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |k| at + k);
            app.corpus.hits.push(hit(i, doc, post, (start..end, at)));
            found += 1;
        }
    }
    if next < app.post_count() {
        app.corpus.pending = Some((next, re));
        return true;
    }
    false
}

/// Longest line a hit keeps (the rest is cut at a character boundary).
const SHOWN: usize = 400;

/// The hit on the line `line` (bytes of `doc`'s text) of post `post` (index
/// `i` among all posts), placed where its match is (`at`): a line may hold
/// the end of one comment and the start of the next. What it shows: where
/// it is (`#3.2 author`, `~signature` when the comment has no author,
/// `body`, `post`) and its line.
fn hit(i: usize, doc: &Document, post: &Post, (line, at): (Range<usize>, usize)) -> CorpusHit {
    let text = &doc.text;
    let mut shown = display(text.get(line).unwrap_or("").trim());
    if shown.len() > SHOWN {
        let cut = (0..=SHOWN)
            .rev()
            .find(|&k| shown.is_char_boundary(k))
            .unwrap_or(0);
        shown.truncate(cut);
        shown.push('…');
    }
    let (item, place) = match item_at(&post.comments, at, &mut 1) {
        Some((item, c)) => {
            let author = c.author.as_ref().map(|s| display(text[s.clone()].trim()));
            // No author: the signature the text ends in, inferred.
            let signed = || c.signature(doc).map(|s| format!("~{}", display(&s)));
            let place = match author.or_else(signed) {
                Some(a) => format!("#{} {a}", c.id),
                None => format!("#{}", c.id),
            };
            (item, place)
        }
        None if post.body.contains(&at) => (0, "body".into()),
        None => (0, "post".into()),
    };
    CorpusHit {
        post: i,
        item,
        place,
        shown,
    }
}

/// What a hit shows: where it is, its line as shown, and where the query
/// matches in that line.
pub fn described(app: &App, hit: &CorpusHit) -> (String, String, Vec<Range<usize>>) {
    let matches = match &app.corpus.find.re {
        Some(re) => re.find_iter(&hit.shown).map(|m| m.range()).collect(),
        None => Vec::new(),
    };
    (hit.place.clone(), hit.shown.clone(), matches)
}

/// The comment whose own bytes hold `at`, with its item index (the
/// outline counts items in tree order from 1; `next` is the next one's).
fn item_at<'a>(
    comments: &'a [Comment],
    at: usize,
    next: &mut usize,
) -> Option<(usize, &'a Comment)> {
    for c in comments {
        let this = *next;
        *next += 1;
        if c.own.contains(&at) {
            return Some((this, c));
        }
        if c.span.contains(&at) {
            return item_at(&c.replies, at, next);
        }
        *next += c.count() - 1;
    }
    None
}

/// Opens hit `k`'s post at its comment, the query highlighted there: a
/// jump.
fn open_hit(app: &mut App, k: usize) {
    let Some(hit) = app.corpus.hits.get(k).cloned() else {
        return;
    };
    let from = app.place();
    app.select(hit.post);
    app.pane = crate::reader::app::Pane::Thread;
    app.find.input = app.corpus.find.input.clone();
    app.find.regex = app.corpus.find.regex;
    app.research();
    // The match on the line chosen: past those of the item's lines before
    // it.
    let before: usize = app.corpus.hits[..k]
        .iter()
        .filter(|h| h.post == hit.post && h.item == hit.item)
        .map(|h| described(app, h).2.len())
        .sum();
    let first = app
        .find
        .matches
        .iter()
        .position(|m| m.item == hit.item)
        .map(|f| {
            let last = app.find.matches[f..]
                .iter()
                .take_while(|m| m.item == hit.item)
                .count();
            f + before.min(last.saturating_sub(1))
        });
    match first {
        Some(m) => app.show_match(m),
        None => {
            let (w, h) = app.thread_area();
            if let Some(t) = &mut app.thread {
                t.reveal(hit.item);
                t.scroll_to_focus(w, h as usize);
            }
        }
    }
    // Ctrl-O comes back to the results.
    if let Some(from) = from {
        app.jumped_from(Place {
            results: true,
            ..from
        });
    }
}
