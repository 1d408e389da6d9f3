package org.ltintercom.sdk.internal.sip;

import gov.nist.javax.sip.ListeningPointImpl;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ListeningPoint;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ConcurrentModificationException;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One jain-sip stack for one SDK instance: UDP and TCP listening points on one local address
 * and port, one provider, and the message/header/address factories. It is created directly
 * (not through {@code SipFactory}, which caches stacks process-wide) under a unique name,
 * logs through SLF4J and runs its timers on {@link DaemonSipTimer}; {@link #close()} stops
 * every thread the stack started.
 */
public final class SipStackHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SipStackHost.class);
    private static final AtomicInteger STACK_NUMBER = new AtomicInteger();
    private static final int BIND_ATTEMPTS = 10;
    /** Larger SIP messages are dropped before parsing (a REGISTER or INVITE is a few kB). */
    static final int MAX_MESSAGE_SIZE = 64 * 1024;

    private final SipStackImpl stack;
    private final SipProvider provider;
    private final int port;
    private final InetAddress address;
    private final AddressFactory addressFactory = new AddressFactoryImpl();
    private final HeaderFactory headerFactory = new HeaderFactoryImpl();
    private final MessageFactory messageFactory = new MessageFactoryImpl();

    /** Threads alive before this stack was created: everything else with a stack thread name is ours. */
    private final Set<Thread> threadsBefore;

    private SipStackHost(SipStackImpl stack, SipProvider provider, InetAddress address, int port,
                         Set<Thread> threadsBefore) {
        this.stack = stack;
        this.threadsBefore = threadsBefore;
        this.provider = provider;
        this.address = address;
        this.port = port;
    }

    /**
     * Starts a stack listening on {@code address:port} for UDP and TCP; {@code port} 0 picks a
     * port free for both. SIP requests and responses go to {@code listener} on jain-sip threads.
     */
    public static SipStackHost start(InetAddress address, int port, SipListener listener) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " is not 0..65535");
        }
        IOException last = null;
        for (int attempt = 0; attempt < (port == 0 ? BIND_ATTEMPTS : 1); attempt++) {
            int chosen = port == 0 ? freeUdpAndTcpPort(address) : port;
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            SipStackImpl stack = newStack(address);
            try {
                ListeningPoint udp = stack.createListeningPoint(address.getHostAddress(), chosen, ListeningPoint.UDP);
                ListeningPoint tcp = stack.createListeningPoint(address.getHostAddress(), chosen, ListeningPoint.TCP);
                SipProvider provider = stack.createSipProvider(udp);
                provider.addListeningPoint(tcp);
                provider.addSipListener(listener);
                stack.start();
                LOG.info("SIP stack {} listening on {}:{} (UDP, TCP)", stack.getStackName(),
                        address.getHostAddress(), chosen);
                threadsOf(stack, before); // names the event scanner after the stack
                return new SipStackHost(stack, provider, address, chosen, before);
            } catch (Exception e) {
                stack.stop();
                endThreads(stack, threadsOf(stack, before));
                last = new IOException("SIP: cannot listen on " + address.getHostAddress() + ":" + chosen
                        + " (UDP and TCP): " + e.getMessage(), e);
            }
        }
        throw last;
    }

    private static SipStackImpl newStack(InetAddress address) throws IOException {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "lt-sip-stack-" + STACK_NUMBER.incrementAndGet());
        p.setProperty("javax.sip.IP_ADDRESS", address.getHostAddress());
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jMessageLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.TIMER_CLASS_NAME", DaemonSipTimer.class.getName());
        // One UDP worker thread, and the listener called on it (REENTRANT_LISTENER below): SipEndpoint
        // only hands each event to the SDK's SIP thread, so jain-sip's own event-scanner thread was one
        // more thread wake-up per received message (~0.5 ms of a call's INVITE -> 200 through a proxy,
        // SipSetupBench). One worker keeps the messages of a transaction in the order they arrived.
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
        // ... and that worker receives its datagrams itself (DirectUdpProcessors): no receiver thread
        // handing each message over. Datagrams that arrive while it parses wait in the kernel's buffer.
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", DirectUdpProcessors.class.getName());
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(256 * 1024));
        // plain messages read in one pass, anything else by jain-sip's parser (LeanSipParser)
        p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", LeanSipParser.Factory.class.getName());
        // no congestion auditor (a timer thread dropping messages queued too long): nothing is queued
        p.setProperty("gov.nist.javax.sip.CONGESTION_CONTROL_TIMEOUT", "0");
        // no TCP post-parsing pool: jain-sip keeps it in a static field shared by all stacks of the
        // process, and each new stack or stop() shuts down the others' pool
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(MAX_MESSAGE_SIZE));
        p.setProperty("gov.nist.javax.sip.MAX_CONNECTIONS", "64");
        p.setProperty("gov.nist.javax.sip.READ_TIMEOUT", "5000");
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", "500");
        p.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", "500");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "false");
        // No AGGRESSIVE_CLEANUP: it re-encodes every INVITE into bytes when its final response is sent
        // (13 % of sending a 200 in a profile of an answering device) to drop the parsed request a
        // few seconds early; a device has one or two calls' transactions alive at a time.
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        p.setProperty("gov.nist.javax.sip.NETWORK_LAYER", PlainNetworkLayer.class.getName());
        p.setProperty("gov.nist.javax.sip.SECURITY_MANAGER_PROVIDER", PlainNetworkLayer.NoKeyStores.class.getName());
        try {
            return new SipStackImpl(p);
        } catch (javax.sip.PeerUnavailableException e) {
            throw new IOException("SIP: cannot create the stack: " + e.getMessage(), e);
        }
    }

    /** A port that is free for both UDP and TCP on {@code address} right now. */
    static int freeUdpAndTcpPort(InetAddress address) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.setReuseAddress(false);
                tcp.bind(new InetSocketAddress(address, 0));
                int candidate = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, candidate))) {
                    return candidate;
                } catch (IOException busy) {
                    // UDP side taken: try another
                }
            }
        }
        throw new IOException("SIP: no port free for both UDP and TCP on " + address.getHostAddress());
    }

    public SipProvider provider() {
        return provider;
    }

    public AddressFactory addresses() {
        return addressFactory;
    }

    public HeaderFactory headers() {
        return headerFactory;
    }

    public MessageFactory messages() {
        return messageFactory;
    }

    public InetAddress address() {
        return address;
    }

    public int port() {
        return port;
    }

    public String stackName() {
        return stack.getStackName();
    }

    /** Stops the stack, closes its sockets and ends its threads. Idempotent. */
    @Override
    public void close() {
        java.util.List<MessageProcessor> processors = new java.util.ArrayList<>();
        for (java.util.Iterator<?> points = stack.getListeningPoints(); points.hasNext(); ) {
            if (points.next() instanceof ListeningPointImpl point) {
                processors.add(point.getMessageProcessor());
            }
        }
        try {
            stack.stop();
        } catch (ConcurrentModificationException race) {
            // jain-sip 1.3.0-91's UDPMessageProcessor.stop() walks its list of channels while the
            // channels' own threads, just started or just ending, change it (2 closes in 150 right
            // after a start, here). It had closed the socket; its channels and its congestion
            // auditor's timer thread were left. Stop the UDP processors again once their lists have
            // settled, then the rest of the stack (TCP, timers, event scanner).
            LOG.info("SIP stack {}: jain-sip raced its UDP workers while stopping; stopping again",
                    stack.getStackName());
            for (MessageProcessor p : processors) {
                if (p instanceof UDPMessageProcessor) {
                    stopSettled(p);
                }
            }
            stack.stop();
        }
        // looked up now, not at start: TCP reader threads come and go with connections
        endThreads(stack, threadsOf(stack, threadsBefore));
        LOG.info("SIP stack {} stopped", stack.getStackName());
    }

    /** Stops {@code processor}, again while its channel list is still changing (up to 1 s). */
    private static void stopSettled(MessageProcessor processor) {
        for (int attempt = 1; ; attempt++) {
            try {
                processor.stop();
                return;
            } catch (ConcurrentModificationException stillChanging) {
                if (attempt == 50) {
                    LOG.warn("SIP stack: a UDP listening point did not stop cleanly: {}", stillChanging.toString());
                    return;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * The threads this stack started: its event scanner (a non-daemon thread named
     * "EventScannerThread" that waits on a queue forever after {@code stop()}) and its UDP
     * worker ({@code <stack>-udp}, which ends when stop closes its socket). Found by comparing the
     * live threads with those from before the stack was created.
     */
    private static Set<Thread> threadsOf(SipStackImpl stack, Set<Thread> before) {
        Set<Thread> mine = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (before.contains(t)) {
                continue;
            }
            if (t.getName().equals("EventScannerThread")) {
                t.setName(stack.getStackName() + "-events"); // so a thread dump says whose it is
                mine.add(t);
            } else if (t.getName().startsWith(stack.getStackName() + "-")) {
                mine.add(t);
            }
        }
        return mine;
    }

    /**
     * Whether {@code t} is idle in a queue's {@code take()}. A thread WAITING elsewhere may be in
     * the middle of a message (e.g. on a transaction lock), and interrupting it there makes
     * jain-sip report an internal error instead of ending the thread.
     */
    private static boolean isWaitingForWork(Thread t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getMethodName().equals("take") && frame.getClassName().endsWith("BlockingQueue")) {
                return true;
            }
        }
        return false;
    }

    /**
     * jain-sip's stop() leaves its queue-waiting threads parked: stop the scanner, then interrupt
     * each thread once it waits for work, for up to 3 s.
     */
    private static void endThreads(SipStackImpl stack, Set<Thread> threads) {
        if (stack.getEventScanner() != null) {
            stack.getEventScanner().forceStop();
        }
        long deadline = System.nanoTime() + 3_000_000_000L;
        Set<Thread> alive = new HashSet<>(threads);
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            for (Thread t : alive) {
                if (isWaitingForWork(t)) {
                    t.interrupt();
                }
            }
            try {
                Thread.sleep(10); // threads finishing a message park within milliseconds
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            alive.removeIf(t -> !t.isAlive());
        }
        for (Thread t : alive) {
            LOG.warn("SIP stack {}: thread {} did not end", stack.getStackName(), t.getName());
        }
    }
}
