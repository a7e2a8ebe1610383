package io.bigpicture.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A person's role in a workspace. Invited by email address, the member has no subject until that
 * person first signs in; from then on the identity provider's subject is who they are.
 */
@Entity
@Table(name = "workspace_member")
public class WorkspaceMember extends TenantOwned {

    @Column(name = "subject")
    private String subject;
    @Column(name = "email")
    private String email;
    @Enumerated(EnumType.STRING)
    @Column(name = "role")
    private MemberRole role;
    @Column(name = "created_at")
    private Instant createdAt;

    protected WorkspaceMember() {
    }

    private WorkspaceMember(UUID tenantId, String subject, String email, MemberRole role, Instant now) {
        super(UUID.randomUUID(), tenantId);
        this.subject = subject;
        this.email = email == null ? null : email.toLowerCase(Locale.ROOT);
        this.role = role;
        this.createdAt = now;
    }

    /** The person who created the workspace; the email address may be unknown. */
    public static WorkspaceMember owner(UUID tenantId, String subject, String email, Instant now) {
        return new WorkspaceMember(tenantId, subject, email, MemberRole.OWNER, now);
    }

    public static WorkspaceMember invited(UUID tenantId, String email, MemberRole role, Instant now) {
        return new WorkspaceMember(tenantId, null, email, role, now);
    }

    /** The invited person signed in: from now on known by subject. */
    public void acceptedBy(String subject) {
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }

    public String email() {
        return email;
    }

    public MemberRole role() {
        return role;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
