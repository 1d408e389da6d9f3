package org.ltintercom.sdk;

import org.ltintercom.sdk.spi.AudioBackend;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@code LTSDK.init} needs: licenseKey, url (the LT service base URL), userID and uuid, all
 * required; plus where the SDK keeps its local data, how long it waits for the service, and the
 * device's sound hardware.
 *
 * <pre>
 * LTSDKOptions options = LTSDKOptions.builder()
 *         .licenseKey(key).url("https://lt.example.net").userID(userID).uuid(uuid)
 *         .dataDir(Path.of("/var/lib/lt-intercom/sdk"))
 *         .build();
 * </pre>
 */
public final class LTSDKOptions {
    /** Where local user data lives when no {@link Builder#dataDir(Path)} is given. */
    public static final Path DEFAULT_DATA_DIR = Path.of(System.getProperty("user.home"), ".lt-intercom", "sdk");
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_RTP_PORT_MIN = 16_384;
    public static final int DEFAULT_RTP_PORT_MAX = 32_767;
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    private final String licenseKey;
    private final URI url;
    private final String userID;
    private final String uuid;
    private final Path dataDir;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final AudioBackend audioBackend;
    private final InetAddress sipBindAddress;
    private final int sipPort;
    private final String sipTransport;
    private final int rtpPortMin;
    private final int rtpPortMax;
    private final LTAudioProcessing audioProcessing;

