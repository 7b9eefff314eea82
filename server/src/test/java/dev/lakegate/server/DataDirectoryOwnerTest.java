package dev.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.security.auth.module.UnixSystem;
import dev.lakegate.auth.store.AuthStateException;
import dev.lakegate.core.config.LakegateConfig;
import dev.lakegate.core.config.TestConfigs;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryOwnerTest {
  @TempDir Path tmp;

  @Test
  void refusesToStartOnADataDirectoryHoldingAnotherUsersFilesAndWritesNothingThere() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("unix") && new UnixSystem().getUid() == 0,
        "needs root to hand a directory to another user");
    Path data = Files.createDirectory(tmp.resolve("data"));
    Path lock = Files.createFile(data.resolve(".lock"));
    Files.setOwner(lock, data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
    LakegateConfig config = TestConfigs.config(data);

    assertThatThrownBy(() -> LakegateServer.create(config, ServerEnvironment.system()))
        .isInstanceOf(AuthStateException.class)
        .hasMessageContaining("holds the files of user nobody");
    try (Stream<Path> files = Files.list(data)) {
      assertThat(files).containsExactly(lock);
    }
  }
}
