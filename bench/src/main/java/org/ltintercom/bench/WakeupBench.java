package org.ltintercom.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ltintercom.callserver.mqtt.EmbeddedBroker;
import org.ltintercom.callserver.mqtt.MqttWakeupPublisher;
import org.ltintercom.sdk.internal.mqtt.MqttConfig;
import org.ltintercom.sdk.internal.mqtt.MqttSession;
import org.ltintercom.sdk.internal.mqtt.WakeupReceiver;

/**
 * Wakeup latency: call-server's {@link MqttWakeupPublisher} publishes -> broker -> device's
 * {@link MqttSession} -> {@link WakeupReceiver} consumer. One wakeup at a time (the next is sent
 * when the previous arrived), 20 warm-up wakeups, then 200 measured; prints median, p99 and max.
 *
 * <pre>
 * mvn -B -o -Pbench -pl bench -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp bench/target/classes:$(cat /tmp/cp.txt) org.ltintercom.bench.WakeupBench [embedded] [mosquitto]
 * </pre>
 */
public final class WakeupBench {

    private static final int WARMUP = 20;
    private static final int MEASURED = 200;

    private WakeupBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> brokers = args.length == 0 ? List.of("embedded", "mosquitto") : List.of(args);
        for (String broker : brokers) {
            switch (broker) {
                case "embedded" -> {
                    try (EmbeddedBroker embedded = EmbeddedBroker.start(EmbeddedBroker.Config.loopback())) {
                        report("embedded Moquette 0.17", measure(embedded.uri()));
                    }
                }
                case "mosquitto" -> {
                    Process mosquitto = null;
                    Path dir = Files.createTempDirectory("lt-bench-mosquitto-");
                    try {
                        int port = freePort();
                        Path conf = dir.resolve("mosquitto.conf");
                        Files.write(conf, List.of("listener " + port + " 127.0.0.1", "allow_anonymous true",
                                "persistence false", "user " + System.getProperty("user.name")));
                        mosquitto = new ProcessBuilder("mosquitto", "-c", conf.toString())
                                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
                        awaitListening(port, mosquitto);
                        report("mosquitto " + mosquittoVersion(), measure("tcp://127.0.0.1:" + port));
                    } finally {
                        if (mosquitto != null) {
                            mosquitto.destroy();
                            if (!mosquitto.waitFor(5, TimeUnit.SECONDS)) {
                                mosquitto.destroyForcibly();
                            }
                        }
                    }
                }
                default -> throw new IllegalArgumentException("broker: embedded or mosquitto, not " + broker);
            }
        }
    }

    private static long[] measure(String uri) throws Exception {
        BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
        MqttConfig config = MqttConfig.of(uri, "bench-device").withStatusTopic(MqttConfig.statusTopicOf("bench-device"));
        try (MqttSession session = new MqttSession(config);
             MqttWakeupPublisher publisher = new MqttWakeupPublisher(MqttWakeupPublisher.Config.of(uri, "bench-service"))) {
            new WakeupReceiver(session, "bench-user", payload -> arrivals.add(
                    System.nanoTime() - Long.parseLong(payload.substring(payload.indexOf(':') + 1, payload.indexOf('}')))))
                    .start();
            session.start();
            if (!session.awaitConnected(Duration.ofSeconds(20)) || !publisher.awaitConnected(Duration.ofSeconds(20))) {
                throw new IllegalStateException("could not connect to " + uri);
            }
            long[] latencies = new long[MEASURED];
            for (int i = 0; i < WARMUP + MEASURED; i++) {
                publisher.publishIncomingCall("bench-user", "{\"sentNanos\":" + System.nanoTime() + "}");
                Long latency = arrivals.poll(10, TimeUnit.SECONDS);
                if (latency == null) {
                    throw new IllegalStateException("wakeup " + i + " did not arrive");
                }
                if (i >= WARMUP) {
                    latencies[i - WARMUP] = latency;
                }
            }
            return latencies;
        }
    }

    private static void report(String broker, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-24s n=%d  median %.2f ms  p99 %.2f ms  max %.2f ms%n", broker, sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(int port, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket probe = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
                return;
            } catch (IOException notYet) {
                process.waitFor(20, TimeUnit.MILLISECONDS);
            }
        }
        throw new IllegalStateException("mosquitto did not listen on port " + port);
    }

    private static String mosquittoVersion() {
        try {
            Process version = new ProcessBuilder("mosquitto", "-h").redirectErrorStream(true).start();
            String first = new String(version.getInputStream().readAllBytes()).lines().findFirst().orElse("");
            version.waitFor(5, TimeUnit.SECONDS);
            return first.replace("mosquitto version ", "").trim();
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }
}
