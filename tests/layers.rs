//! The house rules, checked on the imports themselves: the layers point one
//! way (`cli -> reader -> settings / export / grep -> dump`), and no module imports
//! one that (through others) imports it back. A module counts as using its
//! children; test modules are left out.

use std::{
    collections::{BTreeMap, BTreeSet},
    path::Path,
};

/// `src/reader/view/list.rs` -> `reader::view::list`.
fn module_of(path: &Path, src: &Path) -> String {
    let rel = path
        .strip_prefix(src)
        .expect("under src")
        .with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts.join("::")
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text without `#[cfg(test)]` items and comments.
fn code_only(text: &str) -> String {
    let mut out = String::new();
    let mut skip_depth: Option<i32> = None;
    let mut depth = 0;
    let mut pending_test = false;
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        if code.trim() == "#[cfg(test)]" {
            pending_test = true;
            continue;
        }
        if pending_test {
            pending_test = false;
            if code.trim_end().ends_with(';') {
                continue; // `mod tests;`
            }
            skip_depth = Some(depth);
        }
        depth += code.matches('{').count() as i32 - code.matches('}').count() as i32;
        match skip_depth {
            Some(d) if depth <= d => skip_depth = None,
            Some(_) => {}
            None => {
                out.push_str(code);
                out.push('\n');
            }
        }
    }
    out
}

/// Every path after `crate::` or `super::` (braces expanded), as written.
fn paths(code: &str) -> Vec<(String, String)> {
    fn group(s: &[u8], i: &mut usize, prefix: &str, out: &mut Vec<String>) {
        // At `{`: items separated by commas, each a path or a nested group.
        *i += 1;
        let mut current = String::new();
        while *i < s.len() {
            match s[*i] {
                b'{' => {
                    group(s, i, &format!("{prefix}{current}"), out);
                    current.clear();
                    continue;
                }
                b',' | b'}' => {
                    let item = current.trim();
                    if !item.is_empty() {
                        out.push(format!("{prefix}{item}"));
                    }
                    current.clear();
                    if s[*i] == b'}' {
                        *i += 1;
                        return;
                    }
                }
                c if c.is_ascii_whitespace() => {}
                c => current.push(c as char),
            }
            *i += 1;
        }
    }
    let s = code.as_bytes();
    let mut out = Vec::new();
    for root in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(root) {
            let start = from + at;
            let before = code[..start].chars().last();
            from = start + root.len();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let mut i = from;
            let mut head = String::new();
            while i < s.len() && (s[i].is_ascii_alphanumeric() || s[i] == b'_' || s[i] == b':') {
                head.push(s[i] as char);
                i += 1;
            }
            if i < s.len() && s[i] == b'{' && (head.is_empty() || head.ends_with("::")) {
                let mut items = Vec::new();
                group(s, &mut i, &head, &mut items);
                out.extend(items.into_iter().map(|p| (root.to_owned(), p)));
            } else {
                out.push((root.to_owned(), head));
            }
        }
    }
    out
}

/// The module graph: module -> modules it uses.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut texts = BTreeMap::new();
    for f in &all {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name == "tests.rs" || name == "main.rs" {
            continue;
        }
        let text = std::fs::read_to_string(f).expect("read");
        texts.insert(module_of(f, &src), code_only(&text));
    }
    let modules: BTreeSet<String> = texts.keys().cloned().collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, code) in &texts {
        let here: Vec<&str> = module.split("::").filter(|s| !s.is_empty()).collect();
        for (root, path) in paths(code) {
            let mut full: Vec<&str> = if root == "crate::" {
                Vec::new()
            } else {
                // `super` is the module's parent, whether it is a file or
                // a folder's mod.rs.
                here[..here.len().saturating_sub(1)].to_vec()
            };
            let mut rest = path.as_str();
            while let Some(r) = rest.strip_prefix("super::") {
                full.pop();
                rest = r;
            }
            full.extend(rest.split("::").filter(|s| !s.is_empty() && *s != "self"));
            // The longest prefix that is a module.
            let target = (1..=full.len())
                .rev()
                .map(|n| full[..n].join("::"))
                .find(|m| modules.contains(m));
            if let Some(t) = target
                && t != *module
            {
                edges.entry(module.clone()).or_default().insert(t);
            }
        }
        // A module uses its children.
        for m in &modules {
            if let Some(child) = m.strip_prefix(&format!("{module}::"))
                && !child.contains("::")
                && !module.is_empty()
            {
                edges.entry(module.clone()).or_default().insert(m.clone());
            }
        }
    }
    edges
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let edges = graph();
    // Depth-first search for a back edge; report the cycle.
    fn visit(
        m: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|s| s == m) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(m.to_owned());
            return Some(cycle);
        }
        if done.contains(m) {
            return None;
        }
        stack.push(m.to_owned());
        for next in edges.get(m).into_iter().flatten() {
            if let Some(c) = visit(next, edges, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(m.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for m in edges.keys() {
        if let Some(cycle) = visit(m, &edges, &mut Vec::new(), &mut done) {
            panic!("import cycle: {}", cycle.join(" -> "));
        }
    }
    assert!(edges.len() > 20, "the graph was read: {edges:#?}");
}

#[test]
fn the_layers_point_one_way() {
    let layer = |m: &str| m.split("::").next().unwrap_or("").to_owned();
    // What each layer may use besides itself.
    let allowed: BTreeMap<&str, &[&str]> = [
        ("dump", &[][..]),
        ("settings", &["dump"][..]),
        ("export", &["dump"][..]),
        ("grep", &["dump"][..]),
        ("reader", &["settings", "export", "grep", "dump"][..]),
        ("cli", &["reader", "settings", "export", "grep", "dump"][..]),
    ]
    .into_iter()
    .collect();
    let mut wrong = Vec::new();
    for (from, tos) in graph() {
        let (a, mine) = (layer(&from), allowed.get(layer(&from).as_str()));
        for to in tos {
            let b = layer(&to);
            if a != b && !mine.is_some_and(|ok| ok.contains(&b.as_str())) {
                wrong.push(format!("{from} uses {to}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn the_checker_sees_braced_and_relative_imports() {
    let code = "use crate::{a::b, c::{d, e::F}};\nuse super::{g, h::I};\nlet x = crate::j::k();";
    let found: Vec<String> = paths(code).into_iter().map(|(r, p)| r + &p).collect();
    assert_eq!(
        found,
        [
            "crate::a::b",
            "crate::c::d",
            "crate::c::e::F",
            "crate::j::k",
            "super::g",
            "super::h::I"
        ]
    );
    let stripped = code_only("a\n#[cfg(test)]\nmod tests {\n  use crate::x;\n}\nb\n");
    assert_eq!(stripped, "a\nb\n");
}
