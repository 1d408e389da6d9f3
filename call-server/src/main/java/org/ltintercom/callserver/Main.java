package org.ltintercom.callserver;

import org.ltintercom.callserver.mqtt.EmbeddedBroker;
import org.ltintercom.callserver.mqtt.MqttWakeupPublisher;
import org.ltintercom.callserver.mqtt.WakeupPublisher;
import org.ltintercom.callserver.users.UsersFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar call-server.jar [options]}: runs the service until SIGTERM/SIGINT. Prints exactly
 * three lines to stdout once it accepts requests (logs go to stderr), so scripts and tests can wait
 * for it and read the ports: {@code call-server listening on http://HOST:PORT},
 * {@code call-server sip on udp+tcp HOST:PORT} and {@code call-server mqtt on tcp://HOST:PORT (embedded)}
 * (or the external broker's URL, or {@code none}). Without {@code --mqtt-url} it hosts the embedded
 * Moquette broker and publishes incoming-call wakeups there.
 */
@Command(name = "call-server", mixinStandardHelpOptions = true, version = "call-server 0.1.0",
        description = "The reference LT call service (REST API and SIP registrar/proxy for the LT Call SDK).")
public final class Main implements Callable<Integer> {
    @Option(names = "--host", description = "address to listen on (default: ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "HTTP port, 0 = any free one (default: ${DEFAULT-VALUE})")
    int port = 8080;

    @Option(names = "--data-dir", description = "SQLite file and admin token live here (default: ${DEFAULT-VALUE})")
    Path dataDir = Path.of("data");

    @Option(names = "--users", paramLabel = "FILE", description = "users YAML (default: the bundled demo users)")
    Path usersFile;

    @Option(names = "--jdbc-url", description = "database (default: SQLite <data-dir>/call-server.db;"
            + " jdbc:postgresql://... for PostgreSQL)")
    String jdbcUrl;

    @Option(names = "--jdbc-user", description = "database user")
    String jdbcUser;

    @Option(names = "--jdbc-password-file", paramLabel = "FILE", description = "file holding the database password")
    Path jdbcPasswordFile;

    @Option(names = "--license-key", description = "accepted licenseKey, repeatable (default: demo-license)")
    List<String> licenseKeys = List.of(CallServerConfig.DEMO_LICENSE_KEY);

    @Option(names = "--admin-token-file", paramLabel = "FILE",
            description = "file holding the admin token (default: <data-dir>/admin-token, generated)")
    Path adminTokenFile;

    @Option(names = "--sip-domain", description = "SIP domain returned by init (default: the host)")
    String sipDomain;

    @Option(names = "--sip-proxy", description = "SIP proxy URI returned by init (default: sip:HOST:SIP-PORT)")
    String sipProxy;

    @Option(names = "--sip-port", description = "SIP registrar/proxy port, UDP and TCP, 0 = any free one"
            + " (default: ${DEFAULT-VALUE})")
    int sipPort = CallServerConfig.DEFAULT_SIP_PORT;

    @Option(names = "--ring-timeout", paramLabel = "SECONDS",
            description = "how long a call rings (or waits for a woken device) before 480 (default: ${DEFAULT-VALUE})")
    int ringTimeoutSeconds = 30;

    @Option(names = "--decline-everywhere", arity = "1", paramLabel = "true|false",
            description = "one device's 603 ends the call on all the callee's devices (default: ${DEFAULT-VALUE})")
    boolean declineEverywhere = true;

    @Option(names = "--wakeup", paramLabel = "always|unregistered",
            description = "publish the callee's MQTT wakeup for every call (like a VoIP push), or only when the callee"
                    + " has no registered device (default: ${DEFAULT-VALUE})")
    String wakeup = "always";

    @Option(names = "--mqtt-url", paramLabel = "URL",
            description = "external MQTT broker (mosquitto) for incoming-call wakeups, e.g. tcp://127.0.0.1:1883;"
                    + " without it the embedded broker is started")
    String mqttUrl;

    @Option(names = "--mqtt-port", paramLabel = "PORT",
            description = "port of the embedded MQTT broker (Moquette) on --host, 0 = any free one;"
                    + " ignored with --mqtt-url (default: ${DEFAULT-VALUE})")
    int mqttPort = 1883;

    @Option(names = "--no-mqtt", description = "no broker at all: wakeups are not delivered")
    boolean noMqtt;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        CallServerConfig config;
        WakeupPublisher wakeups;
        EmbeddedBroker broker = null;
        if (!wakeup.equals("always") && !wakeup.equals("unregistered")) {
            System.err.println("call-server: --wakeup: must be always or unregistered, was " + wakeup);
            return 2;
        }
        if (mqttPort < 0 || mqttPort > 65_535) {
            System.err.println("call-server: --mqtt-port: must be 0-65535, was " + mqttPort);
            return 2;
        }
        try {
            config = CallServerConfig.builder().host(host).port(port).dataDir(dataDir).usersFile(usersFile)
                    .jdbcUrl(jdbcUrl).jdbcUser(jdbcUser)
                    .jdbcPassword(jdbcPasswordFile == null ? null : SecretFiles.read(jdbcPasswordFile))
                    .licenseKeys(licenseKeys)
                    .adminToken(adminTokenFile == null ? null : SecretFiles.read(adminTokenFile))
                    .sipDomain(sipDomain).sipProxy(sipProxy).sipPort(sipPort)
                    .ringTimeout(Duration.ofSeconds(ringTimeoutSeconds)).declineEverywhere(declineEverywhere)
                    .wakeupAlways(wakeup.equals("always")).build();
            if (noMqtt) {
                wakeups = null;
            } else {
                String brokerUri = mqttUrl;
                if (brokerUri == null) {
                    broker = EmbeddedBroker.start(EmbeddedBroker.Config.loopback().withHostAndPort(host, mqttPort));
                    brokerUri = broker.uri();
                }
                wakeups = new MqttWakeupPublisher(MqttWakeupPublisher.Config.of(brokerUri, "call-server"));
            }
        } catch (IllegalArgumentException | java.io.IOException e) {
            closeQuietly(null, broker);
            System.err.println("call-server: " + e.getMessage());
            return 2;
        } catch (IllegalStateException e) {
            closeQuietly(null, broker);
            System.err.println("call-server: " + e.getMessage());
            return 1;
        }
        String mqttLine = noMqtt ? "none" : mqttUrl != null ? mqttUrl : broker.uri() + " (embedded)";
        CallServer server;
        try {
            server = wakeups == null ? CallServer.start(config) : CallServer.start(config, wakeups);
        } catch (UsersFileException e) {
            closeQuietly(wakeups, broker);
            System.err.println("call-server: " + e.getMessage());
            return 2;
        } catch (java.net.BindException e) {
            closeQuietly(wakeups, broker);
            System.err.println("call-server: cannot listen on " + host + " (HTTP " + port + ", SIP " + sipPort + "): "
                    + e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            closeQuietly(wakeups, broker);
            System.err.println("call-server: " + e.getMessage());
            return 1;
        } catch (java.sql.SQLException e) {
            closeQuietly(wakeups, broker);
            System.err.println("call-server: database " + config.effectiveJdbcUrl().replaceAll("\\?.*", "?...")
                    + ": " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        EmbeddedBroker ownBroker = broker;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            closeQuietly(wakeups, ownBroker);
            stopped.countDown();
        }, "lt-callserver-shutdown"));
        System.out.println("call-server listening on " + server.baseUri());
        System.out.println("call-server sip on udp+tcp " + host + ":" + server.sipPort());
        System.out.println("call-server mqtt on " + mqttLine);
        System.out.flush();
        stopped.await();
        return 0;
    }

    private static void closeQuietly(WakeupPublisher wakeups, EmbeddedBroker broker) {
        if (wakeups != null) {
            wakeups.close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}
