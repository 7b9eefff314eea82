package dev.lakegate.lake.local;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict RFC 3986 percent-decoding of a received path and query, and SigV4's percent-encoding of
 * the same. Written by hand because {@link java.net.URLDecoder} decodes form data ({@code +} becomes
 * a space, which S3 paths do not mean) and accepts malformed UTF-8; here a bad escape or bad UTF-8
 * is an error. {@link java.net.URLEncoder} encodes form data too, and would need three rewrites
 * after it to give SigV4's form.
 */
final class PercentEncoding {
  private static final String UPPER_HEX = "0123456789ABCDEF";

  private PercentEncoding() {}

  /**
   * Decodes percent escapes.
   *
   * @throws S3ErrorException {@code InvalidURI} for a truncated escape or invalid UTF-8
   */
  static String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          throw invalid();
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw invalid();
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw invalid();
    }
  }

  /**
   * Encodes as SigV4 does: every UTF-8 byte except the unreserved {@code A-Z a-z 0-9 - _ . ~} as
   * {@code %XX} in upper case, and {@code /} too unless {@code keepSlash}. A lone surrogate counts
   * as {@code ?}, as Java's UTF-8 encoder makes it.
   */
  static String encode(String value, boolean keepSlash) {
    int i = 0;
    while (i < value.length() && kept(value.charAt(i), keepSlash)) {
      i++;
    }
    if (i == value.length()) {
      return value;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(utf8.length + 16);
    for (byte b : utf8) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && kept(c, keepSlash)) {
        out.append(c);
      } else {
        out.append('%').append(UPPER_HEX.charAt(c >> 4)).append(UPPER_HEX.charAt(c & 0xf));
      }
    }
    return out.toString();
  }

  private static boolean kept(char c, boolean keepSlash) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/');
  }

  /** Splits and decodes a raw query string into names and their values, in order. */
  static Map<String, List<String>> decodeQuery(String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return query;
  }

  private static S3ErrorException invalid() {
    return new S3ErrorException(S3Error.INVALID_URI, "malformed percent-encoding or UTF-8 in the URI");
  }
}
