package dev.lakegate.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.client.UploadSettings;
import org.junit.jupiter.api.Test;

class PartPlanTest {
  private static final long MIB = UploadSettings.MIB;

  @Test
  void cutsIntoPreferredPartsWithAShorterLastOne() {
    PartPlan plan = PartPlan.of(21 * MIB + 7, 8 * MIB);

    assertThat(plan.partSize()).isEqualTo(8 * MIB);
    assertThat(plan.count()).isEqualTo(3);
    assertThat(plan.offset(3)).isEqualTo(16 * MIB);
    assertThat(plan.length(3)).isEqualTo(5 * MIB + 7);
  }

  @Test
  void anExactMultipleHasNoShortPart() {
    PartPlan plan = PartPlan.of(16 * MIB, 8 * MIB);

    assertThat(plan.count()).isEqualTo(2);
    assertThat(plan.length(2)).isEqualTo(8 * MIB);
  }

  @Test
  void growsThePartSizeSoThatAHugeFileNeedsAtMostTenThousandParts() {
    long oneTebibyte = 1024L * 1024 * MIB;

    PartPlan plan = PartPlan.of(oneTebibyte, 8 * MIB);

    assertThat(plan.count()).isLessThanOrEqualTo(10_000);
    assertThat(plan.partSize() % MIB).isZero();
    assertThat(plan.partSize()).isEqualTo(105 * MIB);
  }

  @Test
  void tenThousandPartsOfThePreferredSizeStillFit() {
    PartPlan plan = PartPlan.of(10_000 * 5 * MIB, 5 * MIB);

    assertThat(plan.count()).isEqualTo(10_000);
    assertThat(plan.partSize()).isEqualTo(5 * MIB);
  }

  @Test
  void neverPlansPartsBelowFiveMebibytes() {
    assertThat(PartPlan.of(20 * MIB, MIB).partSize()).isEqualTo(5 * MIB);
  }

  @Test
  void refusesWhatNoMultipartUploadCanHold() {
    long tooBig = 10_000L * 5 * 1024 * MIB + 1;

    assertThatThrownBy(() -> PartPlan.of(tooBig, 8 * MIB))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10,000 parts of 5 GiB");
  }
}
