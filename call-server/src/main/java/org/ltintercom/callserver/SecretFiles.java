package org.ltintercom.callserver;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Secrets kept in files (never on the command line), and the generated admin token {@code <dataDir>/admin-token}, mode 0600. */
final class SecretFiles {
    private static final Logger LOG = LoggerFactory.getLogger(SecretFiles.class);
    static final String ADMIN_TOKEN = "admin-token";

    private SecretFiles() {
    }

    static String readOrCreateAdminToken(Path dataDir) throws IOException {
        Path file = dataDir.resolve(ADMIN_TOKEN);
        if (Files.exists(file)) {
            return read(file);
        }
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            return read(file); // another process created it first
        }
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        LOG.info("admin token generated into {} (mode 0600)", file);
        return token;
    }

    /** Reads a secret file: its first line, trimmed; an empty file is refused. */
    static String read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        int eol = text.indexOf('\n');
        String secret = eol < 0 ? text : text.substring(0, eol).strip();
        if (secret.isEmpty()) {
            throw new IOException(file + ": empty");
        }
        return secret;
    }
}
