package dev.lakegate.core.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared vectors are well formed, so that an edge failing them fails on behaviour, not on a typo. */
class TestVectorTest {

  @Test
  void everyListedVectorLoadsWithADescriptionAndSteps() {
    List<TestVector> vectors = TestVector.all();

    assertThat(vectors).extracting(TestVector::name)
        .containsExactly("unipart-put", "unipart-wrong-body", "multipart-three-parts", "request-rules", "multipart-ownership");
    assertThat(vectors).allSatisfy(v -> {
      assertThat(v.description()).as(v.name()).isNotBlank();
      assertThat(v.steps()).as(v.name()).isNotEmpty();
    });
  }

  @Test
  void everyStepIsOfAKnownKindAndEveryCallExpectsAStatus() {
    for (TestVector vector : TestVector.all()) {
      for (JsonNode step : vector.steps()) {
        assertThat(step.has("call") || step.has("put") || step.has("object") || step.has("absent"))
            .as(vector.name() + ": " + step).isTrue();
        if (step.has("call")) {
          assertThat(step.path("expect").path("status").isInt()).as(vector.name() + ": " + step).isTrue();
        }
      }
    }
  }

  @Test
  void multipartContentsAreConcatenatedInPartOrder() {
    TestVector vector = TestVector.all().stream().filter(v -> v.name().equals("multipart-three-parts")).findFirst().orElseThrow();

    assertThat(vector.contents().get("whole")).hasSize(2 * 5 * 1024 * 1024 + "the short last part".length());
    assertThat(vector.contents().get("whole")[5 * 1024 * 1024]).isEqualTo((byte) 'b');
  }

  @Test
  void settingsNameTheBucketPrefixesRequiredParameterAndMappings() {
    VectorSettings settings = TestVector.settings();

    assertThat(settings.bucket()).isEqualTo("vector-lake");
    assertThat(settings.uploadSettings().objectKey("u")).isEqualTo("incoming/partners/u");
    assertThat(settings.requestParameters()).containsEntry("source", true);
    assertThat(settings.eventMetadataMappings()).containsKeys("client", "agent", "missing");
  }
}
