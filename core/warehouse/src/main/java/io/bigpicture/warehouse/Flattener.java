package io.bigpicture.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Nested objects become one column per leaf ({@code address.city} -> path {@code [address, city]});
 * arrays, and objects nested deeper than the limit, become one column holding them whole (their
 * JSON text in a VARCHAR column, see {@link TypeCoercion}).
 * Nulls make no column.
 */
public final class Flattener {

    public static final int DEFAULT_MAX_DEPTH = 3;

    private final int maxDepth;

    public Flattener(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    public void flatten(ObjectNode object, BiConsumer<List<String>, JsonNode> leaf) {
        flatten(object, new ArrayList<>(), leaf);
    }

    private void flatten(ObjectNode object, List<String> path, BiConsumer<List<String>, JsonNode> leaf) {
        object.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                return;
            }
            path.add(field.getKey());
            if (value instanceof ObjectNode nested && path.size() < maxDepth) {
                flatten(nested, path, leaf);
            } else {
                // an array, or an object past the depth, stays whole: text for a VARCHAR column, itself for a JSON one
                leaf.accept(List.copyOf(path), value);
            }
            path.remove(path.size() - 1);
        });
    }
}
