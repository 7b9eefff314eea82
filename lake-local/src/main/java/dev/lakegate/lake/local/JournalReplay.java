package dev.lakegate.lake.local;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brings the lake back to what the journal acknowledged, at start-up and before anything else is
 * written: for every key, only its last record counts. A content record's object is rewritten
 * from the record. A rename record's staging file is renamed to the key if it is still in the
 * staging directory; if it is gone, the rename itself reached the disk and the object is in place.
 * Staging files of earlier records of the same key are deleted, never renamed, so an older upload
 * cannot come back over a newer one whatever order the file system kept the renames in.
 */
final class JournalReplay {
  /** Writes an object's content to its file (without fsync). */
  interface Placer {
    void place(Path target, byte[] content) throws IOException;
  }

  private final Path bucketDir;
  private final Path stagingDir;
  private final Placer placer;

  JournalReplay(Path bucketDir, Path stagingDir, Placer placer) {
    this.bucketDir = bucketDir;
    this.stagingDir = stagingDir;
    this.placer = placer;
  }

  /**
   * Replays {@code segments} (in their order) and returns, for each, the files its records put in
   * place, which must be made durable before the segment may be deleted.
   */
  Map<Path, List<Path>> replay(List<Path> segments) throws IOException {
    Map<String, Long> lastOfKey = new HashMap<>();
    long position = 0;
    for (Path segment : segments) {
      for (JournalRecord record : read(segment)) {
        lastOfKey.put(record.key(), position++);
      }
    }
    Map<Path, List<Path>> written = new LinkedHashMap<>();
    position = 0;
    for (Path segment : segments) {
      List<Path> files = new ArrayList<>();
      for (JournalRecord record : read(segment)) {
        long lastPosition = lastOfKey.getOrDefault(record.key(), -1L);
        apply(record, lastPosition == position++).ifPresent(files::add);
      }
      written.put(segment, files);
    }
    return written;
  }

  private Optional<Path> apply(JournalRecord record, boolean last) {
    try {
      if (record.kind() == JournalRecord.Kind.RENAME) {
        Path staged = staged(record);
        if (!last) {
          StagingArea.deleteQuietly(staged);
          return Optional.empty();
        }
        Path target = ObjectKey.resolve(bucketDir, record.key());
        if (Files.exists(staged)) {
          DurableFiles.moveIntoPlace(staged, target, bucketDir);
        }
        return Optional.of(target);
      }
      if (!last) {
        return Optional.empty();
      }
      Path target = ObjectKey.resolve(bucketDir, record.key());
      placer.place(target, record.payload());
      return Optional.of(target);
    } catch (IOException | S3ErrorException e) {
      // A record that cannot be applied now could not be applied when it was written either.
      return Optional.empty();
    }
  }

  private Path staged(JournalRecord record) {
    Path staged = stagingDir.resolve(record.stagedName()).normalize();
    if (!stagingDir.equals(staged.getParent())) {
      throw new S3ErrorException(S3Error.INTERNAL_ERROR, "journal names a file outside the staging directory");
    }
    return staged;
  }

  /** The complete records of one segment, up to its end or its first torn or zero record. */
  private static List<JournalRecord> read(Path segment) throws IOException {
    List<JournalRecord> records = new ArrayList<>();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(segment)))) {
      for (Optional<JournalRecord> r = JournalRecord.readFrom(in); r.isPresent(); r = JournalRecord.readFrom(in)) {
        records.add(r.get());
      }
    }
    return records;
  }
}
