package org.ltintercom.callserver.sip;

import gov.nist.core.StackLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Properties;

/**
 * jain-sip's internal log, routed to SLF4J logger {@code gov.nist.javax.sip}: errors at WARN,
 * its warnings (TLS defaults, malformed messages) at DEBUG, one line each (jain-sip's debug output would dump every message, with credentials).
 */
public final class JainSipLog implements StackLogger {
    private static final Logger LOG = LoggerFactory.getLogger("gov.nist.javax.sip");
    private static final java.util.regex.Pattern ABOUT_BAD_INPUT = java.util.regex.Pattern.compile(
            "^Interrupted|incoming UDP packet|[Mm]alformed|[Pp]arse|Max content size|Bad (request|message)"
                    + "|Dropping|Content-Length|NullPointerException");

    public JainSipLog() {
        // instantiated by jain-sip through its no-argument constructor
    }

    @Override
    public boolean isLoggingEnabled() {
        return LOG.isWarnEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int level) {
        return level <= TRACE_ERROR && LOG.isWarnEnabled() || LOG.isDebugEnabled();
    }

    @Override
    public void logStackTrace() {
    }

    @Override
    public void logStackTrace(int traceLevel) {
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        if (ex instanceof InterruptedException) {
            return;
        }
        LOG.warn("jain-sip: {}", String.valueOf(ex));
    }

    @Override
    public void logDebug(String message) {
    }

    @Override
    public void logDebug(String message, Exception ex) {
    }

    @Override
    public void logTrace(String message) {
    }

    @Override
    public void logFatalError(String message) {
        LOG.error("jain-sip: {}", firstLine(message));
    }

    @Override
    public void logError(String message) {
        logError(message, null);
    }

    @Override
    public void logError(String message, Exception ex) {
        String line = firstLine(message) + (ex == null ? "" : ": " + ex);
        if (ex instanceof InterruptedException || ABOUT_BAD_INPUT.matcher(line).find()) {
            // our stop() interrupting its parked threads, or a malformed message from outside (the
            // service is expected to shrug those off; at WARN, a fuzzer could flood the log)
            LOG.debug("jain-sip: {}", line);
        } else {
            LOG.warn("jain-sip: {}", line);
        }
    }

    @Override
    public void logWarning(String message) {
        // jain-sip warns about its unused TLS defaults at every start, and about each malformed message
        LOG.debug("jain-sip: {}", firstLine(message));
    }

    @Override
    public void logInfo(String message) {
    }

    @Override
    public void disableLogging() {
    }

    @Override
    public void enableLogging() {
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
    }

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }

    /** Only the first line: jain-sip appends whole messages (and their Authorization headers) to errors. */
    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
