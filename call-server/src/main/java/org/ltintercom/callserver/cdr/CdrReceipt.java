package org.ltintercom.callserver.cdr;

/** What {@link CdrStore#insert} assigned to a new CDR: its msgID and its unique sendTime (ms). */
public record CdrReceipt(String msgID, long sendTime) {
}
