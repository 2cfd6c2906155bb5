package io.milepost.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * The {@code --truth} file: one {@link GroundTruth} JSON line per job, written when the job is
 * scripted (before its first event is sent), flushed after each batch so a reader can follow a
 * loop. {@link #NONE} when no file was asked for.
 */
class TruthFile implements AutoCloseable {
  static final TruthFile NONE =
      new TruthFile(Writer.nullWriter()) {
        @Override
        void write(GroundTruth truth) {}
      };

  private final Writer out;
  private int written;

  private TruthFile(Writer out) {
    this.out = out;
  }

  static TruthFile open(Path path) {
    try {
      BufferedWriter writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
      return new TruthFile(writer);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the truth file " + path, e);
    }
  }

  void write(GroundTruth truth) {
    try {
      out.write(truth.toJsonLine());
      out.write('\n');
      written++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a batch with its times moved by {@code time} (the wall clock of a compressed day). */
  void writeAll(Iterable<GroundTruth> truths, UnaryOperator<Instant> time) {
    for (GroundTruth truth : truths) {
      write(truth.mapTimes(time));
    }
    flush();
  }

  int written() {
    return written;
  }

  void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
