package org.ltintercom.sdk.internal.mqtt;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ltintercom.callserver.mqtt.EmbeddedBroker;
import org.ltintercom.sdk.internal.mqtt.peers.Mosquitto;

/** The two brokers the MQTT layer must work with, behind one face so each test runs against both. */
abstract class TestBroker implements AutoCloseable {

    enum Kind { MOSQUITTO, MOQUETTE }

    abstract String uri();

    /**
     * Whether a retained message replayed on subscribe carries the RETAIN flag. Mosquitto does, as
     * MQTT 3.1.1 requires; Moquette 0.17 clears the flag on QoS 1 replays.
     */
    abstract boolean flagsRetainedReplays();

    /** Whether a retained last will replaces the retained message (mosquitto); Moquette 0.17 only sends it live. */
    abstract boolean retainsWill();

    /** Stops the broker and starts it again on the same port, with no sessions or retained messages. */
    abstract void restart();

    @Override
    public abstract void close();

    static TestBroker anonymous(Kind kind) {
        return kind == Kind.MOSQUITTO ? new OfMosquitto(Mosquitto.anonymous())
                : new OfMoquette(EmbeddedBroker.Config.loopback());
    }

    /** A broker requiring {@code users}; each user may read and write only the topic filters in {@code acl}. */
    static TestBroker secured(Kind kind, Map<String, String> users, Map<String, List<String>> acl) {
        if (kind == Kind.MOQUETTE) {
            return new OfMoquette(EmbeddedBroker.Config.loopback().withUsers(users).withAcl(acl));
        }
        String aclText = acl.entrySet().stream()
                .map(user -> "user " + user.getKey() + "\n" + user.getValue().stream()
                        .map(filter -> "topic readwrite " + filter + "\n").collect(Collectors.joining()))
                .collect(Collectors.joining("\n"));
        return new OfMosquitto(Mosquitto.withPasswords(users, aclText));
    }

    private static final class OfMosquitto extends TestBroker {
        private final Mosquitto mosquitto;

        OfMosquitto(Mosquitto mosquitto) {
            this.mosquitto = mosquitto;
        }

        @Override
        String uri() {
            return mosquitto.uri();
        }

        @Override
        void restart() {
            mosquitto.restart();
        }

        @Override
        boolean flagsRetainedReplays() {
            return true;
        }

        @Override
        boolean retainsWill() {
            return true;
        }

        @Override
        public void close() {
            mosquitto.close();
        }
    }

    private static final class OfMoquette extends TestBroker {
        private EmbeddedBroker broker;

        OfMoquette(EmbeddedBroker.Config config) {
            broker = EmbeddedBroker.start(config);
        }

        @Override
        String uri() {
            return broker.uri();
        }

        @Override
        boolean flagsRetainedReplays() {
            return false;
        }

        @Override
        boolean retainsWill() {
            return false;
        }

        @Override
        void restart() {
            EmbeddedBroker.Config same = broker.config().withPort(broker.port());
            broker.close();
            broker = EmbeddedBroker.start(same);
        }

        @Override
        public void close() {
            broker.close();
        }
    }
}
