package dev.lakegate.server.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * The file appender behind a log's queue, which also answers flush requests: a flush request is
 * an event with {@link #FLUSH} and a latch as its only argument; the queue hands events over in
 * order, so when one reaches this appender every event queued before it is encoded, and once its
 * buffer is written out, counting the latch down tells the caller so. Flush requests are never
 * written. Lines are buffered ({@code immediateFlush} off): the queue's writer calls
 * {@link #flushStream} after each batch, so a batch costs one write, not one per line.
 */
final class FlushableFileAppender extends FileAppender<ILoggingEvent> {
  static final Marker FLUSH = MarkerFactory.getMarker("LAKEGATE_LOG_FLUSH");

  FlushableFileAppender() {
    setImmediateFlush(false);
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (event.getMarkerList() != null && event.getMarkerList().contains(FLUSH)) {
      Object[] arguments = event.getArgumentArray();
      if (arguments != null && arguments.length == 1 && arguments[0] instanceof CountDownLatch latch) {
        flushStream();
        latch.countDown();
      }
      return;
    }
    super.append(event);
  }

  /** Writes the buffered lines to the file. */
  void flushStream() {
    streamWriteLock.lock();
    try {
      OutputStream out = getOutputStream();
      if (out != null) {
        out.flush();
      }
    } catch (IOException e) {
      addError("cannot write the log " + getName(), e);
    } finally {
      streamWriteLock.unlock();
    }
  }
}
