package io.bigpicture.warehouse.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.bigpicture.events.EventType;
import io.bigpicture.events.Message;
import io.bigpicture.warehouse.BatchSchema;
import io.bigpicture.warehouse.ColumnType;
import io.bigpicture.warehouse.TableNamer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One destination's filters, compiled once per sync: patterns compiled, paths split, names in
 * sets. Immutable, so the load file writers share it; each counts into its own {@link FilterCounts}.
 */
public final class CompiledFilters {

    /** The message's own {@code integrations} object kept it out of this warehouse. */
    public static final String INTEGRATIONS_RULE = "the message's integrations object";
    /** No rules and no warehouse to name: of a message's integrations only {@code All} counts. */
    public static final CompiledFilters NONE = compile(DestinationFilters.NONE, "", "");

    private record Rule(Set<EventType> types, Glob name, String description) {
        boolean matches(Message message) {
            return matches(message.type(), sentName(message));
        }

        /** A track's event, a page's or screen's name; the other calls have none. */
        static String sentName(Message message) {
            return switch (message.type()) {
                case TRACK -> message.event().orElse(null);
                case PAGE, SCREEN -> message.text("name").orElse(null);
                case IDENTIFY, GROUP, ALIAS -> null;
            };
        }

        boolean matches(EventType type, String sentName) {
            return types.contains(type) && (name == null || (sentName != null && name.matches(sentName)));
        }
    }

    private record Property(PropertyPath path, DestinationFilters.PropertyRule.Action action, String description) {
    }

    private final boolean allowList;
    private final List<Rule> rules;
    private final List<Property> properties;
    private final Set<String> excludedTables;
    private final Set<String> excludedColumns;
    private final List<String> integrationKeys;

    private CompiledFilters(boolean allowList, List<Rule> rules, List<Property> properties, Set<String> excludedTables,
                            Set<String> excludedColumns, List<String> integrationKeys) {
        this.allowList = allowList;
        this.rules = rules;
        this.properties = properties;
        this.excludedTables = excludedTables;
        this.excludedColumns = excludedColumns;
        this.integrationKeys = integrationKeys;
    }

    /**
     * @param kindKey       the warehouse kind's key in a message's {@code integrations} ({@code Redshift}, {@code Postgres})
     * @param warehouseName the warehouse's own name, also a key there
     * @throws IllegalArgumentException for settings that {@link DestinationFilters#problems} refuses
     */
    public static CompiledFilters compile(DestinationFilters filters, String kindKey, String warehouseName) {
        List<Rule> rules = new ArrayList<>();
        String verb = filters.events().mode() == DestinationFilters.EventRules.Mode.ALLOW ? "allow " : "block ";
        for (DestinationFilters.EventRule rule : filters.events().rules()) {
            Set<EventType> types = EnumSet.noneOf(EventType.class);
            rule.types().forEach(type -> types.add(EventType.fromWireName(type)
                    .orElseThrow(() -> new IllegalArgumentException(type + " is not a call type"))));
            rules.add(new Rule(types.isEmpty() ? EnumSet.allOf(EventType.class) : types,
                    rule.name() == null ? null : Glob.of(rule.name()), "events: " + verb + rule.describe()));
        }
        List<Property> properties = filters.properties().stream()
                .map(rule -> new Property(PropertyPath.of(rule.path()), rule.action(), "properties: " + rule.describe())).toList();
        return new CompiledFilters(filters.events().mode() == DestinationFilters.EventRules.Mode.ALLOW, List.copyOf(rules), properties,
                Set.copyOf(filters.excludedTables()), Set.copyOf(filters.excludedColumns()), List.of(warehouseName, kindKey, "All"));
    }

    /** Whether the message loads into the warehouse; if not, counted under the rule that kept it out. */
    public boolean admits(Message message, FilterCounts counts) {
        if (!integrationsAllow(message)) {
            counts.add(INTEGRATIONS_RULE);
            return false;
        }
        if (rules.isEmpty()) {
            return true;
        }
        for (Rule rule : rules) {
            if (rule.matches(message)) {
                if (!allowList) {
                    counts.add(rule.description());
                }
                return allowList;
            }
        }
        return keptOutByNoRule(counts);
    }

    /** No rule matched: an allow list keeps the message out, a block list lets it in. */
    private boolean keptOutByNoRule(FilterCounts counts) {
        if (allowList) {
            counts.add("events: in no allow rule");
        }
        return !allowList;
    }

