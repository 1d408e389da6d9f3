package org.ltintercom.callserver.json;

/** A request or file field that is missing, of the wrong type or out of range; the message is {@code field: reason}. */
public final class FieldException extends RuntimeException {
    private final String field;
    private final String reason;

    public FieldException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
