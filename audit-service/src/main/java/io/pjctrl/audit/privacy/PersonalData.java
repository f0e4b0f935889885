package io.pjctrl.audit.privacy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.pjctrl.audit.log.StoredEntry;
import io.pjctrl.contract.chain.Jcs;
import io.pjctrl.contract.privacy.Commitments;
import io.pjctrl.contract.privacy.Openings;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The personal values kept apart from the log: sealed and stored by the ingest (in its transaction), opened for reads.
 * A read shows each committed value in place while its subject's key exists and {@code {"$erased":true}} after; an
 * export carries the opening {@code {"$value","$salt"}} instead (or the bare commitment once erased), which the
 * offline verifier folds back before hashing. Openings are read for a whole page or stream batch in one query.
 */
@ApplicationScoped
public class PersonalData {

    private static final String COMMIT_KEY = "\"" + Commitments.COMMIT + "\"";

    private final PersonalValueRepository repository;
    private final Sealing sealing;
    private final Pool pool;

    public PersonalData(PersonalValueRepository repository, PrivacyConfig config, Pool pool) {
        this.repository = repository;
        this.sealing = new Sealing(config.keyEncryptionKey());
        this.pool = pool;
    }

    /**
     * Seals and stores a batch's openings under their subjects' keys (made for new subjects); the openings of a subject
     * erased before are dropped, so its values stay commitments only.
     */
    public Uni<Void> store(SqlConnection connection, List<EntryOpening> openings) {
        if (openings.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] subjects = openings.stream().map(o -> o.opening().subject()).distinct().sorted().toArray(UUID[]::new);
        Sealing.KeyCipher keyCipher = sealing.keyCipher();
        return repository.keys(connection, subjects, subject -> keyCipher.wrap(subject, Sealing.newDataKey()))
                .chain(wrapped -> repository.insert(connection, seal(openings, wrapped, keyCipher)));
    }

    /**
     * One value cipher per subject of the batch (its key unwrapped once); an entry's openings are consecutive and
     * mostly of one subject (its actor), so the previous opening's cipher is reused without a lookup.
     */
    private static List<PersonalValueRepository.SealedValue> seal(List<EntryOpening> openings, Map<UUID, byte[]> wrapped,
            Sealing.KeyCipher keyCipher) {
        Map<UUID, Sealing.ValueCipher> ciphers = new HashMap<>();
        List<PersonalValueRepository.SealedValue> sealed = new ArrayList<>(openings.size());
        UUID previous = null;
        Sealing.ValueCipher cipher = null;
        for (EntryOpening o : openings) {
            UUID subject = o.opening().subject();
            if (!subject.equals(previous)) {
                previous = subject;
                cipher = ciphers.computeIfAbsent(subject, s -> {
                    byte[] key = wrapped.get(s);
                    return key == null ? null : Sealing.valueCipher(keyCipher.unwrap(s, key));
                });
            }
            if (cipher != null) {
                sealed.add(new PersonalValueRepository.SealedValue(o.entryId(), o.opening().path(), subject,
                        cipher.seal(o.entryId(), o.opening().path(), o.opening().salt(), o.opening().canonicalValue())));
            }
        }
        return sealed;
    }

    /** For the API and the UI: each committed value shown in place, or the erased marker. */
    public Uni<List<StoredEntry>> shown(List<StoredEntry> entries) {
        return substitute(entries, (opened, commitment) -> opened == null
                ? Openings.erased()
                : Jcs.parse(opened.canonicalValue()));
    }

    public Uni<StoredEntry> shown(StoredEntry entry) {
        return entry == null ? Uni.createFrom().nullItem() : shown(List.of(entry)).map(list -> list.get(0));
    }

    /** For exports: each committed value as its opening, or the bare commitment once erased. */
    public Uni<List<StoredEntry>> opened(List<StoredEntry> entries) {
        return substitute(entries, (opened, commitment) -> opened == null
                ? JsonNodeFactory.instance.objectNode().put(Commitments.COMMIT, commitment)
                : Openings.opening(opened.canonicalValue(), opened.salt()));
    }

    private Uni<List<StoredEntry>> substitute(List<StoredEntry> entries,
            BiFunction<Sealing.Opened, String, JsonNode> replacement) {
        UUID[] committed = entries.stream().filter(PersonalData::hasCommitments).map(StoredEntry::id)
                .toArray(UUID[]::new);
        if (committed.length == 0) {
            return Uni.createFrom().item(entries);
        }
        return repository.openings(pool, committed)
                .map(stored -> {
                    Map<String, Sealing.Opened> openings = new HashMap<>();
                    Map<UUID, Sealing.ValueCipher> ciphers = new HashMap<>();
                    Sealing.KeyCipher keyCipher = sealing.keyCipher();
                    for (PersonalValueRepository.StoredValue v : stored) {
                        Sealing.ValueCipher cipher = ciphers.computeIfAbsent(v.subject(),
                                s -> Sealing.valueCipher(keyCipher.unwrap(s, v.wrappedKey())));
                        openings.put(v.entryId() + "|" + v.path(), cipher.open(v.entryId(), v.path(), v.sealed()));
                    }
                    List<StoredEntry> out = new ArrayList<>(entries.size());
                    for (StoredEntry e : entries) {
                        if (!hasCommitments(e)) {
                            out.add(e);
                            continue;
                        }
                        BiFunction<String, String, JsonNode> at = (path, commitment) -> replacement
                                .apply(openings.get(e.id() + "|" + path), commitment);
                        out.add(e.withJson(
                                Openings.replaceCommitments(Jcs.parse(e.changes()), "changes", at).toString(),
                                Openings.replaceCommitments(Jcs.parse(e.requestMetadata()), "request_metadata", at)
                                        .toString()));
                    }
                    return out;
                });
    }

    private static boolean hasCommitments(StoredEntry e) {
        return e.changes().contains(COMMIT_KEY) || e.requestMetadata().contains(COMMIT_KEY);
    }
}
