package io.bigpicture.admin.api;

import io.bigpicture.warehouse.filter.DestinationFilters;
import java.time.Instant;
import java.util.List;

/** What a source sends to one warehouse, in the API (see DestinationFilters for the rules). */
public final class FilterApi {

    private FilterApi() {
    }

    /**
     * {@code enabled}: false keeps the source out of the warehouse altogether. {@code events}:
     * {@code {"mode":"BLOCK"|"ALLOW","rules":[{"types":["track"],"name":"Debug *"}]}};
     * {@code properties}: {@code [{"path":"context.ip","action":"DROP"|"HASH"}]};
     * {@code excludedTables}: {@code ["debug_click"]}; {@code excludedColumns}: {@code ["tracks.context_ip"]}.
     */
    public record Settings(Boolean enabled, DestinationFilters.EventRules events, List<DestinationFilters.PropertyRule> properties,
                           List<String> excludedTables, List<String> excludedColumns) {

        public static Settings of(boolean enabled, DestinationFilters filters) {
            return new Settings(enabled, filters.events(), filters.properties(), filters.excludedTables(), filters.excludedColumns());
        }

        public DestinationFilters filters() {
            return new DestinationFilters(events, properties, excludedTables, excludedColumns);
        }
    }

    /** One change of the audit log: who, when, what changed in words, and the settings after it. */
    public record Change(String changedBy, Instant changedAt, String summary, Settings settings) {
    }
}
