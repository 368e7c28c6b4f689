package dev.catalogsync.bootstrap.cli;

import com.google.inject.Guice;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

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
                    err.println("catalog-sync: " + problem.getMessage() + " (see '"
                            + where.getCommandSpec().qualifiedName() + " --help')");
                    if (verbose) {
                        problem.printStackTrace(err);
                    }
                    return BAD_INPUT;
                })
                .setExecutionExceptionHandler((failure, where, parseResult) -> {
                    err.println("catalog-sync: " + ErrorMessages.describe(failure));
                    if (verbose) {
                        failure.printStackTrace(err);
                    }
                    return FAILED;
                });
        int exitCode = commandLine.execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }
}
