package org.ltintercom.sdk.internal.service;

/** A JSON document that does not have the shape docs/protocol.md gives it; the message is {@code field: reason}. */
public final class WireFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String field;

    public WireFormatException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    /** The dotted path of the offending field, e.g. {@code callOptions.callID}. */
    public String field() {
        return field;
    }
}
