package dev.lakegate.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the client uploads: files up to {@code singlePutThreshold} bytes go in one PUT, larger ones
 * in parts of {@code partSize} bytes (grown for huge files so that no upload needs more than
 * 10,000 parts), with at most {@code parallelism} transfers in flight. {@code stateDirectory} holds
 * the resume journals of unfinished multipart uploads. The limits are S3's ({@code contract.md}
 * §6): parts of at least 5 MiB, single PUTs of at most 5 GiB.
 */
public record UploadSettings(
    long singlePutThreshold, long partSize, int parallelism, RetryPolicy retry, Path stateDirectory) {

  public static final long MIB = 1024L * 1024;
  /** S3's smallest part but the last. */
  public static final long MIN_PART_SIZE = 5 * MIB;
  /** S3's largest part, and its largest single PUT. */
  public static final long MAX_PART_SIZE = 5 * 1024 * MIB;
  /** S3's largest part number. */
  public static final int MAX_PARTS = 10_000;
  public static final long DEFAULT_SINGLE_PUT_THRESHOLD = 32 * MIB;
  public static final long DEFAULT_PART_SIZE = 32 * MIB;
  public static final int DEFAULT_PARALLELISM = 4;
  public static final int MAX_PARALLELISM = 64;

  /** @throws IllegalArgumentException naming every setting out of range */
  public UploadSettings {
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(stateDirectory, "stateDirectory");
    List<String> problems = new ArrayList<>();
    if (singlePutThreshold < 0 || singlePutThreshold > MAX_PART_SIZE) {
      problems.add("single-PUT threshold must be between 0 and 5 GiB, got " + singlePutThreshold);
    }
    if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
      problems.add("part size must be between 5 MiB and 5 GiB, got " + partSize);
    }
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      problems.add("parallelism must be between 1 and " + MAX_PARALLELISM + ", got " + parallelism);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /** The defaults, with resume journals under {@link #defaultStateDirectory()}. */
  public static UploadSettings defaults() {
    return new UploadSettings(
        DEFAULT_SINGLE_PUT_THRESHOLD, DEFAULT_PART_SIZE, DEFAULT_PARALLELISM, RetryPolicy.defaults(),
        defaultStateDirectory());
  }

  /**
   * {@code $XDG_STATE_HOME/lakegate/uploads}, else {@code ~/.local/state/lakegate/uploads}: a place
   * of the user's own, so that journals do not litter the directories being uploaded.
   */
  public static Path defaultStateDirectory() {
    String xdg = System.getenv("XDG_STATE_HOME");
    Path base = xdg != null && !xdg.isBlank()
        ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".local", "state");
    return base.resolve("lakegate").resolve("uploads");
  }

  public UploadSettings withSinglePutThreshold(long value) {
    return new UploadSettings(value, partSize, parallelism, retry, stateDirectory);
  }

  public UploadSettings withPartSize(long value) {
    return new UploadSettings(singlePutThreshold, value, parallelism, retry, stateDirectory);
  }

  public UploadSettings withParallelism(int value) {
    return new UploadSettings(singlePutThreshold, partSize, value, retry, stateDirectory);
  }

  public UploadSettings withRetry(RetryPolicy value) {
    return new UploadSettings(singlePutThreshold, partSize, parallelism, value, stateDirectory);
  }

  public UploadSettings withStateDirectory(Path value) {
    return new UploadSettings(singlePutThreshold, partSize, parallelism, retry, value);
  }
}
