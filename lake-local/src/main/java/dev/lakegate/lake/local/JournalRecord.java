package dev.lakegate.lake.local;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * One small object as the group-commit journal holds it: key and content, framed by a magic number
 * and lengths and sealed by a CRC-32C, so recovery can tell a complete record from a torn tail.
 */
@SuppressWarnings("ArrayRecordComponent") // the content is copied in and out
record JournalRecord(String key, byte[] content) {
  private static final int MAGIC = 0x4C4A5231;
  // Larger lengths can only come from a torn or corrupt record: metadata documents are small.
  private static final int MAX_CONTENT_BYTES = 64 * 1024 * 1024;

  JournalRecord {
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  /** Appends the framed record to {@code out}, which must have room for {@link #size()} bytes. */
  void writeTo(ByteBuffer out) {
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    out.putInt(MAGIC).putInt(keyBytes.length).put(keyBytes).putInt(content.length).put(content);
    out.putInt(crc(keyBytes, content));
  }

  int size() {
    return 16 + key.getBytes(StandardCharsets.UTF_8).length + content.length;
  }

  /** The next complete record; empty at the end of the journal or at a torn or corrupt record. */
  static Optional<JournalRecord> readFrom(DataInputStream in) throws IOException {
    try {
      if (in.readInt() != MAGIC) {
        return Optional.empty();
      }
      int keyLength = in.readInt();
      if (keyLength < 0 || keyLength > ObjectKey.MAX_KEY_BYTES) {
        return Optional.empty();
      }
      byte[] key = in.readNBytes(keyLength);
      int contentLength = in.readInt();
      if (key.length != keyLength || contentLength < 0 || contentLength > MAX_CONTENT_BYTES) {
        return Optional.empty();
      }
      byte[] content = in.readNBytes(contentLength);
      if (content.length != contentLength || in.readInt() != crc(key, content)) {
        return Optional.empty();
      }
      return Optional.of(new JournalRecord(new String(key, StandardCharsets.UTF_8), content));
    } catch (EOFException e) {
      return Optional.empty();
    }
  }

  private static int crc(byte[] key, byte[] content) {
    CRC32C crc = new CRC32C();
    crc.update(key);
    crc.update(content);
    return (int) crc.getValue();
  }
}
