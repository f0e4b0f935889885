package io.pjctrl.project.project;

import java.time.Instant;
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
import io.smallrye.mutiny.Uni;

/**
 * Projects. Each write flushes the entity first (taking its row lock and bumping its version), then records the
 * change event in the same transaction, so the event carries the version after the change.
 */
@ApplicationScoped
public class ProjectService {

    public static final String RESOURCE = "project";

    private final ProjectRepository projects;
    private final ChangeRecorder changes;

    public ProjectService(ProjectRepository projects, ChangeRecorder changes) {
        this.projects = projects;
        this.changes = changes;
    }

    @WithTransaction
    public Uni<ProjectResponse> create(ProjectRequest request, ChangeContext context) {
        Project project = new Project();
        project.id = UUID.randomUUID();
        project.name = request.name().trim();
        project.description = request.description();
        project.status = ProjectStatus.ACTIVE;
        project.createdBy = context.actor().userId();
        project.createdAt = Changes.now();
        project.updatedAt = project.createdAt;
        return projects.persistAndFlush(project)
                .call(created -> record(created, "create", Changes.created(created.snapshot()), context))
                .map(ProjectResponse::of);
    }

    @WithSession
    public Uni<PageResponse<ProjectResponse>> list(ProjectStatus status, PageRequest page) {
        return PageResponse.of(projects.active(status), page, ProjectResponse::of);
    }

    @WithSession
    public Uni<ProjectResponse> get(UUID id) {
        return active(id)
                .map(ProjectResponse::of);
    }

    @WithTransaction
    public Uni<ProjectResponse> update(UUID id, ProjectPatch patch, Long expectedVersion, ChangeContext context) {
        return active(id)
                .invoke(project -> VersionConflictException.check(RESOURCE, id, expectedVersion,
                        project.aggregateVersion()))
                .call(project -> apply(project, patch, context))
                .map(ProjectResponse::of);
    }

    private Uni<Project> apply(Project project, ProjectPatch patch, ChangeContext context) {
        Map<String, Object> before = project.snapshot();
        if (patch.name != null) {
            project.name = patch.name.trim();
        }
        if (patch.descriptionSet()) {
            project.description = patch.description();
        }
        if (patch.status != null) {
            project.status = patch.status;
        }
        Map<String, Map<String, Object>> diff = Changes.diff(before, project.snapshot());
        if (diff.isEmpty()) {
            return Uni.createFrom().item(project);
        }
        project.updatedAt = Changes.now();
        return projects.flush()
                .chain(() -> record(project, "update", diff, context));
    }

    /** Soft delete; only live projects can be deleted (404 otherwise). */
    @WithTransaction
    public Uni<ProjectResponse> delete(UUID id, Long expectedVersion, ChangeContext context) {
        return active(id)
                .invoke(project -> VersionConflictException.check(RESOURCE, id, expectedVersion,
                        project.aggregateVersion()))
                .invoke(project -> project.deletedAt = Changes.now())
                .call(project -> projects.flush()
                        .chain(() -> record(project, "delete", Changes.deleted(project.snapshot()), context)))
                .map(ProjectResponse::of);
    }

    @WithTransaction
    public Uni<ProjectResponse> restore(UUID id, Long expectedVersion, ChangeContext context) {
        return projects.findById(id)
                .plug(ResourceNotFoundException.ifAbsent(RESOURCE, id))
                .invoke(project -> requireDeleted(project, expectedVersion))
                .call(project -> restore(project, context))
                .map(ProjectResponse::of);
    }

    private static void requireDeleted(Project project, Long expectedVersion) {
        VersionConflictException.check(RESOURCE, project.id, expectedVersion, project.aggregateVersion());
        if (project.deletedAt == null) {
            throw new StateConflictException(ProblemType.NOT_DELETED, "project " + project.id + " is not deleted");
        }
    }

    private Uni<Project> restore(Project project, ChangeContext context) {
        Instant deletedAt = project.deletedAt;
        project.deletedAt = null;
        project.updatedAt = Changes.now();
        return projects.flush()
                .chain(() -> record(project, "restore", Changes.of("deleted_at", deletedAt, null), context));
    }

    private Uni<Project> active(UUID id) {
        return projects.findActive(id)
                .plug(ResourceNotFoundException.ifAbsent(RESOURCE, id));
    }

    private Uni<Project> record(Project project, String action, Map<String, Map<String, Object>> diff,
            ChangeContext context) {
        return changes.record(new ChangeEvent(RESOURCE + "." + action, RESOURCE, project.id, project.id, action, diff,
                project.aggregateVersion(), context))
                .replaceWith(project);
    }
}
