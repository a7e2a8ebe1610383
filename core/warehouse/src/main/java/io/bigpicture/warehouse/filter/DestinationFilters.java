package io.bigpicture.warehouse.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigpicture.events.EventType;
import io.bigpicture.warehouse.StandardColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one source sends to one warehouse, as its owner set it: which events (an allow or a block
 * list by call type and name), which properties (dropped, or hashed with SHA-256) and which of the
 * tables and columns already in the warehouse go on being loaded. Applied at load time
 * ({@link CompiledFilters}), so a change counts from the next sync for data not loaded yet.
 */
public record DestinationFilters(EventRules events, List<PropertyRule> properties, List<String> excludedTables,
                                 List<String> excludedColumns) {

    public static final DestinationFilters NONE = new DestinationFilters(EventRules.NONE, List.of(), List.of(), List.of());
    public static final int MAX_RULES = 100;
    /** Without them a table cannot be merged by id. */
    private static final Set<String> NEEDED_COLUMNS = Set.of(StandardColumns.ID, StandardColumns.RECEIVED_AT, StandardColumns.UUID_TS);

    public DestinationFilters {
        events = events == null ? EventRules.NONE : events;
        properties = properties == null ? List.of() : List.copyOf(properties);
        excludedTables = excludedTables == null ? List.of() : List.copyOf(excludedTables);
        excludedColumns = excludedColumns == null ? List.of() : List.copyOf(excludedColumns);
    }

    /** {@code ALLOW}: only messages that match a rule are loaded; {@code BLOCK}: those that match are not. */
    public record EventRules(Mode mode, List<EventRule> rules) {

        public static final EventRules NONE = new EventRules(Mode.BLOCK, List.of());

        public enum Mode { ALLOW, BLOCK }

        public EventRules {
            mode = mode == null ? Mode.BLOCK : mode;
            rules = rules == null ? List.of() : List.copyOf(rules);
        }
    }

    /**
     * Matches a message of one of {@code types} (wire names: track, identify, page, screen, group,
     * alias; none: every type) whose name (a track's event, a page's or screen's name) matches the
     * glob {@code name} (none: any message, named or not).
     */
    public record EventRule(List<String> types, String name) {

        public EventRule {
            types = types == null ? List.of() : List.copyOf(types);
        }

        /** How sync history names the rule. */
        public String describe() {
            return (types.isEmpty() ? "any call" : String.join(" or ", types)) + (name == null ? "" : " named '" + name + "'");
        }
    }

    /** A dot path below {@code context}, {@code properties} or {@code traits}, e.g. {@code context.ip}. */
    public record PropertyRule(String path, Action action) {

        public enum Action { DROP, HASH }

        public String describe() {
            return (action == Action.HASH ? "hash " : "drop ") + path;
        }
    }

    /** Which rules came and went, in words, for the audit log; empty when none did. */
    public List<String> changesFrom(DestinationFilters before) {
        List<String> changes = new ArrayList<>();
        if (before.events().mode() != events.mode()) {
            changes.add("events: now an " + events.mode().name().toLowerCase(Locale.ROOT) + " list");
        }
        String verb = events.mode() == EventRules.Mode.ALLOW ? "allow " : "block ";
        String verbBefore = before.events().mode() == EventRules.Mode.ALLOW ? "allow " : "block ";
        difference(changes, "events: ", before.events().rules().stream().map(rule -> verbBefore + rule.describe()).toList(),
                events.rules().stream().map(rule -> verb + rule.describe()).toList());
        difference(changes, "properties: ", before.properties().stream().map(PropertyRule::describe).toList(),
                properties.stream().map(PropertyRule::describe).toList());
        difference(changes, "selective sync: table ", before.excludedTables(), excludedTables);
        difference(changes, "selective sync: column ", before.excludedColumns(), excludedColumns);
        return changes;
    }

    private static void difference(List<String> changes, String prefix, List<String> before, List<String> after) {
        after.stream().filter(rule -> !before.contains(rule)).forEach(rule -> changes.add("added " + prefix + rule));
        before.stream().filter(rule -> !after.contains(rule)).forEach(rule -> changes.add("removed " + prefix + rule));
    }

    public String toJson(ObjectMapper json) {
        try {
            return json.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("filters are plain records", e);
        }
    }

    /** @throws IllegalArgumentException naming what in the JSON is not filters */
    public static DestinationFilters fromJson(ObjectMapper json, String text) {
        try {
            return json.readValue(text, DestinationFilters.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not filters: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Every reason the settings cannot be saved, each naming where: bad patterns and paths, and
     * tables or columns that the warehouse does not have.
     *
     * @param knownColumns the source's tables in the warehouse, with their columns
     */
    public List<String> problems(Map<String, Set<String>> knownColumns) {
        List<String> problems = new ArrayList<>();
        if (events.rules().size() > MAX_RULES || properties.size() > MAX_RULES) {
            problems.add("at most " + MAX_RULES + " event rules and " + MAX_RULES + " property rules");
        }
        if (events.mode() == EventRules.Mode.ALLOW && events.rules().isEmpty()) {
            problems.add("events: an allow list needs at least one rule (with none, nothing would load; switch the source off instead)");
        }
        for (int i = 0; i < events.rules().size(); i++) {
            EventRule rule = events.rules().get(i);
            String where = "events.rules[" + i + "]";
            if (rule == null) {
                problems.add(where + ": empty");
                continue;
            }
            for (String type : rule.types()) {
                if (type == null || EventType.fromWireName(type).isEmpty()) {
                    problems.add(where + ".types: " + type + " is not a call type (track, identify, page, screen, group, alias)");
                }
            }
            if (rule.name() != null) {
                Glob.problem(rule.name()).ifPresent(problem -> problems.add(where + ".name: " + problem));
            } else if (rule.types().isEmpty()) {
                problems.add(where + ": give types, a name pattern or both");
            }
        }
        for (int i = 0; i < properties.size(); i++) {
            PropertyRule rule = properties.get(i);
            String where = "properties[" + i + "]";
            if (rule == null || rule.action() == null) {
                problems.add(where + ": give a path and an action, DROP or HASH");
                continue;
            }
            PropertyPath.problem(rule.path()).ifPresent(problem -> problems.add(where + ".path: " + problem));
        }
        for (String table : excludedTables) {
            if (!knownColumns.containsKey(table)) {
                problems.add("excludedTables: the warehouse has no table " + table + " for this source");
            }
        }
        for (String qualified : excludedColumns) {
            int dot = qualified == null ? -1 : qualified.indexOf('.');
            if (dot < 1) {
                problems.add("excludedColumns: " + qualified + " is not table.column");
                continue;
            }
            String table = qualified.substring(0, dot);
            String column = qualified.substring(dot + 1);
            if (!knownColumns.getOrDefault(table, Set.of()).contains(column)) {
                problems.add("excludedColumns: the warehouse has no column " + column + " in table " + table + " for this source");
            } else if (NEEDED_COLUMNS.contains(column)) {
                problems.add("excludedColumns: " + qualified + " is needed to load the table (leave out the table instead)");
            }
        }
        return problems;
    }
}
