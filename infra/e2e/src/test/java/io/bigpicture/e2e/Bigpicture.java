package io.bigpicture.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code ./bigpicture} as a person would, on its own ports and data directory. */
final class Bigpicture {

    record Result(int exitCode, String output) {
    }

    static final Path ROOT = Path.of("").toAbsolutePath().resolve("../..").normalize();
    static final int PORT_OFFSET = 20000;

    private final Path home;

    Bigpicture(Path home) {
        this.home = home;
    }

    Result run(String... arguments) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(concat(ROOT.resolve("bigpicture").toString(), arguments))
                .directory(ROOT.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("BIGPICTURE_HOME", home.toString());
        env.put("BIGPICTURE_PORT_OFFSET", Integer.toString(PORT_OFFSET));
        // the reactor built the jars just before this module
        env.put("BIGPICTURE_SKIP_BUILD", "1");
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("./bigpicture " + String.join(" ", arguments) + " did not end within 10 minutes");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println("$ ./bigpicture " + String.join(" ", arguments) + "\n" + output);
        return new Result(process.exitValue(), output);
    }

    private static List<String> concat(String first, String... rest) {
        List<String> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(List.of(rest));
        return all;
    }
}
