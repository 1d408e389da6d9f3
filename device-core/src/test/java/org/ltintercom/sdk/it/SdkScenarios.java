package org.ltintercom.sdk.it;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.callserver.CallServer;
import org.ltintercom.callserver.cdr.NewCdr;
import org.ltintercom.callserver.testing.TestUsers;
import org.ltintercom.sdk.LTResponse;
import org.ltintercom.sdk.LTReturnCode;
import org.ltintercom.sdk.LTSDK;
import org.ltintercom.sdk.LTSDKNoInitializationException;
import org.ltintercom.sdk.LTSDKOptions;
import org.ltintercom.sdk.LTUser;
import org.ltintercom.sdk.LTUserStatus;
import org.ltintercom.sdk.LTUserStatusResponse;
import org.ltintercom.sdk.LTUsersResponse;
import org.ltintercom.sdk.call.LTBlockListResponse;
import org.ltintercom.sdk.call.LTCall;
import org.ltintercom.sdk.call.LTCallCDRNotificationMessage;
import org.ltintercom.sdk.call.LTCallCenterManager;
import org.ltintercom.sdk.call.LTCallNotificationListener;
import org.ltintercom.sdk.call.LTCallNotificationMessage;
import org.ltintercom.sdk.call.LTCallOptions;
import org.ltintercom.sdk.call.LTCallState;
import org.ltintercom.sdk.call.LTUserCDRResponse;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.test.Await;
import org.ltintercom.sdk.test.FixedAudioBackend;
import org.ltintercom.sdk.test.LogCapture;
import org.ltintercom.sdk.test.RecordingCallListener;
import org.ltintercom.sdk.test.SdkThreads;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SDK against the real call-server over HTTP on loopback, one scenario per test; run on SQLite
 * ({@link SdkOnSqliteIT}) and on PostgreSQL ({@link SdkOnPostgresIT}).
 */
abstract class SdkScenarios {
    @TempDir
    Path temp;
    TestUsers users;
    CallServer server;
    Path deviceDir;

    abstract CallServerBackend backend();

    @BeforeEach
    void startServer() throws Exception {
        users = TestUsers.write(temp.resolve("users"), 6);
        server = backend().start(temp.resolve("server"), users);
        deviceDir = temp.resolve("device");
    }

    @AfterEach
    void stopAll() {
        LTSDK.shutdown();
        server.close();
    }

