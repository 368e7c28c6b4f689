package dev.catalogsync.bootstrap.bench;

import java.util.Arrays;
import java.util.Optional;

/** What the bench measures, each under the letter the README's table uses. */
public enum Workload {
    WORST_CASE("a", "worst case: every event for a different catalog resource"),
    TYPICAL("b", "typical: 10 events for each catalog resource"),
    MILLION("c", "a million events, ours only, whole process"),
    TRIGGER("d", "what the trigger costs the writers of projects"),
    PROPAGATION("e", "propagation from commit to synced resource through run"),
    CEILING("f", "the ceiling: what GitLab's schema costs per event, and a sketch past it");

    private final String letter;
    private final String title;

    Workload(String letter, String title) {
        this.letter = letter;
        this.title = title;
    }

    public String letter() {
        return letter;
    }

    public String title() {
        return title;
    }

    public static Optional<Workload> ofLetter(String letter) {
        return Arrays.stream(values())
                .filter(workload -> workload.letter.equalsIgnoreCase(letter.trim()))
                .findFirst();
    }
}
