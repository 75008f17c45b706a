//! The reader never panics: mutated seeds (line splices, action words,
//! wide, combining and emoji text, URL-like strings, controls, invalid
//! UTF-8) driven by a few hundred random terminal events each (keys of every
//! mode, clicks and the wheel anywhere, resizes down to 1x1, pastes short and
//! long, posts changed with the prompt open), each frame drawn to a
//! `TestBackend`. Runs in `cargo test`, so overflow checks are on.
//!
//! CI runs a few cases; `TREAD_ACTION_CASES=N` runs N (see the README).

use proptest::prelude::*;
use ratatui::{
    Terminal,
    backend::TestBackend,
    crossterm::event::{
        Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
    },
};
use tread::{
    dump::samples,
    dump::source,
    dump::source::LoadEvent,
    reader::terminal::to_action,
    reader::view::view,
    reader::{app::App, update::update},
};

/// Words and bytes a mutation puts in.
const INSERTS: &[&[u8]] = &[
    b"ReplyDelete",
    b"Delete",
    b"Replies",
    b"Reply",
    b"Load more...",
    b"3 comments:",
    b"  12. ",
    "see s://ééé.com here".as_bytes(),
    "https://é.example/ß?q=1".as_bytes(),
    "x://é".as_bytes(),
    "日本語のテキスト、全角".as_bytes(),
    "e\u{301}a\u{308}\u{20dd} combining".as_bytes(),
    "👩‍👩‍👧 🇬🇧 👍🏽 emoji".as_bytes(),
    "שלום עולם عربي".as_bytes(),
    "\u{202e}reversed\u{202c} \u{2066}iso\u{2069}".as_bytes(),
    "line\u{2028}sep\u{2029}para".as_bytes(),
    b"\x1b[2J\x1b]0;title\x07\t\r",
    b"\xff\xfe bad \xc3 utf8",
    b"",
];

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize),
    Duplicate(usize),
    Swap(usize, usize),
    Insert(usize, usize),
    Glue(usize),
}

fn mutate(text: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = text.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    for m in mutations {
        let n = lines.len().max(1);
        match *m {
            Mutation::Delete(i) if lines.len() > 1 => {
                lines.remove(i % n);
            }
            Mutation::Duplicate(i) if !lines.is_empty() => {
                let line = lines[i % n].clone();
                lines.insert(i % n, line);
            }
            Mutation::Swap(i, j) if !lines.is_empty() => lines.swap(i % n, j % n),
            Mutation::Insert(i, w) => {
                let at = i % n;
                let word = INSERTS[w % INSERTS.len()];
                match lines.get_mut(at) {
                    Some(line) => {
                        let cut = (i / n) % (line.len() + 1);
                        line.splice(cut..cut, word.iter().copied());
                    }
                    None => lines.push(word.to_vec()),
                }
            }
            Mutation::Glue(i) if lines.len() > 1 => {
                let at = i % (n - 1);
                let next = lines.remove(at + 1);
                lines[at].extend(next);
            }
            _ => {}
        }
    }
    lines.join(&b'\n')
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Delete),
        any::<usize>().prop_map(Mutation::Duplicate),
        (any::<usize>(), any::<usize>()).prop_map(|(i, j)| Mutation::Swap(i, j)),
        (any::<usize>(), any::<usize>()).prop_map(|(i, w)| Mutation::Insert(i, w)),
        (any::<usize>(), any::<usize>()).prop_map(|(i, w)| Mutation::Insert(i, w)),
        any::<usize>().prop_map(Mutation::Glue),
    ]
}

const CODES: &[KeyCode] = &[
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Backspace,
    KeyCode::Tab,
    KeyCode::Up,
    KeyCode::Down,
    KeyCode::Left,
    KeyCode::Right,
    KeyCode::Home,
    KeyCode::End,
    KeyCode::PageUp,
    KeyCode::PageDown,
    KeyCode::Delete,
    KeyCode::F(1),
];

/// Characters the key table uses, and some it does not.
const CHARS: &str = "jkJKPr{}[]nNmsSyYo/?qhlCEgGdbfu 123490aewzé日👍";

fn key() -> impl Strategy<Value = Event> {
    let code = prop_oneof![
        3 => prop::sample::select(CHARS.chars().collect::<Vec<_>>()).prop_map(KeyCode::Char),
        1 => prop::sample::select(CODES),
    ];
    let modifiers = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
    ]);
    (code, modifiers).prop_map(|(c, m)| Event::Key(KeyEvent::new(c, m)))
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        12 => key(),
        2 => (0..300u16, 0..90u16)
            .prop_map(|(x, y)| mouse(MouseEventKind::Down(MouseButton::Left), x, y)),
        1 => (0..300u16, 0..90u16).prop_map(|(x, y)| mouse(MouseEventKind::ScrollDown, x, y)),
        1 => (0..300u16, 0..90u16).prop_map(|(x, y)| mouse(MouseEventKind::ScrollUp, x, y)),
        1 => prop_oneof![
            (1..=250u16, 1..=80u16),
            (1..=30u16, 1..=8u16),
        ]
        .prop_map(|(w, h)| Event::Resize(w, h)),
        1 => prop_oneof![
            Just("zzz\nSq".to_owned()),
            Just("probation".to_owned()),
            Just("é日👩‍👩‍👧\u{202e}\u{2028}\t(".to_owned()),
            (1..3000usize).prop_map(|n| "the staff ".repeat(n / 10 + 1)),
        ]
        .prop_map(Event::Paste),
    ]
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    let (w, h) = app.size;
    if terminal.backend().buffer().area.width != w || terminal.backend().buffer().area.height != h {
        terminal.backend_mut().resize(w, h);
        terminal
            .resize(ratatui::layout::Rect::new(0, 0, w, h))
            .expect("resize");
    }
    terminal.draw(|f| view(app, f)).expect("draw");
}

fn cases() -> u32 {
    std::env::var("TREAD_ACTION_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(24)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn random_events_over_mutated_seeds_never_panic(
        seeds in prop::collection::vec((0..samples::SEEDS.len(), prop::collection::vec(mutation(), 0..24)), 1..4),
        events in prop::collection::vec(event(), 50..300),
        (width, height) in (1..=200u16, 1..=60u16),
    ) {
        let mut app = App::new(width, height);
        for (i, (seed, mutations)) in seeds.iter().enumerate() {
            let bytes = mutate(samples::SEEDS[*seed].1.as_bytes(), mutations);
            match source::from_bytes(format!("seed{i}\u{1b}.txt"), bytes) {
                Ok(doc) => app.loaded(LoadEvent::Doc(doc)),
                Err(e) => app.loaded(LoadEvent::Problem(e.to_string())),
            }
        }
        app.loaded(LoadEvent::Done);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        draw(&mut terminal, &app);
        for event in events {
            if let Some(action) = to_action(&app, event) {
                update(&mut app, action);
            }
            // Effects (files, clipboard, opener) are the terminal loop's.
            app.effects.clear();
            app.quit = false;
            draw(&mut terminal, &app);
        }
    }
}
