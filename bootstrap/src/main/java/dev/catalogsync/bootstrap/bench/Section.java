package dev.catalogsync.bootstrap.bench;

import java.util.ArrayList;
import java.util.List;

/** One part of the report: a heading, a table, and notes under it. Rendered as Markdown. */
final class Section {

    private final String heading;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Section(String heading, String... header) {
        this.heading = heading;
        this.header = List.of(header);
    }

    Section row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException(
                    "a row of " + cells.length + " cells under " + header.size() + " columns");
        }
        rows.add(List.of(cells));
        return this;
    }

    Section note(String note) {
        notes.add(note);
        return this;
    }

    String markdown() {
        StringBuilder text = new StringBuilder("#### ").append(heading).append("\n\n");
        line(text, header);
        line(text, header.stream().map(cell -> "---").toList());
        rows.forEach(row -> line(text, row));
        if (!notes.isEmpty()) {
            text.append('\n');
            notes.forEach(note -> text.append(note).append('\n'));
        }
        return text.toString();
    }

    private static void line(StringBuilder text, List<String> cells) {
        text.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
