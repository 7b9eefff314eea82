package dev.lakegate.core.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 CIDR block such as {@code 10.0.0.0/8}. Host bits must be zero, as AWS WAF IP sets
 * require. An IPv4-mapped IPv6 address ({@code ::ffff:10.1.2.3}) is matched as the IPv4 address it
 * carries.
 */
public record Cidr(int network, int prefixLength) {
  private static final Pattern FORM = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

  public Cidr {
    if (prefixLength < 0 || prefixLength > 32) {
      throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
    }
    if ((network & ~mask(prefixLength)) != 0) {
      throw new IllegalArgumentException("host bits set");
    }
  }

  /**
   * Parses {@code a.b.c.d/n}.
   *
   * @throws IllegalArgumentException with a message that says what is wrong (not a CIDR, prefix
   *     out of range, host bits set)
   */
  public static Cidr parse(String text) {
    var m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("\"" + text + "\" is not an IPv4 CIDR (a.b.c.d/n)");
    }
    int address = 0;
    for (int i = 1; i <= 4; i++) {
      int octet = Integer.parseInt(m.group(i));
      if (octet > 255 || (m.group(i).length() > 1 && m.group(i).startsWith("0"))) {
        throw new IllegalArgumentException("\"" + text + "\" is not an IPv4 CIDR: octet " + m.group(i) + " is not 0..255");
      }
      address = (address << 8) | octet;
    }
    int prefix = Integer.parseInt(m.group(5));
    if (prefix > 32) {
      throw new IllegalArgumentException("\"" + text + "\" is not an IPv4 CIDR: prefix /" + prefix + " is over /32");
    }
    if ((address & ~mask(prefix)) != 0) {
      throw new IllegalArgumentException("\"" + text + "\" has host bits set (did you mean "
          + format(address & mask(prefix)) + "/" + prefix + "?)");
    }
    return new Cidr(address, prefix);
  }

  /** True when the address lies in this block; IPv6 addresses other than IPv4-mapped never do. */
  public boolean contains(InetAddress address) {
    return ipv4Of(address).map(this::contains).orElse(false);
  }

  /** True when the IPv4 address (as a 32-bit big-endian int) lies in this block. */
  public boolean contains(int ipv4) {
    return (ipv4 & mask(prefixLength)) == network;
  }

  /** The IPv4 address of a plain or IPv4-mapped IPv6 address, as a 32-bit big-endian int. */
  public static Optional<Integer> ipv4Of(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return Optional.of(toInt(b, 0));
    }
    if (address instanceof Inet6Address && isIpv4Mapped(b)) {
      return Optional.of(toInt(b, 12));
    }
    return Optional.empty();
  }

  private static boolean isIpv4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
  }

  private static int toInt(byte[] b, int offset) {
    return ((b[offset] & 0xff) << 24) | ((b[offset + 1] & 0xff) << 16) | ((b[offset + 2] & 0xff) << 8) | (b[offset + 3] & 0xff);
  }

  private static int mask(int prefix) {
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }

  private static String format(int address) {
    return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
  }

  @Override
  public String toString() {
    return format(network) + "/" + prefixLength;
  }
}
