//! State transitions, without a terminal.

use super::{
    app::{App, Pane},
    thread::ThreadState,
    update::update,
};
use crate::{
    dump::{samples, source, source::LoadEvent, thread::Document},
    export::{Format, Selection},
    reader::app::Effect,
    settings::actions::{Action, Edit, Mode},
};

fn seeds(width: u16, height: u16) -> App {
    App::with_docs(samples::load().docs, width, height)
}

fn act(app: &mut App, actions: &[Action]) {
    for a in actions {
        update(app, a.clone());
    }
}

fn focus_id(app: &App) -> String {
    let t = app.thread.as_ref().expect("thread");
    t.outline.items[t.focus].id.clone()
}

fn thread(app: &App) -> &ThreadState {
    app.thread.as_ref().expect("thread")
}

#[test]
fn opening_the_seeds_shows_the_list_and_the_first_post() {
    let app = seeds(100, 30);
    assert_eq!(app.post_count(), 5);
    assert_eq!(app.pane, Pane::List);
    assert_eq!(app.mode(), Mode::List);
    assert_eq!(thread(&app).post, 0);
    assert_eq!(thread(&app).focus, 0);
    assert!(!thread(&app).screen.is_empty());
}

#[test]
fn a_single_post_opens_straight_into_its_thread() {
    let doc =
        source::from_bytes("one.txt".into(), samples::SEEDS[2].1.as_bytes().to_vec()).expect("doc");
    let app = App::with_docs(vec![doc], 100, 30);
    assert_eq!(app.pane, Pane::Thread);
}

#[test]
fn list_keys_move_the_selection_and_open_the_post_beside_it() {
    let mut app = seeds(100, 30);
    act(&mut app, &[Action::Next, Action::Next]);
    assert_eq!(app.selected, 2);
    assert_eq!(thread(&app).post, 2);
    act(&mut app, &[Action::Bottom]);
    assert_eq!(app.selected, 4);
    act(&mut app, &[Action::Prev, Action::Top]);
    assert_eq!(app.selected, 0);
    act(&mut app, &[Action::Enter]);
    assert_eq!(app.pane, Pane::Thread);
}

#[test]
fn j_k_walk_visible_comments_and_capital_j_k_skip_subtrees() {
    let mut app = seeds(100, 30);
    // j reads the post's body (taller than the pane) before it moves on.
    act(&mut app, &[Action::SwitchPane, Action::Next]);
    assert_eq!(focus_id(&app), "");
    while focus_id(&app).is_empty() {
        update(&mut app, Action::Next);
    }
    assert_eq!(focus_id(&app), "1");
    act(&mut app, &[Action::Next]);
    assert_eq!(focus_id(&app), "2");
    act(&mut app, &[Action::Next]);
    assert_eq!(focus_id(&app), "2.1");
    act(&mut app, &[Action::Prev, Action::NextSibling]);
    assert_eq!(focus_id(&app), "3", "J skips #2's replies");
    act(&mut app, &[Action::PrevSibling]);
    assert_eq!(focus_id(&app), "2");
    // On a reply, J goes to the next reply or up to the next comment.
    act(
        &mut app,
        &[
            Action::NextTop,
            Action::NextTop,
            Action::NextTop,
            Action::NextTop,
        ],
    );
    assert_eq!(focus_id(&app), "6");
    act(&mut app, &[Action::Next, Action::NextSibling]);
    assert_eq!(focus_id(&app), "6.2");
    act(&mut app, &[Action::NextSibling]);
    assert_eq!(focus_id(&app), "7");
    act(&mut app, &[Action::PrevSibling]);
    assert_eq!(
        focus_id(&app),
        "6",
        "K from a top-level comment stays at top level"
    );
}

#[test]
fn parent_root_and_top_level_jumps() {
    let mut app = seeds(100, 30);
    act(
        &mut app,
        &[
            Action::SwitchPane,
            Action::NextTop,
            Action::NextTop,
            Action::Next,
        ],
    );
    assert_eq!(focus_id(&app), "2.1");
    act(&mut app, &[Action::Parent]);
    assert_eq!(focus_id(&app), "2");
    act(&mut app, &[Action::Next, Action::Root]);
    assert_eq!(focus_id(&app), "2");
    act(&mut app, &[Action::Next, Action::PrevTop]);
    assert_eq!(
        focus_id(&app),
        "2",
        "{{ from a reply goes to its thread's root"
    );
    act(&mut app, &[Action::PrevTop]);
    assert_eq!(focus_id(&app), "1");
}

#[test]
fn enter_folds_and_unfolds_a_comment_and_hides_its_replies() {
    let mut app = seeds(100, 30);
    act(
        &mut app,
        &[Action::SwitchPane, Action::NextTop, Action::NextTop],
    );
    assert_eq!(focus_id(&app), "2");
    let before = thread(&app).visible.len();
    act(&mut app, &[Action::Enter]);
    assert!(thread(&app).folded[thread(&app).focus]);
    assert_eq!(thread(&app).visible.len(), before - 1);
    act(&mut app, &[Action::Next]);
    assert_eq!(focus_id(&app), "3", "the folded reply is skipped");
    act(&mut app, &[Action::Prev, Action::Enter]);
    assert_eq!(thread(&app).visible.len(), before);
    act(&mut app, &[Action::Fold, Action::Fold]);
    assert_eq!(thread(&app).visible.len(), before - 1, "h is not a toggle");
    act(&mut app, &[Action::Unfold]);
    assert_eq!(thread(&app).visible.len(), before);
}

#[test]
fn collapse_all_and_expand_all_are_explicit() {
    let mut app = seeds(100, 30);
    act(
        &mut app,
        &[
            Action::SwitchPane,
            Action::NextTop,
            Action::NextTop,
            Action::Next,
        ],
    );
    assert_eq!(focus_id(&app), "2.1");
    act(&mut app, &[Action::CollapseAll]);
    assert_eq!(
        thread(&app).visible.len(),
        1 + 14,
        "header and the 14 top-level comments"
    );
    assert_eq!(focus_id(&app), "2", "the focus moves up out of the fold");
    act(&mut app, &[Action::CollapseAll]);
    assert_eq!(thread(&app).visible.len(), 15);
    act(&mut app, &[Action::ExpandAll, Action::ExpandAll]);
    assert_eq!(thread(&app).visible.len(), 21);
}

#[test]
fn paging_scrolls_and_the_focus_follows() {
    let mut app = seeds(100, 30);
    act(&mut app, &[Action::SwitchPane, Action::PageDown]);
    assert_eq!(
        thread(&app).top,
        (0, 27),
        "a 29-row page less two rows of context"
    );
    assert_eq!(thread(&app).focus, 0, "still in the post body");
    act(&mut app, &[Action::PageDown]);
    let t = thread(&app);
    let first_start = t
        .screen
        .iter()
        .position(|r| r.row.kind == crate::reader::outline::RowKind::Heading);
    let first_item = first_start.map(|i| t.screen[i].item);
    assert_eq!(
        Some(t.focus),
        first_item,
        "the focus follows to the first comment that starts on screen"
    );
    act(&mut app, &[Action::PageUp, Action::PageUp, Action::PageUp]);
    assert_eq!(thread(&app).top, (0, 0));
    assert_eq!(thread(&app).focus, 0);
    act(&mut app, &[Action::HalfDown]);
    assert_eq!(thread(&app).top, (0, 14), "half of a 29-row page");
    act(&mut app, &[Action::HalfUp]);
    assert_eq!(thread(&app).top, (0, 0));
}

