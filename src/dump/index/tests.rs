//! Tests of the post index: entries made by a scan in pieces are those of
//! a whole parse, and every post parsed back from its bytes alone is the
//! post the whole parse gives.

use std::{fs, path::Path};

use super::*;
use crate::dump::source::{self, LoadEvent};
use crate::dump::thread::{Document, Post};

/// Scans `paths` into an archive, as the reader does.
fn scanned(paths: &[std::path::PathBuf]) -> (Archive, Vec<String>) {
    scanned_with(paths, None)
}

/// `scanned`, with the index cache in `cache`.
fn scanned_with(paths: &[std::path::PathBuf], cache: Option<&Path>) -> (Archive, Vec<String>) {
    let mut archive = Archive::default();
    let mut said = Vec::new();
    let mut current = 0;
    scan_found(
        source::find_files(paths),
        cache,
        || {},
        |event| {
            match event {
                Event::Opened(s) => {
                    current = archive.sources.len();
                    archive.sources.push(s);
                }
                Event::Posts(entries) => {
                    let source = current;
                    archive
                        .posts
                        .extend(entries.into_iter().map(|e| Entry { source, ..e }));
                }
                Event::Load(LoadEvent::Doc(doc)) => archive.add_doc(doc),
                Event::Seed(_) => {}
                Event::Load(other) => said.push(format!("{other:?}")),
            }
            true
        },
    );
    (archive, said)
}

/// What a post is, apart from where its bytes are in the text it was
/// parsed in.
fn shape(doc: &Document, post: &Post) -> String {
    fn comment(doc: &Document, c: &crate::dump::thread::Comment, out: &mut String) {
        out.push_str(&format!(
            "{} {} {:?} {:?}|",
            c.id,
            c.line,
            c.author_text(doc),
            c.text(doc)
        ));
        c.replies.iter().for_each(|r| comment(doc, r, out));
    }
    let mut out = format!(
        "{} {:?} {:?} {:?} {:?} {:?}|",
        post.line,
        post.title_text(doc),
        post.date_text(doc),
        post.layout,
        post.declared,
        post.body_text(doc)
    );
    for d in &post.diagnostics {
        out.push_str(&format!("{}:{} {}|", d.line, d.column, d.message));
    }
    post.comments.iter().for_each(|c| comment(doc, c, &mut out));
    out
}

/// Written a minute ago: a file changed within the last two seconds is
/// not kept in the cache.
fn aged(path: &Path) {
    let then = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    let file = fs::File::options().write(true).open(path).expect("open");
    file.set_modified(then).expect("set mtime");
}

fn every_sample() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    for dir in ["seeds", "tests/fixtures"] {
        for entry in fs::read_dir(root.join(dir)).expect("dir").flatten() {
            paths.push(entry.path());
        }
    }
    paths.sort();
    paths
}

#[test]
fn every_post_read_back_alone_is_the_post_of_the_whole_parse() {
    for path in every_sample() {
        let whole = source::load(&path).expect("loads");
        let (archive, _) = scanned(std::slice::from_ref(&path));
        assert_eq!(archive.posts.len(), whole.posts.len(), "{}", path.display());
        for (i, post) in whole.posts.iter().enumerate() {
            assert_eq!(
                archive.posts[i],
                Entry {
                    at: archive.posts[i].at.clone(),
                    source: archive.posts[i].source,
                    ..Entry::of(&whole, post, 0, At::Post(i))
                },
                "{} post {i}",
                path.display()
            );
            let parsed = archive.parse(i).expect("parses");
            assert_eq!(
                shape(&parsed.doc, parsed.post()),
                shape(&whole, post),
                "{} post {i}",
                path.display()
            );
        }
    }
}

#[test]
fn a_big_file_is_indexed_in_pieces_with_the_entries_of_a_whole_parse() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.txt");
    fs::write(&path, crate::dump::generate::big_dump(40 << 20, 5)).expect("write");
    let whole = source::load(&path).expect("loads");
    let (archive, _) = scanned(std::slice::from_ref(&path));
    let entries: Vec<Entry> = whole
        .posts
        .iter()
        .enumerate()
        .map(|(i, p)| Entry {
            at: archive.posts[i].at.clone(),
            ..Entry::of(&whole, p, 0, At::Post(i))
        })
        .collect();
    assert_eq!(archive.posts, entries);
    let last = whole.posts.len() - 1;
    for i in [0, last / 2, last] {
        let parsed = archive.parse(i).expect("parses");
        assert_eq!(
            shape(&parsed.doc, parsed.post()),
            shape(&whole, &whole.posts[i])
        );
    }
}

