package io.pjctrl.audit.sql;

import java.util.ArrayList;
import java.util.List;
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
}
