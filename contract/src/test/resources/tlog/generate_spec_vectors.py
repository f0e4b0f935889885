#!/usr/bin/env python3
"""Independent generator of spec-examples.json for io.pjctrl.contract.tlog.

Written from RFC 6962 section 2.1 and the C2SP specs (tlog-tiles, tlog-checkpoint, signed-note, tlog-cosignature,
tlog-proof) alone, without looking at the Java code's structure: recursive MTH/PATH/PROOF, tiles by definition.
Needs Python 3.8+ and the 'cryptography' package (Ed25519). Run from this directory:

    python3 generate_spec_vectors.py > spec-examples.json
"""
import base64
import hashlib
import json

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

SIZE = 300
ORIGIN = "audit.pjctrl.example/events-0"
WITNESS = "witness.pjctrl.example/w1"
LOG_SEED = bytes([1]) * 32  # test keys, never use them
WITNESS_SEED = bytes([2]) * 32
CHECKPOINT_TIME = 1764547200
COSIGNATURE_TIME = 1764547201


def sha256(data):
    return hashlib.sha256(data).digest()


def b64(data):
    return base64.b64encode(data).decode()


def canonical(seq):
    return '{"seq":%d}' % seq  # stands in for the JCS canonical form of an entry


LEAF_DATA = [sha256(canonical(seq).encode()) for seq in range(1, SIZE + 1)]


def mth(d):
    if len(d) == 0:
        return sha256(b"")
    if len(d) == 1:
        return sha256(b"\x00" + d[0])
    k = 1
    while k * 2 < len(d):
        k *= 2
    return sha256(b"\x01" + mth(d[:k]) + mth(d[k:]))


def split(n):
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def path(m, d):
    if len(d) <= 1:
        return []
    k = split(len(d))
    if m < k:
        return path(m, d[:k]) + [mth(d[k:])]
    return path(m - k, d[k:]) + [mth(d[:k])]


def subproof(m, d, b):
    n = len(d)
    if m == n:
        return [] if b else [mth(d)]
    k = split(n)
    if m <= k:
        return subproof(m, d[:k], b) + [mth(d[k:])]
    return subproof(m - k, d[k:], False) + [mth(d[:k])]


def encode_index(n):
    parts = ["%03d" % (n % 1000)]
    n //= 1000
    while n > 0:
        parts.insert(0, "x%03d" % (n % 1000))
        n //= 1000
    return "/".join(parts)


def tile(level, index, size):
    """tlog-tiles: hash i is MTH(D[(n*256+i)*256**l : (n*256+i+1)*256**l]), full tiles only hashed upward."""
    full = size // 256 ** (level + 1)
    width = 256 if index < full else (size // 256 ** level) % 256
    hashes = b""
    for i in range(width):
        start = (index * 256 + i) * 256 ** level
        hashes += mth(LEAF_DATA[start:start + 256 ** level])
    suffix = "" if width == 256 else ".p/%d" % width
    return "tile/%d/%s%s" % (level, encode_index(index), suffix), hashes


def bundle(index, size):
    full = size // 256
    width = 256 if index < full else size % 256
    data = b"".join(len(e).to_bytes(2, "big") + e for e in LEAF_DATA[index * 256:index * 256 + width])
    suffix = "" if width == 256 else ".p/%d" % width
    return "tile/entries/%s%s" % (encode_index(index), suffix), data


def raw_public(seed):
    return Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(name, sig_type, public):
    return sha256(name.encode() + b"\n" + bytes([sig_type]) + public)[:4]


def vkey(name, sig_type, public):
    return "%s+%s+%s" % (name, key_id(name, sig_type, public).hex(), b64(bytes([sig_type]) + public))


def main():
    d = LEAF_DATA
    log_public = raw_public(LOG_SEED)
    witness_public = raw_public(WITNESS_SEED)
    text = "%s\n%d\n%s\ntime %d\n" % (ORIGIN, SIZE, b64(mth(d)), CHECKPOINT_TIME)
    log_signature = Ed25519PrivateKey.from_private_bytes(LOG_SEED).sign(text.encode())
    message = ("cosignature/v1\ntime %d\n" % COSIGNATURE_TIME + text).encode()
    cosignature = COSIGNATURE_TIME.to_bytes(8, "big") + Ed25519PrivateKey.from_private_bytes(WITNESS_SEED).sign(
        message)
    note = text + "\n" + "\u2014 %s %s\n" % (ORIGIN, b64(key_id(ORIGIN, 0x01, log_public) + log_signature)) \
        + "\u2014 %s %s\n" % (WITNESS, b64(key_id(WITNESS, 0x04, witness_public) + cosignature))
    proof_index = 1
    tlog_proof = "c2sp.org/tlog-proof@v1\nindex %d\n" % proof_index \
        + "".join(b64(h) + "\n" for h in path(proof_index, d)) + "\n" + note
    tiles = [tile(0, 0, SIZE), tile(0, 1, SIZE), tile(1, 0, SIZE)]
    bundles = [bundle(0, SIZE), bundle(1, SIZE)]
    out = {
        "generator": "generate_spec_vectors.py (Python hashlib + cryptography), from RFC 6962 and the C2SP specs",
        "canonical": "leaf seq n (index n - 1) has the canonical form {\"seq\":n}, UTF-8",
        "size": SIZE,
        "leaves": [{"seq": s, "leafData": d[s - 1].hex(), "leafHash": sha256(b"\x00" + d[s - 1]).hex()}
                   for s in (1, 2, 3, 256, 257, 300)],
        "roots": [{"size": n, "root": b64(mth(d[:n]))} for n in (0, 1, 2, 3, 7, 8, 255, 256, 257, 299, 300)],
        "inclusion": [{"index": m, "size": n, "proof": [b64(h) for h in path(m, d[:n])]}
                      for m, n in ((0, 1), (1, 3), (2, 3), (0, 256), (255, 257), (256, 257), (1, 300), (299, 300))],
        "consistency": [{"size1": m, "size2": n, "proof": [b64(h) for h in subproof(m, d[:n], True)]}
                        for m, n in ((1, 2), (2, 3), (3, 300), (256, 257), (255, 300), (299, 300), (300, 300))],
        "tiles": [{"path": p, "bytes": len(h), "sha256": sha256(h).hex(),
                   "hex": h.hex() if len(h) <= 64 else None} for p, h in tiles],
        "bundles": [{"path": p, "bytes": len(b), "sha256": sha256(b).hex()} for p, b in bundles],
        "logVkey": vkey(ORIGIN, 0x01, log_public),
        "witnessVkey": vkey(WITNESS, 0x04, witness_public),
        "checkpointText": text,
        "signedNote": note,
        "tlogProof": tlog_proof,
    }
    print(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
