package io.bigpicture.warehouse.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigpicture.events.EventType;
import io.bigpicture.events.Message;
import io.bigpicture.warehouse.filter.DestinationFilters.EventRule;
import io.bigpicture.warehouse.filter.DestinationFilters.EventRules;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The compiled rules decide as the rules read one by one would: the first that matches wins. */
class CompiledFiltersPropertyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Provide
    Arbitrary<EventRule> rule() {
        Arbitrary<List<String>> types = Arbitraries.of("track", "page", "identify").list().ofMaxSize(2).uniqueElements();
        Arbitrary<String> name = Arbitraries.strings().withChars("ab*?").ofMinLength(1).ofMaxLength(4).injectNull(0.3);
        return Combinators.combine(types, name).as(EventRule::new).filter(rule -> !rule.types().isEmpty() || rule.name() != null);
    }

    @Provide
    Arbitrary<List<EventRule>> rules() {
        return rule().list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> name() {
        return Arbitraries.strings().withChars("abAB").ofMaxLength(4);
    }

    @Property
    void theCompiledRulesDecideAsTheRulesReadInOrder(@ForAll("rules") List<EventRule> rules, @ForAll boolean allowList,
                                                     @ForAll EventType type, @ForAll("name") String name) throws Exception {
        EventRules events = new EventRules(allowList ? EventRules.Mode.ALLOW : EventRules.Mode.BLOCK, rules);
        CompiledFilters compiled = CompiledFilters.compile(new DestinationFilters(events, List.of(), List.of(), List.of()), "Postgres", "dw");
        String field = type == EventType.TRACK ? "event" : "name";
        Message message = new Message(type, (ObjectNode) JSON.readTree("{\"" + field + "\":\"" + name + "\"}"));
        String sentName = switch (type) {
            case TRACK, PAGE, SCREEN -> name;
            default -> null;
        };

        boolean expected = rules.isEmpty() || !allowList;
        for (EventRule rule : rules) {
            boolean typeMatches = rule.types().isEmpty() || rule.types().contains(type.wireName());
            boolean nameMatches = rule.name() == null || (sentName != null && Glob.of(rule.name()).matches(sentName));
            if (typeMatches && nameMatches) {
                expected = allowList;
                break;
            }
        }
        assertThat(compiled.admits(message, new FilterCounts())).isEqualTo(expected);
    }
}
