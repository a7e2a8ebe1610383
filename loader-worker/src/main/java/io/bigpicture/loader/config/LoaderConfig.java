package io.bigpicture.loader.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "bigpicture")
public interface LoaderConfig {

    Staging staging();

    Sync sync();

    Storage storage();

    Secrets secrets();

    interface Staging {
        /**
         * A source's buffered events are written to a staging file at the latest after this long.
         * Keep the scheduler's job delay above it. Production: minutes, for fewer, larger files.
         */
        @WithDefault("5s")
        Duration flushInterval();

        /** ... or once a source has buffered this many events. */
        @WithDefault("50000")
        int maxEventsPerFile();

        /**
         * Memory bound of all buffers together, in bytes: above it the stager stops taking messages
         * until a flush makes room.
         */
        @WithDefault("67108864")
        long maxBufferedBytes();
    }

    interface Sync {
        /** At most this many staging files per sync; the next sync takes the rest. */
        @WithDefault("500")
        int maxFilesPerSync();

        /** Objects nested deeper than this are loaded as JSON text. */
        @WithDefault("3")
        int maxFlattenDepth();

        /**
         * Tables of one sync loaded at the same time, each on its own warehouse connection: a
         * sync holds this many connections to the customer's warehouse while it loads.
         */
        @WithDefault("2")
        int tablesLoadedAtOnce();
    }

    interface Storage {
        /** The S3 bucket for staging and load files. */
        String bucket();
    }

    interface Secrets {
        /** Base64 of the 32-byte AES key that wraps the warehouse credentials' data keys. */
        String masterKey();
    }
}
