package io.bigpicture.admin.service;

import io.bigpicture.admin.api.ApiException;
import io.bigpicture.admin.api.MemberApi;
import io.bigpicture.admin.api.WorkspaceApi;
import io.bigpicture.admin.config.AdminConfig;
import io.bigpicture.admin.repository.MemberRepository;
import io.bigpicture.admin.repository.TenantRepository;
import io.bigpicture.admin.security.Caller;
import io.bigpicture.admin.security.RequestCaller;
import io.bigpicture.catalog.MemberRole;
import io.bigpicture.catalog.Tenant;
import io.bigpicture.catalog.WorkspaceMember;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Workspaces and who may do what in them. A person sees only the workspaces they are a member of
 * (anyone else's is "not found", never "forbidden"); within one, their role decides what they may
 * change. The operator token may do everything everywhere.
 */
@ApplicationScoped
public class WorkspaceService {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    @Inject
    TenantRepository tenants;

    @Inject
    MemberRepository members;

    @Inject
    RequestCaller caller;

    @Inject
    AdminConfig config;

    /** A person who creates a workspace is its owner. */
    @WithTransaction
    public Uni<WorkspaceApi.View> create(WorkspaceApi.Create request) {
        String name = Names.require(request == null ? null : request.name(), "workspace");
        Caller creator = caller.get();
        return namedFor(creator, name).chain(existing -> {
            if (existing) {
                throw ApiException.conflict("you have a workspace named " + name + " already");
            }
            Instant now = Instant.now();
            Tenant tenant = new Tenant(name, now);
            Uni<Tenant> created = tenants.persist(tenant);
            if (creator instanceof Caller.Person person) {
                created = created.call(stored -> members.persist(WorkspaceMember.owner(stored.id(), person.subject(), person.email(), now)));
            }
            return created.map(WorkspaceApi.View::of);
        });
    }

    /**
     * Whether the caller has a workspace of this name: among a person's own workspaces only, so that
     * the answer tells nothing about other tenants; among all of them for the operator.
     */
    private Uni<Boolean> namedFor(Caller creator, String name) {
        if (creator instanceof Caller.Person person) {
            return members.ofPerson(person.subject(), invitedAddress(person))
                    .chain(memberships -> memberships.isEmpty() ? Uni.createFrom().item(false)
                            : tenants.count("id in ?1 and name = ?2", memberships.stream().map(WorkspaceMember::tenantId).toList(), name)
                                    .map(count -> count > 0));
        }
        return tenants.named(name).map(existing -> existing != null);
    }

    /**
     * The caller's workspaces (all of them for the operator), or with a name only that one. A
     * person's pending invitations are accepted here: from now on the membership is theirs.
     */
    @WithTransaction
    public Uni<List<WorkspaceApi.View>> list(String name) {
        Uni<List<Tenant>> visible;
        if (caller.get() instanceof Caller.Person person) {
            visible = members.ofPerson(person.subject(), invitedAddress(person))
                    .invoke(memberships -> memberships.stream().filter(member -> member.subject() == null)
                            .forEach(invitation -> invitation.acceptedBy(person.subject())))
                    .chain(memberships -> memberships.isEmpty() ? Uni.createFrom().item(List.<Tenant>of())
                            : tenants.list("id in ?1 order by createdAt", memberships.stream().map(WorkspaceMember::tenantId).toList()));
        } else {
            visible = tenants.list("order by createdAt");
        }
        return visible.map(all -> all.stream().filter(tenant -> name == null || tenant.name().equals(name)).map(WorkspaceApi.View::of).toList());
    }

    /**
     * The workspace a request is about, if the caller may act in it with {@code needed}: 404 when
     * there is none or the caller is not a member, 403 when their role is too small.
     */
    public Uni<Tenant> require(UUID workspaceId, MemberRole needed) {
        Caller current = caller.get();
        Uni<Tenant> tenant = tenants.findById(workspaceId);
        if (current instanceof Caller.Person person) {
            tenant = members.of(workspaceId, person.subject(), invitedAddress(person)).chain(member -> {
                if (member == null) {
                    return Uni.createFrom().nullItem();
                }
                if (!member.role().allows(needed)) {
                    throw ApiException.forbidden("this needs the role " + needed.name().toLowerCase(Locale.ROOT) + " in the workspace; yours is "
                            + member.role().name().toLowerCase(Locale.ROOT));
                }
                return tenants.findById(workspaceId);
            });
        }
        return tenant.invoke(found -> {
            if (found == null) {
                throw ApiException.notFound("workspace " + workspaceId);
            }
        });
    }

    /** The address the person's invitations are found by; none when it may not be trusted. */
    private String invitedAddress(Caller.Person person) {
        return person.emailVerified() || !config.admin().invitationsNeedVerifiedEmail() ? person.email() : null;
    }

    @WithSession
    public Uni<WorkspaceApi.View> view(UUID workspaceId) {
        return require(workspaceId, MemberRole.VIEWER).map(WorkspaceApi.View::of);
    }

    @WithSession
    public Uni<List<MemberApi.View>> members(UUID workspaceId) {
        return require(workspaceId, MemberRole.VIEWER)
                .chain(tenant -> members.ofTenant(tenant.id()))
                .map(all -> all.stream().map(MemberApi.View::of).toList());
    }

    /** The person who signs in with the address becomes a member with the role. */
    @WithTransaction
    public Uni<MemberApi.View> invite(UUID workspaceId, MemberApi.Invite request) {
        if (request == null || request.email() == null || !EMAIL.matcher(request.email().trim()).matches()) {
            throw ApiException.badRequest("email: an email address is required, like name@example.com");
        }
        if (request.role() == null) {
            throw ApiException.badRequest("role: one of OWNER, ADMIN, VIEWER is required");
        }
        String email = request.email().trim();
        return require(workspaceId, MemberRole.OWNER)
                .chain(tenant -> members.byEmail(tenant.id(), email))
                .chain(existing -> {
                    if (existing != null) {
                        throw ApiException.conflict(email + " is already a member of this workspace or invited");
                    }
                    return members.persist(WorkspaceMember.invited(workspaceId, email, request.role(), Instant.now()));
                })
                .map(MemberApi.View::of);
    }

    /** Removes a member or withdraws an invitation; the last owner stays. */
    @WithTransaction
    public Uni<Void> remove(UUID workspaceId, UUID memberId) {
        return require(workspaceId, MemberRole.OWNER)
                .chain(tenant -> members.ofTenant(tenant.id()))
                .chain(all -> {
                    WorkspaceMember member = all.stream().filter(m -> m.id().equals(memberId)).findFirst()
                            .orElseThrow(() -> ApiException.notFound("member " + memberId));
                    long owners = all.stream().filter(m -> m.role() == MemberRole.OWNER && m.subject() != null).count();
                    if (member.role() == MemberRole.OWNER && member.subject() != null && owners == 1) {
                        throw ApiException.conflict("the last owner of a workspace cannot be removed; make someone else owner first");
                    }
                    return members.delete(member);
                });
    }
}
