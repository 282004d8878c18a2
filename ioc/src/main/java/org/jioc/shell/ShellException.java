package org.jioc.shell;

/** A command that failed; the message says why (and where, for scripts: "file:line: message"). */
public class ShellException extends Exception {
    public ShellException(String message) { super(message); }

    public ShellException(String message, Throwable cause) { super(message, cause); }
}
