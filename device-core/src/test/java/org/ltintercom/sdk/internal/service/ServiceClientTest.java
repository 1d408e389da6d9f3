package org.ltintercom.sdk.internal.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ltintercom.sdk.LTResponse;
import org.ltintercom.sdk.LTReturnCode;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST client against a real HTTP server (the JDK's) on a loopback port. */
class ServiceClientTest {

    private HttpServer server;
    private ExecutorService serverThreads;
    private ServiceClient client;
    private final Map<String, Map<String, List<String>>> headersByPath = new ConcurrentHashMap<>();
    private final Map<String, String> bodiesByPath = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        serverThreads = Executors.newFixedThreadPool(2);
        server.setExecutor(serverThreads);
        server.start();
        client = new ServiceClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() throws InterruptedException {
        client.close();
        server.stop(0);
        serverThreads.shutdownNow();
        assertTrue(serverThreads.awaitTermination(5, TimeUnit.SECONDS));
    }

    private void answer(String path, int status, byte[] body) {
        server.createContext(path, exchange -> {
            headersByPath.put(path, Map.copyOf(exchange.getRequestHeaders()));
            bodiesByPath.put(path, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            send(exchange, status, body);
        });
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void aRequestCarriesItsJsonBodyAndTheTokenAndAsksForTheConnectionToBeClosed() throws Exception {
        answer("/v1/notification-key", 200, "{\"returnCode\":0,\"returnMessage\":\"ok\"}".getBytes(StandardCharsets.UTF_8));
        client.useToken("t-secret");
        LTResponse response = client.notificationKey("lt/v1/door-1/wakeup", true).get(10, TimeUnit.SECONDS);
        assertEquals(0, response.returnCode(), response.returnMessage());
        Map<String, List<String>> headers = headersByPath.get("/v1/notification-key");
        assertEquals(List.of("Bearer t-secret"), headers.get("Authorization"));
        assertEquals(List.of("application/json"), headers.get("Content-type"));
        // no kept-alive connection: it would leave the JDK's keep-alive timer thread and an idle socket behind
        assertEquals(List.of("close"), headers.get("Connection"));
        assertEquals("{\"wakeupTopic\":\"lt/v1/door-1/wakeup\",\"cleanOld\":true}", bodiesByPath.get("/v1/notification-key"));
    }

    @Test
    void theServicesRefusalIsPassedOnWhateverTheHttpStatus() throws Exception {
        answer("/v1/notification-key", 401, "{\"returnCode\":1,\"returnMessage\":\"token: expired\"}".getBytes(StandardCharsets.UTF_8));
        LTResponse response = client.notificationKey("lt/v1/door-1/wakeup", false).get(10, TimeUnit.SECONDS);
        assertEquals(1, response.returnCode());
        assertEquals("token: expired", response.returnMessage());
    }

    @Test
    void anAnswerThatIsNotTheProtocolsIsFailedNamingWhy() throws Exception {
        answer("/v1/notification-key", 502, "<html>Bad gateway</html>".getBytes(StandardCharsets.UTF_8));
        LTResponse response = client.notificationKey("lt/v1/door-1/wakeup", false).get(10, TimeUnit.SECONDS);
        assertEquals(LTReturnCode.FAILED.code(), response.returnCode());
        assertTrue(response.returnMessage().startsWith("response: unreadable (HTTP 502)"), response.returnMessage());
    }

    @Test
    void aBodyOverTheLimitIsRefusedInsteadOfFillingTheMemory() throws Exception {
        byte[] huge = new byte[(int) ServiceClient.MAX_RESPONSE_BYTES + 100_000];
        java.util.Arrays.fill(huge, (byte) ' ');
        answer("/v1/notification-key", 200, huge);
        LTResponse response = client.notificationKey("lt/v1/door-1/wakeup", false).get(10, TimeUnit.SECONDS);
        assertEquals(LTReturnCode.FAILED.code(), response.returnCode());
        assertTrue(response.returnMessage().contains("body larger than " + ServiceClient.MAX_RESPONSE_BYTES + " bytes"),
                response.returnMessage());
        // the client is still good for the next request
        server.removeContext("/v1/notification-key");
        answer("/v1/notification-key", 200, "{\"returnCode\":0}".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, client.notificationKey("lt/v1/door-1/wakeup", false).get(10, TimeUnit.SECONDS).returnCode());
    }

    @Test
    void afterCloseARequestFailsAtOnceWithoutTouchingTheNetwork() throws Exception {
        answer("/v1/notification-key", 200, "{\"returnCode\":0}".getBytes(StandardCharsets.UTF_8));
        client.close();
        LTResponse response = client.notificationKey("lt/v1/door-1/wakeup", false).get(10, TimeUnit.SECONDS);
        assertEquals(LTReturnCode.FAILED.code(), response.returnCode());
        assertEquals("request: the SDK was cleaned up", response.returnMessage());
        assertTrue(headersByPath.isEmpty());
    }
}
