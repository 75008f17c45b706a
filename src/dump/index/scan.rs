//! Indexing files: each is read in pieces (`source::stream_file`), each
//! piece parsed on all cores, its posts entered and its text and trees let
//! go at once. A file the index cache knows is not read at all (only its
//! tail when it grew). Standard input, a pipe or a device is spooled to a
//! temporary file as it is read, so its posts are read back by offset like
//! a file's.

use std::{
    fs::File,
    io::Write,
    path::Path,
    sync::{
        Mutex,
        atomic::{AtomicBool, AtomicUsize, Ordering},
        mpsc,
    },
};

use super::{
    archive::{At, Bytes, Entry, Source},
    cache::{self, Known},
};
use crate::dump::source::{self, Found, LoadEvent};

/// What indexing reports, in order.
#[derive(Debug)]
pub enum Event {
    /// A file posts will be read from by offset: the `Posts` after it are its.
    Opened(Source),
    /// Entries of the file opened last (their `source` is set on arrival).
    Posts(Vec<Entry>),
    /// The document the next `Posts` were made from, parsed already (a
    /// file's first piece, for its first screen).
    Seed(std::sync::Arc<crate::dump::thread::Document>),
    /// Anything else: a document held whole, progress, problems, notes, the end.
    Load(LoadEvent),
}

/// Indexes every file found, its notes and problems said first, with the
/// index cache in the folder `cache` (None: none); stops early when `send`
/// returns false. `settle` is called once the first posts are sent, before
/// any more is read: a reader waits there (a moment at most) for its first
/// screen to be drawn, which then has the cores to itself.
///
/// Files are indexed on all cores, a file to a thread, and said in their
/// order: the file being said is read by this thread when no helper took
/// it (so it streams with no hop between threads); a helper's file waits
/// as its (small) entries till its turn. A large file is parsed on all
/// cores anyway.
pub fn scan_found(
    found: Found,
    cache: Option<&Path>,
    mut settle: impl FnMut(),
    mut send: impl FnMut(Event) -> bool,
) {
    let said = found
        .notes
        .into_iter()
        .map(LoadEvent::Note)
        .chain(found.problems.into_iter().map(LoadEvent::Problem))
        .all(|e| send(Event::Load(e)));
    if !said {
        return;
    }
    let files = &found.files;
    // One file needs no helper (and no asking how many cores there are,
    // a few syscalls before its first screen).
    let helpers = match files.len() {
        0 | 1 => 0,
        n => std::thread::available_parallelism()
            .map_or(1, |c| c.get())
            .clamp(1, 4)
            .min(n - 1),
    };
    let (senders, receivers): (Vec<_>, Vec<_>) =
        files.iter().map(|_| mpsc::channel::<Event>()).unzip();
    let senders: Vec<Mutex<Option<mpsc::Sender<Event>>>> =
        senders.into_iter().map(|s| Mutex::new(Some(s))).collect();
    // The first file not yet taken, by this thread or a helper.
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let went_on = std::thread::scope(|scope| {
        let mut claimed = next.compare_exchange(0, 1, Ordering::AcqRel, Ordering::Acquire);
        for _ in 0..helpers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::AcqRel);
                    if i >= files.len() || stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let taken = senders[i]
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .take();
                    let Some(tx) = taken else {
                        continue;
                    };
                    scan_file(&files[i], cache, None, &mut |e| {
                        !stop.load(Ordering::Relaxed) && tx.send(e).is_ok()
                    });
                }
            });
        }
        for (i, rx) in receivers.iter().enumerate() {
            if i > 0 {
                claimed = next.compare_exchange(i, i + 1, Ordering::AcqRel, Ordering::Acquire);
            }
            // Taken here: said as it is read, with no hop between threads
            // (the first screen of a large file waits for nothing).
            let went_on = if claimed.is_ok() {
                let first: Option<&mut dyn FnMut()> = (i == 0).then_some(&mut settle);
                scan_file(&files[i], cache, first, &mut send)
            } else {
                rx.iter().all(&mut send)
            };
            if !went_on {
                stop.store(true, Ordering::Relaxed);
                return false;
            }
        }
        true
    });
    if went_on {
        send(Event::Load(LoadEvent::Done));
    }
    // Once a scan, not once a file: a folder of thousands of files would
    // list the cache folder thousands of times.
    if let Some(dir) = cache {
        cache::trim(dir);
    }
}

