package io.pjctrl.contract.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pjctrl.contract.chain.CanonicalJson;
import io.pjctrl.contract.chain.Jcs;

/**
 * Replaces each declared personal value of an event by its commitment {@code {"$commit":"..."}} and returns the
 * openings to keep apart. A value is committed only when it has a data subject: request metadata when the actor is
 * known, a resource's fields when the resource id is a user id. Null values are not committed (there is nothing to
 * hide); a value without a subject stays in clear (nobody can ask for its erasure; retention removes it).
 *
 * <p>
 * The values are found and replaced in the canonical text itself ({@link CanonicalMembers}): the ingest commits every
 * event, and parsing and re-canonicalizing its JSON for two small values cost more than the rest of it. Text that
 * cannot be walked so goes through a Jackson tree, with the same result.
 */
public final class PersonalValues {

    private PersonalValues() {
    }

    /** The committed JSON of an event and the openings of what it hides. */
    public record Committed(CanonicalJson changes, CanonicalJson requestMetadata, List<Opening> openings) {
    }

    public static Committed commit(String resourceType, String resourceId, UUID actor, CanonicalJson changes,
            CanonicalJson requestMetadata) {
        return commit(resourceType, resourceId, actor, changes, requestMetadata, Commitments::newSalt);
    }

    /** {@link #commit} with the salts drawn from {@code salts} (tests compare the text and tree walks with it). */
    static Committed commit(String resourceType, String resourceId, UUID actor, CanonicalJson changes,
            CanonicalJson requestMetadata, Supplier<byte[]> salts) {
        List<Opening> openings = new ArrayList<>(2);
        CanonicalJson committedMetadata = requestMetadata;
        if (actor != null) {
            committedMetadata = inText(requestMetadata, "request_metadata", false, PersonalFields.REQUEST_METADATA,
                    actor, openings, salts);
            if (committedMetadata == null) {
                openings.clear();
                committedMetadata = inTree(requestMetadata, "request_metadata", false, PersonalFields.REQUEST_METADATA,
                        actor, openings, salts);
            }
        }
        CanonicalJson committedChanges = changes;
        List<String> fields = PersonalFields.changes(resourceType);
        UUID subject = fields.isEmpty() ? null : userId(resourceId);
        if (subject != null) {
            int before = openings.size();
            committedChanges = inText(changes, "changes", true, fields, subject, openings, salts);
            if (committedChanges == null) {
                openings.subList(before, openings.size()).clear();
                committedChanges = inTree(changes, "changes", true, fields, subject, openings, salts);
            }
        }
        return new Committed(committedChanges, committedMetadata, List.copyOf(openings));
    }

    /**
     * Commits members {@code fields} of {@code json} (with {@code sides}: their {@code old} and {@code new} members) in
     * its text; null when the text cannot be walked.
     */
    private static CanonicalJson inText(CanonicalJson json, String root, boolean sides, List<String> fields, UUID subject,
            List<Opening> openings, Supplier<byte[]> salts) {
        String text = json.text();
        long[] spans = new long[sides ? 2 * fields.size() : fields.size()];
        int found = 0;
        for (String field : fields) {
            long span = CanonicalMembers.find(text, 0, field);
            if (span == CanonicalMembers.MALFORMED) {
                return null;
            }
            if (!sides) {
                found = commitSpan(text, span, root + "." + field, subject, openings, salts, spans, found);
            } else if (span != CanonicalMembers.ABSENT && text.charAt(CanonicalMembers.start(span)) == '{') {
                for (String side : new String[]{"old", "new"}) {
                    long inner = CanonicalMembers.find(text, CanonicalMembers.start(span), side);
                    if (inner == CanonicalMembers.MALFORMED) {
                        return null;
                    }
                    found = commitSpan(text, inner, root + "." + field + "." + side, subject, openings, salts, spans,
                            found);
                }
            }
        }
        return found == 0 ? json : new CanonicalJson(splice(text, spans, found, openings));
    }

    /** Records the opening of the value at {@code span} (unless absent or null) and its span; the new count of spans. */
    private static int commitSpan(String text, long span, String path, UUID subject, List<Opening> openings,
            Supplier<byte[]> salts, long[] spans, int found) {
        if (span == CanonicalMembers.ABSENT) {
            return found;
        }
        String value = text.substring(CanonicalMembers.start(span), CanonicalMembers.end(span));
        if (value.equals("null")) {
            return found;
        }
        openings.add(Opening.of(path, subject, value, salts.get()));
        spans[found] = span;
        return found + 1;
    }

    /** The text with the last {@code found} openings' values (at {@code spans}) replaced by their commitments. */
    private static String splice(String text, long[] spans, int found, List<Opening> openings) {
        Integer[] order = new Integer[found];
        for (int i = 0; i < found; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(spans[a], spans[b]));
        int first = openings.size() - found;
        StringBuilder out = new StringBuilder(text.length() + 56 * found);
        int at = 0;
        for (int i : order) {
            out.append(text, at, CanonicalMembers.start(spans[i]))
                    .append("{\"").append(Commitments.COMMIT).append("\":\"")
                    .append(openings.get(first + i).commitment()).append("\"}");
            at = CanonicalMembers.end(spans[i]);
        }
        return out.append(text, at, text.length()).toString();
    }

    /** The same as {@link #inText} through a Jackson tree. */
    static CanonicalJson inTree(CanonicalJson json, String root, boolean sides, List<String> fields, UUID subject,
            List<Opening> openings, Supplier<byte[]> salts) {
        ObjectNode node = (ObjectNode) Jcs.parse(json.text());
        for (String field : fields) {
            if (!sides) {
                commitMember(node, field, root + "." + field, subject, openings, salts);
            } else if (node.get(field) instanceof ObjectNode values) {
                commitMember(values, "old", root + "." + field + ".old", subject, openings, salts);
                commitMember(values, "new", root + "." + field + ".new", subject, openings, salts);
            }
        }
        return CanonicalJson.of(node);
    }

    private static void commitMember(ObjectNode parent, String name, String path, UUID subject, List<Opening> openings,
            Supplier<byte[]> salts) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            return;
        }
        Opening opening = Opening.of(path, subject, Jcs.canonicalize(value), salts.get());
        openings.add(opening);
        parent.set(name, JsonNodeFactory.instance.objectNode().put(Commitments.COMMIT, opening.commitment()));
    }

    /** The user a resource id names, or null when it is no UUID (or absent). */
    private static UUID userId(String resourceId) {
        if (resourceId == null) {
            return null;
        }
        try {
            UUID id = UUID.fromString(resourceId);
            return id.toString().equalsIgnoreCase(resourceId) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
