package dev.lakegate.auth.store;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One state file of the {@link DataDirectory} and its decoded content, kept in memory and
 * re-read when the file's {@link FileStamp} changed: one {@code stat} per {@link #current()}
 * call, which is how a change made by the CLI in another process takes effect on the server's
 * very next request. {@link #update} is a read-modify-write under the directory lock.
 *
 * @param <T> the decoded, immutable content
 */
public final class StateFile<T> {
  private final DataDirectory dir;
  private final String name;
  private final Codec<T> codec;
  private volatile Loaded<T> loaded;

  public StateFile(DataDirectory dir, String name, Codec<T> codec) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.name = Objects.requireNonNull(name, "name");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.loaded = load();
  }

  /** The content as the file holds it now; re-read only when the file changed. */
  public T current() {
    Loaded<T> snapshot = loaded;
    if (Objects.equals(snapshot.stamp(), dir.stamp(name))) {
      return snapshot.value();
    }
    synchronized (this) {
      if (!Objects.equals(loaded.stamp(), dir.stamp(name))) {
        loaded = load();
      }
      return loaded.value();
    }
  }

  /**
   * Applies {@code change} to the file's latest content under the directory lock and writes the
   * result. A change that returns its argument unchanged writes nothing.
   *
   * @return the content after the change
   */
  public T update(UnaryOperator<T> change) {
    return dir.underLock(() -> {
      synchronized (this) {
        Loaded<T> fresh = load();
        T changed = change.apply(fresh.value());
        if (changed == fresh.value()) {
          loaded = fresh;
          return changed;
        }
        dir.write(name, codec.encode(changed));
        loaded = new Loaded<>(dir.stamp(name), changed);
        return changed;
      }
    });
  }

  /** The file's name inside the data directory. */
  public String name() {
    return name;
  }

  private Loaded<T> load() {
    // The stamp is taken before reading: if the file is replaced in between, the next call sees
    // a newer stamp and reads again, which is harmless; the reverse order could miss a change.
    Optional<FileStamp> stamp = dir.stamp(name);
    try {
      Optional<byte[]> bytes = dir.read(name);
      return new Loaded<>(stamp, bytes.isPresent() ? codec.decode(bytes.get()) : codec.empty());
    } catch (IOException e) {
      throw new AuthStateException("cannot read " + dir.resolve(name) + ": " + e.getMessage(), e);
    }
  }

  private record Loaded<T>(Optional<FileStamp> stamp, T value) {}

  /** How the content is stored. {@code decode} throws {@link AuthStateException} for a bad file. */
  public interface Codec<T> {
    T empty();

    T decode(byte[] bytes);

    byte[] encode(T value) throws IOException;
  }
}
