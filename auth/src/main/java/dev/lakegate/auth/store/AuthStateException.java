package dev.lakegate.auth.store;

/**
 * The authorization server's state cannot be used: a master key of the wrong length or with
 * permissions that are too broad, a state file that is unreadable or was encrypted under another
 * master key. The message says which file or variable and what is wrong; it never holds key
 * material.
 */
public final class AuthStateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AuthStateException(String message) {
    super(message);
  }

  public AuthStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
