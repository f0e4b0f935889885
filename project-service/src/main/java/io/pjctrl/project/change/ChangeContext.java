package io.pjctrl.project.change;

/** The who and where of one request, captured on the request thread and handed to the services explicitly. */
public record ChangeContext(Actor actor, RequestMetadata request) {

    /** Changes the service makes on its own (bootstrap admin). */
    public static final ChangeContext SYSTEM = new ChangeContext(Actor.NOBODY, RequestMetadata.NONE);
}
