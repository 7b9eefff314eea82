package dev.lakegate.lake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's segments: a rotation takes a segment prepared ahead instead of waiting for one to
 * be written, every segment stays within the size it was prepared with, and closing leaves no
 * prepared segment that holds nothing.
 */
class JournalWriterTest {
  @TempDir Path dir;

  private static JournalRecord record(int i) {
    return JournalRecord.content("meta/" + i + ".metadata.json", ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
  }

  /** Appends one-record batches until the writer has moved to segment {@code number}; returns the records. */
  private static List<JournalRecord> appendUntilSegment(JournalWriter writer, long number) throws Exception {
    List<JournalRecord> written = new ArrayList<>();
    for (int i = 0; writer.segmentNumber() < number; i++) {
      JournalRecord record = record(i);
      writer.append(List.of(record), List.of());
      written.add(record);
    }
    return written;
  }

  private List<Path> segments(Path journal) throws Exception {
    try (Stream<Path> files = Files.list(journal)) {
      return files.filter(PreparedSegment::isSegment).sorted().toList();
    }
  }

  @Test
  void segmentsAfterTheCurrentOneArePreparedAhead() throws Exception {
    Path journal = Files.createDirectories(dir.resolve("journal"));
    try (Checkpointer checkpointer = new Checkpointer(journal, "test");
        JournalWriter writer = new JournalWriter(journal, checkpointer, 6, "test")) {
      assertThat(writer.segmentNumber()).isEqualTo(7);
      assertThat(writer.preparedNumbers()).containsExactly(8L, 9L, 10L, 11L);

      appendUntilSegment(writer, 8);

      assertThat(writer.segmentNumber()).isEqualTo(8);
      assertThat(writer.preparedNumbers()).containsExactly(9L, 10L, 11L, 12L);
    }
  }

  @Test
  void segmentsKeepThePreparedSizeAcrossRotations() throws Exception {
    Path journal = Files.createDirectories(dir.resolve("journal"));
    try (Checkpointer checkpointer = new Checkpointer(journal, "test");
        JournalWriter writer = new JournalWriter(journal, checkpointer, 0, "test")) {
      appendUntilSegment(writer, 4);
      for (int i = 0; i < 100; i++) {
        writer.append(List.of(record(i)), List.of());
      }

      // Segments 1 to 3 may be retired and deleted by now; the one being written and those
      // prepared after it are not.
      assertThat(writer.segmentNumber()).isEqualTo(4);
      List<Long> present = new ArrayList<>(List.of(writer.segmentNumber()));
      present.addAll(writer.preparedNumbers());
      assertThat(segments(journal)).extracting(PreparedSegment::numberOf).containsAll(present);
      for (Path segment : segments(journal)) {
        if (present.contains(PreparedSegment.numberOf(segment))) {
          assertThat(Files.size(segment)).isEqualTo(JournalWriter.SEGMENT_BYTES);
        }
      }
    }
  }

  @Test
  void closingDeletesThePreparedSegmentsThatHoldNothing() throws Exception {
    Path journal = Files.createDirectories(dir.resolve("journal"));
    Checkpointer checkpointer = new Checkpointer(journal, "test");
    JournalWriter writer = new JournalWriter(journal, checkpointer, 0, "test");
    writer.append(List.of(record(1)), List.of());
    assertThat(writer.preparedNumbers()).hasSize(4);

    writer.close();
    checkpointer.close();

    // The segment written to stays for the next start's replay; the empty ones are gone.
    assertThat(segments(journal)).extracting(PreparedSegment::numberOf).containsExactly(1L);
  }
}
