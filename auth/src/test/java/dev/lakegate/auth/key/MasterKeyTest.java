package dev.lakegate.auth.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.auth.TestAuth;
import dev.lakegate.auth.store.AuthStateException;
import dev.lakegate.auth.store.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master key must come only from the environment or an owner-only file, and never leak. */
class MasterKeyTest {
  @TempDir Path dir;

  private MasterKey loadFromFile() {
    return MasterKey.load(Map.of(), DataDirectory.open(dir), new SecureRandom());
  }

  @Test
  void generatesOwnerOnlyKeyFileOnFirstStart() throws Exception {
    loadFromFile();

    Path file = dir.resolve(MasterKey.FILE_NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
  }

  @Test
  void reusesTheKeyFileOnTheNextStart() {
    MasterKey first = loadFromFile();
    MasterKey second = loadFromFile();

    assertThat(second.derive("x")).isEqualTo(first.derive("x"));
  }

  @Test
  void prefersTheEnvironmentVariableAndWritesNoFile() {
    MasterKey key = MasterKey.load(TestAuth.masterKeyEnvironment(), DataDirectory.open(dir), new SecureRandom());

    assertThat(key.derive("x")).isEqualTo(TestAuth.masterKey().derive("x"));
    assertThat(dir.resolve(MasterKey.FILE_NAME)).doesNotExist();
  }

  @Test
  void rejectsKeyFileReadableByOthers() throws Exception {
    loadFromFile();
    Files.setPosixFilePermissions(dir.resolve(MasterKey.FILE_NAME), PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(this::loadFromFile)
        .isInstanceOf(AuthStateException.class)
        .hasMessageContaining("accessible by others")
        .hasMessageContaining("chmod 600");
  }

  @Test
  void rejectsKeyFileOfWrongLength() throws Exception {
    Path file = dir.resolve(MasterKey.FILE_NAME);
    Files.writeString(file, Base64.getEncoder().encodeToString(new byte[16]));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    assertThatThrownBy(this::loadFromFile)
        .isInstanceOf(AuthStateException.class)
        .hasMessageContaining("32 bytes, got 16");
  }

  @Test
  void rejectsEnvironmentKeyThatIsNotBase64() {
    Map<String, String> environment = Map.of(MasterKey.ENVIRONMENT_VARIABLE, "not base64 at all!");

    assertThatThrownBy(() -> MasterKey.load(environment, DataDirectory.open(dir), new SecureRandom()))
        .isInstanceOf(AuthStateException.class)
        .hasMessageContaining(MasterKey.ENVIRONMENT_VARIABLE)
        .hasMessageContaining("not valid base64");
  }

  @Test
  void derivesDistinctStableKeysPerPurpose() {
    MasterKey key = TestAuth.masterKey();

    assertThat(key.derive("lake-presigning")).hasSize(32).isEqualTo(key.derive("lake-presigning"));
    assertThat(key.derive("lake-presigning")).isNotEqualTo(key.derive("client-secret-hash"));
  }

  @Test
  void toStringShowsTheSourceNotTheKey() {
    String base64 = Base64.getEncoder().encodeToString(TestAuth.masterKeyBytes());
    MasterKey key = MasterKey.load(TestAuth.masterKeyEnvironment(), DataDirectory.open(dir), new SecureRandom());

    assertThat(key.toString()).contains(MasterKey.ENVIRONMENT_VARIABLE).doesNotContain(base64);
  }

  @Test
  void administrationNeverCreatesAKey() {
    assertThatThrownBy(() -> MasterKey.loadExisting(Map.of(), DataDirectory.open(dir)))
        .isInstanceOf(AuthStateException.class)
        .hasMessageContaining("no master key")
        .hasMessageContaining(MasterKey.ENVIRONMENT_VARIABLE);
    assertThat(dir.resolve(MasterKey.FILE_NAME)).doesNotExist();
  }

  @Test
  void administrationUsesTheKeyFileTheServerCreated() {
    MasterKey server = loadFromFile();

    assertThat(MasterKey.loadExisting(Map.of(), DataDirectory.open(dir)).derive("x")).isEqualTo(server.derive("x"));
  }

  @Test
  void rejectsAKeyOtherThanTheOneTheDataDirectoryWasSetUpWith() {
    loadFromFile();

    assertThatThrownBy(() -> MasterKey.load(TestAuth.masterKeyEnvironment(), DataDirectory.open(dir), new SecureRandom()))
        .isInstanceOf(AuthStateException.class)
        .hasMessageContaining("is not the one data directory");
  }
}
