package io.pjctrl.project.blocker;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.project.change.ChangeContext;
import io.pjctrl.project.change.ChangeEvent;
import io.pjctrl.project.change.ChangeRecorder;
import io.pjctrl.project.change.Changes;
import io.pjctrl.project.task.Task;
import io.pjctrl.project.task.TaskRepository;
import io.pjctrl.project.task.TaskService;
import io.pjctrl.project.web.ResourceNotFoundException;
import io.pjctrl.project.web.StateConflictException;
import io.pjctrl.project.web.VersionConflictException;
import io.pjctrl.web.problem.ProblemType;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Blockers on tasks. Both reporting and resolving emit {@code task.blocker}; the resource is the blocker (its own
 * version sequence), the task is in {@code changes.task_id} on report and the project in {@code project_id}.
 */
@ApplicationScoped
public class BlockerService {

    public static final String RESOURCE = "blocker";
    private static final String EVENT_TYPE = "task.blocker";

    private final BlockerRepository blockers;
    private final TaskRepository tasks;
    private final ChangeRecorder changes;

    public BlockerService(BlockerRepository blockers, TaskRepository tasks, ChangeRecorder changes) {
        this.blockers = blockers;
        this.tasks = tasks;
        this.changes = changes;
    }

    @WithTransaction
    public Uni<BlockerResponse> report(UUID taskId, BlockerRequest request, ChangeContext context) {
        return activeTask(taskId)
                .chain(task -> {
                    Blocker blocker = new Blocker();
                    blocker.id = UUID.randomUUID();
                    blocker.taskId = taskId;
                    blocker.description = request.description().trim();
                    blocker.status = BlockerStatus.OPEN;
                    blocker.reportedBy = context.actor().userId();
                    blocker.createdAt = Changes.now();
                    return blockers.persistAndFlush(blocker)
                            .call(created -> record(created, task, "create", Changes.created(created.snapshot()),
                                    context));
                })
                .map(BlockerResponse::of);
    }

    @WithSession
    public Uni<List<BlockerResponse>> list(UUID taskId) {
        return activeTask(taskId)
                .chain(() -> blockers.forTask(taskId))
                .map(list -> list.stream().map(BlockerResponse::of).toList());
    }

    @WithTransaction
    public Uni<BlockerResponse> resolve(UUID id, ResolveRequest request, Long expectedVersion, ChangeContext context) {
        return blockers.findById(id)
                .plug(ResourceNotFoundException.ifAbsent(RESOURCE, id))
                .invoke(blocker -> requireOpen(blocker, expectedVersion))
                .call(blocker -> tasks.findById(blocker.taskId)
                        .chain(task -> resolve(blocker, task, request.resolution().trim(), context)))
                .map(BlockerResponse::of);
    }

    private Uni<Blocker> resolve(Blocker blocker, Task task, String resolution, ChangeContext context) {
        Map<String, Object> before = blocker.snapshot();
        blocker.status = BlockerStatus.RESOLVED;
        blocker.resolution = resolution;
        blocker.resolvedBy = context.actor().userId();
        blocker.resolvedAt = Changes.now();
        return blockers.flush()
                .chain(() -> record(blocker, task, "update", Changes.diff(before, blocker.snapshot()), context));
    }

    private static void requireOpen(Blocker blocker, Long expectedVersion) {
        VersionConflictException.check(RESOURCE, blocker.id, expectedVersion, blocker.aggregateVersion());
        if (blocker.status == BlockerStatus.RESOLVED) {
            throw new StateConflictException(ProblemType.ALREADY_RESOLVED, "blocker " + blocker.id + " is already resolved");
        }
    }

    private Uni<Task> activeTask(UUID taskId) {
        return tasks.findActive(taskId)
                .plug(ResourceNotFoundException.ifAbsent(TaskService.RESOURCE, taskId));
    }

    private Uni<Blocker> record(Blocker blocker, Task task, String action, Map<String, Map<String, Object>> diff,
            ChangeContext context) {
        return changes.record(new ChangeEvent(EVENT_TYPE, RESOURCE, blocker.id, task.projectId, action, diff,
                blocker.aggregateVersion(), context))
                .replaceWith(blocker);
    }
}