#[test]
fn a_file_truncated_after_indexing_says_so_and_the_rest_still_reads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("dump.txt");
    let text = crate::dump::generate::big_dump(2 << 20, 9);
    fs::write(&path, &text).expect("write");
    let (archive, _) = scanned(std::slice::from_ref(&path));
    let n = archive.posts.len();
    assert!(n > 3, "{n} posts");
    fs::write(&path, &text[..text.len() / 2]).expect("truncate");
    let err = archive.parse(n - 1).expect_err("an error");
    assert!(err.contains("dump.txt") && err.contains("changed"), "{err}");
    assert!(archive.parse(0).is_ok());
}

#[test]
fn a_file_rewritten_after_indexing_is_not_shown_as_its_old_posts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("dump.txt");
    let text = crate::dump::generate::big_dump(200 << 10, 9);
    fs::write(&path, &text).expect("write");
    let (archive, _) = scanned(std::slice::from_ref(&path));
    fs::write(&path, text.replace('e', "o")).expect("rewrite");
    let err = archive.parse(1).expect_err("an error");
    assert!(err.contains("changed"), "{err}");
}

#[test]
fn a_pipe_is_spooled_and_its_posts_read_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()));
    let text = crate::dump::generate::big_dump(300 << 10, 4);
    let writer = {
        let (fifo, text) = (fifo.clone(), text.clone());
        std::thread::spawn(move || fs::write(fifo, text))
    };
    let (archive, _) = scanned(std::slice::from_ref(&fifo));
    writer.join().expect("writer").expect("written");
    let whole = crate::dump::grammar::parse("fifo", text);
    assert_eq!(archive.posts.len(), whole.posts.len());
    let last = whole.posts.len() - 1;
    let parsed = archive.parse(last).expect("parses");
    assert_eq!(
        shape(&parsed.doc, parsed.post()),
        shape(&whole, &whole.posts[last])
    );
}

mod caching {
    use super::*;

