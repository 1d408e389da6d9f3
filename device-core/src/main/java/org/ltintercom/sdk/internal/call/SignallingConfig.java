package org.ltintercom.sdk.internal.call;

import org.ltintercom.sdk.internal.event.EventThread;
import org.ltintercom.sdk.internal.service.SipAccount;
import org.ltintercom.sdk.spi.AudioBackend;

import java.util.Optional;

/**
 * Everything a signalling implementation is given: the signed-in user, the SIP account from
 * {@code init}, the device's audio backend (when the application gave one in {@code LTSDKOptions}),
 * and the SDK event thread (for registration events; call events go through {@link CallEvents}).
 */
public record SignallingConfig(String userID, SipAccount sip, Optional<AudioBackend> audio, EventThread events) {
}
