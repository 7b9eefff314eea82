package dev.lakegate.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompareMainTest {

  @Test
  void roundsAreSharedByTwoPairsOfServersUnlessToldOtherwise() {
    CompareMain.Arguments arguments = CompareMain.Arguments.parse(new String[] {"unipart"});

    assertThat(arguments.pairs()).isEqualTo(2);
    assertThat(arguments.plan().rounds()).isEqualTo(6);
    assertThat(arguments.plan().slice()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void bRunsWithAsOptionsFollowedByItsOwn() {
    CompareMain.Arguments arguments =
        CompareMain.Arguments.parse(new String[] {"unipart", "--a-opts", "-Xmx128m -XX:+UseSerialGC", "--b-opts", "-Xmx96m -Dtrial=1"});

    assertThat(arguments.aOpts()).containsExactly("-Xmx128m", "-XX:+UseSerialGC");
    assertThat(arguments.bOpts()).containsExactly("-Xmx128m", "-XX:+UseSerialGC", "-Xmx96m", "-Dtrial=1");
  }

  @Test
  void bRunsWithAsOptionsWhenGivenNoneOfItsOwn() {
    CompareMain.Arguments arguments = CompareMain.Arguments.parse(new String[] {"tokens", "--a-opts", "-Xmx64m"});

    assertThat(arguments.bOpts()).isEqualTo(arguments.aOpts()).containsExactly("-Xmx64m");
  }

  @Test
  void bTakesAsConnectionsUnlessGivenItsOwn() {
    PairedComparison.Plan same = CompareMain.Arguments.parse(new String[] {"unipart", "--concurrency", "16"}).plan();
    PairedComparison.Plan own =
        CompareMain.Arguments.parse(new String[] {"unipart", "--concurrency", "16", "--b-concurrency", "64"}).plan();

    assertThat(List.of(same.concurrency('A'), same.concurrency('B'))).containsExactly(16, 16);
    assertThat(List.of(own.concurrency('A'), own.concurrency('B'))).containsExactly(16, 64);
    assertThat(own.withRounds(2).concurrency('B')).isEqualTo(64);
  }

  @Test
  void refusesRoundsThatThePairsCannotShareEvenly() {
    assertThatThrownBy(() -> CompareMain.Arguments.parse(new String[] {"unipart", "--rounds", "5"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--rounds (5) must be a multiple of --pairs (2)");
    assertThat(CompareMain.Arguments.parse(new String[] {"unipart", "--rounds", "5", "--pairs", "1"}).pairs()).isEqualTo(1);
  }

  @Test
  void waitsForTheDiskTenMinutesAtMostUnlessToldOtherwise() {
    assertThat(CompareMain.Arguments.parse(new String[] {"put64k"}).settle()).isEqualTo(Duration.ofMinutes(10));
    assertThat(CompareMain.Arguments.parse(new String[] {"put64k", "--settle", "0s"}).settle()).isZero();
    assertThat(CompareMain.Arguments.parse(new String[] {"put64k", "--settle", "90s"}).settle()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void refusesAnUnknownOption() {
    assertThatThrownBy(() -> CompareMain.Arguments.parse(new String[] {"put64k", "--forks", "2"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown argument --forks");
  }
}