    private LTSDKOptions(Builder b) {
        this.licenseKey = requireNonBlank("licenseKey", b.licenseKey);
        this.url = parseUrl(requireNonBlank("url", b.url));
        this.userID = requireNonBlank("userID", b.userID);
        this.uuid = requireNonBlank("uuid", b.uuid);
        this.dataDir = b.dataDir == null ? DEFAULT_DATA_DIR : b.dataDir.toAbsolutePath().normalize();
        this.connectTimeout = requireTimeout("connectTimeout", b.connectTimeout);
        this.requestTimeout = requireTimeout("requestTimeout", b.requestTimeout);
        this.audioBackend = b.audioBackend;
        this.sipBindAddress = b.sipBindAddress == null ? null : parseAddress(b.sipBindAddress);
        if (b.sipPort < 0 || b.sipPort > 65535) {
            throw new IllegalArgumentException("sipPort: " + b.sipPort + " is not 0 (any free port) or 1..65535");
        }
        this.sipPort = b.sipPort;
        this.sipTransport = b.sipTransport == null ? null : parseTransport(b.sipTransport);
        if (b.rtpPortMin < 1024 || b.rtpPortMax > 65535 || b.rtpPortMax - b.rtpPortMin < 1) {
            throw new IllegalArgumentException("rtpPorts: need 1024 <= min < max <= 65535, was "
                    + b.rtpPortMin + ".." + b.rtpPortMax);
        }
        this.rtpPortMin = b.rtpPortMin;
        this.rtpPortMax = b.rtpPortMax;
        if (b.audioProcessing == null) {
            throw new IllegalArgumentException("audioProcessing: must not be null (LTAudioProcessing.off() switches it off)");
        }
        this.audioProcessing = b.audioProcessing;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The LT licence (application) key. */
    public String licenseKey() {
        return licenseKey;
    }

    /** The LT service base URL, without a trailing slash. */
    public String url() {
        return url.toString();
    }

    /** {@link #url()} parsed. */
    public URI uri() {
        return url;
    }

    /** The LT user this device signs in as. */
    public String userID() {
        return userID;
    }

    /** The user's secret (the LT "uuid"); never logged. */
    public String uuid() {
        return uuid;
    }

    /** The directory holding the signed-in user's data (token, SIP account, wakeup topic), mode 0700. */
    public Path dataDir() {
        return dataDir;
    }

    /** Longest wait for a TCP connection to the service. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Longest wait for one request's answer; after it the response carries returnCode -3 (TIMEOUT). */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** The device's sound hardware (from the HAL), if calls should have audio. */
    public Optional<AudioBackend> audioBackend() {
        return Optional.ofNullable(audioBackend);
    }

    /** The local address SIP and RTP bind to; empty: the address the OS routes towards the SIP proxy. */
    public Optional<InetAddress> sipBindAddress() {
        return Optional.ofNullable(sipBindAddress);
    }

    /** The local SIP port (UDP and TCP); 0 = any free port. */
    public int sipPort() {
        return sipPort;
    }

    /**
     * The transport towards the SIP proxy, {@code udp} or {@code tcp}, when the device overrides it;
     * empty: the one the call service's SIP account names (its proxy URI, else its first transport).
     */
    public Optional<String> sipTransport() {
        return Optional.ofNullable(sipTransport);
    }

    /** Lowest port of the RTP range (each call takes an even RTP port and the odd RTCP port above it). */
    public int rtpPortMin() {
        return rtpPortMin;
    }

    /** Highest port of the RTP range. */
    public int rtpPortMax() {
        return rtpPortMax;
    }

    /**
     * What calls do to the microphone: echo cancellation, noise suppression, AGC. Default
     * {@link LTAudioProcessing#doorStation()} (echo cancellation and noise suppression on, uncalibrated).
     */
    public LTAudioProcessing audioProcessing() {
        return audioProcessing;
    }

    @Override
    public String toString() {
        return "LTSDKOptions{url=" + url + ", userID=" + userID + ", licenseKey=***, uuid=***, dataDir=" + dataDir
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", audioBackend=" + (audioBackend == null ? "none" : audioBackend.getClass().getSimpleName())
                + ", sip=" + (sipBindAddress == null ? "auto" : sipBindAddress.getHostAddress()) + ":" + sipPort
                + "/" + (sipTransport == null ? "account" : sipTransport)
                + ", rtp=" + rtpPortMin + ".." + rtpPortMax + ", audioProcessing=" + audioProcessing + "}";
    }

    private static String requireNonBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": required, must not be blank");
        }
        return value.strip();
    }

    private static InetAddress parseAddress(String value) {
        String v = value.strip();
        if (v.isEmpty() || !(v.matches("[0-9.]+") || v.contains(":"))) {
            throw new IllegalArgumentException("sipBindAddress: '" + value + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(v); // a literal: no name lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("sipBindAddress: '" + value + "' is not an IP address", e);
        }
    }

    private static String parseTransport(String value) {
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        if (!v.equals("udp") && !v.equals("tcp")) {
            throw new IllegalArgumentException("sipTransport: '" + value + "' is not udp or tcp"
                    + (v.equals("tls") ? " (SIP over TLS is not supported)" : ""));
        }
        return v;
    }

    private static URI parseUrl(String value) {
        URI uri;
        try {
            uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url: not a URL (" + e.getReason() + ")", e);
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("url: must start with http:// or https://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("url: has no host");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("url: must not have a query or fragment");
        }
        return uri;
    }

    private static Duration requireTimeout(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero() || value.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(field + ": must be positive and at most " + MAX_TIMEOUT);
        }
        return value;
    }

    /** Collects the options; {@link #build()} rejects blank required fields, naming the field. */
    public static final class Builder {
        private String licenseKey;
        private String url;
        private String userID;
        private String uuid;
        private Path dataDir;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private AudioBackend audioBackend;
        private String sipBindAddress;
        private int sipPort;
        private String sipTransport;
        private int rtpPortMin = DEFAULT_RTP_PORT_MIN;
        private int rtpPortMax = DEFAULT_RTP_PORT_MAX;
        private LTAudioProcessing audioProcessing = LTAudioProcessing.doorStation();

        private Builder() {
        }

        public Builder licenseKey(String licenseKey) {
            this.licenseKey = licenseKey;
            return this;
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder userID(String userID) {
            this.userID = userID;
            return this;
        }

        public Builder uuid(String uuid) {
            this.uuid = uuid;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder audioBackend(AudioBackend audioBackend) {
            this.audioBackend = audioBackend;
            return this;
        }

        /** The IP address SIP and RTP bind to (e.g. {@code 127.0.0.1}); default: the one routed towards the proxy. */
        public Builder sipBindAddress(String ipAddress) {
            this.sipBindAddress = ipAddress;
            return this;
        }

        /** The local SIP port; 0 (default) takes any free port. */
        public Builder sipPort(int port) {
            this.sipPort = port;
            return this;
        }

        /**
         * {@code udp} or {@code tcp} towards the SIP proxy, whatever the call service's SIP account
         * says (for a site whose firewall drops SIP over UDP, or whose NAT forgets UDP mappings);
         * null (default): the account's transport.
         */
        public Builder sipTransport(String transport) {
            this.sipTransport = transport;
            return this;
        }

        /** The RTP port range (default 16384..32767). */
        public Builder rtpPorts(int min, int max) {
            this.rtpPortMin = min;
            this.rtpPortMax = max;
            return this;
        }

        /**
         * Echo cancellation, noise suppression and AGC of the microphone in calls (default
         * {@link LTAudioProcessing#doorStation()}; {@link LTAudioProcessing#off()} sends the raw microphone).
         */
        public Builder audioProcessing(LTAudioProcessing processing) {
            this.audioProcessing = processing;
            return this;
        }

        /** @throws IllegalArgumentException naming the first field that is missing or invalid */
        public LTSDKOptions build() {
            return new LTSDKOptions(this);
        }
    }
}
