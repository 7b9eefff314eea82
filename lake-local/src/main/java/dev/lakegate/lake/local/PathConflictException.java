package dev.lakegate.lake.local;

import java.io.IOException;

/**
 * A key that S3 would accept but a directory tree cannot hold next to what is stored: {@code a/b}
 * when {@code a} is an object, or {@code a} when {@code a/} holds objects. Reported to the caller as
 * a bad key, never as a server failure, and nothing is stored.
 */
final class PathConflictException extends IOException {
  private static final long serialVersionUID = 1L;

  PathConflictException(String message) {
    super(message);
  }
}
