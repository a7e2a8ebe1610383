package io.bigpicture.warehouse;

import java.util.Optional;

/**
 * The length of the VARCHAR columns bigPicture makes in one warehouse: UTF-8 bytes on Redshift,
 * characters on PostgreSQL. 512 unless the warehouse sets another; never less, so that ids and
 * the texts of {@code discards}, cut at 512 bytes, always fit; at most 65 535, Redshift's widest
 * VARCHAR and the most of a text bigPicture loads into any column.
 */
public record VarcharLength(int length) {

    public static final int DEFAULT_LENGTH = 512;
    public static final int MAX_LENGTH = 65_535;
    public static final VarcharLength DEFAULT = new VarcharLength(DEFAULT_LENGTH);

    public VarcharLength {
        problem(length).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /** What is wrong with a length someone asked for, in words, or empty. */
    public static Optional<String> problem(int length) {
        return length < DEFAULT_LENGTH || length > MAX_LENGTH
                ? Optional.of("the length of new text columns must be " + DEFAULT_LENGTH + " to " + MAX_LENGTH + ", not " + length)
                : Optional.empty();
    }
}
