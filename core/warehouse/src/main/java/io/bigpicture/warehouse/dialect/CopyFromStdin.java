package io.bigpicture.warehouse.dialect;

/**
 * A warehouse the worker streams load files into through the session ({@code COPY ... FROM
 * STDIN}): CSV in which an empty unquoted field is NULL.
 */
public interface CopyFromStdin extends WarehouseDialect {

    /**
     * The first statement of a table's load transaction. A second load of the same table (a sync a
     * worker took over while the one whose lease ran out still finishes) waits until the first has
     * committed, so that its delete of the rows it replaces sees the first one's rows: each id stays
     * once. Readers are not held up.
     */
    String lockTarget(TableLoad load);

    String copyIntoStagingFromStdin(TableLoad load);

    /**
     * The staging table of the direct path: the target's id column only, without the constraints
     * (a NOT NULL of a table made by someone else) that only whole rows can meet.
     */
    String createIdStagingTable(TableLoad load);

    /**
     * The direct load of a table whose rows replace by id, when the load files hold each id once:
     * only the ids are staged (from a CSV file of ids, into {@link #createIdStagingTable}), the
     * target's rows of those ids deleted ({@link #deleteReplacedRows}) and the files copied straight
     * into the target. The rows are copied once, not staged and copied again.
     */
    String copyIdsIntoStagingFromStdin(TableLoad load);

    /** See {@link #copyIdsIntoStagingFromStdin}. */
    String copyIntoTableFromStdin(TableLoad load);

    /** Deletes the target's rows whose ids are staged. */
    String deleteReplacedRows(TableLoad load);
}
