package org.ltintercom.sdk.internal.call;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.sdk.call.LTCallOptions;
import org.ltintercom.sdk.call.LTCallType;
import org.ltintercom.sdk.internal.media.AudioCodec;
import org.ltintercom.sdk.internal.media.CallQuality;
import org.ltintercom.sdk.internal.media.MediaConfig;
import org.ltintercom.sdk.internal.media.SpeechGaps;
import org.ltintercom.sdk.internal.media.SpeechSignals;
import org.ltintercom.sdk.internal.media.ToneAudioBackend;
import org.ltintercom.sdk.internal.media.UdpRelay;
import org.ltintercom.sdk.test.Await;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A door station and an indoor unit (each the SDK's SIP user agent and media engine) in a call through
 * call-server, whose RTP crosses a bad network: a relay in the test drops 5 % of the packets each way
 * (seeded) and delays each by 0-30 ms (so they overtake each other). The relay sits where NAT would:
 * each side binds its media on 127.0.0.1 and advertises a "public" address in its SDP
 * ({@link MediaConfig#advertisedAddress()}: the door 127.0.0.2, the indoor unit 127.0.0.3) on which the
 * relay listens with the same port. Both microphones speak (espeak-ng). Half-way the network heals.
 */
class SdkLossyCallIT {
    private static final Logger log = LoggerFactory.getLogger(SdkLossyCallIT.class);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final double LOSS = 0.05;
    private static final int JITTER_MILLIS = 30;
    private static final int CLEAN_FRAMES = 150; // 3 s before the impairment
    private static final int IMPAIRED_FRAMES = 1_000; // 20 s of bad network
    private static final Duration LONG_WAIT = Duration.ofSeconds(60);
    private static final int SETTLED_MILLIS = 40; // a 20 ms floor plus the scheduling noise of a busy machine

    @TempDir
    Path temp;
    VoipRig rig;
    UdpRelay relay;
    VoipRig.Peer door;
    VoipRig.Peer indoor;
    short[] doorSpeech;
    short[] indoorSpeech;
    ToneAudioBackend doorAudio;
    ToneAudioBackend indoorAudio;
    final RecordingCallEvents doorEvents = new RecordingCallEvents();
    final RecordingCallEvents indoorEvents = new RecordingCallEvents();

    @BeforeEach
    void start() throws Exception {
        doorSpeech = SpeechSignals.speech("en", SpeechSignals.VISITOR, 48_000 * 10, 3_000);
        indoorSpeech = SpeechSignals.speech("de", SpeechSignals.RESIDENT, 48_000 * 9, 3_000);
        doorAudio = new ToneAudioBackend(doorSpeech);
        indoorAudio = new ToneAudioBackend(indoorSpeech);
        rig = VoipRig.throughCallServer(temp, 2);
        int[] ports = relayOnFreePorts();
        int doorPort = ports[0];
        int indoorPort = ports[1];
        relay.start(new InetSocketAddress(LOOPBACK, doorPort), new InetSocketAddress(LOOPBACK, indoorPort));
        door = rig.peer(0, doorAudio, m -> behindRelay(m, doorPort, "127.0.0.2"));
        indoor = rig.peer(1, indoorAudio, m -> behindRelay(m, indoorPort, "127.0.0.3"));
    }

    /**
     * One RTP/RTCP port pair per side (so the relay knows the ports before the SDP), a 20 ms jitter
     * buffer floor (so growth under 30 ms jitter shows) and RTCP every second (loss feedback to the
     * sender's FEC within the test's time).
     */
    private static MediaConfig behindRelay(MediaConfig m, int port, String advertised) {
        try {
            return m.withPorts(port, port + 1).withAdvertisedAddress(InetAddress.getByName(advertised))
                    .withJitterBuffer(20, 400).withRtcpInterval(Duration.ofSeconds(1));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Binds the relay: the door sends to the indoor unit's advertised 127.0.0.3:indoorPort and hears the
     * indoor unit from there; the indoor unit likewise with 127.0.0.2:doorPort. Returns {doorPort, indoorPort}.
     */
    private int[] relayOnFreePorts() throws IOException {
        Random random = new Random();
        IOException last = null;
        for (int attempt = 0; attempt < 30; attempt++) {
            int doorPort = 30_000 + 4 * random.nextInt(2_500);
            int indoorPort = doorPort + 2;
            if (!freeOnLoopback(doorPort, indoorPort)) {
                continue;
            }
            try {
                relay = new UdpRelay(20261127, new InetSocketAddress(InetAddress.getByName("127.0.0.3"), indoorPort),
                        new InetSocketAddress(InetAddress.getByName("127.0.0.2"), doorPort));
                return new int[] {doorPort, indoorPort};
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException("no free port pairs for the relay", last);
    }

    private static boolean freeOnLoopback(int... evenPorts) {
        for (int p : evenPorts) {
            for (int port = p; port <= p + 1; port++) {
                try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
                    s.getLocalPort();
                } catch (IOException e) {
                    return false;
                }
            }
        }
        return true;
    }

    @AfterEach
    void stop() {
        try {
            if (door != null) {
                door.close();
            }
            if (indoor != null) {
                indoor.close();
            }
        } finally {
            if (relay != null) {
                relay.close();
            }
            rig.close();
        }
    }

    private static CallQuality quality(CallLeg leg) {
        return ((SipCall) leg).media().session().quality();
    }

    private CallLeg[] connect() {
        String callID = "c-" + UUID.randomUUID();
        LTCallOptions options = LTCallOptions.userIDBuilder().userID(indoor.userID).build().withCallID(callID);
        CallLeg caller = door.signalling.placeCall(new CallSetup(callID, LTCallType.OUTGOING, door.userID, options,
                null, null), doorEvents);
        CallLeg callee = indoor.signalling.awaitIncomingCall(new CallSetup(callID, LTCallType.INCOMING, indoor.userID,
                options.withCallType(LTCallType.INCOMING), null, null), indoorEvents);
        indoorEvents.await("ringing", VoipRig.WAIT);
        callee.answer();
        doorEvents.await("answered", VoipRig.WAIT);
        indoorEvents.await("answered", VoipRig.WAIT);
        return new CallLeg[] {caller, callee};
    }

    @Test
    void speechCrossesFivePercentLossAndThirtyMillisecondJitterWithoutGapsAndTheJitterBufferRecovers() {
        CallLeg[] legs = connect();
        CallLeg doorLeg = legs[0];
        CallLeg indoorLeg = legs[1];
        assertEquals(AudioCodec.OPUS, quality(indoorLeg).codec());
        Await.until("clean speech both ways", VoipRig.WAIT, () -> indoorAudio.playedFrames() >= CLEAN_FRAMES
                && doorAudio.playedFrames() >= CLEAN_FRAMES);
        // the first packets of a call arrive unevenly (call setup, a cold JIT): wait until the buffer has settled
        Await.until("jitter buffer settled on the clean network: " + quality(indoorLeg), LONG_WAIT,
                () -> quality(indoorLeg).jitterTargetMillis() <= SETTLED_MILLIS);
        CallQuality clean = quality(indoorLeg);
        log.info("lossy call: clean {}", clean);
        assertEquals(0, clean.packetsLost(), clean.toString());

        relay.impair(LOSS, JITTER_MILLIS);
        int impairedFrom = indoorAudio.playedFrames();
        int doorFrom = doorAudio.playedFrames();
        double[] lossReportedToDoor = {0};
        int[] grown = {0};
        int[] longestDelay = {0};
        Await.until(IMPAIRED_FRAMES + " frames over the bad network", LONG_WAIT, () -> {
            lossReportedToDoor[0] = Math.max(lossReportedToDoor[0], quality(doorLeg).remoteLossPercent());
            CallQuality now = quality(indoorLeg);
            grown[0] = Math.max(grown[0], now.jitterTargetMillis());
            longestDelay[0] = Math.max(longestDelay[0], now.jitterDelayMillis());
            return indoorAudio.playedFrames() >= impairedFrom + IMPAIRED_FRAMES;
        });
        CallQuality impaired = quality(indoorLeg);
        CallQuality doorHeard = quality(doorLeg);
        UdpRelay.Counts toIndoor = relay.towardsB();
        UdpRelay.Counts toDoor = relay.towardsA();
        int impairedTo = indoorAudio.playedFrames();
        int doorTo = doorAudio.playedFrames();
        relay.impair(0, 0);

        SpeechGaps.Result indoorGaps = SpeechGaps.find(doorSpeech, indoorAudio.played(impairedFrom, impairedTo));
        SpeechGaps.Result doorGaps = SpeechGaps.find(indoorSpeech, doorAudio.played(doorFrom, doorTo));
        log.info("lossy call: to indoor {}, indoor heard {}, gaps {}", toIndoor, impaired, indoorGaps);
        log.info("lossy call: to door {}, door heard {}, gaps {}", toDoor, doorHeard, doorGaps);

        // what the far side played: speech, without audible gaps
        assertTrue(indoorGaps.meanCorrelation() > 0.5, "the indoor unit plays the door's speech: " + indoorGaps);
        assertTrue(doorGaps.meanCorrelation() > 0.5, "the door plays the indoor unit's speech: " + doorGaps);
        assertTrue(indoorGaps.longestGapMillis() <= 40, "gap in the door's speech at the indoor unit: " + indoorGaps);
        assertTrue(doorGaps.longestGapMillis() <= 40, "gap in the indoor unit's speech at the door: " + doorGaps);

        // the stats match what the relay did
        assertTrue(toIndoor.dropped() >= IMPAIRED_FRAMES * LOSS / 2, toIndoor.toString());
        assertEquals(toIndoor.dropped(), impaired.packetsLost(), 3, "RTP loss counted: " + impaired);
        assertEquals(toDoor.dropped(), doorHeard.packetsLost(), 3, "RTP loss counted: " + doorHeard);
        double lossPercent = 100.0 * (impaired.packetsLost() - clean.packetsLost()) / (impaired.packetsReceived()
                + impaired.packetsLost() - clean.packetsReceived() - clean.packetsLost());
        assertEquals(LOSS * 100, lossPercent, 2.5, "loss while impaired, in %");
        assertTrue(impaired.fecRecovered() > 0, "FEC rebuilt single losses: " + impaired);
        // FEC can rebuild the last packet of each run of drops, and a packet that came too late to play
        assertTrue(impaired.fecRecovered() <= toIndoor.dropRuns() + impaired.lateDiscarded(),
                "FEC rebuilt no more than it could: " + impaired + " " + toIndoor);
        assertTrue(impaired.fecRecovered() >= toIndoor.singleDrops() / 2, "FEC rebuilt most single losses: "
                + impaired + " " + toIndoor);
        assertTrue(doorHeard.fecRecovered() > 0, doorHeard.toString());
        assertTrue(impaired.concealedFrames() > 0, "PLC filled what FEC could not: " + impaired);
        assertTrue(impaired.jitterMillis() > 3 && impaired.jitterMillis() < JITTER_MILLIS,
                "RFC 3550 jitter of 0-30 ms uniform delay: " + impaired);
        assertTrue(lossReportedToDoor[0] > 0 && lossReportedToDoor[0] < 20,
                "the indoor unit's RTCP told the door of the loss: up to " + lossReportedToDoor[0] + " %");
        double effectiveLoss = 100.0 * (impaired.packetsLost() + impaired.lateDiscarded() - impaired.fecRecovered())
                / (impaired.packetsReceived() + impaired.packetsLost());
        double oneWay = Math.max(0, impaired.rttMillis()) / 2.0 + impaired.jitterDelayMillis() + 40;
        assertEquals(CallQuality.estimateMos(AudioCodec.OPUS, effectiveLoss, oneWay), impaired.mos(), 0.05,
                "MOS from the call's own loss and delay: " + impaired);
        assertTrue(impaired.mos() < CallQuality.estimateMos(AudioCodec.OPUS, 0, oneWay) && impaired.mos() > 4.0,
                "MOS with 5 % loss, mostly rebuilt by FEC: " + impaired.mos() + " (clean " + clean.mos() + ")");

        // the jitter buffer grew under jitter and gives the delay back once the network heals
        assertTrue(grown[0] >= clean.jitterTargetMillis() + 10, "jitter buffer target clean " + clean.jitterTargetMillis()
                + " ms, under 30 ms jitter up to " + grown[0] + " ms");
        Await.until("jitter buffer shrinking from " + grown[0] + " ms: " + quality(indoorLeg), LONG_WAIT,
                () -> quality(indoorLeg).jitterTargetMillis() <= Math.min(grown[0] - 10, SETTLED_MILLIS));
        // the buffer trims its playout delay once it exceeds the target by a frame plus 2 ms (JitterBuffer): back
        // under that band, whatever the delay grew to (a run whose delay peaked inside the band has nothing to trim)
        Await.until("playout delay back within a frame of the target, from " + longestDelay[0] + " ms: "
                + quality(indoorLeg), LONG_WAIT,
                () -> quality(indoorLeg).jitterDelayMillis() < quality(indoorLeg).jitterTargetMillis() + 22);
        CallQuality healed = quality(indoorLeg);
        log.info("lossy call: loss while impaired {} %; jitter buffer target clean {} ms, impaired up to {} ms, delay up"
                + " to {} ms; healed {}", lossPercent, clean.jitterTargetMillis(), grown[0], longestDelay[0], healed);
        assertTrue(healed.jitterMillis() < impaired.jitterMillis(), "jitter estimate decays: " + healed);
        assertEquals(impaired.packetsLost(), healed.packetsLost(), 3, "no loss once healed: " + healed);

        doorLeg.hangup();
        indoorEvents.await("ended 1", VoipRig.WAIT);
        Await.until("audio streams closed", VoipRig.WAIT, () -> doorAudio.allStreamsClosed() && indoorAudio.allStreamsClosed());
        Await.until("media threads gone", VoipRig.WAIT, () -> threadsNamed("lt-media-") == 0);
        relay.close();
        Await.until("relay threads gone", VoipRig.WAIT, () -> threadsNamed("lt-test-relay") == 0);
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith(prefix))
                .count();
    }
}
