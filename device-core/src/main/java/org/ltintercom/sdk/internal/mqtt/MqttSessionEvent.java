package org.ltintercom.sdk.internal.mqtt;

import java.time.Duration;

/**
 * One change of an {@link MqttSession}'s connection, as its listeners see it.
 *
 * @param state     the new state
 * @param cause     why the session is not connected ({@link Cause#NONE} while connecting or connected)
 * @param reason    a readable reason, e.g. {@code "broker refused the credentials (CONNACK 5)"}; never a secret
 * @param attempt   how many connect attempts failed in a row before this event
 * @param nextRetry when disconnected: the delay before the next attempt; otherwise {@link Duration#ZERO}
 */
public record MqttSessionEvent(State state, Cause cause, String reason, int attempt, Duration nextRetry) {

    /** Connection state of the session. */
    public enum State { CONNECTING, CONNECTED, DISCONNECTED, CLOSED }

    /** Why the session is not connected; lets the app show "wrong credentials" apart from "no network". */
    public enum Cause {
        NONE,
        /** No TCP connection to the broker (refused, no route, DNS). */
        UNREACHABLE,
        /** The broker refused the user name or password (CONNACK 4 or 5). */
        REFUSED_CREDENTIALS,
        /** The broker refused the connection for another reason (CONNACK 1-3). */
        REFUSED_BY_BROKER,
        /** The TLS handshake failed (certificate, CA, protocol). */
        TLS_FAILED,
        /** The broker did not answer within the operation timeout. */
        TIMEOUT,
        /** An established connection broke (broker stopped, network lost, keep-alive missed). */
        CONNECTION_LOST,
        /** {@link MqttSession#close()} was called. */
        CLOSED
    }

    static MqttSessionEvent initial() {
        return new MqttSessionEvent(State.DISCONNECTED, Cause.NONE, "not started", 0, Duration.ZERO);
    }
}
