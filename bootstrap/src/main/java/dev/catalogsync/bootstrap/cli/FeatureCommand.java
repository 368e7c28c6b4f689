package dev.catalogsync.bootstrap.cli;

import dev.catalogsync.application.flags.FeatureFlagDefinitions;
import dev.catalogsync.application.flags.UnknownFeatureFlagException;
import dev.catalogsync.application.port.in.ManageFeatureFlags;
import dev.catalogsync.application.port.in.ManageFeatureFlags.FlagState;
import dev.catalogsync.application.port.out.ChangedBy;
import dev.catalogsync.application.port.out.FlagChange;
import dev.catalogsync.bootstrap.CatalogSyncService;
import dev.catalogsync.bootstrap.observe.StatusDocument;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "feature",
        description = "Lists and sets feature flags: the rollout is 'feature set NAME true', the rollback "
                + "'feature set NAME false', the clean-up 'feature delete NAME' (back to the shipped default). "
                + "Every set and delete is recorded with its actor; 'feature history NAME' lists them.",
        subcommands = {
            FeatureCommand.ListFlags.class,
            FeatureCommand.GetFlag.class,
            FeatureCommand.SetFlag.class,
            FeatureCommand.DeleteFlag.class,
            FeatureCommand.FlagHistory.class
        })
class FeatureCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: list, get, set, delete or history");
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

    /** A change of a flag: recorded in the audit with who made it, from the command line. */
    abstract static class ChangeFlagCommand extends OneFlagCommand {
        @Option(
                names = "--actor",
                paramLabel = "NAME",
                description = "Who makes the change, for the audit (default: the operating system's user, "
                        + "${sys:user.name}).")
        String actor;

        ChangedBy changedBy() {
            String who = actor != null && !actor.isBlank() ? actor : System.getProperty("user.name", "unknown");
            return new ChangedBy(who.isBlank() ? "unknown" : who, ChangedBy.COMMAND_LINE);
        }
    }

    @Command(
            name = "set",
            description = "Enables (true) or disables (false) a flag for every instance, and records who did it.")
    static class SetFlag extends ChangeFlagCommand {
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
            return flags.set(name, Boolean.parseBoolean(value.toLowerCase(Locale.ROOT)), changedBy());
        }
    }

    @Command(
            name = "delete",
            description = "Forgets the flag's stored state; it returns to its shipped default. Recorded like a set.")
    static class DeleteFlag extends ChangeFlagCommand {
        @Override
        FlagState apply(ManageFeatureFlags flags) {
            return flags.delete(name, changedBy());
        }
    }

    @Command(
            name = "history",
            description = {
                "Who changed the flag, when and from where (cli, embedding, ...), newest first:",
                "time, state before -> after, actor, origin. With --json, one JSON array."
            })
    static class FlagHistory extends DatabaseCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--json", description = "Print one JSON array instead of text.")
        boolean json;

        @Option(
                names = "--limit",
                paramLabel = "N",
                defaultValue = "50",
                description = "At most this many changes (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        void validate() {
            requireKnown(spec, name);
            if (limit < 1) {
                throw new ParameterException(spec.commandLine(), "--limit must be 1 or more, was " + limit);
            }
        }

        @Override
        int run(CatalogSyncService sync) {
            List<FlagChange> changes = sync.port(ManageFeatureFlags.class).history(name, limit);
            if (json) {
                printJson(changes.stream().map(StatusDocument.Change::of).toList());
                return 0;
            }
            if (changes.isEmpty()) {
                out().println("no recorded change of " + name);
            }
            for (FlagChange change : changes) {
                StatusDocument.Change row = StatusDocument.Change.of(change);
                out().println(row.changedAt() + "\t" + row.before() + " -> " + row.after() + "\t" + row.actor() + "\t"
                        + row.origin());
            }
            return 0;
        }
    }
}