#[test]
fn bottom_shows_the_last_comment_and_never_scrolls_past_the_end() {
    let mut app = seeds(100, 30);
    act(&mut app, &[Action::SwitchPane, Action::Bottom]);
    assert_eq!(focus_id(&app), "14");
    let t = thread(&app);
    assert_eq!(t.screen.len(), 29, "a full page");
    assert_eq!(t.screen.last().map(|r| r.item), Some(20));
    act(&mut app, &[Action::PageDown, Action::PageDown]);
    assert_eq!(thread(&app).screen.len(), 29);
    act(&mut app, &[Action::Top]);
    assert_eq!(thread(&app).top, (0, 0));
    assert_eq!(thread(&app).focus, 0);
}

#[test]
fn next_and_previous_post() {
    let mut app = seeds(100, 30);
    act(
        &mut app,
        &[Action::SwitchPane, Action::NextPost, Action::NextPost],
    );
    assert_eq!(app.selected, 2);
    assert_eq!(thread(&app).post, 2);
    assert_eq!(app.pane, Pane::Thread);
    act(
        &mut app,
        &[Action::PrevPost, Action::PrevPost, Action::PrevPost],
    );
    assert_eq!(app.selected, 0);
}

#[test]
fn back_goes_to_the_list_then_quits() {
    let mut app = seeds(100, 30);
    act(&mut app, &[Action::SwitchPane, Action::Back]);
    assert_eq!(app.pane, Pane::List);
    assert!(!app.quit);
    act(&mut app, &[Action::Back]);
    assert!(app.quit);
}

#[test]
fn help_opens_and_back_closes_it_first() {
    let mut app = seeds(100, 30);
    act(&mut app, &[Action::Help]);
    assert_eq!(app.mode(), Mode::Help);
    act(&mut app, &[Action::Back]);
    assert!(app.overlay.is_none() && !app.quit);
}

/// Finds `q` in the open post (from the list, `/` filters the list).
fn type_query(app: &mut App, q: &str) {
    if app.pane == Pane::List {
        update(app, Action::SwitchPane);
    }
    update(app, Action::FindStart);
    for c in q.chars() {
        update(app, Action::FindInput(c));
    }
}

/// An independent count: occurrences of `needle` in every item's text,
/// case folded.
fn count_in_post(app: &App, needle: &str) -> usize {
    let t = thread(app);
    let date = t.outline.date.as_deref().unwrap_or("");
    t.outline
        .items
        .iter()
        .map(|i| {
            let count = |s: &str| s.to_lowercase().matches(needle).count();
            count(&i.text) + count(&i.heading)
        })
        .sum::<usize>()
        + date.to_lowercase().matches(needle).count()
}

#[test]
fn find_counts_every_match_in_headings_body_and_comments() {
    let mut app = seeds(100, 30);
    for q in ["probation", "getafix", "the", "£"] {
        type_query(&mut app, q);
        assert_eq!(app.find.matches.len(), count_in_post(&app, q), "{q}");
        update(&mut app, Action::FindCancel);
    }
    // Each of the two signatures, in its text and, inferred, in its
    // comment's heading (`#2 · ~'Getafix`).
    type_query(&mut app, "getafix");
    assert_eq!(app.find.matches.len(), 4);
}

#[test]
fn find_is_smartcase_and_toggles_regex() {
    let mut app = seeds(100, 30);
    type_query(&mut app, "Probation");
    let upper = app.find.matches.len();
    update(&mut app, Action::FindCancel);
    type_query(&mut app, "probation");
    assert!(app.find.matches.len() > upper, "lower case ignores case");
    update(&mut app, Action::FindCancel);
    type_query(&mut app, "p.o");
    assert_eq!(app.find.matches.len(), 0, "a literal dot");
    update(&mut app, Action::FindToggleRegex);
    assert!(app.find.regex);
    assert!(!app.find.matches.is_empty(), "a regex dot");
    update(&mut app, Action::FindInput('('));
    assert!(app.find.error.is_some());
    assert!(app.find.matches.is_empty());
}

#[test]
fn escape_cancels_the_find_and_returns_the_view() {
    let mut app = seeds(100, 30);
    act(
        &mut app,
        &[
            Action::SwitchPane,
            Action::NextTop,
            Action::NextTop,
            Action::Enter,
        ],
    );
    let (focus, top, folded) = (
        thread(&app).focus,
        thread(&app).top,
        thread(&app).folded.clone(),
    );
    type_query(&mut app, "sofa surfing");
    assert_eq!(app.find.matches.len(), 1);
    assert_eq!(focus_id(&app), "2.1", "typing jumps to the match");
    assert!(
        !thread(&app).folded[focus],
        "the path to the match unfolded"
    );
    update(&mut app, Action::FindCancel);
    assert_eq!((thread(&app).focus, thread(&app).top), (focus, top));
    assert_eq!(thread(&app).folded, folded);
    assert!(app.find.matches.is_empty() && !app.editing());
}

#[test]
fn enter_keeps_the_find_and_n_wraps_with_a_notice() {
    let mut app = seeds(100, 30);
    type_query(&mut app, "getafix");
    update(&mut app, Action::FindAccept);
    assert!(!app.editing());
    assert_eq!(app.find.current, Some(0));
    assert_eq!(focus_id(&app), "2");
    // #2's heading, its text, then #6.1's.
    update(&mut app, Action::FindNext);
    update(&mut app, Action::FindNext);
    assert_eq!(app.find.current, Some(2));
    assert_eq!(focus_id(&app), "6.1");
    assert_eq!(app.notice, None);
    update(&mut app, Action::FindNext);
    update(&mut app, Action::FindNext);
    assert_eq!(app.find.current, Some(0));
    assert_eq!(app.notice.as_deref(), Some("search wrapped to the top"));
    update(&mut app, Action::FindPrev);
    assert_eq!(app.find.current, Some(3));
    assert_eq!(app.notice.as_deref(), Some("search wrapped to the bottom"));
}

#[test]
fn a_match_in_a_folded_subtree_unfolds_only_its_path() {
    let mut app = seeds(100, 30);
    act(&mut app, &[Action::SwitchPane, Action::CollapseAll]);
    type_query(&mut app, "Edward Argar");
    update(&mut app, Action::FindAccept);
    assert_eq!(focus_id(&app), "6.2");
    let t = thread(&app);
    let unfolded: Vec<&str> = (1..t.folded.len())
        .filter(|&i| !t.folded[i])
        .map(|i| t.outline.items[i].id.as_str())
        .collect();
    assert_eq!(
        unfolded,
        ["6", "6.2"],
        "only the path to the match is unfolded"
    );
}

#[test]
fn n_without_a_find_says_how_to_start_one() {
    let mut app = seeds(100, 30);
    update(&mut app, Action::FindNext);
    assert_eq!(
        app.notice.as_deref(),
        Some("nothing to find: press / first")
    );
}

#[test]
fn a_tiny_terminal_is_too_small_and_a_narrow_one_hides_the_list() {
    let mut app = seeds(100, 30);
    update(
        &mut app,
        Action::Resize {
            width: 20,
            height: 5,
        },
    );
    assert!(app.panes().too_small);
    update(
        &mut app,
        Action::Resize {
            width: 60,
            height: 20,
        },
    );
    let panes = app.panes();
    assert!(!panes.too_small);
    assert!(
        panes.list.is_some() && panes.thread.is_none(),
        "the list pane has the focus"
    );
    update(&mut app, Action::SwitchPane);
    let panes = app.panes();
    assert!(panes.list.is_none() && panes.thread.is_some());
}

