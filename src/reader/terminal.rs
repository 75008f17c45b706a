//! The terminal: set up, read events, draw, restore. Loading runs on its own
//! thread and reaches the app through a channel, so the first screen never
//! waits for a whole archive.

use std::{
    io,
    sync::mpsc::{self, Receiver, RecvTimeoutError, TryRecvError},
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use anyhow::Result;
use ratatui::{
    Terminal,
    backend::CrosstermBackend,
    crossterm::{
        event::{
            self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste,
            EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
        },
        execute,
        terminal::{EnterAlternateScreen, enable_raw_mode},
    },
};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::{
    dump::index::{self, Event as Indexed},
    dump::samples,
    dump::source::{self, LoadEvent},
    reader::app::App,
    reader::effects,
    reader::output::Output,
    reader::repaint::Repaint,
    reader::update::update,
    reader::view::view,
    settings::abilities::Colours,
    settings::actions::Action,
    settings::config::Settings,
    settings::store::Store,
};

/// What the reader starts with besides the dumps.
pub struct Start {
    pub settings: Settings,
    pub store: Store,
    /// Problems with the config or state file, shown once in a box.
    pub problems: Vec<String>,
    /// What the paths opened are known by in the store.
    pub session: String,
    /// The index cache's folder (None: no cache).
    pub cache: Option<std::path::PathBuf>,
}

/// How the reader ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// By its quit key.
    Quit,
    /// By this signal (SIGHUP, SIGTERM, SIGINT), what was read saved.
    Signal(i32),
}

/// Opens the reader on the dump files found (None: the bundled samples).
pub fn run(found: Option<source::Found>, start: Start) -> Result<Ended> {
    // A hang-up (the window closed), a kill or an interrupt from outside
    // ends the reader as its quit key does: what was read is saved and the
    // terminal restored. The handler only sets the number; the loop looks.
    let caught = Arc::new(AtomicUsize::new(0));
    for signal in [SIGHUP, SIGTERM, SIGINT] {
        signal_hook::flag::register_usize(signal, Arc::clone(&caught), signal as usize)?;
    }
    let (tx, rx) = mpsc::channel();
    // The first screen drawn, said to the indexer, which waits for it.
    let (drawn, first_drawn) = mpsc::channel::<()>();
    match found {
        None => {
            let loaded = samples::load();
            for doc in loaded.docs {
                let _ = tx.send(Indexed::Load(LoadEvent::Doc(doc)));
            }
            let _ = tx.send(Indexed::Load(LoadEvent::Done));
        }
        Some(found) => {
            let cache = start.cache.clone();
            std::thread::spawn(move || {
                // And a moment more: the terminal draws the first screen
                // too, on the cores the indexer would take.
                let settle = || {
                    if first_drawn.recv_timeout(Duration::from_millis(50)).is_ok() {
                        std::thread::sleep(Duration::from_millis(15));
                    }
                };
                index::scan_found(found, cache.as_deref(), settle, |e| tx.send(e).is_ok());
            });
        }
    }
    // A panic restores the screen before it is reported.
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
        ratatui::restore();
        report(info);
    }));
    let basic = start.settings.abilities.colours == Colours::Basic;
    let result = take_over(basic)
        .and_then(|mut terminal| event_loop(&mut terminal, (&rx, drawn), start, &caught));
    let _ = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();
    result
}

/// The terminal in raw mode, on the alternate screen, with the mouse and
/// bracketed paste: as `ratatui::init`, over our own output.
fn take_over(basic: bool) -> Result<Screen> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    let backend = CrosstermBackend::new(Output::new(io::stdout(), basic));
    Ok(Terminal::new(backend)?)
}

/// The reader's terminal.
type Screen = Terminal<CrosstermBackend<Output<io::Stdout>>>;

/// The indexer's news, and where to say the first screen is drawn.
type Loader<'a> = (&'a Receiver<Indexed>, mpsc::Sender<()>);

