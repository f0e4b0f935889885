package io.pjctrl.project.task;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TaskRepository implements PanacheRepositoryBase<Task, UUID> {

    /** A task that is not deleted, or null. */
    public Uni<Task> findActive(UUID id) {
        return find("id = :id and deletedAt is null", Parameters.with("id", id)).firstResult();
    }

    public PanacheQuery<Task> active(UUID projectId, TaskStatus status, UUID assigneeId) {
        StringBuilder query = new StringBuilder("projectId = :project and deletedAt is null");
        Parameters parameters = Parameters.with("project", projectId);
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        if (assigneeId != null) {
            query.append(" and assigneeId = :assignee");
            parameters.and("assignee", assigneeId);
        }
        return find(query.toString(), Sort.by("createdAt").and("id"), parameters);
    }
}
