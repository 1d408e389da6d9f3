package org.ltintercom.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The app's logging, set up in code rather than from a {@code logback.xml}: logback's XML
 * configurator costs about 100 ms and several hundred classes at every start, a fifth of the
 * start budget on a Pi. One line per event on stderr, {@code %journal} prefix (see
 * {@link JournalPrefixConverter}), root level from {@code LT_LOG_LEVEL} (default INFO),
 * Pi4J and D-Bus chatter at WARN.
 *
 * <p>An operator's own file still wins: with {@code -Dlogback.configurationFile=...}, or a
 * {@code logback-test.xml} on the class path (tests), this steps aside for logback's XML
 * configurator. {@code -Dlt.log.builtin=true} forces this set-up even then.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements ch.qos.logback.classic.spi.Configurator {

    static final String PATTERN = "%journal%-5level [%thread] %logger{20} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (!Boolean.getBoolean("lt.log.builtin") && (System.getProperty("logback.configurationFile") != null
                || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null)) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        @SuppressWarnings("unchecked")
        Map<String, Supplier<DynamicConverter<?>>> rules = (Map<String, Supplier<DynamicConverter<?>>>) context
                .getObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
        if (rules == null) {
            rules = new HashMap<>();
            context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
        }
        rules.put("journal", JournalPrefixConverter::new);

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> out = new ConsoleAppender<>();
        out.setContext(context);
        out.setName("OUT");
        out.setTarget("System.err");
        out.setEncoder(encoder);
        out.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(rootLevel(System.getenv("LT_LOG_LEVEL")));
        root.addAppender(out);
        context.getLogger("com.pi4j").setLevel(Level.WARN);
        context.getLogger("com.pi4j.boardinfo").setLevel(Level.OFF);
        context.getLogger("org.freedesktop").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code LT_LOG_LEVEL} (TRACE, DEBUG, INFO, WARN, ERROR, OFF; any case); unset or unknown -> INFO. */
    static Level rootLevel(String env) {
        return env == null || env.isBlank() ? Level.INFO : Level.toLevel(env.trim(), Level.INFO);
    }
}
