package io.bigpicture.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigpicture.events.EventType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NamersTest {

    @Test
    void propertiesThatClashWithStandardColumnsGetALeadingUnderscore() {
        assertThat(ColumnNamer.property(EventType.TRACK, List.of("id"))).isEqualTo("_id");
        assertThat(ColumnNamer.property(EventType.TRACK, List.of("receivedAt"))).isEqualTo("_received_at");
        assertThat(ColumnNamer.property(EventType.TRACK, List.of("context_ip"))).isEqualTo("_context_ip");
        assertThat(ColumnNamer.property(EventType.PAGE, List.of("name"))).isEqualTo("_name");
    }

    @Test
    void aPropertyNamedLikeAnotherCallsStandardColumnKeepsItsName() {
        assertThat(ColumnNamer.property(EventType.TRACK, List.of("name"))).isEqualTo("name");
    }

    @Test
    void nestedPropertiesAreJoinedWithUnderscores() {
        assertThat(ColumnNamer.property(EventType.IDENTIFY, List.of("address", "city"))).isEqualTo("address_city");
        assertThat(ColumnNamer.property(EventType.IDENTIFY, List.of("shipping", "zipCode"))).isEqualTo("shipping_zip_code");
        assertThat(ColumnNamer.context(List.of("library", "name"))).isEqualTo("context_library_name");
    }

    @Test
    void aSourceLoadsIntoASchemaOfItsOwnNeverTheCustomersPublicOrACatalog() {
        assertThat(TableNamer.schemaForSource("My Web Site", Set.of())).isEqualTo("my_web_site");
        assertThat(TableNamer.schemaForSource("public", Set.of())).isEqualTo("_public");
        assertThat(TableNamer.schemaForSource("Public", Set.of())).isEqualTo("_public");
        assertThat(TableNamer.schemaForSource("pg_catalog", Set.of())).isEqualTo("_pg_catalog");
        assertThat(TableNamer.schemaForSource("information_schema", Set.of())).isEqualTo("_information_schema");
        assertThat(TableNamer.schemaForSource("bigpicture_check", Set.of())).isEqualTo("_bigpicture_check");
        assertThat(TableNamer.schemaForSource("my-web-site", Set.of("my_web_site"))).as("another source's").isEqualTo("my_web_site_2");
        assertThat(TableNamer.schemaForSource("My Web Site!", Set.of("my_web_site_", "my_web_site__2"))).isEqualTo("my_web_site__3");
        String longest = "s".repeat(Identifiers.MAX_LENGTH);
        assertThat(TableNamer.schemaForSource(longest, Set.of(longest))).hasSizeLessThanOrEqualTo(Identifiers.MAX_LENGTH).isNotEqualTo(longest);
    }

    @Test
    void eventNamesBecomeTablesAndStandardTableNamesAreAvoided() {
        assertThat(TableNamer.forEvent("Order Completed")).isEqualTo("order_completed");
        assertThat(TableNamer.forEvent("Tracks")).isEqualTo("_tracks");
        assertThat(TableNamer.forEvent("users")).isEqualTo("_users");
        assertThat(TableNamer.forEvent("select")).isEqualTo("select");
    }

    @Test
    void aChosenSchemaIsTakenAsTheWarehouseKeepsItAndNeverOneItKeepsForItself() {
        assertThat(TableNamer.problemWithChosenSchema("segment_prod")).isEmpty();
        assertThat(TableNamer.problemWithChosenSchema("Segment Prod")).get().asString().endsWith("(as the warehouse keeps it: segment_prod)");
        assertThat(TableNamer.problemWithChosenSchema("x\"; drop schema y; --")).isPresent();
        for (String kept : List.of("public", "information_schema", "pg_catalog", "pg_temp_3", "bigpicture_check")) {
            assertThat(TableNamer.problemWithChosenSchema(kept)).as(kept).get().asString().contains("is kept by the database or by bigPicture");
        }
        assertThat(TableNamer.problemWithChosenSchema("")).isPresent();
    }
}
