package dev.lakegate.core.vectors;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The runner fails an edge that answers differently, so that a passing edge means something. */
class VectorRunnerTest {
  private static final TestVector UNIPART = TestVector.all().getFirst();

  @Test
  void edgeAnsweringAnotherStatusFailsNamingVectorAndStep() {
    VectorEdge broken = new FixedEdge(new VectorResponse(500, "{\"error\":\"internal_error\"}"), Optional.empty());

    assertThatThrownBy(() -> VectorRunner.run(UNIPART, broken, TestVector.settings()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("unipart-put step 1: status");
  }

  @Test
  void edgeWritingMetadataWithoutAMappedFieldFails() {
    String body = "{\"url\":\"https://lake.test/x\",\"uuid\":\"0b7f1a4e-7a47-4f1e-9a5c-3f0c5d2b9e11\"}";
    byte[] metadata = "{\"client\":\"partner-a\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    VectorEdge partial = new FixedEdge(new VectorResponse(200, body), Optional.of(metadata));

    assertThatThrownBy(() -> VectorRunner.run(UNIPART, partial, TestVector.settings()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("unipart-put step 1: metadata fields");
  }

  /** An edge that gives the same answer to everything. */
  private record FixedEdge(VectorResponse response, Optional<byte[]> object) implements VectorEdge {
    @Override
    public VectorResponse call(VectorCall call) {
      return response;
    }

    @Override
    public String clientId(String name) {
      return name;
    }

    @Override
    public Optional<byte[]> read(String key) {
      return object;
    }
  }
}
