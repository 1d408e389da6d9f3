package org.ltintercom.app.mqtt;

import org.ltintercom.app.config.IntercomConfig;
import org.ltintercom.app.config.LocalConfig;
import org.ltintercom.app.control.CommandResult;
import org.ltintercom.app.control.DeviceControl;
import org.ltintercom.app.control.DeviceReporter;
import org.ltintercom.app.provisioning.Applier;
import org.ltintercom.app.provisioning.ConfigResult;
import org.ltintercom.app.provisioning.Provisioner;
import org.ltintercom.app.state.StateStore;
import org.ltintercom.sdk.internal.push.Wakeup;
import org.ltintercom.sdk.internal.push.WakeupGate;
import org.ltintercom.sdk.internal.push.WakeupParser;
import org.ltintercom.sdk.internal.service.WireFormatException;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The app core as the MQTT face sees it, for tests: records what it was asked to do, and runs the
 * real parts that need no hardware: provisioning through a real {@link Provisioner} and
 * {@link StateStore}, wakeups through the SDK's real {@link WakeupParser} and {@link WakeupGate}
 * (stale and duplicate wakeups dropped), and a queue of events kept while MQTT was down.
 */
final class RecordingControl implements DeviceControl {

    /** What the device did, in order: "call flat-9", "call <ring plan>", "open-door", "rang w-1", ... */
    final BlockingQueue<String> actions = new LinkedBlockingQueue<>();
    /** setMqttConnected calls, in order. */
    final BlockingQueue<Boolean> connectivity = new LinkedBlockingQueue<>();
    final List<IntercomConfig> applied = new CopyOnWriteArrayList<>();

    private final Provisioner provisioner;
    private volatile String userId;
    private final WakeupGate gate = new WakeupGate(Clock.systemUTC(), 1024);
    private final Deque<String> offlineEvents = new ArrayDeque<>();
    private volatile DeviceReporter reporter;

    RecordingControl(LocalConfig local, Path stateDir) {
        this.provisioner = new Provisioner(local, new StateStore(stateDir), config -> {
            applied.add(config);
            return Applier.Outcome.ok();
        });
        this.userId = local.bind().sdk().userId();
    }

    /** The app signed in as another user (a provisioned sdk section). */
    void signInAs(String newUserId) {
        userId = newUserId;
    }

    DeviceReporter reporter() {
        return reporter;
    }

    /** An event the app could not publish (degraded mode); sent on the next connect. */
    synchronized void queueOfflineEvent(String json) {
        offlineEvents.add(json);
    }

    synchronized int queuedEvents() {
        return offlineEvents.size();
    }

    String nextAction() throws InterruptedException {
        String next = actions.poll(20, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("the device did nothing within 20 s");
        }
        return next;
    }

    boolean nextConnectivity(Duration timeout) throws InterruptedException {
        Boolean next = connectivity.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("setMqttConnected not called within " + timeout);
        }
        return next;
    }

    @Override
    public CompletableFuture<CommandResult> call(String target) {
        actions.add("call " + (target == null ? "<ring plan>" : target));
        return CompletableFuture.completedFuture(CommandResult.done(
                Map.of("target", target == null ? "flat-1" : target)));
    }

    @Override
    public CompletableFuture<CommandResult> hangup() {
        actions.add("hangup");
        return CompletableFuture.completedFuture(CommandResult.failed("call: no call in progress"));
    }

    @Override
    public CompletableFuture<CommandResult> answer() {
        actions.add("answer");
        return CompletableFuture.completedFuture(CommandResult.failed("call: none is ringing"));
    }

    @Override
    public CompletableFuture<CommandResult> openDoor() {
        actions.add("open-door");
        // completes later, on another thread, as the app's event loop does
        return CompletableFuture.supplyAsync(() -> CommandResult.done(Map.of("relay", "pulsed")),
                CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS, Runnable::run));
    }

    @Override
    public CompletableFuture<CommandResult> sendDtmf(String keys) {
        actions.add("dtmf " + keys);
        return CompletableFuture.completedFuture(CommandResult.done());
    }

    @Override
    public CompletableFuture<CommandResult> selftest() {
        actions.add("selftest");
        return CompletableFuture.completedFuture(CommandResult.done(Map.of("sip", "PASS", "audio", "PASS")));
    }

    @Override
    public CompletableFuture<CommandResult> reload() {
        actions.add("reload");
        return CompletableFuture.failedFuture(new IllegalStateException("reload: intercom.yaml line 3 unreadable"));
    }

    @Override
    public CompletableFuture<CommandResult> pressButton(String gesture) {
        actions.add("press " + gesture);
        return CompletableFuture.completedFuture(CommandResult.done());
    }

    @Override
    public boolean onWakeup(String json) {
        Wakeup wakeup;
        try {
            wakeup = WakeupParser.parse(json, userId);
        } catch (WireFormatException e) {
            actions.add("wakeup rejected: " + e.getMessage());
            return false;
        }
        String dropped = gate.admit(wakeup.transID(), wakeup.expiresAt());
        actions.add(dropped == null ? "rang " + wakeup.transID() : "dropped " + wakeup.transID() + ": " + dropped);
        return dropped == null;
    }

    @Override
    public CompletableFuture<ConfigResult> onConfigMessage(String payload) {
        synchronized (provisioner) { // the Provisioner is single-threaded, like the app's event loop
            return CompletableFuture.completedFuture(provisioner.onConfigMessage(payload));
        }
    }

    @Override
    public synchronized void setMqttConnected(boolean connected, Predicate<String> publishEvent) {
        connectivity.add(connected);
        if (connected) {
            while (!offlineEvents.isEmpty() && publishEvent.test(offlineEvents.peek())) {
                offlineEvents.poll();
            }
        }
    }

    @Override
    public void setReporter(DeviceReporter reporter) {
        this.reporter = reporter;
    }
}
