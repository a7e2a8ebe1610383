package io.bigpicture.warehouse;

import java.util.List;

/** Names in a sentence for people: the first few, and how many more. */
final class Listing {

    private static final int SHOWN = 5;

    private Listing() {
    }

    static String firstFew(List<String> names) {
        return names.size() <= SHOWN ? String.join(", ", names)
                : String.join(", ", names.subList(0, SHOWN)) + " and " + (names.size() - SHOWN) + " more";
    }
}
