//! The layers of DESIGN.md §1, kept by a test: it reads every `crate::…` and `super::…` path
//! in `src/` (outside each file's trailing `mod tests`), resolves each to the module it names,
//! and checks every edge against the table below. Leaves import nothing from the crate; the
//! core imports only leaves and the core, and never clap; the front (the command line and
//! what is generated from it) adds the core; commands add the front, never each other; only
//! `lib.rs` and `main.rs` see everything. Any import cycle fails too, with its path named.

use std::collections::BTreeMap;
use std::path::Path;

/// Each module (as a path below the crate) and its layer.
const LAYERS: &[(&str, Layer)] = &[
    ("secret", Layer::Leaf),
    ("env", Layer::Leaf),
    ("error", Layer::Leaf),
    ("registry", Layer::Leaf),
    ("examples", Layer::Leaf),
    ("sys", Layer::Leaf),
    ("sys::unix", Layer::Leaf),
    ("sys::windows", Layer::Leaf),
    ("dirs", Layer::Core),
    ("files", Layer::Core),
    ("output", Layer::Core),
    ("exec", Layer::Core),
    ("clients", Layer::Core),
    ("helper_link", Layer::Core),
    ("ibmcloud", Layer::Core),
    ("kube", Layer::Core),
    ("kubelet", Layer::Core),
    ("authfile", Layer::Core),
    ("lookup", Layer::Core),
    ("probe", Layer::Core),
    ("own_config", Layer::Core),
    ("setup", Layer::Core),
    ("credential", Layer::Core),
    ("credential::apikey", Layer::Core),
    ("credential::cache", Layer::Core),
    ("credential::iam", Layer::Core),
    ("credential::iam_admin", Layer::Core),
    ("credential::jwt", Layer::Core),
    ("credential::session", Layer::Core),
    ("credential::workload", Layer::Core),
    ("cli", Layer::Front),
    ("plan", Layer::Front),
    ("plugin", Layer::Front),
    ("shell", Layer::Front),
    ("commands", Layer::Commands),
    ("commands::*", Layer::Commands),
    ("lib", Layer::Top),
    ("main", Layer::Top),
    ("layers", Layer::Top),
    ("fuzzing", Layer::Top),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Layer {
    Leaf,
    Core,
    Front,
    Commands,
    Top,
}

fn layer_of(module: &str) -> Option<Layer> {
    LAYERS.iter().find_map(|(name, layer)| {
        let matches = match name.strip_suffix("::*") {
            Some(parent) => module.strip_prefix(parent).is_some_and(|r| r.starts_with("::")),
            None => *name == module,
        };
        matches.then_some(*layer)
    })
}

/// Whether `from` may import `to`; `Err` says which rule the edge breaks.
fn allowed(from: &str, to: &str) -> Result<(), String> {
    let (Some(a), Some(b)) = (layer_of(from), layer_of(to)) else {
        return Err("a module missing from the LAYERS table of src/layers.rs".into());
    };
    let ok = match a {
        Layer::Leaf => false,
        Layer::Core => matches!(b, Layer::Leaf | Layer::Core),
        Layer::Front => b <= Layer::Front,
        Layer::Commands => b <= Layer::Front || (to == "commands" && from.starts_with("commands")),
        Layer::Top => true,
    };
    if ok { Ok(()) } else { Err(format!("a {a:?} module may not import a {b:?} module")) }
}

/// The module of a file below `src/`: `credential/mod.rs` → `credential`.
fn module_of(relative: &Path) -> String {
    let mut parts: Vec<String> =
        relative.iter().map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts.join("::")
}

/// The file's code, without its trailing `#[cfg(test)] mod tests` and without comments.
fn code(text: &str) -> String {
    let body = text.find("#[cfg(test)]\nmod tests").map_or(text, |at| &text[..at]);
    body.lines()
        .map(|line| line.find("//").map_or(line, |at| &line[..at]))
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Every path named after `crate::` or `super::` in `code`, as segments; `{a, b::c}` groups
/// give one path each.
fn paths(code: &str, module: &str) -> Vec<Vec<String>> {
    let parent: Vec<String> = {
        let mut p: Vec<String> = module.split("::").map(str::to_owned).collect();
        p.pop();
        p
    };
    let mut found = Vec::new();
    for (root, base) in [("crate::", Vec::new()), ("super::", parent)] {
        let mut rest = code;
        while let Some(at) = rest.find(root) {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + root.len()..];
            if before.is_some_and(is_ident) {
                continue;
            }
            for tail in group(rest) {
                let mut path = base.clone();
                path.extend(
                    tail.split("::").map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned),
                );
                found.push(path);
            }
        }
    }
    found
}

