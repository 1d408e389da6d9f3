package org.ltintercom.hal.presenter;

import org.ltintercom.sdk.call.LTCallPresenter;

/** Connects the SDK's {@link LTCallPresenter} to a {@link PresenterRenderer}. */
public final class PresenterAdapter {

    private PresenterAdapter() {
    }

    /** Makes {@code renderer} the presenter's listener (the presenter has one listener). */
    public static void attach(LTCallPresenter presenter, PresenterRenderer renderer) {
        presenter.setListener((call, state) -> renderer.onCallChanged(call.getCallID(), state));
    }
}
