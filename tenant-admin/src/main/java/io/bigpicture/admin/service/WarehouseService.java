package io.bigpicture.admin.service;

import io.bigpicture.admin.api.ApiException;
import io.bigpicture.admin.api.WarehouseApi;
import io.bigpicture.admin.repository.WarehouseRepository;
import io.bigpicture.catalog.MemberRole;
import io.bigpicture.catalog.QuietHours;
import io.bigpicture.catalog.SecretCipher;
import io.bigpicture.catalog.SyncSchedule;
import io.bigpicture.catalog.Warehouse;
import io.bigpicture.warehouse.VarcharLength;
import io.bigpicture.warehouse.dialect.Endpoint;
import io.bigpicture.warehouse.dialect.TlsMode;
import io.bigpicture.warehouse.dialect.WarehouseKind;
import io.bigpicture.warehouse.network.WarehouseAddresses;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class WarehouseService {

    @Inject
    WorkspaceService workspaces;

    @Inject
    WarehouseRepository warehouses;

    @Inject
    SecretCipher cipher;

    @Inject
    WarehouseAddresses addresses;

    /**
     * Stores the connection with the password encrypted; the answer never holds it. A host that
     * resolves to an address inside a private network is refused here; one that does not resolve
     * yet is refused by the connection check and the loader when it does.
     */
    public Uni<WarehouseApi.View> create(UUID workspaceId, WarehouseApi.Create request) {
        if (request == null) {
            throw ApiException.badRequest("a warehouse needs name, kind, host, port, database, username and password");
        }
        String name = Names.require(request.name(), "warehouse");
        if (request.kind() == null) {
            throw ApiException.badRequest("kind is required: " + Arrays.stream(WarehouseKind.values()).map(Enum::name)
                    .collect(Collectors.joining(" or ")));
        }
        requireText(request.host(), "host");
        requireText(request.database(), "database");
        requireText(request.username(), "username");
        requireText(request.password(), "password");
        if (request.port() == null || request.port() < 1 || request.port() > 65535) {
            throw ApiException.badRequest("port must be between 1 and 65535");
        }
        Endpoint endpoint = new Endpoint(request.host().trim(), request.port(), request.database().trim(), request.username().trim(),
                tlsMode(request));
        if (!endpoint.problems().isEmpty()) {
            throw ApiException.badRequest(String.join("; ", endpoint.problems()));
        }
        SyncSchedule schedule = schedule(new WarehouseApi.Schedule(request.syncIntervalMinutes(), request.syncCron(), null, null, null));
        VarcharLength newText = varcharLength(request.varcharLength());
        Warehouse.CopySource copySource = copySource(request);
        String awsSecretAccessKey = copySource != null && copySource.accessKeyId() != null ? request.awsSecretAccessKey() : null;
        return Panache.withSession(() -> workspaces.require(workspaceId, MemberRole.ADMIN))
                // the host's addresses (DNS) and the secrets' encryption (AWS KMS) block: not on the event loop
                .chain(tenant -> OffEventLoop.run(() -> {
                    addresses.problem(endpoint.host()).ifPresent(refused -> {
                        throw ApiException.badRequest("host: " + refused);
                    });
                    Warehouse warehouse = new Warehouse(workspaceId, name, request.kind(), endpoint, request.password(), copySource,
                            awsSecretAccessKey, cipher, schedule, Instant.now());
                    warehouse.makeNewTextColumns(newText);
                    return warehouse;
                }))
                .chain(warehouse -> Panache.withTransaction(() -> persist(workspaceId, name, warehouse)));
    }

    private Uni<WarehouseApi.View> persist(UUID workspaceId, String name, Warehouse warehouse) {
        return workspaces.require(workspaceId, MemberRole.ADMIN)
                .chain(tenant -> warehouses.named(tenant.id(), name))
                .chain(existing -> {
                    if (existing != null) {
                        throw ApiException.conflict("a warehouse named " + name + " exists in this workspace");
                    }
                    return warehouses.persist(warehouse).map(WarehouseApi.View::of);
                });
    }

    @WithSession
    public Uni<List<WarehouseApi.View>> list(UUID workspaceId) {
        return workspaces.require(workspaceId, MemberRole.VIEWER)
                .chain(tenant -> warehouses.ofTenant(tenant.id()))
                .map(all -> all.stream().map(WarehouseApi.View::of).toList());
    }

    /** The next sync is the new schedule's first slot from now on that is not quiet. */
    @WithTransaction
    public Uni<WarehouseApi.View> reschedule(UUID workspaceId, UUID warehouseId, WarehouseApi.Schedule request) {
        SyncSchedule schedule = schedule(request);
        Optional<QuietHours> quiet;
        try {
            quiet = request == null ? Optional.empty() : QuietHours.of(request.quietFromHour(), request.quietToHour());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        boolean paused = request != null && Boolean.TRUE.equals(request.paused());
        return workspaces.require(workspaceId, MemberRole.ADMIN)
                .chain(tenant -> warehouses.inTenant(tenant.id(), warehouseId))
                .map(warehouse -> {
                    if (warehouse == null) {
                        throw ApiException.notFound("warehouse " + warehouseId);
                    }
                    warehouse.reschedule(schedule, quiet, paused, Instant.now());
                    return WarehouseApi.View.of(warehouse);
                });
    }

    /** From the next sync on; the columns made before keep their length. */
    @WithTransaction
    public Uni<WarehouseApi.View> changeColumns(UUID workspaceId, UUID warehouseId, WarehouseApi.Columns request) {
        VarcharLength newText = varcharLength(request == null ? null : request.varcharLength());
        return workspaces.require(workspaceId, MemberRole.ADMIN)
                .chain(tenant -> warehouses.inTenant(tenant.id(), warehouseId))
                .map(warehouse -> {
                    if (warehouse == null) {
                        throw ApiException.notFound("warehouse " + warehouseId);
                    }
                    warehouse.makeNewTextColumns(newText);
                    return WarehouseApi.View.of(warehouse);
                });
    }

    private static VarcharLength varcharLength(Integer requested) {
        if (requested == null) {
            return VarcharLength.DEFAULT;
        }
        VarcharLength.problem(requested).ifPresent(problem -> {
            throw ApiException.badRequest("varcharLength: " + problem);
        });
        return new VarcharLength(requested);
    }

    /** Hourly unless an interval or a cron expression is given; not both. */
    private static SyncSchedule schedule(WarehouseApi.Schedule request) {
        Integer minutes = request == null ? null : request.syncIntervalMinutes();
        String cron = request == null || request.syncCron() == null || request.syncCron().isBlank() ? null : request.syncCron();
        if (minutes != null && cron != null) {
            throw ApiException.badRequest("give syncIntervalMinutes or syncCron, not both");
        }
        try {
            return cron != null ? new SyncSchedule.Cron(cron) : minutes != null ? SyncSchedule.Every.minutes(minutes) : SyncSchedule.HOURLY;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** Where a warehouse that reads its load files from S3 (Redshift) finds them, and with which credentials; null for the others. */
    private Warehouse.CopySource copySource(WarehouseApi.Create request) {
        if (!request.kind().connector().readsLoadFilesFromS3()) {
            return null;
        }
        requireText(request.s3Bucket(), "s3Bucket");
        requireText(request.s3Region(), "s3Region");
        boolean role = request.iamRole() != null && !request.iamRole().isBlank();
        boolean keys = request.awsAccessKeyId() != null && !request.awsAccessKeyId().isBlank();
        if (role == keys) {
            throw ApiException.badRequest("give either iamRole (the cluster's role that reads the bucket) or awsAccessKeyId and awsSecretAccessKey");
        }
        if (keys) {
            requireText(request.awsSecretAccessKey(), "awsSecretAccessKey");
        }
        for (String setting : new String[] {request.s3Bucket(), request.s3Region(), request.iamRole(), request.awsAccessKeyId(), request.awsSecretAccessKey()}) {
            if (setting != null && setting.chars().anyMatch(c -> c == '\'' || c == '\\' || Character.isISOControl(c))) {
                throw ApiException.badRequest("S3 and IAM settings may not contain quotes, backslashes or control characters");
            }
        }
        return new Warehouse.CopySource(request.s3Bucket().trim(), request.s3Region().trim(), role ? request.iamRole().trim() : null,
                keys ? request.awsAccessKeyId().trim() : null);
    }

    /** {@code tls}, else the older {@code ssl} (true was "require"), else verify-full. */
    private static TlsMode tlsMode(WarehouseApi.Create request) {
        if (request.tls() != null) {
            return TlsMode.of(request.tls()).orElseThrow(() -> ApiException.badRequest("tls: one of " + TlsMode.choices()));
        }
        if (request.ssl() != null) {
            return request.ssl() ? TlsMode.REQUIRE : TlsMode.DISABLE;
        }
        return TlsMode.VERIFY_FULL;
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
    }
}
