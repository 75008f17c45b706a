//! The five sample dumps bundled into the binary, so `tread` with no argument
//! has something to show.

use crate::{dump::source, dump::source::Loaded};

/// (file name, contents) of each bundled dump.
pub const SEEDS: [(&str, &str); 5] = [
    (
        "seeds/000_9d6751376566881c.txt",
        include_str!("../../seeds/000_9d6751376566881c.txt"),
    ),
    (
        "seeds/001_dc49834f0526d084.txt",
        include_str!("../../seeds/001_dc49834f0526d084.txt"),
    ),
    (
        "seeds/002_709067c7ffbf67ff.txt",
        include_str!("../../seeds/002_709067c7ffbf67ff.txt"),
    ),
    (
        "seeds/003_c81fa1f32a515e1d.txt",
        include_str!("../../seeds/003_c81fa1f32a515e1d.txt"),
    ),
    (
        "seeds/004_e78408eaad16271b.txt",
        include_str!("../../seeds/004_e78408eaad16271b.txt"),
    ),
];

pub fn load() -> Loaded {
    let mut loaded = Loaded::default();
    for (name, text) in SEEDS {
        match source::from_bytes(name.to_owned(), text.as_bytes().to_vec()) {
            Ok(doc) => loaded.docs.push(doc),
            Err(e) => loaded.problems.push(e.to_string()),
        }
    }
    loaded
}
