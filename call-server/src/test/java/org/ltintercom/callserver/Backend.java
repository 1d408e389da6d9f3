package org.ltintercom.callserver;

/** The databases every REST scenario runs against. */
enum Backend {
    SQLITE, POSTGRESQL
}