/// The path text at the start of `rest`: `a::b` or each member of `{a, b::{c, d}}` (one level
/// of members is enough to name modules).
fn group(rest: &str) -> Vec<String> {
    if let Some(inner) = rest.strip_prefix('{') {
        let mut depth = 1;
        let end = inner
            .char_indices()
            .find(|&(_, c)| {
                depth += match c {
                    '{' => 1,
                    '}' => -1,
                    _ => 0,
                };
                depth == 0
            })
            .map_or(inner.len(), |(i, _)| i);
        let mut members = Vec::new();
        let mut depth = 0;
        let mut current = String::new();
        for c in inner[..end].chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => members.push(std::mem::take(&mut current)),
                _ if depth == 0 => current.push(c),
                _ => {}
            }
        }
        members.push(current);
        return members.into_iter().map(|m| m.trim().trim_end_matches("::").to_owned()).collect();
    }
    let end = rest.find(|c: char| !(is_ident(c) || c == ':')).unwrap_or(rest.len());
    vec![rest[..end].trim_end_matches("::").to_owned()]
}

/// The module a path names: its longest prefix that is a module, else the crate root.
fn resolve(path: &[String], modules: &[String]) -> String {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].join("::"))
        .find(|candidate| modules.contains(candidate))
        .unwrap_or_else(|| "lib".to_owned())
}

/// Every module of `src/` with its code.
fn sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).expect("src/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("a source file is text");
                out.push((module_of(path.strip_prefix(root).expect("below src/")), text));
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    walk(&root, &root, &mut out);
    out.sort();
    out
}

/// Every edge between modules, with the path that makes it.
fn edges() -> BTreeMap<(String, String), String> {
    let sources = sources();
    let modules: Vec<String> = sources.iter().map(|(m, _)| m.clone()).collect();
    let mut edges = BTreeMap::new();
    for (module, text) in &sources {
        for path in paths(&code(text), module) {
            let to = resolve(&path, &modules);
            if to != *module && !(module == "lib" && to == "lib") {
                edges.entry((module.clone(), to)).or_insert_with(|| path.join("::"));
            }
        }
    }
    edges
}

/// A cycle in `edges`, as the modules along it, if there is one.
fn cycle(edges: &BTreeMap<(String, String), String>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<(String, String), String>,
        stack: &mut Vec<String>,
        done: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut found = stack[at..].to_vec();
            found.push(node.to_owned());
            return Some(found);
        }
        if done.iter().any(|n| n == node) {
            return None;
        }
        stack.push(node.to_owned());
        for (_, to) in edges.keys().filter(|(from, _)| from == node) {
            if let Some(found) = visit(to, edges, stack, done) {
                return Some(found);
            }
        }
        stack.pop();
        done.push(node.to_owned());
        None
    }
    let mut done = Vec::new();
    edges.keys().find_map(|(from, _)| visit(from, edges, &mut Vec::new(), &mut done))
}

#[test]
fn every_import_follows_the_layers() {
    let broken: Vec<String> = edges()
        .iter()
        .filter_map(|((from, to), path)| {
            allowed(from, to).err().map(|why| format!("{from} -> {to} (crate path {path}): {why}"))
        })
        .collect();
    assert!(broken.is_empty(), "imports that break the layers:\n{}", broken.join("\n"));
}

#[test]
fn no_module_imports_itself_back() {
    // The lib root declares every module; edges into it are the only ones cycles could hide
    // behind, and `allowed` already refuses those from everywhere but main.
    let edges: BTreeMap<(String, String), String> =
        edges().into_iter().filter(|((from, _), _)| from != "lib").collect();
    assert_eq!(cycle(&edges), None, "an import cycle");
}

#[test]
fn only_the_platform_module_names_platform_apis() {
    for (module, text) in sources() {
        if module == "sys" || module.starts_with("sys::") || module == "layers" {
            continue;
        }
        for api in ["std::os::unix", "std::os::windows", "nix::", "signal_hook"] {
            assert!(!text.contains(api), "{module} names {api}: put it behind src/sys/");
        }
    }
}

#[test]
fn the_core_knows_nothing_of_clap() {
    for (module, text) in sources() {
        if matches!(layer_of(&module), Some(Layer::Leaf | Layer::Core)) {
            let code = code(&text);
            assert!(
                !code.contains("clap::") && !code.contains("use clap"),
                "{module} (a core module) uses clap: convert clap's values in plan.rs or cli.rs"
            );
        }
    }
}

#[test]
fn the_checker_sees_edges_and_cycles() {
    let modules: Vec<String> =
        ["a", "b", "credential", "credential::jwt"].map(String::from).to_vec();
    let found = paths(
        "use crate::{a, credential::{self, jwt::Token}};\nlet x = crate::b::f(); use super::jwt;",
        "credential::iam",
    );
    let resolved: Vec<String> = found.iter().map(|p| resolve(p, &modules)).collect();
    assert_eq!(resolved, ["a", "credential", "b", "credential::jwt"]);
    assert!(allowed("ibmcloud", "cli").is_err());
    assert!(allowed("commands::login", "commands::status").is_err());
    assert!(allowed("commands::login", "plan").is_ok());
    assert!(allowed("secret", "error").is_err());
    let edges: BTreeMap<(String, String), String> = [("x", "y"), ("y", "z"), ("z", "x")]
        .iter()
        .map(|(a, b)| (((*a).to_owned(), (*b).to_owned()), String::new()))
        .collect();
    assert_eq!(cycle(&edges), Some(["x", "y", "z", "x"].map(String::from).to_vec()));
}
