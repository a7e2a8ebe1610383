package io.bigpicture.admin.config;

import io.bigpicture.catalog.SecretKeySettings;
import io.bigpicture.warehouse.network.WarehouseNetworkSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

@ConfigMapping(prefix = "bigpicture")
public interface AdminConfig {

    Admin admin();

    SecretKeySettings secrets();

    /** Which warehouse addresses "Check connection" connects to and settings may name. */
    WarehouseNetworkSettings warehouses();

    Console console();

    interface Admin {
        /**
         * The operator's bearer token: every workspace, for the CLI and operations. People use
         * access tokens of the identity provider instead. No default: {@code ./bigpicture up}
         * makes one under {@code .bigpicture/}.
         */
        String token();

        /**
         * An invitation goes to whoever signs in with its address only if the identity provider
         * verified that address; otherwise anyone could register with it first. Off only where
         * no mail can be sent to verify addresses (the local stack).
         */
        @WithDefault("true")
        boolean invitationsNeedVerifiedEmail();

        /** After a rotation, old write keys keep working this long. */
        @WithDefault("24h")
        Duration writeKeyGracePeriod();

        /** Connection checks running at once on this instance; more wait for a 429. */
        @WithDefault("8")
        int checksAtOnce();

        /** Connection checks one workspace may run at once on this instance. */
        @WithDefault("2")
        int checksAtOncePerWorkspace();
    }

    interface Console {
        /** The tracking API as the console's snippets show it to people. */
        @WithDefault("http://localhost:8081")
        String ingestUrl();

        /** The addresses the loader connects to warehouses from, for their firewalls. */
        @WithDefault("127.0.0.1")
        List<String> loaderAddresses();
    }
}
