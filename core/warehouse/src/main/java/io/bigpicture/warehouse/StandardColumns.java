package io.bigpicture.warehouse;

import io.bigpicture.events.EventType;
import java.util.Map;

/**
 * The columns bigPicture fills itself, with their fixed types. A property or trait may not take
 * one of these names in its table.
 */
public final class StandardColumns {

    public static final String ID = "id";
    public static final String RECEIVED_AT = "received_at";
    public static final String SENT_AT = "sent_at";
    public static final String TIMESTAMP = "timestamp";
    public static final String ORIGINAL_TIMESTAMP = "original_timestamp";
    public static final String USER_ID = "user_id";
    public static final String ANONYMOUS_ID = "anonymous_id";
    public static final String EVENT = "event";
    public static final String EVENT_TEXT = "event_text";
    public static final String NAME = "name";
    public static final String GROUP_ID = "group_id";
    public static final String PREVIOUS_ID = "previous_id";
    public static final String UUID_TS = "uuid_ts";
    public static final String CONTEXT_PREFIX = "context_";

    private static final Map<String, ColumnType> COMMON = Map.of(
            ID, ColumnType.VARCHAR,
            RECEIVED_AT, ColumnType.TIMESTAMP,
            SENT_AT, ColumnType.TIMESTAMP,
            TIMESTAMP, ColumnType.TIMESTAMP,
            ORIGINAL_TIMESTAMP, ColumnType.TIMESTAMP,
            USER_ID, ColumnType.VARCHAR,
            ANONYMOUS_ID, ColumnType.VARCHAR,
            UUID_TS, ColumnType.TIMESTAMP);

    private StandardColumns() {
    }

    /** The fixed type of a standard column of this call type's tables, or null for any other column. */
    public static ColumnType typeOf(EventType type, String column) {
        ColumnType common = COMMON.get(column);
        if (common != null) {
            return common;
        }
        String own = switch (type) {
            case TRACK -> column.equals(EVENT) || column.equals(EVENT_TEXT) ? column : null;
            case PAGE, SCREEN -> NAME;
            case GROUP -> GROUP_ID;
            case ALIAS -> PREVIOUS_ID;
            case IDENTIFY -> null;
        };
        return column.equals(own) ? ColumnType.VARCHAR : null;
    }

    /** True where a property or trait of this name would take a column bigPicture fills. */
    public static boolean isReserved(EventType type, String column) {
        return typeOf(type, column) != null || column.startsWith(CONTEXT_PREFIX);
    }
}