    LTSDKOptions.Builder optionsFor(int userIndex) {
        TestUsers.User u = users.get(userIndex);
        return LTSDKOptions.builder().licenseKey("demo-license").url(server.baseUri().toString())
                .userID(u.userID()).uuid(u.uuid()).dataDir(deviceDir)
                .connectTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(5));
    }

    LTResponse init(int userIndex) {
        return Await.result(LTSDK.init(optionsFor(userIndex).build()));
    }

    void signIn(int userIndex) {
        LTResponse response = init(userIndex);
        assertEquals(0, response.returnCode(), response.returnMessage());
    }

    static LTCallCenterManager calls() {
        return LTSDK.getCallCenterManager();
    }

    @Test
    void initSignsInAndKeepsTheUsersDataPrivateAndTheTokenOutOfTheLog() throws Exception {
        try (LogCapture log = new LogCapture("org.ltintercom.sdk", Level.DEBUG)) {
            signIn(0);
            LTUsersResponse me = Await.result(LTSDK.getUsers());
            assertEquals(0, me.returnCode());
            LTUser user = me.users().get(0);
            assertEquals(users.get(0).userID(), user.userID());
            assertEquals(users.get(0).phoneNumber(), user.phoneNumber());
            assertEquals(users.get(0).semiUID(), user.semiUID());
            assertEquals(users.get(0).deviceID(), user.deviceID());
            assertTrue(user.canUseVoice());

            Path file = deviceDir.resolve("user.json");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(deviceDir)));
            String stored = Files.readString(file);
            String token = stored.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
            assertTrue(token.length() > 20, "a token was stored");
            assertTrue(stored.contains(users.get(0).sipPassword()), "the SIP account was stored");
            assertTrue(log.messages().size() > 0);
            for (String line : log.messages()) {
                assertFalse(line.contains(token), "token logged: " + line);
                assertFalse(line.contains(users.get(0).uuid()), "uuid logged: " + line);
                assertFalse(line.contains(users.get(0).sipPassword()), "SIP password logged: " + line);
            }
        }
    }

    @Test
    void aWrongUuidOrLicenseKeyIsRefusedWithReturnCode1() {
        LTResponse wrongUuid = Await.result(LTSDK.init(optionsFor(0).uuid("not-the-uuid").build()));
        assertEquals(LTReturnCode.WRONG_USER_OR_PASSWORD.code(), wrongUuid.returnCode());
        assertEquals("userID: unknown user or wrong uuid", wrongUuid.returnMessage());
        LTResponse wrongLicense = Await.result(LTSDK.init(optionsFor(0).licenseKey("stolen").build()));
        assertEquals(1, wrongLicense.returnCode());
        ExecutionException e = assertThrows(ExecutionException.class, () -> LTSDK.getUsers().get());
        assertInstanceOf(LTSDKNoInitializationException.class, e.getCause());
        assertFalse(Files.exists(deviceDir.resolve("user.json")));
    }

    @Test
    void anotherUsersDataGives6000UntilCleanThenInitSucceeds() {
        signIn(0);
        LTSDK.shutdown();
        assertEquals(LTReturnCode.NOT_CURRENT_USER.code(), init(1).returnCode());
        assertEquals(LTReturnCode.NOT_CURRENT_USER.code(), init(1).returnCode(), "still, until clean()");
        LTSDK.clean();
        signIn(1);
        assertEquals(users.get(1).userID(), Await.result(LTSDK.getUsers()).users().get(0).userID());
        LTSDK.shutdown();
        signIn(1);
    }

    @Test
    void userStatusIsFoundByPhoneNumbersAndBySemiUIDsInTheOrderAsked() {
        signIn(0);
        LTUserStatusResponse byPhone = Await.result(LTSDK.getUserStatusWithPhoneNumbers(
                List.of(users.get(2).phoneNumber(), "+886999999999", users.get(1).phoneNumber())));
        assertEquals(0, byPhone.returnCode());
        assertEquals(List.of(users.get(2).userID(), users.get(1).userID()), byPhone.userStatuses().stream().map(LTUserStatus::userID).toList());
        LTUserStatus second = byPhone.userStatuses().get(1);
        assertEquals("brand-test", second.brandID());
        assertEquals("corp-test", second.corpID());
        assertEquals(users.get(1).userID() + "@example.invalid", second.email());
        assertTrue(second.canVOIP());
        assertTrue(second.canIM(), "user 2 of TestUsers (even) has IM");

        LTUserStatusResponse bySemi = Await.result(LTSDK.getUserStatusWithSemiUIDs(List.of(users.get(3).semiUID(), "nobody")));
        assertEquals(List.of(users.get(3).userID()), bySemi.userStatuses().stream().map(LTUserStatus::userID).toList());

        LTUserStatusResponse badNumber = Await.result(LTSDK.getUserStatusWithPhoneNumbers(List.of(users.get(1).phoneNumber(), "12")));
        assertEquals(LTReturnCode.WRONG_NUMBER_FORMAT.code(), badNumber.returnCode());
        assertTrue(badNumber.returnMessage().startsWith("phoneNumbers[1]:"), badNumber.returnMessage());
        assertEquals(LTReturnCode.DATA_FORMAT_ERROR.code(), Await.result(LTSDK.getUserStatusWithSemiUIDs(List.of())).returnCode());
        ExecutionException nullList = assertThrows(ExecutionException.class, () -> LTSDK.getUserStatusWithSemiUIDs(null).get());
        assertInstanceOf(IllegalArgumentException.class, nullList.getCause());
    }

    @Test
    void theWakeupTopicIsRegisteredAndRemembered() throws Exception {
        signIn(0);
        String topic = "lt/v1/" + users.get(0).userID() + "/wakeup";
        assertEquals(0, Await.result(LTSDK.updateNotificationKey(topic, true)).returnCode());
        assertTrue(Files.readString(deviceDir.resolve("user.json")).contains("\"notificationKey\":\"" + topic + "\""));
        LTResponse bad = Await.result(LTSDK.updateNotificationKey("lt/v1/#", false));
        assertEquals(LTReturnCode.DATA_FORMAT_ERROR.code(), bad.returnCode());
        assertTrue(bad.returnMessage().startsWith("wakeupTopic:"), bad.returnMessage());
        LTSDK.shutdown();
        signIn(0);
        assertTrue(Files.readString(deviceDir.resolve("user.json")).contains(topic), "a new init keeps the registered topic");
    }

    @Test
    void cdrPagingForwardsAndBackwardsLosesAndRepeatsNoRecord() throws Exception {
        String me = users.get(0).userID();
        Set<String> mine = new HashSet<>();
        for (int i = 0; i < 250; i++) {
            // all in a few milliseconds: the server gives each its own sendTime
            String other = users.get(1 + i % 3).userID();
            boolean outgoing = i % 2 == 0;
            mine.add(server.cdrs().insert(NewCdr.of("call-" + i, outgoing ? me : other, outgoing ? other : me,
                    1_700_000_000_000L + i, 1_700_000_060_000L + i, 1)).msgID());
        }
        for (int i = 0; i < 20; i++) {
            server.cdrs().insert(NewCdr.of("others-" + i, users.get(4).userID(), users.get(5).userID(), 0, 1000, 1));
        }
        signIn(0);
        List<LTCallCDRNotificationMessage> backwards = page(me, Long.MAX_VALUE, -100);
        List<LTCallCDRNotificationMessage> forwards = page(me, 0, 37);
        assertEquals(250, backwards.size());
        assertEquals(250, forwards.size());
        assertEquals(mine, new HashSet<>(backwards.stream().map(LTCallCDRNotificationMessage::msgID).toList()), "backwards: each once");
        assertEquals(mine, new HashSet<>(forwards.stream().map(LTCallCDRNotificationMessage::msgID).toList()), "forwards: each once");
        for (int i = 1; i < 250; i++) {
            assertTrue(forwards.get(i).sendTime() > forwards.get(i - 1).sendTime(), "forwards oldest first");
            assertTrue(backwards.get(i).sendTime() < backwards.get(i - 1).sendTime(), "backwards newest first");
        }
        LTCallCDRNotificationMessage any = forwards.get(0);
        assertTrue(any.caller().equals(me) || any.callee().equals(me));
        assertEquals(60, any.billingSecond());
        assertEquals(1, any.endReason());

        assertEquals(LTReturnCode.DATA_FORMAT_ERROR.code(), Await.result(calls().queryCDR(me, 0, 0)).returnCode());
        assertEquals(LTReturnCode.DATA_FORMAT_ERROR.code(), Await.result(calls().queryCDR(me, 0, 101)).returnCode());
        LTUserCDRResponse notMine = Await.result(calls().queryCDR(users.get(1).userID(), 0, 10));
        assertEquals(LTReturnCode.WRONG_USER_OR_PASSWORD.code(), notMine.returnCode());
        assertEquals(0, notMine.markTS(), "a refused query keeps the requested markTS");
    }

    private static List<LTCallCDRNotificationMessage> page(String userID, long markTS, int afterN) {
        List<LTCallCDRNotificationMessage> all = new ArrayList<>();
        long mark = markTS;
        for (int pages = 0; pages < 50; pages++) {
            LTUserCDRResponse page = Await.result(calls().queryCDR(userID, mark, afterN));
            assertEquals(0, page.returnCode(), page.returnMessage());
            if (page.count() == 0) {
                assertEquals(mark, page.markTS(), "an empty page keeps the mark");
                return all;
            }
            assertTrue(page.count() <= Math.abs(afterN));
            all.addAll(page.cdrMessages());
            mark = page.markTS();
        }
        throw new AssertionError("paging did not end");
    }

    @Test
    void blockingUnblockingAndListingCallers() {
        signIn(0);
        String me = users.get(0).userID();
        String two = users.get(1).userID();
        String three = users.get(2).userID();
        assertEquals(0, Await.result(calls().blockCall(me, List.of(three, two))).returnCode());
        assertEquals(0, Await.result(calls().blockCall(me, List.of(two))).returnCode(), "blocking again is fine");
        LTBlockListResponse list = Await.result(calls().getBlockCallList(me));
        assertEquals(List.of(two, three), list.userIDs());
        assertEquals(0, Await.result(calls().unblockCall(me, List.of(two))).returnCode());
        assertEquals(List.of(three), Await.result(calls().getBlockCallList(me)).userIDs());
        LTResponse unknown = Await.result(calls().blockCall(me, List.of("no-such-user")));
        assertEquals(LTReturnCode.NOT_FOUND.code(), unknown.returnCode());
        assertEquals("blockUserIDs[0]: no such user", unknown.returnMessage());
        assertEquals(LTReturnCode.DATA_FORMAT_ERROR.code(), Await.result(calls().blockCall(me, List.of(me))).returnCode());
        assertEquals(List.of(three), Await.result(calls().getBlockCallList(me)).userIDs(), "refused requests changed nothing");
        assertEquals(LTReturnCode.WRONG_USER_OR_PASSWORD.code(), Await.result(calls().getBlockCallList(two)).returnCode());
    }

    @Test
    void aServiceThatGoesAwayGivesFailedOrTimeoutNotAHang() {
        signIn(0);
        server.close();
        LTUsersResponse response = Await.result(LTSDK.getUsers());
        assertTrue(response.returnCode() == LTReturnCode.FAILED.code() || response.returnCode() == LTReturnCode.TIMEOUT.code(),
                response.returnCode() + " " + response.returnMessage());
        assertEquals(List.of(), response.users());
    }

    @Test
    void wakeupsForTheSignedInUserReachTheListenerOnceAndWhileFresh() {
        signIn(0);
        String me = users.get(0).userID();
        List<String> heard = new CopyOnWriteArrayList<>();
        calls().setCallNotificationListener(new LTCallNotificationListener() {
            @Override
            public void onCallNotification(LTCallNotificationMessage message) {
                heard.add("call " + message.callOptions().callID() + " from " + message.callerInfo().nickName());
            }

            @Override
            public void onCallCDRNotification(LTCallCDRNotificationMessage cdr) {
                heard.add("cdr " + cdr.msgID() + " of " + cdr.callID());
            }
        });
        long now = System.currentTimeMillis();
        String wakeup = """
                {"type": "incoming_call", "transID": "w-%d", "receiver": "%s", "sendTime": %d, "expiresAt": %d,
                 "callOptions": {"callID": "c-%d", "callType": 1, "accountType": 2, "userID": "%s"},
                 "callerInfo": {"userID": "u-2", "nickName": "Front door"}}""";
        assertTrue(LTSDK.parseIncomingPush(wakeup.formatted(1, me, now, now + 30_000, 1, me)));
        assertFalse(LTSDK.parseIncomingPush(wakeup.formatted(1, me, now, now + 30_000, 1, me)), "duplicate");
        assertFalse(LTSDK.parseIncomingPush(wakeup.formatted(2, me, now - 60_000, now - 30_000, 2, me)), "stale");
        assertFalse(LTSDK.parseIncomingPush(wakeup.formatted(3, users.get(1).userID(), now, now + 30_000, 3, me)), "not for me");
        assertFalse(LTSDK.parseIncomingPush("{\"type\": \"incoming_call\""));
        String cdr = """
                {"type": "cdr", "transID": "t-1", "receiver": "%s", "sendTime": %d, "expiresAt": %d, "msgID": "cdr-1",
                 "callID": "c-1", "caller": "u-2", "callee": "%s", "callStartTime": %d, "callEndTime": %d, "endReason": 1}"""
                .formatted(me, now, now + 3_600_000, me, now - 60_000, now);
        assertTrue(LTSDK.parseIncomingPush(cdr));
        Await.until("both wakeups reached the listener", () -> heard.size() == 2);
        assertEquals(List.of("call c-1 from Front door", "cdr cdr-1 of c-1"), heard);
        calls().setCallNotificationListener(null);
    }

    @Test
    void aCallWithoutCalleeEndsAtOnceWith201AfterARealSignIn() {
        signIn(0);
        RecordingCallListener listener = new RecordingCallListener();
        LTCall call = calls().startCall(users.get(0).userID(), LTCallOptions.userIDBuilder().build(), listener);
        assertEquals(LTCallState.TERMINATED, call.getCallState());
        Await.until("terminated reported", () -> listener.count("terminated 201") == 1);
        assertEquals(0, calls().getActiveCallCount());
    }

    @Test
    void theSdkListensToTheAudioBackendsRoutesOnlyWhileSignedIn() {
        FixedAudioBackend audio = new FixedAudioBackend(LTAudioRoute.BUILTIN, LTAudioRoute.SPEAKER);
        assertEquals(0, Await.result(LTSDK.init(optionsFor(0).audioBackend(audio).build())).returnCode());
        assertNotNull(audio.routeListener());
        LTSDK.shutdown();
        assertNull(audio.routeListener());
    }

    @Test
    void startStopStartCyclesLeaveNoSdkThreadBehind() {
        for (int cycle = 0; cycle < 2; cycle++) {
            signIn(0);
            assertTrue(SdkThreads.live().contains("lt-sdk-events"), "a signed-in SDK has its event thread");
            assertEquals(0, Await.result(LTSDK.getUsers()).returnCode());
            LTSDK.clean();
            signIn(0);
            LTSDK.shutdown();
        }
        SdkThreads.awaitNoneLeft();
    }
}
