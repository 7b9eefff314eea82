package dev.lakegate.lake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threat: the machine dies after a presigned {@code PUT} was answered but before the rename of
 * its staged file reached the disk. The journal's rename record brings the object back at the next
 * start, and an older upload of the same key never comes back over a newer one.
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
  void answeredUploadIsInPlaceWithItsRenameInTheJournal() throws Exception {
    byte[] body = "partner data".getBytes(StandardCharsets.UTF_8);
    try (FileSystemLake lake = TestLake.open(dir, TestLake.clock())) {
      lake.receiveObject("data/b.csv", new ByteArrayInputStream(body), body.length, MessageDigest.getInstance("MD5").digest(body));

      assertThat(dir.resolve("landing/data/b.csv")).hasBinaryContent(body);
      assertThat(journalRecords()).anySatisfy(record -> {
        assertThat(record.kind()).isEqualTo(JournalRecord.Kind.RENAME);
        assertThat(record.key()).isEqualTo("data/b.csv");
      });
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
