package dev.lakegate.auth.store;

import java.nio.file.attribute.FileTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one {@code stat} says about a state file: identity (the inode where the platform has one),
 * modification time and size. Files are replaced by rename, so every write gives a new identity
 * and a changed stamp means "re-read".
 *
 * @param fileKey the platform's file identity, absent on platforms without one
 */
public record FileStamp(@Nullable Object fileKey, FileTime modified, long size) {
  public FileStamp {
    Objects.requireNonNull(modified, "modified");
  }
}
