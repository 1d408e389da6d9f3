package org.ltintercom.callserver.sip;

import gov.nist.javax.sip.SipStackImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
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
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * call-server's jain-sip stack: one provider listening on UDP and TCP at the same port, logging to
 * SLF4J, and a {@link #close()} that ends every thread the stack started (jain-sip's stop()
 * leaves its non-daemon event scanner and its UDP workers parked on their queues).
 */
final class ProxyStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyStack.class);
    private static final AtomicInteger NUMBER = new AtomicInteger();
    /** Largest message accepted: bigger ones (1 MB bodies over TCP) are dropped by the stack. */
    static final int MAX_MESSAGE_SIZE = 64 * 1024;

    private final SipStackImpl stack;
    private final SipProvider provider;
    private final int port;
    private final Set<Thread> threads;
    final AddressFactory addresses;
    final HeaderFactory headers;
    final MessageFactory messages;

    private ProxyStack(SipStackImpl stack, SipProvider provider, int port, Set<Thread> threads) throws IOException {
        this.stack = stack;
        this.provider = provider;
        this.port = port;
        this.threads = threads;
        try {
            SipFactory f = SipFactory.getInstance();
            this.addresses = f.createAddressFactory();
            this.headers = f.createHeaderFactory();
            this.messages = f.createMessageFactory();
        } catch (javax.sip.PeerUnavailableException e) {
            throw new IOException("SIP: no jain-sip factories: " + e.getMessage(), e);
        }
    }

    /** Listens on {@code address:port} (0 = a port free for both UDP and TCP). */
    static ProxyStack start(InetAddress address, int port, SipListener listener) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < (port == 0 ? 5 : 1); attempt++) {
            int chosen = port == 0 ? freePort(address) : port;
            Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
            SipStackImpl stack = newStack(address);
            try {
                ListeningPoint udp = stack.createListeningPoint(address.getHostAddress(), chosen, ListeningPoint.UDP);
                ListeningPoint tcp = stack.createListeningPoint(address.getHostAddress(), chosen, ListeningPoint.TCP);
                SipProvider provider = stack.createSipProvider(udp);
                provider.addListeningPoint(tcp);
                provider.addSipListener(listener);
                provider.setAutomaticDialogSupportEnabled(false);
                stack.start();
                return new ProxyStack(stack, provider, chosen, threadsOf(stack, before));
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
        p.setProperty("javax.sip.STACK_NAME", "lt-cs-sip-" + NUMBER.incrementAndGet());
        p.setProperty("javax.sip.IP_ADDRESS", address.getHostAddress());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", JainSipLog.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", JainSipMessageLog.class.getName());
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.TIMER_CLASS_NAME", StackTimer.class.getName());
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(MAX_MESSAGE_SIZE));
        p.setProperty("gov.nist.javax.sip.MAX_CONNECTIONS", "256");
        p.setProperty("gov.nist.javax.sip.READ_TIMEOUT", "5000");
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", "2000");
        p.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", "2000");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "false");
        p.setProperty("gov.nist.javax.sip.AGGRESSIVE_CLEANUP", "true");
        try {
            return new SipStackImpl(p);
        } catch (javax.sip.PeerUnavailableException e) {
            throw new IOException("SIP: cannot create the stack: " + e.getMessage(), e);
        }
    }

    private static int freePort(InetAddress address) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(address, 0));
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, tcp.getLocalPort()))) {
                    return tcp.getLocalPort();
                } catch (IOException udpTaken) {
                    // try another
                }
            }
        }
        throw new IOException("SIP: no port free for both UDP and TCP on " + address.getHostAddress());
    }

    SipProvider provider() {
        return provider;
    }

    int port() {
        return port;
    }

    String host() {
        return provider.getListeningPoint(ListeningPoint.UDP).getIPAddress();
    }

    @Override
    public void close() {
        stack.stop();
        endThreads(stack, threads);
    }

    /** The stack's threads: new since {@code before}; the event scanner is renamed so dumps say whose it is. */
    private static Set<Thread> threadsOf(SipStackImpl stack, Set<Thread> before) {
        Set<Thread> mine = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (before.contains(t)) {
                continue;
            }
            if (t.getName().equals("EventScannerThread")) {
                t.setName(stack.getStackName() + "-events");
                mine.add(t);
            } else if (t.getName().startsWith(stack.getStackName())) {
                mine.add(t);
            }
        }
        return mine;
    }

    /** Interrupts each stack thread once it is idle in a queue take() (never mid-message), for up to 3 s. */
    private static void endThreads(SipStackImpl stack, Set<Thread> threads) {
        if (stack.getEventScanner() != null) {
            stack.getEventScanner().forceStop();
        }
        long deadline = System.nanoTime() + 3_000_000_000L;
        Set<Thread> alive = new HashSet<>(threads);
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            alive.removeIf(t -> !t.isAlive());
            for (Thread t : alive) {
                if (idleInQueue(t)) {
                    t.interrupt();
                }
            }
            try {
                Thread.sleep(10); // parked threads end within milliseconds of the interrupt
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        alive.forEach(t -> LOG.warn("SIP stack {}: thread {} did not end", stack.getStackName(), t.getName()));
    }

    private static boolean idleInQueue(Thread t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getMethodName().equals("take") && frame.getClassName().endsWith("BlockingQueue")) {
                return true;
            }
        }
        return false;
    }
}
