package io.pjctrl.witness;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.pjctrl.contract.tlog.Checkpoint;

/**
 * The one owner of table {@code witnessed_checkpoint}. Plain JDBC: three statements, and the compare-and-swap has to
 * be visible in the SQL itself.
 */
@ApplicationScoped
public class CheckpointRepository {

    private final AgroalDataSource dataSource;

    public CheckpointRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<HeldCheckpoint> latest(String origin) {
        return queryNote("SELECT note FROM witnessed_checkpoint WHERE origin = ?", origin);
    }

    /** By the lowercase hex SHA-256 of the origin, as tlog-witness's monitoring path names a log. */
    public Optional<HeldCheckpoint> latestByOriginHash(String originHash) {
        return queryNote("SELECT note FROM witnessed_checkpoint WHERE origin_hash = ?", originHash);
    }

    /** Stores the first checkpoint of an origin; false when another submission stored one first. */
    public boolean insertFirst(Checkpoint checkpoint, String note, Instant cosignedAt) {
        return update("""
                INSERT INTO witnessed_checkpoint (origin, origin_hash, tree_size, root_hash, note, cosigned_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (origin) DO NOTHING""", statement -> {
            statement.setString(1, checkpoint.origin());
            statement.setString(2, originHash(checkpoint.origin()));
            statement.setLong(3, checkpoint.size());
            statement.setBytes(4, checkpoint.rootHash());
            statement.setString(5, note);
            statement.setTimestamp(6, Timestamp.from(cosignedAt));
        });
    }

    /**
     * Replaces {@code held} by {@code next} only if {@code held} is still the stored checkpoint (same size and root):
     * of two concurrent submissions checked against the same state, exactly one advances.
     */
    public boolean advance(HeldCheckpoint held, Checkpoint next, String note, Instant cosignedAt) {
        return update("""
                UPDATE witnessed_checkpoint SET tree_size = ?, root_hash = ?, note = ?, cosigned_at = ?
                WHERE origin = ? AND tree_size = ? AND root_hash = ?""", statement -> {
            statement.setLong(1, next.size());
            statement.setBytes(2, next.rootHash());
            statement.setString(3, note);
            statement.setTimestamp(4, Timestamp.from(cosignedAt));
            statement.setString(5, held.checkpoint().origin());
            statement.setLong(6, held.checkpoint().size());
            statement.setBytes(7, held.checkpoint().rootHash());
        });
    }

    public static String originHash(String origin) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private Optional<HeldCheckpoint> queryNote(String sql, String key) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(HeldCheckpoint.of(rows.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading witnessed_checkpoint failed: " + e.getMessage(), e);
        }
    }

    private boolean update(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("writing witnessed_checkpoint failed: " + e.getMessage(), e);
        }
    }

    private interface Binder {

        void bind(PreparedStatement statement) throws SQLException;
    }
}
