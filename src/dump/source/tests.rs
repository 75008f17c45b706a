//! Tests of `source`.

use super::bytes::read_blocks;
use super::*;
use std::{fs, path::Path};

mod decoding {
    use super::*;

    #[test]
    fn nul_bytes_make_a_binary_error_naming_the_line() {
        let err = from_bytes("x.txt".into(), b"one\ntwo\0".to_vec()).err();
        assert!(
            matches!(err, Some(LoadError::Binary { line: 2, .. })),
            "{err:?}"
        );
    }

    #[test]
    fn latin1_bytes_decode_as_windows_1252_with_a_diagnostic() {
        let bytes = "Title\n\nit’s\n"
            .bytes()
            .chain(*b"caf\xe9 \x93quoted\x94\n")
            .collect();
        let doc = from_bytes("x.txt".into(), bytes).ok();
        let doc = doc.expect("decoded");
        assert!(doc.text.contains("it’s\ncafé “quoted”"), "{:?}", doc.text);
        let diags = &doc.posts[0].diagnostics;
        assert!(
            diags
                .iter()
                .any(|d| d.line == 4 && d.message.contains("Windows-1252")),
            "{diags:?}"
        );
    }
}

/// Every file the paths name, streamed in order (what could not be found
/// said first), then `Done`; as `index::scan_found` reads them.
fn stream_paths(paths: &[std::path::PathBuf], mut send: impl FnMut(LoadEvent) -> bool) {
    let found = find_files(paths);
    let said = found.notes.into_iter().map(LoadEvent::Note).all(&mut send)
        && found
            .problems
            .into_iter()
            .map(LoadEvent::Problem)
            .all(&mut send);
    if said && found.files.iter().all(|f| stream_file(f, &mut send)) {
        send(LoadEvent::Done);
    }
}

mod streaming {
    use super::*;

    #[test]
    fn a_utf16_file_streams_as_one_decoded_document() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/blogger_unindented.utf16be.txt");
        let mut docs = Vec::new();
        stream_paths(std::slice::from_ref(&path), |e| {
            if let LoadEvent::Doc(d) | LoadEvent::Piece { doc: d, .. } = e {
                docs.push(d);
            }
            true
        });
        let [doc] = docs.as_slice() else {
            panic!("one document: {docs:?}")
        };
        assert_eq!(doc.posts[0].title_text(doc), Some("Walking the Downs"));
    }

    #[test]
    fn binary_input_from_a_pipe_is_refused_after_one_block() {
        // An endless stream of NUL bytes, as /dev/zero gives.
        let mut zeros = std::io::repeat(0);
        let err = read_blocks(&mut zeros, Vec::new(), "-").err();
        assert!(
            matches!(err, Some(LoadError::Binary { line: 1, .. })),
            "{err:?}"
        );
        // UTF-16 is let through, but not a NUL unit in it.
        let text: Vec<u8> = [0xff, 0xfe, b'a', 0, b'\n', 0].to_vec();
        let whole = read_blocks(&mut text.as_slice(), Vec::new(), "-").ok();
        assert_eq!(whole, Some(text));
        let mut bad = [0xff, 0xfe, b'a', 0, 0, 0].as_slice();
        assert!(read_blocks(&mut bad, Vec::new(), "-").is_err());
        // What was read before is looked at too: a UTF-16 stream whose NUL
        // unit came in the first piece, then text without end.
        let first = vec![0xff, 0xfe, 0, 0];
        let mut endless = std::io::repeat(b'y');
        assert!(read_blocks(&mut endless, first, "-").is_err());
        // Lines are counted in units: 上 is 0x0A 0x4E in UTF-16LE.
        let mut text: Vec<u8> = vec![0xff, 0xfe];
        for c in "上\n上\n".encode_utf16().chain([0]) {
            text.extend(c.to_le_bytes());
        }
        let err = read_blocks(&mut text.as_slice(), Vec::new(), "-").err();
        assert!(
            matches!(err, Some(LoadError::Binary { line: 3, .. })),
            "{err:?}"
        );
    }

    #[test]
    fn streaming_gives_the_posts_and_lines_of_a_whole_parse() {
        let dir = std::env::temp_dir().join(format!("tread-stream-{}", std::process::id()));
        let _ = fs::create_dir_all(&dir);
        let path = dir.join("big.txt");
        let text = crate::dump::generate::big_dump(3 << 20, 3);
        fs::write(&path, &text).expect("write");
        let whole = load(&path).expect("loads");
        let mut docs = Vec::new();
        stream_paths(std::slice::from_ref(&path), |e| {
            if let LoadEvent::Doc(d) | LoadEvent::Piece { doc: d, .. } = e {
                docs.push(d);
            }
            true
        });
        let _ = fs::remove_dir_all(&dir);
        assert!(docs.len() > 1, "the file came in pieces");
        let titles = |d: &Document| -> Vec<(usize, String, usize)> {
            d.posts
                .iter()
                .map(|p| (p.line, p.title_text(d).unwrap_or("").to_owned(), p.count()))
                .collect()
        };
        let streamed: Vec<_> = docs.iter().flat_map(titles).collect();
        assert_eq!(streamed, titles(&whole));
    }
}

