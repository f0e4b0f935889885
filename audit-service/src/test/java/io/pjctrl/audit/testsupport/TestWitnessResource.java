package io.pjctrl.audit.testsupport;

import java.util.List;
import java.util.Map;

import io.pjctrl.testing.InjectInfra;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One {@link InProcessWitness} per test run, trusting the test checkpoint key: every audit-service test app submits
 * its checkpoints to it (quorum 1), and tests get it with {@code @InjectInfra InProcessWitness witness}.
 */
public class TestWitnessResource implements QuarkusTestResourceLifecycleManager {

    private InProcessWitness witness;

    @Override
    public Map<String, String> start() {
        witness = InProcessWitness.start("witness.test.pjctrl/audit", List.of(MemoryLog.logKey()));
        return Map.of("pjctrl.witnesses[0].url", witness.url(),
                "pjctrl.witnesses[0].verifier-key", witness.vkey().format(),
                "pjctrl.witness.quorum", "1",
                "pjctrl.witness.retry-interval", "2s");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(witness, new TestInjector.AnnotatedAndMatchesType(InjectInfra.class,
                InProcessWitness.class));
    }

    @Override
    public void stop() {
        if (witness != null) {
            witness.close();
        }
    }
}
