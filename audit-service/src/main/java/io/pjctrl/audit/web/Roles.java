package io.pjctrl.audit.web;

/** The JWT groups (project-service roles) that the audit API accepts. */
public final class Roles {

    /** Full access, including acknowledging alerts. */
    public static final String ADMIN = "admin";
    /** Read-only access: query, history, export, verify, checkpoints, alerts. */
    public static final String AUDITOR = "auditor";

    private Roles() {
    }
}
