package io.bigpicture.warehouse.filter;

import io.bigpicture.events.EventType;
import io.bigpicture.warehouse.ColumnNamer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A dot path into a message that a property rule names: its root ({@code context},
 * {@code properties} for track, page and screen, {@code traits} for identify and group) and the
 * field names below it, and the column each table's loader gives it.
 */
record PropertyPath(String root, List<String> fields) {

    private static final Set<String> ROOTS = Set.of("context", "properties", "traits");

    static Optional<String> problem(String path) {
        if (path == null || path.isBlank()) {
            return Optional.of("a path is needed, e.g. context.ip or properties.email");
        }
        String[] parts = path.split("\\.", -1);
        if (parts.length < 2 || !ROOTS.contains(parts[0])) {
            return Optional.of(path + " does not start with context., properties. or traits.");
        }
        if (Arrays.stream(parts).anyMatch(String::isEmpty)) {
            return Optional.of(path + " has an empty part");
        }
        return Optional.empty();
    }

    static PropertyPath of(String path) {
        String[] parts = path.split("\\.");
        return new PropertyPath(parts[0], List.of(parts).subList(1, parts.length));
    }

    /** Whether messages of this type carry the path's root. */
    boolean appliesTo(EventType type) {
        return switch (root) {
            case "context" -> true;
            case "traits" -> type == EventType.IDENTIFY || type == EventType.GROUP;
            default -> type == EventType.TRACK || type == EventType.PAGE || type == EventType.SCREEN;
        };
    }

    /** The column the path's value (or, for an object, the columns its fields) load into. */
    String column(EventType type) {
        return root.equals("context") ? ColumnNamer.context(fields) : ColumnNamer.property(type, fields);
    }
}
