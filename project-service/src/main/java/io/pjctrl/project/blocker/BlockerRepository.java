package io.pjctrl.project.blocker;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class BlockerRepository implements PanacheRepositoryBase<Blocker, UUID> {

    public Uni<List<Blocker>> forTask(UUID taskId) {
        return list("taskId", Sort.by("createdAt").and("id"), taskId);
    }
}
