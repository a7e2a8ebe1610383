package io.bigpicture.loader.sync.files;

import io.bigpicture.events.Message;
import java.io.IOException;
import java.util.function.Consumer;

/** One part of the input (a staging file): its messages read one at a time, never held together. */
@FunctionalInterface
public interface Messages {
    void each(Consumer<Message> sink) throws IOException;

    /** Whether this part's rows of the table load: all of them, unless the part is there to retry some tables only. */
    default boolean loads(String table) {
        return true;
    }
}
