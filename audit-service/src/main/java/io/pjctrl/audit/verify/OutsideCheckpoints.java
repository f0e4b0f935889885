package io.pjctrl.audit.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.web.InvalidParameterException;
import io.pjctrl.contract.tlog.Checkpoint;
import io.pjctrl.contract.tlog.SignedNote;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Gathers, per chain, the checkpoints held outside the database that verify compares the chain with: every note on
 * the checkpoints topic, the auditor's {@code held_checkpoints}, and (per chain, {@link #witnesses}) what each
 * witness cosigned. Notes not signed by this log are left out: from the topic they show as {@code untrusted}; from
 * the request they are a 400, since the auditor sent something that is not this log's statement.
 */
@ApplicationScoped
public class OutsideCheckpoints {

    static final String TOPIC = "topic";

    /** The held notes of every chain by source, and the sources that gave nothing usable. */
    record Outside(Map<String, Map<String, List<HeldNote>>> notes, Map<String, List<OutsideCheck>> problems,
            OutsideCheck topicProblem) {

        Set<String> chains() {
            return new TreeSet<>(notes.keySet());
        }

        Map<String, List<HeldNote>> of(String chainId) {
            return notes.getOrDefault(chainId, Map.of());
        }

        List<OutsideCheck> problemsOf(String chainId) {
            List<OutsideCheck> all = new ArrayList<>(problems.getOrDefault(chainId, List.of()));
            if (topicProblem != null) {
                all.add(topicProblem);
            }
            return all;
        }
    }

    private final SourceTopics topics;
    private final WitnessCopies witnesses;

    public OutsideCheckpoints(SourceTopics topics, WitnessCopies witnesses) {
        this.topics = topics;
        this.witnesses = witnesses;
    }

    /** Topic and request notes; fails with a 400 naming the held checkpoint that is not this log's. */
    Uni<Outside> collect(VerifyScope scope, LogKeys keys) {
        Map<String, Map<String, List<HeldNote>>> notes = new LinkedHashMap<>();
        for (HeldNote held : scope.held()) {
            String chain = keys.chainOf(held)
                    .orElseThrow(() -> new InvalidParameterException(held.source(), held.source() + " is for origin "
                            + held.origin() + ", not a chain of this log"));
            if (scope.chainId() != null && !scope.chainId().equals(chain)) {
                throw new InvalidParameterException(held.source(), held.source() + " is for chain " + chain
                        + ", outside the verified chain " + scope.chainId());
            }
            keys.untrusted(held).ifPresent(why -> {
                throw new InvalidParameterException(held.source(), held.source() + " is not signed by this log: " + why);
            });
            notes.computeIfAbsent(chain, c -> new LinkedHashMap<>()).put(held.source(), List.of(held));
        }
        Map<String, List<OutsideCheck>> problems = new LinkedHashMap<>();
        return Uni.createFrom()
                .item(topics::checkpointNotes)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(onTopic -> {
                    onTopic.forEach((chain, texts) -> {
                        if (scope.chainId() == null || scope.chainId().equals(chain)) {
                            topicNotes(chain, texts, keys, notes, problems);
                        }
                    });
                    return new Outside(notes, problems, null);
                })
                .onFailure()
                .recoverWithItem(e -> {
                    Log.warnf("Verify could not read the checkpoints topic: %s", e.toString());
                    return new Outside(notes, problems, new OutsideCheck(TOPIC, OutsideCheck.UNAVAILABLE, 0, null,
                            "could not read the checkpoints topic: " + e.getMessage()));
                });
    }

    private static void topicNotes(String chain, List<String> texts, LogKeys keys,
            Map<String, Map<String, List<HeldNote>>> notes, Map<String, List<OutsideCheck>> problems) {
        List<HeldNote> trusted = new ArrayList<>();
        String problem = null;
        int untrusted = 0;
        for (String text : texts) {
            Optional<String> why;
            HeldNote held = null;
            try {
                SignedNote note = SignedNote.parse(text);
                held = new HeldNote(TOPIC, note, Checkpoint.parse(note.text()));
                why = keys.chainOf(held).filter(chain::equals).isEmpty()
                        ? Optional.of("its origin " + held.origin() + " is not that of chain " + chain)
                        : keys.untrusted(held);
            } catch (IllegalArgumentException e) {
                why = Optional.of("not a signed checkpoint: " + e.getMessage());
            }
            if (why.isPresent()) {
                untrusted++;
                problem = problem == null ? why.get() : problem;
            } else {
                trusted.add(held);
            }
        }
        if (!trusted.isEmpty()) {
            notes.computeIfAbsent(chain, c -> new LinkedHashMap<>()).put(TOPIC, trusted);
        }
        if (untrusted > 0) {
            Log.warnf("Checkpoints topic: %d note(s) of key %s are not signed by this log, e.g.: %s", untrusted, chain,
                    problem);
            problems.computeIfAbsent(chain, c -> new ArrayList<>())
                    .add(new OutsideCheck(TOPIC, OutsideCheck.UNTRUSTED, untrusted, null, untrusted
                            + " note(s) on the topic are not this log's checkpoints of the chain; first: " + problem));
        }
    }

    /** What every configured witness holds for {@code origin}, as sources of held notes plus problem checks. */
    Uni<Map<String, List<HeldNote>>> witnesses(String origin, List<OutsideCheck> problems, LogKeys keys) {
        return witnesses.held(origin)
                .map(answers -> {
                    Map<String, List<HeldNote>> held = new LinkedHashMap<>();
                    for (WitnessCopies.Answer answer : answers) {
                        if (answer.held() == null) {
                            problems.add(new OutsideCheck(answer.source(), answer.problem() == null
                                    ? OutsideCheck.NONE
                                    : OutsideCheck.UNAVAILABLE, 0, null, answer.problem()));
                            continue;
                        }
                        Optional<String> why = keys.untrusted(answer.held());
                        if (why.isPresent()) {
                            problems.add(new OutsideCheck(answer.source(), OutsideCheck.UNTRUSTED, 1,
                                    answer.held().size(), why.get()));
                        } else {
                            held.put(answer.source(), List.of(answer.held()));
                        }
                    }
                    return held;
                });
    }
}
