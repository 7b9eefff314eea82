package dev.lakegate.client;

/**
 * Hears how an upload advances, for a progress display. Calls come from several threads at once
 * and must return quickly. {@link #bytesSent} may go down (a negative count) when a part is sent
 * again after a failure.
 */
public interface UploadListener {

  /** A listener that ignores everything. */
  UploadListener NONE = new UploadListener() {};

  /** An upload of {@code bytes} bytes from {@code source} starts; {@code alreadyStored} were sent by an earlier run. */
  default void started(String source, long bytes, long alreadyStored) {}

  /** {@code bytes} more body bytes went out (negative when a failed attempt is taken back). */
  default void bytesSent(long bytes) {}

  /** Part {@code partNumber} of {@code source} is stored and written to the resume journal. */
  default void partStored(String source, int partNumber) {}

  /** The upload of {@code source} ended, successfully or not. */
  default void finished(String source) {}
}
