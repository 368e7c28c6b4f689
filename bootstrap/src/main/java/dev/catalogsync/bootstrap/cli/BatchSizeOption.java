package dev.catalogsync.bootstrap.cli;

import dev.catalogsync.application.port.in.BatchSize;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --batch-size}: shared by the commands that run the worker. */
public class BatchSizeOption {

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            converter = Converter.class,
            defaultValue = "${env:CATALOG_SYNC_BATCH_SIZE:-1000}",
            description = "Most events one pass takes (env CATALOG_SYNC_BATCH_SIZE; default: ${DEFAULT-VALUE}, "
                    + "as GitLab's BATCH_SIZE).")
    BatchSize value;

    /** Reads a batch size; the rules are {@link BatchSize}'s own. */
    static final class Converter implements ITypeConverter<BatchSize> {

        @Override
        public BatchSize convert(String text) {
            int number;
            try {
                number = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + text + "' is not a whole number");
            }
            try {
                return new BatchSize(number);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
