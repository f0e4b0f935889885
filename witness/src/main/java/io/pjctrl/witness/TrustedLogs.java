package io.pjctrl.witness;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.pjctrl.contract.tlog.VerifierKey;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/** The configured logs: origin to the log keys trusted for it, checked once at start-up. */
@Startup
@Singleton
public class TrustedLogs {

    private final Map<String, List<VerifierKey>> keysByOrigin = new HashMap<>();

    public TrustedLogs(WitnessConfig config) {
        for (WitnessConfig.Log log : config.logs()) {
            List<VerifierKey> keys = log.verifierKeys().stream().map(vkey -> parse(log.origin(), vkey)).toList();
            if (keysByOrigin.put(log.origin(), keys) != null) {
                throw new IllegalStateException("pjctrl.witness.logs names origin '" + log.origin() + "' twice");
            }
            Log.infof("Witnessing %s with log key(s) %s", log.origin(), keys.stream().map(VerifierKey::format).toList());
        }
    }

    /** The log keys trusted for {@code origin}; empty when the origin is not witnessed here. */
    public List<VerifierKey> keysOf(String origin) {
        return keysByOrigin.getOrDefault(origin, List.of());
    }

    private static VerifierKey parse(String origin, String vkey) {
        VerifierKey key;
        try {
            key = VerifierKey.parse(vkey);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("log key of " + origin + " is not a vkey: " + e.getMessage(), e);
        }
        if (key.type() != VerifierKey.TYPE_ED25519) {
            throw new IllegalStateException("log key of " + origin + " must be an Ed25519 note key (type 0x01)");
        }
        return key;
    }
}
