package org.ltintercom.callserver.testing.peers;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Kamailio as a registrar + stateful record-routing proxy on 127.0.0.1 (UDP and
 * TCP on one free port), config generated into a temp dir. Fixed users with plain passwords
 * in the config (no database), digest via the auth module's {@code pv_auth_check}, with or
 * without {@code qop=auth}. Runs in the foreground; stopped by PID. {@link #restart()} brings
 * it back on the same port with an empty location table (a server restart). Initial INVITEs
 * and the 2xx answering them are logged with their SDP bodies ({@code lt-wire ...} lines in
 * {@link #log()}) so tests can check what went over the wire. The arrival time of each initial
 * INVITE and of the 200 OK answering it are logged too ({@code lt-time ...}, Kamailio's own
 * microsecond clock): {@link #inviteToOkMicros()} gives the call set-up time as the proxy sees it,
 * the same measure for any pair of phones; the relaying of the authorised INVITE splits it into
 * the caller's share and the callee's ({@link #inviteToRelayMicros()}, {@link #relayToOkMicros()}).
 */
public final class Kamailio implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final Map<String, String> users;
    private final int minExpires;
    private final boolean qop;
    private PeerProcess process;

    private Kamailio(Path dir, int port, Map<String, String> users, int minExpires, boolean qop) {
        this.dir = dir;
        this.port = port;
        this.users = new TreeMap<>(users);
        this.minExpires = minExpires;
        this.qop = qop;
    }

    /** Starts with these users (name -> password); REGISTER expiries below {@code minExpires} get 423. */
    public static Kamailio start(Map<String, String> users, int minExpires, boolean qop) throws IOException,
            InterruptedException {
        Kamailio k = new Kamailio(PeerProcess.tempDir("kamailio"), FreePorts.one(), users, minExpires, qop);
        k.launch();
        return k;
    }

    public int port() {
        return port;
    }

    /** Stops Kamailio and starts it again on the same port; registrations are lost as on a real restart. */
    public void restart() throws IOException, InterruptedException {
        stopProcess();
        launch();
    }

    /** Stops the process but keeps the config, so that {@link #restart()} can bring it back. */
    public void stopProcess() {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    public void launch() throws IOException, InterruptedException {
        Path cfg = dir.resolve("kamailio.cfg");
        Files.writeString(cfg, config(), StandardCharsets.UTF_8);
        process = PeerProcess.start("kamailio", dir, List.of("kamailio", "-f", cfg.toString(), "-DD", "-E",
                "-Y", dir.toString(), "-w", dir.toString(), "-m", "32", "-M", "4"));
        if (!PeerProcess.await(Duration.ofSeconds(15), this::answersOptions)) {
            String log = process.tail();
            close();
            throw new IllegalStateException("kamailio did not come up on 127.0.0.1:" + port + "; log:\n" + log);
        }
    }

    /** A stateless OPTIONS probe: any SIP response means the UDP listener runs. */
    private boolean answersOptions() {
        if (!process.isAlive()) {
            return false;
        }
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(FreePorts.LOOPBACK, 0))) {
            s.setSoTimeout(200);
            String branch = "z9hG4bK" + System.nanoTime();
            String probe = "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + s.getLocalPort() + ";branch=" + branch + "\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=p\r\nTo: <sip:127.0.0.1>\r\n"
                    + "Call-ID: " + branch + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            byte[] b = probe.getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(b, b.length, new InetSocketAddress(FreePorts.LOOPBACK, port)));
            byte[] buf = new byte[4096];
            s.receive(new DatagramPacket(buf, buf.length));
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    public String log() {
        return process == null ? "" : process.log();
    }

    /**
     * Per answered call, in the order the calls began: microseconds from the caller's first INVITE
     * reaching the proxy (before its digest challenge) to the callee's 200 OK reaching it.
     *
     * @return Call-ID -> set-up time; calls without a 200 OK are left out
     */
    public Map<String, Long> inviteToOkMicros() {
        return between("invite", "ok");
    }

    /**
     * Per answered call: the caller's share, microseconds from its first INVITE reaching the proxy
     * to its authorised INVITE being relayed (the 407, the ACK and the second INVITE; for a caller
     * that answers the challenge ahead, only the proxy's own handling).
     */
    public Map<String, Long> inviteToRelayMicros() {
        return between("invite", "relay");
    }

    /** Per answered call: the callee's share, microseconds from the authorised INVITE being relayed to the 200 OK reaching the proxy. */
    public Map<String, Long> relayToOkMicros() {
        return between("relay", "ok");
    }

    /** Answered calls only (those with a 200 OK), in the order they began. */
    private Map<String, Long> between(String from, String to) {
        Map<String, Map<String, Long>> times = Map.of("invite", new LinkedHashMap<>(), "relay", new LinkedHashMap<>(),
                "ok", new LinkedHashMap<>());
        Matcher m = TIME_LINE.matcher(log());
        while (m.find()) {
            long micros = Long.parseLong(m.group(2)) * 1_000_000 + Long.parseLong(m.group(3));
            times.get(m.group(1)).putIfAbsent(m.group(4), micros);
        }
        Map<String, Long> out = new LinkedHashMap<>();
        times.get(from).forEach((callId, at) -> {
            Long done = times.get(to).get(callId);
            if (done != null && times.get("ok").containsKey(callId)) {
                out.put(callId, done - at);
            }
        });
        return out;
    }

    private static final Pattern TIME_LINE = Pattern.compile("lt-time (invite|relay|ok) (\\d+)\\.(\\d{6}) (\\S+)");

    private String config() {
        StringBuilder passwords = new StringBuilder();
        users.forEach((user, pass) -> passwords.append("    if ($fU == \"").append(user)
                .append("\") { $var(pass) = \"").append(pass).append("\"; }\n"));
        return """
                #!KAMAILIO
                debug=2
                log_stderror=yes
                children=2
                tcp_children=2
                listen=udp:127.0.0.1:%1$d
                listen=tcp:127.0.0.1:%1$d
                alias=127.0.0.1:%1$d
                alias=127.0.0.1:5060
                mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/:/usr/lib/aarch64-linux-gnu/kamailio/modules/:/usr/lib/arm-linux-gnueabihf/kamailio/modules/"
                loadmodule "tm.so"
                loadmodule "sl.so"
                loadmodule "rr.so"
                loadmodule "pv.so"
                loadmodule "maxfwd.so"
                loadmodule "textops.so"
                loadmodule "siputils.so"
                loadmodule "usrloc.so"
                loadmodule "registrar.so"
                loadmodule "xlog.so"
                loadmodule "auth.so"
                modparam("usrloc", "db_mode", 0)
                modparam("registrar", "min_expires", %2$d)
                modparam("registrar", "default_expires", 600)
                modparam("registrar", "max_expires", 3600)
                request_route {
                    if (is_method("INVITE") && !has_totag()) { xlog("L_NOTICE", "lt-time invite $TV(Sn) $ci\n"); }
                    if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
                    if (has_totag()) {
                        if (loose_route()) { t_relay(); exit; }
                        if (is_method("ACK")) { if (t_check_trans()) { t_relay(); } exit; }
                        sl_send_reply("404", "Not here"); exit;
                    }
                    if (is_method("CANCEL")) { if (t_check_trans()) { t_relay(); } exit; }
                    t_check_trans();
                    if (is_method("REGISTER|INVITE")) { route(AUTH); }
                    if (is_method("REGISTER")) { if (!save("location")) { sl_reply_error(); } exit; }
                    if (is_method("INVITE")) {
                        record_route();
                        xlog("L_NOTICE", "lt-time relay $TV(Sn) $ci\n");
                        xlog("L_NOTICE", "lt-wire request $rm $ru\n$rb\n");
                        t_on_reply("WIRE");
                    }
                    if (!lookup("location")) { sl_send_reply("404", "Not Found"); exit; }
                    t_relay();
                    exit;
                }
                onreply_route[WIRE] {
                    if ($rs == 200) { xlog("L_NOTICE", "lt-time ok $TV(Sn) $ci\n"); }
                    if ($rs =~ "^2") { xlog("L_NOTICE", "lt-wire reply $rs $rm\n$rb\n"); }
                }
                route[AUTH] {
                    $var(pass) = "";
                %3$s
                    if ($var(pass) == "") { sl_send_reply("403", "Forbidden"); exit; }
                    if (!pv_auth_check("$fd", "$var(pass)", "0", "1")) { auth_challenge("$fd", "%4$s"); exit; }
                    consume_credentials();
                }
                """.formatted(port, minExpires, passwords, qop ? "1" : "0");
    }

    @Override
    public void close() {
        stopProcess();
        PeerProcess.deleteTree(dir);
    }
}
