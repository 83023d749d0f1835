package org.ipfeed.store.kubo;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.util.List;

/** A write stream that keeps what it is given, for checking what an export wrote. */
final class CollectingStream implements WriteStream<Buffer> {

  private final List<Buffer> into;

  private CollectingStream(List<Buffer> into) {
    this.into = into;
  }

  static CollectingStream into(List<Buffer> into) {
    return new CollectingStream(into);
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public Future<Void> write(Buffer data) {
    into.add(data.copy());
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> end() {
    return Future.succeededFuture();
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return false;
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    return this;
  }
}
