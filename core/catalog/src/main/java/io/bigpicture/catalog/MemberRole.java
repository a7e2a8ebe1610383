package io.bigpicture.catalog;

/** What a member may do in a workspace; each role may do all that the ones before it may. */
public enum MemberRole {
    /** Reads everything in the workspace. */
    VIEWER,
    /** Also creates and changes sources, warehouses and syncs. */
    ADMIN,
    /** Also invites and removes members. */
    OWNER;

    public boolean allows(MemberRole needed) {
        return compareTo(needed) >= 0;
    }
}
