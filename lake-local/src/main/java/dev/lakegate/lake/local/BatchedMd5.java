package dev.lakegate.lake.local;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The MD5 of mid-sized bodies, computed several at a time ({@link Md5Lanes}) on one thread of its
 * own while their uploads wait for the disk. A body is copied into the batch being filled when it
 * is {@linkplain #submit submitted}; the batch is hashed when its lanes are full, when the lake
 * starts a file system flush ({@link #seal}: the uploads of the batch wait for that flush, so
 * their hashing costs them no time), or when a caller needs a digest of it. A body that finds no
 * room, or arrives while the lanes' code is still being compiled, is hashed at once on the
 * caller's thread, as it would be without batches. One per JVM: the vector unit is the CPU's,
 * whichever lake uses it. Absent where the JVM runs without the {@code jdk.incubator.vector}
 * module, the CPU has fewer than 8 integer lanes, or the JIT has no optimising compiler.
 */
final class BatchedMd5 {
  /** Fewer bodies than this in a batch are hashed one by one: the lanes would cost more. */
  static final int MIN_BATCH = 4;
  /** The largest body a batch takes; larger ones are hashed by the caller. */
  static final int MAX_BODY_BYTES = StagingArea.DIRECT_BUFFER_BYTES;
  private static final int CAPACITY_WORDS = (2 * 1024 * 1024 + 64 * 16) / 4;
  /** How long the lanes may take to be compiled before bodies are hashed one at a time for now. */
  static final Duration WARM_UP_LIMIT = Duration.ofMinutes(2);
  /** After {@link #WARM_UP_LIMIT}, how often the lanes are checked again until they are compiled. */
  static final Duration RECHECK_INTERVAL = Duration.ofMinutes(1);
  private static final int WARM_UP_STREAK = 3;
  private static final int WARM_UP_CHECK_BYTES = 4096;
  private static final int WARM_UP_BURST = 256;
  private static final Duration WARM_UP_PAUSE = Duration.ofMillis(50);

  // Before SHARED: start() reports to it where there are no lanes to warm up.
  private static final Reports REPORTS = new Reports();
  private static final Optional<BatchedMd5> SHARED = start();

  private final int lanes;
  private final Duration warmUpLimit;
  private final Duration recheckInterval;
  private final HashingReport report;
  private final Object lock = new Object();
  // Under `lock`: the batch being filled, the one spare while the other is hashed, and the state.
  private Batch filling;
  private @Nullable Batch spare;
  private boolean sealRequested;
  private volatile boolean warm;
  private final AtomicLong inLanes = new AtomicLong();
  private final AtomicLong batchesInLanes = new AtomicLong();

  private BatchedMd5(int lanes, Duration warmUpLimit, Duration recheckInterval, HashingReport report) {
    this.lanes = lanes;
    this.warmUpLimit = warmUpLimit;
    this.recheckInterval = recheckInterval;
    this.report = report;
    this.filling = new Batch(lanes);
    this.spare = new Batch(lanes);
  }

  /** The JVM's batched MD5, or empty where the vector module, enough lanes or an optimising JIT is missing. */
  static Optional<BatchedMd5> shared() {
    return SHARED;
  }

  /**
   * Tells {@code watcher} how this JVM hashes mid-sized bodies each time that is known anew, at once
   * what is known already: "in batches of up to N bodies, one per vector lane"; "one body at a time:
   * " and why, for good; or "one body at a time for now: " and why, when the warm-up ran out of
   * time, followed by "in batches ..." if the lanes are compiled later. What the watcher throws is
   * dropped.
   */
  static void watchHashing(Consumer<String> watcher) {
    REPORTS.watch(watcher);
  }

  private static Optional<BatchedMd5> start() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      REPORTS.tell("one body at a time: the JVM runs without the jdk.incubator.vector module", true);
      return Optional.empty();
    }
    if (Md5Lanes.LANES < 8) {
      REPORTS.tell("one body at a time: the CPU's vectors hold " + Md5Lanes.LANES + " integers, fewer than 8", true);
      return Optional.empty();
    }
    Optional<String> uncompiled = neverCompiled();
    if (uncompiled.isPresent()) {
      REPORTS.tell("one body at a time: " + uncompiled.get(), true);
      return Optional.empty();
    }
    return Optional.of(start(Md5Lanes.LANES, WARM_UP_LIMIT, RECHECK_INTERVAL, REPORTS));
  }

  /**
   * Why this JVM's JIT will never compile the lanes with its optimising compiler, the only one that
   * turns the Vector API into vector instructions, if it will not: warming them up would only
   * spend CPU (interpreted, about 3 s of a core a burst; compiled by the first tier only, 0.1 s).
   */
  static Optional<String> neverCompiled() {
    if (ManagementFactory.getCompilationMXBean() == null) {
      return Optional.of("the JVM runs without its JIT compiler");
    }
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    if (vm == null) {
      return Optional.empty();
    }
    try {
      int lastTier = Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue());
      if (Boolean.parseBoolean(vm.getVMOption("TieredCompilation").getValue()) && lastTier < 4) {
        return Optional.of("the JVM's JIT stops at tier " + lastTier + ", before its optimising compiler");
      }
    } catch (IllegalArgumentException e) {
      // Not HotSpot's options: nothing known, so the warm-up finds out.
    }
    return Optional.empty();
  }

  /** Who is told how bodies are hashed; {@code settled} when that will not change any more. */
  interface HashingReport {
    void tell(String how, boolean settled);
  }

  /**
   * A batched MD5 of its own, its thread started: the shared one, or one with shorter times for a
   * test. {@code report} is told what {@link #watchHashing} tells of the shared one.
   */
  static BatchedMd5 start(int lanes, Duration warmUpLimit, Duration recheckInterval, HashingReport report) {
    BatchedMd5 md5 = new BatchedMd5(lanes, warmUpLimit, recheckInterval, report);
    Thread.ofPlatform().name("lake-md5").daemon(true).start(md5::run);
    return md5;
  }

  /**
   * Copies {@code length} bytes of {@code body}, from its position, for hashing in a batch, or
   * hashes them now when no batch can take them. {@code body} may be reused once this returns.
   */
  PendingMd5 submit(ByteBuffer body, int length) {
    Batch batch;
    int lane;
    synchronized (lock) {
      lane = warm && length <= MAX_BODY_BYTES ? filling.claim(length) : -1;
      batch = filling;
      if (lane >= 0 && batch.full()) {
        lock.notifyAll();
      }
    }
    if (lane < 0) {
      return now(body, length);
    }
    Md5Lanes.pad(body, length, batch.words, batch.base[lane]);
    CompletableFuture<byte[]> result = batch.results[lane];
    synchronized (lock) {
      batch.copying--;
      if (batch.copying == 0) {
        lock.notifyAll();
      }
    }
    return () -> await(result, batch);
  }

  /** Whether the lanes' code is compiled, so that bodies are batched; before, each is hashed at once. */
  boolean warm() {
    return warm;
  }

  /** How many bodies have been hashed in lanes, not one by one. */
  long hashedInLanes() {
    return inLanes.get();
  }

  /** How many batches have been hashed in lanes: {@link #hashedInLanes} over this is their mean size. */
  long batchesInLanes() {
    return batchesInLanes.get();
  }

  /** Hashes the batch being filled now, not later: its bodies' uploads are about to wait for the disk. */
  void seal() {
    synchronized (lock) {
      if (filling.count > 0 && !sealRequested) {
        sealRequested = true;
        lock.notifyAll();
      }
    }
  }

  private byte[] await(CompletableFuture<byte[]> result, Batch batch) {
    if (!result.isDone()) {
      synchronized (lock) {
        if (filling == batch) {
          sealRequested = true;
          lock.notifyAll();
        }
      }
    }
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a body was hashed", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("hashing a body failed", e.getCause());
    }
  }

  private static PendingMd5 now(ByteBuffer body, int length) {
    MessageDigest md5 = StagingArea.newMd5();
    md5.update(body.duplicate().limit(body.position() + length));
    return PendingMd5.of(md5.digest());
  }

  private void run() {
    byte[] bytes = new byte[MAX_BODY_BYTES];
    WarmUp outcome = warmUp(bytes, System.nanoTime() + warmUpLimit.toNanos());
    if (outcome == WarmUp.NOT_YET) {
      report.tell("one body at a time for now: the vector lanes were not twice as fast as the JDK's MD5 within "
          + spoken(warmUpLimit) + "; they are checked again every " + spoken(recheckInterval), false);
    }
    // A compiler kept busy by the rest of the JVM may compile the lanes long after the start.
    while (outcome == WarmUp.NOT_YET) {
      try {
        Thread.sleep(recheckInterval);
      } catch (InterruptedException e) {
        outcome = WarmUp.INTERRUPTED;
        break;
      }
      outcome = warmUp(bytes, System.nanoTime());
    }
    if (outcome != WarmUp.WARM) {
      report.tell("one body at a time: " + (outcome == WarmUp.DIFFERED
          ? "a digest of the vector lanes differed from the JDK's"
          : "the warm-up was interrupted"), true);
      return;
    }
    warm = true;
    report.tell("in batches of up to " + lanes + " bodies, one per vector lane", true);
    serve(bytes);
  }

  /** "120 s", or "200 ms" for what is not whole seconds. */
  private static String spoken(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
  }

  /** Hashes each batch once it is full or sealed, for as long as the JVM runs. */
  private void serve(byte[] bytes) {
    while (true) {
      Batch batch;
      synchronized (lock) {
        try {
          while (!(filling.full() || (sealRequested && filling.count > 0)) || filling.copying > 0 || spare == null) {
            lock.wait();
          }
        } catch (InterruptedException e) {
          return;
        }
        batch = filling;
        filling = Objects.requireNonNull(spare);
        spare = null;
        sealRequested = false;
      }
      hash(batch, bytes);
      batch.clear();
      synchronized (lock) {
        spare = batch;
        lock.notifyAll();
      }
    }
  }

  private void hash(Batch batch, byte[] bytes) {
    try {
      if (batch.count >= MIN_BATCH) {
        byte[][] digests = Md5Lanes.digest(batch.words, batch.base, batch.blocks, batch.count);
        inLanes.addAndGet(batch.count);
        batchesInLanes.incrementAndGet();
        for (int j = 0; j < batch.count; j++) {
          batch.results[j].complete(digests[j]);
        }
        return;
      }
      for (int j = 0; j < batch.count; j++) {
        batch.results[j].complete(hashOne(batch, j, bytes));
      }
    } catch (RuntimeException | Error e) {
      for (int j = 0; j < batch.count; j++) {
        batch.results[j].completeExceptionally(e);
      }
    }
  }

  /** One lane's body, back from its padded words, hashed by the JDK's own MD5. */
  private static byte[] hashOne(Batch batch, int lane, byte[] bytes) {
    int length = batch.lengths[lane];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(batch.words, batch.base[lane], (length + 3) / 4);
    MessageDigest md5 = StagingArea.newMd5();
    md5.update(bytes, 0, length);
    return md5.digest();
  }

  /** How a run of the warm-up ended. */
  private enum WarmUp {
    /** Three checks in a row found the lanes at least twice as fast as the JDK: compiled. */
    WARM,
    /** A check found them slower after the deadline: not compiled yet. */
    NOT_YET,
    /** A digest of the lanes differed from the JDK's: they are never used. */
    DIFFERED,
    INTERRUPTED
  }

  /**
   * Runs the lanes on batches of every shape they will be given (from {@link #MIN_BATCH} to all
   * lanes, bodies of differing lengths, each digest checked against the JDK's) until the JIT's
   * optimising compiler has compiled them, or until a check after {@code deadline} (a
   * {@link System#nanoTime} value) finds them not compiled yet. Before it is compiled, the vector
   * code runs as plain objects, many times slower than hashing one body at a time. The count of
   * calls is no sign: the compiler replaces the method for new calls only after many more than it
   * takes to compile its loops, and the server's own start keeps that compiler busy. So after each
   * burst of {@link #WARM_UP_BURST} batches, a full batch of 4 KiB bodies is timed against the JDK's
   * MD5 of the same bodies one by one, and the lanes count as compiled once {@link #WARM_UP_STREAK}
   * such checks in a row found them at least twice as fast (compiled, they are three to five times
   * as fast; the small batches alone were too short to time on a busy machine). Between bursts the
   * thread pauses, so that the warm-up leaves most of a core to the server's start. With a deadline
   * already past, it is one burst and its check, and two more bursts only while the checks pass.
   */
  private WarmUp warmUp(byte[] bytes, long deadline) {
    // The spare batch, which nothing else touches before the warm-up ends.
    Batch batch;
    synchronized (lock) {
      batch = Objects.requireNonNull(spare);
    }
    ByteBuffer body = ByteBuffer.allocate(WARM_UP_CHECK_BYTES);
    for (int i = 0; i < body.capacity(); i++) {
      body.put(i, (byte) (31 * i));
    }
    int streak = 0;
    for (int round = 0; ; round++) {
      int count = MIN_BATCH + round % (lanes - MIN_BATCH + 1);
      for (int j = 0; j < count; j++) {
        // 1 to 5 blocks, differing from lane to lane and round to round.
        int length = (round + 61 * j) % 256;
        Md5Lanes.pad(body, length, batch.words, batch.base[batch.claim(length)]);
      }
      if (twiceAsFastAsTheJdk(batch, bytes).isEmpty()) {
        return WarmUp.DIFFERED;
      }
      if (round % WARM_UP_BURST != WARM_UP_BURST - 1) {
        continue;
      }
      for (int j = 0; j < lanes; j++) {
        Md5Lanes.pad(body, body.capacity(), batch.words, batch.base[batch.claim(body.capacity())]);
      }
      Optional<Boolean> fast = twiceAsFastAsTheJdk(batch, bytes);
      if (fast.isEmpty()) {
        return WarmUp.DIFFERED;
      }
      streak = fast.get() ? streak + 1 : 0;
      if (streak == WARM_UP_STREAK) {
        return WarmUp.WARM;
      }
      if (streak == 0 && System.nanoTime() - deadline >= 0) {
        return WarmUp.NOT_YET;
      }
      try {
        Thread.sleep(WARM_UP_PAUSE);
      } catch (InterruptedException e) {
        return WarmUp.INTERRUPTED;
      }
    }
  }

  /**
   * Hashes the batch in the lanes and its bodies one by one with the JDK's MD5, then clears it;
   * returns whether the lanes took at most half as long, or empty when a digest differed.
   */
  private static Optional<Boolean> twiceAsFastAsTheJdk(Batch batch, byte[] bytes) {
    long started = System.nanoTime();
    byte[][] digests = Md5Lanes.digest(batch.words, batch.base, batch.blocks, batch.count);
    long inLanes = System.nanoTime() - started;
    started = System.nanoTime();
    for (int j = 0; j < batch.count; j++) {
      if (!Arrays.equals(digests[j], hashOne(batch, j, bytes))) {
        batch.clear();
        return Optional.empty();
      }
    }
    long oneByOne = System.nanoTime() - started;
    batch.clear();
    return Optional.of(2 * inLanes <= oneByOne);
  }

  /**
   * What was reported of how bodies are hashed, in order, and who is told of the next reports until
   * one is settled; watchers are not kept after that.
   */
  private static final class Reports implements HashingReport {
    private final List<String> reported = new ArrayList<>();
    private final List<Consumer<String>> watchers = new ArrayList<>();
    private boolean settled;

    synchronized void watch(Consumer<String> watcher) {
      reported.forEach(how -> inform(watcher, how));
      if (!settled) {
        watchers.add(watcher);
      }
    }

    @Override
    public synchronized void tell(String how, boolean settled) {
      reported.add(how);
      watchers.forEach(watcher -> inform(watcher, how));
      if (settled) {
        this.settled = true;
        watchers.clear();
      }
    }

    private static void inform(Consumer<String> watcher, String how) {
      try {
        watcher.accept(how);
      } catch (RuntimeException e) {
        // Dropped: the hashing thread reports before it serves, and must not die of a watcher.
      }
    }
  }

  /** Up to {@code lanes} padded bodies side by side, and their digests to come. */
  private static final class Batch {
    final int[] words = new int[CAPACITY_WORDS];
    final int[] base;
    final int[] blocks;
    final int[] lengths;
    final CompletableFuture<byte[]>[] results;
    int count;
    int used;
    int copying;

    @SuppressWarnings({"unchecked", "rawtypes"})
    Batch(int lanes) {
      this.base = new int[lanes];
      this.blocks = new int[lanes];
      this.lengths = new int[lanes];
      this.results = new CompletableFuture[lanes];
    }

    /** Reserves a lane and room for a body of {@code length} bytes; -1 when there is none. */
    int claim(int length) {
      int words = 16 * Md5Lanes.blocks(length);
      if (count == base.length || used + words > this.words.length) {
        return -1;
      }
      int lane = count++;
      base[lane] = used;
      blocks[lane] = words / 16;
      lengths[lane] = length;
      results[lane] = new CompletableFuture<>();
      used += words;
      copying++;
      return lane;
    }

    boolean full() {
      return count == base.length;
    }

    void clear() {
      count = 0;
      used = 0;
      copying = 0;
      Arrays.fill(results, null);
    }
  }
}
