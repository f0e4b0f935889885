#!/usr/bin/env python3
"""Copies the OCSF schema files the mapping needs from a clone of github.com/ocsf/ocsf-schema.

Usage: python3 vendor.py <git dir of ocsf-schema> <tag>   (writes ./<version>/, version from the tag's version.json)

Event classes and objects are copied byte for byte, with every class and object they extend. dictionary.json is cut
to the attributes those files name (plus its whole "types" section); categories.json is copied whole.
"""
import json
import os
import subprocess
import sys

CLASSES = ["events/iam/authentication.json", "events/iam/account_change.json", "events/iam/entity_management.json",
           "events/findings/detection_finding.json"]
PARENTS = {"iam": "events/iam/iam.json", "finding": "events/findings/finding.json", "base_event": "events/base_event.json"}
# The objects a pjctrl record carries, and what each must contain.
OBJECTS = ["metadata", "product", "actor", "user", "network_endpoint", "http_request", "managed_entity",
           "finding_info", "service", "analytic"]


def show(git_dir, tag, path):
    return subprocess.run(["git", "--git-dir", git_dir, "show", tag + ":" + path], check=True,
                          capture_output=True).stdout


def main(git_dir, tag):
    version = json.loads(show(git_dir, tag, "version.json"))["version"]
    commit = subprocess.run(["git", "--git-dir", git_dir, "rev-parse", tag + "^{commit}"], check=True,
                            capture_output=True, text=True).stdout.strip()
    files = {}
    todo = list(CLASSES)
    while todo:
        path = todo.pop()
        if path in files:
            continue
        files[path] = show(git_dir, tag, path)
        parent = json.loads(files[path]).get("extends")
        if parent:
            todo.append(PARENTS[parent])
    todo = ["objects/%s.json" % o for o in OBJECTS]
    while todo:
        path = todo.pop()
        if path in files:
            continue
        files[path] = show(git_dir, tag, path)
        parent = json.loads(files[path]).get("extends")
        if parent and parent != "object":
            todo.append("objects/%s.json" % parent)
    files["objects/object.json"] = show(git_dir, tag, "objects/object.json")
    files["categories.json"] = show(git_dir, tag, "categories.json")
    names = set()
    for path, text in files.items():
        if path != "categories.json":
            names.update(k for k in json.loads(text).get("attributes", {}) if not k.startswith("$"))
    dictionary = json.loads(show(git_dir, tag, "dictionary.json"))
    dictionary["attributes"] = {k: v for k, v in dictionary["attributes"].items() if k in names}
    files["dictionary.json"] = (json.dumps(dictionary, indent=2, ensure_ascii=False) + "\n").encode()
    for path, data in files.items():
        out = os.path.join(version, path)
        os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
        with open(out, "wb") as f:
            f.write(data)
    with open(os.path.join(version, "version.json"), "wb") as f:
        f.write(show(git_dir, tag, "version.json"))
    print(version, commit, len(files), "files")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
