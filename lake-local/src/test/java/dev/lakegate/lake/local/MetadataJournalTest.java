package dev.lakegate.lake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threat: the process or machine dies after {@code putObject} returned but before the object's own
 * file reached the disk. The journal is replayed at start-up, so acknowledged objects come back
 * whole, and a torn last record is ignored rather than half-applied.
 */
class MetadataJournalTest {
  @TempDir Path dir;

  private static byte[] frame(String key, byte[] content) {
    JournalRecord record = JournalRecord.content(key, content);
    ByteBuffer buffer = ByteBuffer.allocate(record.size());
    record.writeTo(buffer);
    return buffer.array();
  }

  @Test
  void segmentLeftByACrashIsReplayedAtStartUp() throws Exception {
    ByteArrayOutputStream segment = new ByteArrayOutputStream();
    segment.write(frame("meta/a.metadata.json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
    segment.write(frame("meta/b.metadata.json", "{\"b\":1}".getBytes(StandardCharsets.UTF_8)));
    segment.write(frame("meta/a.metadata.json", "{\"a\":2}".getBytes(StandardCharsets.UTF_8)));
    Files.createDirectories(dir.resolve(".lakegate/journal"));
    Files.write(dir.resolve(".lakegate/journal/segment-0000000000000000007.log"), segment.toByteArray());

    TestLake.open(dir, TestLake.clock()).close();

    assertThat(Files.readString(dir.resolve("landing/meta/a.metadata.json"))).isEqualTo("{\"a\":2}");
    assertThat(Files.readString(dir.resolve("landing/meta/b.metadata.json"))).isEqualTo("{\"b\":1}");
  }

  @Test
  void tornLastRecordIsNotApplied() throws Exception {
    byte[] whole = frame("meta/a.metadata.json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    byte[] torn = frame("meta/t.metadata.json", "{\"torn\":true}".getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream segment = new ByteArrayOutputStream();
    segment.write(whole);
    segment.write(Arrays.copyOf(torn, torn.length - 3));
    Files.createDirectories(dir.resolve(".lakegate/journal"));
    Files.write(dir.resolve(".lakegate/journal/segment-0000000000000000001.log"), segment.toByteArray());

    TestLake.open(dir, TestLake.clock()).close();

    assertThat(dir.resolve("landing/meta/a.metadata.json")).exists();
    assertThat(dir.resolve("landing/meta/t.metadata.json")).doesNotExist();
  }

  @Test
  void objectsPutBeforeARestartAreStillThereAfterIt() throws Exception {
    try (FileSystemLake lake = TestLake.open(dir, TestLake.clock())) {
      lake.putObject("meta/x.metadata.json", "{\"x\":1}".getBytes(StandardCharsets.UTF_8), "application/json");
    }
    try (FileSystemLake lake = TestLake.open(dir, TestLake.clock())) {
      assertThat(Files.readString(dir.resolve("landing/meta/x.metadata.json"))).isEqualTo("{\"x\":1}");
      lake.putObject("meta/x.metadata.json", "{\"x\":2}".getBytes(StandardCharsets.UTF_8), "application/json");
    }
    TestLake.open(dir, TestLake.clock()).close();

    assertThat(Files.readString(dir.resolve("landing/meta/x.metadata.json"))).isEqualTo("{\"x\":2}");
  }

  @Test
  void fullSegmentsAreRetiredOnceTheirFilesAreDurable() throws Exception {
    byte[] oneMib = new byte[1024 * 1024];
    try (FileSystemLake lake = TestLake.open(dir, TestLake.clock())) {
      for (int i = 0; i < 9; i++) {
        lake.putObject("meta/" + i + ".bin", oneMib, "application/octet-stream");
      }
    }

    assertThat(dir.resolve(".lakegate/journal/segment-0000000000000000001.log")).doesNotExist();
    for (int i = 0; i < 9; i++) {
      assertThat(dir.resolve("landing/meta/" + i + ".bin")).hasSize(oneMib.length);
    }
  }

  @Test
  void replayStopsAtTheZerosOfAPreparedSegment() throws Exception {
    byte[] record = frame("meta/a.metadata.json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    byte[] segment = Arrays.copyOf(record, record.length + 64 * 1024);
    Files.createDirectories(dir.resolve(".lakegate/journal"));
    Files.write(dir.resolve(".lakegate/journal/segment-0000000000000000003.log"), segment);

    TestLake.open(dir, TestLake.clock()).close();

    assertThat(Files.readString(dir.resolve("landing/meta/a.metadata.json"))).isEqualTo("{\"a\":1}");
    assertThat(dir.resolve(".lakegate/journal/segment-0000000000000000003.log")).doesNotExist();
  }

  @Test
  void smallObjectsAreAppendedInsideThePreparedSegmentWithoutGrowingIt() throws Exception {
    try (FileSystemLake lake = TestLake.open(dir, TestLake.clock())) {
      Path segment = dir.resolve(".lakegate/journal/segment-0000000000000000001.log");
      long prepared = Files.size(segment);
      for (int i = 0; i < 50; i++) {
        lake.putObject("meta/" + i + ".json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");
      }

      assertThat(prepared).isEqualTo(JournalWriter.SEGMENT_BYTES);
      assertThat(Files.size(segment)).isEqualTo(prepared);
    }
  }
}
