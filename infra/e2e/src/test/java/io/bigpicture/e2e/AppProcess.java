package io.bigpicture.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One app's packaged jar in a process of its own, as in a pod: it can be killed (SIGKILL) or asked
 * to stop (SIGTERM) like one. Its output goes to a log file under {@code target/}.
 */
final class AppProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private AppProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts the app with these configuration values and waits until it says it started. */
    static AppProcess start(String app, String name, Map<String, String> config) throws IOException {
        Path jar = Bigpicture.ROOT.resolve(app).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the apps first (./mvnw install -DskipTests)");
        }
        Path logs = Files.createDirectories(Path.of("target", "app-logs"));
        Path log = logs.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx256m");
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        AppProcess started = new AppProcess(name, process, log);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " ended at start:\n" + started.log());
            }
            return started.log().contains(" started in ");
        });
        return started;
    }

    /** As the kernel's OOM killer or a lost node would: no shutdown of any kind. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** As Kubernetes does before it kills a pod: SIGTERM. */
    void askToStop() {
        process.destroy();
    }

    boolean endsWithin(Duration wait) throws InterruptedException {
        return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    String name() {
        return name;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
