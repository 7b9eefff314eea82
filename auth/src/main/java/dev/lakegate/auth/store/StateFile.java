package dev.lakegate.auth.store;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One state file of the {@link DataDirectory} and its decoded content, kept in memory and
 * re-read when the file's {@link FileStamp} changed. {@link #current()} takes a {@code stat} only
 * when the directory's change count ({@link DataDirectory#changes}) moved since the last one, or
 * when {@link DataDirectory#RECHECK} has passed: a change made through {@link #update} in any
 * process (the CLI while the server runs) takes effect on the server's very next call, a file
 * replaced by other means within the recheck interval. {@link #update} is a read-modify-write
 * under the directory lock.
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
    this.loaded = load(dir.changes());
  }

  /** The content as the file holds it now; re-read only when the file changed. */
  public T current() {
    Loaded<T> snapshot = loaded;
    long changes = dir.changes();
    if (upToDate(snapshot, changes)) {
      return snapshot.value();
    }
    synchronized (this) {
      Loaded<T> latest = loaded;
      if (latest != snapshot && upToDate(latest, changes)) {
        return latest.value(); // another thread took the stat meanwhile
      }
      // The count is read before the stat: a write counted after this stat moves it past the
      // value kept here, so the next call takes another stat.
      loaded = Objects.equals(latest.stamp(), dir.stamp(name))
          ? new Loaded<>(latest.stamp(), latest.value(), changes, dir.nanoTime())
          : load(changes);
      return loaded.value();
    }
  }

  /** True when no write was counted since {@code loaded}'s stamp was taken, and that is recent enough. */
  private boolean upToDate(Loaded<T> loaded, long changes) {
    return changes != ChangeCounter.UNKNOWN && changes == loaded.changes() && !dir.recheckDue(loaded.checkedAt());
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
        Loaded<T> fresh = load(ChangeCounter.UNKNOWN);
        T changed = change.apply(fresh.value());
        if (changed == fresh.value()) {
          loaded = fresh;
          return changed;
        }
        dir.write(name, codec.encode(changed));
        // No change count goes with it (which other writes it includes is not known here): the
        // next call takes a stat and finds this stamp.
        loaded = new Loaded<>(dir.stamp(name), changed, ChangeCounter.UNKNOWN, dir.nanoTime());
        return changed;
      }
    });
  }

  /** The file's name inside the data directory. */
  public String name() {
    return name;
  }

  /** @param changes the directory's change count, read before this call */
  private Loaded<T> load(long changes) {
    // The stamp is taken before reading: if the file is replaced in between, the next call sees
    // a newer stamp and reads again, which is harmless; the reverse order could miss a change.
    Optional<FileStamp> stamp = dir.stamp(name);
    long checkedAt = dir.nanoTime();
    try {
      Optional<byte[]> bytes = dir.read(name);
      return new Loaded<>(stamp, bytes.isPresent() ? codec.decode(bytes.get()) : codec.empty(), changes, checkedAt);
    } catch (IOException e) {
      throw new AuthStateException("cannot read " + dir.resolve(name) + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param changes the directory's change count read before the stamp was taken
   * @param checkedAt when the stamp was taken ({@link DataDirectory#nanoTime})
   */
  private record Loaded<T>(Optional<FileStamp> stamp, T value, long changes, long checkedAt) {}

  /** How the content is stored. {@code decode} throws {@link AuthStateException} for a bad file. */
  public interface Codec<T> {
    T empty();

    T decode(byte[] bytes);

    byte[] encode(T value) throws IOException;
  }
}
