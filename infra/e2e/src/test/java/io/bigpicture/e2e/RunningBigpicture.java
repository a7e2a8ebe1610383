package io.bigpicture.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code ./bigpicture up} once for every test class that needs the whole local stack, as a person
 * starts it, on its own ports and data directory; {@code down} when the last of them has run.
 */
final class RunningBigpicture implements BeforeAllCallback {

    static final Path HOME = Path.of("target/e2e-home").toAbsolutePath();
    static final Bigpicture BIGPICTURE = new Bigpicture(HOME);
    static final String ADMIN_URL = "http://localhost:" + (8080 + Bigpicture.PORT_OFFSET);
    static final String INGEST_URL = "http://localhost:" + (8081 + Bigpicture.PORT_OFFSET);
    /** The tracking API's health and metrics, which its public port does not serve. */
    static final String INGEST_MANAGEMENT_URL = "http://localhost:" + (9081 + Bigpicture.PORT_OFFSET);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(RunningBigpicture.class, key -> up(), Down.class);
    }

    /** A value of {@code .bigpicture/secrets.env}: the operator token, Keycloak's admin password. */
    static String secret(String name) throws Exception {
        return Files.readAllLines(HOME.resolve("secrets.env")).stream()
                .filter(line -> line.startsWith(name + "=")).map(line -> line.substring(name.length() + 1))
                .findFirst().orElseThrow();
    }

    private static Down up() {
        try {
            Bigpicture.Result up = BIGPICTURE.run("up");
            assertThat(up.exitCode()).as(up.output()).isZero();
            assertThat(up.output()).contains("bigPicture is up");

            Bigpicture.Result again = BIGPICTURE.run("up");
            assertThat(again.exitCode()).as("running up while up is harmless").isZero();
            return new Down();
        } catch (Exception e) {
            throw new IllegalStateException("./bigpicture up failed", e);
        }
    }

    /** Stops everything once the last test class is done; data stays in the home directory. */
    static final class Down implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            Bigpicture.Result down = BIGPICTURE.run("down");
            assertThat(down.exitCode()).isZero();
            assertThat(BIGPICTURE.run("status").output()).contains("tenant-admin   down");
        }
    }
}
