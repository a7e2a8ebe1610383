package io.bigpicture.admin.repository;

import io.bigpicture.catalog.WorkspaceMember;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@ApplicationScoped
public class MemberRepository implements PanacheRepositoryBase<WorkspaceMember, UUID> {

    /** The person's membership of the workspace: by subject, or an invitation of their email address. */
    public Uni<WorkspaceMember> of(UUID tenantId, String subject, String email) {
        return find("tenantId = ?1 and (subject = ?2 or (subject is null and email = ?3))", tenantId, subject, lower(email)).firstResult();
    }

    /** Every membership of the person, invitations of their email address included. */
    public Uni<List<WorkspaceMember>> ofPerson(String subject, String email) {
        return list("subject = ?1 or (subject is null and email = ?2)", subject, lower(email));
    }

    public Uni<List<WorkspaceMember>> ofTenant(UUID tenantId) {
        return list("tenantId = ?1 order by createdAt", tenantId);
    }

    public Uni<WorkspaceMember> byEmail(UUID tenantId, String email) {
        return find("tenantId = ?1 and email = ?2", tenantId, lower(email)).firstResult();
    }

    private static String lower(String email) {
        // a person without an address matches no invitation
        return email == null ? "" : email.toLowerCase(Locale.ROOT);
    }
}
