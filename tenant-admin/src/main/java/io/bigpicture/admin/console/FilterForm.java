package io.bigpicture.admin.console;

import io.bigpicture.warehouse.filter.DestinationFilters;
import io.bigpicture.warehouse.filter.DestinationFilters.EventRule;
import io.bigpicture.warehouse.filter.DestinationFilters.PropertyRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The console's text form of filter rules, one rule per line. Event rules: call types (comma
 * separated, {@code *} for any) then, optionally, a name pattern: {@code track Debug *},
 * {@code page}, {@code * Test *}. Property rules: {@code drop context.ip}, {@code hash properties.email}.
 */
public final class FilterForm {

    private FilterForm() {
    }

    public static List<EventRule> eventRules(String text) {
        List<EventRule> rules = new ArrayList<>();
        for (String line : lines(text)) {
            int space = line.indexOf(' ');
            String types = space < 0 ? line : line.substring(0, space);
            String name = space < 0 ? null : line.substring(space + 1).trim();
            rules.add(new EventRule(types.equals("*") ? List.of() : Arrays.stream(types.split(",")).map(String::trim)
                    .map(type -> type.toLowerCase(Locale.ROOT)).toList(), name == null || name.isEmpty() ? null : name));
        }
        return rules;
    }

    /** A line that is not "drop path" or "hash path" becomes a rule without an action, which saving refuses naming it. */
    public static List<PropertyRule> propertyRules(String text) {
        List<PropertyRule> rules = new ArrayList<>();
        for (String line : lines(text)) {
            String[] parts = line.split("\\s+", 2);
            PropertyRule.Action action = switch (parts[0].toLowerCase(Locale.ROOT)) {
                case "drop" -> PropertyRule.Action.DROP;
                case "hash" -> PropertyRule.Action.HASH;
                default -> null;
            };
            rules.add(new PropertyRule(parts.length > 1 ? parts[1].trim() : parts[0], action));
        }
        return rules;
    }

    public static String eventRulesText(DestinationFilters filters) {
        StringBuilder text = new StringBuilder();
        for (EventRule rule : filters.events().rules()) {
            text.append(rule.types().isEmpty() ? "*" : String.join(",", rule.types()));
            if (rule.name() != null) {
                text.append(' ').append(rule.name());
            }
            text.append('\n');
        }
        return text.toString();
    }

    public static String propertyRulesText(DestinationFilters filters) {
        StringBuilder text = new StringBuilder();
        for (PropertyRule rule : filters.properties()) {
            text.append(rule.action() == PropertyRule.Action.HASH ? "hash " : "drop ").append(rule.path()).append('\n');
        }
        return text.toString();
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
    }
}
