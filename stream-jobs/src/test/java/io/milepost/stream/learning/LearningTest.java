package io.milepost.stream.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import io.milepost.stream.eta.StageStats;
import org.junit.jupiter.api.Test;

/** The learner's arithmetic: plain values, no Flink. */
class LearningTest {

  @Test
  void thePercentileIsTheNearestRankOfTheDurationsOfJobsThatEnteredTheStage() {
    LearnedSample sample = sample();
    for (long minutes = 1; minutes <= 10; minutes++) {
      Learning.add(sample, passage(minutes), 200);
    }
    Learning.add(sample, skipped(), 200);
    Learning.add(sample, skipped(), 200);

    StageStats median = Learning.stats(sample, 50);
    assertThat(median.typicalMillis()).isEqualTo(minutes(5));
    assertThat(Learning.stats(sample, 75).typicalMillis()).isEqualTo(minutes(8));
    assertThat(Learning.stats(sample, 100).typicalMillis()).isEqualTo(minutes(10));
    assertThat(median.samples()).isEqualTo(10);
    assertThat(median.passages()).isEqualTo(12);
    assertThat(median.share()).isEqualTo(10.0 / 12);
  }

  @Test
  void theDurationWaitsForEnoughJobsThatEnteredTheStageWhileTheShareIsKnownSooner() {
    LearnedSample sample = sample();
    for (int i = 0; i < 19; i++) {
      Learning.add(sample, skipped(), 200);
    }
    Learning.add(sample, passage(1200), 200);

    StageStats rare = Learning.stats(sample, 50, 20);

    assertThat(rare.typicalMillis()).as("one duration is not a typical one").isNull();
    assertThat(rare.share()).isEqualTo(0.05);
    assertThat(rare.passages()).isEqualTo(20);
  }

  @Test
  void onlyTheLatestPassagesUpToTheWindowAreKept() {
    LearnedSample sample = sample();
    for (int i = 0; i < 1000; i++) {
      Learning.add(sample, passage(i < 900 ? 500 : 5), 200);
    }

    assertThat(sample.window).hasSize(200);
    StageStats stats = Learning.stats(sample, 50);
    assertThat(stats.passages()).isEqualTo(200);
    // The last 100 took 5 minutes, the 100 before them 500.
    assertThat(stats.typicalMillis()).isEqualTo(minutes(5));
    assertThat(Learning.stats(sample, 51).typicalMillis()).isEqualTo(minutes(500));
  }

  @Test
  void aSmallerWindowAfterARestoreKeepsTheNewestPassages() {
    LearnedSample sample = sample();
    for (long minutes = 1; minutes <= 10; minutes++) {
      Learning.add(sample, passage(minutes), 10);
    }

    Learning.add(sample, passage(11), 4);

    assertThat(sample.window).hasSize(4);
    assertThat(Learning.stats(sample, 100).typicalMillis()).isEqualTo(minutes(11));
    assertThat(Learning.stats(sample, 1).typicalMillis()).isEqualTo(minutes(8));
  }

  @Test
  void statsArePublishedOnceThereAreEnoughPassagesAndAgainOnlyWhenTheyMoveMaterially() {
    LearnedSample sample = sample();
    for (int i = 0; i < 19; i++) {
      Learning.add(sample, passage(60), 200);
    }
    assertThat(Learning.material(sample, Learning.stats(sample, 50), 20)).isFalse();

    Learning.add(sample, passage(60), 200);
    StageStats first = Learning.stats(sample, 50);
    assertThat(Learning.material(sample, first, 20)).isTrue();
    Learning.published(sample, first);

    Learning.add(sample, passage(64), 200);
    assertThat(Learning.material(sample, Learning.stats(sample, 50), 20))
        .as("the same median, the same share")
        .isFalse();
    for (int i = 0; i < 30; i++) {
      Learning.add(sample, passage(90), 200);
    }
    assertThat(Learning.material(sample, Learning.stats(sample, 50), 20))
        .as("the median moved from 60 to 90 minutes")
        .isTrue();
    LearnedSample shares = sample();
    for (int i = 0; i < 20; i++) {
      Learning.add(shares, passage(60), 200);
    }
    Learning.published(shares, Learning.stats(shares, 50));
    Learning.add(shares, skipped(), 200);
    Learning.add(shares, skipped(), 200);
    assertThat(Learning.material(shares, Learning.stats(shares, 50), 20))
        .as("the share fell from 1 to 20/22")
        .isTrue();
  }

  private static LearnedSample sample() {
    LearnedSample sample = new LearnedSample();
    sample.tenantId = "acme-motors";
    sample.locationId = "springfield";
    sample.journey = Journey.VEHICLE_SERVICE;
    sample.stage = Stage.WAITING_FOR_PARTS;
    return sample;
  }

  static StagePassage passage(long minutes) {
    return new StagePassage(
        "acme-motors",
        "springfield",
        Journey.VEHICLE_SERVICE,
        Stage.WAITING_FOR_PARTS,
        minutes(minutes));
  }

  static StagePassage skipped() {
    return new StagePassage(
        "acme-motors", "springfield", Journey.VEHICLE_SERVICE, Stage.WAITING_FOR_PARTS, null);
  }

  static long minutes(long minutes) {
    return minutes * 60_000;
  }
}
