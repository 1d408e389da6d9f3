package org.ltintercom.sdk.internal.mqtt;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLException;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.ltintercom.sdk.internal.mqtt.MqttSessionEvent.Cause;

/** Turns a Paho failure into a {@link Cause} and a reason an installer can act on. */
record ConnectFailure(Cause cause, String reason) {

    static ConnectFailure of(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof SSLException || root instanceof GeneralSecurityException) {
                break;
            }
            root = root.getCause();
        }
        if (root instanceof SSLException || root instanceof GeneralSecurityException) {
            return new ConnectFailure(Cause.TLS_FAILED, "TLS handshake failed: " + root.getMessage());
        }
        if (root instanceof ConnectException || root instanceof NoRouteToHostException
                || root instanceof UnknownHostException) {
            return new ConnectFailure(Cause.UNREACHABLE, "broker unreachable: " + root);
        }
        if (failure instanceof MqttException mqtt) {
            return ofReasonCode(mqtt);
        }
        return new ConnectFailure(Cause.CONNECTION_LOST, String.valueOf(failure));
    }

    private static ConnectFailure ofReasonCode(MqttException mqtt) {
        int code = mqtt.getReasonCode();
        return switch (code) {
            case MqttException.REASON_CODE_FAILED_AUTHENTICATION ->
                    new ConnectFailure(Cause.REFUSED_CREDENTIALS,
                            "broker refused the credentials (CONNACK 4 bad user name or password)");
            case MqttException.REASON_CODE_NOT_AUTHORIZED ->
                    new ConnectFailure(Cause.REFUSED_CREDENTIALS,
                            "broker refused the credentials (CONNACK 5 not authorized)");
            case MqttException.REASON_CODE_INVALID_PROTOCOL_VERSION,
                 MqttException.REASON_CODE_INVALID_CLIENT_ID,
                 MqttException.REASON_CODE_BROKER_UNAVAILABLE ->
                    new ConnectFailure(Cause.REFUSED_BY_BROKER,
                            "broker refused the connection (CONNACK " + code + "): " + mqtt.getMessage());
            case MqttException.REASON_CODE_CLIENT_TIMEOUT ->
                    new ConnectFailure(Cause.TIMEOUT, "broker did not answer in time");
            case MqttException.REASON_CODE_SERVER_CONNECT_ERROR ->
                    new ConnectFailure(Cause.UNREACHABLE, "broker unreachable: " + mqtt.getMessage());
            default -> new ConnectFailure(Cause.CONNECTION_LOST,
                    "connection lost (" + code + "): " + (mqtt.getCause() != null ? mqtt.getCause() : mqtt.getMessage()));
        };
    }
}
