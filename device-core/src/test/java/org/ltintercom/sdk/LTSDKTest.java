package org.ltintercom.sdk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.sdk.call.LTCallOptions;
import org.ltintercom.sdk.internal.store.UserData;
import org.ltintercom.sdk.internal.store.UserDataStore;
import org.ltintercom.sdk.internal.service.SipAccount;
import org.ltintercom.sdk.test.Await;
import org.ltintercom.sdk.test.LogCapture;
import org.ltintercom.sdk.test.SdkThreads;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LTSDK on its own: no call service runs here (the *IT tests use the real one). */
class LTSDKTest {
    @TempDir
    Path dataDir;

    @AfterEach
    void shutDown() {
        LTSDK.shutdown();
    }

    /** A loopback port on which nothing listens: connecting is refused at once. */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private LTSDKOptions options(String userID, int port) {
        return LTSDKOptions.builder().licenseKey("demo-license").url("http://127.0.0.1:" + port).userID(userID)
                .uuid("uuid-of-" + userID).dataDir(dataDir).connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(2)).build();
    }

    private void storeDataOf(String userID) throws Exception {
        new UserDataStore(dataDir).save(new UserData(userID, "tok", new LTUser(userID, "u", null, null, "dev", "lt-intercom", true),
                new SipAccount(userID, "pw", "127.0.0.1", "sip:127.0.0.1:5070", List.of("udp")), null));
    }

    private static void assertNotInitialised(Supplier<CompletableFuture<?>> call) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get().get());
        assertInstanceOf(LTSDKNoInitializationException.class, e.getCause());
    }

    @Test
    void beforeInitEveryRequestFailsAsNotInitialisedAndWakeupsAreDropped() {
        assertNotInitialised(LTSDK::getUsers);
        assertNotInitialised(() -> LTSDK.getUserStatusWithPhoneNumbers(List.of("+886900000002")));
        assertNotInitialised(() -> LTSDK.getUserStatusWithSemiUIDs(List.of("indoor-1")));
        assertNotInitialised(() -> LTSDK.updateNotificationKey("lt/v1/door-1/wakeup", false));
        assertNotInitialised(() -> LTSDK.getCallCenterManager().queryCDR("door-1", 0, -20));
        assertNull(LTSDK.getCallCenterManager().startCall("door-1", LTCallOptions.userIDBuilder().userID("indoor-1").build(), null));
        assertFalse(LTSDK.parseIncomingPush("{\"type\": \"incoming_call\"}"));
        assertFalse(LTSDK.parseIncomingPush("garbage"));
        assertFalse(LTSDK.parseIncomingPush(null));
        ExecutionException e = assertThrows(ExecutionException.class, () -> LTSDK.init(null).get());
        assertEquals("options: required", assertInstanceOf(IllegalArgumentException.class, e.getCause()).getMessage());
    }

    @Test
    void aServiceThatRefusesTheConnectionGivesFailedAtOnce() throws Exception {
        LTResponse response = Await.result(LTSDK.init(options("door-1", closedPort())));
        assertEquals(LTReturnCode.FAILED.code(), response.returnCode());
        assertTrue(response.returnMessage().startsWith("connect:"), response.returnMessage());
        assertNotInitialised(LTSDK::getUsers);
        assertFalse(Files.exists(dataDir.resolve("user.json")), "a failed init stores nothing");
    }

    @Test
    void aServiceThatNeverAnswersGivesTimeoutAfterTheRequestTimeout() throws Exception {
        // a real TCP listener that never reads nor answers: the kernel completes the connection, HTTP waits
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            LTResponse response = Await.result(LTSDK.init(options("door-1", blackHole.getLocalPort())));
            assertEquals(LTReturnCode.TIMEOUT.code(), response.returnCode());
            assertTrue(response.returnMessage().contains("no answer"), response.returnMessage());
        }
    }

    @Test
    void anotherUsersDataGivesNotCurrentUserWithoutAskingTheServiceAndCleanClearsIt() throws Exception {
        storeDataOf("indoor-1");
        int port = closedPort();
        // the service is unreachable: 6000 proves it was never asked
        LTResponse response = Await.result(LTSDK.init(options("door-1", port)));
        assertEquals(LTReturnCode.NOT_CURRENT_USER.code(), response.returnCode());
        assertTrue(response.returnMessage().startsWith("userID:"), response.returnMessage());
        assertTrue(Files.exists(dataDir.resolve("user.json")), "6000 deletes nothing by itself");
        LTSDK.clean();
        assertFalse(Files.exists(dataDir.resolve("user.json")));
        assertEquals(LTReturnCode.FAILED.code(), Await.result(LTSDK.init(options("door-1", port))).returnCode(),
                "now init goes to the service");
    }

    @Test
    void theSameUsersDataIsNoObstacle() throws Exception {
        storeDataOf("door-1");
        assertEquals(LTReturnCode.FAILED.code(), Await.result(LTSDK.init(options("door-1", closedPort()))).returnCode());
        assertTrue(Files.exists(dataDir.resolve("user.json")), "a failed sign-in keeps the user's data");
    }

    @Test
    void aCorruptDataFileIsReportedAndTreatedAsNoData() throws Exception {
        Files.writeString(dataDir.resolve("user.json"), "{\"version\": 1, \"userID\": ");
        try (LogCapture log = new LogCapture(UserDataStore.class)) {
            assertEquals(LTReturnCode.FAILED.code(), Await.result(LTSDK.init(options("door-1", closedPort()))).returnCode());
            assertTrue(log.contains("is corrupt"), log.messages().toString());
        }
    }

    @Test
    void cleanDuringASignInEndsItWithoutStoringAnythingOrHanging() throws Exception {
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture<LTResponse> signingIn = LTSDK.init(options("door-1", blackHole.getLocalPort()));
            LTSDK.clean();
            LTResponse response = Await.result(signingIn);
            assertTrue(response.returnCode() == LTReturnCode.INIT_FAILED.code() || response.returnCode() == LTReturnCode.FAILED.code(),
                    response.returnCode() + " " + response.returnMessage());
            assertFalse(Files.exists(dataDir.resolve("user.json")));
            assertNotInitialised(LTSDK::getUsers);
        }
    }

    @Test
    void initCleanCyclesLeaveNoThreadBehind() throws Exception {
        int port = closedPort();
        for (int cycle = 0; cycle < 2; cycle++) {
            Await.result(LTSDK.init(options("door-1", port)));
            LTSDK.clean();
            Await.result(LTSDK.init(options("door-1", port)));
            LTSDK.shutdown();
        }
        SdkThreads.awaitNoneLeft();
    }
}
