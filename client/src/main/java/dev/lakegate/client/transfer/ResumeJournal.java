package dev.lakegate.client.transfer;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The record of one unfinished multipart upload of a file, so that a run after a crash, a kill or
 * a network loss continues it instead of starting again. One file per upload in the state
 * directory, named by a hash of API base and file path: a header line (which file, its size and
 * modification time, the part size, uuid and upload id) and then one line per stored part,
 * appended and forced to disk after each PUT. Appending keeps the cost per part constant; a torn
 * last line from a kill is ignored on reading, which only costs that part being sent again.
 */
final class ResumeJournal implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What identifies the upload: the same file, unchanged, going to the same API in parts of the same size. */
  record Header(String api, String path, long size, long lastModifiedMillis, long partSize, String uuid, String uploadId) {
    boolean sameUploadAs(Header other) {
      return api.equals(other.api) && path.equals(other.path) && size == other.size
          && lastModifiedMillis == other.lastModifiedMillis && partSize == other.partSize;
    }
  }

  /** A part the lake accepted. */
  record StoredPart(int part, String md5, String etag) {}

  private final Path file;
  private final Header header;
  private final Map<Integer, StoredPart> parts;
  private final FileChannel channel;
  private final ReentrantLock lock = new ReentrantLock();

  private ResumeJournal(Path file, Header header, Map<Integer, StoredPart> parts, FileChannel channel) {
    this.file = file;
    this.header = header;
    this.parts = new HashMap<>(parts);
    this.channel = channel;
  }

  /** Where the journal of uploading {@code path} to {@code api} lives. */
  static Path location(Path stateDirectory, String api, String path) {
    return stateDirectory.resolve(sha256(api + "\n" + path) + ".journal");
  }

  /**
   * The journal at {@code location} if it describes the upload {@code expected} would start (its
   * uuid and upload id ignored); a journal of a changed file is deleted.
   */
  static Optional<ResumeJournal> resume(Path location, Header expected) throws IOException {
    if (!Files.isRegularFile(location)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(location, StandardCharsets.UTF_8);
    Header header;
    try {
      header = JSON.readValue(lines.isEmpty() ? "" : lines.get(0), Header.class);
    } catch (IOException e) {
      header = null;
    }
    if (header == null || !header.sameUploadAs(expected)) {
      Files.deleteIfExists(location);
      return Optional.empty();
    }
    Map<Integer, StoredPart> parts = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      try {
        StoredPart part = JSON.readValue(line, StoredPart.class);
        parts.put(part.part(), part);
      } catch (IOException e) {
        // A line cut short by a kill: that part is simply sent again.
      }
    }
    FileChannel channel = FileChannel.open(location, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    return Optional.of(new ResumeJournal(location, header, parts, channel));
  }

  /** Starts the journal of a new upload, replacing any older one atomically. */
  static ResumeJournal create(Path location, Header header) throws IOException {
    Files.createDirectories(location.getParent());
    Path temporary = Files.createTempFile(location.getParent(), "journal", ".tmp");
    Files.writeString(temporary, JSON.writeValueAsString(header) + "\n", StandardCharsets.UTF_8);
    Files.move(temporary, location, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    FileChannel channel = FileChannel.open(location, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    return new ResumeJournal(location, header, Map.of(), channel);
  }

  Header header() {
    return header;
  }

  /** The parts stored by earlier runs and this one, by part number. */
  Map<Integer, StoredPart> storedParts() {
    lock.lock();
    try {
      return Map.copyOf(parts);
    } finally {
      lock.unlock();
    }
  }

  /** Notes that the lake accepted {@code part}, on disk before returning. */
  void record(StoredPart part) throws IOException {
    byte[] line = (JSON.writeValueAsString(part) + "\n").getBytes(StandardCharsets.UTF_8);
    lock.lock();
    try {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
      parts.put(part.part(), part);
    } finally {
      lock.unlock();
    }
  }

  /** Removes the journal once the upload is complete (or can no longer be continued). */
  void delete() throws IOException {
    close();
    Files.deleteIfExists(file);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
