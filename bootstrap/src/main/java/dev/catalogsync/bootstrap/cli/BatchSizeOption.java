package dev.catalogsync.bootstrap.cli;

import dev.catalogsync.application.port.in.BatchSize;
import java.math.BigInteger;
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
            description = "Most events one pass takes, 1 to " + BatchSize.MAXIMUM + " (env CATALOG_SYNC_BATCH_SIZE; "
                    + "default: ${DEFAULT-VALUE}, as GitLab's BATCH_SIZE).")
    BatchSize value;

    /** Reads a batch size; the rules are {@link BatchSize}'s own. */
    static final class Converter implements ITypeConverter<BatchSize> {

        @Override
        public BatchSize convert(String text) {
            String digits = text.trim();
            if (!digits.matches("[+-]?\\d+")) {
                throw new TypeConversionException("'" + text + "' is not a whole number");
            }
            BigInteger value = new BigInteger(digits);
            if (value.bitLength() > 31) {
                // Past an int's range: out of range, not "not a number".
                throw new TypeConversionException(
                        "batch size must be between 1 and " + BatchSize.MAXIMUM + ", was " + digits);
            }
            int number = value.intValueExact();
            try {
                return new BatchSize(number);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
