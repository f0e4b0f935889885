package io.pjctrl.audit.log;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.AuditServiceConfig;
import io.pjctrl.audit.sql.SqlQuery;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;

/**
 * Streams audit_logs rows from a server-side cursor (reactive PG client RowStream; STYLE rule 6: Panache would load
 * the whole result). Rows are fetched {@code stream-fetch-size} at a time and only as fast as the subscriber
 * requests them, so an export or verification of millions of rows holds one batch in memory. The read-only
 * REPEATABLE READ transaction gives the whole stream one snapshot; the connection is released on completion,
 * failure or cancellation (client gone).
 */
@ApplicationScoped
public class EntryStreams {

    private final Pool pool;
    private final int fetchSize;

    public EntryStreams(Pool pool, AuditServiceConfig config) {
        this.pool = pool;
        this.fetchSize = config.api().streamFetchSize();
    }

    public Multi<StoredEntry> stream(SqlQuery query) {
        return Multi.createFrom()
                .resourceFromUni(this::open, held -> held.connection()
                        .prepare(query.sql())
                        .onItem()
                        .transformToMulti(statement -> statement.createStream(fetchSize, query.args()).toMulti()))
                .withFinalizer(EntryStreams::close)
                .map(StoredEntry::from);
    }

    private Uni<Held> open() {
        return pool.getConnection()
                .chain(connection -> connection.begin()
                        .call(tx -> connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute())
                        .map(tx -> new Held(connection, tx))
                        .onFailure()
                        .call(connection::close));
    }

    private static Uni<Void> close(Held held) {
        return held.transaction()
                .rollback()
                .onFailure()
                .recoverWithNull()
                .eventually(() -> held.connection().close());
    }

    private record Held(SqlConnection connection, Transaction transaction) {
    }
}
