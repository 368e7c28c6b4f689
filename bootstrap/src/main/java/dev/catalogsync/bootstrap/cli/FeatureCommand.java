package dev.catalogsync.bootstrap.cli;

import com.google.inject.Injector;
import dev.catalogsync.application.flags.FeatureFlagDefinitions;
import dev.catalogsync.application.flags.UnknownFeatureFlagException;
import dev.catalogsync.application.port.in.ManageFeatureFlags;
import dev.catalogsync.application.port.in.ManageFeatureFlags.FlagState;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "feature",
        description = "Lists and sets feature flags: the rollout is 'feature set NAME true', the rollback "
                + "'feature set NAME false', the clean-up 'feature delete NAME' (back to the shipped default).",
        subcommands = {
            FeatureCommand.ListFlags.class,
            FeatureCommand.GetFlag.class,
            FeatureCommand.SetFlag.class,
            FeatureCommand.DeleteFlag.class})
class FeatureCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: list, get, set or delete");
    }

    /** Refuses an unknown name before any database is opened. */
    static void requireKnown(CommandSpec spec, String name) {
        if (FeatureFlagDefinitions.find(name).isEmpty()) {
            throw new ParameterException(spec.commandLine(), new UnknownFeatureFlagException(name).getMessage());
        }
    }

    static String describe(FlagState state) {
        return state.flag().name() + "\t" + (state.enabled() ? "enabled" : "disabled") + "\t"
                + (state.overridden() ? "set" : "default") + "\t" + state.flag().description();
    }

    @Command(name = "list", description = "Every known flag: name, state, whether it was set or is the default, what it does.")
    static class ListFlags extends DatabaseCommand {
        @Override
        int run(Injector injector, Database database) {
            injector.getInstance(ManageFeatureFlags.class).list().forEach(state -> out().println(describe(state)));
            return 0;
        }
    }

    @Command(name = "get", description = "One flag's state.")
    static class GetFlag extends DatabaseCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        void validate() {
            requireKnown(spec, name);
        }

        @Override
        int run(Injector injector, Database database) {
            out().println(describe(injector.getInstance(ManageFeatureFlags.class).get(name)));
            return 0;
        }
    }

    @Command(name = "set", description = "Enables (true) or disables (false) a flag for every instance.")
    static class SetFlag extends DatabaseCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "true|false")
        String value;

        @Override
        void validate() {
            requireKnown(spec, name);
            String normalized = value.toLowerCase(Locale.ROOT);
            if (!normalized.equals("true") && !normalized.equals("false")) {
                throw new ParameterException(spec.commandLine(), "Flag value must be true or false, was '" + value + "'");
            }
        }

        @Override
        int run(Injector injector, Database database) {
            boolean enabled = Boolean.parseBoolean(value.toLowerCase(Locale.ROOT));
            out().println(describe(injector.getInstance(ManageFeatureFlags.class).set(name, enabled)));
            return 0;
        }
    }

    @Command(name = "delete", description = "Forgets the flag's stored state; it returns to its shipped default.")
    static class DeleteFlag extends DatabaseCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        void validate() {
            requireKnown(spec, name);
        }

        @Override
        int run(Injector injector, Database database) {
            out().println(describe(injector.getInstance(ManageFeatureFlags.class).delete(name)));
            return 0;
        }
    }
}
