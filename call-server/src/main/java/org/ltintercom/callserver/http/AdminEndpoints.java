package org.ltintercom.callserver.http;

import org.ltintercom.callserver.cdr.CdrStore;
import org.ltintercom.callserver.store.Database;
import org.ltintercom.callserver.users.UserStore;

import java.sql.SQLException;

/** Operator endpoints (admin token): health. The CDR insert lives with the other CDR endpoints. */
final class AdminEndpoints {
    private final Database db;
    private final Authenticator auth;

    AdminEndpoints(Database db, Authenticator auth) {
        this.db = db;
        this.auth = auth;
    }

    ApiResponse health(ApiRequest request) throws SQLException {
        auth.requireAdmin(request);
        return db.inReadTransaction(c -> ApiResponse.ok().with("users", UserStore.count(c))
                .with("cdrs", CdrStore.count(c)));
    }
}
