package io.bigpicture.warehouse;

import java.util.List;
import java.util.Optional;

/**
 * Many new tables or columns in one sync: nearly always a name with a varying part (an event
 * {@code Ordered Product 15}, a property {@code item_15_price}), which makes a table or column per
 * value until the warehouse's limits stop it.
 */
public final class UnboundedNames {

    /** More new tables than this in one sync is worth a person's look. */
    public static final int NEW_TABLES = 20;
    /** More new columns than this in one sync, in all tables together. */
    public static final int NEW_COLUMNS = 200;

    private UnboundedNames() {
    }

    /**
     * What a person should know and do, when a sync's changes look like unbounded names. The first
     * load into a schema makes every table the source has: that is no sign.
     *
     * @param tablesBefore the schema's tables before these changes
     */
    public static Optional<String> inWords(List<TableChange> applied, int tablesBefore) {
        if (tablesBefore == 0) {
            return Optional.empty();
        }
        List<String> newTables = applied.stream().filter(change -> change instanceof TableChange.CreateTable).map(TableChange::table).toList();
        List<String> newColumns = applied.stream().filter(change -> change instanceof TableChange.AddColumns)
                .flatMap(change -> change.columns().keySet().stream().map(column -> change.table() + "." + column))
                .toList();
        if (newTables.size() > NEW_TABLES) {
            return Optional.of("this sync created " + newTables.size() + " new tables (" + Listing.firstFew(newTables) + "): event names that"
                    + " carry a varying part make a table each. Send one event name and move the varying part into a property.");
        }
        if (newColumns.size() > NEW_COLUMNS) {
            return Optional.of("this sync added " + newColumns.size() + " new columns (" + Listing.firstFew(newColumns) + "): property names that"
                    + " carry a varying part make a column each. Send fixed property names and move the varying part into a value.");
        }
        return Optional.empty();
    }
}
