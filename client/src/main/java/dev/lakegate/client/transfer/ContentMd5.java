package dev.lakegate.client.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The MD5 of a body, in the two spellings the protocol uses: base64 for the {@code md5} query
 * parameter and the {@code Content-MD5} header (RFC 1864), hex for comparing with an ETag.
 */
record ContentMd5(String base64) {

  /** Reads {@code body} once, in blocks, to digest it. */
  static ContentMd5 of(PartBody body) throws IOException {
    MessageDigest md5 = newDigest();
    byte[] block = new byte[256 * 1024];
    try (InputStream in = body.open()) {
      for (int n = in.read(block); n >= 0; n = in.read(block)) {
        md5.update(block, 0, n);
      }
    }
    return of(md5);
  }

  static ContentMd5 of(MessageDigest finished) {
    return new ContentMd5(Base64.getEncoder().encodeToString(finished.digest()));
  }

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }

  String hex() {
    return HexFormat.of().formatHex(Base64.getDecoder().decode(base64));
  }
}
