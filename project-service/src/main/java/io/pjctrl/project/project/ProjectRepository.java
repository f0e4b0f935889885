package io.pjctrl.project.project;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ProjectRepository implements PanacheRepositoryBase<Project, UUID> {

    /** A project that is not deleted, or null. */
    public Uni<Project> findActive(UUID id) {
        return find("id = :id and deletedAt is null", Parameters.with("id", id)).firstResult();
    }

    public PanacheQuery<Project> active(ProjectStatus status) {
        Sort order = Sort.by("createdAt").and("id");
        return status == null
                ? find("deletedAt is null", order)
                : find("deletedAt is null and status = :status", order, Parameters.with("status", status));
    }
}
