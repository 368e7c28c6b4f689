package dev.catalogsync.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad command lines, in process: each is refused before any database is opened or started, with exit code 2 and one
 * line on stderr that names the problem, no stack trace, nothing on stdout. Every case that takes database options
 * also names an unreachable server: a case that wrongly got past its checks would fail with exit code 1 rather
 * than start an embedded PostgreSQL. The cases that need a database, or a separate JVM, are in {@code BadInputIT}.
 */
class BadCommandLinesTest {

    private static final String FLAG = "ci_process_catalog_resource_sync_events";
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @TempDir
    static Path files;

    private static Path emptyFile;
    private static Path shortTokenFile;
    private static Path hugeFile;

    @BeforeAll
    static void tokenFiles() throws IOException {
        emptyFile = Files.writeString(files.resolve("empty"), "  \n");
        shortTokenFile = Files.writeString(files.resolve("short"), "hunter2\n");
        hugeFile = Files.write(files.resolve("huge"), new byte[HttpToken.MAX_FILE_BYTES + 1]);
        Files.setPosixFilePermissions(shortTokenFile, PosixFilePermissions.fromString("rw-------"));
    }

    /** A bad command line and words its one line of error must hold. */
    record Case(String what, List<String> args, String says, String neverSays) {
        @Override
        public String toString() {
            return what;
        }
    }

    private static Case bad(String what, String says, String... args) {
        return new Case(what, List.of(args), says, null);
    }

    /** As {@link #bad}, for a command that would reach a database: it names one that never answers. */
    private static Case badOnADatabase(String what, String says, String... args) {
        List<String> withDatabase = new ArrayList<>(List.of(args));
        withDatabase.addAll(List.of("--db-url", "jdbc:postgresql://127.0.0.1:1/never_reached"));
        return new Case(what, withDatabase, says, null);
    }

