package org.ltintercom.sdk.internal.store;

import org.ltintercom.sdk.internal.json.Json;
import org.ltintercom.sdk.internal.json.JsonException;
import org.ltintercom.sdk.internal.json.ObjectNode;
import org.ltintercom.sdk.internal.service.JsonFields;
import org.ltintercom.sdk.internal.service.WireFormat;
import org.ltintercom.sdk.internal.service.WireFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The signed-in user's data in {@code <dataDir>/user.json}. A power cut must never leave a half
 * written file, so every write goes to a temp file in the same directory, is fsynced, renamed over
 * the old file atomically, and the directory is fsynced. The file holds secrets (token, SIP
 * password): mode 0600 in a 0700 directory. A file that cannot be read as user data is reported,
 * moved aside as {@code user.json.corrupt} for a human to look at, and treated as no data.
 */
public final class UserDataStore {
    static final String FILE_NAME = "user.json";
    private static final int FORMAT_VERSION = 1;
    private static final Logger log = LoggerFactory.getLogger(UserDataStore.class);
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

    private final Path dir;
    private final Path file;

    public UserDataStore(Path dir) {
        this.dir = dir;
        this.file = dir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** The stored data, or empty when there is none or it is unreadable (which is logged). */
    public Optional<UserData> load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException none) {
            return Optional.empty();
        } catch (IOException e) {
            log.error("cannot read user data {}: {}; treating it as no data", file, e.toString());
            return Optional.empty();
        }
        try {
            return Optional.of(decode(bytes));
        } catch (IOException | WireFormatException e) {
            String reason = e instanceof JsonException json ? "not JSON: " + json.reason() : e.getMessage();
            log.error("user data {} is corrupt ({}); moving it to {}.corrupt and treating it as no data",
                    file, reason, FILE_NAME);
            moveAside();
            return Optional.empty();
        }
    }

    /** Replaces the stored data atomically. */
    public void save(UserData data) throws IOException {
        ensureDir();
        byte[] bytes = encode(data).getBytes(StandardCharsets.UTF_8);
        Path temp = Files.createTempFile(dir, FILE_NAME + ".", ".tmp", PosixFilePermissions.asFileAttribute(FILE_MODE));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncDir();
    }

    /** Deletes the stored data, a corrupt copy and temp files a crash left (they hold secrets too); the directory stays. */
    public void delete() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir.resolve(FILE_NAME + ".corrupt"));
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, FILE_NAME + ".*.tmp")) {
                for (Path leftover : leftovers) {
                    Files.deleteIfExists(leftover);
                }
            }
            syncDir();
        }
    }

    private void ensureDir() throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
        }
        // an existing directory may have been created by hand with a wider mode
        if (!Files.getPosixFilePermissions(dir).equals(DIR_MODE)) {
            Files.setPosixFilePermissions(dir, DIR_MODE);
        }
    }

    private void syncDir() throws IOException {
        // makes the rename itself durable; Linux allows fsync on a directory opened read-only
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private void moveAside() {
        try {
            Files.move(file, dir.resolve(FILE_NAME + ".corrupt"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot move corrupt {} aside: {}", file, e.toString());
        }
    }

    static String encode(UserData data) {
        ObjectNode n = Json.object();
        n.put("version", FORMAT_VERSION).put("userID", data.userID()).put("token", data.token());
        n.set("user", WireFormat.user(data.user()));
        n.set("sip", WireFormat.sip(data.sip()));
        n.put("notificationKey", data.notificationKey());
        return n.toString();
    }

    static UserData decode(byte[] bytes) throws IOException, WireFormatException {
        JsonFields f = JsonFields.root(Json.parse(bytes));
        int version = f.intValue("version");
        if (version != FORMAT_VERSION) {
            throw new WireFormatException("version", "unknown format " + version);
        }
        UserData data = new UserData(f.text("userID"), f.text("token"), WireFormat.user(f.object("user")),
                WireFormat.sip(f.object("sip")), f.optionalText("notificationKey"));
        if (!data.userID().equals(data.user().userID())) {
            throw new WireFormatException("user.userID", "differs from userID");
        }
        return data;
    }
}
