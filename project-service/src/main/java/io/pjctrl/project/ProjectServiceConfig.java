package io.pjctrl.project;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration of project-service; each key can be set by environment variable (PJCTRL_...). */
@ConfigMapping(prefix = "pjctrl")
public interface ProjectServiceConfig {

    /** Kafka topics. */
    Topics topics();

    /** The bootstrap administrator. */
    Admin admin();

    /** Token issuing and password hashing. */
    Auth auth();

    /** HTTP request metadata capture. */
    Http http();

    /** The outbox relay. */
    Outbox outbox();

    /** Change events. */
    Events events();

    interface Topics {

        /** Topic receiving every change event as a CloudEvent, keyed by {@code <resource_type>:<resource_id>}. */
        @WithDefault("pjctrl.audit-events")
        String events();

        /** Dead-letter topic of audit-service; unused here, accepted so both services can share one environment. */
        @WithDefault("pjctrl.audit-events.dlq")
        String deadLetter();

        /** Alerts topic of audit-service; unused here, accepted so both services can share one environment. */
        @WithDefault("pjctrl.audit-alerts")
        String alerts();

        /** Checkpoints topic of audit-service; unused here, accepted so both services can share one environment. */
        @WithDefault("pjctrl.audit-checkpoints")
        String checkpoints();

        /** OCSF topic of audit-service; unused here, accepted so both services can share one environment. */
        @WithDefault("pjctrl.audit-ocsf")
        String ocsf();
    }

    interface Admin {

        /** Email of the administrator created at startup when no user has it yet (env PJCTRL_ADMIN_EMAIL). */
        @WithDefault("admin@pjctrl.local")
        String email();

        /**
         * Password of the bootstrap administrator (env PJCTRL_ADMIN_PASSWORD). No default on purpose: without it no
         * administrator is created.
         */
        Optional<String> password();

        /** Display name of the bootstrap administrator. */
        @WithDefault("Administrator")
        String displayName();
    }

    interface Auth {

        /** Issuer of the tokens; audit-service verifies it (mp.jwt.verify.issuer). */
        @WithDefault("pjctrl-project-service")
        String issuer();

        /** Lifetime of an access token; a logged-out token stays revoked that long. */
        @WithDefault("1h")
        Duration tokenLifetime();

        /** bcrypt cost factor (log2 rounds). 12 costs ~250 ms per hash on one core, which is the point. */
        @WithDefault("12")
        int bcryptCost();

        /** How often expired entries are purged from the revoked-token table. */
        @WithDefault("1h")
        Duration revocationPurgeInterval();

        /** Login throttling per account and per client IP (docs/permissions.md). */
        Throttle throttle();
    }

    interface Throttle {

        /** Failed attempts per account (email) within the window before each further attempt waits. */
        @WithDefault("5")
        int accountFreeAttempts();

        /**
         * Longest wait an account can be put under. It bounds how long an attacker guessing one account's password
         * can keep its owner out: attempts refused while waiting are not counted and do not extend the wait.
         */
        @WithDefault("30s")
        Duration accountMaxBackoff();

        /** Failed attempts per client IP (any accounts) within the window before each further attempt waits. */
        @WithDefault("20")
        int ipFreeAttempts();

        /** Longest wait a client IP can be put under. */
        @WithDefault("5m")
        Duration ipMaxBackoff();

        /** The first wait; each further failed attempt doubles it, up to the maximum of its kind. */
        @WithDefault("1s")
        Duration baseBackoff();

        /** Failures are forgotten once an account or IP has made no attempt for this long. */
        @WithDefault("15m")
        Duration window();

        /** How often rows quiet for longer than the window are deleted. */
        @WithDefault("5m")
        Duration purgeInterval();
    }

    interface Http {

        /**
         * Addresses or CIDR ranges of reverse proxies whose X-Forwarded-For header is believed. Empty by default:
         * the client IP is the TCP peer, and a forged header changes nothing.
         */
        Optional<List<String>> trustedProxies();
    }

    interface Outbox {

        /** How often the relay looks for pending rows when no NOTIFY arrived (lost connection, missed wake-up). */
        @WithDefault("5s")
        Duration pollInterval();

        /**
         * Rows published per relay transaction. The relay is one loop per replica whose every step waits its turn on
         * a busy event loop and database, so its throughput under load is about batches/s × batch size:
         * bench/e2e-latency.sh at 1,000 writes/s on 2 cores left the relay 52 s behind with 200, 2.9 s with 1,000.
         */
        @WithDefault("1000")
        int batchSize();

        /** How long sent rows are kept before the purge deletes them. */
        @WithDefault("7d")
        Duration retention();

        /** How often sent rows older than the retention are purged. */
        @WithDefault("10m")
        Duration purgeInterval();

        /**
         * Upper bound for one record's delivery including the producer's retries (delivery.timeout.ms). A Kafka
         * outage shorter than this is bridged inside one relay transaction; a longer one rolls the batch back and
         * the next cycle retries it.
         */
        @WithDefault("120s")
        Duration deliveryTimeout();

        /** Whether this replica runs the relay at all (all replicas may; they take turns per batch). */
        @WithDefault("true")
        boolean relayEnabled();

        /** PostgreSQL channel the outbox trigger notifies on commit (see V2__outbox.sql). */
        @WithDefault("pjctrl_outbox")
        String channel();
    }

    interface Events {

        /** CloudEvents {@code source} attribute of every event this service emits. */
        @WithDefault("/pjctrl/project-service")
        String source();
    }
}
