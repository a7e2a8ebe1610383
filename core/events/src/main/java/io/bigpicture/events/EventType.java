package io.bigpicture.events;

import java.util.Arrays;
import java.util.Optional;

/** The six calls of the Segment spec. */
public enum EventType {
    TRACK, IDENTIFY, PAGE, SCREEN, GROUP, ALIAS;

    /** The name used in a message's {@code type} field and in the endpoint path. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<EventType> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(type -> type.wireName().equals(wireName)).findFirst();
    }
}
