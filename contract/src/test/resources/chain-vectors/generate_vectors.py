#!/usr/bin/env python3
"""Generates the golden vectors of docs/integrity.md with an implementation independent of the Java code.

Python's json module (sorted keys, no spaces, no ASCII escaping) equals RFC 8785 for the values used here:
keys are BMP-only and every number is an integer or a plain decimal that Python's repr prints like ECMAScript.
Signatures come from the openssl CLI. Run from this directory: python3 generate_vectors.py
"""
import base64
import hashlib
import json
import pathlib
import subprocess
import tempfile

GENESIS = "0" * 64
HERE = pathlib.Path(__file__).parent
TEST_KEY = HERE.parents[4] / "testing/src/main/resources/pjctrl-test-keys/checkpoint-private.pem"


def normalise_numbers(value):
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dict):
        return {k: normalise_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise_numbers(v) for v in value]
    return value


def canonical(entry):
    return json.dumps(normalise_numbers(entry), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def checksum(prev, canon):
    return hashlib.sha256(prev.encode("ascii") + canon.encode("utf-8")).hexdigest()


def entry(**fields):
    base = {
        "id": None, "event_id": None, "event_type": None, "source": "/pjctrl/project-service",
        "resource_type": None, "resource_id": None, "project_id": None, "user_id": None, "actor_role": None,
        "action": None, "changes": {}, "request_metadata": {"ip": None, "user_agent": None, "request_id": None,
                                                             "trace_id": None},
        "sensitivity_level": "low", "aggregate_version": 0, "occurred_at": None, "recorded_at": None,
        "chain_id": "events-0", "seq": 1,
    }
    base.update(fields)
    return base


# The "entry" objects are written here as an export might show them; "changes" deliberately uses unsorted keys,
# escapes and non-canonical numbers (1.50, 1E2, 2.0) that canonicalization must normalise.
RAW_ENTRIES = [
    ("first entry of a chain (seq 1, prev = genesis), from docs/events/examples/project.create.json", r'''{
      "id": "5b1f0c2e-8d7a-4c3b-9e6f-1a2b3c4d5e6f", "event_id": "3f6d9a2b-1c4e-4b7a-8d5f-6e2c1b0a9f88",
      "event_type": "project.create", "source": "/pjctrl/project-service", "resource_type": "project",
      "resource_id": "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d", "project_id": "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d",
      "user_id": "a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d", "actor_role": "manager", "action": "create",
      "changes": {"status": {"new": "active"}, "name": {"new": "Apollo"},
                  "description": {"new": "Launch, \"quoted\", with commas and \u00fcn\u00efc\u00f6d\u00e9"}},
      "request_metadata": {"user_agent": "curl/8.5.0", "ip": "127.0.0.1", "request_id": "req-42", "trace_id": null},
      "sensitivity_level": "medium", "aggregate_version": 1, "occurred_at": "2026-11-28T09:00:00.000001Z",
      "recorded_at": "2026-11-28T09:00:00.250000Z", "chain_id": "events-0", "seq": 1}'''),
    ("second entry, linked to the first (prev = first checksum), from docs/events/examples/task.update.json", r'''{
      "id": "6c2a1d3f-9e8b-4d4c-8f70-2b3c4d5e6f70", "event_id": "0b7e3c52-6a1d-4a43-9a55-2f0d6f2c1e01",
      "event_type": "task.update", "source": "/pjctrl/project-service", "resource_type": "task",
      "resource_id": "5d2f1a9e-8c4b-4f7e-9a0d-3b6c2e1f4a55", "project_id": "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d",
      "user_id": "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f", "actor_role": "member", "action": "update",
      "changes": {"title": {"old": "Write spec", "new": "Write the integrity spec"},
                  "status": {"old": "todo", "new": "in_progress"}},
      "request_metadata": {"ip": "203.0.113.7", "user_agent": "Mozilla/5.0 (X11; Linux x86_64)",
                           "request_id": "6f1c2a7e-3b4d-4e5f-9a8b-7c6d5e4f3a2b", "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736"},
      "sensitivity_level": "low", "aggregate_version": 3, "occurred_at": "2026-11-28T09:15:02.123456Z",
      "recorded_at": "2026-11-28T09:15:02.200001Z", "chain_id": "events-0", "seq": 2}'''),
    ("nulls, control characters, non-ASCII, an emoji and non-canonical numbers", r'''{
      "id": "7d3b2e4a-0f9c-4e5d-9a81-3c4d5e6f7a81", "event_id": "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d",
      "event_type": "user.login_failed", "source": "/pjctrl/project-service", "resource_type": "user",
      "resource_id": null, "project_id": null, "user_id": null, "actor_role": null, "action": "login",
      "changes": {"reason": {"new": "unknown_email"}, "email": {"new": "nobody@example.com"},
                  "note": {"new": "tab\there \"q\" back\\slash \u001f \u20ac \ud83d\ude00 <script>"},
                  "estimate": {"old": 1.50, "new": 1E2}, "weights": {"new": [2.0, -0.25, 0, true, false, null, {"b": 1, "a": 2}]}},
      "request_metadata": {"ip": "198.51.100.23", "user_agent": "python-requests/2.32",
                           "request_id": "b9c8d7e6-f5a4-4b3c-9d2e-1f0a9b8c7d6e", "trace_id": "0af7651916cd43dd8448eb211c80319c"},
      "sensitivity_level": "high", "aggregate_version": 0, "occurred_at": "2026-11-28T09:20:11.500000Z",
      "recorded_at": "2026-11-28T09:20:11.600000Z", "chain_id": "events-3", "seq": 1}'''),
    ("entry format 2: the Kafka record it was stored from (source_partition, source_offset) is hashed with it", r'''{
      "id": "8e4c3f5b-1a0d-4f6e-8b92-4d5e6f7a8b92", "event_id": "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
      "event_type": "task.delete", "source": "/pjctrl/project-service", "resource_type": "task",
      "resource_id": "5d2f1a9e-8c4b-4f7e-9a0d-3b6c2e1f4a55", "project_id": "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d",
      "user_id": "a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d", "actor_role": "admin", "action": "delete",
      "changes": {"deleted_at": {"old": null, "new": "2026-11-28T09:30:00.000000Z"}},
      "request_metadata": {"ip": "127.0.0.1", "user_agent": "curl/8.5.0", "request_id": "req-43", "trace_id": null},
      "sensitivity_level": "high", "aggregate_version": 4, "occurred_at": "2026-11-28T09:30:00.000000Z",
      "recorded_at": "2026-11-28T09:30:00.100000Z", "chain_id": "events-3", "seq": 2,
      "source_partition": 3, "source_offset": 4711}'''),
]


def checksum_vectors():
    vectors, prev_by_chain = [], {}
    for desc, raw in RAW_ENTRIES:
        parsed = json.loads(raw)
        prev = prev_by_chain.get(parsed["chain_id"], GENESIS)
        canon = canonical(parsed)
        digest = checksum(prev, canon)
        prev_by_chain[parsed["chain_id"]] = digest
        # The Merkle leaf (docs/integrity.md): leaf data = SHA-256(canonical), leaf hash = SHA-256(0x00 || leaf data).
        leaf_data = hashlib.sha256(canon.encode("utf-8")).digest()
        leaf_hash = hashlib.sha256(b"\x00" + leaf_data).hexdigest()
        vectors.append({"desc": desc, "entry": parsed, "prev_checksum": prev, "canonical": canon, "checksum": digest,
                        "leaf_data": leaf_data.hex(), "leaf_hash": leaf_hash})
    return vectors


def openssl_sign(body):
    with tempfile.NamedTemporaryFile() as f:
        f.write(body.encode("utf-8"))
        f.flush()
        return subprocess.run(["openssl", "pkeyutl", "-sign", "-rawin", "-inkey", str(TEST_KEY), "-in", f.name],
                              check=True, capture_output=True).stdout


def raw_public_key():
    der = subprocess.run(["openssl", "pkey", "-in", str(TEST_KEY), "-pubout", "-outform", "DER"],
                         check=True, capture_output=True).stdout
    return der[-32:]


def checkpoint_vectors(chain_vectors):
    name = "pjctrl-audit-test"
    pub = raw_public_key()
    key_hash = hashlib.sha256(name.encode() + b"\n" + b"\x01" + pub).digest()[:4]
    typed_key = base64.b64encode(b"\x01" + pub).decode()
    vkey = f"{name}+{key_hash.hex()}+{typed_key}"
    head = chain_vectors[1]
    body = (f"pjctrl-audit/{head['entry']['chain_id']}\n{head['entry']['seq']}\n"
            f"{base64.b64encode(bytes.fromhex(head['checksum'])).decode()}\ntime 2026-11-28T09:15:10.000000Z\n")
    signature = openssl_sign(body)
    note = body + "\n" + f"\u2014 {name} {base64.b64encode(key_hash + signature).decode()}\n"
    return [{
        "desc": "checkpoint of chain events-0 at seq 2 (the second checksum vector), signed with the test key",
        "private_key_resource": "pjctrl-test-keys/checkpoint-private.pem",
        "key_name": name, "key_id": f"{name}+{key_hash.hex()}", "verifier_key": vkey,
        "origin": f"pjctrl-audit/{head['entry']['chain_id']}", "size": head["entry"]["seq"],
        "head_checksum": head["checksum"], "time": "2026-11-28T09:15:10.000000Z", "body": body, "note": note,
    }]


if __name__ == "__main__":
    chain = checksum_vectors()
    (HERE / "checksum-vectors.json").write_text(json.dumps(chain, indent=2, ensure_ascii=False) + "\n", "utf-8")
    (HERE / "checkpoint-vectors.json").write_text(json.dumps(checkpoint_vectors(chain), indent=2, ensure_ascii=False)
                                                  + "\n", "utf-8")
