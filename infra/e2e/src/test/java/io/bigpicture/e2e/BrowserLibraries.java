package io.bigpicture.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * The browser libraries a website sends with, as npm ships them (versions pinned in
 * {@code infra/e2e/browser-libraries/package-lock.json}), installed under {@code target/} with
 * {@code npm ci}: nothing of them is in the repository.
 */
final class BrowserLibraries {

    private static final Path SOURCE = Bigpicture.ROOT.resolve("infra/e2e/browser-libraries");
    static final Path INSTALLED = Path.of("target/browser-libraries").toAbsolutePath();
    /** analytics-next's UMD bundle: defines {@code window.AnalyticsNext}. */
    static final String ANALYTICS_NEXT = "node_modules/@segment/analytics-next/dist/umd/index.js";
    /** RudderStack's build with its plugins inside, so that none is fetched from its CDN. */
    static final String RUDDERSTACK = "node_modules/@rudderstack/analytics-js/dist/npm/modern/bundled/umd/index.js";

    private BrowserLibraries() {
    }

    static synchronized void install() throws IOException, InterruptedException {
        if (Files.exists(INSTALLED.resolve(ANALYTICS_NEXT)) && Files.exists(INSTALLED.resolve(RUDDERSTACK))) {
            return;
        }
        Files.createDirectories(INSTALLED);
        for (String file : new String[] {"package.json", "package-lock.json"}) {
            Files.copy(SOURCE.resolve(file), INSTALLED.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Process npm;
        try {
            npm = new ProcessBuilder("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
                    .directory(INSTALLED.toFile()).redirectErrorStream(true).start();
        } catch (IOException noNpm) {
            throw new IllegalStateException("the browser libraries' test needs npm (Debian's npm; .ci/run installs it)", noNpm);
        }
        if (!npm.waitFor(5, TimeUnit.MINUTES)) {
            npm.destroyForcibly();
            throw new IllegalStateException("npm ci did not end within 5 minutes");
        }
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (npm.exitValue() != 0) {
            throw new IllegalStateException("npm ci failed:\n" + output);
        }
    }
}