    /**
     * Segment's convention: the warehouse's own name decides, else its kind, else {@code All};
     * {@code false} keeps the message out, anything else (true, an object of settings) lets it in.
     */
    private boolean integrationsAllow(Message message) {
        if (!(message.body().get("integrations") instanceof ObjectNode integrations)) {
            return true;
        }
        for (String key : integrationKeys) {
            JsonNode setting = integrations.get(key);
            if (setting != null && !setting.isNull()) {
                return !(setting.isBoolean() && !setting.booleanValue());
            }
        }
        return true;
    }

    /** Whether the event rules let a track event of that name in (the message's own integrations aside). */
    private boolean admitsTrackNamed(String name) {
        for (Rule rule : rules) {
            if (rule.matches(EventType.TRACK, name)) {
                return allowList;
            }
        }
        return rules.isEmpty() || !allowList;
    }

    /** Drops or hashes the properties the rules name, in the message itself; each rule that changed it counts once. */
    public void rewrite(Message message, FilterCounts counts) {
        for (Property property : properties) {
            if (!property.path().appliesTo(message.type())) {
                continue;
            }
            JsonNode parent = message.body().get(property.path().root());
            List<String> fields = property.path().fields();
            for (int i = 0; i < fields.size() - 1 && parent != null; i++) {
                parent = parent.get(fields.get(i));
            }
            if (!(parent instanceof ObjectNode object)) {
                continue;
            }
            String field = fields.get(fields.size() - 1);
            JsonNode value = object.get(field);
            if (value == null) {
                continue;
            }
            if (property.action() == DestinationFilters.PropertyRule.Action.DROP) {
                object.remove(field);
            } else {
                object.set(field, TextNode.valueOf(sha256(value.isTextual() ? value.asText() : value.toString())));
            }
            counts.add(property.description());
        }
    }

    /** A table that selective sync left out: its rows are counted and not loaded. */
    public boolean excludes(String table, FilterCounts counts) {
        if (excludedTables.contains(table)) {
            counts.add("selective sync: table " + table);
            return true;
        }
        return false;
    }

    /**
     * The batch's tables and columns less those the filters keep out, so that no table or column is
     * made for them: excluded ones, dropped properties' and the tables of track events whose every
     * name the event rules block; a hashed property's new column is text. {@code physicalName} gives the
     * warehouse's names, which selective sync uses.
     */
    public BatchSchema prune(BatchSchema batch, UnaryOperator<String> physicalName) {
        Set<String> droppedColumns = new HashSet<>();
        Set<String> hashedColumns = new HashSet<>();
        BatchSchema pruned = new BatchSchema();
        for (Map.Entry<String, Map<String, ColumnType>> table : batch.tables().entrySet()) {
            String physicalTable = physicalName.apply(table.getKey());
            if (excludedTables.contains(physicalTable)) {
                continue;
            }
            EventType type = typeOf(table.getKey());
            if (type == EventType.TRACK && !table.getKey().equals(TableNamer.TRACKS)
                    && batch.eventNames(table.getKey()).filter(names -> names.stream().noneMatch(this::admitsTrackNamed)).isPresent()) {
                continue;
            }
            droppedColumns.clear();
            hashedColumns.clear();
            for (Property property : properties) {
                if (type != null && property.path().appliesTo(type)) {
                    (property.action() == DestinationFilters.PropertyRule.Action.DROP ? droppedColumns : hashedColumns)
                            .add(property.path().column(type));
                }
            }
            Map<String, ColumnType> kept = new LinkedHashMap<>();
            table.getValue().forEach((column, columnType) -> {
                if (!droppedColumns.contains(column) && !excludedColumns.contains(physicalTable + "." + physicalName.apply(column))) {
                    kept.put(column, hashedColumns.contains(column) ? ColumnType.VARCHAR : columnType);
                }
            });
            pruned.require(table.getKey(), kept);
        }
        return pruned;
    }

    /** The call type whose messages fill a table; null for {@code discards}. */
    private static EventType typeOf(String table) {
        if (table.equals(TableNamer.DISCARDS)) {
            return null;
        }
        if (table.equals(TableNamer.USERS)) {
            return EventType.IDENTIFY;
        }
        for (EventType type : EventType.values()) {
            if (TableNamer.forType(type).equals(table)) {
                return type;
            }
        }
        return EventType.TRACK;
    }

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is on every JVM", e);
        }
    });

    private static String sha256(String text) {
        return HexFormat.of().formatHex(SHA_256.get().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
