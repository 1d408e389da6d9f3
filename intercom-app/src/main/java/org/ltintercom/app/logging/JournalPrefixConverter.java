package org.ltintercom.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * {@code %journal} in the log pattern: under systemd's journal ({@code JOURNAL_STREAM} is set) the
 * {@code <N>} syslog priority prefix that journald turns into the entry's level (so
 * {@code journalctl -p warning} works) and no timestamp (journald stamps each line); on a
 * terminal a {@code HH:mm:ss.SSS } timestamp instead.
 */
public final class JournalPrefixConverter extends ClassicConverter {

    private static final boolean JOURNAL = System.getenv("JOURNAL_STREAM") != null;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS ").withZone(ZoneId.systemDefault());

    @Override
    public String convert(ILoggingEvent event) {
        return JOURNAL ? prefix(event.getLevel()) : TIME.format(Instant.ofEpochMilli(event.getTimeStamp()));
    }

    /** syslog(3) priorities: err 3, warning 4, info 6, debug 7. */
    static String prefix(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> "<3>";
            case Level.WARN_INT -> "<4>";
            case Level.INFO_INT -> "<6>";
            default -> "<7>";
        };
    }
}