/// The largest first piece sent parsed (`Event::Seed`).
const SEED: usize = 1 << 20;

/// Entries sent at a time from the cache.
const BATCH: usize = 20_000;

/// Indexes one file; false when `send` asked to stop. `first`: this is
/// the first file, whose first piece goes to the reader parsed
/// (`Event::Seed`), then `first` is called (`scan_found`'s `settle`).
fn scan_file(
    path: &Path,
    cache: Option<&Path>,
    first: Option<&mut dyn FnMut()>,
    send: &mut impl FnMut(Event) -> bool,
) -> bool {
    let name = source::name_of(path);
    let (reader, spool) = match reader_for(path) {
        Ok(pair) => pair,
        Err(e) => {
            let said = format!(
                "{}: no temporary file to keep it in ({e}); \
                 TMPDIR names the folder it is made in",
                crate::dump::sanitize::name(&name)
            );
            return send(Event::Load(LoadEvent::Problem(said)));
        }
    };
    if !send(Event::Opened(Source {
        name,
        bytes: reader,
    })) {
        return false;
    }
    // A regular file is looked up in the cache, and kept there once read.
    let stamp = cache
        .filter(|_| spool.is_none())
        .and_then(|_| cache::stamp(path));
    let mut pass = Pass {
        spool,
        spooled: 0,
        held: false,
        whole: true,
        writer: None,
        first,
        settling: None,
        sent: Vec::new(),
        went_on: true,
    };
    let (Some(dir), Some(stamp)) = (cache, stamp) else {
        return source::stream_file(path, &mut |e| pass.on(e, send));
    };
    // The first file's first piece is read before the cache is looked at:
    // the first screen never waits for an entry file to be read and
    // checked. Reading then goes on after it, from the cache or the file.
    let mut from = (0, 1);
    if pass.first.is_some() {
        let (mut piece_end, mut decoded) = (None, false);
        let went_on = source::stream_file(path, &mut |event| match &event {
            // The file's own first piece: read on below.
            LoadEvent::Piece { doc, at: 0 } if !decoded => {
                let lines = memchr::memchr_iter(b'\n', doc.text.as_bytes()).count();
                piece_end = Some((doc.text.len() as u64, 1 + lines));
                pass.on(event, send);
                false
            }
            // A first piece decoded (Windows-1252 lines): this file is not
            // kept, and is read to its end here.
            _ => {
                decoded |= matches!(event, LoadEvent::Doc(_));
                pass.on(event, send)
            }
        });
        match piece_end {
            Some(end) if pass.went_on => from = end,
            _ => return went_on,
        }
        // The first screen is drawn before the entry file is read; not
        // waited for when the file has no more (`Done` is not held back).
        if let Some(settle) = pass.settling.take()
            && from.0 < file_len(path)
        {
            settle();
        }
    }
    let (known, notice) = cache::look_up(dir, &stamp);
    if let Some(n) = notice
        && !send(Event::Load(LoadEvent::Note(n)))
    {
        return false;
    }
    if !matches!(known, Known::Whole(_)) {
        pass.writer = cache::Writer::new(dir, &stamp);
        if let Some(w) = &mut pass.writer {
            w.add(&pass.sent);
        }
    }
    from = match known {
        Known::Whole(posts) => {
            // Said as read at once, so the list shows it is loading till Done.
            let progress = LoadEvent::Progress {
                name: source::name_of(path),
                read: stamp.size(),
                total: stamp.size(),
            };
            return send(Event::Load(progress)) && send_entries(posts, from.0, None, send);
        }
        Known::Grown(posts, byte, line) => {
            if !send_entries(posts, from.0, pass.writer.as_mut(), send) {
                return false;
            }
            if byte > from.0 { (byte, line) } else { from }
        }
        Known::Nothing => from,
    };
    // All read already (the first piece was the whole file, as it is
    // now): no more.
    let went_on =
        from.0 >= file_len(path) || source::stream_file_from(path, from, &mut |e| pass.on(e, send));
    if let Some(writer) = pass.writer
        && went_on
        && pass.whole
        && cache::stamp(path).as_ref() == Some(&stamp)
    {
        writer.finish(stamp);
    }
    went_on
}

