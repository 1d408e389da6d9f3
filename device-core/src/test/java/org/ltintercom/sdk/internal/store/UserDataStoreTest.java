package org.ltintercom.sdk.internal.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.sdk.LTUser;
import org.ltintercom.sdk.internal.service.SipAccount;
import org.ltintercom.sdk.test.LogCapture;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserDataStoreTest {
    @TempDir
    Path temp;

    static UserData door(String token) {
        return new UserData("door-1", token,
                new LTUser("door-1", "3d6f", "+886900000001", "door-1", "dev-door-1", "lt-intercom", true),
                new SipAccount("door-1", "door-1-sip-secret", "127.0.0.1", "sip:127.0.0.1:5070", List.of("udp", "tcp")),
                null);
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void savedDataReadsBackWhole() throws Exception {
        UserDataStore store = new UserDataStore(temp.resolve("sdk"));
        UserData data = door("tok-1").withNotificationKey("lt/v1/door-1/wakeup");
        store.save(data);
        assertEquals(Optional.of(data), new UserDataStore(temp.resolve("sdk")).load());
    }

    @Test
    void fileIsPrivateToTheServiceUserAndNoTempFileStays() throws Exception {
        Path dir = temp.resolve("sdk");
        UserDataStore store = new UserDataStore(dir);
        store.save(door("tok-1"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("user.json"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals(List.of("user.json"), names(dir));
    }

    @Test
    void aWideDirectoryCreatedByHandIsNarrowedTo0700() throws Exception {
        Path dir = Files.createDirectory(temp.resolve("sdk"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        new UserDataStore(dir).save(door("tok-1"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    @Test
    void saveReplacesTheFileByRenameNotByRewritingItInPlace() throws Exception {
        Path dir = temp.resolve("sdk");
        UserDataStore store = new UserDataStore(dir);
        store.save(door("tok-1"));
        Object firstInode = Files.getAttribute(dir.resolve("user.json"), "unix:ino");
        store.save(door("tok-2"));
        // a new inode: the old file was never opened for writing, so a power cut leaves old or new, never half
        assertNotEquals(firstInode, Files.getAttribute(dir.resolve("user.json"), "unix:ino"));
        assertEquals("tok-2", store.load().orElseThrow().token());
        assertEquals(List.of("user.json"), names(dir));
    }

    @Test
    void aTempFileLeftByACrashDoesNotDisturbLoading() throws Exception {
        Path dir = temp.resolve("sdk");
        UserDataStore store = new UserDataStore(dir);
        store.save(door("tok-1"));
        Files.writeString(dir.resolve("user.json.12345.tmp"), "{\"version\": 1, \"userID\": \"half");
        assertEquals("tok-1", store.load().orElseThrow().token());
    }

    @Test
    void aCorruptFileIsReportedMovedAsideAndTreatedAsNoData() throws Exception {
        Path dir = temp.resolve("sdk");
        UserDataStore store = new UserDataStore(dir);
        store.save(door("tok-1"));
        Files.writeString(dir.resolve("user.json"), "{\"version\": 1, \"userID\": \"door-1\", \"tok");
        try (LogCapture log = new LogCapture(UserDataStore.class)) {
            assertEquals(Optional.empty(), store.load());
            assertTrue(log.contains("is corrupt"), log.messages().toString());
        }
        assertEquals(List.of("user.json.corrupt"), names(dir));
        store.save(door("tok-2"));
        assertEquals("tok-2", store.load().orElseThrow().token());
    }

    @Test
    void wellFormedJsonThatIsNotUserDataIsCorruptToo() throws Exception {
        Path dir = temp.resolve("sdk");
        UserDataStore store = new UserDataStore(dir);
        for (String content : new String[]{"", "[]", "{\"version\": 2}", "{\"version\": 1, \"userID\": \"door-1\"}",
                UserDataStore.encode(door("t")).replace("\"userID\":\"door-1\",\"token\"", "\"userID\":\"other\",\"token\"")}) {
            Files.createDirectories(dir);
            Files.write(dir.resolve("user.json"), content.getBytes(StandardCharsets.UTF_8));
            assertEquals(Optional.empty(), store.load(), content);
        }
    }

    @Test
    void deleteRemovesTheDataTheCorruptCopyAndCrashLeftoversButNothingElse() throws Exception {
        Path dir = temp.resolve("sdk");
        UserDataStore store = new UserDataStore(dir);
        store.save(door("tok-1"));
        Files.writeString(dir.resolve("user.json.corrupt"), "x");
        Files.writeString(dir.resolve("user.json.987.tmp"), "{\"token\": \"left by a crash\"");
        Files.writeString(dir.resolve("config.json"), "not ours");
        store.delete();
        assertEquals(List.of("config.json"), names(dir));
        assertFalse(store.load().isPresent());
        new UserDataStore(temp.resolve("never-created")).delete();
    }

    @Test
    void theTokenIsNotInToString() {
        assertFalse(door("tok-secret").toString().contains("tok-secret"));
    }
}
