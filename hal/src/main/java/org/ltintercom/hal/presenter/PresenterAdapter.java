package org.ltintercom.hal.presenter;

import org.ltintercom.sdk.call.LTCallPresenter;

/** Connects the SDK's {@link LTCallPresenter} to a {@link PresenterRenderer}. */
public final class PresenterAdapter {

    private PresenterAdapter() {
    }

    /**
     * Makes {@code renderer} the presenter's listener (the presenter has one listener) and rings
     * with the ringtone the presenter was configured with, if any. Connected calls must still be
     * reported with {@link PresenterRenderer#onCallConnected} from the call's state listener.
     */
    public static void attach(LTCallPresenter presenter, PresenterRenderer renderer) {
        renderer.useRingtoneFile(presenter.ringtone());
        presenter.setListener((call, state) -> renderer.onCallChanged(call.getCallID(), state));
    }
}
