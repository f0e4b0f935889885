package io.pjctrl.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.pjctrl.contract.chain.ChainIds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration of audit-service; each key can be set by environment variable (PJCTRL_...). */
@ConfigMapping(prefix = "pjctrl")
public interface AuditServiceConfig {

    /** Kafka topics. */
    Topics topics();

    /** Event ingest: contract limits, sensitivity of each event type, chains (ingest/). */
    Ingest ingest();

    /** The monthly partitions of audit_logs (log/LogPartitions). */
    Partitions partitions();

    /** Signed checkpoints of every chain (checkpoint/). */
    Checkpoint checkpoint();

    /** Alert rules evaluated on every ingested batch (alert/). */
    Alerts alerts();

    /** OCSF records for SIEMs (ocsf/, docs/events/ocsf.md). */
    Ocsf ocsf();

    interface Ocsf {

        /** The OCSF topic ({@code pjctrl.topics.ocsf}). */
        Topic topic();

        interface Topic {

            /**
             * Whether the ingest publishes the OCSF record of every stored entry, and the Detection Finding of every
             * alert, to {@code pjctrl.topics.ocsf} (after the commit, ack awaited). Off by default: the topic must
             * exist and the service's Kafka user may write it (deploy/k8s has both).
             */
            @WithDefault("false")
            boolean enabled();
        }
    }

    /** How checkpoints are submitted to witnesses and when a checkpoint counts as witnessed (checkpoint/). */
    Witness witness();

    /**
     * The C2SP tlog-witnesses every new checkpoint is submitted to ({@code pjctrl.witnesses[i].url} and
     * {@code pjctrl.witnesses[i].verifier-key}); none: checkpoints are signed but not witnessed. Verify also compares
     * every chain with the checkpoint each one cosigned ({@code GET <url>/<hex SHA-256 of origin>/checkpoint}).
     */
    Optional<List<WitnessEndpoint>> witnesses();

    interface Witness {

        /**
         * k of the k-of-n policy: a checkpoint is witnessed once this many configured witnesses cosigned it; below it
         * the chain's {@code pjctrl_checkpoint_witnessed} gauge is 0 and a {@code witness_quorum_not_reached} alert is
         * raised. 0 (the default) asks for no cosignature; it must not exceed the number of witnesses.
         */
        @WithDefault("0")
        int quorum();

        /** Time allowed for one add-checkpoint request (connect and answer). */
        @WithDefault("5s")
        Duration timeout();

        /** How often the latest checkpoint of each chain is submitted again to the witnesses that have not cosigned it. */
        @WithDefault("30s")
        Duration retryInterval();
    }

    interface WitnessEndpoint {

        /** The witness's submission prefix: {@code <url>/add-checkpoint} is POSTed (e.g. {@code http://127.0.0.1:8084}). */
        String url();

        /**
         * The witness's cosignature vkey ({@code <name>+<hex key ID>+<base64 0x04 || key>}), obtained from its operator
         * out of band; only a cosignature that verifies with it is stored.
         */
        String verifierKey();
    }

    interface Partitions {

        /**
         * Partitions are kept created this many months past the current one (UTC), so the ingest normally never creates
         * one itself. The ingest stores events whose occurred_at falls in a month up to this far ahead; later ones go to
         * the dead-letter topic ({@code occurred_at_out_of_range}).
         */
        @WithDefault("3")
        int monthsAhead();

        /**
         * How many months before the current one an event's occurred_at may fall and still be stored (the ingest creates
         * the month's partition if it has none); older ones go to the dead-letter topic ({@code occurred_at_out_of_range}).
         */
        @WithDefault("12")
        int monthsBehind();

        /** How often each replica makes sure the partitions ahead exist (also once at start-up). */
        @WithDefault("1h")
        String checkInterval();
    }

    interface Ingest {

        /** Largest accepted record value in bytes; the contract allows 1 MiB, bigger records are dead-lettered. */
        @WithDefault("1048576")
        int maxPayloadBytes();

        /** Chain id of a partition is {@code <chain-prefix>-<partition>}; change it only together with a new topic. */
        @WithDefault(ChainIds.DEFAULT_PREFIX)
        String chainPrefix();

        /**
         * Sensitivity (low|medium|high|critical) of each event type, e.g. {@code pjctrl.ingest.sensitivity."task.delete"=medium}.
         * application.properties holds the seed's table.
         */
        Map<String, String> sensitivity();

        /** Sensitivity of event types missing from the table (they are stored, never dropped). */
        @WithDefault("low")
        String defaultSensitivity();

        /** Attempts of a batch transaction (e.g. after losing a race on (chain_id, seq)) before the channel fails. */
        @WithDefault("5")
        int maxAttempts();

        /** First back-off between attempts; doubles each time. */
        @WithDefault("200ms")
        Duration retryBackoff();

        /**
         * Stable id of this replica (the pod name in Kubernetes), unique in the consumer group. Set, the ingest
         * consumers join as static members {@code <instance-id>-<n>} (Kafka group.instance.id, one per consumer), so an
         * instance restarted under the same id gets its partitions back at once instead of after a rebalance that waits
         * for the dead consumers' session to time out. Unset: dynamic membership. Two running instances must never
         * share it (the second fences the first).
         */
        Optional<String> instanceId();
    }

    interface Checkpoint {

        /** Ed25519 PKCS#8 PEM private key: a file path, or {@code classpath:} + resource. */
        @WithDefault("/run/secrets/pjctrl/checkpoint-private.pem")
        String privateKeyFile();

