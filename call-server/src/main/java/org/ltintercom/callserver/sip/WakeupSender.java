package org.ltintercom.callserver.sip;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ltintercom.callserver.mqtt.WakeupPublisher;
import org.ltintercom.callserver.store.Database;
import org.ltintercom.callserver.users.NotificationKeyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Wakes a callee that has no registered device: an {@code incoming_call} payload (docs/protocol.md,
 * "Wakeup payload") on every wakeup topic its devices gave with {@code POST /v1/notification-key},
 * or on {@code lt/v1/<userID>/wakeup} when none did. It expires when the call stops ringing.
 */
final class WakeupSender {
    private static final Logger LOG = LoggerFactory.getLogger(WakeupSender.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WakeupPublisher publisher;
    private final Database db;
    private final SipSettings settings;

    WakeupSender(WakeupPublisher publisher, Database db, SipSettings settings) {
        this.publisher = publisher;
        this.db = db;
        this.settings = settings;
    }

    /** Publishes the wakeup; a failure is logged, never thrown (the call still waits for a device). */
    void wake(CallParties call, long nowMillis, int registeredDevices) {
        try {
            publish(call, nowMillis, registeredDevices);
        } catch (RuntimeException e) {
            LOG.warn("call {}: wakeup for {} not published: {}", call.lt().callID(), call.callee().userID(),
                    e.getMessage());
        }
    }

    private void publish(CallParties call, long nowMillis, int registeredDevices) {
        String payload = payload(call, nowMillis);
        String userID = call.callee().userID();
        List<String> topics;
        try {
            topics = db.inReadTransaction(c -> NotificationKeyStore.topics(c, userID));
        } catch (SQLException e) {
            LOG.warn("wakeup topics of {} unreadable ({}), using the default topic", userID, e.getMessage());
            topics = List.of();
        }
        if (topics.isEmpty()) {
            report(userID, publisher.publishIncomingCall(userID, payload));
        } else {
            topics.forEach(t -> report(userID, publisher.publishWakeup(t, payload)));
        }
        if (registeredDevices == 0) {
            LOG.info("call {}: {} has no registered device, wakeup published", call.lt().callID(), userID);
        } else {
            LOG.info("call {}: wakeup published to {} (and forked to {} registered device(s))", call.lt().callID(),
                    userID, registeredDevices);
        }
    }

    private static void report(String userID, java.util.concurrent.CompletableFuture<Void> sent) {
        sent.whenComplete((ok, e) -> {
            if (e != null) {
                LOG.warn("wakeup for {} not delivered: {}", userID, e.getMessage());
            }
        });
    }

    String payload(CallParties call, long now) {
        ObjectNode p = JSON.createObjectNode();
        p.put("type", "incoming_call");
        p.put("transID", "w-" + UUID.randomUUID());
        p.put("receiver", call.callee().userID());
        p.put("sendTime", now);
        p.put("expiresAt", now + settings.ringTimeout().toMillis());
        ObjectNode options = p.putObject("callOptions");
        options.put("callID", call.lt().callID());
        options.put("callType", 1);
        options.put("accountType", call.accountType());
        options.put("userID", call.callee().userID());
        switch (call.accountType()) {
            case 1 -> options.put("deviceID", call.calleeKey());
            case 3 -> options.put("semiUID", call.calleeKey());
            case 4 -> options.put("phoneNumber", call.calleeKey());
            default -> { }
        }
        options.put("isrCode", call.lt().isrCode());
        options.put("domain", settings.domain());
        options.set("extInfo", call.lt().extInfo());
        var caller = call.callerInfo();
        ObjectNode ci = p.putObject("callerInfo");
        ci.put("userID", caller.userID()).put("phoneNumber", caller.phoneNumber()).put("semiUID", caller.semiUID())
                .put("deviceID", caller.deviceID()).put("nickName", caller.nickName());
        ci.putObject("extInfo");
        ObjectNode callee = p.putObject("calleeInfo");
        callee.put("userID", call.callee().userID()).put("nickName", CallParties.orEmpty(call.callee().nickName()));
        return p.toString();
    }
}
