//! The reader in a real pseudo-terminal, as each class of terminal has it:
//! what it writes there, byte for byte.

use std::{
    fs::File,
    io::{Read, Write},
    os::fd::{FromRawFd, OwnedFd},
    os::unix::process::CommandExt,
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

/// `tread` running in a 100x30 pseudo-terminal of its own, with the
/// environment `env` (and nothing else but PATH and a scratch HOME).
struct Pty {
    child: Child,
    master: File,
    screen: Arc<Mutex<Vec<u8>>>,
}

impl Pty {
    fn open(env: &[(&str, &str)], args: &[&str]) -> Pty {
        Pty::open_fed(env, args, None)
    }

    /// As `open`, with `input` on standard input through a pipe when given.
    fn open_fed(env: &[(&str, &str)], args: &[&str], input: Option<Vec<u8>>) -> Pty {
        let home = tempfile::tempdir().expect("scratch home");
        Pty::open_in(home.path(), env, args, input)
    }

    /// As `open_fed`, with HOME and the XDG folders in `home`.
    fn open_in(
        home: &std::path::Path,
        env: &[(&str, &str)],
        args: &[&str],
        input: Option<Vec<u8>>,
    ) -> Pty {
        let (mut master, mut slave) = (-1, -1);
        let size = libc::winsize {
            ws_row: 30,
            ws_col: 100,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: openpty writes two new descriptors into the two ints.
        let rc = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                &size,
            )
        };
        assert_eq!(rc, 0, "openpty");
        // SAFETY: both descriptors are new and owned here alone.
        let (master, slave) =
            unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_tread"));
        cmd.args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .envs(env.iter().copied())
            .stdin(match input {
                Some(_) => Stdio::piped(),
                None => Stdio::from(slave.try_clone().expect("dup")),
            })
            .stdout(Stdio::from(slave.try_clone().expect("dup")))
            .stderr(Stdio::from(slave));
        // SAFETY: only async-signal-safe calls between fork and exec: a new
        // session whose controlling terminal is the pty (so /dev/tty is it).
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(1, libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let mut child = cmd.spawn().expect("tread starts");
        if let (Some(mut pipe), Some(bytes)) = (child.stdin.take(), input) {
            std::thread::spawn(move || pipe.write_all(&bytes));
        }
        let master = File::from(master);
        let screen = Arc::new(Mutex::new(Vec::new()));
        let mut reader = master.try_clone().expect("dup");
        let sink = screen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            // Ends when the pty closes (EIO once the child is gone).
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("lock").extend_from_slice(&buf[..n]);
            }
        });
        Pty {
            child,
            master,
            screen,
        }
    }

    /// Everything written so far.
    fn written(&self) -> Vec<u8> {
        self.screen.lock().expect("lock").clone()
    }

    /// The screen as a terminal shows what was written so far.
    fn screen(&self) -> String {
        let size = |n| std::num::NonZeroU16::new(n).expect("not zero");
        let mut parser = vt100::Parser::new(size(30), size(100), 0);
        parser.process(&self.written());
        parser.screen().contents()
    }

    /// Waits until the screen shows `text`: the screen then.
    fn wait_for(&self, text: &str) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "{text:?} never showed: {screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn signal(&self, signal: i32) {
        // SAFETY: a signal to our own child, which has not been waited for.
        let rc = unsafe { libc::kill(self.child.id() as libc::pid_t, signal) };
        assert_eq!(rc, 0, "kill");
    }

    fn send(&mut self, keys: &str) {
        self.master.write_all(keys.as_bytes()).expect("keys");
    }

    /// Waits for the reader to end: its exit code.
    fn exit(&mut self) -> i32 {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code().unwrap_or(-1);
            }
            assert!(started.elapsed() < Duration::from_secs(20), "never ended");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn a_dumb_terminal_is_refused_with_a_pointer_to_export() {
    let mut pty = Pty::open(&[("TERM", "dumb"), ("LANG", "C.UTF-8")], &["seeds"]);
    assert_eq!(pty.exit(), 1);
    pty.wait_for("export");
    let said = String::from_utf8_lossy(&pty.written()).into_owned();
    assert!(
        said.contains("TERM=dumb") && said.contains("tread export"),
        "{said}"
    );
    // Nothing was drawn: no alternate screen, no escape at all.
    assert!(!said.contains('\x1b'), "{said:?}");
}

#[test]
fn a_16_colour_terminal_gets_basic_colour_codes_only() {
    let mut pty = Pty::open(&[("TERM", "linux"), ("LANG", "C.UTF-8")], &["seeds"]);
    pty.wait_for("help");
    pty.send("\t/probation");
    pty.wait_for("find /probation");
    pty.send("\x03");
    assert_eq!(pty.exit(), 0);
    let drawn = String::from_utf8_lossy(&pty.written()).into_owned();
    assert!(
        !drawn.contains("38;5;") && !drawn.contains("48;5;"),
        "{drawn:?}"
    );
    assert!(!drawn.contains("38;2;"), "no RGB either");
    // The dim text (dark grey) and the matches (yellow behind) in basic codes.
    assert!(drawn.contains("\x1b[90;"), "{drawn:?}");
    assert!(drawn.contains(";43m"), "{drawn:?}");
    // No italics (SGR 3) for the dates.
    assert!(!drawn.contains("\x1b[3m"), "{drawn:?}");
}

