package org.ltintercom.app.cli;

import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Runs the first-use work of the libraries the start needs next (logging set-up, the MQTT client,
 * the HTTP client, the SIP stack) on a second core while the main thread reads the configuration.
 * A class's static initialisation happens once, on whichever thread comes first; the other waits
 * for it, so nothing is done twice and nothing is done differently. The thread ends by itself.
 * About 40 ms off the start on two cores; more on a Pi's four.
 */
final class StartupWarmup {

    private static final List<String> CLASSES = List.of(
            "org.eclipse.paho.client.mqttv3.MqttAsyncClient",
            "org.eclipse.paho.client.mqttv3.MqttConnectOptions",
            "org.eclipse.paho.client.mqttv3.internal.ClientComms",
            "org.eclipse.paho.client.mqttv3.internal.CommsReceiver",
            "org.eclipse.paho.client.mqttv3.internal.CommsSender",
            "org.eclipse.paho.client.mqttv3.internal.CommsCallback",
            "org.ltintercom.sdk.internal.mqtt.MqttSession",
            "org.ltintercom.app.mqtt.DeviceMqtt",
            "java.net.HttpURLConnection",
            "gov.nist.javax.sip.SipStackImpl");

    private StartupWarmup() {
    }

    /** Starts the warm-up thread ({@code lt-warmup}, a daemon that ends when done). */
    static void start() {
        Thread warmup = new Thread(StartupWarmup::run, "lt-warmup");
        warmup.setDaemon(true);
        warmup.setPriority(Thread.NORM_PRIORITY - 1);
        warmup.start();
    }

    private static void run() {
        LoggerFactory.getILoggerFactory(); // logback's set-up (LogSetup)
        ClassLoader loader = StartupWarmup.class.getClassLoader();
        for (String name : CLASSES) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // only a head start was lost: the real use reports whatever is wrong
                LoggerFactory.getLogger(StartupWarmup.class).debug("warm-up of {} skipped: {}", name, e.toString());
            }
        }
    }
}
