package io.pjctrl.audit.directory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.contract.chain.Timestamps;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/** Names for ids (the admin UI's labels and typeahead), and a user's erasure from the directory. */
@ApplicationScoped
public class DirectoryService {

    private final DirectoryRepository directory;
    private final Pool pool;

    public DirectoryService(DirectoryRepository directory, Pool pool) {
        this.directory = directory;
        this.pool = pool;
    }

    public Uni<List<DirectoryEntry>> lookup(List<String> ids) {
        return directory.lookup(ids);
    }

    public Uni<List<DirectoryEntry>> search(String query, String kind, int limit) {
        return directory.search(query, kind, limit);
    }

    /** Erases the user's display name and e-mail in a transaction of its own. */
    public Uni<Void> forget(UUID userId) {
        return pool.withTransaction(connection -> forget(connection, userId));
    }

    /** Erases the user's display name and e-mail in the caller's transaction (the erasure's, once wired in). */
    public Uni<Void> forget(SqlClient client, UUID userId) {
        return directory.forget(client, userId, Timestamps.truncate(Instant.now()))
                .invoke(() -> Log.infof("Directory: name and e-mail of user %s erased", userId));
    }

    /**
     * Reclaims the blanked rows' old versions so the heap no longer holds erased names (autovacuum may be off); plain
     * VACUUM, outside any transaction, taking no lock that blocks the ingest.
     */
    public Uni<Void> vacuum(SqlClient client) {
        return client.query("VACUUM audit_directory").execute().replaceWithVoid();
    }
}
