package org.ltintercom.sdk.internal.service;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedBodyTest {

    /** The subscription side of the JDK's HTTP client, as far as the body reader sees it. */
    static final class Subscription implements Flow.Subscription {
        boolean cancelled;

        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private static HttpResponse.BodySubscriber<byte[]> reader(long limit, Subscription subscription) {
        HttpResponse.BodySubscriber<byte[]> body = BoundedBody.handler(limit).apply(null);
        body.onSubscribe(subscription);
        return body;
    }

    @Test
    void aBodyWithinTheLimitIsReadWhole() throws Exception {
        Subscription subscription = new Subscription();
        HttpResponse.BodySubscriber<byte[]> body = reader(10, subscription);
        body.onNext(List.of(ByteBuffer.wrap(new byte[]{1, 2, 3}), ByteBuffer.wrap(new byte[]{4, 5, 6, 7, 8, 9, 10})));
        body.onComplete();
        assertArrayEquals(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, body.getBody().toCompletableFuture().get());
        assertFalse(subscription.cancelled);
    }

    @Test
    void aBodyOverTheLimitIsCancelledAndFails() {
        Subscription subscription = new Subscription();
        HttpResponse.BodySubscriber<byte[]> body = reader(10, subscription);
        body.onNext(List.of(ByteBuffer.wrap(new byte[6])));
        body.onNext(List.of(ByteBuffer.wrap(new byte[6])));
        body.onNext(List.of(ByteBuffer.wrap(new byte[6])));
        body.onComplete();
        assertTrue(subscription.cancelled);
        CompletableFuture<byte[]> result = body.getBody().toCompletableFuture();
        ExecutionException e = assertThrows(ExecutionException.class, result::get);
        assertEquals("response: body larger than 10 bytes", e.getCause().getMessage());
    }
}
