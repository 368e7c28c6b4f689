package dev.catalogsync.application.fakes;

import dev.catalogsync.application.port.out.FeatureFlagAudit;
import dev.catalogsync.application.port.out.FlagChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The audit in a list; newest first by time, then by order of recording. */
public class InMemoryFeatureFlagAudit implements FeatureFlagAudit {

    private final List<FlagChange> changes = new ArrayList<>();

    @Override
    public synchronized void record(FlagChange change) {
        changes.add(change);
    }

    @Override
    public synchronized List<FlagChange> history(String flagName, int limit) {
        List<FlagChange> newestFirst = new ArrayList<>();
        for (int i = changes.size() - 1; i >= 0; i--) {
            if (changes.get(i).flagName().equals(flagName)) {
                newestFirst.add(changes.get(i));
            }
        }
        newestFirst.sort(Comparator.comparing(FlagChange::changedAt).reversed());
        return List.copyOf(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
    }
}
