package io.bigpicture.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CrossOriginCheckTest {

    @Test
    void aFormFromTheConsolesOwnPagesGoesThrough() {
        assertThat(CrossOriginCheck.refusal("POST", "same-origin", "https://app.example.com", "app.example.com")).isEmpty();
        assertThat(CrossOriginCheck.refusal("POST", null, "http://localhost:8080", "localhost:8080")).isEmpty();
        assertThat(CrossOriginCheck.refusal("POST", null, "https://app.example.com", "app.example.com:443")).isEmpty();
        assertThat(CrossOriginCheck.refusal("POST", null, "http://[::1]:8080", "[::1]:8080")).isEmpty();
        assertThat(CrossOriginCheck.refusal("POST", "none", null, "app.example.com")).isEmpty();
    }

    @Test
    void aFormFromAnotherSiteIsRefusedSayingWhy() {
        assertThat(CrossOriginCheck.refusal("POST", "cross-site", "https://evil.example", "app.example.com"))
                .contains("a console form may only be sent from the console's own pages (Sec-Fetch-Site: cross-site)");
        assertThat(CrossOriginCheck.refusal("POST", "same-site", "https://evil.example.com", "app.example.com")).isPresent();
        assertThat(CrossOriginCheck.refusal("POST", null, "https://evil.example", "app.example.com"))
                .contains("a console form may only be sent from the console's own pages (Origin: https://evil.example)");
        assertThat(CrossOriginCheck.refusal("POST", null, "http://app.example.com", "app.example.com:443")).isPresent();
        assertThat(CrossOriginCheck.refusal("POST", null, "http://localhost:9999", "localhost:8080")).isPresent();
        assertThat(CrossOriginCheck.refusal("POST", null, "null", "app.example.com")).isPresent();
        assertThat(CrossOriginCheck.refusal("DELETE", null, "https://evil.example", null)).isPresent();
    }

    @Test
    void readingAPageAndARequestFromNoBrowserAreNotChecked() {
        assertThat(CrossOriginCheck.refusal("GET", "cross-site", "https://evil.example", "app.example.com")).isEmpty();
        assertThat(CrossOriginCheck.refusal("POST", null, null, "app.example.com")).isEmpty();
    }
}