fn event_loop(
    terminal: &mut Screen,
    loader: Loader,
    start: Start,
    caught: &AtomicUsize,
) -> Result<Ended> {
    let size = terminal.size()?;
    let mut app = App::new(size.width, size.height);
    app.settings = start.settings;
    app.store = start.store;
    app.alert(start.problems);
    app.resume = app.store.place(&start.session).map(str::to_owned);
    app.session = Some(start.session);
    let ended = read_events(terminal, loader, &mut app, caught);
    // However the reading ended (q, a signal, a terminal gone), what was
    // read is kept. A failed save is said on stderr once the terminal is
    // back, and the exit code is not 0: it is never lost silently.
    app.remember();
    match (ended, app.store.save()) {
        (Ok(ended), Ok(())) => Ok(ended),
        (Ok(_), Err(unsaved)) => Err(anyhow::Error::msg(unsaved)),
        (Err(e), Ok(())) => Err(e),
        // Both are said.
        (Err(e), Err(unsaved)) => Err(e.context(unsaved)),
    }
}

/// Draws, takes input and what the loader sends, until the reader quits
/// or a signal comes.
fn read_events(
    terminal: &mut Screen,
    (rx, drawn): Loader,
    app: &mut App,
    caught: &AtomicUsize,
) -> Result<Ended> {
    let mut drawn = Some(drawn);
    let mut repaint = Repaint::default();
    // When the first change not yet on disk was made.
    let mut unsaved: Option<Instant> = None;
    let mut dirty = true;
    let mut loading = true;
    let started = Instant::now();
    loop {
        match caught.load(Ordering::Relaxed) {
            0 => {}
            signal => return Ok(Ended::Signal(signal as i32)),
        }
        dirty |= take_loaded(app, rx, &mut loading);
        // An empty frame just before the first post costs the terminal a
        // full redraw: wait for the first post, up to a tenth of a second.
        let worth_drawing =
            !loading || app.post_count() > 0 || started.elapsed() > Duration::from_millis(100);
        if dirty && worth_drawing {
            repaint.draw(terminal, |frame| view(app, frame))?;
            dirty = false;
            if app.post_count() > 0
                && let Some(said) = drawn.take()
            {
                let _ = said.send(());
            }
        }
        if app.quit {
            return Ok(Ended::Quit);
        }
        // What was read reaches the disk a moment after it changed, even
        // while the reader stays in one post; not on every key of a list
        // being scrolled through.
        if unsaved.is_some_and(|at| at.elapsed() >= SAVE_AFTER) {
            app.remember();
            save_state(app);
            unsaved = None;
        }
        // While the loader works, wake for its news at once; keys are
        // checked between its messages without blocking.
        let input = if loading {
            match rx.recv_timeout(Duration::from_millis(5)) {
                Ok(event) => {
                    loading &= !matches!(event, Indexed::Load(LoadEvent::Done));
                    let first = app.post_count() == 0;
                    // A seed's posts come right after it.
                    let seed = matches!(event, Indexed::Seed(_));
                    app.indexed(event);
                    dirty = true;
                    // The first posts are drawn before a glance for keys.
                    if seed || (first && app.post_count() > 0) {
                        continue;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => loading = false,
            }
            event::poll(GLANCE)?
        } else if app.corpus.pending.is_some() {
            event::poll(GLANCE)?
        } else {
            event::poll(Duration::from_millis(250))?
        };
        if !input {
            // No key: a find in every post under way goes on.
            if app.corpus.pending.is_some() {
                app.search_step();
                dirty = true;
            }
            continue;
        }
        take_input(app)?;
        unsaved.get_or_insert_with(Instant::now);
        dirty = true;
    }
}

/// Takes in what the loader has sent; true when anything came.
fn take_loaded(app: &mut App, rx: &Receiver<Indexed>, loading: &mut bool) -> bool {
    let mut any = false;
    // The first posts are drawn at once, and no batch of the rest holds a
    // frame back longer than a frame's time.
    let (started, empty) = (Instant::now(), app.post_count() == 0);
    loop {
        match rx.try_recv() {
            Ok(event) => {
                *loading &= !matches!(event, Indexed::Load(LoadEvent::Done));
                app.indexed(event);
                any = true;
                if (empty && app.post_count() > 0) || started.elapsed() >= FRAME {
                    return true;
                }
            }
            Err(TryRecvError::Empty) => return any,
            Err(TryRecvError::Disconnected) => {
                *loading = false;
                return any;
            }
        }
    }
}

/// Everything that has arrived, up to a frame's time, is taken in before
/// the next frame; typed text is joined, so the query is searched once per
/// frame, for its latest value. Effects are carried out as they come.
fn take_input(app: &mut App) -> io::Result<()> {
    let until = Instant::now() + FRAME;
    let mut next = || -> io::Result<Option<Event>> {
        if Instant::now() < until && event::poll(GLANCE)? {
            event::read().map(Some)
        } else {
            Ok(None)
        }
    };
    let first = event::read()?;
    take_in(app, Some(first), &mut next, &mut |app, action| {
        update(app, action);
        for effect in std::mem::take(&mut app.effects) {
            app.notice = Some(effects::run(effect, &app.settings, &mut io::stdout()));
        }
    })
}

/// The longest a batch of input is taken in before a frame is drawn.
const FRAME: Duration = Duration::from_millis(16);

/// How long a look for more input waits. Not zero: crossterm's /dev/tty
/// source does not look at all when given no time.
const GLANCE: Duration = Duration::from_millis(1);

/// Takes in `first` and the events `next` gives until it gives none (or
/// the reader quits), applying each one's action. Characters typed into the
/// prompt, and text pasted there, are joined into one `Insert`.
pub fn take_in(
    app: &mut App,
    first: Option<Event>,
    next: &mut dyn FnMut() -> io::Result<Option<Event>>,
    apply: &mut dyn FnMut(&mut App, Action),
) -> io::Result<()> {
    let mut typed = String::new();
    let mut event = first;
    while let Some(e) = event {
        match to_action(app, e) {
            Some(Action::FindInput(c)) => typed.push(c),
            Some(Action::Insert(text)) if app.typing() => typed.push_str(&text),
            other => {
                if !typed.is_empty() {
                    apply(app, Action::Insert(std::mem::take(&mut typed)));
                }
                if let Some(action) = other {
                    apply(app, action);
                }
            }
        }
        if app.quit {
            break;
        }
        event = next()?;
    }
    if !typed.is_empty() {
        apply(app, Action::Insert(typed));
    }
    Ok(())
}

/// What an event from the terminal asks of the reader.
pub fn to_action(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            app.settings.keys.resolve(app.mode(), key)
        }
        Event::Paste(text) => Some(Action::Insert(text)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::Scroll {
                rows: 3,
                x: m.column,
                y: m.row,
            }),
            MouseEventKind::ScrollUp => Some(Action::Scroll {
                rows: -3,
                x: m.column,
                y: m.row,
            }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                x: m.column,
                y: m.row,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}

/// How long after a change the read state is written, at most (and the
/// loop's idle wake-up of 250 ms).
const SAVE_AFTER: Duration = Duration::from_secs(2);

fn save_state(app: &mut App) {
    if let Err(e) = app.store.save() {
        app.notice = Some(e);
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;

    fn key(c: KeyCode) -> Event {
        Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
    }

    #[test]
    fn typing_faster_than_a_frame_is_searched_once() {
        let mut app = App::with_docs(samples::load().docs, 100, 30);
        app.pane = crate::reader::app::Pane::Thread;
        let mut events = std::iter::once(key(KeyCode::Char('/')))
            .chain((0..10_000).map(|i| key(KeyCode::Char(if i % 2 == 0 { 'a' } else { 'b' }))))
            .chain([
                Event::Paste("c\nd".into()),
                key(KeyCode::Enter),
                key(KeyCode::Char('q')),
            ]);
        let mut applied = Vec::new();
        let first = events.next();
        take_in(&mut app, first, &mut || Ok(events.next()), &mut |app, a| {
            applied.push(match &a {
                Action::Insert(t) => Action::Insert(format!("{} chars", t.chars().count())),
                other => other.clone(),
            });
            update(app, a);
        })
        .expect("no io");
        assert_eq!(
            applied,
            [
                Action::FindStart,
                Action::Insert("10003 chars".into()),
                Action::FindAccept,
                Action::Back,
            ]
        );
        assert_eq!(app.find.query().len(), 10_003);
    }
}
