package io.milepost.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** Heap figures of this JVM, which holds the broker, the contenders and the MiniCluster. */
final class Heap {
  private Heap() {}

  /** Starts a new peak measurement. */
  static void resetPeak() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** The sum of each heap pool's peak since the last reset: an upper bound of the real peak. */
  static long peakBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  static long usedBytes() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  static String mib(long bytes) {
    return String.format("%,d MiB", bytes / (1024 * 1024));
  }

  static String describe() {
    return "heap used "
        + mib(usedBytes())
        + ", peak "
        + mib(peakBytes())
        + " of max "
        + mib(Runtime.getRuntime().maxMemory());
  }
}
