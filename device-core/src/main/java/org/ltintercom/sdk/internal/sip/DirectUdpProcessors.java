package org.ltintercom.sdk.internal.sip;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ListeningPoint;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.LinkedList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * jain-sip's message processors ({@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY}) with a UDP
 * listening point that receives on the thread that parses. jain-sip's own receives each datagram on
 * one thread and queues it for a worker thread, which parses it and calls the listener: one more
 * thread wake-up for every SIP message that arrives (30-40 us of an INVITE's 270-310 us from the
 * socket to the SDK's listener, measured on this project's 2-core machine under SipSetupBench), one
 * more thread, and a new 64 kB buffer per datagram.
 * Here the worker takes each datagram straight from the socket into one reused buffer (jain-sip
 * copies the bytes out before parsing). A burst waits in the kernel's receive buffer instead of a
 * Java queue without bound. TCP is jain-sip's as it is.
 *
 * <p>This relies on jain-sip 1.3.0-91's processor internals (its protected queue, socket, channel
 * list and running flag, and its worker's loop of {@code take()}, parse, dispatch); SipStackHostTest
 * and every SIP test run through it.
 */
public final class DirectUdpProcessors implements MessageProcessorFactory {

    private final OIOMessageProcessorFactory jainSip = new OIOMessageProcessorFactory();

    /** Instantiated by jain-sip through its no-argument constructor. */
    public DirectUdpProcessors() {
        // nothing to set up
    }

    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port,
                                                   String transport) throws IOException {
        if (ListeningPoint.UDP.equalsIgnoreCase(transport) && sendFromListeningSocket(stack)) {
            return new Processor(address, stack, port);
        }
        return jainSip.createMessageProcessor(stack, address, port, transport);
    }

    /**
     * Sets what jain-sip's own factory sets for a UDP listening point: that requests go out from the
     * listening socket (else each leaves from a new socket, and a proxy answering to the source port,
     * as {@code rport} asks, answers where nobody listens). The flag is package-private in
     * jain-sip; if it cannot be set, the stack keeps jain-sip's UDP processor.
     */
    private static boolean sendFromListeningSocket(SIPTransactionStack stack) {
        try {
            Field udpFlag = SIPTransactionStack.class.getDeclaredField("udpFlag");
            udpFlag.setAccessible(true);
            udpFlag.setBoolean(stack, true);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LoggerFactory.getLogger(DirectUdpProcessors.class).warn(
                    "SIP: jain-sip's UDP processor kept (its udpFlag cannot be set: {})", e.toString());
            return false;
        }
    }

    /** A UDP listening point whose one worker receives, parses and dispatches. */
    static final class Processor extends UDPMessageProcessor {
        private static final Logger LOG = LoggerFactory.getLogger(Processor.class);

        Processor(InetAddress address, SIPTransactionStack stack, int port) throws IOException {
            super(address, stack, port);
            messageQueue = new ReceivingQueue();
        }

        /** No receiver thread: the worker, named {@code <stack>-udp}, is started here and receives itself. */
        @Override
        public void start() {
            isRunning = true;
            messageChannels = new LinkedList<>(); // jain-sip makes it in its receiver thread
            String stackName = getSIPStack() instanceof SipStackImpl s ? s.getStackName() : "lt-sip-stack";
            messageChannels.add(new Worker(getSIPStack(), this, stackName + "-udp"));
        }

        @Override
        public void run() {
            // jain-sip's receiver loop; never started (see start())
        }

        /**
         * The worker's queue: {@code take()} is the next datagram from the socket. Closing the socket
         * (stop) ends the worker: its loop returns on an interrupt once the processor stopped running.
         */
        private final class ReceivingQueue extends LinkedBlockingQueue<DatagramQueuedMessageDispatch> {
            private static final long serialVersionUID = 1L;
            private final byte[] buffer = new byte[getMaximumMessageSize()];

            @Override
            public DatagramQueuedMessageDispatch take() throws InterruptedException {
                return receive(0);
            }

            /** Used by jain-sip's thread auditor, which is off here; still honours the timeout. */
            @Override
            public DatagramQueuedMessageDispatch poll(long timeout, TimeUnit unit) throws InterruptedException {
                return receive((int) Math.max(1, Math.min(Integer.MAX_VALUE, unit.toMillis(timeout))));
            }

            private DatagramQueuedMessageDispatch receive(int timeoutMillis) throws InterruptedException {
                while (true) {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    try {
                        if (sock.getSoTimeout() != timeoutMillis) {
                            sock.setSoTimeout(timeoutMillis);
                        }
                        sock.receive(packet);
                        return new DatagramQueuedMessageDispatch(packet, System.currentTimeMillis());
                    } catch (SocketTimeoutException quiet) {
                        return null;
                    } catch (IOException e) {
                        if (!isRunning || sock.isClosed()) {
                            throw new InterruptedException("SIP UDP socket closed");
                        }
                        // e.g. an ICMP error surfacing on the socket: the next datagram is still wanted
                        LOG.debug("SIP UDP receive failed, receiving on: {}", e.toString());
                    }
                }
            }
        }
    }

    /** jain-sip's UDP worker; its constructor starts its (daemon) thread under {@code name}. */
    private static final class Worker extends UDPMessageChannel {
        Worker(SIPTransactionStack stack, UDPMessageProcessor processor, String name) {
            super(stack, processor, name);
        }
    }
}
