package io.pjctrl.project.task;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.project.change.ChangeContext;
import io.pjctrl.project.change.ChangeEvent;
import io.pjctrl.project.change.ChangeRecorder;
import io.pjctrl.project.change.Changes;
import io.pjctrl.project.project.ProjectRepository;
import io.pjctrl.project.project.ProjectService;
import io.pjctrl.project.user.UserRepository;
import io.pjctrl.project.user.UserService;
import io.pjctrl.project.web.PageRequest;
import io.pjctrl.project.web.PageResponse;
import io.pjctrl.project.web.ResourceNotFoundException;
import io.pjctrl.project.web.StateConflictException;
import io.pjctrl.project.web.VersionConflictException;
import io.pjctrl.web.problem.ProblemType;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Tasks of a project. Like projects: flush the entity (row lock + version bump), then record the event in the same
 * transaction.
 */
@ApplicationScoped
public class TaskService {

    public static final String RESOURCE = "task";

    private final TaskRepository tasks;
    private final ProjectRepository projects;
    private final UserRepository users;
    private final ChangeRecorder changes;

    public TaskService(TaskRepository tasks, ProjectRepository projects, UserRepository users, ChangeRecorder changes) {
        this.tasks = tasks;
        this.projects = projects;
        this.users = users;
        this.changes = changes;
    }

    @WithTransaction
    public Uni<TaskResponse> create(UUID projectId, TaskRequest request, ChangeContext context) {
        return requireProject(projectId)
                .map(project -> newTask(projectId, request, context))
                .call(task -> tasks.persistAndFlush(task))
                .call(task -> record(task, "task.create", "create", Changes.created(task.snapshot()), context))
                .map(TaskResponse::of);
    }

    private static Task newTask(UUID projectId, TaskRequest request, ChangeContext context) {
        Task task = new Task();
        task.id = UUID.randomUUID();
        task.projectId = projectId;
        task.title = request.title().trim();
        task.description = request.description();
        task.status = Objects.requireNonNullElse(request.status(), TaskStatus.TODO);
        task.priority = Objects.requireNonNullElse(request.priority(), TaskPriority.MEDIUM);
        task.dueDate = request.dueDate();
        task.createdBy = context.actor().userId();
        task.createdAt = Changes.now();
        task.updatedAt = task.createdAt;
        return task;
    }

    @WithSession
    public Uni<PageResponse<TaskResponse>> list(UUID projectId, TaskStatus status, UUID assigneeId, PageRequest page) {
        return requireProject(projectId)
                .chain(() -> PageResponse.of(tasks.active(projectId, status, assigneeId), page, TaskResponse::of));
    }

    @WithSession
    public Uni<TaskResponse> get(UUID id) {
        return active(id)
                .map(TaskResponse::of);
    }

    @WithTransaction
    public Uni<TaskResponse> update(UUID id, TaskPatch patch, Long expectedVersion, ChangeContext context) {
        return activeAt(id, expectedVersion)
                .call(task -> apply(task, patch, context))
                .map(TaskResponse::of);
    }

    private Uni<Task> apply(Task task, TaskPatch patch, ChangeContext context) {
        Map<String, Object> before = task.snapshot();
        if (patch.title != null) {
            task.title = patch.title.trim();
        }
        if (patch.descriptionSet()) {
            task.description = patch.description();
        }
        if (patch.status != null) {
            task.status = patch.status;
        }
        if (patch.priority != null) {
            task.priority = patch.priority;
        }
        if (patch.dueDateSet()) {
            task.dueDate = patch.dueDate();
        }
        return change(task, "task.update", "update", Changes.diff(before, task.snapshot()), context);
    }

    /** Sets ({@code userId} not null) or removes the assignee: {@code task.assign}. */
    @WithTransaction
    public Uni<TaskResponse> assign(UUID id, UUID userId, Long expectedVersion, ChangeContext context) {
        Uni<Void> assigneeExists = userId == null
                ? Uni.createFrom().voidItem()
                : users.findById(userId)
                        .plug(ResourceNotFoundException.ifAbsent(UserService.RESOURCE, userId))
                        .replaceWithVoid();
        return assigneeExists
                .chain(() -> activeAt(id, expectedVersion))
                .call(task -> {
                    Map<String, Object> before = task.snapshot();
                    task.assigneeId = userId;
                    return change(task, "task.assign", "update", Changes.diff(before, task.snapshot()), context);
                })
                .map(TaskResponse::of);
    }

    @WithTransaction
    public Uni<TaskResponse> delete(UUID id, Long expectedVersion, ChangeContext context) {
        return activeAt(id, expectedVersion)
                .invoke(task -> task.deletedAt = Changes.now())
                .call(task -> tasks.flush()
                        .chain(() -> record(task, "task.delete", "delete", Changes.deleted(task.snapshot()), context)))
                .map(TaskResponse::of);
    }

    @WithTransaction
    public Uni<TaskResponse> restore(UUID id, Long expectedVersion, ChangeContext context) {
        return tasks.findById(id)
                .plug(ResourceNotFoundException.ifAbsent(RESOURCE, id))
                .invoke(task -> requireDeleted(task, expectedVersion))
                .call(task -> {
                    Instant deletedAt = task.deletedAt;
                    task.deletedAt = null;
                    task.updatedAt = Changes.now();
                    return tasks.flush()
                            .chain(() -> record(task, "task.restore", "restore", Changes.of("deleted_at", deletedAt, null),
                                    context));
                })
                .map(TaskResponse::of);
    }

    private static void requireDeleted(Task task, Long expectedVersion) {
        VersionConflictException.check(RESOURCE, task.id, expectedVersion, task.aggregateVersion());
        if (task.deletedAt == null) {
            throw new StateConflictException(ProblemType.NOT_DELETED, "task " + task.id + " is not deleted");
        }
    }

    /** Flushes and records an update, or does nothing when no audited field changed (no event, no new version). */
    private Uni<Task> change(Task task, String type, String action, Map<String, Map<String, Object>> diff,
            ChangeContext context) {
        if (diff.isEmpty()) {
            return Uni.createFrom().item(task);
        }
        task.updatedAt = Changes.now();
        return tasks.flush()
                .chain(() -> record(task, type, action, diff, context));
    }

    private Uni<Void> requireProject(UUID projectId) {
        return projects.findActive(projectId)
                .plug(ResourceNotFoundException.ifAbsent(ProjectService.RESOURCE, projectId))
                .replaceWithVoid();
    }

    private Uni<Task> active(UUID id) {
        return tasks.findActive(id)
                .plug(ResourceNotFoundException.ifAbsent(RESOURCE, id));
    }

    private Uni<Task> activeAt(UUID id, Long expectedVersion) {
        return active(id)
                .invoke(task -> VersionConflictException.check(RESOURCE, id, expectedVersion, task.aggregateVersion()));
    }

    private Uni<Task> record(Task task, String type, String action, Map<String, Map<String, Object>> diff,
            ChangeContext context) {
        return changes.record(new ChangeEvent(type, RESOURCE, task.id, task.projectId, action, diff,
                task.aggregateVersion(), context))
                .replaceWith(task);
    }
}
