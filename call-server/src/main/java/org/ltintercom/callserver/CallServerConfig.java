package org.ltintercom.callserver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to run the reference LT call service. Build it with {@link #builder()}; every field has a
 * default that runs a working demo server on loopback:
 *
 * <ul>
 *   <li>{@code host} 127.0.0.1, {@code port} 0 (a free port; see {@link CallServer#httpPort()})</li>
 *   <li>{@code usersFile} null = the bundled demo users</li>
 *   <li>{@code dataDir} ./data; {@code jdbcUrl} null = SQLite file {@code <dataDir>/call-server.db}
 *       ({@code jdbc:postgresql://...} selects PostgreSQL, with {@code jdbcUser}/{@code jdbcPassword})</li>
 *   <li>{@code licenseKeys} ["demo-license"]; {@code adminToken} null = read from, or generated into,
 *       {@code <dataDir>/admin-token} (mode 0600)</li>
 *   <li>{@code sipPort} 0 (a port free for UDP and TCP; see {@link CallServer#sipPort()}); {@code sipDomain} = host,
 *       {@code sipProxy} null = {@code sip:<host>:<the SIP port in use>} (both returned by init)</li>
 *   <li>{@code ringTimeout} 30 s (how long a call rings, or waits for a woken device, before 480);
 *       {@code declineEverywhere} true (one device's 603 ends the call on all of the callee's devices)</li>
 * </ul>
 */
public record CallServerConfig(String host, int port, Path usersFile, Path dataDir, String jdbcUrl, String jdbcUser,
                               String jdbcPassword, List<String> licenseKeys, String adminToken, String sipDomain,
                               String sipProxy, int httpThreads, int sipPort, Duration ringTimeout,
                               boolean declineEverywhere, boolean wakeupAlways) {
    public static final String DEMO_LICENSE_KEY = "demo-license";
    public static final int DEFAULT_SIP_PORT = 5070;

    public CallServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: must be 0-65535");
        }
        licenseKeys = List.copyOf(licenseKeys);
        if (licenseKeys.isEmpty() || licenseKeys.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("licenseKeys: at least one, none blank");
        }
        if (httpThreads < 1) {
            throw new IllegalArgumentException("httpThreads: at least 1");
        }
        if (sipPort < 0 || sipPort > 65535) {
            throw new IllegalArgumentException("sipPort: must be 0-65535");
        }
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        if (ringTimeout.isNegative() || ringTimeout.isZero() || ringTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("ringTimeout: must be more than 0 and at most 10 minutes");
        }
        sipDomain = sipDomain != null ? sipDomain : host;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The JDBC URL in effect: the configured one, or the SQLite file in the data directory. */
    public String effectiveJdbcUrl() {
        return jdbcUrl != null ? jdbcUrl : "jdbc:sqlite:" + dataDir.resolve("call-server.db").toAbsolutePath();
    }

    public Builder toBuilder() {
        return new Builder().host(host).port(port).usersFile(usersFile).dataDir(dataDir).jdbcUrl(jdbcUrl)
                .jdbcUser(jdbcUser).jdbcPassword(jdbcPassword).licenseKeys(licenseKeys).adminToken(adminToken)
                .sipDomain(sipDomain).sipProxy(sipProxy).httpThreads(httpThreads).sipPort(sipPort)
                .ringTimeout(ringTimeout).declineEverywhere(declineEverywhere).wakeupAlways(wakeupAlways);
    }

    @Override
    public String toString() {
        // jdbcPassword and adminToken are secrets
        return "CallServerConfig[host=" + host + ", port=" + port + ", usersFile=" + usersFile + ", dataDir=" + dataDir
                + ", jdbcUrl=" + (jdbcUrl == null ? "(SQLite in dataDir)" : jdbcUrl.replaceAll("\\?.*", "?..."))
                + ", licenseKeys=" + licenseKeys.size() + ", sipDomain=" + sipDomain + ", sipProxy=" + sipProxy
                + ", httpThreads=" + httpThreads + ", sipPort=" + sipPort + ", ringTimeout=" + ringTimeout
                + ", declineEverywhere=" + declineEverywhere + ", wakeupAlways=" + wakeupAlways + "]";
    }

    /** Fluent builder with the defaults above. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private Path usersFile;
        private Path dataDir = Path.of("data");
        private String jdbcUrl;
        private String jdbcUser;
        private String jdbcPassword;
        private List<String> licenseKeys = List.of(DEMO_LICENSE_KEY);
        private String adminToken;
        private String sipDomain;
        private String sipProxy;
        private int httpThreads = 8;
        private int sipPort;
        private Duration ringTimeout = Duration.ofSeconds(30);
        private boolean declineEverywhere = true;
        private boolean wakeupAlways = true;

        private Builder() {
        }

        public Builder host(String v) {
            host = v;
            return this;
        }

        public Builder port(int v) {
            port = v;
            return this;
        }

        public Builder usersFile(Path v) {
            usersFile = v;
            return this;
        }

        public Builder dataDir(Path v) {
            dataDir = v;
            return this;
        }

        public Builder jdbcUrl(String v) {
            jdbcUrl = v;
            return this;
        }

        public Builder jdbcUser(String v) {
            jdbcUser = v;
            return this;
        }

        public Builder jdbcPassword(String v) {
            jdbcPassword = v;
            return this;
        }

        public Builder licenseKeys(List<String> v) {
            licenseKeys = v;
            return this;
        }

        public Builder adminToken(String v) {
            adminToken = v;
            return this;
        }

        public Builder sipDomain(String v) {
            sipDomain = v;
            return this;
        }

        public Builder sipProxy(String v) {
            sipProxy = v;
            return this;
        }

        public Builder httpThreads(int v) {
            httpThreads = v;
            return this;
        }

        public Builder sipPort(int v) {
            sipPort = v;
            return this;
        }

        public Builder ringTimeout(Duration v) {
            ringTimeout = v;
            return this;
        }

        /**
         * True (default): every incoming call publishes the callee's wakeup, as a VoIP push always is, and
         * is also forked to the devices registered now (they match the two by X-LT-Call-ID); false: only
         * when no device of the callee is registered.
         */
        public Builder wakeupAlways(boolean v) {
            wakeupAlways = v;
            return this;
        }

        public Builder declineEverywhere(boolean v) {
            declineEverywhere = v;
            return this;
        }

        public CallServerConfig build() {
            return new CallServerConfig(host, port, usersFile, dataDir, jdbcUrl, jdbcUser, jdbcPassword, licenseKeys,
                    adminToken, sipDomain, sipProxy, httpThreads, sipPort, ringTimeout, declineEverywhere,
                    wakeupAlways);
        }
    }
}
