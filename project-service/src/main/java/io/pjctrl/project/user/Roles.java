package io.pjctrl.project.user;

/** Role names as they appear in the token's {@code groups} claim; the matrix is in docs/permissions.md. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String MANAGER = "manager";
    public static final String MEMBER = "member";
    public static final String AUDITOR = "auditor";

    private Roles() {
    }
}
