package io.bigpicture.redshift.emulator;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The S3 copies sent to PostgreSQL whose {@code COPY ... FROM STDIN} has not ended yet, shared by
 * the session's two threads.
 *
 * <p>While PostgreSQL is in copy-in mode it ignores Sync and fails on any other message, yet a
 * client sends Parse/Bind/Execute/Sync in one go. So after forwarding a message that starts an S3
 * copy, the client side waits until that copy is over, or until it is clear it will not run: an
 * ErrorResponse in the same batch (PostgreSQL then skips to the Sync, which the client side still
 * holds) or the batch's ReadyForQuery. A batch is what ends in one ReadyForQuery: a Query, or the
 * extended-protocol messages up to a Sync. Copies the client asks for later in a batch that
 * already failed are not waited for at all: PostgreSQL skips them.
 */
final class PendingCopies {

    private record Pending(S3CopyCommand command, long batch) {
    }

    private final Deque<Pending> pending = new ArrayDeque<>();
    private boolean copying;
    private boolean closed;
    /** Batches the client side has forwarded (counted at their Query, Sync or FunctionCall). */
    private long batchesSent;
    /** ReadyForQuery messages seen after the one that ends the startup: the batch PostgreSQL works on. */
    private long currentBatch;
    private boolean started;
    /** The last batch in which PostgreSQL sent an ErrorResponse. */
    private long failedBatch = -1;

    /**
     * Client side: the message about to be forwarded starts this copy, unless PostgreSQL already
     * failed in this batch and so will skip it.
     */
    synchronized void expect(S3CopyCommand command) {
        if (batchesSent != failedBatch) {
            pending.add(new Pending(command, batchesSent));
        }
    }

    /** Client side: a Query, Sync or FunctionCall was forwarded. */
    synchronized void batchSent() {
        batchesSent++;
    }

    /** Client side: waits until no copy is expected or running. */
    synchronized void awaitIdle() throws InterruptedException {
        while (!closed && (copying || !pending.isEmpty())) {
            wait();
        }
    }

    /** Server side: PostgreSQL sent CopyInResponse; the copy to stream, or null if none was expected. */
    synchronized S3CopyCommand begin() {
        Pending next = pending.poll();
        if (next == null) {
            return null;
        }
        copying = true;
        return next.command();
    }

    /** Server side: CopyDone or CopyFail was sent. */
    synchronized void finished() {
        copying = false;
        notifyAll();
    }

    /** Server side: PostgreSQL skips the rest of the current batch. */
    synchronized void errorResponse() {
        failedBatch = currentBatch;
        pending.removeIf(copy -> copy.batch() == currentBatch);
        notifyAll();
    }

    /** Server side: a batch ended (or, the first time, the startup). */
    synchronized void readyForQuery() {
        if (started) {
            currentBatch++;
        }
        started = true;
        pending.removeIf(copy -> copy.batch() < currentBatch);
        notifyAll();
    }

    /** Either side: the session ends; nobody waits any more. */
    synchronized void close() {
        closed = true;
        pending.clear();
        notifyAll();
    }
}