    static Stream<Case> cases() {
        return Stream.of(
                // Commands and options.
                bad("no command", "Missing command"),
                bad("an unknown command", "frobnicate", "frobnicate"),
                bad("an unknown subcommand", "Missing subcommand", "feature"),
                badOnADatabase("an unknown option", "--no-such-option", "process", "--no-such-option"),
                badOnADatabase("an option without its value", "--batch-size", "drain", "--batch-size"),
                // Numbers.
                badOnADatabase(
                        "a batch size that is a word", "'ten' is not a whole number", "process", "--batch-size", "ten"),
                badOnADatabase(
                        "a batch size in exponent form", "'1e3' is not a whole number", "drain", "--batch-size", "1e3"),
                badOnADatabase("a batch size of zero", "between 1 and 100000, was 0", "process", "--batch-size", "0"),
                badOnADatabase(
                        "a negative batch size", "between 1 and 100000, was -5", "process", "--batch-size", "-5"),
                badOnADatabase(
                        "a batch size over the bound",
                        "between 1 and 100000, was 100001",
                        "drain",
                        "--batch-size",
                        "100001"),
                badOnADatabase(
                        "a batch size past any integer",
                        "between 1 and 100000, was 99999999999999999999",
                        "reconcile",
                        "--batch-size",
                        "99999999999999999999"),
                badOnADatabase("a port that is a word", "--http-port", "run", "--http-port", "eighty"),
                badOnADatabase(
                        "a port out of range",
                        "--http-port must be between 0 and 65535",
                        "run",
                        "--http-port",
                        "70000"),
                badOnADatabase("a negative poll interval", "--poll-interval-ms", "run", "--poll-interval-ms", "-1"),
                badOnADatabase("a poll interval over an hour", "an hour", "run", "--poll-interval-ms", "3600001"),
                badOnADatabase(
                        "a poll interval past any long",
                        "--poll-interval-ms",
                        "run",
                        "--poll-interval-ms",
                        "99999999999999999999"),
                badOnADatabase(
                        "demo projects of zero", "--projects must be between 1", "demo", "seed", "--projects", "0"),
                // Durations.
                badOnADatabase(
                        "a duration that is a word",
                        "'soon' is not a duration",
                        "partitions",
                        "sync",
                        "--retention",
                        "soon"),
                badOnADatabase(
                        "a duration that overflows",
                        "'999999999d' is longer than the longest duration taken",
                        "partitions",
                        "sync",
                        "--retention",
                        "999999999d"),
                badOnADatabase(
                        "an ISO duration that overflows",
                        "is longer than the longest duration taken",
                        "partitions",
                        "sync",
                        "--partition-duration",
                        "PT99999999999999999999H"),
                badOnADatabase(
                        "a partition duration of zero",
                        "--partition-duration",
                        "partitions",
                        "sync",
                        "--partition-duration",
                        "0"),
                // Schedules.
                badOnADatabase("a cron with a seconds field", "five-field", "run", "--cron", "0 */1 * * * *"),
                badOnADatabase("a cron that never fires", "'0 0 30 2 *' never fires", "run", "--cron", "0 0 30 2 *"),
                badOnADatabase(
                        "an upkeep cron that never fires",
                        "'0 0 31 4 *' never fires",
                        "run",
                        "--reconcile-cron",
                        "0 0 31 4 *"),
                badOnADatabase("an upkeep cron that is a word", "'hourly'", "run", "--partitions-cron", "hourly"),
                // Flags.
                badOnADatabase(
                        "an unknown flag name",
                        "Unknown feature flag 'no_such_flag'",
                        "feature",
                        "set",
                        "no_such_flag",
                        "true"),
                badOnADatabase("a flag value that is not a boolean", "true or false", "feature", "set", FLAG, "maybe"),
                // Database URLs: refused before any connection, any password in them hidden.
                bad(
                        "a URL of another database",
                        "Not a PostgreSQL JDBC URL",
                        "status",
                        "--db-url",
                        "jdbc:mysql://db/gitlab"),
                bad(
                        "a URL that is not one",
                        "Not a PostgreSQL JDBC URL: 'not a url'",
                        "status",
                        "--db-url",
                        "not a url"),
                bad(
                        "a URL with an open bracket",
                        "Malformed PostgreSQL JDBC URL",
                        "status",
                        "--db-url",
                        "jdbc:postgresql://[db/gitlab"),
                bad(
                        "a URL with a port out of range",
                        "the port '99999' is not between 1 and 65535",
                        "drain",
                        "--db-url",
                        "jdbc:postgresql://db:99999/gitlab"),
                new Case(
                        "a URL holding a password",
                        List.of("status", "--db-url", "jdbc:mysql://db/gitlab?user=app&password=" + SECRET),
                        "password=***",
                        SECRET),
                bad(
                        "demo seed on a database of the host's",
                        "only runs on the embedded database",
                        "demo",
                        "seed",
                        "--db-url",
                        "jdbc:postgresql://127.0.0.1:1/never_reached"),
                // HTTP.
                badOnADatabase(
                        "listening beyond the loopback without a token",
                        "--http-host 0.0.0.0 is beyond the loopback: set CATALOG_SYNC_HTTP_TOKEN or --http-token-file",
                        "run",
                        "--http-host",
                        "0.0.0.0"),
                badOnADatabase(
                        "a token file that does not exist",
                        "does not exist",
                        "run",
                        "--http-token-file",
                        "/nonexistent/catalog-sync-token"),
                badOnADatabase("an empty token file", "is empty", "run", "--http-token-file", emptyFile.toString()),
                badOnADatabase(
                        "a huge token file", "not a token file", "run", "--http-token-file", hugeFile.toString()),
                new Case(
                        "a token too short to be one",
                        List.of(
                                "run",
                                "--http-token-file",
                                shortTokenFile.toString(),
                                "--db-url",
                                "jdbc:postgresql://127.0.0.1:1/never_reached"),
                        "16 to 4096 characters",
                        "hunter2"),
                badOnADatabase(
                        "a public name with a port", "without a port", "run", "--http-public-name", "sync.example:443"),
                badOnADatabase(
                        "an HTTP host that does not resolve",
                        "--http-host: unknown host",
                        "run",
                        "--http-host",
                        "no-such-host.invalid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void is_refused_with_exit_code_2_and_one_line_that_names_the_problem(Case example) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exitCode = CommandLineRunner.run(
                example.args().toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(exitCode).as(err.toString()).isEqualTo(CommandLineRunner.BAD_INPUT);
        assertThat(err.toString().lines()).as(err.toString()).hasSize(1);
        assertThat(err.toString())
                .startsWith("catalog-sync: ")
                .contains(example.says())
                .doesNotContain("\tat ", "Exception");
        if (example.neverSays() != null) {
            assertThat(err.toString()).doesNotContain(example.neverSays());
        }
        assertThat(out.toString()).isEmpty();
    }
}
