package org.ltintercom.sdk.internal.json;

import java.io.IOException;

/** Text that is not one JSON value: the parser's reason and where it stopped (1-based; 0 = unknown). */
public final class JsonException extends IOException {

    private final String reason;
    private final int line;
    private final int column;

    JsonException(String reason, int line, int column) {
        super(line > 0 ? reason + " (line " + line + ", column " + column + ")" : reason);
        this.reason = reason;
        this.line = line;
        this.column = column;
    }

    /** The reason in one line, without the position. */
    public String reason() {
        return reason;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