/// A file being read: where its text is spooled, the entry file being
/// written, and the first screen's part in it.
struct Pass<'a> {
    spool: Option<File>,
    spooled: u64,
    /// The spool failed: every piece from then on is held whole.
    held: bool,
    /// Every piece was read as the file's own bytes (else it is not kept).
    whole: bool,
    writer: Option<cache::Writer>,
    /// The first file: its first piece goes parsed, then this is called.
    first: Option<&'a mut dyn FnMut()>,
    /// Called before anything more is read once the first posts are
    /// sent; not at all when the file had no more (`Done` is not held
    /// back).
    settling: Option<&'a mut dyn FnMut()>,
    /// The entries of the first piece, when it is read before the cache
    /// is looked at (to be written with the rest), and whether `send`
    /// went on.
    sent: Vec<Entry>,
    went_on: bool,
}

impl Pass<'_> {
    /// Takes in what reading the file says; false when `send` asked to stop.
    fn on(&mut self, event: LoadEvent, send: &mut impl FnMut(Event) -> bool) -> bool {
        if let Some(settle) = self.settling.take() {
            settle();
        }
        let LoadEvent::Piece { doc, at } = event else {
            self.whole &= matches!(event, LoadEvent::Progress { .. });
            return send(Event::Load(event));
        };
        if self.held {
            return send(Event::Load(LoadEvent::Doc(doc)));
        }
        let base = match &mut self.spool {
            None => at,
            Some(file) => {
                if let Err(e) = file.write_all(doc.text.as_bytes()) {
                    // Bytes after a failed write are not where they would
                    // be: the rest is held whole instead.
                    self.spool = None;
                    self.held = true;
                    self.whole = false;
                    let said = format!(
                        "cannot keep standard input in a temporary file ({e}): \
                         the rest is held in memory"
                    );
                    return send(Event::Load(LoadEvent::Note(said)))
                        && send(Event::Load(LoadEvent::Doc(doc)));
                }
                self.spooled += doc.text.len() as u64;
                self.spooled - doc.text.len() as u64
            }
        };
        let entries = Entry::of_piece(&doc, 0, base);
        if let Some(w) = &mut self.writer {
            w.add(&entries);
        }
        // The first piece of the first file (small) goes with its posts
        // parsed: the first screen does not parse them again. Of the
        // others, the text and trees go.
        let Some(settle) = self.first.take() else {
            return send(Event::Posts(entries));
        };
        self.settling = Some(settle);
        self.sent.clone_from(&entries);
        let seed = doc.text.len() <= SEED && doc.posts.len() <= 4;
        self.went_on =
            (!seed || send(Event::Seed(std::sync::Arc::new(doc)))) && send(Event::Posts(entries));
        self.went_on
    }
}

/// The length of the file at `path` now (0: it cannot be told).
fn file_len(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// Sends entries from the cache, those from byte `from` on (the ones
/// before were read and sent already), a batch at a time, each written to
/// `writer` too when there is one.
fn send_entries(
    mut stored: cache::Stored,
    from: u64,
    mut writer: Option<&mut cache::Writer>,
    send: &mut impl FnMut(Event) -> bool,
) -> bool {
    loop {
        let mut batch = stored.next_batch(BATCH);
        if batch.is_empty() {
            return true;
        }
        batch.retain(|e| !matches!(&e.at, At::Bytes(r) if r.start < from));
        if batch.is_empty() {
            continue;
        }
        if let Some(w) = writer.as_deref_mut() {
            w.add(&batch);
        }
        if !send(Event::Posts(batch)) {
            return false;
        }
    }
}

/// Where the file's posts are read back from: a regular file by its path;
/// what is not one from the temporary file it is spooled to (returned
/// too, to write).
fn reader_for(path: &Path) -> std::io::Result<(Bytes, Option<File>)> {
    let regular =
        path.as_os_str() != source::STDIN && std::fs::metadata(path).is_ok_and(|m| m.is_file());
    if regular {
        return Ok((Bytes::Path(path.to_path_buf()), None));
    }
    let spool = tempfile::tempfile()?;
    Ok((Bytes::File(spool.try_clone()?), Some(spool)))
}
