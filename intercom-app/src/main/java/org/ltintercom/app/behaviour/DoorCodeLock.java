package org.ltintercom.app.behaviour;

import org.ltintercom.app.config.Settings;
import org.ltintercom.hal.gpio.DoorRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;

/**
 * The door code: DTMF keys received in a call are collected; when as many keys as the code has
 * were typed, they either match (the relay is pulsed) or count as one wrong attempt. After
 * {@code maxAttempts} wrong attempts the lock refuses every key for {@code lockout}, doubling with
 * each further lockout up to {@code maxLockout} (brute force of a 4-digit code then takes years);
 * a correct code resets that. A pause longer than {@code digitTimeout} between keys discards the
 * keys typed so far (not counted as an attempt). State survives calls: hanging up and calling
 * again does not reset the lockout.
 */
public final class DoorCodeLock {

    private static final Logger log = LoggerFactory.getLogger(DoorCodeLock.class);

    /** What one key did. */
    public enum Result { COLLECTING, OPENED, WRONG, LOCKED_OUT, LOCKED }

    private final Settings.DoorCode settings;
    private final Timers timers;
    private final DoorRelay relay;
    private final StringBuilder typed = new StringBuilder();
    private Timers.Cancellable digitTimeout;
    private int wrongAttempts;
    private int lockouts;
    private long lockedUntil = Long.MIN_VALUE;
    private boolean locked;

    public DoorCodeLock(Settings.DoorCode settings, Timers timers, DoorRelay relay) {
        this.settings = settings;
        this.timers = timers;
        this.relay = relay;
    }

    /** One DTMF key from the call. */
    public Result onDigit(char key) {
        if (locked && timers.nanoTime() - lockedUntil < 0) {
            return Result.LOCKED;
        }
        locked = false;
        if (digitTimeout != null) {
            digitTimeout.cancel();
        }
        typed.append(Character.toUpperCase(key));
        String code = settings.code().reveal();
        if (typed.length() < code.length()) {
            digitTimeout = timers.schedule(settings.digitTimeout(), this::clear);
            return Result.COLLECTING;
        }
        boolean match = MessageDigest.isEqual(typed.toString().getBytes(StandardCharsets.US_ASCII),
                code.getBytes(StandardCharsets.US_ASCII));
        clear();
        if (match) {
            wrongAttempts = 0;
            lockouts = 0;
            relay.pulse();
            log.info("door code accepted; door opened");
            return Result.OPENED;
        }
        wrongAttempts++;
        if (wrongAttempts < settings.maxAttempts()) {
            log.info("wrong door code ({} of {})", wrongAttempts, settings.maxAttempts());
            return Result.WRONG;
        }
        Duration lock = lockoutAfter(lockouts);
        lockouts++;
        wrongAttempts = 0;
        locked = true;
        lockedUntil = timers.nanoTime() + lock.toNanos();
        log.warn("door code locked for {} s after {} wrong attempts (lockout #{})", lock.toSeconds(),
                settings.maxAttempts(), lockouts);
        return Result.LOCKED_OUT;
    }

    /** The call ended: keys typed so far are dropped; counters and lockout stay. */
    public void onCallEnded() {
        clear();
    }

    /** Wrong attempts since the last success or lockout. */
    public int wrongAttempts() {
        return wrongAttempts;
    }

    public boolean isLocked() {
        return locked && timers.nanoTime() - lockedUntil < 0;
    }

    /** The lockout after {@code previous} earlier lockouts: lockout * 2^previous, capped. */
    Duration lockoutAfter(int previous) {
        Duration d = settings.lockout();
        for (int i = 0; i < previous && d.compareTo(settings.maxLockout()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(settings.maxLockout()) > 0 ? settings.maxLockout() : d;
    }

    private void clear() {
        typed.setLength(0);
        if (digitTimeout != null) {
            digitTimeout.cancel();
            digitTimeout = null;
        }
    }
}
