package io.pjctrl.audit.sql;

import java.util.ArrayList;
import java.util.List;

import io.vertx.mutiny.sqlclient.Tuple;

/** Builds a WHERE clause with numbered PostgreSQL parameters ($1, $2, ...) and their values in step. */
public final class SqlWhere {

    private final List<String> conditions = new ArrayList<>();
    private final Tuple args = Tuple.tuple();

    /** Adds {@code condition}, in which each {@code ?} becomes the next numbered parameter for the next value. */
    public SqlWhere and(String condition, Object... values) {
        StringBuilder numbered = new StringBuilder();
        int next = 0;
        for (char c : condition.toCharArray()) {
            if (c == '?') {
                args.addValue(values[next++]);
                numbered.append('$').append(args.size());
            } else {
                numbered.append(c);
            }
        }
        conditions.add(numbered.toString());
        return this;
    }

    /** Binds one more value outside the WHERE clause (e.g. LIMIT) and returns its placeholder. */
    public String bind(Object value) {
        args.addValue(value);
        return "$" + args.size();
    }

    /** The conditions joined with AND ({@code TRUE} when there are none), to reuse in several parts of a statement. */
    public String conditions() {
        return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
    }

    public String clause() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    public Tuple args() {
        return args;
    }
}
