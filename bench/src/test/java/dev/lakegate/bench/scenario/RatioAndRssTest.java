package dev.lakegate.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RatioAndRssTest {

  @Test
  void aRatioMeetsItsTargetOnlyWhenItReachesIt() {
    assertThat(Ratio.atLeast("a", 80, 100, 0.8).met()).isTrue();
    assertThat(Ratio.atLeast("b", 79, 100, 0.8).met()).isFalse();
    assertThat(Ratio.atLeast("b", 79, 100, 0.8).summary()).contains("0.79").contains("missed");
  }

  @Test
  void aReportedRatioHasNoVerdict() {
    Ratio reported = Ratio.reported("c", 5, 10);

    assertThat(reported.value()).isEqualTo(0.5);
    assertThat(reported.met()).isFalse();
    assertThat(reported.summary()).contains("no target");
  }

  @Test
  void aRatioAgainstNothingIsZeroNotInfinite() {
    assertThat(Ratio.atLeast("d", 5, 0, 1).value()).isZero();
  }

  @Test
  void samplesThePeakResidentSetOfARunningProcess() {
    RssSampler sampler = RssSampler.watch(ProcessHandle.current().pid(), 10);
    sampler.close();

    assertThat(sampler.peakMib()).hasValueSatisfying(mib -> assertThat(mib).isPositive());
  }

  @Test
  void reportsNothingForAProcessThatDoesNotExist() {
    RssSampler sampler = RssSampler.watch(Long.MAX_VALUE, 10);
    sampler.close();

    assertThat(sampler.peakMib()).isEmpty();
  }
}