#[test]
fn clicks_select_posts_and_focus_comments() {
    let mut app = seeds(100, 30);
    update(&mut app, Action::Click { x: 5, y: 1 + 2 * 2 });
    assert_eq!(app.selected, 2);
    act(
        &mut app,
        &[Action::SwitchPane, Action::NextTop, Action::SwitchPane],
    );
    let t = thread(&app);
    let (row, item) = t
        .screen
        .iter()
        .enumerate()
        .find(|(_, r)| r.item > t.focus)
        .map(|(i, r)| (i, r.item))
        .unwrap_or((0, 0));
    assert!(item > 0, "a comment is on screen");
    update(
        &mut app,
        Action::Click {
            x: 60,
            y: row as u16,
        },
    );
    assert_eq!(thread(&app).focus, item);
    assert_eq!(app.pane, Pane::Thread);
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer() {
    let mut app = seeds(100, 30);
    update(
        &mut app,
        Action::Scroll {
            rows: 3,
            x: 60,
            y: 5,
        },
    );
    assert_eq!(thread(&app).top, (0, 3));
    update(
        &mut app,
        Action::Scroll {
            rows: 3,
            x: 5,
            y: 5,
        },
    );
    assert_eq!(app.selected, 1);
}

#[test]
fn loading_fills_the_list_as_pieces_arrive() {
    let mut app = App::new(100, 30);
    app.loaded(LoadEvent::Progress {
        name: "big".into(),
        read: 10,
        total: 100,
    });
    assert!(app.thread.is_none());
    let docs = samples::load().docs;
    let mut docs = docs.into_iter();
    app.loaded(LoadEvent::Doc(docs.next().expect("doc")));
    assert_eq!(app.post_count(), 1);
    assert!(app.thread.is_some(), "the first post shows at once");
    update(&mut app, Action::Next);
    app.loaded(LoadEvent::Doc(docs.next().expect("doc")));
    app.loaded(LoadEvent::Done);
    assert_eq!(app.post_count(), 2);
    assert!(app.loading.is_none());
    assert_eq!(app.pane, Pane::List);
}

/// Seed 000 as a document, optionally with comments appended.
fn seed0(extra: &str) -> Document {
    let text = format!("{}{extra}", samples::SEEDS[0].1);
    source::from_bytes("000.txt".into(), text.into_bytes()).expect("doc")
}

/// A new app on `docs` that remembers what `old` remembered.
fn reopen(old: &mut App, docs: Vec<Document>) -> App {
    let mut app = App::new(100, 30);
    app.store = std::mem::take(&mut old.store);
    for doc in docs {
        app.loaded(LoadEvent::Doc(doc));
    }
    app.loaded(LoadEvent::Done);
    app
}

#[test]
fn reopening_returns_to_the_same_place_with_the_folds_kept() {
    let mut app = App::with_docs(vec![seed0("")], 100, 30);
    assert_eq!(app.pane, Pane::Thread);
    act(
        &mut app,
        &[
            Action::NextTop,
            Action::NextTop,
            Action::Enter,
            Action::PageDown,
        ],
    );
    act(&mut app, &[Action::NextTop, Action::Next]);
    let (focus, top) = (focus_id(&app), thread(&app).top);
    assert!(!focus.is_empty() && top.0 > 0, "{focus} {top:?}");
    update(&mut app, Action::Quit);
    let again = reopen(&mut app, vec![seed0("")]);
    assert_eq!(focus_id(&again), focus);
    assert_eq!(thread(&again).top, top);
    let t = thread(&again);
    let folded: Vec<&str> = (1..t.folded.len())
        .filter(|&i| t.folded[i])
        .map(|i| t.outline.items[i].id.as_str())
        .collect();
    assert_eq!(folded, ["2"]);
}

#[test]
fn comments_added_to_a_dump_are_new_and_counted_and_one_key_goes_there() {
    let mut app = App::with_docs(vec![seed0("")], 100, 30);
    // Everything on screen is seen; marking read sees the rest.
    assert!(thread(&app).new[1]);
    update(&mut app, Action::ToggleRead);
    assert_eq!(app.new_count(0), Some(0));
    update(&mut app, Action::Quit);
    let added = "\n  21. A comment added since.\n    ReplyDelete\n";
    let mut again = reopen(&mut app, vec![seed0(added)]);
    let t = thread(&again);
    let new: Vec<&str> = (0..t.new.len())
        .filter(|&i| t.new[i])
        .map(|i| t.outline.items[i].id.as_str())
        .collect();
    assert_eq!(new, ["15"]);
    assert_eq!(again.new_count(0), Some(1));
    update(&mut again, Action::NextNew);
    assert_eq!(focus_id(&again), "15");
    assert_eq!(again.pane, Pane::Thread);
    // Seen now, still marked for this visit; nothing further down.
    assert_eq!(again.new_count(0), Some(0));
    assert!(thread(&again).new[thread(&again).focus]);
    update(&mut again, Action::NextNew);
    assert_eq!(again.notice.as_deref(), Some("no new comment below"));
}

#[test]
fn the_list_counts_new_comments_of_posts_not_opened_yet() {
    let mut app = seeds(100, 30);
    let counts: Vec<Option<usize>> = (0..5).map(|i| app.new_count(i)).collect();
    assert_eq!(counts, [Some(20), Some(27), Some(13), Some(13), Some(18)]);
    // Beside the list, the post is a preview: nothing in it is read.
    act(&mut app, &[Action::Next, Action::Prev]);
    assert_eq!(app.new_count(0), Some(20));
    // Read in the thread pane: what comes on screen whole is seen.
    act(
        &mut app,
        &[
            Action::SwitchPane,
            Action::NextTop,
            Action::NextTop,
            Action::NextTop,
        ],
    );
    assert!(app.new_count(0).is_some_and(|n| n > 0 && n < 20));
}

#[test]
fn a_post_marked_unread_stays_unread() {
    let mut app = App::with_docs(vec![seed0("")], 100, 30);
    update(&mut app, Action::ToggleRead);
    assert_eq!(app.notice.as_deref(), Some("marked read"));
    assert!(thread(&app).new.iter().all(|n| !n));
    update(&mut app, Action::ToggleRead);
    assert_eq!(app.notice.as_deref(), Some("marked unread"));
    // Moving about does not see comments again until the post is reopened.
    act(&mut app, &[Action::PageDown, Action::PageDown]);
    assert_eq!(app.new_count(0), Some(20));
    update(&mut app, Action::Quit);
    let again = reopen(&mut app, vec![seed0("")]);
    assert_eq!(thread(&again).new.iter().filter(|&&n| n).count(), 20);
}

#[test]
fn folded_by_default_opens_threads_collapsed() {
    let mut app = App::new(100, 30);
    app.settings.folded = true;
    app.loaded(LoadEvent::Doc(seed0("")));
    let t = thread(&app);
    assert!(t.folded[1..].iter().all(|&f| f));
    assert_eq!(t.visible.len(), 1 + 14);
}

#[test]
fn the_wrap_width_setting_narrows_the_text() {
    let mut app = App::new(160, 40);
    app.settings.wrap_width = Some(50);
    app.loaded(LoadEvent::Doc(seed0("")));
    let widest = thread(&app)
        .screen
        .iter()
        .map(|r| r.row.text.chars().count())
        .max();
    assert!(widest.is_some_and(|w| w <= 50), "{widest:?}");
}

#[test]
fn save_copy_and_reference_ask_the_terminal_loop() {
    let mut app = App::with_docs(vec![seed0("")], 100, 30);
    act(&mut app, &[Action::NextTop, Action::NextTop]);
    assert_eq!(focus_id(&app), "2");
    act(
        &mut app,
        &[
            Action::SaveComment,
            Action::SaveThread,
            Action::CopyText,
            Action::CopyRef,
        ],
    );
    let effects = std::mem::take(&mut app.effects);
    let [
        Effect::Save { name: n1, text: t1 },
        Effect::Save { name: n2, text: t2 },
        Effect::Copy { text: t3, .. },
        Effect::Copy { text: t4, .. },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}");
    };
    assert_eq!(n1, "new-probation-scandal-comment-2");
    assert_eq!(n2, "new-probation-scandal");
    // The same text `tread export` writes.
    let doc = seed0("");
    let post = &doc.posts[0];
    let export = |comment| {
        crate::export::render(
            Format::Text,
            &[Selection {
                doc: &doc,
                post,
                comment,
            }],
            None,
        )
    };
    assert_eq!(t1, &export(post.find("2")));
    assert_eq!(t2, &export(None));
    assert!(
        t3.starts_with("The number of people being supervised"),
        "{t3}"
    );
    assert_eq!(t4, &format!("000.txt:{} #2", post.comments[1].line));
}

