package io.bigpicture.catalog;

public enum WarehouseKind {
    POSTGRES, REDSHIFT
}
