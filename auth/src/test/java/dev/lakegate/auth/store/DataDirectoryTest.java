package dev.lakegate.auth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
  @TempDir Path tmp;

  private static boolean root() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("unix") && new UnixSystem().getUid() == 0;
  }

  private static UserPrincipal nobody(Path path) throws IOException {
    return path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
  }

  @Test
  void refusesADirectoryHoldingAnotherUsersFilesBeforeWritingAnythingThere() throws IOException {
    assumeTrue(root(), "needs root to hand a file to another user");
    Path dir = Files.createDirectory(tmp.resolve("data"));
    Path changes = Files.write(dir.resolve(".changes"), new byte[8]);
    Files.setOwner(changes, nobody(dir));

    assertThatThrownBy(() -> DataDirectory.open(dir))
        .isInstanceOf(AuthStateException.class)
        .hasMessageContaining("holds the files of user nobody")
        .hasMessageContaining("its .changes")
        .hasMessageContaining("run the server and the commands as one user");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(changes);
    }
  }

  @Test
  void opensADirectoryAnotherUserOwnsWhileItsFilesAreThisProcesss() throws IOException {
    assumeTrue(root(), "needs root to hand a directory to another user");
    Path dir = Files.createDirectory(tmp.resolve("data"));
    Files.setOwner(dir, nobody(dir));

    DataDirectory data = DataDirectory.open(dir);
    data.write("clients.json", "{}".getBytes(StandardCharsets.UTF_8));

    assertThat(data.read("clients.json")).hasValueSatisfying(bytes -> assertThat(bytes).asString().isEqualTo("{}"));
  }

  @Test
  void opensAndWritesADirectoryThisProcessOwns() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("data"));

    DataDirectory data = DataDirectory.open(dir);
    data.write("clients.json", "{}".getBytes(StandardCharsets.UTF_8));

    assertThat(data.read("clients.json")).hasValueSatisfying(bytes -> assertThat(bytes).asString().isEqualTo("{}"));
  }
}
