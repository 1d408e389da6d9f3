package org.ltintercom.app.cli;

import org.ltintercom.app.IntercomApp;
import org.ltintercom.app.config.ConfigException;
import org.ltintercom.app.config.ConfigLoader;
import org.ltintercom.app.config.IntercomConfig;
import org.ltintercom.app.control.CommandResult;
import org.ltintercom.app.state.StateStore;
import org.ltintercom.app.systemd.SdNotify;
import org.ltintercom.hal.HalFactory;
import org.ltintercom.hal.Hardware;
import org.ltintercom.hal.gpio.LedPattern;
import org.ltintercom.hal.gpio.StatusLed;
import org.ltintercom.sdk.internal.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code selftest}: checks what can be checked on the station, one line per check
 * ({@code PASS}, {@code FAIL} or {@code UNAVAILABLE} with the reason). Exit 0 all passed,
 * 1 a check failed, 2 the config is invalid, 3 nothing failed but some checks need parts that
 * are not in this build.
 */
@Command(name = "selftest", description = "Check config, state directory, GPIO, LEDs, audio routes, SIP registration, the speaker->mic loop, the MQTT broker.")
final class SelfTest implements Callable<Integer> {

    @CommandLine.Mixin
    IntercomCommand.Files files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private int failed;
    private int unavailable;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        IntercomConfig config;
        try {
            config = ConfigLoader.load(files.config);
            line(out, "PASS", "config", files.config.toString());
        } catch (ConfigException e) {
            return IntercomCommand.invalid(e, spec.commandLine().getErr());
        }
        checkStateDir(out);
        try (Hardware hardware = HalFactory.create(config.hal())) {
            line(out, "PASS", "hal", config.hal().platform().name().toLowerCase(java.util.Locale.ROOT) + " hardware opened");
            for (StatusLed led : hardware.leds()) {
                boolean on = switches(led, LedPattern.ON, true);
                boolean off = on && switches(led, LedPattern.OFF, false);
                line(out, on && off ? "PASS" : "FAIL", "led " + led.name(), on && off ? "switched on and off"
                        : "the output did not follow (" + (on ? "off" : "on") + " missing)");
            }
            line(out, "PASS", "relay", hardware.relay().isPresent() ? "present (not pulsed by selftest)" : "none configured");
            var routes = hardware.audio().availableRoutes();
            line(out, routes.isEmpty() ? "FAIL" : "PASS", "audio", routes.isEmpty() ? "no configured route has its device"
                    : "routes available: " + routes);
        } catch (RuntimeException e) {
            line(out, "FAIL", "hal", e.getMessage());
        }
        stationChecks(out);
        mqttCheck(out, config);
        out.flush();
        return failed > 0 ? IntercomCommand.FAILED : unavailable > 0 ? IntercomCommand.NOT_AVAILABLE : IntercomCommand.OK;
    }

    /**
     * Starts the station (its HAL, the SDK session) and runs the running station's checks: SIP
     * registration (waited for up to {@code sip.registrationTimeout}), the speaker->microphone
     * tone loop, relay, state directory.
     */
    private void stationChecks(PrintWriter out) {
        try (SdNotify notify = SdNotify.fromEnvironment(java.util.Map.of());
             IntercomApp app = new IntercomApp(ConfigLoader.readLocal(files.config), new StateStore(files.stateDir), notify,
                     java.util.Map.of())) {
            StationWait station = new StationWait();
            app.setReporter(station);
            app.start();
            station.registered(app.config().sip().registrationTimeout());
            CommandResult result = app.selftest().get(30, java.util.concurrent.TimeUnit.SECONDS);
            for (var check : new java.util.TreeMap<>(result.details()).descendingMap().entrySet()) {
                if (check.getKey().equals("relay") || check.getKey().equals("state-dir")) {
                    continue; // checked above without the station
                }
                java.util.Map<?, ?> c = (java.util.Map<?, ?>) check.getValue();
                String detail = String.valueOf(c.get("detail"));
                if (check.getKey().equals("sip-registration") && station.lastError() != null && !"PASS".equals(c.get("result"))) {
                    detail += " (" + station.lastError() + ")";
                }
                line(out, String.valueOf(c.get("result")), check.getKey(), detail);
            }
        } catch (Exception e) {
            line(out, "FAIL", "station", "could not start: " + e.getMessage());
        }
    }

    /**
     * Connects to the configured broker with the device's credentials under a client id and a status
     * topic of the self-test's own, so a running intercom service is neither kicked off nor reported offline.
     */
    private void mqttCheck(PrintWriter out, IntercomConfig config) {
        org.ltintercom.sdk.internal.mqtt.MqttConfig c;
        try {
            c = org.ltintercom.app.mqtt.SessionSettings.of(config);
        } catch (IllegalArgumentException e) {
            line(out, "FAIL", "mqtt", e.getMessage());
            return;
        }
        org.ltintercom.sdk.internal.mqtt.MqttConfig probe = new org.ltintercom.sdk.internal.mqtt.MqttConfig(c.brokerUri(),
                c.clientId() + "-selftest", c.username(), c.password(), c.tls(), c.keepAlive(),
                org.ltintercom.sdk.internal.mqtt.MqttConfig.statusTopicOf(config.deviceId()) + "/selftest",
                c.backoffMin(), c.backoffMax(), c.offlineBuffer(), c.operationTimeout());
        try (org.ltintercom.sdk.internal.mqtt.MqttSession session = new org.ltintercom.sdk.internal.mqtt.MqttSession(probe)) {
            session.start();
            boolean up = session.awaitConnected(java.time.Duration.ofSeconds(10));
            line(out, up ? "PASS" : "FAIL", "mqtt", up ? "connected to " + c.brokerUri()
                    : "no connection to " + c.brokerUri() + " within 10 s (" + session.state() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            line(out, "FAIL", "mqtt", "interrupted");
        } catch (RuntimeException e) {
            line(out, "FAIL", "mqtt", e.getMessage());
        }
    }

    /** Shows {@code pattern} and waits (bounded) for the output to go on / off. */
    private static boolean switches(StatusLed led, LedPattern pattern, boolean lit) {
        java.util.concurrent.CompletableFuture<Boolean> changed = new java.util.concurrent.CompletableFuture<>();
        org.ltintercom.hal.gpio.LedListener listener = t -> {
            if (t.pattern() == pattern && t.on() == lit) {
                changed.complete(true);
            }
        };
        led.addListener(listener);
        try {
            led.show(pattern);
            return changed.get(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        } finally {
            led.removeListener(listener);
        }
    }

    private void checkStateDir(PrintWriter out) {
        try {
            Files.createDirectories(files.stateDir);
            Path probe = files.stateDir.resolve("selftest.json");
            org.ltintercom.app.state.AtomicFiles.write(probe,
                    Json.object().put("selftest", true).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Files.delete(probe);
            line(out, "PASS", "state-dir", files.stateDir + " writable (atomic write + fsync)");
        } catch (Exception e) {
            line(out, "FAIL", "state-dir", files.stateDir + ": " + e.getMessage());
        }
    }

    private void line(PrintWriter out, String result, String check, String detail) {
        if (result.equals("FAIL")) {
            failed++;
        } else if (result.equals("UNAVAILABLE")) {
            unavailable++;
        }
        out.printf("%-11s %-17s %s%n", result, check, detail);
    }
}
