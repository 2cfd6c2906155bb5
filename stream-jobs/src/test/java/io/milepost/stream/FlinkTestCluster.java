package io.milepost.stream;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The MiniCluster the job's tests run on: two slots, so the job runs at parallelism 2. */
final class FlinkTestCluster {
  private FlinkTestCluster() {}

  static MiniClusterExtension withTwoSlots() {
    return new MiniClusterExtension(
        new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());
  }
}
