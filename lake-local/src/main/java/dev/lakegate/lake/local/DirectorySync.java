package dev.lakegate.lake.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes renames into a directory durable with as few directory fsyncs as possible: a caller that
 * renamed a file into a directory asks for a sync of it, and every caller who asked before a sync
 * of that directory started is released by that one sync. Under concurrent uploads into one
 * directory this turns one device flush per object into one per batch, while each caller still
 * returns only after its own rename is on the device.
 */
final class DirectorySync {
  /** One fsync of a directory. */
  interface Force {
    void force(Path dir) throws IOException;
  }

  private final ConcurrentHashMap<Path, Group> groups = new ConcurrentHashMap<>();
  private final Force force;

  DirectorySync() {
    this(DurableFiles::forceDirectory);
  }

  DirectorySync(Force force) {
    this.force = force;
  }

  /**
   * Renames {@code temp} over {@code target} ({@link DurableFiles#moveIntoPlace}) and returns once
   * the rename is durable.
   */
  void publish(Path temp, Path target, Path root) throws IOException {
    DurableFiles.moveIntoPlace(temp, target, root);
    sync(DurableFiles.parentOf(target));
  }

  /** Returns once every rename into {@code dir} that completed before this call is durable. */
  void sync(Path dir) throws IOException {
    Group group = groups.computeIfAbsent(dir, d -> new Group(d, force));
    try {
      group.sync();
    } finally {
      // Idle directories are forgotten, so the map does not grow with the number of prefixes.
      group.forgetIfIdle(groups);
    }
  }

  /** How many callers are inside {@link #sync} for {@code dir}; for tests. */
  int waiting(Path dir) {
    Group group = groups.get(dir);
    if (group == null) {
      return 0;
    }
    group.lock.lock();
    try {
      return group.waiting;
    } finally {
      group.lock.unlock();
    }
  }

  /** The callers of one directory; whoever finds no sync running runs the next one for all. */
  private static final class Group {
    private final Path dir;
    private final Force force;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition synced = lock.newCondition();
    private long requested;
    private long completed;
    private boolean running;
    private int waiting;

    Group(Path dir, Force force) {
      this.dir = dir;
      this.force = force;
    }

    void sync() throws IOException {
      lock.lock();
      try {
        long ticket = ++requested;
        waiting++;
        try {
          while (completed < ticket) {
            if (running) {
              synced.awaitUninterruptibly();
            } else {
              lead();
            }
          }
        } finally {
          waiting--;
        }
      } finally {
        lock.unlock();
      }
    }

    /** Runs one fsync covering every ticket issued so far; called and returns with the lock held. */
    private void lead() throws IOException {
      running = true;
      long covered = requested;
      IOException failure = null;
      lock.unlock();
      try {
        force.force(dir);
      } catch (IOException e) {
        failure = e;
      } finally {
        lock.lock();
        running = false;
        if (failure == null) {
          completed = Math.max(completed, covered);
        }
        synced.signalAll();
      }
      if (failure != null) {
        // The waiters find no sync running and try again themselves; each learns its own outcome.
        throw failure;
      }
    }

    void forgetIfIdle(ConcurrentHashMap<Path, Group> groups) {
      lock.lock();
      try {
        if (waiting == 0 && !running) {
          groups.remove(dir, this);
        }
      } finally {
        lock.unlock();
      }
    }
  }
}
