package org.ltintercom.sdk.internal.mqtt;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives incoming-call wakeups (the headless counterpart of a VoIP push) on
 * {@code lt/v1/<userID>/wakeup} and hands each one, as a UTF-8 string, to the SDK's push parser.
 *
 * <pre>
 *  call-server -> broker -> MqttSession (delivery executor) -> WakeupReceiver -> consumer (LTSDK.parseIncomingPush)
 * </pre>
 *
 * This stage checks only the envelope: a retained message (a wakeup must never be retained, so
 * it would ring a door again on every reconnect), a payload over 16 KiB, or bytes that are not
 * UTF-8 are dropped with a logged reason. Staleness and duplicates are the consumer's business.
 */
public final class WakeupReceiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WakeupReceiver.class);
    /** Largest wakeup payload accepted, in bytes. */
    public static final int MAX_PAYLOAD_BYTES = 16 * 1024;

    /** Counters of this stage. */
    public record Stats(long delivered, long droppedRetained, long droppedTooLarge, long droppedNotUtf8) {
    }

    private final MqttSession session;
    private final String topic;
    private final Consumer<String> consumer;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong droppedRetained = new AtomicLong();
    private final AtomicLong droppedTooLarge = new AtomicLong();
    private final AtomicLong droppedNotUtf8 = new AtomicLong();

    public WakeupReceiver(MqttSession session, String userId, Consumer<String> consumer) {
        this.session = Objects.requireNonNull(session, "session");
        this.topic = wakeupTopicOf(userId);
        this.consumer = Objects.requireNonNull(consumer, "consumer");
    }

    /** The wakeup topic of a user: {@code lt/v1/<userID>/wakeup}. */
    public static String wakeupTopicOf(String userId) {
        return MqttConfig.TOPIC_ROOT + MqttTopics.requireSegment("userID", userId) + "/wakeup";
    }

    public String topic() {
        return topic;
    }

    /** Subscribes the wakeup topic; the future completes when the broker granted it. */
    public CompletableFuture<Void> start() {
        return session.subscribe(topic, this::onMessage);
    }

    public Stats stats() {
        return new Stats(delivered.get(), droppedRetained.get(), droppedTooLarge.get(), droppedNotUtf8.get());
    }

    /** Stops receiving wakeups; the session stays open. */
    @Override
    public void close() {
        session.unsubscribe(topic);
    }

    private void onMessage(MqttInbound message) {
        if (message.retained()) {
            droppedRetained.incrementAndGet();
            LOG.warn("wakeup on {} dropped: retained (a wakeup must never be retained; the publisher is wrong)",
                    message.topic());
            return;
        }
        if (message.payload().length > MAX_PAYLOAD_BYTES) {
            droppedTooLarge.incrementAndGet();
            LOG.warn("wakeup on {} dropped: {} bytes, more than {}", message.topic(), message.payload().length,
                    MAX_PAYLOAD_BYTES);
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(message.payload()))
                    .toString();
        } catch (CharacterCodingException e) {
            droppedNotUtf8.incrementAndGet();
            LOG.warn("wakeup on {} dropped: payload is not valid UTF-8", message.topic());
            return;
        }
        delivered.incrementAndGet();
        consumer.accept(text);
    }
}
