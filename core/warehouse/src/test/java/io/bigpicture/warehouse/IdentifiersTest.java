package io.bigpicture.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentifiersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Order Completed|order_completed",
            "productId|product_id",
            "HTTPRequest|http_request",
            "already_snake|already_snake",
            "5guys|_5guys",
            "price ($)|price____",
            "Café|caf_",
            "user|user",
            "a.b|a_b",
            "ALLCAPS|allcaps",
            "version2Name|version2_name"})
    void sentNamesBecomeSnakeCase(String sent, String expected) {
        assertThat(Identifiers.sanitize(sent)).isEqualTo(expected);
    }

    @Property
    void everyNameIsALegalIdentifier(@ForAll String sent) {
        String name = Identifiers.sanitize(sent);

        assertThat(name).matches("[a-z_][a-z0-9_]*");
        assertThat(name.length()).isLessThanOrEqualTo(Identifiers.MAX_LENGTH);
    }

    @Property
    void aShortenedNameFitsStaysAsItIsWhenShortenedAgainAndKeepsLongNamesApart(@ForAll String sent, @ForAll String other) {
        String name = Identifiers.sanitize(sent);
        String shortened = Identifiers.shorten(name, 63);

        assertThat(shortened.length()).isLessThanOrEqualTo(63);
        assertThat(Identifiers.shorten(shortened, 63)).isEqualTo(shortened);
        if (name.length() <= 63) {
            assertThat(shortened).isEqualTo(name);
        }
        String otherName = Identifiers.sanitize(other);
        if (!otherName.equals(name) && name.length() > 63 && otherName.length() > 63) {
            assertThat(Identifiers.shorten(otherName, 63)).isNotEqualTo(shortened);
        }
    }

    @Property
    void aSanitizedNameStaysAsItIs(@ForAll String sent) {
        String once = Identifiers.sanitize(sent);

        assertThat(Identifiers.sanitize(once)).isEqualTo(once);
    }
}
