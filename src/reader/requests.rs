//! What the reader asks of the world outside it for the focused comment:
//! save it (or the thread) as text, copy its text or reference, open its
//! link. Each is queued as an `Effect` that the terminal loop carries out.

use crate::{
    dump::thread::{Comment, Document, Post},
    export::{self, Format, Selection},
    reader::app::{App, Effect, LinkList, Overlay},
    reader::links,
    reader::outline,
};

impl App {
    /// The focused item's document, post and comment (None: the post itself).
    pub(super) fn focused(&self) -> Option<(&Document, &Post, Option<&Comment>)> {
        let t = self.thread.as_ref()?;
        let (doc, post) = (&*t.parsed.doc, t.parsed.post());
        let item = &t.outline.items[t.focus];
        let comment = if item.is_comment() {
            Some(post.find(&item.id)?)
        } else {
            None
        };
        Some((doc, post, comment))
    }

    /// Queues the save of the focused comment's subtree, or the thread.
    pub(super) fn save(&mut self, whole: bool) {
        let Some((doc, post, comment)) = self.focused() else {
            return;
        };
        let comment = if whole { None } else { comment };
        let text = export::render(Format::Text, &[Selection { doc, post, comment }], None);
        let mut name = slug(&outline::post_title(doc, post));
        if let Some(c) = comment {
            name.push_str("-comment-");
            name.push_str(&c.id);
        }
        self.effects.push(Effect::Save { name, text });
    }

    pub(super) fn copy(&mut self, reference: bool) {
        let Some(t) = &self.thread else {
            return;
        };
        let (doc, post) = (&*t.parsed.doc, t.parsed.post());
        let item = &t.outline.items[t.focus];
        // The text as the dump has it: with the repeats the reader draws
        // once.
        let found = item.is_comment().then(|| post.find(&item.id)).flatten();
        let whole = match found {
            Some(c) => crate::reader::display::display(&c.text(doc)),
            None => crate::reader::display::display(&post.body_text(doc)),
        };
        let effect = if reference {
            let mut text = format!("{}:{}", doc.name, item.line);
            if item.is_comment() {
                text.push_str(&format!(" #{}", item.id));
            }
            Effect::Copy {
                what: "reference".into(),
                text,
            }
        } else if item.is_comment() {
            Effect::Copy {
                what: format!("text of #{}", item.id),
                text: whole,
            }
        } else {
            Effect::Copy {
                what: "the post's text".into(),
                text: format!("{}\n\n{whole}", item.heading),
            }
        };
        self.effects.push(effect);
    }

    pub(super) fn open_link(&mut self) {
        let Some(t) = &self.thread else {
            return;
        };
        let mut urls = links::urls(&t.outline.items[t.focus].text);
        match urls.len() {
            0 => self.notice = Some("no link here".into()),
            1 => self.effects.push(Effect::Open(urls.remove(0))),
            _ => {
                self.overlay = Some(Overlay::Links(LinkList {
                    urls,
                    selected: 0,
                    items: Vec::new(),
                }))
            }
        }
    }
}

/// `New Probation Scandal` → `new-probation-scandal`: a file name safe anywhere.
fn slug(title: &str) -> String {
    let mut out = String::new();
    for word in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if out.len() + word.len() > 60 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    if out.is_empty() { "thread".into() } else { out }
}