    #[test]
    fn what_a_tread_ended_mid_read_left_behind_goes_after_an_hour() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = dir.path().join("cache");
        fs::create_dir_all(&cache).expect("cache");
        let (old, new) = (cache.join(".tmpOLD"), cache.join(".tmpNEW"));
        fs::write(&old, "half").expect("old");
        fs::write(&new, "half").expect("new");
        let then = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        let file = fs::File::options().write(true).open(&old).expect("open");
        file.set_modified(then).expect("set mtime");
        let path = dir.path().join("dump.txt");
        fs::write(&path, crate::dump::generate::big_dump(100 << 10, 3)).expect("write");
        scanned_with(std::slice::from_ref(&path), Some(&cache));
        assert!(!old.exists() && new.exists());
    }

    #[test]
    fn a_file_changed_just_now_is_not_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = dir.path().join("cache");
        let path = dir.path().join("dump.txt");
        fs::write(&path, crate::dump::generate::big_dump(300 << 10, 3)).expect("write");
        scanned_with(std::slice::from_ref(&path), Some(&cache));
        let (_, said) = scanned_with(std::slice::from_ref(&path), Some(&cache));
        assert!(read_anything(&said), "{said:?}");
    }

    /// The entries of a scan, wherever they came from.
    fn entries(archive: &Archive) -> Vec<Entry> {
        archive.posts.clone()
    }

    /// Some of the file was read (not only said as read at once).
    fn read_anything(said: &[String]) -> bool {
        said.iter()
            .any(|s| s.starts_with("Progress") && s.contains("read: 0,"))
    }

    /// The file was read past its first piece (64 KiB and 128 KiB more,
    /// for these files' first posts), which is read for the first screen
    /// before the cache is looked at.
    fn read_on(said: &[String]) -> bool {
        said.iter().filter(|s| s.starts_with("Progress")).any(|s| {
            let number = |key: &str| {
                let at = s.find(key).map_or(0, |i| i + key.len());
                s[at..].split(|c: char| !c.is_ascii_digit()).next()?.parse::<u64>().ok()
            };
            matches!((number("read: "), number("total: ")), (Some(r), Some(t)) if r > 196_608 && r < t)
        })
    }

    #[test]
    fn a_file_opened_again_is_not_read_again() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = dir.path().join("cache");
        let path = dir.path().join("dump.txt");
        // Large enough to be read in more than two pieces.
        fs::write(&path, crate::dump::generate::big_dump(3 << 20, 3)).expect("write");
        aged(&path);
        let (first, said) = scanned_with(std::slice::from_ref(&path), Some(&cache));
        assert!(read_on(&said), "{said:?}");
        let (again, said) = scanned_with(std::slice::from_ref(&path), Some(&cache));
        assert!(!read_on(&said), "{said:?}");
        assert_eq!(entries(&again), entries(&first));
        assert!(again.parse(again.posts.len() - 1).is_ok());
    }

    #[test]
    fn a_file_that_grew_is_read_from_its_last_post_on() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = dir.path().join("cache");
        let path = dir.path().join("dump.txt");
        let mut text = crate::dump::generate::big_dump(1 << 20, 3);
        fs::write(&path, &text).expect("write");
        aged(&path);
        scanned_with(std::slice::from_ref(&path), Some(&cache));
        let old_len = text.len() as u64;
        let mut more = Vec::new();
        crate::dump::generate::write_big_dump(&mut more, 100 << 10, 8, 900).expect("made");
        text.push_str(&String::from_utf8(more).expect("text"));
        fs::write(&path, &text).expect("append");
        let (grown, said) = scanned_with(std::slice::from_ref(&path), Some(&cache));
        let (fresh, _) = scanned(std::slice::from_ref(&path));
        assert_eq!(entries(&grown), entries(&fresh));
        // Read on from the start of the post that was last, not before.
        let last_start = fresh
            .posts
            .iter()
            .filter_map(|e| match &e.at {
                At::Bytes(r) if r.start < old_len => Some(r.start),
                _ => None,
            })
            .next_back()
            .expect("a post");
        assert!(
            said.iter()
                .any(|s| s.contains(&format!("read: {last_start},"))),
            "{said:?}"
        );
        assert!(
            !said.iter().any(|s| s.contains("read: 2293760,")),
            "{said:?}"
        );
        let last = grown.posts.len() - 1;
        assert!(grown.parse(last).is_ok());
    }

    #[test]
    fn a_file_rewritten_is_read_again() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = dir.path().join("cache");
        let path = dir.path().join("dump.txt");
        fs::write(&path, crate::dump::generate::big_dump(1 << 20, 3)).expect("write");
        aged(&path);
        scanned_with(std::slice::from_ref(&path), Some(&cache));
        fs::write(&path, crate::dump::generate::big_dump(1 << 20, 4)).expect("rewrite");
        let (again, said) = scanned_with(std::slice::from_ref(&path), Some(&cache));
        assert!(read_anything(&said));
        let (fresh, _) = scanned(std::slice::from_ref(&path));
        assert_eq!(entries(&again), entries(&fresh));
    }

    #[test]
    fn a_corrupt_or_foreign_cache_file_is_said_and_not_trusted() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = dir.path().join("cache");
        let path = dir.path().join("dump.txt");
        fs::write(&path, crate::dump::generate::big_dump(1 << 20, 3)).expect("write");
        aged(&path);
        let (first, _) = scanned_with(std::slice::from_ref(&path), Some(&cache));
        let kept = || {
            fs::read_dir(&cache)
                .expect("cache")
                .flatten()
                .map(|e| e.path())
                .find(|p| p.extension().is_some_and(|e| e == "json"))
                .expect("an entry file")
        };
        for (bad, says) in [
            (b"{\"format\": \"tread ind".to_vec(), "could not be read"),
            (
                br#"{"format":"other","stamp":{"path":"x","size":1,"modified":1,"inode":1,"first":1,"last":1},"posts":0,"hash":0}"#.to_vec(),
                "not this tread's",
            ),
        ] {
            fs::write(kept(), bad).expect("spoil");
            let (again, said) = scanned_with(std::slice::from_ref(&path), Some(&cache));
            assert!(said.iter().any(|s| s.contains(says)), "{said:?}");
            assert_eq!(entries(&again), entries(&first));
        }
        // Written anew: an entry in it changed is not trusted either.
        let mut file = fs::read(kept()).expect("kept again");
        let last = file.len() - 5;
        file[last] ^= 1;
        fs::write(kept(), file).expect("spoil an entry");
        let (again, said) = scanned_with(std::slice::from_ref(&path), Some(&cache));
        assert!(
            said.iter().any(|s| s.contains("could not be read")),
            "{said:?}"
        );
        assert_eq!(entries(&again), entries(&first));
    }
}

