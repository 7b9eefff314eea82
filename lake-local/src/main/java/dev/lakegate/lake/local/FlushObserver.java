package dev.lakegate.lake.local;

import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * Told how long each of a local lake's flushes took, in nanoseconds, for its operator's metrics:
 * the flushes are what a durable answer waits for, so their times tell a slow disk from a slow
 * server. Called on the lake's flushing threads, after each flush that succeeded: each consumer
 * must be quick. What it throws is dropped; it fails neither the flush nor the writes that waited
 * for it.
 *
 * @param journal told of each group commit of the metadata journal: its records written and made
 *     durable with one {@code fdatasync}, which every document of the batch waited for
 * @param fileSystem told of each flush of the lake's whole file system ({@code syncfs}, where the
 *     platform has it); uploads wait for two of them, and the journal's flushes share the disk
 *     with it
 */
public record FlushObserver(LongConsumer journal, LongConsumer fileSystem) {
  /** Observes nothing: a lake without metrics. */
  public static final FlushObserver NONE = new FlushObserver(nanos -> {}, nanos -> {});

  public FlushObserver {
    Objects.requireNonNull(journal, "journal");
    Objects.requireNonNull(fileSystem, "fileSystem");
  }

  /** This observer with what its consumers throw dropped: only that measurement is lost. */
  FlushObserver guarded() {
    return new FlushObserver(guarded(journal), guarded(fileSystem));
  }

  private static LongConsumer guarded(LongConsumer consumer) {
    return nanos -> {
      try {
        consumer.accept(nanos);
      } catch (RuntimeException ignored) {
        // A metrics failure must neither fail a durable write nor stop the flushes.
      }
    };
  }
}
