package io.pjctrl.contract.ocsf;

/**
 * The OCSF event classes pjctrl records use (schema {@value OcsfRecords#SCHEMA_VERSION}): {@code class_uid} is
 * {@code category_uid * 1000 + uid} of the class file. {@link #BASE_EVENT} takes the event types no producer of the
 * contract documents (the contract accepts them, so they are stored and exported too).
 */
public enum OcsfClass {

    BASE_EVENT(0, 0, "Base Event", "Uncategorized"), DETECTION_FINDING(2004, 2, "Detection Finding",
            "Findings"), ACCOUNT_CHANGE(3001, 3, "Account Change", "Identity & Access Management"), AUTHENTICATION(3002, 3,
                    "Authentication", "Identity & Access Management"), ENTITY_MANAGEMENT(3004, 3, "Entity Management",
                            "Identity & Access Management");

    private final int uid;
    private final int categoryUid;
    private final String caption;
    private final String categoryCaption;

    OcsfClass(int uid, int categoryUid, String caption, String categoryCaption) {
        this.uid = uid;
        this.categoryUid = categoryUid;
        this.caption = caption;
        this.categoryCaption = categoryCaption;
    }

    public int uid() {
        return uid;
    }

    public int categoryUid() {
        return categoryUid;
    }

    public String caption() {
        return caption;
    }

    public String categoryCaption() {
        return categoryCaption;
    }

    /** {@code type_uid}: {@code class_uid * 100 + activity_id}. */
    public long typeUid(int activityId) {
        return uid * 100L + activityId;
    }
}
