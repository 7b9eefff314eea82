package dev.lakegate.core.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RequestRulesTest {
  private static final String MD5 = "1B2M2Y8AsgTpgAmY7PhCfg==";
  private static final String UUID_TEXT = "0f8fad5b-d9cb-469f-a165-70867728950e";

  private final RequestRules rules = new RequestRules(orderedMap("test_required_param", true, "test_opt_param", false));

  @Test
  void acceptsUnipartWithMd5AndConfiguredParameters() {
    assertThat(rules.check(Operation.UNIPART, Map.of("md5", MD5, "test_required_param", "x", "test_opt_param", "y")))
        .isEmpty();
  }

  @Test
  void namesEveryMissingParameterSorted() {
    Optional<UploadFailure> failure = rules.check(Operation.MULTI_UPLOAD, Map.of("uuid", UUID_TEXT));
    assertThat(failure).contains(new UploadFailure.MissingParameters(
        java.util.List.of("md5", "part_num", "test_required_param", "upload_id")));
  }

  @Test
  void rejectsParameterNeitherConfiguredNorUsed() {
    assertThat(rules.check(Operation.MULTI_INIT, Map.of("test_required_param", "x", "md5", MD5, "zzz", "1")))
        .contains(new UploadFailure.UnexpectedParameters(java.util.List.of("md5", "zzz")));
  }

  @Test
  void missingIsReportedBeforeUnexpected() {
    assertThat(rules.check(Operation.UNIPART, Map.of("other", "1", "test_required_param", "x")))
        .contains(new UploadFailure.MissingParameters(java.util.List.of("md5")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "1B2M2Y8AsgTpgAmY7PhCfg", "1B2M2Y8AsgTpgAmY7PhCfg=!", "AAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
  void rejectsMd5ThatIsNotBase64OfSixteenBytes(String md5) {
    assertThat(rules.check(Operation.UNIPART, Map.of("md5", md5, "test_required_param", "x")))
        .hasValueSatisfying(f -> assertThat(f).isInstanceOf(UploadFailure.MalformedParameter.class)
            .extracting(p -> ((UploadFailure.MalformedParameter) p).name()).isEqualTo("md5"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "10001", "-1", "01", "1.5", "one", "99999999999"})
  void rejectsPartNumberOutsideOneToTenThousand(String partNumber) {
    assertThat(rules.check(Operation.MULTI_UPLOAD, multiUpload(partNumber)))
        .contains(new UploadFailure.MalformedParameter("part_num", "must be an integer from 1 to 10000"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "10000"})
  void acceptsPartNumbersAtBothEnds(String partNumber) {
    assertThat(rules.check(Operation.MULTI_UPLOAD, multiUpload(partNumber))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-a-uuid", "0F8FAD5B-D9CB-469F-A165-70867728950E", "../../etc/passwd", "0f8fad5b-d9cb-469f-a165-70867728950e/x"})
  void rejectsUuidNotInCanonicalForm(String uuid) {
    Map<String, String> query = multiUpload("1");
    query.put("uuid", uuid);
    assertThat(rules.check(Operation.MULTI_UPLOAD, query))
        .hasValueSatisfying(f -> assertThat(((UploadFailure.MalformedParameter) f).name()).isEqualTo("uuid"));
  }

  @Test
  void rejectsUploadIdWithCharactersNoStoreUses() {
    Map<String, String> query = multiUpload("1");
    query.put("upload_id", "abc def\n");
    assertThat(rules.check(Operation.MULTI_UPLOAD, query))
        .hasValueSatisfying(f -> assertThat(((UploadFailure.MalformedParameter) f).name()).isEqualTo("upload_id"));
  }

  private static Map<String, String> multiUpload(String partNumber) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("md5", MD5);
    query.put("uuid", UUID_TEXT);
    query.put("part_num", partNumber);
    query.put("upload_id", "upload-1");
    query.put("test_required_param", "x");
    return query;
  }

  private static Map<String, Boolean> orderedMap(String k1, boolean v1, String k2, boolean v2) {
    Map<String, Boolean> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }
}
