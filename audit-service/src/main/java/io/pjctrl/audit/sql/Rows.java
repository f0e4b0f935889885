package io.pjctrl.audit.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import io.vertx.mutiny.sqlclient.Row;

/** Mapping of a result set the repositories share. */
public final class Rows {

    private Rows() {
    }

    /** Every row mapped, in result order. */
    public static <T> List<T> list(Iterable<Row> rows, Function<Row, T> mapper) {
        List<T> out = new ArrayList<>();
        rows.forEach(row -> out.add(mapper.apply(row)));
        return out;
    }

    /** The one text column of every row, in result order (e.g. a list of chain ids). */
    public static List<String> strings(Iterable<Row> rows) {
        return list(rows, row -> row.getString(0));
    }

    /** The one uuid column of every row, as a set (e.g. the event ids a lookup found). */
    public static Set<UUID> uuidSet(Iterable<Row> rows) {
        Set<UUID> out = new HashSet<>();
        rows.forEach(row -> out.add(row.getUUID(0)));
        return out;
    }

    /** The one boolean column of the one row (e.g. {@code SELECT EXISTS (...)}). */
    public static boolean singleBoolean(Iterable<Row> rows) {
        return rows.iterator().next().getBoolean(0);
    }
}
