package org.ltintercom.sdk.internal.service;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory, but only up to a limit: a broken or hostile service must not
 * be able to fill the memory of a door station that runs for years. Past the limit the download is
 * cancelled and the request fails (returnCode -1).
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();
    private final long limit;
    private Flow.Subscription subscription;
    private long received;
    private boolean failed;

    private BoundedBody(long limit) {
        this.limit = limit;
    }

    static HttpResponse.BodyHandler<byte[]> handler(long limit) {
        return info -> new BoundedBody(limit);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return bytes.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        bytes.onSubscribe(s);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        if (failed) {
            return;
        }
        for (ByteBuffer buffer : item) {
            received += buffer.remaining();
        }
        if (received > limit) {
            failed = true;
            subscription.cancel();
            bytes.onError(new IOException("response: body larger than " + limit + " bytes"));
            return;
        }
        bytes.onNext(item);
    }

    @Override
    public void onError(Throwable throwable) {
        if (!failed) {
            bytes.onError(throwable);
        }
    }

    @Override
    public void onComplete() {
        if (!failed) {
            bytes.onComplete();
        }
    }
}
