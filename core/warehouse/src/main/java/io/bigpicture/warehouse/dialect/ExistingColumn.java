package io.bigpicture.warehouse.dialect;

/**
 * A column as the warehouse's {@code information_schema.columns} describes it: its data type, and
 * the lengths and precisions that type has (null where it has none).
 */
public record ExistingColumn(String dataType, Integer characterLength, Integer numericPrecision, Integer numericScale) {
}
