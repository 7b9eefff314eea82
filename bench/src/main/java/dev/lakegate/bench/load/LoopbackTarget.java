package dev.lakegate.bench.load;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one gate every request of the harness passes: the target must be an {@code http} or
 * {@code https} URL whose host resolves only to loopback addresses. Load is never sent anywhere
 * else, whatever URL a scenario, a server's answer or a command line hands over; anything else is
 * refused before a byte leaves.
 */
public final class LoopbackTarget {
  private static final Set<String> SCHEMES = Set.of("http", "https");

  // Resolving a name per request would cost more than the request; a host once proven loopback stays so.
  private final Set<String> provenHosts = ConcurrentHashMap.newKeySet();

  /** Returns {@code url} when it points at loopback; throws {@link IllegalArgumentException} otherwise. */
  public URI require(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme)) {
      throw new IllegalArgumentException("only http and https targets are allowed, got: " + redacted(url));
    }
    String host = url.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("target has no host: " + redacted(url));
    }
    if (provenHosts.contains(host)) {
      return url;
    }
    if (!resolvesToLoopbackOnly(host)) {
      throw new IllegalArgumentException("refusing non-loopback target " + host
          + ": the harness only sends load to 127.0.0.0/8, ::1 or localhost");
    }
    provenHosts.add(host);
    return url;
  }

  private static boolean resolvesToLoopbackOnly(String host) {
    try {
      InetAddress[] addresses = InetAddress.getAllByName(host);
      for (InetAddress address : addresses) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return addresses.length > 0;
    } catch (UnknownHostException unknown) {
      return false;
    }
  }

  // A presigned URL's query carries its signature: never print it.
  private static String redacted(URI url) {
    return url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath());
  }
}
