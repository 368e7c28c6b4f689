package dev.catalogsync.bootstrap.cli;

import com.google.inject.Guice;
import dev.catalogsync.adapters.postgres.Redaction;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Runs one command line and maps every outcome to an exit code and at most one line on stderr. */
public final class CommandLineRunner {

    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    private CommandLineRunner() {}

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        CommandLine commandLine = new CommandLine(
                        CatalogSyncCommand.class,
                        new GuiceCommandFactory(Guice.createInjector(new CommandLineModule())))
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler((problem, arguments) -> {
                    CommandLine where = problem.getCommandLine();
                    report(
                            err,
                            problem.getMessage() + " (see '"
                                    + where.getCommandSpec().qualifiedName() + " --help')",
                            verbose ? Optional.of(problem) : Optional.empty(),
                            databaseOptions(where));
                    return BAD_INPUT;
                })
                .setExecutionExceptionHandler((failure, where, parseResult) -> {
                    Optional<DatabaseOptions> database = databaseOptions(where);
                    report(
                            err,
                            ErrorMessages.describe(
                                    failure, database.map(DatabaseOptions::role).orElse("postgres")),
                            verbose ? Optional.of(failure) : Optional.empty(),
                            database);
                    return FAILED;
                });
        int exitCode = commandLine.execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }

    /**
     * Prints the one line (and with {@code --verbose} the stack trace) with every password masked: those the
     * database options carry, and any a URL quoted in the text carries.
     */
    private static void report(
            PrintWriter err, String line, Optional<Throwable> trace, Optional<DatabaseOptions> database) {
        List<String> secrets = database.map(DatabaseOptions::secrets).orElse(List.of());
        err.println(Redaction.text("catalog-sync: " + line, secrets));
        trace.ifPresent(failure -> {
            StringWriter text = new StringWriter();
            failure.printStackTrace(new PrintWriter(text));
            err.print(Redaction.text(text.toString(), secrets));
        });
    }

    /** The database options of the command that ran, if it takes any. */
    private static Optional<DatabaseOptions> databaseOptions(CommandLine command) {
        return command.getCommandSpec().mixins().values().stream()
                .map(CommandSpec::userObject)
                .filter(DatabaseOptions.class::isInstance)
                .map(DatabaseOptions.class::cast)
                .findFirst();
    }
}
