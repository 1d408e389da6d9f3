package org.ltintercom.app.control;

import org.ltintercom.app.provisioning.ConfigResult;

import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * What the outside world (the MQTT session: {@code cmd}, {@code wakeup}, {@code config} topics) may
 * ask of the running intercom. Implemented by the app core ({@code IntercomApp}); every method
 * returns at once and does its work on the app's event loop.
 */
public interface DeviceControl {

    /** {@code call}: rings {@code target} (a userID), or runs the configured ring plan when it is null. */
    CompletableFuture<CommandResult> call(String target);

    /** {@code hangup}: ends the current call (or the ring-plan attempt); fails when there is none. */
    CompletableFuture<CommandResult> hangup();

    /** {@code answer}: answers the ringing incoming call; fails when none rings. */
    CompletableFuture<CommandResult> answer();

    /** {@code open-door}: pulses the door relay. */
    CompletableFuture<CommandResult> openDoor();

    /** {@code dtmf}: sends DTMF keys ({@code 0-9 * # A-D}) into the current call. */
    CompletableFuture<CommandResult> sendDtmf(String keys);

    /** {@code selftest}: the self-test; {@link CommandResult#details()} holds one entry per check. */
    CompletableFuture<CommandResult> selftest();

    /** {@code reload}: re-reads the local configuration file and applies it like a provisioned one. */
    CompletableFuture<CommandResult> reload();

    /**
     * {@code press}: simulates a call-button gesture ({@code short} or {@code long}); only on the
     * simulated or mock HAL platforms (the demo and the hardware-in-loop rig drive devices with it).
     */
    CompletableFuture<CommandResult> pressButton(String gesture);

    /** A message on {@code lt/v1/<userID>/wakeup}: true when it rang (fed to {@code LTSDK.parseIncomingPush}). */
    boolean onWakeup(String json);

    /** A retained {@code config} message; the result goes to {@code config/result}. */
    CompletableFuture<ConfigResult> onConfigMessage(String payload);

    /**
     * The MQTT session connected or lost its connection. On connect, events queued while offline
     * are published through {@code publishEvent} (false when that publish failed).
     */
    void setMqttConnected(boolean connected, Predicate<String> publishEvent);

    /** Where the app reports status changes and events (the MQTT session, once connected). */
    void setReporter(DeviceReporter reporter);
}
