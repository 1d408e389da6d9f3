package org.ltintercom.sdk.internal.mqtt;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees pool threads that Paho 1.2.5 leaves spinning forever. Its connect helper starts the
 * receiver, sender and callback loops and then polls every 100 ms, swallowing interrupts, until the
 * loop reports RUNNING. When the connection dies within that first poll (a broker or proxy that
 * accepts and at once resets, a cable pulled mid-connect) the loop has already stopped and the
 * helper never returns: one thread lost per such attempt, and with a bounded pool the session can
 * no longer connect at all. Between two connect attempts no connect helper is legitimately inside
 * these start methods, so the session calls {@link #release} there and stops such threads. The
 * stuck helper holds no lock (it sleeps outside Paho's monitors) and its connect token is already
 * completed, so stopping it is safe. Thread.stop works on Java 17, the project's runtime; on a JVM
 * where it is unsupported the threads are reported instead.
 */
final class StuckPahoThreads {

    private static final Logger LOG = LoggerFactory.getLogger(StuckPahoThreads.class);
    private static final List<String> START_LOOPS = List.of(
            "org.eclipse.paho.client.mqttv3.internal.CommsReceiver",
            "org.eclipse.paho.client.mqttv3.internal.CommsSender",
            "org.eclipse.paho.client.mqttv3.internal.CommsCallback");

    private StuckPahoThreads() {
    }

    /** Stops the given threads that sit in a Paho start loop; returns how many were found. */
    @SuppressWarnings({"deprecation", "removal"})
    static int release(List<Thread> pahoThreads) {
        int found = 0;
        for (Thread thread : pahoThreads) {
            if (!inStartLoop(thread.getStackTrace())) {
                continue;
            }
            found++;
            try {
                thread.stop();
                LOG.warn("released Paho thread {} stuck in its start loop (Paho 1.2.5 bug)", thread.getName());
            } catch (UnsupportedOperationException notOnThisJvm) {
                LOG.warn("Paho thread {} is stuck in its start loop and cannot be released on this JVM",
                        thread.getName());
            }
        }
        return found;
    }

    static boolean inStartLoop(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (frame.getMethodName().equals("start") && START_LOOPS.contains(frame.getClassName())) {
                return true;
            }
        }
        return false;
    }
}
