package io.bigpicture.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ./bigpicture} as a person uses it when something went wrong: {@code up} starts again a
 * part that crashed (gone, or still dying when {@code up} looked), each part's log keeps what the
 * crashed run wrote, and {@code help} prints help only.
 */
@ExtendWith(RunningBigpicture.class)
class LocalStackScriptTest {

    private static final Bigpicture BIGPICTURE = RunningBigpicture.BIGPICTURE;
    private static final String START_LINE = "=== bigpicture: loader-worker starting at ";

    @Test
    void upStartsAgainAPartThatCrashedAndItsLogKeepsTheCrashedRun() throws Exception {
        Path log = RunningBigpicture.HOME.resolve("logs/loader-worker.log");
        long startsBefore = starts(log);
        ProcessHandle worker = worker();

        worker.destroyForcibly();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !worker.isAlive());
        Bigpicture.Result up = BIGPICTURE.run("up");

        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(BIGPICTURE.run("status").output()).containsPattern("loader-worker +up ");
        assertThat(starts(log)).isEqualTo(startsBefore + 1);
        assertThat(Files.readAllLines(log).stream().filter(line -> line.contains("Profile prod activated")))
                .as("the crashed run's lines are kept beside the new run's").hasSizeGreaterThanOrEqualTo(2);
    }

    /** Right after a stop request the process still exists while it shuts down: up waits it out and starts it again. */
    @Test
    void upStartsAgainAPartStillStoppingWhenUpLooked() throws Exception {
        ProcessHandle worker = worker();

        worker.destroy();
        Bigpicture.Result up = BIGPICTURE.run("up");

        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(worker.isAlive()).isFalse();
        assertThat(BIGPICTURE.run("status").output()).containsPattern("loader-worker +up ");
    }

    @Test
    void helpPrintsTheCommandsAndNothingOfTheScript() throws Exception {
        Bigpicture.Result help = BIGPICTURE.run("help");

        assertThat(help.exitCode()).isEqualTo(2);
        assertThat(help.output()).contains("./bigpicture up", "./bigpicture sync SOURCE").doesNotContain("set -euo", "#!");
    }

    private static ProcessHandle worker() throws Exception {
        long pid = Long.parseLong(Files.readString(RunningBigpicture.HOME.resolve("run/loader-worker.pid")).trim());
        return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("the loader-worker is not running"));
    }

    private static long starts(Path log) throws Exception {
        return Files.readAllLines(log).stream().filter(line -> line.startsWith(START_LINE)).count();
    }
}
