package io.bigpicture.warehouse.dialect;

/** Where a warehouse is and who the loader logs in as; the password is kept apart, encrypted. */
public record Endpoint(String host, int port, String database, String username, boolean ssl) {
}
