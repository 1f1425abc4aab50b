//! ARCHITECTURE.md stays true: every path it names exists, and the library's modules import
//! only the modules below them in its stack (its `layers` block). Read from the sources as
//! text: a `crate::module` path in code (not in comments or `#[cfg(test)]` modules) is an
//! import of that module.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn architecture() -> String {
    std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md")
}

/// The stack, top layer first: each line of the ```layers block is one layer.
fn layers(doc: &str) -> Vec<Vec<String>> {
    let block = doc
        .split("```layers\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a ```layers block in ARCHITECTURE.md");
    block
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split_whitespace().map(String::from).collect())
        .collect()
}

/// The `.rs` files below `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The code of a file without comments and without its `#[cfg(test)]` module.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => &text[..],
    };
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first segment of every `crate::` path in `code`, braces expanded
/// (`crate::{a, b::c}` gives `a` and `b`).
fn crate_paths(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        if code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue; // `alinea_crate::` or the like
        }
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            for item in group.split(',') {
                let first = item.trim().split("::").next().unwrap_or("").trim();
                if !first.is_empty() {
                    out.insert(first.to_string());
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.insert(name);
        }
    }
    out
}

/// The library's top-level module a file belongs to (`src/align/cost.rs` → `align`,
/// `src/batch.rs` → `batch`); `None` for the crate root and the command line.
fn top_module(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel.components().next()?.as_os_str().to_str()?.to_string();
    let name = first.strip_suffix(".rs").unwrap_or(&first).to_string();
    (!matches!(name.as_str(), "lib" | "main" | "cmd")).then_some(name)
}

#[test]
fn every_path_architecture_md_names_exists() {
    let doc = architecture();
    let mut missing = Vec::new();
    let mut named = 0;
    for quoted in doc.split('`').skip(1).step_by(2) {
        if quoted.starts_with("src/") || quoted.starts_with("tests/") {
            named += 1;
            if !root().join(quoted).exists() {
                missing.push(quoted.to_string());
            }
        }
    }
    assert!(named > 20, "ARCHITECTURE.md names only {named} paths");
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names paths that do not exist: {missing:?}"
    );
}

#[test]
fn the_stack_lists_every_module_of_the_library_once() {
    let listed: Vec<String> = layers(&architecture()).into_iter().flatten().collect();
    let unique: BTreeSet<&String> = listed.iter().collect();
    assert_eq!(
        unique.len(),
        listed.len(),
        "a module is listed twice: {listed:?}"
    );
    let src = root().join("src");
    let modules: BTreeSet<String> = rust_files(&src)
        .iter()
        .filter_map(|f| top_module(&src, f))
        .collect();
    let listed: BTreeSet<String> = listed.into_iter().collect();
    assert_eq!(
        modules, listed,
        "the modules of src/ and the layers of ARCHITECTURE.md"
    );
}

