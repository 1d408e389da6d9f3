package org.ltintercom.sdk.internal.media;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What goes on the wire from {@link RtpSender}, read by a plain UDP socket on 127.0.0.1. */
class RtpSenderTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private record Wire(boolean marker, int pt, int seq, long ts, int ssrc, int length) {
    }

    private static List<Wire> capture(AudioCodec codec, int ticks, java.util.function.IntPredicate talking,
                                      MediaDirection direction) throws Exception {
        try (DatagramChannel peer = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
             RtpSocket socket = RtpSocket.open(LOOPBACK, 32_000, 32_999)) {
            InetSocketAddress to = (InetSocketAddress) peer.getLocalAddress();
            MediaParams params = LoopbackCall.params(codec, to).withDirection(direction);
            Codecs codecs = codec == AudioCodec.OPUS ? Codecs.processWide() : new Codecs(null);
            FrameEncoder encoder = codecs.encoder(codec);
            RtpSender sender = new RtpSender(socket, params, encoder, new DtmfSender(params.telephoneEventClock()));
            short[] frame = new short[960];
            for (int t = 0; t < ticks; t++) {
                if (talking.test(t)) {
                    Tones.sine(frame, 960, 440, 48_000, 960L * t, 8_000);
                } else {
                    java.util.Arrays.fill(frame, (short) 0);
                }
                sender.tick(frame, false, System.nanoTime());
            }
            encoder.close();
            peer.configureBlocking(false);
            List<Wire> out = new ArrayList<>();
            ByteBuffer buf = ByteBuffer.allocate(2048);
            RtpPacket p = new RtpPacket();
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (out.size() < sender.packetsSent() && System.nanoTime() < deadline) {
                buf.clear();
                if (peer.receive(buf) != null) {
                    assertEquals(RtpPacket.ParseResult.OK, p.parse(buf.array(), 0, buf.position()));
                    out.add(new Wire(p.marker(), p.payloadType(), p.sequence(), Integer.toUnsignedLong(p.timestamp()),
                            p.ssrc(), p.payloadLength()));
                } else {
                    Thread.onSpinWait();
                }
            }
            assertEquals(sender.packetsSent(), out.size());
            return out;
        }
    }

    @Test
    void dtxSkipsPacketsButTimestampsKeepTimeAndSequenceNumbersStayContiguous() throws Exception {
        // 1 s of tone, 2 s of silence, 1 s of tone
        List<Wire> wire = capture(AudioCodec.OPUS, 200, t -> t < 50 || t >= 150, MediaDirection.SENDRECV);
        assertTrue(wire.size() < 160, wire.size() + " packets for 200 frames");
        for (int i = 1; i < wire.size(); i++) {
            Wire prev = wire.get(i - 1);
            Wire cur = wire.get(i);
            assertEquals((prev.seq() + 1) & 0xFFFF, cur.seq(), "contiguous sequence numbers");
            long step = (cur.ts() - prev.ts()) & 0xFFFFFFFFL;
            assertEquals(0, step % 960, "timestamps on the 20 ms grid");
            assertTrue(step >= 960);
            assertEquals(step > 960, cur.marker(), "marker exactly on the first packet after a gap (packet " + i + ")");
            assertEquals(wire.get(0).ssrc(), cur.ssrc());
        }
        Wire last = wire.get(wire.size() - 1);
        assertEquals(199L * 960, (last.ts() - wire.get(0).ts()) & 0xFFFFFFFFL, "200 frames of time passed");
        assertTrue(wire.stream().anyMatch(w -> w.length() <= 2), "DTX start announced");
    }

    @Test
    void g711SendsEveryTwentyMillisecondsWith160Bytes() throws Exception {
        List<Wire> wire = capture(AudioCodec.PCMA, 20, t -> true, MediaDirection.SENDRECV);
        assertEquals(20, wire.size());
        assertTrue(wire.get(0).marker());
        assertTrue(wire.stream().allMatch(w -> w.pt() == 8 && w.length() == 160));
        assertEquals(19L * 160, (wire.get(19).ts() - wire.get(0).ts()) & 0xFFFFFFFFL);
        assertFalse(wire.get(1).marker());
    }

    @Test
    void nothingIsSentWhenTheDirectionDoesNotSend() throws Exception {
        assertTrue(capture(AudioCodec.PCMU, 10, t -> true, MediaDirection.RECVONLY).isEmpty());
        assertTrue(capture(AudioCodec.PCMU, 10, t -> true, MediaDirection.INACTIVE).isEmpty());
    }
}
