package io.bigpicture.ingest.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the write keys are in memory: before that every request would get 401. */
@Readiness
@ApplicationScoped
public class WriteKeyCacheCheck implements HealthCheck {

    @Inject
    WriteKeyCache cache;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("write-keys").status(cache.isLoaded()).build();
    }
}
