package dev.lakegate.client.transfer;

import dev.lakegate.client.UploadSettings;

/**
 * How an object of {@code size} bytes is cut into parts: all of {@code partSize} bytes but the
 * last. The part size is the preferred one unless that would need more than 10,000 parts; then it
 * grows to the next whole MiB that fits ({@code contract.md} §6, S3's limits).
 */
public record PartPlan(long size, long partSize, int count) {

  public PartPlan {
    if (size < 1 || partSize < UploadSettings.MIN_PART_SIZE || count < 1 || count > UploadSettings.MAX_PARTS) {
      throw new IllegalArgumentException("no valid part plan: size " + size + ", part size " + partSize);
    }
  }

  /**
   * The plan for {@code size} bytes.
   *
   * @throws IllegalArgumentException when even 10,000 parts of 5 GiB cannot hold {@code size}
   */
  public static PartPlan of(long size, long preferredPartSize) {
    long needed = ceilDiv(size, UploadSettings.MAX_PARTS);
    long partSize = Math.max(Math.max(preferredPartSize, UploadSettings.MIN_PART_SIZE),
        ceilDiv(needed, UploadSettings.MIB) * UploadSettings.MIB);
    if (partSize > UploadSettings.MAX_PART_SIZE) {
      throw new IllegalArgumentException(size + " bytes exceed the largest multipart upload (10,000 parts of 5 GiB)");
    }
    return new PartPlan(size, partSize, (int) ceilDiv(size, partSize));
  }

  /** Where part {@code number} (1-based) starts. */
  public long offset(int number) {
    return (number - 1) * partSize;
  }

  /** How long part {@code number} (1-based) is. */
  public long length(int number) {
    return Math.min(partSize, size - offset(number));
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
