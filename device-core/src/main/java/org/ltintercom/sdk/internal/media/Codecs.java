package org.ltintercom.sdk.internal.media;

/**
 * Creates the encoder and decoders of a call for its negotiated codec. Opus uses the library given
 * (the process-wide one in production, a chosen one in tests).
 */
public final class Codecs {
    private final OpusNatives.LoadedOpus opus;

    /** @param opus the libopus to use; null if only G.711 calls will be made */
    public Codecs(OpusNatives.LoadedOpus opus) {
        this.opus = opus;
    }

    /** Codecs over the process-wide libopus (loaded on first use). */
    public static Codecs processWide() throws OpusNatives.OpusUnavailableException {
        return new Codecs(OpusNatives.processWide());
    }

    /** True if this factory can make {@code codec} (Opus needs a loaded libopus). */
    public boolean supports(AudioCodec codec) {
        return codec != AudioCodec.OPUS || opus != null;
    }

    public FrameEncoder encoder(AudioCodec codec) {
        return codec == AudioCodec.OPUS ? new OpusEncoder(requireOpus()) : new G711Encoder(codec);
    }

    public FrameDecoder decoder(AudioCodec codec) {
        return codec == AudioCodec.OPUS ? new OpusDecoder(requireOpus()) : new G711Decoder(codec);
    }

    private OpusNatives.LoadedOpus requireOpus() {
        if (opus == null) {
            throw new IllegalStateException("codec: Opus negotiated but no libopus was loaded");
        }
        return opus;
    }
}
