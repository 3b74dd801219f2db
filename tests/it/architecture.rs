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

/// The floors as docs/architecture.md lists them: `1. `a`, `b` …` lines, each room the first
/// backticked word of its items.
fn floors() -> BTreeMap<String, usize> {
    let page =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/architecture.md"))
            .unwrap();
    let section = page
        .split("## The floors")
        .nth(1)
        .expect("a floors section");
    let mut floors = BTreeMap::new();
    let mut floor = 0;
    for line in section.lines() {
        let line = line.trim_start();
        if line.starts_with("## ") {
            break;
        }
        if let Some((number, _)) = line.split_once(". ") {
            if let Ok(n) = number.parse::<usize>() {
                floor = n;
            }
        }
        if floor == 0 {
            continue;
        }
        // Rooms are backticked single words; `export::Results` and the like are not rooms.
        for quoted in line.split('`').skip(1).step_by(2) {
            if quoted.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                floors.entry(quoted.to_string()).or_insert(floor);
            }
        }
    }
    floors
}

#[test]
fn every_room_stands_on_its_floor_or_above_what_it_uses() {
    let floors = floors();
    for (room, uses) in references() {
        let Some(&here) = floors.get(&room) else {
            panic!("room {room} is on no floor of docs/architecture.md");
        };
        for used in uses {
            let Some(&there) = floors.get(&used) else {
                panic!("{room} uses {used}, which is on no floor of docs/architecture.md");
            };
            assert!(
                there <= here,
                "{room} (floor {here}) uses {used} (floor {there}), a floor above it"
            );
        }
    }
}
