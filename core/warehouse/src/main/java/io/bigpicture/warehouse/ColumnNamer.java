package io.bigpicture.warehouse;

import io.bigpicture.events.EventType;
import java.util.List;

/** Column names for flattened properties, traits and context fields. */
public final class ColumnNamer {

    private ColumnNamer() {
    }

    /**
     * A property or trait at this path: its sanitized segments joined with {@code _}
     * ({@code address.city} -> {@code address_city}), with a leading {@code _} where it would take a
     * standard column of its table ({@code id} -> {@code _id}).
     */
    public static String property(EventType type, List<String> path) {
        String joined = join(path);
        return StandardColumns.isReserved(type, joined) ? Identifiers.sanitize("_" + joined) : joined;
    }

    /** A field of {@code context}: {@code context.library.name} -> {@code context_library_name}. */
    public static String context(List<String> path) {
        return Identifiers.sanitize(StandardColumns.CONTEXT_PREFIX + join(path));
    }

    private static String join(List<String> path) {
        return Identifiers.sanitize(String.join("_", path));
    }
}
