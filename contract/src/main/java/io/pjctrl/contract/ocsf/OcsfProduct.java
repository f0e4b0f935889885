package io.pjctrl.contract.ocsf;

import java.util.Objects;

/** {@code metadata.product} of every record: what wrote it (name, vendor and the writer's version). */
public record OcsfProduct(String name, String vendorName, String version) {

    public static final String NAME = "pjctrl-audit";
    public static final String VENDOR = "pjctrl";

    public OcsfProduct {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vendorName, "vendorName");
        Objects.requireNonNull(version, "version");
    }

    /** pjctrl-audit by pjctrl, at {@code version} (audit-service's build version). */
    public static OcsfProduct pjctrl(String version) {
        return new OcsfProduct(NAME, VENDOR, version);
    }
}
