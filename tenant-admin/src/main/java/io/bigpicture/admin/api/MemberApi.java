package io.bigpicture.admin.api;

import io.bigpicture.catalog.MemberRole;
import io.bigpicture.catalog.WorkspaceMember;
import java.time.Instant;
import java.util.UUID;

/** The people of a workspace in the API. */
public final class MemberApi {

    private MemberApi() {
    }

    /** An invitation: the person who signs in with this email address gets the role. */
    public record Invite(String email, MemberRole role) {
    }

    /** {@code joined}: the invited person has signed in since. */
    public record View(UUID id, String email, MemberRole role, boolean joined, Instant createdAt) {
        public static View of(WorkspaceMember member) {
            return new View(member.id(), member.email(), member.role(), member.subject() != null, member.createdAt());
        }
    }
}
