package io.pjctrl.audit.sql;

import io.vertx.mutiny.sqlclient.Tuple;

/** A statement and its parameters, kept together so tests can EXPLAIN exactly what the API runs. */
public record SqlQuery(String sql, Tuple args) {
}
