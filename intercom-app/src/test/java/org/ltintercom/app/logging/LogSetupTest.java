package org.ltintercom.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogSetupTest {

    @AfterEach
    void clearFlag() {
        System.clearProperty("lt.log.builtin");
    }

    @Test
    void aLogbackTestXmlOnTheClassPathTakesPrecedence() {
        LoggerContext context = new LoggerContext();
        assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, new LogSetup().configure(context));
        assertNull(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("OUT"), "nothing configured");
    }

    @Test
    void builtInSetupWritesOneLinePerEventWithLevelThreadAndShortLogger() {
        System.setProperty("lt.log.builtin", "true");
        LoggerContext context = new LoggerContext();
        LogSetup setup = new LogSetup();
        setup.setContext(context);
        assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, setup.configure(context));

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        @SuppressWarnings("unchecked")
        ConsoleAppender<ILoggingEvent> out = (ConsoleAppender<ILoggingEvent>) root.getAppender("OUT");
        assertTrue(out.isStarted());
        assertEquals("System.err", out.getTarget());
        assertEquals(Level.WARN, context.getLogger("com.pi4j").getLevel());
        assertEquals(Level.OFF, context.getLogger("com.pi4j.boardinfo").getLevel());

        Logger logger = context.getLogger("org.ltintercom.app.IntercomApp");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, "door {} stuck", null,
                new Object[] {"relay"});
        event.setThreadName("lt-app-events");
        String line = new String(out.getEncoder().encode(event), StandardCharsets.UTF_8);
        assertTrue(line.endsWith("WARN  [lt-app-events] o.l.app.IntercomApp - door relay stuck" + System.lineSeparator()), line);
        String prefix = line.substring(0, line.indexOf("WARN"));
        assertTrue(prefix.equals("<4>") || prefix.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d "), "journal or time prefix: " + prefix);
        context.stop();
    }

    @Test
    void rootLevelComesFromTheEnvironmentWithInfoAsDefault() {
        assertEquals(Level.INFO, LogSetup.rootLevel(null));
        assertEquals(Level.INFO, LogSetup.rootLevel(" "));
        assertEquals(Level.DEBUG, LogSetup.rootLevel("debug"));
        assertEquals(Level.WARN, LogSetup.rootLevel(" WARN "));
        assertEquals(Level.INFO, LogSetup.rootLevel("chatty"));
    }
}
