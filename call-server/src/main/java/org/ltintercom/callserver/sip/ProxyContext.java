package org.ltintercom.callserver.sip;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/** What every proxied call needs from the SIP service: the wire, its settings, the location service, CDRs, timers. */
record ProxyContext(ProxyStack stack, HopHeaders hops, Replies replies, SipSettings settings, LocationService locations,
                    ActiveCalls calls, CdrRecorder cdrs, ScheduledExecutorService timers, LongSupplier clock) {
}