mod walking {
    use super::*;

    fn names(found: &Found, dir: &Path) -> Vec<String> {
        found
            .files
            .iter()
            .map(|f| f.strip_prefix(dir).unwrap_or(f).display().to_string())
            .collect()
    }

    #[test]
    fn link_loops_end_and_each_file_is_read_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        fs::create_dir(d.join("sub")).expect("mkdir");
        fs::write(d.join("sub/post.txt"), "Title\n\nBody\n").expect("write");
        std::os::unix::fs::symlink(".", d.join("a")).expect("link");
        std::os::unix::fs::symlink(".", d.join("b")).expect("link");
        std::os::unix::fs::symlink("..", d.join("sub/up")).expect("link");
        std::os::unix::fs::symlink("sub/post.txt", d.join("same.txt")).expect("link");
        let found = find_files(&[d.to_path_buf()]);
        // `same.txt` comes first in name order and is the file `sub/post.txt` names.
        assert_eq!(names(&found, d), ["same.txt"]);
        assert!(found.problems.is_empty(), "{:?}", found.problems);
        assert_eq!(found.notes.len(), 3, "{:?}", found.notes);
    }

    #[test]
    fn a_fifo_in_a_directory_is_skipped_and_one_named_is_read_as_a_pipe() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // No mkfifo here: nothing to test.
        }
        fs::write(dir.path().join("post.txt"), "Title\n\nBody\n").expect("write");
        let found = find_files(&[dir.path().to_path_buf()]);
        assert_eq!(names(&found, dir.path()), ["post.txt"]);
        assert!(
            found.notes.iter().any(|n| n.contains("pipe.txt: skipped")),
            "{:?}",
            found.notes
        );
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::write(fifo, "Piped post\n\nIts body\n"))
        };
        let loaded = load_paths(std::slice::from_ref(&fifo));
        writer.join().expect("writer").expect("written");
        assert_eq!(loaded.docs.len(), 1);
        assert_eq!(
            loaded.docs[0].posts[0].title_text(&loaded.docs[0]),
            Some("Piped post")
        );
        let mut streamed = Vec::new();
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::write(fifo, "Streamed\n\nIts body\n"))
        };
        stream_paths(std::slice::from_ref(&fifo), |e| {
            if let LoadEvent::Doc(d) | LoadEvent::Piece { doc: d, .. } = e {
                streamed.push(d);
            }
            true
        });
        writer.join().expect("writer").expect("written");
        assert_eq!(streamed.len(), 1);
    }

    #[test]
    fn a_folder_of_pages_costs_about_its_size_in_memory() {
        let dir = tempfile::tempdir().expect("tempdir");
        let page = crate::dump::generate::big_dump(600 << 10, 7);
        for i in 0..4 {
            fs::write(dir.path().join(format!("page{i}.txt")), &page).expect("write");
        }
        let mut held = 0;
        stream_paths(&[dir.path().to_path_buf()], |e| {
            if let LoadEvent::Doc(d) | LoadEvent::Piece { doc: d, .. } = e {
                held += d.text.capacity();
            }
            true
        });
        let size = 4 * page.len();
        assert!(held >= size, "{held} < {size}");
        assert!(
            held < size + size / 20,
            "the texts hold {held} bytes for {size} bytes of pages"
        );
    }

    #[test]
    fn an_empty_file_streams_to_a_note_and_ends() {
        let dir = tempfile::tempdir().expect("tempdir");
        let empty = dir.path().join("empty.txt");
        fs::write(&empty, "").expect("write");
        let mut events = Vec::new();
        stream_paths(std::slice::from_ref(&empty), |e| {
            events.push(format!("{e:?}"));
            events.len() < 100
        });
        assert!(events.len() < 5, "{events:?}");
        assert!(
            events.iter().any(|e| e.contains("empty file, no posts")),
            "{events:?}"
        );
        assert!(events.last().is_some_and(|e| e == "Done"), "{events:?}");
    }
}