#[test]
fn no_module_imports_one_above_it_or_the_crate_root() {
    let stack = layers(&architecture());
    let height = stack.len();
    let level: BTreeMap<String, usize> = stack
        .iter()
        .enumerate()
        .flat_map(|(i, layer)| layer.iter().map(move |m| (m.clone(), height - i)))
        .collect();
    let src = root().join("src");
    let mut wrong = Vec::new();
    for file in rust_files(&src) {
        let Some(module) = top_module(&src, &file) else {
            continue;
        };
        let here = level[&module];
        for target in crate_paths(&code(&file)) {
            if target == module {
                continue;
            }
            match level.get(&target) {
                Some(&there) if there < here => {}
                Some(_) => wrong.push(format!(
                    "{} imports {target}, which is not below {module}",
                    file.display()
                )),
                // A name re-exported at the crate root hides the stage it comes from.
                None => wrong.push(format!(
                    "{} uses crate::{target}; name the module it comes from",
                    file.display()
                )),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A cycle among the files of one folder, if any: `super::name` or `crate::…::name` in one
/// file naming a sibling module is an edge. The folder's mod.rs is the parent, not a
/// sibling. `module_path` is the folder's module path (`segment::glued`).
fn sibling_cycle(dir: &Path, module_path: &str) -> Option<Vec<String>> {
    let siblings: BTreeMap<String, PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let path = e.ok()?.path();
            if path.is_dir() {
                let file = path.join("mod.rs");
                let name = path.file_name()?.to_str()?.to_string();
                file.exists().then_some((name, file))
            } else if path.extension().is_some_and(|e| e == "rs") {
                Some((path.file_stem()?.to_str()?.to_string(), path))
            } else {
                None
            }
        })
        .filter(|(name, _)| !matches!(name.as_str(), "mod" | "lib" | "main"))
        .collect();
    let mut edges: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (name, file) in &siblings {
        let code = code(file);
        let mentions = |pattern: &str| {
            code.match_indices(pattern).any(|(i, _)| {
                !code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':')
            })
        };
        let in_braces = |other: &str| {
            code.match_indices("super::{").any(|(i, _)| {
                let rest = &code[i + "super::{".len()..];
                let group = &rest[..rest.find('}').unwrap_or(rest.len())];
                group
                    .split(',')
                    .any(|item| item.trim().split("::").next() == Some(other))
            })
        };
        for other in siblings.keys().filter(|o| *o != name) {
            let absolute = format!("crate::{module_path}::{other}::");
            if mentions(&format!("super::{other}::"))
                || (!module_path.is_empty() && mentions(&absolute))
                || in_braces(other)
            {
                edges.entry(name).or_default().insert(other);
            }
        }
    }
    fn visit<'a>(
        n: &'a str,
        edges: &BTreeMap<&'a str, BTreeSet<&'a str>>,
        state: &mut BTreeMap<&'a str, u8>,
        path: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        state.insert(n, 1);
        path.push(n);
        for &m in edges.get(n).into_iter().flatten() {
            match state.get(m) {
                Some(1) => {
                    let start = path.iter().position(|&p| p == m).unwrap();
                    let mut cycle: Vec<String> =
                        path[start..].iter().map(|s| s.to_string()).collect();
                    cycle.push(m.to_string());
                    return Some(cycle);
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(m, edges, state, path) {
                        return Some(c);
                    }
                }
            }
        }
        path.pop();
        state.insert(n, 2);
        None
    }
    let mut state = BTreeMap::new();
    for name in siblings.keys() {
        if !state.contains_key(name.as_str()) {
            if let Some(cycle) = visit(name, &edges, &mut state, &mut Vec::new()) {
                return Some(cycle);
            }
        }
    }
    None
}

#[test]
fn sibling_files_do_not_import_each_other_in_a_cycle() {
    let src = root().join("src");
    let dirs: BTreeSet<PathBuf> = rust_files(&src)
        .iter()
        .map(|f| f.parent().unwrap().to_path_buf())
        .collect();
    let mut cycles = Vec::new();
    for dir in dirs {
        let module_path = dir
            .strip_prefix(&src)
            .unwrap()
            .components()
            .map(|c| c.as_os_str().to_str().unwrap().to_string())
            .collect::<Vec<_>>()
            .join("::");
        if let Some(cycle) = sibling_cycle(&dir, &module_path) {
            cycles.push(format!("{}: {}", dir.display(), cycle.join(" → ")));
        }
    }
    assert!(cycles.is_empty(), "files import each other: {cycles:?}");
}

/// The checks above must be able to fail: an import upward and a cycle are found.
#[test]
fn the_checks_find_what_they_look_for() {
    let paths = crate_paths("use crate::{align::Unit, types};\nlet x = crate::pipeline::run();");
    assert_eq!(
        paths,
        ["align", "pipeline", "types"]
            .into_iter()
            .map(String::from)
            .collect()
    );
    let stack = layers("```layers\nb\na c\n```");
    assert_eq!(
        stack,
        vec![vec!["b".to_string()], vec!["a".into(), "c".into()]]
    );

    let dir = std::env::temp_dir().join(format!("alinea-architecture-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("mod.rs"), "mod a;\nmod b;\n").unwrap();
    std::fs::write(dir.join("a.rs"), "use super::b::B;\n").unwrap();
    std::fs::write(
        dir.join("b.rs"),
        "// super::a:: in a comment\npub struct B;\n",
    )
    .unwrap();
    let acyclic = sibling_cycle(&dir, "m");
    std::fs::write(dir.join("b.rs"), "use super::{a::A, x};\n").unwrap();
    let cyclic = sibling_cycle(&dir, "m");
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(acyclic, None);
    assert_eq!(cyclic.map(|c| c.len()), Some(3));
}
