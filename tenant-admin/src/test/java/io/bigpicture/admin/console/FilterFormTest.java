package io.bigpicture.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigpicture.warehouse.filter.DestinationFilters;
import io.bigpicture.warehouse.filter.DestinationFilters.EventRule;
import io.bigpicture.warehouse.filter.DestinationFilters.EventRules;
import io.bigpicture.warehouse.filter.DestinationFilters.PropertyRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterFormTest {

    @Test
    void eventRulesAreTypesThenAnOptionalNamePattern() {
        assertThat(FilterForm.eventRules("track Debug *\n\n  page  \n* Test  *\nTrack,Screen Order ?\n")).containsExactly(
                new EventRule(List.of("track"), "Debug *"), new EventRule(List.of("page"), null),
                new EventRule(List.of(), "Test  *"), new EventRule(List.of("track", "screen"), "Order ?"));
    }

    @Test
    void propertyRulesAreDropOrHashThenAPath() {
        assertThat(FilterForm.propertyRules("drop context.ip\nHASH properties.email\nremove traits.x")).containsExactly(
                new PropertyRule("context.ip", PropertyRule.Action.DROP), new PropertyRule("properties.email", PropertyRule.Action.HASH),
                new PropertyRule("traits.x", null));
    }

    @Test
    void theTextOfRulesReadsBackAsTheSameRules() {
        DestinationFilters filters = new DestinationFilters(new EventRules(EventRules.Mode.BLOCK,
                List.of(new EventRule(List.of("track", "page"), "Debug *"), new EventRule(List.of(), "x"), new EventRule(List.of("alias"), null))),
                List.of(new PropertyRule("context.ip", PropertyRule.Action.DROP), new PropertyRule("traits.email", PropertyRule.Action.HASH)),
                List.of(), List.of());

        assertThat(FilterForm.eventRules(FilterForm.eventRulesText(filters))).isEqualTo(filters.events().rules());
        assertThat(FilterForm.propertyRules(FilterForm.propertyRulesText(filters))).isEqualTo(filters.properties());
    }
}
