package dev.catalogsync.adapters.postgres.benchmark;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The two sides of the propagation measurement: a writer that renames projects, each rename one committed
 * {@code UPDATE}, and a reader that asks which catalog resources show which names. Each side keeps one
 * connection of its own for as long as it runs, as an application's writer and a catalog's reader would.
 */
public final class PropagationProbe implements AutoCloseable {

    private final Connection writer;
    private final PreparedStatement rename;
    private final Connection reader;
    private final PreparedStatement mirrored;

    public PropagationProbe(DataSource dataSource) {
        try {
            writer = dataSource.getConnection();
            rename = writer.prepareStatement("UPDATE projects SET name = ? WHERE id = ?");
            reader = dataSource.getConnection();
            mirrored = reader.prepareStatement(
                    "SELECT project_id, name FROM catalog_resources WHERE project_id = ANY (?)");
        } catch (SQLException e) {
            close();
            throw Jdbc.failed("opening the propagation probe's connections", e);
        }
    }

    /** Renames one project; returns once the rename is committed. Meant for one thread. */
    public void rename(long projectId, String name) {
        try {
            rename.setString(1, name);
            rename.setLong(2, projectId);
            rename.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failed("UPDATE projects SET name = ? WHERE id = ?", e);
        }
    }

    /** The names the catalog resources of these projects show now, by project id. Meant for one other thread. */
    public Map<Long, String> mirroredNames(Collection<Long> projectIds) {
        Map<Long, String> names = new HashMap<>();
        try {
            Array ids = reader.createArrayOf("bigint", projectIds.toArray());
            mirrored.setArray(1, ids);
            try (ResultSet rows = mirrored.executeQuery()) {
                while (rows.next()) {
                    names.put(rows.getLong(1), rows.getString(2));
                }
            }
            ids.free();
        } catch (SQLException e) {
            throw Jdbc.failed("SELECT project_id, name FROM catalog_resources WHERE project_id = ANY (?)", e);
        }
        return names;
    }

    @Override
    public void close() {
        closeQuietly(writer);
        closeQuietly(reader);
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing a pooled connection only returns it; nothing is left to undo.
        }
    }
}
