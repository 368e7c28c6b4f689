package dev.catalogsync.adapters.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks, before anything changes, that a host application's own {@code projects} and {@code catalog_resources}
 * (where they exist already) have the columns the trigger and the worker read and write, with types they can
 * copy. The migrations create these tables only where they are absent and never alter them.
 */
final class HostSchemaCheck {

    private static final List<String> WHOLE_NUMBERS = List.of("bigint", "integer", "smallint");
    private static final List<String> TEXTS = List.of("character varying", "text", "character");

    /** The columns catalog-sync uses, each with the data types it accepts. */
    private static final Map<String, Map<String, List<String>>> REQUIRED = requiredColumns();

    private HostSchemaCheck() {}

    /** What one table looks like, read from the catalog of the connection's current schema. */
    record Found(String table, boolean exists, Map<String, String> columnTypes) {}

    /**
     * @return one line naming every problem, or empty when the host's tables (or their absence) suit us
     * @throws SQLException when the catalog cannot be read
     */
    static Optional<String> problems(Connection connection) throws SQLException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<String>>> table : REQUIRED.entrySet()) {
            Found found = read(connection, table.getKey());
            if (found.exists()) {
                problems.addAll(columnProblems(found, table.getValue()));
            }
        }
        if (problems.isEmpty()
                && read(connection, "projects").exists()
                && !read(connection, "catalog_resources").exists()
                && !idIsUnique(connection, "projects")) {
            problems.add("projects.id has no primary key or unique index, which catalog_resources.project_id "
                    + "must reference");
        }
        return problems.isEmpty()
                ? Optional.empty()
                : Optional.of("the database's own tables do not suit catalog-sync: " + String.join("; ", problems)
                        + " (nothing was changed)");
    }

    /** Whether {@code table} exists in the current schema. */
    static boolean exists(Connection connection, String table) throws SQLException {
        return read(connection, table).exists();
    }

    private static List<String> columnProblems(Found found, Map<String, List<String>> required) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<String>> column : required.entrySet()) {
            String type = found.columnTypes().get(column.getKey());
            if (type == null) {
                problems.add(found.table() + " has no column " + column.getKey() + " ("
                        + String.join(" or ", column.getValue()) + ")");
            } else if (!column.getValue().contains(type)) {
                problems.add(found.table() + "." + column.getKey() + " is " + type + ", not "
                        + String.join(" or ", column.getValue()));
            }
        }
        return problems;
    }

    private static Found read(Connection connection, String table) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT column_name, data_type "
                + "FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return new Found(table, !columns.isEmpty(), columns);
    }

    private static boolean idIsUnique(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_index i "
                + "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] "
                + "WHERE i.indrelid = to_regclass(quote_ident(current_schema()) || '.' || quote_ident(?)) "
                + "AND i.indisunique AND i.indnatts = 1 AND a.attname = 'id')")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    private static Map<String, Map<String, List<String>>> requiredColumns() {
        Map<String, List<String>> projects = new LinkedHashMap<>();
        projects.put("id", WHOLE_NUMBERS);
        projects.put("name", TEXTS);
        projects.put("description", TEXTS);
        projects.put("visibility_level", WHOLE_NUMBERS);
        Map<String, List<String>> resources = new LinkedHashMap<>(projects);
        resources.put("project_id", WHOLE_NUMBERS);
        Map<String, Map<String, List<String>>> tables = new LinkedHashMap<>();
        tables.put("projects", projects);
        tables.put("catalog_resources", resources);
        return tables;
    }
}
