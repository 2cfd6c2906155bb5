package io.milepost.stream.progress;

import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/** Reads a harness's keyed state, which the broadcast harness does not offer itself. */
final class HarnessState {
  private HarnessState() {}

  /** Keyed state entries over every key and state (heap backend, as in the harness). */
  static int keyedEntries(AbstractStreamOperatorTestHarness<?> harness) {
    return ((HeapKeyedStateBackend<?>) backend(harness)).numKeyValueStateEntries();
  }

  /** One key's value state. */
  @SuppressWarnings("unchecked")
  static <T> T value(
      AbstractStreamOperatorTestHarness<?> harness, String key, String name, Class<T> type)
      throws Exception {
    KeyedStateBackend<String> backend = (KeyedStateBackend<String>) backend(harness);
    Object current = backend.getCurrentKey();
    backend.setCurrentKey(key);
    try {
      return backend
          .getPartitionedState(
              VoidNamespace.INSTANCE,
              VoidNamespaceSerializer.INSTANCE,
              new ValueStateDescriptor<>(name, TypeInformation.of(type)))
          .value();
    } finally {
      if (current != null) {
        backend.setCurrentKey((String) current);
      }
    }
  }

  private static KeyedStateBackend<?> backend(AbstractStreamOperatorTestHarness<?> harness) {
    return ((AbstractStreamOperator<?>) harness.getOperator()).getKeyedStateBackend();
  }
}
