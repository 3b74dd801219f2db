//! The house: no two top-level rooms of `src/` refer to each other (a circle means neither can
//! be understood or changed alone), counting every `crate::room` in code and documentation
//! outside test modules.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The rooms each room refers to: `crate::x` and `crate::{x, y}`.
fn references() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut rooms: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap();
        let room = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        let text = std::fs::read_to_string(&file).unwrap();
        // Tests may reach anywhere.
        let text = text.split("#[cfg(test)]").next().unwrap();
        let mut rest = text;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let names: Vec<String> = if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                group[..end]
                    .split(',')
                    .map(|n| n.trim().split("::").next().unwrap().trim().to_string())
                    .collect()
            } else {
                vec![rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect()]
            };
            for name in names.into_iter().filter(|n| !n.is_empty() && *n != room) {
                rooms.entry(room.clone()).or_default().insert(name);
            }
        }
    }
    rooms
}

#[test]
fn no_two_rooms_refer_to_each_other() {
    let rooms = references();
    let mut circles = Vec::new();
    for (a, theirs) in &rooms {
        for b in theirs {
            if a < b && rooms.get(b).is_some_and(|r| r.contains(a)) {
                circles.push(format!("{a} <-> {b}"));
            }
        }
    }
    assert!(
        circles.is_empty(),
        "rooms that refer to each other: {circles:?}"
    );
    // The counter sees what it must: the audit stands on the tables.
    assert!(rooms["audit"].contains("tables"), "{rooms:?}");
}
