package dev.catalogsync.adapters.postgres;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * PostgreSQL's own programs from one {@code bin} directory, run as zonky runs them (through {@code unshare -U} when
 * the process is root, as PostgreSQL refuses to run as root): {@code postgres --single} to set the superuser's
 * password while no server runs, and {@code pg_ctl stop} for a server left running by a process that died.
 */
final class PostgresPrograms {

    private static final Duration PROGRAM_LIMIT = Duration.ofSeconds(60);

    private final Path binDirectory;

    private PostgresPrograms(Path binDirectory) {
        this.binDirectory = binDirectory;
    }

    /** The programs beside a running {@code postgres} executable. */
    static PostgresPrograms beside(Path postgresExecutable) {
        return new PostgresPrograms(postgresExecutable.getParent());
    }

    /**
     * The programs of {@code process} if it is a PostgreSQL server (a {@code postgres} executable) serving
     * {@code dataDirectory} ({@code -D} names it); empty for any other process, such as one that took over the pid
     * of a server that is gone, or one whose command line this process may not read.
     */
    static Optional<PostgresPrograms> ofServer(ProcessHandle process, Path dataDirectory) {
        ProcessHandle.Info info = process.info();
        Optional<Path> executable = info.command().map(Path::of);
        if (executable.isEmpty() || !executable.get().getFileName().toString().matches("postgres(\\.exe)?")) {
            return Optional.empty();
        }
        List<String> arguments = List.of(info.arguments().orElse(new String[0]));
        int option = arguments.indexOf("-D");
        if (option < 0 || option + 1 >= arguments.size() || !samePath(arguments.get(option + 1), dataDirectory)) {
            return Optional.empty();
        }
        return Optional.of(beside(executable.get()));
    }

    /**
     * The programs zonky unpacked into {@code zonkyWorkingDirectory} for {@code majorVersion} (as {@code PG_VERSION}
     * says, e.g. {@code 17}).
     *
     * @throws PostgresAdapterException when none there is of that version
     */
    static PostgresPrograms unpackedIn(Path zonkyWorkingDirectory, String majorVersion) {
        try (Stream<Path> unpacked = Files.list(zonkyWorkingDirectory)) {
            List<Path> candidates = unpacked.map(directory -> directory.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("postgres")))
                    .toList();
            for (Path bin : candidates) {
                PostgresPrograms programs = new PostgresPrograms(bin);
                if (programs.majorVersion().equals(majorVersion)) {
                    return programs;
                }
            }
            throw new PostgresAdapterException(
                    "No PostgreSQL " + majorVersion + " in " + zonkyWorkingDirectory + " (found " + candidates + ")");
        } catch (IOException e) {
            throw new PostgresAdapterException("Could not look for PostgreSQL in " + zonkyWorkingDirectory, e);
        }
    }

    /**
     * Sets {@code role}'s password in the cluster on {@code dataDirectory} with {@code postgres --single}, which
     * needs no connection and no authentication; no server may run on the directory meanwhile. The password goes
     * through standard input, never the command line, and is stored as a SCRAM verifier.
     */
    void setPassword(Path dataDirectory, String role, String password) {
        String sql = "ALTER ROLE \"" + role + "\" PASSWORD '" + password.replace("'", "''") + "'\n";
        Result result = run(List.of("postgres", "--single", "-D", dataDirectory.toString(), "postgres"), sql);
        if (result.exitCode() != 0 || result.output().contains("ERROR:")) {
            throw new PostgresAdapterException("Could not set the password of the embedded PostgreSQL's superuser in "
                    + dataDirectory + " (postgres --single exited with " + result.exitCode() + "): "
                    + Redaction.text(lastLines(result.output()), List.of(password)));
        }
    }

    /** Stops the server on {@code dataDirectory} ({@code pg_ctl stop -m fast}: open sessions are ended) and waits for it. */
    void stop(Path dataDirectory) {
        Result result = run(
                List.of(
                        "pg_ctl",
                        "stop",
                        "-D",
                        dataDirectory.toString(),
                        "-m",
                        "fast",
                        "-w",
                        "-t",
                        String.valueOf(PROGRAM_LIMIT.toSeconds())),
                "");
        if (result.exitCode() != 0) {
            throw new PostgresAdapterException("Could not stop the PostgreSQL left running on " + dataDirectory
                    + " (pg_ctl stop exited with " + result.exitCode() + "): " + lastLines(result.output()));
        }
    }

    private String majorVersion() {
        // "postgres (PostgreSQL) 17.6" -> "17"
        String output = run(List.of("postgres", "--version"), "").output().trim();
        String version = output.substring(output.lastIndexOf(' ') + 1);
        int dot = version.indexOf('.');
        return dot < 0 ? version : version.substring(0, dot);
    }

    private record Result(int exitCode, String output) {}

    private Result run(List<String> programAndArguments, String input) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(binDirectory.resolve(programAndArguments.get(0)).toString());
        command.addAll(programAndArguments.subList(1, programAndArguments.size()));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            // Both programs end by themselves: postgres --single at the end of its input, pg_ctl stop after -t.
            String output;
            try (InputStream stdout = process.getInputStream()) {
                output = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(PROGRAM_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new PostgresAdapterException(
                        programAndArguments.get(0) + " did not end within " + PROGRAM_LIMIT.toSeconds() + " s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new PostgresAdapterException("Could not run " + binDirectory.resolve(programAndArguments.get(0)), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostgresAdapterException("Interrupted while running " + programAndArguments.get(0), e);
        }
    }

    private static boolean samePath(String argument, Path directory) {
        Path named = Path.of(argument).toAbsolutePath().normalize();
        try {
            return named.equals(directory) || named.toRealPath().equals(directory.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static String lastLines(String output) {
        List<String> lines = output.strip().lines().toList();
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    @Override
    public String toString() {
        return "PostgreSQL programs in " + binDirectory;
    }
}
