package org.ltintercom.hil.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** The intercom configurations the scenarios start the device with (the rig adds the {@code hal} section). */
public final class DeviceConfigs {

    public static final String DEVICE_ID = "door-1";

    private DeviceConfigs() {
    }

    /**
     * A door station whose service and broker are at {@code serviceUrl} and {@code brokerUri}, whose
     * button rings {@code ringTarget}, and whose door code is {@code doorCode} (or none).
     */
    public static String doorStation(String userId, String uuid, String serviceUrl, String brokerUri,
                                     String ringTarget) {
        return """
                deviceId: %s
                sdk:
                  serviceUrl: %s
                  userId: %s
                  uuid: %s
                sip:
                  transport: udp
                  registrationTimeout: 10s
                mqtt:
                  brokerUri: %s
                  keepAlive: 5s
                ringPlan:
                  groups:
                    - targets: [%s]
                      timeout: 30s
                  ringTimeout: 60s
                doorCode:
                  maxAttempts: 3
                  lockout: 30s
                  digitTimeout: 5s
                """.formatted(DEVICE_ID, serviceUrl, userId, uuid, brokerUri, ringTarget);
    }

    /** The secrets file: the service's license key and the door code. */
    public static String secrets(String licenseKey, String doorCode) {
        return """
                sdk: {licenseKey: %s}
                doorCode: {code: "%s"}
                """.formatted(licenseKey, doorCode);
    }

    /** A loopback port that nothing listens on right now (a service that is down). */
    public static int deadPort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
