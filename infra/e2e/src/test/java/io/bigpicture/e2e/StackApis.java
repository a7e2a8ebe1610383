package io.bigpicture.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The running stack's APIs as people and client libraries call them: sign-up, the tenant API, the tracking API. */
final class StackApis {

    /** The local realm's (infra/keycloak/bigpicture-realm.json): a development secret, nothing more. */
    private static final String CONSOLE_CLIENT_SECRET = "bigpicture-console-local-secret";
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private StackApis() {
    }

    /** GET ({@code body} null) or POST with a person's token; the answer's body is kept in {@code answers}. */
    static String call(String url, String token, String body, List<String> answers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
        request = body == null ? request.GET()
                : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = send(request);
        assertThat(response.statusCode()).as(url + ": " + response.body()).isBetween(200, 299);
        answers.add(response.body());
        return response.body();
    }

    static String idOf(String json) {
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(json);
        assertThat(id.find()).as(json).isTrue();
        return id.group(1);
    }

    /**
     * A person as the realm's sign-up page makes them (here through Keycloak's admin API), signed
     * in with the console's client: their access token.
     */
    static String signedUpPerson() throws Exception {
        String keycloak = "http://localhost:" + (8180 + Bigpicture.PORT_OFFSET);
        String master = accessToken(keycloak + "/realms/master/protocol/openid-connect/token",
                "grant_type=password&client_id=admin-cli&username=admin&password=" + form(RunningBigpicture.secret("KEYCLOAK_ADMIN_PASSWORD")));
        String email = "e2e-" + UUID.randomUUID() + "@example.com";
        String password = UUID.randomUUID().toString();
        HttpResponse<String> signUp = send(HttpRequest.newBuilder(URI.create(keycloak + "/admin/realms/bigpicture/users"))
                .header("Authorization", "Bearer " + master).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + email + "\",\"email\":\"" + email + "\",\"enabled\":true,"
                        + "\"firstName\":\"E\",\"lastName\":\"Two\",\"credentials\":[{\"type\":\"password\",\"value\":\"" + password
                        + "\",\"temporary\":false}]}")));
        assertThat(signUp.statusCode()).as(signUp.body()).isEqualTo(201);
        return accessToken(keycloak + "/realms/bigpicture/protocol/openid-connect/token",
                "grant_type=password&client_id=bigpicture-console&client_secret=" + CONSOLE_CLIENT_SECRET
                        + "&scope=openid&username=" + form(email) + "&password=" + form(password));
    }

    private static String accessToken(String tokenEndpoint, String form) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher token = ACCESS_TOKEN.matcher(response.body());
        assertThat(token.find()).as(response.body()).isTrue();
        return token.group(1);
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static int post(String url, String writeKey, String body) throws Exception {
        String basic = Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