#[test]
fn a_folder_is_indexed_on_all_cores_and_said_in_file_order() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let folders = [root.join("seeds"), root.join("tests/fixtures")];
    let (archive, _) = scanned(&folders);
    let mut expected = Vec::new();
    for path in source::find_files(&folders).files {
        let doc = source::load(&path).expect("loads");
        expected.extend(
            doc.posts
                .iter()
                .map(|p| (source::name_of(&path), p.line, p.count())),
        );
    }
    let got: Vec<(String, usize, usize)> = (0..archive.posts.len())
        .map(|i| {
            let e = &archive.posts[i];
            (archive.name(i).unwrap_or("").to_owned(), e.line, e.count)
        })
        .collect();
    assert_eq!(got, expected);
    for i in 0..archive.posts.len() {
        assert!(archive.parse(i).is_ok(), "post {i}");
    }
}

#[test]
fn posts_after_a_piece_of_windows_1252_lines_read_back_from_their_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("mixed.txt");
    let bytes = crate::dump::generate::big_dump_with_windows_1252(3 << 20, 6);
    fs::write(&path, &bytes).expect("write");
    let whole = source::load(&path).expect("loads");
    let (archive, _) = scanned(std::slice::from_ref(&path));
    assert_eq!(archive.posts.len(), whole.posts.len());
    assert!(
        matches!(archive.posts[0].at, At::Post(_)),
        "the first piece is held whole"
    );
    for i in 0..archive.posts.len() {
        let parsed = archive.parse(i).expect("every post reads back");
        assert_eq!(
            shape(&parsed.doc, parsed.post()),
            shape(&whole, &whole.posts[i])
        );
    }
}

#[test]
fn entries_from_a_cache_file_that_lies_are_checked_before_they_are_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache_dir = dir.path().join("cache");
    let path = dir.path().join("dump.txt");
    fs::write(&path, crate::dump::generate::big_dump(300 << 10, 3)).expect("write");
    aged(&path);
    let stamp = super::cache::stamp(&path).expect("a stamp");
    // Well formed, hashed right, and wrong: ranges backwards, past the end
    // of the file, of a terabyte; line 0.
    let lie = |(start, end): (u64, u64), line: usize| Entry {
        source: 0,
        at: At::Bytes(start..end),
        line,
        title: "lie".into(),
        date: None,
        count: 0,
        declared: None,
        diagnostics: 0,
        warning: false,
        key: "0".into(),
    };
    let mut writer = super::cache::Writer::new(&cache_dir, &stamp).expect("a writer");
    writer.add(&[
        lie((1 << 30, 100), 1),
        lie((1 << 30, 1 << 40), 0),
        lie((1 << 40, 2 << 40), usize::MAX),
    ]);
    writer.finish(stamp);
    let (archive, _) = scanned_with(std::slice::from_ref(&path), Some(&cache_dir));
    let n = archive.posts.len();
    // The first piece is read before the cache is looked at: the rest is
    // the cache's, as its stamp says.
    assert!(n > 3 && archive.posts[n - 3].title == "lie", "{n}");
    for i in n - 3..n {
        let err = archive.parse(i).expect_err("no such post in the file");
        assert!(err.contains("changed since it was opened"), "{err}");
    }
}

#[test]
fn a_first_piece_of_windows_1252_lines_with_the_cache_on_keeps_every_line_number() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache = dir.path().join("cache");
    let path = dir.path().join("mixed.txt");
    fs::write(
        &path,
        crate::dump::generate::big_dump_with_windows_1252(3 << 20, 6),
    )
    .expect("write");
    aged(&path);
    let whole = source::load(&path).expect("loads");
    let lines: Vec<usize> = whole.posts.iter().map(|p| p.line).collect();
    for _ in 0..2 {
        let (archive, _) = scanned_with(std::slice::from_ref(&path), Some(&cache));
        let got: Vec<usize> = archive.posts.iter().map(|e| e.line).collect();
        assert_eq!(got, lines);
        let last = archive.posts.len() - 1;
        let parsed = archive.parse(last).expect("reads back");
        assert_eq!(
            shape(&parsed.doc, parsed.post()),
            shape(&whole, &whole.posts[last])
        );
    }
}
