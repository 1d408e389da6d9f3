package org.ltintercom.sdk.internal.call;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.callserver.testing.peers.Baresip;
import org.ltintercom.sdk.LTSDK;
import org.ltintercom.sdk.call.LTCall;
import org.ltintercom.sdk.call.LTCallNotificationListener;
import org.ltintercom.sdk.call.LTCallNotificationMessage;
import org.ltintercom.sdk.call.LTCallOptions;
import org.ltintercom.sdk.call.LTCallQualityStats;
import org.ltintercom.sdk.internal.media.ClipAudioBackend;
import org.ltintercom.sdk.internal.media.ReceivedAudio;
import org.ltintercom.sdk.internal.media.TestClip;
import org.ltintercom.sdk.internal.media.Wav;
import org.ltintercom.sdk.test.Await;
import org.ltintercom.sdk.test.RecordingCallListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real audio between the SDK (the door) and a baresip phone through Kamailio, each codec forced
 * by the phone's account ({@code audio_codecs}): the phone's microphone is baresip's aufile source
 * playing a WAV the test wrote (a 700 Hz tone, then German espeak-ng speech), and its sndfile filter
 * records what it decoded; the door's microphone says a 1000 Hz tone then English speech, and its
 * speaker is recorded. Each side must hear the other's tone at its frequency for its length and its
 * speech with the same loudness contour; DTMF digits cross both ways (RFC 4733 telephone-event).
 */
