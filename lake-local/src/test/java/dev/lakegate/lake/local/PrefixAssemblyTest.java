package dev.lakegate.lake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How far one stored part extends an upload's assembly. */
class PrefixAssemblyTest {
  @TempDir Path upload;

  private List<MultipartStore.StoredPart> parts(String... contents) throws IOException {
    List<MultipartStore.StoredPart> parts = new ArrayList<>();
    for (int i = 0; i < contents.length; i++) {
      Path file = Files.writeString(upload.resolve("part-0000" + (i + 1) + ".x"), contents[i]);
      parts.add(new MultipartStore.StoredPart(i + 1, "x", contents[i].length(), file));
    }
    return parts;
  }

  private Path assembly() throws IOException {
    try (Stream<Path> files = Files.list(upload)) {
      return files.filter(p -> p.getFileName().toString().startsWith("assembly.")).findFirst().orElseThrow();
    }
  }

  @Test
  void extendStopsOnceItHasAppendedItsBudget() throws IOException {
    List<MultipartStore.StoredPart> stored = parts("aaaaaaaaaa", "bbbbbbbbbb", "cccccccccc");

    Optional<PrefixAssembly.Held> held = PrefixAssembly.extend(upload, Optional.empty(), stored, 15);

    assertThat(assembly().getFileName().toString()).isEqualTo("assembly.2");
    assertThat(held).contains(new PrefixAssembly.Held(assembly(), 2));
    assertThat(Files.readString(assembly(), StandardCharsets.US_ASCII)).isEqualTo("aaaaaaaaaabbbbbbbbbb");
    held = PrefixAssembly.extend(upload, held, stored, 15);
    assertThat(assembly().getFileName().toString()).isEqualTo("assembly.3");
    assertThat(held).contains(new PrefixAssembly.Held(assembly(), 3));
    assertThat(Files.readString(assembly(), StandardCharsets.US_ASCII)).isEqualTo("aaaaaaaaaabbbbbbbbbbcccccccccc");
  }

  @Test
  void extendAppendsOnePartWhateverItsBudget() throws IOException {
    List<MultipartStore.StoredPart> stored = parts("aaaaaaaaaa", "bbbbbbbbbb");

    PrefixAssembly.extend(upload, Optional.empty(), stored, 0);

    assertThat(assembly().getFileName().toString()).isEqualTo("assembly.1");
    assertThat(Files.readString(assembly(), StandardCharsets.US_ASCII)).isEqualTo("aaaaaaaaaa");
  }

  @Test
  void extendLeavesNoAssemblyWithoutTheFirstPart() throws IOException {
    List<MultipartStore.StoredPart> stored = parts("aaaaaaaaaa", "bbbbbbbbbb").subList(1, 2);

    Optional<PrefixAssembly.Held> held = PrefixAssembly.extend(upload, Optional.empty(), stored, Long.MAX_VALUE);

    assertThat(held).isEmpty();
    try (Stream<Path> files = Files.list(upload)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("assembly."));
    }
  }
}