#[test]
fn a_link_opens_at_once_and_several_are_offered_as_a_list() {
    let one = "\n  21. See https://example.org/one for it.\n    ReplyDelete\n";
    let two =
        "  22. Both https://example.org/a and\n    http://example.org/b here.\n    ReplyDelete\n";
    let mut app = App::with_docs(vec![seed0(&format!("{one}{two}"))], 100, 30);
    act(&mut app, &[Action::Bottom, Action::OpenLink]);
    assert_eq!(focus_id(&app), "16");
    assert_eq!(app.mode(), Mode::Links);
    update(&mut app, Action::Next);
    update(&mut app, Action::Enter);
    assert_eq!(app.effects, [Effect::Open("http://example.org/b".into())]);
    assert_eq!(app.mode(), Mode::Thread);
    app.effects.clear();
    act(&mut app, &[Action::OpenLink, Action::PickLink(0)]);
    assert_eq!(app.effects, [Effect::Open("https://example.org/a".into())]);
    app.effects.clear();
    act(
        &mut app,
        &[Action::OpenLink, Action::PickLink(5), Action::Back],
    );
    assert!(app.effects.is_empty());
    assert_eq!(app.mode(), Mode::Thread);
    act(&mut app, &[Action::Prev, Action::OpenLink]);
    assert_eq!(focus_id(&app), "15");
    assert_eq!(
        app.effects,
        [Effect::Open("https://example.org/one".into())]
    );
    app.effects.clear();
    act(&mut app, &[Action::Prev, Action::OpenLink]);
    assert_eq!(app.notice.as_deref(), Some("no link here"));
}

#[test]
fn alerts_wait_for_a_key_that_goes_on() {
    let mut app = seeds(100, 30);
    app.alert(vec![
        "config.toml:4: keys.fold: `j` is bound to both".into(),
    ]);
    assert_eq!(app.mode(), Mode::Help);
    update(&mut app, Action::Back);
    assert!(app.alerts().is_empty());
    assert!(!app.quit);
    assert_eq!(app.mode(), Mode::List);
}

#[test]
fn identical_comments_are_told_apart_by_their_order() {
    let dump = "Title\n\nBody\n\n3 comments:\n\n  1. Same words.\n    ReplyDelete\n\n  2. Same words.\n    ReplyDelete\n\n  3. Other words.\n    ReplyDelete\n";
    let doc = source::from_bytes("dup.txt".into(), dump.as_bytes().to_vec()).expect("doc");
    let mut app = App::new(100, 30);
    app.loaded(LoadEvent::Doc(doc));
    app.loaded(LoadEvent::Done);
    let keys: Vec<u64> = thread(&app).outline.items.iter().map(|i| i.key).collect();
    assert_eq!(keys.len(), 4);
    assert_ne!(keys[1], keys[2], "equal comments have keys of their own");
    // All three on screen: nothing left unseen.
    assert_eq!(app.new_count(0), Some(0));
}

#[test]
fn focus_returns_to_the_same_one_of_repeated_comments() {
    // Texts repeat every 5 comments, as in a page saved with its repeats.
    let mut dump = String::from("Title\n\nBody\n\n20 comments:\n\n");
    for i in 1..=20 {
        dump.push_str(&format!(
            "  {i}. Words number {}.\n    ReplyDelete\n\n",
            i % 5
        ));
    }
    let doc = || source::from_bytes("rep.txt".into(), dump.as_bytes().to_vec()).expect("doc");
    let mut app = App::new(100, 12);
    app.loaded(LoadEvent::Doc(doc()));
    app.loaded(LoadEvent::Done);
    for _ in 0..8 {
        update(&mut app, Action::Next);
    }
    assert_eq!(focus_id(&app), "8");
    update(&mut app, Action::Quit);
    let app = reopen(&mut app, vec![doc()]);
    assert_eq!(focus_id(&app), "8", "not #3, which has the same words");
    assert!(thread(&app).new[13], "#13 was never on screen: still new");
}

#[test]
fn reopening_a_set_of_dumps_goes_back_to_the_post_last_read() {
    let mut app = seeds(100, 30);
    app.session = Some("seeds".into());
    act(&mut app, &[Action::Next, Action::Next, Action::Quit]);
    let store = std::mem::take(&mut app.store);
    let first = app.entry(0).expect("post").key.clone();
    let before = store.get(&first).cloned();
    let mut again = App::new(100, 30);
    again.session = Some("seeds".into());
    again.resume = store.place("seeds").map(str::to_owned);
    again.store = store;
    for doc in samples::load().docs {
        again.loaded(LoadEvent::Doc(doc));
    }
    assert_eq!(again.selected, 2);
    assert_eq!(thread(&again).post, 2);
    // The first post, shown while loading, was not recorded as read again.
    assert_eq!(again.store.get(&first), before.as_ref());
}

#[test]
fn the_list_width_setting_is_kept_within_the_terminal() {
    for (setting, width, expect) in [(30, 120, 30), (5, 120, 12), (200, 120, 60)] {
        let mut app = App::new(width, 30);
        app.settings.list_width = Some(setting);
        app.loaded(LoadEvent::Doc(seed0("")));
        update(&mut app, Action::Resize { width, height: 30 });
        assert_eq!(app.panes().list.map(|r| r.width), Some(expect));
    }
}

// Robustness: each test below failed before its fix.

#[test]
fn a_row_offset_past_its_item_after_a_resize_scrolls_without_overflow() {
    let mut app = seeds(100, 30);
    act(&mut app, &[Action::SwitchPane, Action::PageDown]);
    // Saved while narrow: the post body was taller than it is now.
    app.thread.as_mut().expect("thread").top = (0, 5_000);
    update(
        &mut app,
        Action::Scroll {
            rows: 3,
            x: 60,
            y: 5,
        },
    );
    update(
        &mut app,
        Action::Scroll {
            rows: -3,
            x: 60,
            y: 5,
        },
    );
    update(
        &mut app,
        Action::Resize {
            width: 200,
            height: 10,
        },
    );
    let t = thread(&app);
    assert!(t.top.1 < 200, "{:?}", t.top);
    assert!(!t.screen.is_empty());
}

