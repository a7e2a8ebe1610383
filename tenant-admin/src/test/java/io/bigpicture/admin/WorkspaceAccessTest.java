package io.bigpicture.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.http.Method;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * People reach the API with access tokens of the identity provider (signed here by Quarkus' mock
 * OIDC server), and see and change only what their membership and role allow.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class WorkspaceAccessTest {

    private static final String ISSUER = "https://server.example.com";

    /** One endpoint of the API, called on workspace A's objects. */
    private record Call(Method method, String path, String body) {
    }

    /** A 409 would tell anyone who signs up which company names are tenants already. */
    @Test
    void aWorkspaceNameIsUniqueAmongAPersonsOwnWorkspacesOnly() {
        Person alice = Person.random("alice");
        Person bob = Person.random("bob");
        String name = "{\"name\":\"Acme " + UUID.randomUUID() + "\"}";

        alice.api().body(name).post("/api/workspaces").then().statusCode(201);
        bob.api().body(name).post("/api/workspaces").then().statusCode(201);
        alice.api().body(name).post("/api/workspaces").then().statusCode(409);
    }

    @Test
    void aPersonOutsideAWorkspaceGets404FromEveryEndpointOfIt() {
        Person alice = Person.random("alice");
        Person bob = Person.random("bob");
        String a = alice.createsWorkspace();
        String source = alice.api().body("{\"name\":\"web\"}").post("/api/workspaces/" + a + "/sources").then().statusCode(201).extract().path("id");
        String warehouse = alice.api().body(WAREHOUSE).post("/api/workspaces/" + a + "/warehouses").then().statusCode(201).extract().path("id");
        alice.api().put("/api/workspaces/" + a + "/sources/" + source + "/destinations/" + warehouse).then().statusCode(204);
        String job = alice.api().post("/api/workspaces/" + a + "/sources/" + source + "/syncs").then().statusCode(202).extract().path("jobs[0].id");
        String member = alice.api().body("{\"email\":\"dana-" + UUID.randomUUID() + "@example.com\",\"role\":\"VIEWER\"}")
                .post("/api/workspaces/" + a + "/members").then().statusCode(201).extract().path("id");
        String b = bob.createsWorkspace();

        String in = "/api/workspaces/" + a;
        List<Call> everyEndpoint = List.of(
                new Call(Method.GET, in + "/members", null),
                new Call(Method.POST, in + "/members", "{\"email\":\"eve@example.com\",\"role\":\"OWNER\"}"),
                new Call(Method.DELETE, in + "/members/" + member, null),
                new Call(Method.GET, in + "/sources", null),
                new Call(Method.POST, in + "/sources", "{\"name\":\"mine now\"}"),
                new Call(Method.POST, in + "/sources/" + source + "/write-keys", null),
                new Call(Method.GET, in + "/sources/" + source + "/events", null),
                new Call(Method.GET, "/console/workspaces/" + a + "/sources/" + source + "/events", null),
                new Call(Method.PUT, in + "/sources/" + source + "/allowed-origins", "{\"origins\":[\"https://evil.example\"]}"),
                new Call(Method.PUT, in + "/sources/" + source + "/destinations/" + warehouse, null),
                new Call(Method.GET, in + "/sources/" + source + "/destinations/" + warehouse + "/filters", null),
                new Call(Method.PUT, in + "/sources/" + source + "/destinations/" + warehouse + "/filters", "{\"enabled\":false}"),
                new Call(Method.GET, in + "/sources/" + source + "/destinations/" + warehouse + "/filters/changes", null),
                new Call(Method.DELETE, in + "/sources/" + source + "/destinations/" + warehouse, null),
                new Call(Method.POST, in + "/sources/" + source + "/syncs", null),
                new Call(Method.DELETE, in + "/sources/" + source, null),
                new Call(Method.GET, in + "/warehouses", null),
                new Call(Method.POST, in + "/warehouses", WAREHOUSE),
                new Call(Method.POST, in + "/warehouses/" + warehouse + "/check", null),
                new Call(Method.PUT, in + "/warehouses/" + warehouse + "/schedule", "{\"syncIntervalMinutes\":15}"),
                new Call(Method.GET, in + "/syncs/" + job, null),
                new Call(Method.GET, in + "/syncs", null),
                new Call(Method.GET, in + "/schema", null),
                // A's objects through bob's own workspace
                new Call(Method.POST, "/api/workspaces/" + b + "/sources/" + source + "/write-keys", null),
                new Call(Method.PUT, "/api/workspaces/" + b + "/sources/" + source + "/destinations/" + warehouse, null),
                new Call(Method.DELETE, "/api/workspaces/" + b + "/sources/" + source, null),
                new Call(Method.GET, "/api/workspaces/" + b + "/syncs/" + job, null));
        for (Call call : everyEndpoint) {
            RequestSpecification request = bob.api();
            if (call.body() != null) {
                request.body(call.body());
            }
            request.request(call.method(), call.path()).then().statusCode(404);
        }

        String console = "/console/workspaces/" + a;
        for (String page : List.of(console, console + "/schema", console + "/sources/" + source + "/events", console + "/sources/" + source + "/filters")) {
            bob.browser().get(page).then().statusCode(404);
        }
        Map<String, Map<String, String>> everyForm = new LinkedHashMap<>();
        everyForm.put(console + "/sources", Map.of("name", "mine now"));
        everyForm.put(console + "/sources/" + source + "/write-keys", Map.of());
        everyForm.put(console + "/sources/" + source + "/delete", Map.of());
        everyForm.put(console + "/sources/" + source + "/destinations", Map.of("warehouse", warehouse));
        everyForm.put(console + "/sources/" + source + "/destinations/" + warehouse + "/delete", Map.of());
        everyForm.put(console + "/sources/" + source + "/syncs", Map.of());
        everyForm.put(console + "/sources/" + source + "/destinations/" + warehouse + "/filters", Map.of("mode", "BLOCK", "eventRules", "track *"));
        everyForm.put(console + "/warehouses", Map.of("name", "dw2", "kind", "POSTGRES", "host", "h", "port", "5432", "database", "d",
                "username", "u", "password", "p"));
        everyForm.put(console + "/warehouses/" + warehouse + "/check", Map.of("name", "dw"));
        everyForm.put(console + "/warehouses/" + warehouse + "/schedule", Map.of("syncIntervalMinutes", "15"));
        everyForm.put(console + "/members", Map.of("email", "eve@example.com", "role", "OWNER"));
        everyForm.put(console + "/members/" + member + "/delete", Map.of());
        everyForm.forEach((path, form) -> bob.browser().formParams(form).post(path).then().statusCode(404));

        bob.api().get("/api/workspaces").then().statusCode(200).body("", hasSize(1)).body("[0].id", equalTo(b));
        alice.api().get(in + "/sources").then().statusCode(200).body("", hasSize(1));
        alice.api().get(in + "/members").then().statusCode(200).body("", hasSize(2));
    }

    @Test
    void anInvitedViewerJoinsBySigningInAndMayReadButNotChange() {
        Person alice = Person.random("alice");
        Person carol = Person.random("carol");
        String a = alice.createsWorkspace();
        alice.api().body("{\"email\":\"" + carol.email().toUpperCase() + "\",\"role\":\"VIEWER\"}").post("/api/workspaces/" + a + "/members")
                .then().statusCode(201).body("joined", equalTo(false));

        carol.api().get("/api/workspaces").then().statusCode(200).body("", hasSize(1)).body("[0].id", equalTo(a));
        carol.api().get("/api/workspaces/" + a + "/sources").then().statusCode(200);
        carol.api().body("{\"name\":\"web\"}").post("/api/workspaces/" + a + "/sources")
                .then().statusCode(403).body("error", equalTo("this needs the role admin in the workspace; yours is viewer"));
        carol.api().body("{\"email\":\"x@example.com\",\"role\":\"OWNER\"}").post("/api/workspaces/" + a + "/members").then().statusCode(403);
        alice.api().get("/api/workspaces/" + a + "/members").then().statusCode(200)
                .body("find { it.email == '" + carol.email() + "' }.joined", equalTo(true))
                .body("find { it.email == '" + carol.email() + "' }.role", equalTo("VIEWER"));
    }

    @Test
    void anInvitationDoesNotGoToSomeoneWhoseAddressIsNotVerified() {
        Person alice = Person.random("alice");
        Person carol = Person.random("carol");
        Person impostor = new Person("impostor-" + UUID.randomUUID(), carol.email(), false);
        String a = alice.createsWorkspace();
        alice.api().body("{\"email\":\"" + carol.email() + "\",\"role\":\"ADMIN\"}").post("/api/workspaces/" + a + "/members").then().statusCode(201);

        impostor.api().get("/api/workspaces").then().statusCode(200).body("", hasSize(0));
        impostor.api().get("/api/workspaces/" + a + "/sources").then().statusCode(404);
        carol.api().get("/api/workspaces").then().statusCode(200).body("", hasSize(1));
    }

    @Test
    void anAdminManagesSourcesButNotMembersAndTheLastOwnerStays() {
        Person alice = Person.random("alice");
        Person frank = Person.random("frank");
        String a = alice.createsWorkspace();
        alice.api().body("{\"email\":\"" + frank.email() + "\",\"role\":\"ADMIN\"}").post("/api/workspaces/" + a + "/members").then().statusCode(201);
        frank.api().get("/api/workspaces").then().statusCode(200);

        frank.api().body("{\"name\":\"app\"}").post("/api/workspaces/" + a + "/sources").then().statusCode(201);
        frank.api().body("{\"email\":\"g@example.com\",\"role\":\"VIEWER\"}").post("/api/workspaces/" + a + "/members").then().statusCode(403);
        String aliceMember = alice.api().get("/api/workspaces/" + a + "/members").then().extract()
                .path("find { it.email == '" + alice.email() + "' }.id");
        alice.api().delete("/api/workspaces/" + a + "/members/" + aliceMember).then().statusCode(409)
                .body("error", startsWith("the last owner of a workspace cannot be removed"));
    }

    @Test
    void anInvitationNeedsAnAddressAndARole() {
        Person alice = Person.random("alice");
        String a = alice.createsWorkspace();
        alice.api().body("{\"email\":\"not an address\",\"role\":\"VIEWER\"}").post("/api/workspaces/" + a + "/members")
                .then().statusCode(400).body("error", startsWith("email:"));
        alice.api().body("{\"email\":\"h@example.com\"}").post("/api/workspaces/" + a + "/members")
                .then().statusCode(400).body("error", startsWith("role:"));
    }

    @Test
    void aTokenFromAnotherIssuerOrExpiredGets401() {
        String otherIssuer = Jwt.subject("mallory").claim("email", "m@example.com").issuer("https://elsewhere.example.com").audience(ISSUER).sign();
        String expired = Jwt.subject("mallory").issuer(ISSUER).audience(ISSUER).expiresAt(1).sign();
        String otherAudience = Jwt.subject("mallory").issuer(ISSUER).audience("https://another-app.example.com").sign();

        given().auth().oauth2(otherIssuer).get("/api/workspaces").then().statusCode(401);
        given().auth().oauth2(expired).get("/api/workspaces").then().statusCode(401);
        given().auth().oauth2(otherAudience).get("/api/workspaces").then().statusCode(401);
        given().auth().oauth2("not-a-jwt").get("/api/workspaces").then().statusCode(401);
    }

    private record Person(String subject, String email, boolean emailVerified) {
        static Person random(String name) {
            String id = UUID.randomUUID().toString();
            return new Person(name + "-" + id, name + "-" + id + "@example.com", true);
        }

        /** The console's pages and forms, as this person's browser sends them. */
        RequestSpecification browser() {
            String token = Jwt.subject(subject).claim("email", email).claim("email_verified", emailVerified).issuer(ISSUER).audience(ISSUER).sign();
            return given().auth().oauth2(token).redirects().follow(false).header("Sec-Fetch-Site", "same-origin");
        }

        RequestSpecification api() {
            String token = Jwt.subject(subject).claim("email", email).claim("email_verified", emailVerified).issuer(ISSUER).audience(ISSUER).sign();
            return given().auth().oauth2(token).contentType(ContentType.JSON);
        }

        String createsWorkspace() {
            String id = api().body("{\"name\":\"ws-" + UUID.randomUUID() + "\"}").post("/api/workspaces").then().statusCode(201).extract().path("id");
            assertThat(id).isNotNull();
            return id;
        }
    }

    private static final String WAREHOUSE = "{\"name\":\"dw-" + UUID.randomUUID() + "\",\"kind\":\"POSTGRES\",\"host\":\"localhost\",\"port\":5432,"
            + "\"database\":\"warehouse\",\"username\":\"loader\",\"password\":\"p\"}";
}