#[test]
fn a_terminal_without_utf8_gets_ascii_only() {
    let mut pty = Pty::open(&[("TERM", "xterm-256color"), ("LANG", "C")], &["seeds"]);
    pty.wait_for("help");
    pty.send("\tG/probation");
    let screen = pty.wait_for("find /probation");
    assert!(screen.contains("| ") && screen.contains("* #"), "{screen}");
    pty.send("\x03");
    assert_eq!(pty.exit(), 0);
    let drawn = pty.written();
    let odd: Vec<u8> = drawn.iter().copied().filter(|b| *b >= 0x80).collect();
    assert!(
        odd.is_empty(),
        "non-ASCII bytes went out: {:?}",
        String::from_utf8_lossy(&odd)
    );
}

#[test]
fn the_config_can_force_utf8_and_256_colours() {
    let home = tempfile::tempdir().expect("dir");
    let config = home.path().join("c.toml");
    std::fs::write(
        &config,
        "[reader]\nascii = false\n[theme]\ncolors = \"256\"\n",
    )
    .expect("write");
    let path = config.to_str().expect("utf-8 path");
    let mut pty = Pty::open(
        &[("TERM", "linux"), ("LANG", "C")],
        &["--config", path, "seeds"],
    );
    let screen = pty.wait_for("help");
    pty.send("\x03");
    assert_eq!(pty.exit(), 0);
    let drawn = String::from_utf8_lossy(&pty.written()).into_owned();
    assert!(screen.contains('─') && drawn.contains("38;5;"), "{screen}");
}

#[test]
fn a_command_with_no_path_and_no_pipe_asks_for_one() {
    let mut pty = Pty::open(
        &[("TERM", "xterm-256color"), ("LANG", "C.UTF-8")],
        &["check"],
    );
    assert_eq!(pty.exit(), 2);
    let screen = pty.wait_for("no PATH");
    assert!(
        screen.contains("- (or a pipe) for standard input"),
        "{screen}"
    );
}

#[test]
fn the_reader_reads_a_pipe_and_takes_keys_from_the_terminal() {
    let seed = std::fs::read("seeds/001_dc49834f0526d084.txt").expect("seed");
    let mut pty = Pty::open_fed(
        &[("TERM", "xterm-256color"), ("LANG", "C.UTF-8")],
        &[],
        Some(seed),
    );
    // One post: it opens straight into its thread.
    pty.wait_for("(standard input)");
    pty.send("G");
    pty.wait_for("#12.1");
    pty.send("\x03");
    assert_eq!(pty.exit(), 0);
}

const UTF8: [(&str, &str); 2] = [("TERM", "xterm-256color"), ("LANG", "C.UTF-8")];
const SEED: &str = "seeds/001_dc49834f0526d084.txt";

/// Opens the seed again in `home`: the status bar it comes back to.
fn reopened(home: &std::path::Path, shows: &str) -> String {
    let mut pty = Pty::open_in(home, &UTF8, &[SEED], None);
    let screen = pty.wait_for(shows);
    pty.send("\x03");
    assert_eq!(pty.exit(), 0);
    screen
}

#[test]
fn a_hang_up_or_a_kill_saves_the_place_and_restores_the_terminal() {
    for (signal, comment) in [(libc::SIGHUP, "· #3 "), (libc::SIGTERM, "· #4 ")] {
        let home = tempfile::tempdir().expect("home");
        let mut pty = Pty::open_in(home.path(), &UTF8, &[SEED], None);
        pty.wait_for("post 1/1");
        let steps = if signal == libc::SIGHUP {
            "}}}"
        } else {
            "}}}}"
        };
        pty.send(steps);
        pty.wait_for(comment);
        pty.signal(signal);
        assert_eq!(pty.exit(), 128 + signal, "signal {signal}");
        // The terminal was given back: the alternate screen left, the
        // mouse and bracketed paste switched off (the last bytes may still
        // be on their way from the pty).
        let restored = |written: &str| {
            let tail = &written[written.rfind("\x1b[?2004h").unwrap_or(0)..];
            ["\x1b[?1049l", "\x1b[?2004l", "\x1b[?1000l"]
                .iter()
                .all(|off| tail.contains(off))
        };
        let started = Instant::now();
        loop {
            let written = String::from_utf8_lossy(&pty.written()).into_owned();
            if restored(&written) {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "signal {signal}: the terminal was not restored: {written:?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        // And the place was kept.
        reopened(home.path(), comment);
    }
}

#[test]
fn the_place_is_saved_a_moment_after_a_move_while_reading_on() {
    let home = tempfile::tempdir().expect("home");
    let mut pty = Pty::open_in(home.path(), &UTF8, &[SEED], None);
    pty.wait_for("post 1/1");
    pty.send("}}");
    pty.wait_for("· #2 ");
    let state = home.path().join("data/tread/state.json");
    let started = Instant::now();
    let saved = |s: String| s.contains("\"focus\":") && !s.contains("\"focus\":null");
    while !std::fs::read_to_string(&state).is_ok_and(saved) {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "not saved within 5 s"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // Still reading: a kill -9 now would lose nothing.
    pty.signal(libc::SIGKILL);
    let _ = pty.exit();
    reopened(home.path(), "· #2 ");
}

#[test]
fn the_reader_will_not_read_its_dump_from_the_terminal_it_reads_keys_from() {
    let mut pty = Pty::open(&UTF8, &["-"]);
    assert_eq!(pty.exit(), 1);
    let screen = pty.wait_for("pipe a dump in");
    assert!(screen.contains("- is standard input"), "{screen}");
}
