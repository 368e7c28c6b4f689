package dev.catalogsync.bootstrap.cli;

import dev.catalogsync.application.port.in.BatchSize;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --batch-size}: shared by the commands that run the worker. */
public class BatchSizeOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "${env:CATALOG_SYNC_BATCH_SIZE:-1000}",
            description = "Most events one pass takes (env CATALOG_SYNC_BATCH_SIZE; default: ${DEFAULT-VALUE}, "
                    + "as GitLab's BATCH_SIZE).")
    int value;

    BatchSize batchSize() {
        if (value < 1) {
            throw new ParameterException(mixee.commandLine(), "--batch-size must be at least 1, was " + value);
        }
        return new BatchSize(value);
    }
}
