package org.ipfeed.gateway;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ipfeed.schema.error.UpstreamException;

/**
 * Waiting for a future from a thread that may block: a worker, the index feeder, a command's main
 * thread. Never from an event loop, which would wait on itself.
 */
public final class Blocking {

  private Blocking() {}

  /**
   * The future's result; its failure rethrown as it is when it is unchecked (ipfeed's errors are),
   * wrapped otherwise; {@code upstream-timeout} when nothing comes within {@code limit}.
   */
  public static <T> T await(Future<T> future, Duration limit) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    } catch (TimeoutException e) {
      throw new UpstreamException(
          "upstream-timeout", "no answer within " + limit.toSeconds() + " s", e);
    }
  }
}
