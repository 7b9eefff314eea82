package dev.lakegate.client;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on a terminal for a batch of uploads: bytes sent of the bytes to send, rate and
 * estimated time left. Bytes that a resumed upload finds already stored are taken off the total,
 * so rate and estimate describe this run's transfer.
 */
public final class TerminalProgress implements UploadListener, AutoCloseable {
  private static final long MIB = 1024L * 1024;

  private final ProgressBar bar;

  /** A bar for {@code totalBytes} bytes drawn on {@code terminal}. */
  public TerminalProgress(long totalBytes, PrintStream terminal) {
    this.bar = new ProgressBarBuilder()
        .setTaskName("upload")
        .setInitialMax(totalBytes)
        .setUnit(" MiB", MIB)
        .showSpeed()
        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
        .setUpdateIntervalMillis(250)
        .setConsumer(new ConsoleProgressBarConsumer(terminal))
        .build();
  }

  @Override
  public void started(String source, long bytes, long alreadyStored) {
    if (alreadyStored > 0) {
      bar.maxHint(bar.getMax() - alreadyStored);
    }
  }

  @Override
  public void bytesSent(long bytes) {
    bar.stepBy(bytes);
  }

  @Override
  public void close() {
    bar.close();
  }
}
