package org.ltintercom.app.cli;

import org.ltintercom.app.IntercomApp;
import org.ltintercom.app.config.ConfigError;
import org.ltintercom.app.config.ConfigException;
import org.ltintercom.app.config.ConfigLoader;
import org.ltintercom.app.config.IntercomConfig;
import org.ltintercom.app.config.LocalConfig;
import org.ltintercom.app.state.StateStore;
import org.ltintercom.app.systemd.SdNotify;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code intercom-app [run|demo|selftest|call|config validate]}. Exit codes: 0 ok, 1 runtime
 * failure, 2 invalid configuration, 3 the command needs a part that is not in this build yet ({@code demo}).
 */
@Command(name = "intercom-app", mixinStandardHelpOptions = true, version = "lt-intercom 0.1.0",
        description = "The lt-intercom door station / indoor unit.",
        subcommands = {IntercomCommand.Run.class, IntercomCommand.Demo.class, SelfTest.class, IntercomCommand.Call.class,
                IntercomCommand.ConfigCommand.class})
public final class IntercomCommand implements Callable<Integer> {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int INVALID_CONFIG = 2;
    public static final int NOT_AVAILABLE = 3;

    static final String DEFAULT_CONFIG = "/etc/lt-intercom/intercom.yaml";
    static final String DEFAULT_STATE = "/var/lib/lt-intercom";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) throws InterruptedException {
        Optional<Run> run = QuickRun.parse(args);
        if (run.isPresent() && !"false".equals(System.getProperty("lt.startup.warmup"))) {
            StartupWarmup.start();
        }
        System.exit(run.isPresent() ? run.get().call() : commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new IntercomCommand());
    }

    /** No subcommand: {@code run}. */
    @Override
    public Integer call() {
        return spec.commandLine().execute("run");
    }

    /** Options every command that reads the configuration has. */
    static final class Files {
        @Option(names = {"-c", "--config"}, defaultValue = DEFAULT_CONFIG, description = "configuration file (default ${DEFAULT-VALUE})")
        Path config;

        @Option(names = {"-s", "--state-dir"}, defaultValue = DEFAULT_STATE, description = "state directory (default ${DEFAULT-VALUE})")
        Path stateDir;
    }

    /** Prints every error of a rejected configuration. */
    static int invalid(ConfigException e, PrintWriter err) {
        for (ConfigError error : e.errors()) {
            err.println(error);
        }
        err.flush();
        return INVALID_CONFIG;
    }

    @Command(name = "run", description = "Run the intercom until SIGTERM (what systemd starts).")
    static final class Run implements Callable<Integer> {
        @CommandLine.Mixin
        Files files;

        @Option(names = "--sim-microphone", paramLabel = "WAV",
                description = "simulated HAL only: the microphone plays this WAV in a loop (the demo's voices)")
        java.nio.file.Path simMicrophone;

        @Option(names = "--sim-speaker-record", paramLabel = "WAV",
                description = "simulated HAL only: write what the speaker played to this WAV at shutdown")
        java.nio.file.Path simSpeakerRecord;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            LocalConfig local;
            try {
                local = ConfigLoader.readLocal(files.config);
                local.bind();
            } catch (ConfigException e) {
                return invalid(e, err());
            }
            CountDownLatch stopped = new CountDownLatch(1);
            SdNotify notify = SdNotify.fromEnvironment(System.getenv());
            IntercomApp app = new IntercomApp(local, new StateStore(files.stateDir), notify, System.getenv());
            app.setConfigFile(files.config);
            if (simMicrophone != null || simSpeakerRecord != null) {
                app.setSimulatedAudioFiles(simMicrophone, simSpeakerRecord);
            }
            org.ltintercom.app.mqtt.DeviceMqtt[] mqtt = new org.ltintercom.app.mqtt.DeviceMqtt[1];
            Thread hook = new Thread(() -> {
                if (mqtt[0] != null) {
                    mqtt[0].close(); // publishes offline/shutdown while the app's event loop still runs
                }
                app.close();
                notify.close();
                stopped.countDown();
            }, "lt-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                // MQTT first: Paho's connect spends ~300 ms in fixed waits, which the app's start
                // overlaps; what the broker delivers meanwhile waits for appStarted()
                mqtt[0] = new org.ltintercom.app.mqtt.DeviceMqtt(app.config(), app);
                app.setConfigAppliedListener(mqtt[0]::onConfigApplied);
                mqtt[0].startBeforeApp();
                app.start();
                mqtt[0].appStarted();
            } catch (RuntimeException e) {
                Runtime.getRuntime().removeShutdownHook(hook);
                if (mqtt[0] != null) {
                    mqtt[0].close();
                }
                app.close();
                notify.close();
                err().println("start failed: " + e.getMessage());
                return FAILED;
            }
            stopped.await(); // SIGTERM runs the hook; the JVM then exits with 143 (SuccessExitStatus=143)
            return OK;
        }

        /** picocli's error stream, or stderr when {@link QuickRun} parsed the options. */
        private PrintWriter err() {
            return spec != null ? spec.commandLine().getErr() : new PrintWriter(System.err, true);
        }
    }

    @Command(name = "demo", description = "Door station + indoor unit on the simulated HAL against a local call-server.")
    static final class Demo implements Callable<Integer> {
        @Option(names = "--call-server-jar", defaultValue = "call-server/target/call-server.jar",
                description = "the call-server jar to start (default ${DEFAULT-VALUE})")
        java.nio.file.Path callServerJar;

        @Option(names = "--work-dir", description = "where configs, logs and recordings go (default: a new temp dir)")
        java.nio.file.Path workDir;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return new org.ltintercom.app.demo.Demo(new org.ltintercom.app.demo.Demo.Options(callServerJar, workDir,
                    spec.commandLine().getOut())).run();
        }
    }

    @Command(name = "call", description = "Start the station, call a target (an LT userID) once, print the outcome; "
            + "exit 0 when the call connected (the command returns when the call ends).")
    static final class Call implements Callable<Integer> {
        @Parameters(paramLabel = "<target>", description = "the userID to call")
        String target;

        @CommandLine.Mixin
        Files files;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            LocalConfig local;
            try {
                local = ConfigLoader.readLocal(files.config);
                local.bind();
            } catch (ConfigException e) {
                return invalid(e, err);
            }
            try (SdNotify notify = SdNotify.fromEnvironment(java.util.Map.of());
                 IntercomApp app = new IntercomApp(local, new StateStore(files.stateDir), notify, java.util.Map.of())) {
                StationWait station = new StationWait();
                app.setReporter(station);
                app.start();
                java.time.Duration wait = app.config().sip().registrationTimeout();
                if (!station.registered(wait)) {
                    err.println("call " + target + ": not registered with the SIP service within " + wait.toSeconds()
                            + " s (" + station.lastError() + ")");
                    err.flush();
                    return FAILED;
                }
                out.println("calling " + target + " ...");
                out.flush();
                var outcome = app.placeCall(target).join();
                if (!outcome.connected()) {
                    err.println("call " + target + ": " + outcome.detail());
                    err.flush();
                    return FAILED;
                }
                long connectedAt = System.nanoTime();
                out.println("connected to " + outcome.target());
                out.flush();
                station.callEnded();
                out.println("call ended after " + (System.nanoTime() - connectedAt) / 1_000_000_000L + " s");
                out.flush();
                return OK;
            } catch (RuntimeException e) {
                err.println("call " + target + ": " + e.getMessage());
                err.flush();
                return FAILED;
            }
        }
    }


    @Command(name = "config", description = "Configuration tools.", subcommands = {ConfigCommand.Validate.class})
    static final class ConfigCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getErr());
            return INVALID_CONFIG;
        }

        @Command(name = "validate", description = "Check a configuration file: prints OK or every line/field error (exit 2).")
        static final class Validate implements Callable<Integer> {
            @Parameters(paramLabel = "<file>", description = "the intercom.yaml to check")
            Path file;

            @CommandLine.Spec
            CommandLine.Model.CommandSpec spec;

            @Override
            public Integer call() {
                try {
                    IntercomConfig config = ConfigLoader.load(file);
                    PrintWriter out = spec.commandLine().getOut();
                    out.println("OK: " + file + " (device " + config.deviceId() + ", platform "
                            + config.hal().platform().name().toLowerCase(java.util.Locale.ROOT) + ", "
                            + config.ringPlan().groups().size() + " ring group(s))");
                    out.flush();
                    return OK;
                } catch (ConfigException e) {
                    return invalid(e, spec.commandLine().getErr());
                }
            }
        }
    }
}
