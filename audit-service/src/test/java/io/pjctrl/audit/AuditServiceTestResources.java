package io.pjctrl.audit;

import io.pjctrl.audit.testsupport.TestWitnessResource;
import io.pjctrl.testing.PjctrlInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Every @QuarkusTest of this module runs against the shared test infrastructure: a real Kafka broker and a
 * fresh PostgreSQL database owned by {@code pjctrl_audit} (see {@link PjctrlInfraResource}), and a C2SP witness that
 * cosigns its checkpoints ({@link TestWitnessResource}).
 */
@WithTestResource(value = PjctrlInfraResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database-role", value = "pjctrl_audit"))
@WithTestResource(value = TestWitnessResource.class, scope = TestResourceScope.GLOBAL)
public final class AuditServiceTestResources {

    private AuditServiceTestResources() {
    }
}
