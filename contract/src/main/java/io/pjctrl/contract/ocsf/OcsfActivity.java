package io.pjctrl.contract.ocsf;

import java.util.Map;

/**
 * Where one pjctrl event type goes in OCSF: class, {@code activity_id} and its caption, and for Authentication whether
 * the attempt failed. {@link #of} is the whole mapping table (docs/events/ocsf.md lists it).
 */
public record OcsfActivity(OcsfClass ocsfClass, int activityId, String activityName, boolean failure) {

    /** {@code activity_id} 99 of every class: the schema's "Other", named by {@code activity_name}. */
    public static final int OTHER = 99;

    private static final OcsfActivity CREATE = entity(1, "Create");
    private static final OcsfActivity READ = entity(2, "Read");
    private static final OcsfActivity UPDATE = entity(3, "Update");
    private static final OcsfActivity DELETE = entity(4, "Delete");
    private static final OcsfActivity RESTORE = entity(OTHER, "Restore");

    /**
     * Every event type the contract documents (docs/events/README.md) and audit-service's own: audit.export, the legal
     * holds (an entity placed, then updated by its release) and privacy.erasure (the deletion of a person's values).
     */
    private static final Map<String, OcsfActivity> BY_TYPE = Map.ofEntries(
            Map.entry("project.create", CREATE),
            Map.entry("project.update", UPDATE),
            Map.entry("project.delete", DELETE),
            Map.entry("project.restore", RESTORE),
            Map.entry("task.create", CREATE),
            Map.entry("task.update", UPDATE),
            Map.entry("task.delete", DELETE),
            Map.entry("task.restore", RESTORE),
            Map.entry("task.assign", UPDATE),
            Map.entry("user.create", new OcsfActivity(OcsfClass.ACCOUNT_CHANGE, 1, "Create", false)),
            Map.entry("user.permission_change", new OcsfActivity(OcsfClass.ACCOUNT_CHANGE, OTHER, "Role Change", false)),
            Map.entry("user.login", new OcsfActivity(OcsfClass.AUTHENTICATION, 1, "Logon", false)),
            Map.entry("user.logout", new OcsfActivity(OcsfClass.AUTHENTICATION, 2, "Logoff", false)),
            Map.entry("user.login_failed", new OcsfActivity(OcsfClass.AUTHENTICATION, 1, "Logon", true)),
            Map.entry("attachment.upload", CREATE),
            Map.entry("attachment.download", READ),
            Map.entry("attachment.delete", DELETE),
            Map.entry("audit.export", READ),
            Map.entry("legal_hold.create", CREATE),
            Map.entry("legal_hold.release", UPDATE),
            Map.entry("privacy.erasure", DELETE));

    /** The alert of a Detection Finding: always "Create" (an alert is raised once; acknowledging it is not sent). */
    public static final OcsfActivity FINDING_CREATED = new OcsfActivity(OcsfClass.DETECTION_FINDING, 1, "Create", false);

    /**
     * The mapping of {@code eventType}; {@code task.blocker} by its action (create: reported, update: resolved). A
     * type not in the table becomes a Base Event, activity Other, named by the event type: never silently some
     * other class.
     */
    public static OcsfActivity of(String eventType, String action) {
        if ("task.blocker".equals(eventType)) {
            return "create".equals(action) ? CREATE : UPDATE;
        }
        OcsfActivity known = BY_TYPE.get(eventType);
        return known != null ? known : new OcsfActivity(OcsfClass.BASE_EVENT, OTHER, eventType, false);
    }

    /** Whether {@code eventType} is in the table (false: it maps to a Base Event). */
    public static boolean isMapped(String eventType) {
        return "task.blocker".equals(eventType) || BY_TYPE.containsKey(eventType);
    }

    public long typeUid() {
        return ocsfClass.typeUid(activityId);
    }

    private static OcsfActivity entity(int activityId, String name) {
        return new OcsfActivity(OcsfClass.ENTITY_MANAGEMENT, activityId, name, false);
    }
}
