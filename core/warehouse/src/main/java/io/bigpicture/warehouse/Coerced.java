package io.bigpicture.warehouse;

/** A value made to fit its column, or the reason it could not be. */
public sealed interface Coerced {

    /** The value as load-file text. */
    record Value(String text) implements Coerced {
    }

    /**
     * Loaded, but not as sent (a NUL removed, a lone surrogate replaced): a {@code discards} row
     * says what changed, with the value as sent.
     */
    record Altered(String text, String change) implements Coerced {
    }

    /** Not loaded: the row keeps going without it and a {@code discards} row says why. */
    record Discarded(String reason) implements Coerced {
    }
}
