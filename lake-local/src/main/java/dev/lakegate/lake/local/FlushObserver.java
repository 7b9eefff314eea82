package dev.lakegate.lake.local;

/**
 * Told how long each of a local lake's flushes took, for its operator's metrics: the flushes are
 * what a durable answer waits for, so their times tell a slow disk from a slow server. Called on
 * the lake's flushing threads, after each flush that succeeded: an implementation must be quick.
 * What it throws is dropped; it fails neither the flush nor the writes that waited for it.
 */
public interface FlushObserver {
  /** Observes nothing: a lake without metrics. */
  FlushObserver NONE =
      new FlushObserver() {
        @Override
        public void journalFlushed(long nanos) {}

        @Override
        public void fileSystemFlushed(long nanos) {}
      };

  /**
   * One group commit of the metadata journal took {@code nanos}: its records written and made
   * durable with one {@code fdatasync}, which every document of the batch waited for.
   */
  void journalFlushed(long nanos);

  /**
   * One flush of the lake's whole file system ({@code syncfs}, where the platform has it) took
   * {@code nanos}; uploads wait for two of them, and the journal's flushes share the disk with it.
   */
  void fileSystemFlushed(long nanos);
}
