package io.bigpicture.admin.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class CheckSlotsTest {

    @Test
    void aWorkspaceRunsAFewChecksAtOnceAndLeavesTheRestForOthers() {
        CheckSlots slots = new CheckSlots(3, 2);
        UUID busy = UUID.randomUUID();
        UUID other = UUID.randomUUID();

        assertThat(slots.take(busy)).isTrue();
        assertThat(slots.take(busy)).isTrue();
        assertThat(slots.take(busy)).as("its own limit").isFalse();
        assertThat(slots.take(other)).isTrue();
        assertThat(slots.take(UUID.randomUUID())).as("the instance's limit").isFalse();

        slots.release(busy);
        assertThat(slots.take(busy)).isTrue();
        slots.release(other);
        assertThat(slots.take(other)).isTrue();
    }
}
