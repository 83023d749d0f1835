package org.ipfeed.store.kubo;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into text lines as chunks arrive, for the NDJSON answers of the RPC API. Blank
 * lines are dropped; a final line without a newline still counts. A line longer than the limit
 * fails before more of it is kept. Not thread-safe: one per response.
 */
final class LineSplitter {

  /** A line longer than the limit. */
  static final class LineTooLong extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LineTooLong(int limit) {
      super("a line of the answer exceeds " + limit + " bytes", null, false, false);
    }
  }

  private final int maxLineBytes;
  private Buffer pending = Buffer.buffer();

  LineSplitter(int maxLineBytes) {
    this.maxLineBytes = maxLineBytes;
  }

  void feed(Buffer chunk, Consumer<String> onLine) {
    int start = 0;
    for (int i = 0; i < chunk.length(); i++) {
      if (chunk.getByte(i) == '\n') {
        append(chunk, start, i);
        emit(onLine);
        start = i + 1;
      }
    }
    append(chunk, start, chunk.length());
  }

  /** At the end of the stream: hands out a last line that had no newline. */
  void finish(Consumer<String> onLine) {
    emit(onLine);
  }

  private void append(Buffer chunk, int from, int to) {
    if (to <= from) {
      return;
    }
    if (pending.length() + (to - from) > maxLineBytes) {
      pending = Buffer.buffer();
      throw new LineTooLong(maxLineBytes);
    }
    pending.appendBuffer(chunk, from, to - from);
  }

  private void emit(Consumer<String> onLine) {
    String line = pending.toString(StandardCharsets.UTF_8).strip();
    pending = Buffer.buffer();
    if (!line.isEmpty()) {
      onLine.accept(line);
    }
  }
}
