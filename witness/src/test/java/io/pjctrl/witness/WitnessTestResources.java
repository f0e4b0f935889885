package io.pjctrl.witness;

import io.pjctrl.testing.DatabaseOnlyResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every @QuarkusTest of this module runs against a fresh PostgreSQL database owned by {@code pjctrl_witness}. */
@WithTestResource(value = DatabaseOnlyResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database-role", value = "pjctrl_witness"))
public final class WitnessTestResources {

    private WitnessTestResources() {
    }
}
