package io.bigpicture.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedOriginsTest {

    @Test
    void noOriginsMeansAnyOrigin() {
        assertThat(AllowedOrigins.parse(null).permits("https://anything.example")).isTrue();
        assertThat(AllowedOrigins.ANY.stored()).isNull();
    }

    @Test
    void originsAreComparedNormalized() {
        AllowedOrigins origins = AllowedOrigins.of(List.of("HTTPS://Shop.Example", "http://localhost:3000/")).origins().orElseThrow();

        assertThat(origins.permits("https://shop.example")).isTrue();
        assertThat(origins.permits("http://localhost:3000")).isTrue();
        assertThat(origins.permits("http://shop.example")).isFalse();
        assertThat(origins.permits("http://localhost:3001")).isFalse();
        assertThat(origins.permits("null")).isFalse();
    }

    @Test
    void aWildcardAllowsEverySubdomainButNotTheDomainItself() {
        AllowedOrigins origins = AllowedOrigins.of(List.of("https://*.example.com")).origins().orElseThrow();

        assertThat(origins.permits("https://www.example.com")).isTrue();
        assertThat(origins.permits("https://a.b.example.com")).isTrue();
        assertThat(origins.permits("https://example.com")).isFalse();
        assertThat(origins.permits("https://evil-example.com")).isFalse();
    }

    @Test
    void whatIsNotAnOriginIsRefusedWithTheReason() {
        assertThat(AllowedOrigins.of(List.of("https://shop.example/path")).problem())
                .contains("not an origin (scheme://host[:port], or scheme://*.domain): https://shop.example/path");
        assertThat(AllowedOrigins.of(List.of("ftp://shop.example")).problem()).isPresent();
        assertThat(AllowedOrigins.of(List.of("shop.example")).problem()).isPresent();
    }

    @Test
    void itIsStoredAsTextAndReadBack() {
        AllowedOrigins origins = AllowedOrigins.of(List.of("https://b.example", "https://a.example")).origins().orElseThrow();

        assertThat(origins.stored()).isEqualTo("https://a.example https://b.example");
        assertThat(AllowedOrigins.parse(origins.stored())).isEqualTo(origins);
    }
}
