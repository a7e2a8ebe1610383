package io.bigpicture.local.cli;

/** Ends the command with this message and a non-zero exit status. */
final class CliException extends RuntimeException {

    CliException(String message) {
        super(message);
    }
}