#[test]
fn another_post_chosen_while_the_prompt_is_open_takes_the_find() {
    for change in [
        Action::Click { x: 5, y: 1 + 2 * 3 },
        Action::Scroll {
            rows: 3,
            x: 5,
            y: 3,
        },
        Action::NextPost,
    ] {
        let mut app = seeds(100, 30);
        act(
            &mut app,
            &[Action::SwitchPane, Action::NextTop, Action::Fold],
        );
        type_query(&mut app, "prob");
        update(&mut app, change.clone());
        let post = thread(&app).post;
        assert_ne!(post, 0, "{change:?}");
        act(
            &mut app,
            &[
                Action::FindInput('a'),
                Action::FindBackspace,
                Action::FindToggleRegex,
                Action::FindToggleRegex,
            ],
        );
        assert!(
            app.find
                .matches
                .iter()
                .all(|m| m.item < thread(&app).outline.items.len())
        );
        update(&mut app, Action::FindCancel);
        let t = thread(&app);
        assert_eq!(t.post, post, "Esc stays on the post now shown");
        assert_eq!(t.focus, 0, "and returns to where that post was");
        assert!(t.folded.iter().all(|f| !f));
    }
}

#[test]
fn pasted_text_is_typed_into_the_prompt_and_never_run_as_keys() {
    let mut app = seeds(100, 30);
    update(&mut app, Action::SwitchPane);
    update(&mut app, Action::FindStart);
    update(&mut app, Action::Insert("zzz\nSq\r\n\tend".into()));
    assert_eq!(app.find.query(), "zzz Sq   end");
    assert!(app.editing() && !app.quit && app.effects.is_empty());
    update(&mut app, Action::FindCancel);
    // Outside the prompt a paste does nothing but say so.
    let before = (app.selected, app.pane, thread(&app).focus);
    update(&mut app, Action::Insert("jjjjSq".into()));
    assert_eq!((app.selected, app.pane, thread(&app).focus), before);
    assert!(!app.quit && app.effects.is_empty());
    assert!(app.notice.as_deref().is_some_and(|n| n.contains("ignored")));
}

#[test]
fn the_prompt_edits_as_a_shell_does() {
    let mut app = seeds(100, 30);
    type_query(&mut app, "staff probation");
    let edit = |app: &mut App, e: Edit| update(app, Action::Edit(e));
    edit(&mut app, Edit::Start);
    update(&mut app, Action::FindInput('>'));
    assert_eq!(app.find.query(), ">staff probation");
    edit(&mut app, Edit::End);
    edit(&mut app, Edit::WordLeft);
    update(&mut app, Action::FindInput('!'));
    assert_eq!(app.find.query(), ">staff !probation");
    edit(&mut app, Edit::WordRight);
    edit(&mut app, Edit::DeleteWord);
    assert_eq!(app.find.query(), ">staff !");
    edit(&mut app, Edit::Left);
    edit(&mut app, Edit::DeleteToEnd);
    assert_eq!(app.find.query(), ">staff ");
    edit(&mut app, Edit::Left);
    edit(&mut app, Edit::DeleteToStart);
    assert_eq!(app.find.query(), " ");
    edit(&mut app, Edit::Start);
    edit(&mut app, Edit::DeleteNext);
    assert_eq!(app.find.query(), "");
    assert!(app.find.matches.is_empty());
}

