package dev.lakegate.server.jetty;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.slf4j.Logger;

/**
 * Caps the open connections from one source address ({@code limits.maxConnectionsPerPeer}): a
 * connection beyond the cap is closed as soon as it opens, before any byte of it is read, so one
 * peer cannot hold all of the server's connections. Written by hand because Jetty's own limits
 * ({@code ConnectionLimit}, {@code NetworkConnectionLimit}) count all peers together.
 */
final class PeerConnectionLimit implements Connection.Listener {
  private final int maxPerPeer;
  private final Logger log;
  private final ConcurrentHashMap<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();

  PeerConnectionLimit(int maxPerPeer, Logger log) {
    if (maxPerPeer < 1) {
      throw new IllegalArgumentException("maxConnectionsPerPeer must be at least 1: " + maxPerPeer);
    }
    this.maxPerPeer = maxPerPeer;
    this.log = log;
  }

  @Override
  public void onOpened(Connection connection) {
    InetAddress peer = networkPeer(connection);
    if (peer == null) {
      return;
    }
    int count = open.computeIfAbsent(peer, p -> new AtomicInteger()).incrementAndGet();
    if (count > maxPerPeer) {
      log.warn("closing connection from {}: {} open, limit {}", peer.getHostAddress(), count, maxPerPeer);
      connection.getEndPoint().close();
    }
  }

  @Override
  public void onClosed(Connection connection) {
    InetAddress peer = networkPeer(connection);
    if (peer == null) {
      return;
    }
    open.computeIfPresent(peer, (p, count) -> count.decrementAndGet() <= 0 ? null : count);
  }

  /** Open connections from this address right now. */
  int openFrom(InetAddress peer) {
    AtomicInteger count = open.get(peer);
    return count == null ? 0 : count.get();
  }

  /**
   * The peer of a connection on a network socket; null for connections layered on another one
   * (the HTTP connection inside TLS), so each socket counts once.
   */
  private static @org.jspecify.annotations.Nullable InetAddress networkPeer(Connection connection) {
    EndPoint endPoint = connection.getEndPoint();
    if (endPoint instanceof SocketChannelEndPoint && endPoint.getRemoteSocketAddress() instanceof InetSocketAddress inet) {
      return inet.getAddress();
    }
    return null;
  }
}
