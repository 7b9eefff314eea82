package dev.lakegate.cli.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Base64 MD5 digests (the form of {@code Content-MD5}) of streams and files, read in blocks. */
final class Md5 {
  private Md5() {}

  static String of(InputStream in) throws IOException {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      byte[] buffer = new byte[1 << 20];
      for (int n; (n = in.read(buffer, 0, buffer.length)) > 0; ) {
        md5.update(buffer, 0, n);
      }
      return Base64.getEncoder().encodeToString(md5.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has MD5", e);
    }
  }

  static String of(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return of(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
