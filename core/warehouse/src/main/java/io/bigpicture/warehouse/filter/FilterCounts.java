package io.bigpicture.warehouse.filter;

import java.util.LinkedHashMap;
import java.util.Map;

/** Messages or rows each rule kept out of a warehouse, by the rule's description. One per writer thread. */
public final class FilterCounts {

    private final Map<String, long[]> counts = new LinkedHashMap<>();

    /** One more kept out by this rule (a filter rule, or a limit of the warehouse). */
    public void add(String rule) {
        counts.computeIfAbsent(rule, name -> new long[1])[0]++;
    }

    public void addTo(Map<String, Long> total) {
        counts.forEach((rule, count) -> total.merge(rule, count[0], Long::sum));
    }
}
