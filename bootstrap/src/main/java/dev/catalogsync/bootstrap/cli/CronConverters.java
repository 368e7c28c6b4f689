package dev.catalogsync.bootstrap.cli;

import dev.catalogsync.adapters.scheduler.inbound.cron.UnixCron;
import dev.catalogsync.adapters.scheduler.inbound.cron.UpkeepSettings;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Checks schedules given on the command line by the same rules the service applies to them. */
final class CronConverters {

    private CronConverters() {}

    /** A five-field Unix cron expression. */
    static final class Cron implements ITypeConverter<String> {

        @Override
        public String convert(String value) {
            try {
                UnixCron.parse(value);
                return value;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A five-field Unix cron expression, or {@value UpkeepSettings#OFF}. */
    static final class CronOrOff implements ITypeConverter<String> {

        @Override
        public String convert(String value) {
            try {
                UpkeepSettings.checkSchedule(value);
                return value;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage() + " or '" + UpkeepSettings.OFF + "'");
            }
        }
    }
}
