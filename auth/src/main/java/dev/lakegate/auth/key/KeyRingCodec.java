package dev.lakegate.auth.key;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.RSAKey;
import dev.lakegate.auth.store.AuthStateException;
import dev.lakegate.auth.store.StateFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@code keys.json} format: per key its id, times, and the private JWK sealed by the {@link
 * SecretEnvelope}, so the file never holds a private key in clear.
 */
final class KeyRingCodec implements StateFile.Codec<KeyRing> {
  private static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SecretEnvelope envelope;
  private final String fileName;

  KeyRingCodec(SecretEnvelope envelope, String fileName) {
    this.envelope = envelope;
    this.fileName = fileName;
  }

  @Override
  public KeyRing empty() {
    return KeyRing.empty();
  }

  @Override
  public KeyRing decode(byte[] bytes) {
    KeysFile file;
    try {
      file = JSON.readValue(bytes, KeysFile.class);
    } catch (IOException e) {
      throw new AuthStateException(fileName + " is not a valid key file: " + e.getMessage(), e);
    }
    if (file.version() != VERSION) {
      throw new AuthStateException(fileName + " has unknown version " + file.version());
    }
    return new KeyRing(file.keys().stream().map(this::decodeKey).toList());
  }

  private SigningKey decodeKey(StoredKey stored) {
    String json = new String(envelope.open(stored.kid(), stored.privateKey()), StandardCharsets.UTF_8);
    try {
      RSAKey key = RSAKey.parse(json);
      if (!stored.kid().equals(key.getKeyID()) || !key.isPrivate()) {
        throw new AuthStateException(fileName + ": key " + stored.kid() + " does not match its entry");
      }
      return new SigningKey(stored.kid(), Instant.parse(stored.createdAt()), instant(stored.retiredAt()),
          instant(stored.publishedUntil()), key);
    } catch (ParseException | java.time.format.DateTimeParseException e) {
      throw new AuthStateException(fileName + ": key " + stored.kid() + " is damaged", e);
    }
  }

  @Override
  public byte[] encode(KeyRing ring) throws IOException {
    List<StoredKey> keys = ring.keys().stream().map(this::encodeKey).toList();
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(new KeysFile(VERSION, keys));
  }

  private StoredKey encodeKey(SigningKey key) {
    String sealed = envelope.seal(key.kid(), key.key().toJSONString().getBytes(StandardCharsets.UTF_8));
    return new StoredKey(key.kid(), key.createdAt().toString(),
        key.retiredAt().map(Instant::toString).orElse(null),
        key.publishedUntil().map(Instant::toString).orElse(null), sealed);
  }

  private static Optional<Instant> instant(@Nullable String text) {
    return Optional.ofNullable(text).map(Instant::parse);
  }

  record KeysFile(int version, List<StoredKey> keys) {
    KeysFile {
      keys = List.copyOf(keys);
    }
  }

  record StoredKey(
      String kid, String createdAt, @Nullable String retiredAt, @Nullable String publishedUntil, String privateKey) {
    // A missing field fails here, inside Jackson, which reports it with its position.
    StoredKey {
      Objects.requireNonNull(kid, "kid");
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(privateKey, "privateKey");
    }
  }
}
