//! `cr-ext regions` and `cr-ext clients`: the region table and client detection as users and
//! scripts see them.

use crate::support::World;
use serde_json::{Value, json};

#[test]
fn regions_json_lists_every_region() {
    let a = World::new().cmd().args(["regions", "--output", "json"]).assert().success();
    let doc: Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    let list = doc.as_array().unwrap();
    assert_eq!(list.len(), 13);
    assert_eq!(
        list[5],
        json!({"name": "eu-de", "aliases": ["eu-central"], "domain": "de.icr.io", "private_domain": "private.de.icr.io"})
    );
    assert_eq!(list[3]["domain"], json!("ca2.icr.io"));
}

#[test]
fn regions_text_is_a_table() {
    let a = World::new().cmd().arg("regions").assert().success();
    let out = String::from_utf8(a.get_output().stdout.clone()).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 14);
    assert!(lines[0].starts_with("Name"));
    let row: Vec<&str> = lines[12].split_whitespace().collect();
    assert_eq!(row, ["jp-tok", "ap-north", "jp.icr.io", "private.jp.icr.io"]);
}

#[test]
fn clients_lists_what_is_on_path() {
    let w = World::new();
    w.client("skopeo").client("podman");
    let a = w.cmd().args(["clients", "--output", "json"]).assert().success();
    let doc: Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert_eq!(
        doc,
        json!([
            {"name": "podman", "path": w.bin.join("podman")},
            {"name": "skopeo", "path": w.bin.join("skopeo")},
        ])
    );
    let empty = World::new().cmd().args(["clients", "--output", "json"]).assert().success();
    assert_eq!(empty.get_output().stdout, b"[]\n");
}
