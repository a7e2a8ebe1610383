package io.bigpicture.redshift.emulator;

import io.bigpicture.redshift.emulator.ClientStatements.Prepared;
import io.bigpicture.redshift.emulator.ManifestCopier.CopySourceException;
import io.bigpicture.redshift.emulator.PgMessage.Backend;
import io.bigpicture.redshift.emulator.PgMessage.Frontend;
import io.bigpicture.redshift.emulator.RedshiftSql.Rewrite;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One client connection and its own connection to PostgreSQL. One thread relays what the client
 * sends, rewriting SQL on the way; another relays what PostgreSQL answers, and streams the files
 * of an S3 copy when PostgreSQL asks for the COPY data, unseen by the client, which then gets the
 * COPY's CommandComplete (or error) from PostgreSQL as if Redshift had loaded the files itself.
 */
final class ProxySession implements AutoCloseable {

    private static final Logger LOG = System.getLogger(ProxySession.class.getName());
    private static final int UNSPECIFIED_TYPE = 0;
    private static final int TEXT_TYPE = 25;

    private final Socket client;
    private final Socket server = new Socket();
    private final String serverHost;
    private final int serverPort;
    private final ManifestCopier copier;
    private final int slices;
    private final Consumer<String> statementLog;
    private final ClientStatements prepared = new ClientStatements();
    private final PendingCopies copies = new PendingCopies();
    private final LoadHistory history = new LoadHistory();
    /** The database the client opened. */
    private volatile String database = "";
    /** The session's temporary tables made LIKE another table: the other table's name, by theirs. */
    private final Map<String, String> temporaryLike = new ConcurrentHashMap<>();
    /** The S3 copy whose COPY PostgreSQL is finishing: its answers (notices, the row count) belong to it; null when none is. */
    private volatile CopyInProgress copyInProgress;

    private record CopyInProgress(long id, ManifestCopier.Copied copied) {
    }

    /** PostgreSQL 17's notice for each row that ON_ERROR ignore left out (LOG_VERBOSITY verbose). */
    private static final Pattern SKIPPED_ROW = Pattern.compile(
            "skipping row due to data type incompatibility at line (\\d+) for column \"(.*?)\": (?:\"(.*)\"|null input)", Pattern.DOTALL);
    private static final Pattern SKIPPED_SUMMARY = Pattern.compile("\\d+ rows? (?:was|were) skipped due to data type incompatibility");
    private DataInputStream clientIn;
    private OutputStream clientOut;
    private DataInputStream serverIn;
    private OutputStream serverOut;

    ProxySession(Socket client, String serverHost, int serverPort, ManifestCopier copier, int slices, Consumer<String> statementLog) {
        this.client = client;
        this.serverHost = serverHost;
        this.serverPort = serverPort;
        this.copier = copier;
        this.slices = slices;
        this.statementLog = statementLog;
    }

    /** Runs on its own thread until either side hangs up; starts the thread that relays PostgreSQL's answers. */
    void run() {
        try {
            clientIn = new DataInputStream(new BufferedInputStream(client.getInputStream()));
            clientOut = new BufferedOutputStream(client.getOutputStream());
            StartupRewriter.Opening opening = StartupRewriter.read(clientIn, clientOut);
            database = opening.database();
            server.connect(new InetSocketAddress(serverHost, serverPort));
            server.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
            serverIn = new DataInputStream(new BufferedInputStream(server.getInputStream()));
            serverOut = new BufferedOutputStream(server.getOutputStream());
            serverOut.write(opening.packet());
            serverOut.flush();
            if (opening.cancel()) {
                return;
            }
            LOG.log(Level.DEBUG, () -> "startup parameters dropped: " + opening.dropped());
            Thread answers = new Thread(this::relayServer, Thread.currentThread().getName() + "-server");
            answers.setDaemon(true);
            answers.start();
            relayClient();
        } catch (IOException | InterruptedException | RuntimeException ended) {
            LOG.log(Level.DEBUG, "client session ended", ended);
        } finally {
            close();
        }
    }

    /** What goes to PostgreSQL for one client message, and whether it starts an S3 copy. */
    private record Forward(PgMessage message, boolean startsCopy) {
    }

    private void relayClient() throws IOException, InterruptedException {
        while (true) {
            PgMessage message = PgMessage.read(clientIn);
            if (message == null) {
                return;
            }
            LOG.log(Level.TRACE, () -> "client: " + message);
            Forward forward = forward(message);
            synchronized (serverOut) {
                forward.message().writeTo(serverOut);
                if (forward.startsCopy() || clientIn.available() == 0) {
                    serverOut.flush();
                }
            }
            char type = message.type();
            if (type == Frontend.QUERY || type == Frontend.SYNC || type == Frontend.FUNCTION_CALL) {
                copies.batchSent();
            }
            if (forward.startsCopy()) {
                copies.awaitIdle();
            }
            if (type == Frontend.TERMINATE) {
                return;
            }
        }
    }

