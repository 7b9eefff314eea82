package dev.lakegate.lake.local;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * One entry of the group-commit journal, framed by a magic number and lengths and sealed by a
 * CRC-32C, so recovery can tell a complete record from a torn tail. A {@link Kind#CONTENT} record
 * holds a small object whole; a {@link Kind#RENAME} record says that an object's bytes, already
 * durable in a staging file, were renamed to the key, and holds the staging file's name.
 */
@SuppressWarnings("ArrayRecordComponent") // the payload is copied in and out
record JournalRecord(Kind kind, String key, byte[] payload) {
  /** What a record holds. */
  enum Kind {
    /** The object's content. */
    CONTENT(0x4C4A5231),
    /** The name of the durable staging file renamed to the key. */
    RENAME(0x4C4A5232);

    private final int magic;

    Kind(int magic) {
      this.magic = magic;
    }

    static Optional<Kind> ofMagic(int magic) {
      for (Kind kind : values()) {
        if (kind.magic == magic) {
          return Optional.of(kind);
        }
      }
      return Optional.empty();
    }
  }

  // Larger lengths can only come from a torn or corrupt record: metadata documents are small.
  private static final int MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

  JournalRecord {
    payload = payload.clone();
  }

  /** A record holding {@code content} for {@code key}. */
  static JournalRecord content(String key, byte[] content) {
    return new JournalRecord(Kind.CONTENT, key, content);
  }

  /** A record of the staging file {@code stagedName} renamed to {@code key}. */
  static JournalRecord rename(String key, String stagedName) {
    return new JournalRecord(Kind.RENAME, key, stagedName.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** The staging file's name of a {@link Kind#RENAME} record. */
  String stagedName() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  /** Appends the framed record to {@code out}, which must have room for {@link #size()} bytes. */
  void writeTo(ByteBuffer out) {
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    out.putInt(kind.magic).putInt(keyBytes.length).put(keyBytes).putInt(payload.length).put(payload);
    out.putInt(crc(kind, keyBytes, payload));
  }

  int size() {
    return 16 + key.getBytes(StandardCharsets.UTF_8).length + payload.length;
  }

  /** The next complete record; empty at the end of the journal or at a torn or corrupt record. */
  static Optional<JournalRecord> readFrom(DataInputStream in) throws IOException {
    try {
      Optional<Kind> kind = Kind.ofMagic(in.readInt());
      if (kind.isEmpty()) {
        return Optional.empty();
      }
      int keyLength = in.readInt();
      if (keyLength < 0 || keyLength > ObjectKey.MAX_KEY_BYTES) {
        return Optional.empty();
      }
      byte[] key = in.readNBytes(keyLength);
      int payloadLength = in.readInt();
      if (key.length != keyLength || payloadLength < 0 || payloadLength > MAX_PAYLOAD_BYTES) {
        return Optional.empty();
      }
      byte[] payload = in.readNBytes(payloadLength);
      if (payload.length != payloadLength || in.readInt() != crc(kind.get(), key, payload)) {
        return Optional.empty();
      }
      return Optional.of(new JournalRecord(kind.get(), new String(key, StandardCharsets.UTF_8), payload));
    } catch (EOFException e) {
      return Optional.empty();
    }
  }

  private static int crc(Kind kind, byte[] key, byte[] payload) {
    CRC32C crc = new CRC32C();
    if (kind != Kind.CONTENT) {
      // Content records keep the checksum of the first journal format, which had no other kind.
      crc.update(ByteBuffer.allocate(4).putInt(kind.magic).flip());
    }
    crc.update(key);
    crc.update(payload);
    return (int) crc.getValue();
  }
}
