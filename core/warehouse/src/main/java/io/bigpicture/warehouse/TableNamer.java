package io.bigpicture.warehouse;

import io.bigpicture.events.EventType;
import java.util.Optional;
import java.util.Set;

/** Which table a message goes to, and the schema a source loads into. */
public final class TableNamer {

    public static final String TRACKS = "tracks";
    public static final String IDENTIFIES = "identifies";
    public static final String USERS = "users";
    public static final String PAGES = "pages";
    public static final String SCREENS = "screens";
    public static final String GROUPS = "groups";
    public static final String ALIASES = "aliases";
    public static final String DISCARDS = "discards";

    private static final Set<String> STANDARD_TABLES = Set.of(TRACKS, IDENTIFIES, USERS, PAGES, SCREENS, GROUPS, ALIASES, DISCARDS);

    private TableNamer() {
    }

    /** The table every message of this type goes to. */
    public static String forType(EventType type) {
        return switch (type) {
            case TRACK -> TRACKS;
            case IDENTIFY -> IDENTIFIES;
            case PAGE -> PAGES;
            case SCREEN -> SCREENS;
            case GROUP -> GROUPS;
            case ALIAS -> ALIASES;
        };
    }

    /** The table of one track event name: {@code Order Completed} -> {@code order_completed}. */
    public static String forEvent(String eventName) {
        String table = Identifiers.sanitize(eventName);
        return STANDARD_TABLES.contains(table) ? Identifiers.sanitize("_" + table) : table;
    }

    /**
     * The schema a source loads into, fixed when the source is created: its name, cleaned up, unless
     * that is a schema the database or bigPicture keeps for itself or another source of the
     * workspace loads into ({@code taken}); then an underscore in front, and a number after.
     */
    public static String schemaForSource(String sourceName, Set<String> taken) {
        String schema = Identifiers.sanitize(sourceName);
        if (isReservedSchema(schema)) {
            schema = Identifiers.sanitize("_" + schema);
        }
        // room for the number, so that a name at the length limit is not cut back to itself
        String stem = schema.length() > Identifiers.MAX_LENGTH - 8 ? schema.substring(0, Identifiers.MAX_LENGTH - 8) : schema;
        String candidate = schema;
        for (int n = 2; taken.contains(candidate); n++) {
            candidate = stem + "_" + n;
        }
        return candidate;
    }

    /**
     * Why a schema a person chose for a source in a warehouse (an existing one, such as another
     * loader's) cannot be used, or empty: it must be a name the warehouse keeps as it is, and none
     * of the schemas the database or bigPicture keeps for itself.
     */
    public static Optional<String> problemWithChosenSchema(String schema) {
        if (schema == null || schema.isEmpty() || !schema.equals(Identifiers.sanitize(schema))) {
            return Optional.of("schema: lower-case letters, digits and _, not starting with a digit, at most " + Identifiers.MAX_LENGTH
                    + " bytes" + (schema == null || schema.isEmpty() ? "" : " (as the warehouse keeps it: " + Identifiers.sanitize(schema) + ")"));
        }
        if (isReservedSchema(schema)) {
            return Optional.of("schema: " + schema + " is kept by the database or by bigPicture; choose a schema of your own");
        }
        return Optional.empty();
    }

    /**
     * The customer's own {@code public} schema, the databases' catalogs ({@code pg_*},
     * {@code information_schema}) and the connection check's schema: never a source's.
     */
    static boolean isReservedSchema(String schema) {
        return schema.equals("public") || schema.equals("information_schema") || schema.startsWith("pg_")
                || schema.equals(WarehouseSetup.CHECK_SCHEMA);
    }
}
