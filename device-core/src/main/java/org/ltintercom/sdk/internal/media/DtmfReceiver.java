package org.ltintercom.sdk.internal.media;

/**
 * Receives RFC 4733 telephone-events and reports each DTMF digit once.
 *
 * <pre>
 *   network -> RtpReceiver (payload type = telephone-event) -> [DtmfReceiver] -> onDtmf(digit)
 * </pre>
 *
 * An event is identified by its RTP timestamp (its start): the first packet of a new event reports
 * the digit, and the duration updates and the three end packets that follow are swallowed. If all
 * start packets are lost, the first end packet reports it. Media thread only.
 */
public final class DtmfReceiver {
    private long lastTimestamp = -1;
    private int lastEvent = -1;
    private volatile long packets;
    private volatile long digits;
    private volatile long malformed;

    /**
     * @return the digit to report, or 0 if this packet continues an already reported event or is not a digit
     */
    public char onPacket(int timestamp, byte[] data, int offset, int length) {
        if (length < 4) {
            malformed++;
            return 0;
        }
        packets++;
        int event = data[offset] & 0xFF;
        long ts = Integer.toUnsignedLong(timestamp);
        if (ts == lastTimestamp && event == lastEvent) {
            return 0;
        }
        lastTimestamp = ts;
        lastEvent = event;
        char digit = DtmfDigits.digitOf(event);
        if (digit != 0) {
            digits++;
        }
        return digit;
    }

    /** Forgets the last event (new SSRC). */
    public void reset() {
        lastTimestamp = -1;
        lastEvent = -1;
    }

    public long packets() { return packets; }
    public long digits() { return digits; }
    public long malformed() { return malformed; }
}
