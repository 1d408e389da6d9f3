package org.ltintercom.sdk.internal.sip;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What the SIP user agent needs to know: where it listens, who it is (user at domain,
 * password), which proxy/registrar it talks to and how, and its timers.
 *
 * @param localAddress      address the UDP and TCP listening points bind to (and that goes into Contact/SDP)
 * @param localPort         SIP port for UDP and TCP; 0 picks a free one
 * @param user              our SIP user name (the LT userID), also the digest user name
 * @param password          digest password; never logged ({@link #toString()} hides it)
 * @param domain            SIP domain of our AOR and of callee URIs, e.g. {@code 127.0.0.1} or {@code lt.example}
 * @param proxyHost         outbound proxy and registrar host
 * @param proxyPort         its port
 * @param transport         {@code udp} or {@code tcp}, towards the proxy
 * @param registerExpires   Expires we ask for in REGISTER; 0 = do not register (calls through the proxy only)
 * @param t1                RFC 3261 T1 (retransmit base; 64*T1 is the transaction timeout)
 * @param retryMin          first delay after a failed REGISTER; doubles up to {@code retryMax}
 * @param retryMax          cap of the registration retry delay
 * @param noAnswerTimeout   an outgoing call not answered within this is cancelled (status MISS)
 * @param keepAliveInterval in-dialog OPTIONS interval while a call is up
 * @param userAgent         User-Agent header value
 */
public record SipConfig(InetAddress localAddress, int localPort, String user, String password, String domain,
                        String proxyHost, int proxyPort, String transport, int registerExpires, Duration t1,
                        Duration retryMin, Duration retryMax, Duration noAnswerTimeout,
                        Duration keepAliveInterval, String userAgent) {

    public SipConfig {
        Objects.requireNonNull(localAddress, "localAddress");
        requirePort("localPort", localPort, true);
        user = requireToken("user", user);
        Objects.requireNonNull(password, "password");
        domain = requireToken("domain", domain);
        proxyHost = requireToken("proxyHost", proxyHost);
        requirePort("proxyPort", proxyPort, false);
        transport = Objects.requireNonNull(transport, "transport").toLowerCase(Locale.ROOT);
        if (!transport.equals("udp") && !transport.equals("tcp")) {
            throw new IllegalArgumentException("transport: '" + transport + "' is not udp or tcp");
        }
        if (registerExpires != 0 && (registerExpires < 10 || registerExpires > 86400)) {
            throw new IllegalArgumentException("registerExpires: " + registerExpires
                    + " is not 0 (do not register) or 10..86400 seconds");
        }
        requirePositive("t1", t1);
        requirePositive("retryMin", retryMin);
        requirePositive("retryMax", retryMax);
        if (retryMax.compareTo(retryMin) < 0) {
            throw new IllegalArgumentException("retryMax: shorter than retryMin");
        }
        requirePositive("noAnswerTimeout", noAnswerTimeout);
        requirePositive("keepAliveInterval", keepAliveInterval);
        userAgent = userAgent == null || userAgent.isBlank() ? "lt-intercom" : userAgent;
    }

    /** Production defaults: REGISTER for 600 s, T1 500 ms, retries 2 s .. 5 min, 60 s no-answer, 30 s keep-alive. */
    public static SipConfig of(InetAddress localAddress, int localPort, String user, String password, String domain,
                               String proxyHost, int proxyPort, String transport) {
        return new SipConfig(localAddress, localPort, user, password, domain, proxyHost, proxyPort, transport, 600,
                Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofSeconds(60),
                Duration.ofSeconds(30), "lt-intercom");
    }

    public SipConfig withRegisterExpires(int seconds) {
        return new SipConfig(localAddress, localPort, user, password, domain, proxyHost, proxyPort, transport, seconds,
                t1, retryMin, retryMax, noAnswerTimeout, keepAliveInterval, userAgent);
    }

    public SipConfig withTimers(Duration t1, Duration retryMin, Duration retryMax, Duration noAnswerTimeout,
                                Duration keepAliveInterval) {
        return new SipConfig(localAddress, localPort, user, password, domain, proxyHost, proxyPort, transport,
                registerExpires, t1, retryMin, retryMax, noAnswerTimeout, keepAliveInterval, userAgent);
    }

    public SipConfig withPassword(String newPassword) {
        return new SipConfig(localAddress, localPort, user, newPassword, domain, proxyHost, proxyPort, transport,
                registerExpires, t1, retryMin, retryMax, noAnswerTimeout, keepAliveInterval, userAgent);
    }

    public SipConfig withProxy(String host, int port, String newTransport) {
        return new SipConfig(localAddress, localPort, user, password, domain, host, port, newTransport,
                registerExpires, t1, retryMin, retryMax, noAnswerTimeout, keepAliveInterval, userAgent);
    }

    private static void requirePort(String field, int port, boolean zeroAllowed) {
        if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
            throw new IllegalArgumentException(field + ": " + port + " is not a port");
        }
    }

    private static void requirePositive(String field, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + ": must be a positive duration");
        }
    }

    /** SIP user, host and domain values: no blanks, no characters that would need escaping. */
    static String requireToken(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": must not be blank");
        }
        if (value.length() > 128) {
            throw new IllegalArgumentException(field + ": longer than 128 characters");
        }
        for (char ch : value.toCharArray()) {
            if (!(Character.isLetterOrDigit(ch) && ch < 128) && "-_.!~*'()+:[]".indexOf(ch) < 0) {
                throw new IllegalArgumentException(field + ": character '" + ch + "' is not allowed in a SIP URI");
            }
        }
        return value;
    }

    @Override
    public String toString() {
        return "SipConfig[" + user + "@" + domain + " via " + proxyHost + ":" + proxyPort + ";" + transport
                + ", local " + localAddress.getHostAddress() + ":" + localPort + ", password=***]";
    }
}
