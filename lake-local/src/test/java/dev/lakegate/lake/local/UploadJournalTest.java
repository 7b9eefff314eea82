package dev.lakegate.lake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threat: the machine dies after a presigned {@code PUT} was answered but before the rename of
 * its staged file reached the disk. Where files are fsynced one by one, the journal's rename record
 * brings the object back at the next start, and an older upload of the same key never comes back
 * over a newer one; where the file system is flushed in one call, the answer waits for a flush
 * after the rename, and the rename for a flush after the content was written.
 */
class UploadJournalTest {
  @TempDir Path dir;

  private Path journal() throws Exception {
    return Files.createDirectories(dir.resolve(".lakegate/journal"));
  }

  private Path staged(String name, String content) throws Exception {
    return Files.writeString(Files.createDirectories(dir.resolve(".lakegate/staging")).resolve(name), content);
  }

  private void segment(JournalRecord... records) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (JournalRecord record : records) {
      ByteBuffer buffer = ByteBuffer.allocate(record.size());
      record.writeTo(buffer);
      out.write(buffer.array());
    }
    Files.write(journal().resolve("segment-0000000000000000004.log"), out.toByteArray());
  }

  @Test
  void stagedUploadNamedByTheJournalIsRenamedIntoPlaceAtStartUp() throws Exception {
    Path staged = staged("stage-1.tmp", "whole object");
    segment(JournalRecord.rename("data/a.csv", "stage-1.tmp"));

    TestLake.open(dir, TestLake.clock()).close();

    assertThat(dir.resolve("landing/data/a.csv")).hasContent("whole object");
    assertThat(staged).doesNotExist();
  }

  @Test
  void renameThatReachedTheDiskIsLeftAsItIs() throws Exception {
    Path target = Files.writeString(Files.createDirectories(dir.resolve("landing/data")).resolve("a.csv"), "in place");
    segment(JournalRecord.rename("data/a.csv", "stage-gone.tmp"));

    TestLake.open(dir, TestLake.clock()).close();

    assertThat(target).hasContent("in place");
  }

  @Test
  void olderStagedUploadNeverReplacesANewerOneOfTheSameKey() throws Exception {
    Path target = Files.writeString(Files.createDirectories(dir.resolve("landing/data")).resolve("a.csv"), "newer");
    Path older = staged("stage-older.tmp", "older");
    segment(JournalRecord.rename("data/a.csv", "stage-older.tmp"), JournalRecord.rename("data/a.csv", "stage-newer.tmp"));

    TestLake.open(dir, TestLake.clock()).close();

    assertThat(target).hasContent("newer");
    assertThat(older).doesNotExist();
  }

  @Test
  void journalCannotNameAFileOutsideTheStagingDirectory() throws Exception {
    Path outside = Files.writeString(dir.resolve("secret.txt"), "not an upload");
    segment(JournalRecord.rename("data/a.csv", "../../secret.txt"));

    TestLake.open(dir, TestLake.clock()).close();

    assertThat(outside).hasContent("not an upload");
    assertThat(dir.resolve("landing/data/a.csv")).doesNotExist();
  }

  @Test
  void stagingFilesTheJournalDoesNotNameAreRemovedAtStartUp() throws Exception {
    Path leftover = staged("stage-cut-off.tmp", "half a bo");

    TestLake.open(dir, TestLake.clock()).close();

    assertThat(leftover).doesNotExist();
  }

  @Test
  void withoutAFileSystemFlushAnsweredUploadIsInPlaceWithItsRenameInTheJournal() throws Exception {
    byte[] body = "partner data".getBytes(StandardCharsets.UTF_8);
    try (FileSystemLake lake = TestLake.open(dir, TestLake.clock(), Optional.empty())) {
      lake.receiveObject("data/b.csv", new ByteArrayInputStream(body), body.length, MessageDigest.getInstance("MD5").digest(body));

      assertThat(dir.resolve("landing/data/b.csv")).hasBinaryContent(body);
      assertThat(journalRecords()).anySatisfy(record -> {
        assertThat(record.kind()).isEqualTo(JournalRecord.Kind.RENAME);
        assertThat(record.key()).isEqualTo("data/b.csv");
      });
    }
  }

  @Test
  void withAFileSystemFlushAnsweredUploadWasFlushedStagedThenFlushedInPlaceWithoutAJournalRecord() throws Exception {
    byte[] body = "partner data".getBytes(StandardCharsets.UTF_8);
    Path target = dir.resolve("landing/data/b.csv");
    List<String> events = new CopyOnWriteArrayList<>();
    Checkpointer.FileSystemFlush recording = path -> events.add(
        Files.exists(target) ? "flush: in place" : stagedCopies(body) == 1 ? "flush: staged" : "flush: neither");
    try (FileSystemLake lake = TestLake.open(dir, TestLake.clock(), Optional.of(recording))) {
      lake.receiveObject("data/b.csv", new ByteArrayInputStream(body), body.length, MessageDigest.getInstance("MD5").digest(body));
      events.add("answered");

      assertThat(target).hasBinaryContent(body);
      // Content durable under its staging name before the rename; the rename durable before the answer.
      assertThat(events).containsSubsequence("flush: staged", "flush: in place", "answered").doesNotContain("flush: neither");
      assertThat(journalRecords()).noneSatisfy(record -> assertThat(record.key()).isEqualTo("data/b.csv"));
    }
  }

  @Test
  void uploadWhoseStagedFileCannotBeFlushedIsRefusedAndLeavesNothing() throws Exception {
    byte[] body = "partner data".getBytes(StandardCharsets.UTF_8);
    try (FileSystemLake lake = TestLake.open(dir, TestLake.clock(), Optional.of(path -> {
      throw new IOException("device error");
    }))) {
      assertThatThrownBy(() -> lake.receiveObject("data/b.csv", new ByteArrayInputStream(body), body.length,
          MessageDigest.getInstance("MD5").digest(body))).isInstanceOf(IOException.class).hasMessage("device error");

      assertThat(dir.resolve("landing/data/b.csv")).doesNotExist();
      assertThat(dir.resolve(".lakegate/staging")).isEmptyDirectory();
    }
  }

  /** How many files in the staging directory hold exactly {@code content}. */
  private long stagedCopies(byte[] content) throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve(".lakegate/staging"))) {
      return files.filter(file -> {
        try {
          return Arrays.equals(Files.readAllBytes(file), content);
        } catch (IOException e) {
          return false;
        }
      }).count();
    }
  }

  private List<JournalRecord> journalRecords() throws Exception {
    List<JournalRecord> records = new ArrayList<>();
    try (Stream<Path> segments = Files.list(journal())) {
      for (Path segment : segments.sorted().toList()) {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(segment))) {
          for (Optional<JournalRecord> r = JournalRecord.readFrom(in); r.isPresent(); r = JournalRecord.readFrom(in)) {
            records.add(r.get());
          }
        }
      }
    }
    return records;
  }
}
