package io.bigpicture.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** The tenant-admin REST API, as the command line uses it. */
final class AdminClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI base;
    private final String token;

    AdminClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    JsonNode get(String path) {
        return send("GET", path, null, 200);
    }

    JsonNode post(String path, Object body, int expected) {
        return send("POST", path, body, expected);
    }

    void put(String path) {
        send("PUT", path, null, 204);
    }

    /** The element of a JSON array answer with this name, if any. */
    Optional<JsonNode> named(String path, String name) {
        for (JsonNode element : get(path)) {
            if (name.equals(element.path("name").asText())) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    private JsonNode send(String method, String path, Object body, int expected) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body));
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(method, publisher)
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new CliException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new CliException("tenant-admin at " + base + " did not answer (" + e.getMessage() + "); is the stack up? run ./bigpicture up");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }
}