        /** Key name in signed notes and key ids ({@code <name>+<key hash>}): printable ASCII, no spaces or '+'. */
        @WithDefault("pjctrl-audit")
        String keyName();

        /** Origin line of every checkpoint is {@code <origin-prefix>/<chain_id>}; make it unique per deployment. */
        @WithDefault("pjctrl-audit")
        String originPrefix();

        /** A checkpoint is made once a chain grew by this many entries since its last one... */
        @WithDefault("1000")
        int everyEntries();

        /** ...or when this much time passed since its last one and the chain grew at all. */
        @WithDefault("10s")
        Duration interval();

        /** Public keys of retired signing keys, imported into audit_signing_keys so old checkpoints still verify. */
        Optional<List<RetiredKey>> retiredKeys();

        interface RetiredKey {

            /** C2SP verifier key {@code <name>+<hash>+<base64(0x01 || key)>}. */
            String verifierKey();

            /** Start of the key's validity. */
            Instant validFrom();

            /** End of the key's validity (no checkpoint after it is trusted). */
            Instant validUntil();
        }
    }

    interface Alerts {

        /** Event types that always raise an alert (the seed's ALERT_EVENTS). */
        @WithDefault("project.delete,user.permission_change,privacy.erasure")
        List<String> eventTypes();

        /** Any event at or above this sensitivity raises an alert; {@code none} disables the rule. */
        @WithDefault("critical")
        String minSensitivity();

        /** Rate rules by name, e.g. {@code pjctrl.alerts.rate."mass-delete".event-types=task.delete}. */
        Map<String, RateRule> rate();

        /** The server-sent alert stream of GET /api/alerts/stream (alert/AlertFeed). */
        Stream stream();

        interface Stream {

            /**
             * How often the instance looks for new alerts without a NOTIFY: the fallback when its LISTEN connection
             * is down, so the longest delay a viewer sees then.
             */
            @WithDefault("2s")
            Duration poll();

            /** A comment line is sent this often on an idle stream, so proxies do not close it as dead. */
            @WithDefault("15s")
            Duration heartbeat();

            /** Most alerts replayed to a client resuming with Last-Event-ID; older ones are in GET /api/alerts. */
            @WithDefault("10000")
            int replayMax();
        }

        interface RateRule {

            /** Event types counted. */
            List<String> eventTypes();

            /** Alert when one actor reaches this many events... */
            int threshold();

            /** ...within this window (by occurred_at). The actor is the user id, or the request IP without one. */
            Duration window();

            /** Severity of the alert (low|medium|high|critical). */
            @WithDefault("high")
            String severity();
        }
    }

    /** Query, export, verify and API security (query/, export/, verify/, web/). */
    Api api();

    interface Api {

        /**
         * HMAC secret of the paging cursors. Unset: a random secret per process, so cursors do not survive a restart
         * (they are rejected as stale); set the same value on every replica behind one load balancer.
         */
        java.util.Optional<String> cursorSecret();

        /** Rows fetched per round trip by the export and verify database cursors (memory stays bounded by it). */
        @WithDefault("500")
        int streamFetchSize();

        /**
         * Chains a verification walks at the same time. Each walk hashes on one core while PostgreSQL streams the
         * next rows, so about the number of cores the service may use; every walk holds one pooled connection.
         */
        @WithDefault("2")
        int verifyParallelism();

        /** Most entries a resource history returns; older changes are still folded into {@code as_of} states. */
        @WithDefault("10000")
        int historyMaxEntries();
    }

    /** The scheduled whole-log verification (verify/ScheduledVerification) behind the verification gauges. */
    Verify verify();

    interface Verify {

        /**
         * How often every chain is verified from its first entry, like {@code POST /api/integrity/verify} with an empty
         * body; {@code off} (the default, also in dev and test) disables it, the prod profile sets 1h. Each replica
         * runs its own, so give it an interval the database can afford per replica.
         */
        @WithDefault("off")
        String scheduledInterval();

        /** Time after start-up before the first scheduled verification (not while a rollout is starting). */
        @WithDefault("10m")
        String scheduledDelay();

        /**
         * Whether the scheduled verification also reconciles every chain with the records of its partition still
         * retained on the events topic ({@code not_in_source}, {@code missing_from_log}).
         */
        @WithDefault("true")
        boolean scheduledReconcile();

        /**
         * Longest wait for Kafka in one step of a verification (reading the checkpoints or dead-letter topic to its
         * end, one poll of an events partition, an offset lookup), and for a witness's answer.
         */
        @WithDefault("30s")
        Duration topicTimeout();
    }

    interface Topics {

        /** Topic of the change events (CloudEvents) consumed by the ingest. */
        @WithDefault("pjctrl.audit-events")
        String events();

        /** Records that could not be parsed or failed the contract, with the reason in a header. */
        @WithDefault("pjctrl.audit-events.dlq")
        String deadLetter();

        /** Alerts raised on sensitive operations, for other consumers. */
        @WithDefault("pjctrl.audit-alerts")
        String alerts();

        /** Signed checkpoints of every chain, so outsiders can keep them. */
        @WithDefault("pjctrl.audit-checkpoints")
        String checkpoints();

        /** OCSF records of stored entries and alerts, for SIEMs; written only with {@code pjctrl.ocsf.topic.enabled}. */
        @WithDefault("pjctrl.audit-ocsf")
        String ocsf();
    }
}
