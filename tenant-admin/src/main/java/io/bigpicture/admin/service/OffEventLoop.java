package io.bigpicture.admin.service;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Blocking work (DNS, JDBC to a tenant's warehouse) on a worker thread, and its result back on the
 * caller's event loop, where the catalog's reactive session may be used again.
 */
final class OffEventLoop {

    private OffEventLoop() {
    }

    static <T> Uni<T> run(Supplier<T> work) {
        Context caller = Vertx.currentContext();
        Uni<T> off = Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return caller == null ? off : off.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }
}
