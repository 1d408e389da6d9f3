package org.ltintercom.callserver;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ltintercom.callserver.RestClient.json;

class BlockListIT extends BackendScenarios {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void blockUnblockAndListAreIdempotentAndSorted(Backend backend, @TempDir Path dir) throws Exception {
        try (ServerFixture f = serve(backend, dir, 12)) {
            String token = f.init(0);
            assertEquals(0, block(f, token, "/v1/block", "u-10", "u-3", "u-12").code());
            assertEquals(0, block(f, token, "/v1/block", "u-3", "u-3").code(), "blocking twice is fine");
            assertEquals(List.of("u-10", "u-12", "u-3"), list(f, token));
            assertEquals(0, block(f, token, "/v1/unblock", "u-12", "u-5").code(), "unblocking a non-blocked user is fine");
            assertEquals(List.of("u-10", "u-3"), list(f, token));
            assertEquals(0, block(f, token, "/v1/unblock", "u-12").code());
            assertEquals(List.of("u-10", "u-3"), list(f, token));
            assertEquals(List.of(), list(f, f.init(1)), "block lists are per user");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anUnknownUserInTheListIs404AndNothingIsBlocked(Backend backend, @TempDir Path dir) throws Exception {
        try (ServerFixture f = serve(backend, dir, 4)) {
            String token = f.init(0);
            assertEquals(0, block(f, token, "/v1/block", "u-4").code());
            List<String> before = f.snapshot();
            RestClient.Reply r = block(f, token, "/v1/block", "u-2", "u-99", "u-3");
            assertEquals(404, r.status());
            assertEquals(404, r.code());
            assertEquals("blockUserIDs[1]: no such user", r.message());
            RestClient.Reply un = block(f, token, "/v1/unblock", "u-4", "ghost");
            assertEquals("blockUserIDs[1]: no such user", un.message());
            assertEquals(before, f.snapshot());
            assertEquals(List.of("u-4"), list(f, token));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void usersCannotBlockThemselvesOrActForOthers(Backend backend, @TempDir Path dir) throws Exception {
        try (ServerFixture f = serve(backend, dir, 3)) {
            String token = f.init(0);
            List<String> before = f.snapshot();
            RestClient.Reply self = block(f, token, "/v1/block", "u-2", "u-1");
            assertEquals(6, self.code());
            assertEquals("blockUserIDs[1]: a user cannot block themselves", self.message());
            RestClient.Reply forOther = f.client.post("/v1/block", token, json("userID", "u-2",
                    "blockUserIDs", List.of("u-3")));
            assertEquals(403, forOther.status());
            assertEquals(1, forOther.code());
            RestClient.Reply listOther = f.client.post("/v1/block/list", token, json("userID", "u-2"));
            assertEquals(403, listOther.status());
            assertEquals(before, f.snapshot());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aListOfMoreThan200IsRefused(Backend backend, @TempDir Path dir) throws Exception {
        try (ServerFixture f = serve(backend, dir, 2)) {
            String token = f.init(0);
            List<String> many = new ArrayList<>();
            for (int i = 0; i < 201; i++) {
                many.add("u-2");
            }
            RestClient.Reply r = f.client.post("/v1/block", token, json("userID", "u-1", "blockUserIDs", many));
            assertEquals(6, r.code());
            assertEquals("blockUserIDs: must have 1 to 200 entries", r.message());
        }
    }

    private static RestClient.Reply block(ServerFixture f, String token, String path, String... others) {
        return f.client.post(path, token, json("userID", "u-1", "blockUserIDs", List.of(others)));
    }

    private static List<String> list(ServerFixture f, String token) {
        String me = f.client.get("/v1/users", token).body().get("users").get(0).get("userID").asText();
        RestClient.Reply r = f.client.post("/v1/block/list", token, json("userID", me));
        assertEquals(0, r.code(), r.body().toString());
        List<String> out = new ArrayList<>();
        r.body().get("userIDs").forEach(n -> out.add(n.asText()));
        return out;
    }
}
