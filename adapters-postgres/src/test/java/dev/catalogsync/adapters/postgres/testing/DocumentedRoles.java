package dev.catalogsync.adapters.postgres.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The role statements of {@code docs/installing.md}, as written there, with its example role names replaced by
 * names unique to one test (roles belong to the whole server, which tests share). Tests run exactly these, so
 * the document cannot drift from what is tested.
 */
public final class DocumentedRoles {

    /** The password the document gives every role. */
    public static final String PASSWORD = "change-me";

    private static final Path DOCUMENT = Path.of("docs", "installing.md");
    private static final Pattern SQL_BLOCK = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL);
    private static final List<String> EXAMPLE_NAMES =
            List.of("catalog_sync_owner", "catalog_sync_worker", "catalog_sync_reader", "gitlab");

    private final Map<String, String> names;
    private final List<String> blocks;

    private DocumentedRoles(Map<String, String> names, List<String> blocks) {
        this.names = names;
        this.blocks = blocks;
    }

    /** Reads the document (found from the working directory up) and picks unique names for its roles. */
    public static DocumentedRoles withUniqueNames() {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Map<String, String> names = new LinkedHashMap<>();
        for (String example : EXAMPLE_NAMES) {
            names.put(example, example + "_" + suffix);
        }
        Matcher blocks = SQL_BLOCK.matcher(read(locate()));
        List<String> sql = blocks.results().map(block -> block.group(1)).toList();
        return new DocumentedRoles(names, sql);
    }

    /** The test's name for the document's example role, e.g. {@code catalog_sync_worker}. */
    public String name(String exampleName) {
        String name = names.get(exampleName);
        if (name == null) {
            throw new IllegalArgumentException("docs/installing.md names no role " + exampleName);
        }
        return name;
    }

    /** The SQL block of the numbered step ({@code -- 1. ...}), with the test's role names. */
    public String step(int number) {
        String block = blocks.stream()
                .filter(sql -> sql.startsWith("-- " + number + "."))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("docs/installing.md has no SQL block for step " + number));
        for (Map.Entry<String, String> name : names.entrySet()) {
            block = block.replaceAll("\\b" + name.getKey() + "\\b", name.getValue());
        }
        return block;
    }

    /** Runs a step's statements on {@code dataSource}, as one script. */
    public void run(int step, DataSource dataSource) {
        execute(dataSource, step(step));
    }

    /**
     * Drops those of the roles that exist, with whatever they own or were granted in {@code database}; run as a
     * superuser there.
     */
    public void drop(DataSource database) {
        String roles = "'" + String.join("', '", names.values()) + "'";
        execute(database, """
                DO $$
                DECLARE role_name text;
                BEGIN
                    FOR role_name IN SELECT rolname FROM pg_roles WHERE rolname IN (%s) LOOP
                        EXECUTE format('DROP OWNED BY %%I CASCADE', role_name);
                        EXECUTE format('DROP ROLE %%I', role_name);
                    END LOOP;
                END
                $$""".formatted(roles));
    }

    private static void execute(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run: " + sql, e);
        }
    }

    private static Path locate() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.isRegularFile(directory.resolve(DOCUMENT))) {
                return directory.resolve(DOCUMENT);
            }
        }
        throw new IllegalStateException(
                "No " + DOCUMENT + " above " + Path.of("").toAbsolutePath());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
