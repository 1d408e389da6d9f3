package org.ltintercom.sdk.call;

import org.ltintercom.sdk.LTResponse;

import java.util.List;

/**
 * The answer to {@code queryCDR}: {@code count} records and the {@code markTS} to pass back with the
 * same {@code afterN} for the next page.
 */
public final class LTUserCDRResponse extends LTResponse {
    private final long markTS;
    private final List<LTCallCDRNotificationMessage> cdrMessages;

    public LTUserCDRResponse(int returnCode, String returnMessage, long markTS,
                             List<LTCallCDRNotificationMessage> cdrMessages) {
        super(returnCode, returnMessage);
        this.markTS = markTS;
        this.cdrMessages = List.copyOf(cdrMessages);
    }

    /** sendTime of the last record returned, or the request's markTS when none was. */
    public long markTS() {
        return markTS;
    }

    public int count() {
        return cdrMessages.size();
    }

    public List<LTCallCDRNotificationMessage> cdrMessages() {
        return cdrMessages;
    }
}
