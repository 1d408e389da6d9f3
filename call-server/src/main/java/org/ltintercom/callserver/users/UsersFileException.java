package org.ltintercom.callserver.users;

/** The users file cannot be used; the message names the entry and field ({@code users[3].phoneNumber: ...}). */
public final class UsersFileException extends RuntimeException {
    public UsersFileException(String message) {
        super(message);
    }

    public UsersFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
