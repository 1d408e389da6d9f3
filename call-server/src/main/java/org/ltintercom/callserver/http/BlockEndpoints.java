package org.ltintercom.callserver.http;

import org.ltintercom.callserver.block.BlockStore;
import org.ltintercom.callserver.json.FieldException;
import org.ltintercom.callserver.json.JsonFields;
import org.ltintercom.callserver.store.Database;
import org.ltintercom.callserver.users.TokenStore;
import org.ltintercom.callserver.users.UserStore;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** block, unblock and block/list: who may not call the signed-in user. */
final class BlockEndpoints {
    private static final Set<String> CHANGE_FIELDS = Set.of("userID", "blockUserIDs");
    private static final Set<String> LIST_FIELDS = Set.of("userID");

    private final Database db;
    private final Authenticator auth;

    BlockEndpoints(Database db, Authenticator auth) {
        this.db = db;
        this.auth = auth;
    }

    ApiResponse block(ApiRequest request) throws SQLException {
        return db.inTransaction(c -> {
            Change change = change(request, c);
            BlockStore.block(c, change.userID(), change.others());
            return ApiResponse.ok();
        });
    }

    ApiResponse unblock(ApiRequest request) throws SQLException {
        return db.inTransaction(c -> {
            Change change = change(request, c);
            BlockStore.unblock(c, change.userID(), change.others());
            return ApiResponse.ok();
        });
    }

    ApiResponse list(ApiRequest request) throws SQLException {
        return db.inReadTransaction(c -> {
            TokenStore.Session session = auth.session(request, c);
            String userID = request.json(LIST_FIELDS).text("userID");
            Authenticator.requireSelf(session, userID);
            return ApiResponse.ok().with("userIDs", BlockStore.list(c, userID));
        });
    }

    private record Change(String userID, Set<String> others) {
    }

    /** Validates a block/unblock request completely before anything is written. */
    private Change change(ApiRequest request, Connection c) throws SQLException {
        TokenStore.Session session = auth.session(request, c);
        JsonFields f = request.json(CHANGE_FIELDS);
        String userID = f.text("userID");
        List<String> others = f.textList("blockUserIDs");
        Authenticator.requireSelf(session, userID);
        for (int i = 0; i < others.size(); i++) {
            String other = others.get(i);
            if (other.equals(userID)) {
                throw new FieldException("blockUserIDs[" + i + "]", "a user cannot block themselves");
            }
            if (!UserStore.exists(c, other)) {
                throw new ApiException(ReturnCode.NOT_FOUND, "blockUserIDs[" + i + "]: no such user");
            }
        }
        return new Change(userID, new LinkedHashSet<>(others));
    }
}
