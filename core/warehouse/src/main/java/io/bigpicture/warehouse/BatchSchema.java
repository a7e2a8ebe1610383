package io.bigpicture.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The tables and columns a batch of rows needs, each column with the type its first value gave
 * it. A staging file records its own; a sync merges those of its files in the order they came.
 */
public final class BatchSchema {

    /** Names past this many per table are not kept: the table then counts as fed by any name. */
    static final int MAX_EVENT_NAMES = 50;
    /** The JSON key of a table's event names; no column name starts with {@code @}. */
    private static final String EVENT_NAMES = "@event_names";

    private final Map<String, Map<String, ColumnType>> tables = new LinkedHashMap<>();
    /**
     * The sent names of the track events behind each event table ({@code Debug Click} behind
     * {@code debug_click}), so that filters on names can leave a table out; absent: not known.
     */
    private final Map<String, Set<String>> eventNames = new LinkedHashMap<>();
    private final Set<String> manyEventNames = new HashSet<>();

    public void observe(Row row) {
        Map<String, ColumnType> columns = tables.computeIfAbsent(row.table(), table -> new LinkedHashMap<>());
        JsonNode eventName = row.values().get(StandardColumns.EVENT_TEXT);
        if (eventName != null && !row.table().equals(TableNamer.TRACKS)) {
            addEventName(row.table(), eventName.asText());
        }
        for (String column : row.values().keySet()) {
            row.typeOf(column).ifPresent(type -> add(columns, column, type));
        }
        // every row gets its load time
        columns.putIfAbsent(StandardColumns.UUID_TS, ColumnType.TIMESTAMP);
    }

    /** Adds a table with fixed columns, such as {@code discards}. */
    public void require(String table, Map<String, ColumnType> columns) {
        Map<String, ColumnType> existing = tables.computeIfAbsent(table, name -> new LinkedHashMap<>());
        columns.forEach(existing::putIfAbsent);
    }

    private void addEventName(String table, String name) {
        if (manyEventNames.contains(table)) {
            return;
        }
        Set<String> names = eventNames.computeIfAbsent(table, key -> new LinkedHashSet<>());
        if (names.add(name) && names.size() > MAX_EVENT_NAMES) {
            eventNames.remove(table);
            manyEventNames.add(table);
        }
    }

    /** Adds what a later batch saw; for a column both saw, the earlier type wins (but see {@link ColumnType#mergedWith}). */
    public void merge(BatchSchema later) {
        later.tables.forEach((table, laterColumns) -> {
            boolean known = !tables.containsKey(table) || eventNames.containsKey(table);
            Map<String, ColumnType> columns = tables.computeIfAbsent(table, name -> new LinkedHashMap<>());
            laterColumns.forEach((column, type) -> add(columns, column, type));
            if (known && later.eventNames.containsKey(table)) {
                later.eventNames.get(table).forEach(name -> addEventName(table, name));
            } else {
                eventNames.remove(table);
            }
        });
    }

    /**
     * The sent names of the track events whose rows this event table holds; empty when not known
     * (a staging file from before names were kept, or too many names).
     */
    public Optional<Set<String>> eventNames(String table) {
        return Optional.ofNullable(eventNames.get(table)).map(Collections::unmodifiableSet);
    }

    private static void add(Map<String, ColumnType> columns, String column, ColumnType type) {
        columns.merge(column, type, ColumnType::mergedWith);
    }

    /** The same tables and columns under other names (a database's shortened ones); names that meet merge. */
    public BatchSchema renamed(UnaryOperator<String> rename) {
        BatchSchema renamed = new BatchSchema();
        tables.forEach((table, columns) -> {
            Map<String, ColumnType> target = renamed.tables.computeIfAbsent(rename.apply(table), name -> new LinkedHashMap<>());
            columns.forEach((column, type) -> add(target, rename.apply(column), type));
        });
        return renamed;
    }

    /** The batch's tables of these names only, with what is known of them. */
    public BatchSchema only(Set<String> names) {
        BatchSchema some = new BatchSchema();
        tables.forEach((table, columns) -> {
            if (names.contains(table)) {
                some.tables.put(table, new LinkedHashMap<>(columns));
            }
        });
        eventNames.forEach((table, sent) -> {
            if (names.contains(table)) {
                some.eventNames.put(table, new LinkedHashSet<>(sent));
            }
        });
        manyEventNames.stream().filter(names::contains).forEach(some.manyEventNames::add);
        return some;
    }

    public Map<String, Map<String, ColumnType>> tables() {
        return Collections.unmodifiableMap(tables);
    }

    public Optional<Map<String, ColumnType>> table(String table) {
        return Optional.ofNullable(tables.get(table)).map(Collections::unmodifiableMap);
    }

    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        tables.forEach((table, columns) -> {
            ObjectNode node = root.putObject(table);
            columns.forEach((column, type) -> node.put(column, type.name()));
            Set<String> names = eventNames.get(table);
            if (names != null) {
                names.forEach(node.putArray(EVENT_NAMES)::add);
            }
        });
        return root;
    }

    public static BatchSchema fromJson(JsonNode root) {
        BatchSchema schema = new BatchSchema();
        root.fields().forEachRemaining(table -> {
            Map<String, ColumnType> columns = schema.tables.computeIfAbsent(table.getKey(), name -> new LinkedHashMap<>());
            table.getValue().fields().forEachRemaining(column -> {
                if (column.getKey().equals(EVENT_NAMES)) {
                    column.getValue().forEach(name -> schema.addEventName(table.getKey(), name.asText()));
                } else {
                    columns.put(column.getKey(), ColumnType.valueOf(column.getValue().asText()));
                }
            });
        });
        return schema;
    }
}
