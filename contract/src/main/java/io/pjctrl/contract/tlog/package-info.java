/**
 * The Merkle log of every audit chain (issue 15): RFC 6962 / RFC 9162 hashing, incremental tree state, C2SP
 * tlog-tiles, proofs, checkpoints, cosignatures and tlog-proofs. Plain functions over bytes in the style of
 * transparency-dev/merkle: computing and verifying are separate steps, preconditions are in the doc comments, a
 * mismatch is a typed exception carrying its evidence. {@code contract/TLOG-SPEC-DRAFT.md} specifies the bytes.
 *
 * <h2>What is where</h2>
 * <dl>
 * <dt>Hashing</dt>
 * <dd>{@link io.pjctrl.contract.tlog.Rfc6962}: leaf {@code SHA-256(0x00 || data)}, node
 * {@code SHA-256(0x01 || l || r)}, empty root {@code SHA-256("")}; this log's leaf data is the SHA-256 of an entry's
 * canonical form (entry {@code seq} is leaf {@code seq - 1}).</dd>
 * <dt>Writing the tree</dt>
 * <dd>{@link io.pjctrl.contract.tlog.CompactRange} holds a chain's right border (one hash per set bit of its size),
 * appends leaves at about two hashes each and tells a {@link io.pjctrl.contract.tlog.NodeVisitor} every node that
 * becomes complete; the writer stores those at tree levels 0, 8, 16, ...
 * ({@link io.pjctrl.contract.tlog.TileMath#isStoredLevel}) and persists the range with
 * {@link io.pjctrl.contract.tlog.CompactRange#toBytes} (or rebuilds it with
 * {@link io.pjctrl.contract.tlog.CompactRange#load}).</dd>
 * <dt>Tiles</dt>
 * <dd>{@link io.pjctrl.contract.tlog.TileMath} (which tile holds a node, how wide a tile is at a size, which tiles
 * appear when the tree grows), {@link io.pjctrl.contract.tlog.TileId} / {@link io.pjctrl.contract.tlog.BundleId} and
 * {@link io.pjctrl.contract.tlog.TilePaths} (the {@code tile/<L>/<N>[.p/<W>]} and {@code tile/entries/<N>[.p/<W>]}
 * paths, formatted and strictly parsed), {@link io.pjctrl.contract.tlog.EntryBundle} (uint16 length-prefixed
 * entries).</dd>
 * <dt>Reading hashes</dt>
 * <dd>{@link io.pjctrl.contract.tlog.HashReader} returns stored hashes of complete nodes;
 * {@link io.pjctrl.contract.tlog.TileHashReader} implements it over a {@link io.pjctrl.contract.tlog.TileReader}
 * (the service's tile table, or HTTP for a client), rehashing the levels between tile levels;
 * {@link io.pjctrl.contract.tlog.TileHashReader#tilesFor} names the tiles to prefetch (asynchronously) first.
 * Nothing here recomputes a tree from its leaves.</dd>
 * <dt>Proofs</dt>
 * <dd>{@link io.pjctrl.contract.tlog.ProofNodes} plans which nodes an inclusion or consistency proof needs
 * ({@code ids()}, fetch them however, e.g. asynchronously) and turns their hashes into the proof
 * ({@code rehash}); {@link io.pjctrl.contract.tlog.ProofVerifier} verifies proofs and throws
 * {@link io.pjctrl.contract.tlog.InvalidProofException} (wrong shape) or
 * {@link io.pjctrl.contract.tlog.RootMismatchException} (expected and calculated roots). The root at any size
 * from stored hashes: {@code CompactRange.load(size, reader).root()}.</dd>
 * <dt>Holding the tree to checkpoints</dt>
 * <dd>{@link io.pjctrl.contract.tlog.Consistency#proveExtends} (before signing: the verified consistency proof
 * from the previous checkpoint, also what a witness is sent) and {@link io.pjctrl.contract.tlog.Consistency#compare}
 * (a checkpoint held outside against the stored tree; the evidence is an
 * {@link io.pjctrl.contract.tlog.InconsistentCheckpoint}).</dd>
 * <dt>Notes</dt>
 * <dd>{@link io.pjctrl.contract.tlog.Checkpoint} (tlog-checkpoint text), {@link io.pjctrl.contract.tlog.SignedNote}
 * and {@link io.pjctrl.contract.tlog.NoteSignature} (the signed-note envelope, kept minimal and self-contained so it
 * can be joined with #14's {@code io.pjctrl.contract.note}), {@link io.pjctrl.contract.tlog.VerifierKey} (vkeys of
 * type 0x01 and 0x04), {@link io.pjctrl.contract.tlog.NoteSigning} (Ed25519 note signatures and
 * tlog-cosignature/v1, through the JDK's {@link io.pjctrl.contract.tlog.Ed25519}),
 * {@link io.pjctrl.contract.tlog.TlogProof} (c2sp.org/tlog-proof@v1).</dd>
 * <dt>Witnessing</dt>
 * <dd>{@link io.pjctrl.contract.tlog.AddCheckpointRequest} (the tlog-witness {@code add-checkpoint} body) and
 * {@link io.pjctrl.contract.tlog.TlogWitness} (the spec's checks as a pure function returning the HTTP status to
 * answer, and the 200 / 409 bodies), shared by the witness and the log that submits to it.</dd>
 * </dl>
 *
 * <h2>What would hurt</h2>
 * <ul>
 * <li>{@code CompactRange} is not thread-safe: one writer per chain.</li>
 * <li>{@code TileHashReader} trusts its tiles; only a proof verified against a signed root makes them evidence.</li>
 * <li>{@code SignedNote.parse} checks framing, not signatures: text is untrusted until
 * {@link io.pjctrl.contract.tlog.NoteSigning#verify} succeeded for a key obtained out of band.</li>
 * <li>{@code ProofVerifier} accepts a consistency proof only for 0 < size1 <= size2: from the empty tree there is
 * nothing to prove, so callers treat size 0 as trivially consistent (and check its root is the empty root).</li>
 * </ul>
 */
package io.pjctrl.contract.tlog;
