package org.ltintercom.sdk.internal.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StuckPahoThreadsTest {

    private static StackTraceElement frame(String className, String method) {
        return new StackTraceElement(className, method, null, 1);
    }

    @Test
    void connectHelperWaitingInAStartLoopIsRecognised() {
        StackTraceElement[] stuck = {
            frame("java.lang.Thread", "sleep"),
            frame("org.eclipse.paho.client.mqttv3.internal.CommsReceiver", "start"),
            frame("org.eclipse.paho.client.mqttv3.internal.ClientComms$ConnectBG", "run")};
        assertTrue(StuckPahoThreads.inStartLoop(stuck));
    }

    @Test
    void workingReceiverAndIdlePoolThreadsAreLeftAlone() {
        StackTraceElement[] receiving = {
            frame("sun.nio.ch.NioSocketImpl", "timedRead"),
            frame("org.eclipse.paho.client.mqttv3.internal.CommsReceiver", "run")};
        StackTraceElement[] idle = {frame("java.util.concurrent.ThreadPoolExecutor", "getTask")};
        assertFalse(StuckPahoThreads.inStartLoop(receiving));
        assertFalse(StuckPahoThreads.inStartLoop(idle));
        assertEquals(0, StuckPahoThreads.release(List.of(Thread.currentThread())), "the caller is not stuck");
    }
}
