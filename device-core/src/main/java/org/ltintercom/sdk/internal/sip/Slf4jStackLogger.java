package org.ltintercom.sdk.internal.sip;

import gov.nist.core.StackLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Properties;

/**
 * jain-sip's internal log (its {@code gov.nist.javax.sip.STACK_LOGGER}) forwarded to SLF4J
 * under the logger {@code gov.nist.javax.sip}, so the stack's output follows the SDK's
 * logging configuration instead of writing files or going through log4j. The stack
 * instantiates this class reflectively; it keeps no state.
 */
public final class Slf4jStackLogger implements StackLogger {

    private static final Logger LOG = LoggerFactory.getLogger("gov.nist.javax.sip");
    private static final int MAX_MESSAGE = 300;

    public Slf4jStackLogger() {
        // instantiated by jain-sip through its no-argument constructor
    }

    @Override
    public boolean isLoggingEnabled() {
        return LOG.isDebugEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int level) {
        if (level <= TRACE_ERROR) {
            return level > TRACE_NONE && LOG.isErrorEnabled();
        }
        if (level <= TRACE_WARN) {
            return LOG.isWarnEnabled();
        }
        if (level <= TRACE_INFO) {
            return LOG.isInfoEnabled();
        }
        if (level <= TRACE_DEBUG) {
            return LOG.isDebugEnabled();
        }
        return LOG.isTraceEnabled();
    }

    @Override
    public void logStackTrace() {
        logStackTrace(TRACE_DEBUG);
    }

    @Override
    public void logStackTrace(int traceLevel) {
        if (isLoggingEnabled(traceLevel)) {
            LOG.debug("jain-sip stack trace", new Exception("stack trace (not an error)"));
        }
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        LOG.warn("jain-sip: {}", ex.toString(), ex);
    }

    @Override
    public void logDebug(String message) {
        LOG.debug(message);
    }

    @Override
    public void logDebug(String message, Exception ex) {
        LOG.debug(message, ex);
    }

    @Override
    public void logTrace(String message) {
        LOG.trace(message);
    }

    @Override
    public void logFatalError(String message) {
        LOG.error(shorten(message));
    }

    @Override
    public void logError(String message) {
        LOG.error(shorten(message));
    }

    @Override
    public void logError(String message, Exception ex) {
        if (ex instanceof InterruptedException) {
            LOG.debug(shorten(message), ex); // SipStackHost interrupts the event scanner on purpose when it stops
        } else if (message != null && message.startsWith("Error while processing incoming")) {
            // a malformed packet from the network: the sender's fault, one short line, no stack trace
            LOG.warn("{}: {}", shorten(message), ex.toString());
        } else {
            LOG.error(shorten(message), ex);
        }
    }

    /** jain-sip logs whole packets (as byte lists); a hostile 64 kB packet must not flood the log. */
    static String shorten(String message) {
        if (message == null || message.length() <= MAX_MESSAGE) {
            return message;
        }
        return message.substring(0, MAX_MESSAGE) + "... (" + message.length() + " characters)";
    }

    @Override
    public void logWarning(String message) {
        if (isTlsSetupNotice(message)) {
            LOG.debug(message); // printed at every start although we run no TLS listening point
        } else {
            LOG.warn(shorten(message));
        }
    }

    private static boolean isTlsSetupNotice(String message) {
        return message != null && (message.startsWith("TLS ") || message.startsWith("Using default")
                || message.startsWith("using default tls"));
    }

    @Override
    public void logInfo(String message) {
        LOG.info(shorten(message));
    }

    @Override
    public void disableLogging() {
        // levels are the SLF4J backend's business
    }

    @Override
    public void enableLogging() {
        // levels are the SLF4J backend's business
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        LOG.debug("jain-sip build {}", buildTimeStamp);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // nothing to configure: SLF4J decides
    }

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }
}
