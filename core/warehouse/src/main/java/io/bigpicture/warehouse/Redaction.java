package io.bigpicture.warehouse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;

/**
 * Credentials out of text that leaves the worker: a warehouse's error (some drivers quote the
 * statement, and Redshift's COPY holds access keys), a log line, an API answer. The one place that
 * knows what a credential looks like in our statements and settings.
 */
public final class Redaction {

    public static final String MASK = "***";

    /** {@code SECRET_ACCESS_KEY 'x'}, {@code CREDENTIALS 'aws_access_key_id=…;aws_secret_access_key=…'}, {@code SESSION_TOKEN 'x'}. */
    private static final Pattern QUOTED = Pattern.compile(
            "(?i)\\b(SECRET_ACCESS_KEY|ACCESS_KEY_ID|SESSION_TOKEN|CREDENTIALS|PASSWORD)(\\s+)'(?:[^']|'')*'");
    /** {@code password=x}, {@code aws_secret_access_key=x}, {@code token=x} in URLs, settings and connection strings. */
    private static final Pattern ASSIGNED = Pattern.compile(
            "(?i)\\b(password|passwd|pwd|aws_secret_access_key|aws_session_token|secret_access_key|token)=[^&;\\s'\"]*");

    private Redaction() {
    }

    /** The text with every credential it holds masked; null stays null. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String quoted = QUOTED.matcher(text).replaceAll("$1$2'" + MASK + "'");
        return ASSIGNED.matcher(quoted).replaceAll("$1=" + MASK);
    }

    /** A failure as a log shows it, stack and causes included, with every credential masked. */
    public static String stackTrace(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return redact(trace.toString());
    }
}
