package io.bigpicture.admin.service;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Connection checks running at once, a few per workspace and so many in all: each holds a worker
 * thread for as long as the tenant's server takes to answer, up to the check's time limits, so no
 * workspace can take the threads every other one's checks need.
 */
final class CheckSlots {

    private final int inAll;
    private final int perWorkspace;
    private final Map<UUID, Integer> running = new HashMap<>();
    private int runningInAll;

    CheckSlots(int inAll, int perWorkspace) {
        this.inAll = inAll;
        this.perWorkspace = perWorkspace;
    }

    /** @return whether the workspace may start a check now; if so, {@link #release} it when it ends */
    synchronized boolean take(UUID workspace) {
        int ofWorkspace = running.getOrDefault(workspace, 0);
        if (runningInAll >= inAll || ofWorkspace >= perWorkspace) {
            return false;
        }
        running.put(workspace, ofWorkspace + 1);
        runningInAll++;
        return true;
    }

    synchronized void release(UUID workspace) {
        running.computeIfPresent(workspace, (key, count) -> count == 1 ? null : count - 1);
        runningInAll--;
    }
}
