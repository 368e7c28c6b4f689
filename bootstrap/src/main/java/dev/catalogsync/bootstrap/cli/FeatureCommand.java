package dev.catalogsync.bootstrap.cli;

import dev.catalogsync.application.flags.FeatureFlagDefinitions;
import dev.catalogsync.application.flags.UnknownFeatureFlagException;
import dev.catalogsync.application.port.in.ManageFeatureFlags;
import dev.catalogsync.application.port.in.ManageFeatureFlags.FlagState;
import dev.catalogsync.bootstrap.CatalogSyncService;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "feature",
        description = "Lists and sets feature flags: the rollout is 'feature set NAME true', the rollback "
                + "'feature set NAME false', the clean-up 'feature delete NAME' (back to the shipped default).",
        subcommands = {
            FeatureCommand.ListFlags.class,
            FeatureCommand.GetFlag.class,
            FeatureCommand.SetFlag.class,
            FeatureCommand.DeleteFlag.class
        })
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

    @Command(
            name = "list",
            description = "Every known flag: name, state, whether it was set or is the default, what it does.")
    static class ListFlags extends DatabaseCommand {
        @Override
        int run(CatalogSyncService sync) {
            sync.port(ManageFeatureFlags.class).list().forEach(state -> out().println(describe(state)));
            return 0;
        }
    }

    /** A subcommand about one flag: refuses unknown names early, prints the flag's state afterwards. */
    abstract static class OneFlagCommand extends DatabaseCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        void validate() {
            requireKnown(spec, name);
        }

        @Override
        final int run(CatalogSyncService sync) {
            out().println(describe(apply(sync.port(ManageFeatureFlags.class))));
            return 0;
        }

        abstract FlagState apply(ManageFeatureFlags flags);
    }

    @Command(name = "get", description = "One flag's state.")
    static class GetFlag extends OneFlagCommand {
        @Override
        FlagState apply(ManageFeatureFlags flags) {
            return flags.get(name);
        }
    }

    @Command(name = "set", description = "Enables (true) or disables (false) a flag for every instance.")
    static class SetFlag extends OneFlagCommand {
        @Parameters(index = "1", paramLabel = "true|false")
        String value;

        @Override
        void validate() {
            super.validate();
            String normalized = value.toLowerCase(Locale.ROOT);
            if (!normalized.equals("true") && !normalized.equals("false")) {
                throw new ParameterException(
                        spec.commandLine(), "Flag value must be true or false, was '" + value + "'");
            }
        }

        @Override
        FlagState apply(ManageFeatureFlags flags) {
            return flags.set(name, Boolean.parseBoolean(value.toLowerCase(Locale.ROOT)));
        }
    }

    @Command(name = "delete", description = "Forgets the flag's stored state; it returns to its shipped default.")
    static class DeleteFlag extends OneFlagCommand {
        @Override
        FlagState apply(ManageFeatureFlags flags) {
            return flags.delete(name);
        }
    }
}
