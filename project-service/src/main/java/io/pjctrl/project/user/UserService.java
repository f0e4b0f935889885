package io.pjctrl.project.user;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.project.change.ChangeContext;
import io.pjctrl.project.change.ChangeEvent;
import io.pjctrl.project.change.ChangeRecorder;
import io.pjctrl.project.change.Changes;
import io.pjctrl.project.web.PageRequest;
import io.pjctrl.project.web.PageResponse;
import io.pjctrl.project.web.ResourceNotFoundException;
import io.pjctrl.project.web.StateConflictException;
import io.pjctrl.project.web.VersionConflictException;
import io.pjctrl.web.problem.ProblemType;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Users: creation and role changes, each recorded as a change event in the same transaction. */
@ApplicationScoped
public class UserService {

    public static final String RESOURCE = "user";

    private final UserRepository users;
    private final ChangeRecorder changes;

    public UserService(UserRepository users, ChangeRecorder changes) {
        this.users = users;
        this.changes = changes;
    }

    /** Creates a user whose password the caller already hashed (off the event loop). */
    @WithTransaction
    public Uni<UserResponse> create(UserRequest request, String passwordHash, ChangeContext context) {
        return users.findByEmail(request.email())
                .onItem()
                .ifNotNull()
                .failWith(() -> new StateConflictException(ProblemType.EMAIL_TAKEN, "a user with this email already exists"))
                .chain(() -> insert(request, passwordHash, context))
                .map(UserResponse::of);
    }

    private Uni<User> insert(UserRequest request, String passwordHash, ChangeContext context) {
        User user = new User();
        user.id = UUID.randomUUID();
        user.email = UserRepository.normalize(request.email());
        user.displayName = request.displayName().trim();
        user.role = request.role();
        user.passwordHash = passwordHash;
        user.createdAt = Changes.now();
        user.updatedAt = user.createdAt;
        return users.persistAndFlush(user)
                .call(created -> record(created, "user.create", "create", Changes.created(created.snapshot()),
                        context));
    }

    @WithSession
    public Uni<PageResponse<UserResponse>> list(PageRequest page) {
        return PageResponse.of(users.findAll(Sort.by("createdAt").and("id")), page, UserResponse::of);
    }

    @WithTransaction
    public Uni<UserResponse> changeRole(UUID id, Role role, Long expectedVersion, ChangeContext context) {
        return users.findById(id)
                .plug(ResourceNotFoundException.ifAbsent(RESOURCE, id))
                .invoke(user -> VersionConflictException.check(RESOURCE, id, expectedVersion, user.aggregateVersion()))
                .call(user -> applyRole(user, role, context))
                .map(UserResponse::of);
    }

    private Uni<User> applyRole(User user, Role role, ChangeContext context) {
        if (user.role == role) {
            return Uni.createFrom().item(user);
        }
        Map<String, Object> before = user.snapshot();
        user.role = role;
        user.updatedAt = Changes.now();
        return users.flush()
                .chain(() -> record(user, "user.permission_change", "update", Changes.diff(before, user.snapshot()),
                        context));
    }

    private Uni<User> record(User user, String type, String action, Map<String, Map<String, Object>> diff,
            ChangeContext context) {
        return changes.record(new ChangeEvent(type, RESOURCE, user.id, null, action, diff, user.aggregateVersion(),
                context))
                .replaceWith(user);
    }
}