    private Forward forward(PgMessage message) {
        switch (message.type()) {
            case Frontend.QUERY:
                return query(message);
            case Frontend.PARSE:
                return new Forward(parse(message), false);
            case Frontend.BIND:
                bind(message);
                return new Forward(message, false);
            case Frontend.EXECUTE:
                return new Forward(message, execute(message));
            case Frontend.CLOSE:
                closeStatementOrPortal(message);
                return new Forward(message, false);
            default:
                return new Forward(message, false);
        }
    }

    private Forward query(PgMessage message) {
        String sql = message.reader().string();
        statementLog.accept(sql);
        CopyTarget.likeSource(sql).ifPresent(like -> temporaryLike.put(like.getKey(), like.getValue()));
        String rewritten;
        boolean startsCopy = false;
        try {
            Rewrite rewrite = RedshiftSql.rewrite(sql, slices, history);
            rewrite.copies().forEach(copies::expect);
            startsCopy = !rewrite.copies().isEmpty();
            rewritten = rewrite.sql();
        } catch (UnsupportedRedshiftSql refused) {
            rewritten = RedshiftSql.refusal(refused);
        }
        PgMessage forwarded = rewritten.equals(sql) ? message : PgMessage.builder(Frontend.QUERY).string(rewritten).build();
        return new Forward(forwarded, startsCopy);
    }

    /**
     * A refused statement is parsed as one that raises the refusal; it declares as many parameters
     * as the client's SQL uses, each with a type, so the client's Bind still fits and the error
     * comes from Execute.
     */
    private PgMessage parse(PgMessage message) {
        PgMessage.Reader reader = message.reader();
        String statement = reader.string();
        String sql = reader.string();
        int declared = reader.int16();
        int[] types = new int[declared];
        for (int i = 0; i < declared; i++) {
            types[i] = reader.int32();
        }
        CopyTarget.likeSource(sql).ifPresent(like -> temporaryLike.put(like.getKey(), like.getValue()));
        String rewritten;
        S3CopyCommand copy = null;
        try {
            Rewrite rewrite = RedshiftSql.rewrite(sql, slices, history);
            // PostgreSQL refuses more than one statement in a Parse, so one copy at most matters
            copy = rewrite.copies().isEmpty() ? null : rewrite.copies().get(0);
            rewritten = rewrite.sql();
        } catch (UnsupportedRedshiftSql refused) {
            rewritten = RedshiftSql.refusal(refused);
            types = Arrays.copyOf(types, Math.max(declared, SqlLexer.highestParameter(sql)));
            for (int i = 0; i < types.length; i++) {
                // nothing in the refusal tells PostgreSQL a type, and it needs one for every parameter
                types[i] = types[i] == UNSPECIFIED_TYPE ? TEXT_TYPE : types[i];
            }
        }
        prepared.parsed(statement, new Prepared(sql, copy));
        if (rewritten.equals(sql)) {
            return message;
        }
        PgMessage.Builder parse = PgMessage.builder(Frontend.PARSE).string(statement).string(rewritten).int16(types.length);
        for (int type : types) {
            parse.int32(type);
        }
        return parse.build();
    }

    private void bind(PgMessage message) {
        PgMessage.Reader reader = message.reader();
        String portal = reader.string();
        prepared.bound(portal, reader.string());
    }

    /** Logs the statement the portal runs; true if it starts an S3 copy. */
    private boolean execute(PgMessage message) {
        Prepared statement = prepared.executed(message.reader().string());
        if (statement == null) {
            return false;
        }
        statementLog.accept(statement.sql());
        if (statement.copy() == null) {
            return false;
        }
        copies.expect(statement.copy());
        return true;
    }

    private void closeStatementOrPortal(PgMessage message) {
        PgMessage.Reader reader = message.reader();
        byte kind = reader.byte1();
        String name = reader.string();
        if (kind == 'S') {
            prepared.closedStatement(name);
        } else {
            prepared.closedPortal(name);
        }
    }

    private void relayServer() {
        try {
            while (true) {
                PgMessage message = PgMessage.read(serverIn);
                if (message == null) {
                    return;
                }
                LOG.log(Level.TRACE, () -> "server: " + message);
                switch (message.type()) {
                    case Backend.COPY_IN_RESPONSE:
                        // the client asked for an S3 copy, not for sending COPY data: it never sees this
                        streamCopy();
                        continue;
                    case Backend.ERROR_RESPONSE:
                        copyInProgress = null;
                        copies.errorResponse();
                        break;
                    case Backend.NOTICE_RESPONSE:
                        if (copyInProgress != null && keptAsLoadError(message)) {
                            // Redshift says nothing of a row it leaves out, but in STL_LOAD_ERRORS
                            continue;
                        }
                        break;
                    case Backend.COMMAND_COMPLETE:
                        copyEnded(message);
                        break;
                    case Backend.READY_FOR_QUERY:
                        copies.readyForQuery();
                        break;
                    default:
                        break;
                }
                message.writeTo(clientOut);
                if (serverIn.available() == 0) {
                    clientOut.flush();
                }
            }
        } catch (IOException | RuntimeException ended) {
            LOG.log(Level.DEBUG, "server connection ended", ended);
        } finally {
            close();
        }
    }

