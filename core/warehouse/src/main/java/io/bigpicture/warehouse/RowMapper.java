package io.bigpicture.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.bigpicture.events.EventType;
import io.bigpicture.events.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Table routing: the rows one message becomes. A track call is a row in {@code tracks} (standard
 * columns and context) and one in its event's table (also its properties); every other call is a
 * row in its type's table; an identify call with a user id is also that user's row in {@code users}.
 * Where two sent names map to one column, the first in the message fills it and the others are
 * kept as the row's {@link Row.Clash clashes}.
 */
public final class RowMapper {

    /** Sent names repeat endlessly and their column names never change: worked out once each. */
    private static final int MAX_CACHED_NAMES = 100_000;
    /** Columns of a row besides its context's and its payload's, at most: sized for, so that its map seldom grows. */
    private static final int STANDARD_COLUMNS = 12;

    private final Flattener flattener;
    private final Map<EventType, Map<List<String>, String>> propertyColumns = new EnumMap<>(EventType.class);
    private final Map<List<String>, String> contextColumns = new ConcurrentHashMap<>();
    private final Map<String, String> eventTables = new ConcurrentHashMap<>();

    public RowMapper(Flattener flattener) {
        this.flattener = flattener;
        for (EventType type : EventType.values()) {
            propertyColumns.put(type, new ConcurrentHashMap<>());
        }
    }

    public List<Row> rows(Message message) {
        List<Row.Clash> commonClashes = new ArrayList<>(0);
        Map<String, JsonNode> common = commonColumns(message, commonClashes);
        List<Row> rows = new ArrayList<>(2);
        if (message.type() == EventType.TRACK) {
            String eventName = message.event().orElseThrow();
            String eventTable = cached(eventTables, eventName, TableNamer::forEvent);
            common.put(StandardColumns.EVENT, TextNode.valueOf(eventTable));
            common.put(StandardColumns.EVENT_TEXT, TextNode.valueOf(eventName));
            rows.add(new Row(TableNamer.TRACKS, message.type(), common, commonClashes));
            rows.add(withPayload(eventTable, common, commonClashes, message));
        } else {
            rows.add(withPayload(TableNamer.forType(message.type()), common, commonClashes, message));
        }
        if (message.type() == EventType.IDENTIFY) {
            message.userId().ifPresent(userId -> rows.add(user(userId, message)));
        }
        return rows;
    }

    /** The {@code users} row of an identify call: keyed by user id, holding the traits it sent. */
    private Row user(String userId, Message message) {
        Map<String, JsonNode> columns = new LinkedHashMap<>();
        List<Row.Clash> clashes = new ArrayList<>(0);
        columns.put(StandardColumns.ID, TextNode.valueOf(userId));
        putText(columns, StandardColumns.RECEIVED_AT, message, "receivedAt");
        flattener.flatten(message.payload(), (path, value) -> putFirst(columns, clashes, propertyColumn(EventType.IDENTIFY, path), value));
        return new Row(TableNamer.USERS, EventType.IDENTIFY, columns, clashes);
    }

    private Map<String, JsonNode> commonColumns(Message message, List<Row.Clash> clashes) {
        Map<String, JsonNode> columns = mapFor(STANDARD_COLUMNS + message.context().size());
        columns.put(StandardColumns.ID, TextNode.valueOf(message.messageId().orElseThrow()));
        putText(columns, StandardColumns.RECEIVED_AT, message, "receivedAt");
        putText(columns, StandardColumns.SENT_AT, message, "sentAt");
        putText(columns, StandardColumns.TIMESTAMP, message, "timestamp");
        putText(columns, StandardColumns.ORIGINAL_TIMESTAMP, message, "originalTimestamp");
        putText(columns, StandardColumns.USER_ID, message, "userId");
        putText(columns, StandardColumns.ANONYMOUS_ID, message, "anonymousId");
        switch (message.type()) {
            case PAGE, SCREEN -> putText(columns, StandardColumns.NAME, message, "name");
            case GROUP -> putText(columns, StandardColumns.GROUP_ID, message, "groupId");
            case ALIAS -> putText(columns, StandardColumns.PREVIOUS_ID, message, "previousId");
            case TRACK, IDENTIFY -> {
            }
        }
        flattener.flatten(message.context(), (path, value) -> putFirst(columns, clashes, cached(contextColumns, path, ColumnNamer::context), value));
        return columns;
    }

    private Row withPayload(String table, Map<String, JsonNode> common, List<Row.Clash> commonClashes, Message message) {
        Map<String, JsonNode> columns = mapFor(common.size() + message.payload().size());
        columns.putAll(common);
        List<Row.Clash> clashes = new ArrayList<>(commonClashes);
        flattener.flatten(message.payload(), (path, value) -> putFirst(columns, clashes, propertyColumn(message.type(), path), value));
        return new Row(table, message.type(), columns, clashes);
    }

    /** Two sent names that map to one column go to that column: the first value wins, the others clash. */
    private static void putFirst(Map<String, JsonNode> columns, List<Row.Clash> clashes, String column, JsonNode value) {
        if (columns.putIfAbsent(column, value) != null) {
            clashes.add(new Row.Clash(column, value));
        }
    }

    private String propertyColumn(EventType type, List<String> path) {
        return cached(propertyColumns.get(type), path, sentPath -> ColumnNamer.property(type, sentPath));
    }

    /** @param sent a sent name, or a path of them */
    private static <K> String cached(Map<K, String> cache, K sent, java.util.function.Function<K, String> namer) {
        String name = cache.get(sent);
        if (name == null) {
            name = namer.apply(sent);
            if (cache.size() < MAX_CACHED_NAMES) {
                cache.put(sent, name);
            }
        }
        return name;
    }

    private static void putText(Map<String, JsonNode> columns, String column, Message message, String field) {
        message.text(field).ifPresent(text -> columns.put(column, TextNode.valueOf(text)));
    }

    /** A map that holds {@code entries} without growing (nested values may add more). */
    private static Map<String, JsonNode> mapFor(int entries) {
        return new LinkedHashMap<>((int) (entries / 0.75f) + 1);
    }
}
