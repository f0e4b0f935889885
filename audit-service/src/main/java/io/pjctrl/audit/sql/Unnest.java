package io.pjctrl.audit.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The parameters of a bulk statement over {@code unnest($1::uuid[], $2::text[], ...)}: one typed array per column,
 * each holding the rows' values in row order. One statement writes a whole batch (rather than one per row); the
 * columns are declared once, in the order of the statement's parameters.
 */
public final class Unnest<T> {

    private final List<Column<T, ?>> columns;

    private Unnest(List<Column<T, ?>> columns) {
        this.columns = columns;
    }

    public static <T> Unnest<T> of() {
        return new Unnest<>(List.of());
    }

    /** The next parameter: an array made by {@code array} (its element type is the SQL array's), one value per row. */
    public <V> Unnest<T> column(IntFunction<V[]> array, Function<T, V> value) {
        List<Column<T, ?>> more = new ArrayList<>(columns);
        more.add(new Column<>(array, value));
        return new Unnest<>(List.copyOf(more));
    }

    /** The arrays of {@code rows}, as parameters $1, $2, ... */
    public Tuple tuple(List<T> rows) {
        Object[] arrays = new Object[columns.size()];
        for (int c = 0; c < arrays.length; c++) {
            arrays[c] = columns.get(c).values(rows);
        }
        return Tuple.from(arrays);
    }

    private record Column<T, V>(IntFunction<V[]> array, Function<T, V> value) {

        V[] values(List<T> rows) {
            V[] values = array.apply(rows.size());
            for (int i = 0; i < values.length; i++) {
                values[i] = value.apply(rows.get(i));
            }
            return values;
        }
    }
}
