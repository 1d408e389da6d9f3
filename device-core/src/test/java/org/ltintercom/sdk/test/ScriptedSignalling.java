package org.ltintercom.sdk.test;

import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.call.LTCallQualityStats;
import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.internal.call.CallEvents;
import org.ltintercom.sdk.internal.call.CallLeg;
import org.ltintercom.sdk.internal.call.CallSetup;
import org.ltintercom.sdk.internal.call.CallSignalling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test implementation of the SDK's own signalling seam: records every command a call gives its
 * leg, and lets the test play the signalling's events (ringing, answered, ended ...) by callID.
 */
public final class ScriptedSignalling implements CallSignalling {
    private final Map<String, CallEvents> eventsByCall = new ConcurrentHashMap<>();
    private final Map<String, CallSetup> setups = new ConcurrentHashMap<>();
    private final List<String> commands = new ArrayList<>();
    private final Map<String, LTCallQualityStats> quality = new ConcurrentHashMap<>();
    private volatile boolean closed;

    @Override
    public CallLeg placeCall(CallSetup setup, CallEvents events) {
        return leg("place", setup, events);
    }

    @Override
    public CallLeg awaitIncomingCall(CallSetup setup, CallEvents events) {
        return leg("await", setup, events);
    }

    private CallLeg leg(String how, CallSetup setup, CallEvents events) {
        setups.put(setup.callID(), setup);
        eventsByCall.put(setup.callID(), events);
        record(how + " " + setup.callID());
        return new Leg(setup.callID());
    }

    @Override
    public void close() {
        closed = true;
        record("close");
    }

    public boolean closed() {
        return closed;
    }

    /** What the leg of {@code callID} says about its audio quality from now on, as a media engine would. */
    public void quality(String callID, LTCallQualityStats stats) {
        quality.put(callID, stats);
    }

    /** The events of a call, to play the signalling's side. */
    public CallEvents events(String callID) {
        CallEvents events = eventsByCall.get(callID);
        if (events == null) {
            throw new AssertionError("call " + callID + " was never signalled");
        }
        return events;
    }

    public CallSetup setup(String callID) {
        return setups.get(callID);
    }

    public synchronized List<String> commands() {
        return List.copyOf(commands);
    }

    /** Commands given to the leg of one call, without the callID ("answer", "reject 4", "hold true" ...). */
    public synchronized List<String> commands(String callID) {
        String suffix = " @" + callID;
        return commands.stream().filter(c -> c.endsWith(suffix)).map(c -> c.substring(0, c.length() - suffix.length())).toList();
    }

    private synchronized void record(String command) {
        commands.add(command);
    }

    private final class Leg implements CallLeg {
        private final String callID;

        Leg(String callID) {
            this.callID = callID;
        }

        private void note(String command) {
            record(command + " @" + callID);
        }

        @Override
        public void answer() {
            note("answer");
        }

        @Override
        public void reject(LTCallStatusCode status) {
            note("reject " + status.code());
        }

        @Override
        public void hangup() {
            note("hangup");
        }

        @Override
        public void hold(boolean held) {
            note("hold " + held);
        }

        @Override
        public void sendDtmf(char digit, boolean playTone) {
            note("dtmf " + digit + (playTone ? " tone" : ""));
        }

        @Override
        public void setMuted(boolean muted) {
            note("mute " + muted);
        }

        @Override
        public void setAudioRoute(LTAudioRoute route) {
            note("route " + route);
        }

        @Override
        public LTCallQualityStats qualityStats() {
            return quality.getOrDefault(callID, LTCallQualityStats.EMPTY);
        }
    }
}
