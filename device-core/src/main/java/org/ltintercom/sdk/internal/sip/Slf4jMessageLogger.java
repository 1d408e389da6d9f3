package org.ltintercom.sdk.internal.sip;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.SipStack;
import java.util.Properties;

/**
 * jain-sip's message trace ({@code gov.nist.javax.sip.SERVER_LOGGER}) as SLF4J DEBUG lines on
 * {@code org.ltintercom.sdk.internal.sip.wire}: every SIP message sent and received, for
 * debugging interop on a device. jain-sip calls it only while its own log ({@code gov.nist.javax.sip},
 * see {@link Slf4jStackLogger}) is at INFO or finer, so turn both up. Messages carry digest
 * responses, never passwords.
 */
public final class Slf4jMessageLogger implements ServerLogger {

    private static final Logger WIRE = LoggerFactory.getLogger("org.ltintercom.sdk.internal.sip.wire");

    public Slf4jMessageLogger() {
        // instantiated by jain-sip through its no-argument constructor
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        log(message, from, to, sender);
    }

    private static void log(SIPMessage message, String from, String to, boolean sender) {
        if (WIRE.isDebugEnabled()) {
            WIRE.debug("{} {} -> {}\n{}", sender ? "sent" : "received", from, to, message.encode());
        }
    }

    @Override
    public void logException(Exception ex) {
        WIRE.debug("jain-sip message layer: {}", ex.toString());
    }

    @Override
    public void closeLogFile() {
        // no file
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // nothing to configure
    }

    @Override
    public void setSipStack(SipStack sipStack) {
        // not needed
    }
}
