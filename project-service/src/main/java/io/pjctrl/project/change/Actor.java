package io.pjctrl.project.change;

import java.util.UUID;

/** Who made a change: a user id and its role's wire name ({@code manager}); both null for anonymous or system. */
public record Actor(UUID userId, String role) {

    public static final Actor NOBODY = new Actor(null, null);
}
