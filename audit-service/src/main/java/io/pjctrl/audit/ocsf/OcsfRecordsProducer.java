package io.pjctrl.audit.ocsf;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.pjctrl.contract.ocsf.OcsfProduct;
import io.pjctrl.contract.ocsf.OcsfRecords;

/** The one {@link OcsfRecords} of the service: metadata.product names pjctrl-audit at this build's version. */
public class OcsfRecordsProducer {

    @Produces
    @Singleton
    OcsfRecords records(@ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        return new OcsfRecords(OcsfProduct.pjctrl(version));
    }
}