#[test]
fn a_long_paste_into_find_is_searched_once_and_quickly() {
    let mut app = seeds(100, 30);
    update(&mut app, Action::SwitchPane);
    update(&mut app, Action::FindStart);
    let long = "probation ".repeat(1_000);
    let started = std::time::Instant::now();
    update(&mut app, Action::Insert(long.clone()));
    assert_eq!(app.find.query().len(), long.len());
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_heading_or_a_folded_preview_is_not_reading() {
    // Everything folded: Enter on the post then G shows every heading.
    let mut app = App::new(100, 40);
    app.settings.folded = true;
    for doc in samples::load().docs {
        app.loaded(LoadEvent::Doc(doc));
    }
    app.loaded(LoadEvent::Done);
    act(&mut app, &[Action::SwitchPane, Action::Bottom]);
    assert_eq!(app.new_count(0), Some(20), "folded previews are not read");
    // A comment whose heading only is on screen is not read either.
    let mut app = seeds(80, 24);
    act(&mut app, &[Action::SwitchPane]);
    let t = thread(&app);
    let heading_only: Vec<usize> = t
        .screen
        .iter()
        .filter(|r| r.item > 0)
        .map(|r| r.item)
        .filter(|&i| !t.screen.iter().any(|r| r.item == i && r.ends_item))
        .collect();
    for i in heading_only {
        assert!(t.new[i] && !t.state.seen.contains(&t.outline.items[i].key));
    }
}

#[test]
fn esc_never_quits() {
    let mut app = seeds(100, 30);
    act(
        &mut app,
        &[
            Action::SwitchPane,
            Action::FindStart,
            Action::FindCancel,
            Action::Leave,
            Action::Leave,
            Action::Leave,
        ],
    );
    assert!(!app.quit);
    assert_eq!(app.pane, Pane::List);
    assert_eq!(app.notice.as_deref(), Some("q quits"));
    act(&mut app, &[Action::Back]);
    assert!(app.quit, "q still quits from the list");
}

#[test]
fn j_reads_a_long_comment_to_its_end_before_moving_on() {
    // The trial: at 80x24 on seed 001, } eight times, j j j r K { j j j.
    let mut app = seeds(80, 24);
    act(&mut app, &[Action::Next, Action::SwitchPane, Action::Top]);
    act(&mut app, &vec![Action::NextTop; 8]);
    act(
        &mut app,
        &[
            Action::Next,
            Action::Next,
            Action::Next,
            Action::Root,
            Action::PrevSibling,
            Action::PrevTop,
            Action::Next,
            Action::Next,
            Action::Next,
        ],
    );
    // Wherever that leaves the focus, j from #8 on shows all of #8's text
    // (its last row) before the focus moves to #8.1.
    while focus_id(&app) != "8" {
        update(&mut app, Action::Next);
    }
    let item = thread(&app).focus;
    let mut read = false;
    for _ in 0..50 {
        let t = thread(&app);
        read |= t.screen.iter().any(|r| r.item == item && r.ends_item);
        if t.focus != item {
            break;
        }
        update(&mut app, Action::Next);
    }
    assert_eq!(focus_id(&app), "8.1");
    assert!(read, "#8's end was on screen before #8.1 had the focus");
    // And k goes back up through it the same way.
    update(&mut app, Action::Prev);
    assert_eq!(focus_id(&app), "8");
}

#[test]
fn ctrl_e_and_ctrl_y_move_the_view_a_line_and_keep_the_focus() {
    let mut app = seeds(100, 30);
    act(
        &mut app,
        &[Action::SwitchPane, Action::NextTop, Action::NextTop],
    );
    let (focus, top) = (thread(&app).focus, thread(&app).top);
    act(&mut app, &[Action::LineDown]);
    assert_eq!(thread(&app).focus, focus);
    assert_ne!(thread(&app).top, top);
    act(&mut app, &[Action::LineUp]);
    assert_eq!((thread(&app).focus, thread(&app).top), (focus, top));
}

#[test]
fn new_comment_jumps_go_on_across_posts() {
    let mut app = seeds(100, 30);
    act(&mut app, &[Action::SwitchPane, Action::ToggleRead]);
    assert_eq!(app.new_count(0), Some(0));
    act(&mut app, &[Action::NextNew]);
    assert_eq!(app.selected, 1, "on to the next post with new comments");
    assert_eq!(app.pane, Pane::Thread);
    let t = thread(&app);
    let first_new = (1..t.new.len()).find(|&i| t.new[i]);
    assert_eq!(Some(t.focus), first_new);
    act(&mut app, &[Action::PrevNew]);
    assert_eq!(app.selected, 1, "the post before has nothing new");
    assert_eq!(app.notice.as_deref(), Some("no new comment above"));
    // Backwards from post 2 lands on the last new comment of post 1.
    act(&mut app, &[Action::NextPost, Action::PrevNew]);
    while app.selected == 2 {
        act(&mut app, &[Action::PrevNew]);
    }
    assert_eq!(app.selected, 1);
    let t = thread(&app);
    let last_new = (1..t.new.len()).rev().find(|&i| t.new[i]);
    assert_eq!(Some(t.focus), last_new);
}

#[test]
fn find_covers_titles_dates_authors_and_timestamps() {
    let mut app = seeds(100, 30);
    act(&mut app, &[Action::Next, Action::Next]);
    type_query(&mut app, "dismissed");
    let t = thread(&app);
    let m = app.find.matches.first().expect("a match for the author");
    assert_eq!(t.outline.items[m.item].id, "11");
    assert_eq!(m.part, crate::reader::find::Part::Heading);
    assert_eq!(focus_id(&app), "11");
    update(&mut app, Action::FindCancel);
    type_query(&mut app, "December 2022");
    assert!(
        app.find
            .matches
            .iter()
            .any(|m| m.item == 0 && m.part == crate::reader::find::Part::Date)
    );
    update(&mut app, Action::FindCancel);
    type_query(&mut app, "Toxic");
    assert!(
        app.find
            .matches
            .iter()
            .any(|m| m.item == 0 && m.part == crate::reader::find::Part::Heading)
    );
}

#[test]
fn a_count_before_a_motion_repeats_it_and_before_g_goes_to_that_one() {
    let mut app = seeds(100, 30);
    act(&mut app, &[Action::Digit(3), Action::Bottom]);
    assert_eq!(app.selected, 2, "3G in the list: post 3");
    act(&mut app, &[Action::Digit(1), Action::Top]);
    assert_eq!(app.selected, 0);
    act(&mut app, &[Action::Next, Action::SwitchPane, Action::Top]);
    act(&mut app, &[Action::Digit(3), Action::NextTop]);
    assert_eq!(focus_id(&app), "3", "3}} from the post");
    act(
        &mut app,
        &[Action::Digit(1), Action::Digit(2), Action::Bottom],
    );
    assert_eq!(focus_id(&app), "12", "12G: comment #12");
    act(&mut app, &[Action::Digit(2)]);
    assert_eq!(app.count, Some(2));
    act(&mut app, &[Action::Leave]);
    assert_eq!(app.count, None, "Esc drops the count");
    assert_eq!(app.pane, Pane::Thread, "and does nothing else");
    act(&mut app, &[Action::Digit(0)]);
    assert_eq!(app.count, None, "a count does not start with 0");
    act(
        &mut app,
        &[Action::Digit(9), Action::Digit(9), Action::Bottom],
    );
    assert_eq!(app.notice.as_deref(), Some("no comment #99"));
}

#[test]
fn a_folded_focused_comment_is_folded_again_on_reopen() {
    let mut app = App::with_docs(vec![seed0("")], 80, 24);
    act(&mut app, &[Action::NextTop, Action::NextTop, Action::Fold]);
    let item = thread(&app).focus;
    assert!(thread(&app).folded[item]);
    update(&mut app, Action::Quit);
    let app = reopen(&mut app, vec![seed0("")]);
    assert_eq!(thread(&app).focus, item);
    assert!(thread(&app).folded[item], "its fold is kept");
}

#[test]
fn a_resize_keeps_the_focused_comment_in_view_and_the_list_full() {
    let mut app = seeds(120, 40);
    act(
        &mut app,
        &[Action::Next, Action::SwitchPane, Action::NextTop],
    );
    update(
        &mut app,
        Action::Resize {
            width: 60,
            height: 15,
        },
    );
    let t = thread(&app);
    assert!(
        t.screen.iter().any(|r| r.item == t.focus),
        "the focus is on screen"
    );
    update(
        &mut app,
        Action::Resize {
            width: 25,
            height: 5,
        },
    );
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    update(&mut app, Action::SwitchPane);
    assert_eq!(app.list_top, 0, "all five posts fit: none scrolled off");
}

#[test]
fn a_resize_or_a_reopen_keeps_the_place_inside_a_tall_comment() {
    let mut app = seeds(80, 24);
    act(&mut app, &[Action::Next, Action::SwitchPane, Action::Top]);
    act(&mut app, &vec![Action::NextTop; 8]);
    act(&mut app, &[Action::Next]);
    let (focus, top) = (thread(&app).focus, thread(&app).top);
    assert!(
        top.1 > 0 && thread(&app).visible[top.0] == focus,
        "inside #{}",
        focus_id(&app)
    );
    update(
        &mut app,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    assert_eq!(
        thread(&app).top,
        top,
        "a resize to the same size changes nothing"
    );
}

#[test]
fn counts_before_row_and_post_motions_go_as_far_as_asked() {
    let mut app = seeds(100, 30);
    act(&mut app, &[Action::Digit(3), Action::Next]);
    assert_eq!(app.selected, 3, "3j in the list: three posts down, at once");
    act(
        &mut app,
        &[Action::Digit(9), Action::Digit(9), Action::Next],
    );
    assert_eq!(app.selected, 4, "no further than the last");
    act(&mut app, &[Action::Top, Action::SwitchPane]);
    act(
        &mut app,
        &[Action::Digit(1), Action::Digit(0), Action::LineDown],
    );
    assert_eq!(
        thread(&app).top,
        (0, 10),
        "10 Ctrl-E: ten lines, in a post of few items"
    );
}

/// The source view shown, if it is.
fn source_view(app: &App) -> Option<&crate::reader::source::Source> {
    match &app.overlay {
        Some(super::app::Overlay::Source(s)) => Some(s),
        _ => None,
    }
}

#[test]
fn v_shows_the_focused_comments_lines_and_returns_to_the_same_place() {
    let mut app = seeds(100, 30);
    act(
        &mut app,
        &[Action::SwitchPane, Action::NextTop, Action::NextTop],
    );
    let (focus, top) = (thread(&app).focus, thread(&app).top);
    update(&mut app, Action::Source);
    assert_eq!(app.mode(), Mode::Panel);
    let s = source_view(&app).expect("the source view");
    let item = &thread(&app).outline.items[focus];
    assert_eq!(s.node, item.span);
    // The cursor on the comment's first line; three lines of context.
    assert_eq!(s.first + s.cursor, item.line);
    assert_eq!(s.cursor, 3);
    act(&mut app, &[Action::Next, Action::Next, Action::Bottom]);
    let s = source_view(&app).expect("still shown");
    assert_eq!(s.cursor, s.lines.len() - 1);
    update(&mut app, Action::Back);
    assert!(app.overlay.is_none());
    assert_eq!((thread(&app).focus, thread(&app).top), (focus, top));
    assert_eq!(app.mode(), Mode::Thread);
}

#[test]
fn enter_in_the_source_view_goes_to_the_comment_that_owns_the_line() {
    let mut app = seeds(100, 30);
    act(&mut app, &[Action::SwitchPane, Action::Source]);
    // The post's source: down to the first line of comment #3.
    let line = thread(&app)
        .outline
        .items
        .iter()
        .find(|i| i.id == "3")
        .map(|i| i.line);
    let s = source_view(&app).expect("the source view");
    let to = line.expect("#3") - s.first;
    for _ in 0..to - s.cursor {
        update(&mut app, Action::Next);
    }
    update(&mut app, Action::Enter);
    assert!(app.overlay.is_none());
    assert_eq!(focus_id(&app), "3");
}

#[test]
fn a_diagnostic_goes_to_its_comment_or_to_its_line_in_the_source() {
    // 004: the last, "comments start here", is comment #1's.
    let mut app = seeds(100, 30);
    act(
        &mut app,
        &[
            Action::Bottom,
            Action::Diagnostics,
            Action::Bottom,
            Action::Enter,
        ],
    );
    assert!(app.overlay.is_none());
    assert_eq!(app.pane, Pane::Thread);
    assert_eq!(focus_id(&app), "1");
    // 000: the header's count is the section's, no comment's: its line.
    let mut app = seeds(100, 30);
    act(&mut app, &[Action::Diagnostics, Action::Enter]);
    let s = source_view(&app).expect("the source view");
    assert_eq!(s.first + s.cursor, 16);
    // A post that read cleanly says so.
    let mut app = seeds(100, 30);
    act(
        &mut app,
        &[
            Action::Next,
            Action::Next,
            Action::Next,
            Action::Diagnostics,
        ],
    );
    assert!(app.overlay.is_none());
    assert_eq!(
        app.notice.as_deref(),
        Some("no diagnostics: the post read cleanly")
    );
}

#[test]
fn q_follows_seed_001_comment_7_to_the_comment_it_quotes_and_back() {
    let mut app = seeds(100, 30);
    act(
        &mut app,
        &[
            Action::Next,
            Action::SwitchPane,
            Action::Digit(7),
            Action::Top,
        ],
    );
    assert_eq!(focus_id(&app), "7");
    let t = thread(&app);
    let seven = &t.outline.items[t.focus];
    // By the quotation, and by the name and timestamp before it.
    let two = t.outline.items.iter().position(|i| i.id == "2");
    let targets: Vec<Option<usize>> = seven.quotes.iter().map(|&(_, to)| Some(to)).collect();
    assert_eq!(targets, [two, two]);
    update(&mut app, Action::Quote);
    assert_eq!(focus_id(&app), "2");
    let t = thread(&app);
    let two = &t.outline.items[t.focus];
    assert!(two.heading.ends_with(" · quoted by #7"), "{}", two.heading);
    // #2 quotes nothing: Q goes the other way.
    update(&mut app, Action::Quote);
    assert_eq!(focus_id(&app), "7");
    // And the jump list walks it all back, and forward again.
    update(&mut app, Action::JumpBack);
    assert_eq!(focus_id(&app), "2");
    update(&mut app, Action::JumpBack);
    assert_eq!(focus_id(&app), "7");
    update(&mut app, Action::JumpForward);
    assert_eq!(focus_id(&app), "2");
}

#[test]
fn the_jump_list_keeps_its_order_across_posts_and_says_when_it_ends() {
    let mut app = seeds(100, 30);
    act(
        &mut app,
        &[Action::SwitchPane, Action::NextTop, Action::NextTop],
    );
    let first = app.place().expect("a place");
    update(&mut app, Action::NextPost);
    update(&mut app, Action::Bottom);
    assert_eq!(app.jumps.back.len(), 4, "{:?}", app.jumps);
    update(&mut app, Action::JumpBack);
    update(&mut app, Action::JumpBack);
    assert_eq!(app.place(), Some(first));
    // A new jump drops what was ahead.
    update(&mut app, Action::NextTop);
    assert!(app.jumps.forward.is_empty());
    update(&mut app, Action::JumpBack);
    assert_eq!(app.place(), Some(first));
    for _ in 0..10 {
        update(&mut app, Action::JumpBack);
    }
    assert_eq!(app.notice.as_deref(), Some("no jump to go back to"));
}

#[test]
fn the_tree_filter_keeps_the_matches_of_seed_001_with_their_ancestors() {
    let mut app = seeds(100, 30);
    act(
        &mut app,
        &[Action::Next, Action::SwitchPane, Action::TreeFilter],
    );
    assert_eq!(app.mode(), Mode::Prompt);
    for c in "inspect".chars() {
        update(&mut app, Action::FindInput(c));
    }
    let t = thread(&app);
    let kept = t.kept.as_ref().expect("a filter");
    let ids = |pick: &dyn Fn(usize) -> bool| -> Vec<String> {
        t.visible
            .iter()
            .filter(|&&i| i > 0 && pick(i))
            .map(|&i| t.outline.items[i].id.clone())
            .collect()
    };
    let matched = ids(&|i| kept.matched[i]);
    let context = ids(&|i| !kept.matched[i]);
    // As `tread grep -i inspect seeds/001*` places its lines.
    assert_eq!(
        matched,
        [
            "1", "2", "3", "4", "5", "6", "7", "8", "8.1", "11", "13", "13.1"
        ]
    );
    assert!(context.is_empty(), "{context:?}");
    assert_eq!(kept.counts(), (12, 27));
    // A reply that matches keeps its parent, dimmed: `random caseload` is
    // in #13.1 and not in #13.
    for _ in 0.."inspect".len() {
        update(&mut app, Action::FindBackspace);
    }
    for c in "random caseload".chars() {
        update(&mut app, Action::FindInput(c));
    }
    let t = thread(&app);
    let kept = t.kept.as_ref().expect("a filter");
    let shown: Vec<(String, bool)> = t
        .visible
        .iter()
        .filter(|&&i| i > 0)
        .map(|&i| (t.outline.items[i].id.clone(), kept.matched[i]))
        .collect();
    assert_eq!(shown, [("13".to_owned(), false), ("13.1".to_owned(), true)]);
    // Enter keeps it; Esc in the thread leaves it, & and Esc clear it.
    update(&mut app, Action::FindAccept);
    assert!(thread(&app).kept.is_some());
    let focus = thread(&app).focus;
    act(&mut app, &[Action::TreeFilter, Action::FindCancel]);
    assert!(thread(&app).kept.is_none());
    assert_eq!(thread(&app).focus, focus, "the focus kept");
    assert_eq!(thread(&app).visible.len(), thread(&app).outline.items.len());
}

#[test]
fn find_everywhere_lists_the_lines_of_every_post_and_opens_one() {
    let mut app = seeds(100, 30);
    update(&mut app, Action::CorpusFind);
    assert_eq!(app.mode(), Mode::Prompt);
    for c in "getafix".chars() {
        update(&mut app, Action::FindInput(c));
    }
    let hits: Vec<(usize, String)> = app
        .corpus
        .hits
        .iter()
        .map(|h| (h.post, crate::reader::corpus::described(&app, h).0))
        .collect();
    // As `tread grep -S getafix seeds` places them (004's two in its body,
    // one on a comment's first line; 004 writes 'Getaflix once).
    assert_eq!(
        hits,
        [
            (0, "#2 ~'Getafix".to_owned()),
            (0, "#6.1 ~'Getafix".to_owned()),
            (2, "#7 ~'Getafix".to_owned()),
            (3, "#1.1 ~'Getafix".to_owned()),
            (3, "#1.2 ~'Getafix".to_owned()),
            (4, "body".to_owned()),
            (4, "body".to_owned()),
            (4, "#2.1".to_owned()),
        ]
    );
    // Enter leaves the query for the list; j, Enter opens the second hit.
    act(&mut app, &[Action::FindAccept, Action::Next]);
    assert_eq!(app.mode(), Mode::Panel);
    update(&mut app, Action::Enter);
    assert!(app.overlay.is_none());
    assert_eq!((app.selected, focus_id(&app)), (0, "6.1".to_owned()));
    assert!(app.find.current.is_some(), "the match highlighted");
    // Ctrl-O comes back to the results as they were; Ctrl-T to the post.
    update(&mut app, Action::JumpBack);
    assert_ne!(focus_id(&app), "6.1");
    assert_eq!(app.mode(), Mode::Panel, "the results again");
    assert!(matches!(app.overlay, Some(super::app::Overlay::Corpus)));
    assert_eq!((app.corpus.hits.len(), app.corpus.selected), (8, 1));
    update(&mut app, Action::JumpForward);
    assert!(app.overlay.is_none());
    assert_eq!(focus_id(&app), "6.1");
}

#[test]
fn a_jump_to_a_comment_the_tree_filter_hides_drops_the_filter() {
    let mut app = seeds(100, 30);
    act(
        &mut app,
        &[Action::Next, Action::SwitchPane, Action::TreeFilter],
    );
    for c in "random caseload".chars() {
        update(&mut app, Action::FindInput(c));
    }
    update(&mut app, Action::FindAccept);
    assert!(thread(&app).kept.is_some());
    // #7 quotes #2; neither is kept: going there shows the whole thread.
    update(&mut app, Action::CorpusFind);
    for c in "No more or less shocking".chars() {
        update(&mut app, Action::FindInput(c));
    }
    act(&mut app, &[Action::FindAccept, Action::Enter]);
    assert_eq!(focus_id(&app), "7");
    assert!(thread(&app).kept.is_none());
    assert!(thread(&app).visible.contains(&thread(&app).focus));
}

#[test]
fn the_source_of_a_long_post_goes_to_its_end_at_once_and_pages_by_screens() {
    use crate::dump::generate;
    let mut rng = generate::Rng::new(3);
    let thread_of = generate::thread(&mut rng, 3000, 1);
    let mut text = String::new();
    generate::write_clean(&thread_of, &mut text);
    let doc = crate::dump::grammar::parse("long.txt", text);
    let mut app = App::with_docs(vec![doc], 120, 40);
    act(&mut app, &[Action::SwitchPane, Action::Source]);
    let started = std::time::Instant::now();
    update(&mut app, Action::Bottom);
    assert!(started.elapsed().as_secs() < 2, "{:?}", started.elapsed());
    let s = source_view(&app).expect("the source view");
    assert_eq!(s.cursor, s.lines.len() - 1);
    assert!(s.top > 0 && s.top <= s.cursor);
    // A screen up and down again: back where it was, nothing skipped.
    act(&mut app, &[Action::Top]);
    let s = source_view(&app).expect("shown");
    let (w, h) = app.source_room(s);
    let shown: usize = {
        let doc = app.open_doc().expect("open");
        let mut used = 0;
        let mut i = s.top;
        while used + s.rows(doc, i, w).len() <= h {
            used += s.rows(doc, i, w).len();
            i += 1;
        }
        i
    };
    update(&mut app, Action::PageDown);
    assert_eq!(source_view(&app).expect("shown").top, shown);
    // `28G`: line 28 of the file.
    act(
        &mut app,
        &[Action::Digit(2), Action::Digit(8), Action::Bottom],
    );
    let s = source_view(&app).expect("shown");
    assert_eq!(s.first + s.cursor, 28);
}

#[test]
fn enter_on_any_line_of_the_post_in_the_source_goes_to_its_comment() {
    let mut app = seeds(100, 30);
    act(
        &mut app,
        &[Action::SwitchPane, Action::NextTop, Action::NextTop],
    );
    update(&mut app, Action::Source);
    // The context line just before #2: #1's.
    update(&mut app, Action::Prev);
    update(&mut app, Action::Enter);
    assert!(app.overlay.is_none());
    assert_eq!(focus_id(&app), "1");
}

#[test]
fn a_find_kept_goes_on_the_jump_list() {
    let mut app = seeds(100, 30);
    update(&mut app, Action::SwitchPane);
    let start = app.place();
    type_query(&mut app, "sofa surfing");
    update(&mut app, Action::FindAccept);
    assert_eq!(focus_id(&app), "2.1");
    update(&mut app, Action::JumpBack);
    assert_eq!(app.place(), start);
}

#[test]
fn esc_takes_the_tree_filter_off_and_a_new_one_starts_empty() {
    let mut app = seeds(100, 30);
    act(
        &mut app,
        &[Action::Next, Action::SwitchPane, Action::TreeFilter],
    );
    for c in "inspect".chars() {
        update(&mut app, Action::FindInput(c));
    }
    update(&mut app, Action::FindAccept);
    update(&mut app, Action::Leave);
    assert!(thread(&app).kept.is_none());
    assert_eq!(app.pane, Pane::Thread, "the first Esc only takes it off");
    update(&mut app, Action::TreeFilter);
    assert_eq!(app.tree_filter.query(), "");
}

#[test]
fn enter_on_a_line_of_find_everywhere_goes_to_that_lines_match() {
    let mut app = seeds(100, 30);
    update(&mut app, Action::CorpusFind);
    for c in "inspectors".chars() {
        update(&mut app, Action::FindInput(c));
    }
    // The hits of one comment on several lines: the second of them.
    let hits = &app.corpus.hits;
    let k = (1..hits.len())
        .find(|&k| hits[k].post == hits[k - 1].post && hits[k].item == hits[k - 1].item)
        .expect("a comment with two matching lines");
    let want = crate::reader::corpus::described(&app, &hits[k]).1;
    act(&mut app, &[Action::FindAccept]);
    for _ in 0..k {
        update(&mut app, Action::Next);
    }
    update(&mut app, Action::Enter);
    let t = thread(&app);
    let m = &app.find.matches[app.find.current.expect("a match")];
    let text = &t.outline.items[m.item].text;
    let line_start = text[..m.range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[m.range.start..]
        .find('\n')
        .map_or(text.len(), |i| m.range.start + i);
    assert!(
        want.contains(text[line_start..line_end].trim()),
        "{want:?} / {:?}",
        &text[line_start..line_end]
    );
}

/// An app fed by the indexer, as the terminal feeds it.
fn indexed(paths: &[std::path::PathBuf]) -> App {
    App::with_paths(paths, 120, 40)
}

#[test]
fn every_post_of_a_file_with_a_windows_1252_line_opens() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("mixed.txt");
    let bytes = crate::dump::generate::big_dump_with_windows_1252(3 << 20, 6);
    std::fs::write(&path, &bytes).expect("write");
    let mut app = indexed(std::slice::from_ref(&path));
    assert!(app.post_count() > 10);
    for i in 0..app.post_count() {
        app.select(i);
        assert_eq!(
            app.thread.as_ref().map(|t| t.post),
            Some(i),
            "{:?}",
            app.notice
        );
    }
}

#[test]
fn a_post_that_cannot_be_read_now_is_said_in_its_place_not_shown_as_another() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("dump.txt");
    let text = crate::dump::generate::big_dump(2 << 20, 9);
    std::fs::write(&path, &text).expect("write");
    let mut app = indexed(std::slice::from_ref(&path));
    app.select(0);
    assert!(app.thread.is_some());
    std::fs::write(&path, &text[..text.len() / 2]).expect("truncate");
    let last = app.post_count() - 1;
    app.select(last);
    assert!(
        app.thread.is_none(),
        "the post before is not shown as this one"
    );
    assert_eq!(app.selected, last);
    let why = app.unreadable.clone().unwrap_or_default();
    assert!(why.contains("dump.txt") && why.contains("changed"), "{why}");
    let screen = render(&app);
    assert!(screen.contains("changed since it was opened"), "{screen}");
    app.select(0);
    assert!(app.thread.is_some() && app.unreadable.is_none());
}

/// The screen as text, drawn to a test backend.
fn render(app: &App) -> String {
    let (w, h) = app.size;
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("terminal");
    terminal
        .draw(|frame| crate::reader::view::view(app, frame))
        .expect("drawn");
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}
