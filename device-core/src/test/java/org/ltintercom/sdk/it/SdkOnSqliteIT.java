package org.ltintercom.sdk.it;

/** The SDK scenarios against a real call-server on its SQLite file. */
class SdkOnSqliteIT extends SdkScenarios {
    @Override
    CallServerBackend backend() {
        return CallServerBackend.sqlite();
    }
}
