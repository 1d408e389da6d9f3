package org.ltintercom.sdk.internal.sip;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.SIPStackTimerTask;
import gov.nist.javax.sip.stack.timers.SipTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Properties;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * jain-sip's transaction timers on one named daemon thread ({@code lt-sip-timer-N}) that
 * {@link #stop()} ends. The stack's default timer is a {@code java.util.Timer} on an
 * unnamed non-daemon thread that can outlive {@code SipStack.stop()} and keep the JVM alive.
 */
public final class DaemonSipTimer implements SipTimer {

    private static final Logger LOG = LoggerFactory.getLogger(DaemonSipTimer.class);
    private static final AtomicInteger NUMBER = new AtomicInteger();

    private volatile ScheduledThreadPoolExecutor executor;

    public DaemonSipTimer() {
        // instantiated by jain-sip through its no-argument constructor
    }

    @Override
    public void start(SipStackImpl sipStack, Properties configurationProperties) {
        String name = "lt-sip-timer-" + NUMBER.incrementAndGet();
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor = e;
    }

    @Override
    public boolean schedule(SIPStackTimerTask task, long delayMillis) {
        ScheduledThreadPoolExecutor e = running();
        task.setSipTimerTask(e.schedule(() -> run(task), delayMillis, TimeUnit.MILLISECONDS));
        return true;
    }

    @Override
    public boolean scheduleWithFixedDelay(SIPStackTimerTask task, long delayMillis, long periodMillis) {
        ScheduledThreadPoolExecutor e = running();
        task.setSipTimerTask(e.scheduleWithFixedDelay(() -> run(task), delayMillis, periodMillis,
                TimeUnit.MILLISECONDS));
        return true;
    }

    @Override
    public boolean cancel(SIPStackTimerTask task) {
        Object handle = task.getSipTimerTask();
        task.cleanUpBeforeCancel();
        return handle instanceof ScheduledFuture<?> f && f.cancel(false);
    }

    @Override
    public void stop() {
        ScheduledThreadPoolExecutor e = executor;
        if (e != null) {
            e.shutdownNow();
        }
    }

    @Override
    public boolean isStarted() {
        ScheduledThreadPoolExecutor e = executor;
        return e != null && !e.isShutdown();
    }

    private ScheduledThreadPoolExecutor running() {
        ScheduledThreadPoolExecutor e = executor;
        if (e == null || e.isShutdown()) {
            throw new IllegalStateException("SIP timer is stopped");
        }
        return e;
    }

    private static void run(SIPStackTimerTask task) {
        try {
            task.runTask();
        } catch (RuntimeException ex) {
            // a failing stack task must not kill the timer thread (as java.util.Timer would)
            LOG.warn("SIP timer task {} failed: {}", task.getClass().getSimpleName(), ex.toString(), ex);
        }
    }
}