    /**
     * Streams the files of the copy PostgreSQL now waits for. Records Redshift would refuse (see
     * {@link RecordCheck}) are held back as rows of STL_LOAD_ERRORS; more of them than MAXERROR
     * allows fail the COPY with Redshift's words.
     */
    private void streamCopy() throws IOException {
        S3CopyCommand command = copies.begin();
        try {
            synchronized (serverOut) {
                if (command == null) {
                    copyFail("the Redshift emulator only loads COPY FROM 's3://...'");
                } else {
                    long copyId = history.copyStarted();
                    RecordCheck check = new RecordCheck(target(command), command.emptyAsNull());
                    ManifestCopier.Copied copied;
                    try (CopyDataOutputStream data = new CopyDataOutputStream(serverOut)) {
                        copied = copier.copy(command, check, data);
                    } catch (CopySourceException failed) {
                        LOG.log(Level.DEBUG, "COPY failed", failed);
                        copyFail(failed.getMessage());
                        return;
                    }
                    copied.refused().forEach(record -> history.refused(copyId, record));
                    if (copied.refused().size() > command.maxErrors()) {
                        history.copyEnded(copyId, 0);
                        copyFail("Load into table '" + CopyTarget.unqualified(command.table())
                                + "' failed.  Check 'stl_load_errors' system table for details.");
                        return;
                    }
                    copyInProgress = new CopyInProgress(copyId, copied);
                    PgMessage.builder(Frontend.COPY_DONE).build().writeTo(serverOut);
                }
                serverOut.flush();
            }
        } finally {
            copies.finished();
        }
    }

    /**
     * The columns the COPY fills, as PostgreSQL's catalog has them; unknown (only the checks that
     * need no column then hold records back) if the emulator may not read the catalog.
     */
    private CopyTarget target(S3CopyCommand command) {
        try {
            String table = temporaryLike.getOrDefault(CopyTarget.unqualified(command.table()), command.table());
            return CopyTarget.lookUp(serverHost, serverPort, database, RedshiftEmulator.CATALOG_USER, table, command.columns());
        } catch (SQLException unreadable) {
            LOG.log(Level.WARNING, "cannot read the columns of " + command.table() + "; its COPY checks no NOT NULL or VARCHAR width",
                    unreadable);
            return CopyTarget.UNKNOWN;
        }
    }

    /**
     * A notice of a row ON_ERROR left out becomes a row of STL_LOAD_ERRORS: the file and its line,
     * the column, the value and Redshift's error for it (see {@link LoadHistory.Reason}).
     */
    private boolean keptAsLoadError(PgMessage notice) {
        String text = noticeText(notice);
        Matcher skipped = SKIPPED_ROW.matcher(text);
        if (skipped.find()) {
            CopyInProgress copy = copyInProgress;
            String value = skipped.group(3) == null ? "" : skipped.group(3);
            history.refused(copy.id(), copy.copied().files(), copy.copied().lines(), Long.parseLong(skipped.group(1)), skipped.group(2), value);
            return true;
        }
        return SKIPPED_SUMMARY.matcher(text).find();
    }

    /** The human-readable message field ('M') of a notice. */
    private static String noticeText(PgMessage notice) {
        PgMessage.Reader fields = notice.reader();
        while (true) {
            byte code = fields.byte1();
            if (code == 0) {
                return "";
            }
            String value = fields.string();
            if (code == 'M') {
                return value;
            }
        }
    }

    /** "COPY n" ends the S3 copy in progress: n rows loaded. */
    private void copyEnded(PgMessage complete) {
        CopyInProgress copy = copyInProgress;
        String tag = complete.reader().string();
        if (copy != null && tag.startsWith("COPY ")) {
            history.copyEnded(copy.id(), Long.parseLong(tag.substring("COPY ".length()).trim()));
            copyInProgress = null;
        }
    }

    /** PostgreSQL answers with an ErrorResponse "COPY from stdin failed: " + reason. */
    private void copyFail(String reason) throws IOException {
        PgMessage.builder(Frontend.COPY_FAIL).string(reason).build().writeTo(serverOut);
        serverOut.flush();
    }

    @Override
    public void close() {
        copies.close();
        closeQuietly(client);
        closeQuietly(server);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
