package dev.lakegate.server.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.logstash.logback.encoder.LogstashEncoder;

/**
 * The server's four JSON-lines logs ({@code contract.md} §7), one owner-only ({@code rw-------})
 * file per kind under the log directory: {@code access.log}, {@code firewall.log}, {@code
 * auth.log}, {@code application.log}. Each server owns a private Logback context, so two servers
 * in one JVM (tests) never write into each other's files and nothing depends on a classpath
 * {@code logback.xml}. Lines are written by one background thread per log, in order and in
 * batches ({@link #flush} waits for them); closing drains the queues and releases the files.
 */
public final class ServerLogs implements AutoCloseable {
  private static final int QUEUE_EVENTS = 8192;
  private static final Duration CLOSE_DRAIN = Duration.ofSeconds(30);
  private final Path dir;
  private final LoggerContext context = new LoggerContext();
  private final AccessLog access;
  private final FirewallLog firewall;
  private final AuthEventLog authEvents;
  private final org.slf4j.Logger application;
  private final List<Logger> queuedLoggers = new ArrayList<>();

  private ServerLogs(Path dir) {
    this.dir = dir;
    context.setName("lakegate-" + dir.getFileName());
    // A context not made by SLF4J's binding has no MDC adapter, and events fail without one.
    context.setMDCAdapter(new LogbackMDCAdapter());
    context.start();
    this.access = new AccessLog(fileLogger("access"));
    this.firewall = new FirewallLog(fileLogger("firewall"));
    this.authEvents = new AuthEventLog(fileLogger("auth"));
    this.application = fileLogger("application");
    failOnSetupErrors();
  }

  /** Logback reports set-up problems as status messages, not exceptions; a log that cannot be written must stop the start. */
  private void failOnSetupErrors() {
    List<String> errors = context.getStatusManager().getCopyOfStatusList().stream()
        .filter(status -> status.getLevel() >= Status.WARN)
        .map(status -> status.getMessage() + (status.getThrowable() == null ? "" : ": " + status.getThrowable()))
        .toList();
    if (!errors.isEmpty()) {
      context.stop();
      throw new IllegalStateException("cannot open the logs in " + dir + ": " + errors);
    }
  }

  /**
   * Lowers the process-wide library logging (Jetty, Javalin, the AWS SDK) to warnings, which
   * Logback would otherwise print at debug level when no configuration file is on the class path.
   * The server's own four logs are not affected.
   */
  public static void quietLibraryLogging() {
    if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext global) {
      global.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
    }
  }

  /** Opens (creating when needed, owner-only) the log files under {@code dir}. */
  public static ServerLogs open(Path dir) {
    Objects.requireNonNull(dir, "dir");
    OwnerOnlyFiles.createDirectory(dir);
    return new ServerLogs(dir);
  }

  public AccessLog access() {
    return access;
  }

  public FirewallLog firewall() {
    return firewall;
  }

  public AuthEventLog authEvents() {
    return authEvents;
  }

  /** The application log: startup, shutdown, failures of the server's own code. */
  public org.slf4j.Logger application() {
    return application;
  }

  /** The directory the files are in. */
  public Path directory() {
    return dir;
  }

  private Logger fileLogger(String kind) {
    Path file = dir.resolve(kind + ".log");
    OwnerOnlyFiles.createFile(dir, file);
    LogstashEncoder encoder = new LogstashEncoder();
    encoder.setContext(context);
    encoder.setIncludeContext(false);
    encoder.start();
    FlushableFileAppender appender = new FlushableFileAppender();
    appender.setContext(context);
    appender.setName(kind);
    appender.setFile(file.toString());
    appender.setAppend(true);
    appender.setEncoder(encoder);
    appender.start();
    Logger logger = context.getLogger("lakegate." + kind);
    logger.setAdditive(false);
    logger.setLevel(Level.INFO);
    logger.addAppender(queued(kind, appender));
    queuedLoggers.add(logger);
    return logger;
  }

  /** Puts a queue in front of the file ({@link BatchingQueueAppender}); closing drains it. */
  private BatchingQueueAppender queued(String kind, FlushableFileAppender file) {
    BatchingQueueAppender queued = new BatchingQueueAppender(file, QUEUE_EVENTS, CLOSE_DRAIN);
    queued.setContext(context);
    queued.setName(kind);
    queued.start();
    return queued;
  }

  /**
   * Returns once every line logged before this call is in its file (the queues are written in the
   * background), or throws when that takes longer than {@code timeout}.
   */
  public void flush(Duration timeout) {
    List<CountDownLatch> written = new ArrayList<>();
    for (Logger logger : queuedLoggers) {
      CountDownLatch latch = new CountDownLatch(1);
      logger.info(FlushableFileAppender.FLUSH, "flush", latch);
      written.add(latch);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (CountDownLatch latch : written) {
      try {
        if (!latch.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
          throw new IllegalStateException("the logs were not written within " + timeout);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while flushing the logs", e);
      }
    }
  }

  @Override
  public void close() {
    context.stop();
  }

  /** File creation with owner-only permissions from the first byte, where the file system has POSIX permissions. */
  static final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {}

    static void createDirectory(Path dir) {
      try {
        Files.createDirectories(dir);
        if (isPosix(dir)) {
          Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create log directory " + dir, e);
      }
    }

    static void createFile(Path dir, Path file) {
      try {
        if (isPosix(dir)) {
          try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          } catch (FileAlreadyExistsException e) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
          }
        } else if (!Files.exists(file)) {
          Files.createFile(file);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create log file " + file, e);
      }
    }

    private static boolean isPosix(Path path) {
      return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
  }
}
