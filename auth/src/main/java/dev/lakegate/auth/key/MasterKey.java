package dev.lakegate.auth.key;

import dev.lakegate.auth.store.AuthStateException;
import dev.lakegate.auth.store.DataDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit master key that protects secrets at rest ({@code contract.md} §8, the module's KMS
 * key). It comes from the environment variable {@value #ENVIRONMENT_VARIABLE} (base64 of 32
 * bytes), else from the owner-only file {@value #FILE_NAME} in the data directory, which is
 * generated on first start. It is never read from the configuration file and never printed:
 * {@link #toString()} shows only where it came from. Other keys are {@linkplain #derive derived}
 * from it per purpose, so one secret protects everything and no two uses share a key.
 */
public final class MasterKey {
  /** The environment variable that holds the key, base64 of 32 bytes. */
  public static final String ENVIRONMENT_VARIABLE = "LAKEGATE_MASTER_KEY";
  /** The key file in the data directory, used when the variable is not set. */
  public static final String FILE_NAME = "master.key";
  /** The file holding a check value of the key the data directory was set up with. */
  public static final String CHECK_FILE_NAME = "master.check";
  /** Length of the key in bytes. */
  public static final int LENGTH = 32;

  private static final Set<PosixFilePermission> TOO_BROAD = Set.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private final byte[] key;
  private final String source;

  private MasterKey(byte[] key, String source) {
    if (key.length != LENGTH) {
      throw new AuthStateException(source + ": master key must be " + LENGTH + " bytes, got " + key.length);
    }
    this.key = key.clone();
    this.source = source;
  }

  /** A master key given directly, for tests and embedding. */
  public static MasterKey of(byte[] key) {
    return new MasterKey(Objects.requireNonNull(key, "key"), "given key");
  }

  /**
   * The master key from {@code environment}, else from the key file in {@code dir}, creating that
   * file (owner-only, atomically) when it does not exist. This is how the server starts.
   *
   * @throws AuthStateException when the variable or file holds no valid key, the file is readable
   *     or writable by anyone but its owner, or the data directory was set up under another key
   */
  public static MasterKey load(Map<String, String> environment, DataDirectory dir, SecureRandom random) {
    return dir.underLock(() -> checked(dir, fromEnvironment(environment).orElseGet(() -> fromFile(dir, random))));
  }

  /**
   * As {@link #load} but never creates a key: administration commands must use the key the
   * server uses, and a fresh one would make every stored secret unreadable.
   *
   * @throws AuthStateException also when there is neither the variable nor the key file
   */
  public static MasterKey loadExisting(Map<String, String> environment, DataDirectory dir) {
    return dir.underLock(() -> checked(dir, fromEnvironment(environment).orElseGet(() -> {
      if (!Files.exists(dir.resolve(FILE_NAME))) {
        throw new AuthStateException("no master key: set " + ENVIRONMENT_VARIABLE + " as the server has it, or start "
            + "the server once to create " + dir.resolve(FILE_NAME));
      }
      return fromFile(dir, new SecureRandom());
    })));
  }

  private static Optional<MasterKey> fromEnvironment(Map<String, String> environment) {
    String value = environment.get(ENVIRONMENT_VARIABLE);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String what = "environment variable " + ENVIRONMENT_VARIABLE;
    return Optional.of(new MasterKey(decode(value, what), what));
  }

  /**
   * Compares the key with the check value the data directory was set up with, writing it on
   * first use, so a wrong key (a missing environment variable, a copied directory) is a clear
   * error instead of secrets that silently stop verifying.
   */
  private static MasterKey checked(DataDirectory dir, MasterKey key) throws IOException {
    byte[] expected = Base64.getEncoder().encode(key.derive("key-check"));
    Optional<byte[]> stored = dir.read(CHECK_FILE_NAME);
    if (stored.isEmpty()) {
      dir.write(CHECK_FILE_NAME, expected);
    } else if (!MessageDigest.isEqual(expected, stored.get())) {
      throw new AuthStateException("the master key from " + key.source() + " is not the one data directory "
          + dir.path() + " was set up with (" + CHECK_FILE_NAME + " differs)");
    }
    return key;
  }

  private static MasterKey fromFile(DataDirectory dir, SecureRandom random) {
    try {
      return readOrCreateFile(dir, random);
    } catch (IOException e) {
      throw new AuthStateException("cannot read or create " + dir.resolve(FILE_NAME) + ": " + e.getMessage(), e);
    }
  }

  private static MasterKey readOrCreateFile(DataDirectory dir, SecureRandom random) throws IOException {
    String what = "master key file " + dir.resolve(FILE_NAME);
    Optional<byte[]> existing = dir.read(FILE_NAME);
    if (existing.isEmpty()) {
      byte[] fresh = new byte[LENGTH];
      random.nextBytes(fresh);
      dir.write(FILE_NAME, (Base64.getEncoder().encodeToString(fresh) + "\n").getBytes(StandardCharsets.US_ASCII));
      return new MasterKey(fresh, what);
    }
    Set<PosixFilePermission> broad = dir.permissions(FILE_NAME).stream().filter(TOO_BROAD::contains)
        .collect(java.util.stream.Collectors.toSet());
    if (!broad.isEmpty()) {
      throw new AuthStateException(what + " is accessible by others than its owner (" + broad
          + "); restrict it with: chmod 600 " + dir.resolve(FILE_NAME));
    }
    return new MasterKey(decode(new String(existing.get(), StandardCharsets.US_ASCII), what), what);
  }

  private static byte[] decode(String base64, String what) {
    try {
      byte[] bytes = Base64.getDecoder().decode(base64.strip());
      if (bytes.length != LENGTH) {
        throw new AuthStateException(what + ": master key must be base64 of " + LENGTH + " bytes, got "
            + bytes.length + " bytes");
      }
      return bytes;
    } catch (IllegalArgumentException e) {
      throw new AuthStateException(what + ": master key is not valid base64");
    }
  }

  /**
   * A 32-byte key for one purpose ({@code "client-secret-hash"}, {@code "lake-presigning"}, ...):
   * HKDF-Expand (RFC 5869 §2.3) with the master key as the pseudorandom key and the purpose as
   * info. The master key is already uniformly random, so the Extract step adds nothing; written
   * here because the JDK before release 25 has no KDF API.
   */
  public byte[] derive(String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(("lakegate/" + purpose).getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 1);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
    }
  }

  /** Where the key came from (variable or file), never the key. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "MasterKey[from " + source + "]";
  }
}