class SdkBaresipAudioIT {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SdkBaresipAudioIT.class);
    private static final double DOOR_TONE = 1000;
    private static final double PHONE_TONE = 700;
    private static final String DOOR_DIGITS = "24*0";
    private static final String PHONE_DIGITS = "159#";

    @TempDir
    Path temp;
    VoipRig rig;
    TestClip doorSays;
    TestClip phoneSays;
    ClipAudioBackend door;
    Path phoneWav;
    Path phoneRecordings;

    @BeforeEach
    void start() throws Exception {
        doorSays = TestClip.of(DOOR_TONE, "en", "Parcel service. Please open the door, I have a delivery for you.");
        phoneSays = TestClip.of(PHONE_TONE, "de", "Guten Tag. Ich komme sofort nach unten, bitte warten Sie kurz.");
        door = new ClipAudioBackend(doorSays);
        phoneWav = temp.resolve("phone-says.wav");
        // baresip 1.0 ends the whole call when its aufile source reaches the end of the file: 30 s of
        // silence after the clip keep the call up for the DTMF exchange and our own hang-up
        Wav.write(phoneWav, java.util.Arrays.copyOf(phoneSays.samples(), phoneSays.samples().length + 30 * TestClip.RATE),
                TestClip.RATE);
        phoneRecordings = Files.createDirectories(temp.resolve("phone-recordings"));
        rig = new VoipRig(temp, 2);
    }

    @AfterEach
    void stop() {
        LTSDK.getCallCenterManager().setCallNotificationListener(null);
        LTSDK.setRegistrationListener(null);
        rig.close();
    }

    /**
     * The codec the phone is limited to: its name in baresip's account (Debian's baresip 1.0 registers
     * Opus as opus/48000/1 internally, though its SDP says opus/48000/2), in the SDP answer and in
     * baresip's log.
     */
    private enum Codec {
        OPUS("opus/48000/1", "opus/48000/2", "opus 48000Hz", 48_000),
        PCMU("PCMU/8000/1", "PCMU/8000", "PCMU 8000Hz", 8_000);

        final String baresipName;
        final String rtpmap;
        final String baresipLog;
        final int rate;

        Codec(String baresipName, String rtpmap, String baresipLog, int rate) {
            this.baresipName = baresipName;
            this.rtpmap = rtpmap;
            this.baresipLog = baresipLog;
            this.rate = rate;
        }
    }

    @Test
    void doorCallsPhoneWithOpusAndBothHearToneSpeechAndDigits() throws Exception {
        talk(Codec.OPUS, true);
    }

    @Test
    void phoneCallsDoorWithOpusAndBothHearToneSpeechAndDigits() throws Exception {
        talk(Codec.OPUS, false);
    }

    @Test
    void doorCallsPhoneWithPcmuAndBothHearToneSpeechAndDigits() throws Exception {
        talk(Codec.PCMU, true);
    }

    @Test
    void phoneCallsDoorWithPcmuAndBothHearToneSpeechAndDigits() throws Exception {
        talk(Codec.PCMU, false);
    }

    private void talk(Codec codec, boolean doorCalls) throws Exception {
        Baresip.Options phoneAudio = Baresip.Options.defaults().playing(phoneWav, TestClip.RATE)
                .onlyCodecs(codec.baresipName).recordingTo(phoneRecordings);
        try (Baresip phone = Baresip.start(rig.users.get(1).userID(), rig.users.get(1).sipPassword(),
                rig.kamailio.port(), doorCalls, phoneAudio)) {
            phone.awaitRegistered(VoipRig.WAIT);
            rig.signIn(0, door);
            RecordingCallListener listener = new RecordingCallListener();
            LTCall call = doorCalls ? callPhone(listener) : answerPhone(phone, listener);
            Await.until("connected", VoipRig.WAIT, () -> listener.count("connected") == 1);
            phone.awaitEvent("CALL_ESTABLISHED", VoipRig.WAIT);

            String answer = assertNegotiated(codec, phone);
            int doorFrames = doorSays.millis() / 20 + 50;
            int phoneFrames = phoneSays.millis() / 20 + 50;
            Await.until("the door's clip said", VoipRig.WAIT.multipliedBy(2), () -> door.capturedFrames() >= doorFrames);
            Await.until("the phone's clip played at the door, frames " + door.playedFrames() + " of " + phoneFrames,
                    VoipRig.WAIT, () -> door.playedFrames() >= phoneFrames);

            phone.command("sndcode", PHONE_DIGITS);
            Await.until("the phone's digits " + PHONE_DIGITS + " at the door; answer:\n" + answer + "\nphone log:\n" + phone.log()
                            + "\nkamailio:\n" + rig.kamailio.log(), VoipRig.WAIT,
                    () -> digitsAtDoor(listener).equals(PHONE_DIGITS));
            call.sendDTMF(DOOR_DIGITS, false);
            Await.until("the door's digits " + DOOR_DIGITS + " at the phone", VoipRig.WAIT,
                    () -> digitsAtPhone(phone).equals(DOOR_DIGITS));

            LTCallQualityStats during = assertQualityMidCall(call, codec);

            call.hangupCall();
            Await.until("terminated", VoipRig.WAIT, () -> listener.count("terminated 1") == 1);
            LTCallQualityStats atEnd = call.getQualityStats();
            assertTrue(atEnd.packetsReceived() >= during.packetsReceived() && atEnd.packetsSent() >= during.packetsSent(),
                    "the final figures count the whole call: " + atEnd + " vs mid-call " + during);
            phone.awaitEvent("CALL_CLOSED", VoipRig.WAIT);
            Await.until("speaker and microphone closed", VoipRig.WAIT, door::allStreamsClosed);
            assertEquals(atEnd, call.getQualityStats(), "a terminated call's quality no longer changes");

            assertHeard("the door", phoneSays, ReceivedAudio.of(phoneSays, door.played(), TestClip.RATE, DOOR_TONE));
            Path decoded = recording("-dec.wav");
            Await.until("sndfile closed " + decoded, VoipRig.WAIT, () -> Wav.isComplete(decoded));
            Wav phoneHeard = Wav.read(decoded);
            assertEquals(codec.rate, phoneHeard.rate(), "the phone decoded at the codec's rate");
            assertHeard("the phone", doorSays, ReceivedAudio.of(doorSays, phoneHeard.samples(), phoneHeard.rate(), PHONE_TONE));
        }
    }

    /** Seconds of clean loopback audio: packets both ways, no loss to speak of, a MOS of a good call. */
    private static LTCallQualityStats assertQualityMidCall(LTCall call, Codec codec) {
        Await.until("quality published", VoipRig.WAIT, () -> call.getQualityStats().packetsReceived() > 100);
        LTCallQualityStats q = call.getQualityStats();
        assertEquals(codec == Codec.OPUS ? "opus" : "PCMU", q.codec(), q.toString());
        assertTrue(q.packetsSent() > 100, q.toString());
        assertTrue(q.lossFraction() < 0.05, q.toString());
        assertTrue(q.jitterBufferDelayMillis() > 0, q.toString());
        assertTrue(q.jitterMillis() < 250, q.toString()); // baresip's aufile paces PCMU in bursts: ~45 ms here
        assertTrue(q.estimatedMos() >= 3.5 && q.estimatedMos() <= 4.5, q.toString());
        return q;
    }

    private LTCall callPhone(RecordingCallListener listener) {
        return LTSDK.getCallCenterManager().startCall(rig.users.get(0).userID(),
                LTCallOptions.userIDBuilder().userID(rig.users.get(1).userID()).build(), listener);
    }

    /** The phone dials the door; the door's app accepts the call its notification listener announced. */
    private LTCall answerPhone(Baresip phone, RecordingCallListener listener) throws IOException {
        List<LTCall> rung = new CopyOnWriteArrayList<>();
        LTSDK.getCallCenterManager().setCallNotificationListener(new LTCallNotificationListener() {
            @Override
            public void onCallNotification(LTCallNotificationMessage m) {
                rung.add(LTSDK.getCallCenterManager().startCall(m, listener));
            }
        });
        phone.command("dial", "sip:" + rig.users.get(0).userID() + "@127.0.0.1");
        Await.until("the phone's INVITE rings", VoipRig.WAIT, () -> listener.count("registered") == 1);
        rung.get(0).acceptCall();
        return rung.get(0);
    }

    /** The answer (the 2xx SDP Kamailio passed on) chose the forced codec first, and baresip encodes and decodes it. */
    private String assertNegotiated(Codec codec, Baresip phone) {
        Matcher m = Pattern.compile("lt-wire reply 200 INVITE[^\\n]*\\n(.*?)(?=\\n\\s*\\d+\\(\\d+\\)|\\z)", Pattern.DOTALL)
                .matcher(rig.kamailio.log());
        assertTrue(m.find(), "no 200 INVITE in the Kamailio log:\n" + rig.kamailio.log());
        String answer = m.group(1);
        Matcher media = Pattern.compile("m=audio \\d+ RTP/AVP (\\d+)").matcher(answer);
        assertTrue(media.find(), answer);
        assertTrue(answer.contains("a=rtpmap:" + media.group(1) + " " + codec.rtpmap), "first codec of the answer:\n" + answer);
        String log = phone.log();
        assertTrue(!log.contains("audio codec not found"), "baresip refused the codec list " + codec.baresipName + ":\n" + log);
        if (codec == Codec.PCMU) {
            assertTrue(!answer.contains("opus"), "PCMU only:\n" + answer);
        }
        assertTrue(log.contains("Set audio encoder: " + codec.baresipLog) && log.contains("Set audio decoder: " + codec.baresipLog),
                "baresip's codec:\n" + log);
        return answer;
    }

    private static String digitsAtDoor(RecordingCallListener listener) {
        return listener.events().stream().filter(e -> e.startsWith("dtmf ")).map(e -> e.substring(5))
                .collect(Collectors.joining());
    }

    /** Digits baresip reported as CALL_DTMF_START events on its control connection. */
    private static String digitsAtPhone(Baresip phone) {
        return phone.messages().stream().filter(n -> "CALL_DTMF_START".equals(n.path("type").asText()))
                .map(n -> n.path("param").asText()).collect(Collectors.joining());
    }

    private Path recording(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(phoneRecordings)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
            assertEquals(1, found.size(), "sndfile recordings " + suffix + ": " + found);
            return found.get(0);
        }
    }

    private static void assertHeard(String who, TestClip sent, ReceivedAudio heard) {
        String what = who + " heard " + heard;
        log.info("{}", what);
        assertTrue(Math.abs(heard.toneMillis() - TestClip.TONE_MILLIS) <= 200, "tone length: " + what);
        assertTrue(heard.toneAmplitude() > 4_000, "tone level (sent at 8000): " + what);
        assertTrue(heard.speechCorrelation() >= 0.8, "speech contour: " + what);
        assertTrue(heard.speechRms() > 500, "speech energy: " + what);
        assertTrue(Math.abs(heard.voicedMillis() - heard.sentVoicedMillis()) <= heard.sentVoicedMillis() * 0.15,
                "voiced speech length: " + what);
    }
}
