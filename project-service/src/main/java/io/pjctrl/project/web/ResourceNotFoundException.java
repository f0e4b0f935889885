package io.pjctrl.project.web;

import java.util.UUID;
import java.util.function.Function;

import io.pjctrl.web.problem.Problem;
import io.pjctrl.web.problem.ProblemType;
import io.smallrye.mutiny.Uni;

/** 404: no (active) resource of that type has that id. */
public class ResourceNotFoundException extends ApiException {

    public ResourceNotFoundException(String resourceType, UUID id) {
        super(resourceType + " " + id + " not found");
    }

    /**
     * The lookup-or-404 of the services, for {@link Uni#plug}: a lookup of {@code resourceType} {@code id} that finds
     * nothing (null) fails with this exception.
     */
    public static <T> Function<Uni<T>, Uni<T>> ifAbsent(String resourceType, UUID id) {
        return lookup -> lookup.onItem()
                .ifNull()
                .failWith(() -> new ResourceNotFoundException(resourceType, id));
    }

    @Override
    public Problem problem() {
        return Problem.of(ProblemType.NOT_FOUND, getMessage());
    }
}
