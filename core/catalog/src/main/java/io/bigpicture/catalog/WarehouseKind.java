package io.bigpicture.catalog;

public enum WarehouseKind {
    POSTGRES("Postgres"), REDSHIFT("Redshift");

    private final String integrationsKey;

    WarehouseKind(String integrationsKey) {
        this.integrationsKey = integrationsKey;
    }

    /** The kind's key in a message's {@code integrations} object, as Segment names it. */
    public String integrationsKey() {
        return integrationsKey;
    }
}
