package org.ltintercom.callserver.mqtt;

import io.moquette.broker.Server;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptPublishMessage;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears any retained message on a wakeup topic ({@code lt/v1/<userID>/wakeup}) of the embedded
 * broker. A retained wakeup would ring the door again on every reconnect; devices drop retained
 * wakeups, but Moquette 0.17 replays retained messages at QoS 1 with the RETAIN flag cleared, so a
 * device cannot tell them apart. The live delivery of such a publish is unaffected.
 */
final class RetainedWakeupPurge extends AbstractInterceptHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RetainedWakeupPurge.class);

    private final Server server;

    RetainedWakeupPurge(Server server) {
        this.server = server;
    }

    @Override
    public String getID() {
        return "lt-retained-wakeup-purge";
    }

    @Override
    public Class<?>[] getInterceptedMessageTypes() {
        return new Class<?>[] {InterceptPublishMessage.class};
    }

    @Override
    public void onPublish(InterceptPublishMessage message) {
        try {
            String topic = message.getTopicName();
            if (message.isRetainFlag() && topic.startsWith("lt/v1/") && topic.endsWith("/wakeup")
                    && message.getPayload().isReadable()) {
                LOG.warn("client {} published a retained wakeup on {}; clearing it (wakeups are never retained)",
                        message.getClientID(), topic);
                server.internalPublish(MqttMessageBuilders.publish()
                        .topicName(topic).retained(true).qos(MqttQoS.AT_MOST_ONCE)
                        .payload(Unpooled.EMPTY_BUFFER).build(), getID());
            }
        } finally {
            super.onPublish(message); // releases the payload
        }
    }

    @Override
    public void onSessionLoopError(Throwable error) {
        LOG.warn("embedded MQTT broker session loop failed", error);
    }
}
