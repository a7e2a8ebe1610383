package io.bigpicture.admin.security;

/** Who makes an API request. */
public sealed interface Caller {

    /** The holder of the operator token: the CLI and operations, in every workspace. */
    record Operator() implements Caller {
    }

    /**
     * A person signed in at the identity provider, in the workspaces they are a member of.
     * {@code email} may be null; {@code emailVerified}: the provider confirmed that the person
     * receives mail at it.
     */
    record Person(String subject, String email, boolean emailVerified) implements Caller {
    }
}
