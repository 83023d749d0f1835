package org.ipfeed.store.kubo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

  @Test
  void linesSplitAcrossChunksComeOutWhole() {
    List<String> lines = new ArrayList<>();
    LineSplitter splitter = new LineSplitter(100);
    for (String chunk : List.of("{}\n{\"a\"", ":1}\r\n\n{\"b", "\":2}")) {
      splitter.feed(Buffer.buffer(chunk), lines::add);
    }
    splitter.finish(lines::add);

    assertThat(lines).containsExactly("{}", "{\"a\":1}", "{\"b\":2}");
  }

  @Test
  void aLineOverTheLimitFailsBeforeItIsKept() {
    LineSplitter splitter = new LineSplitter(10);
    splitter.feed(Buffer.buffer("0123456789\n"), line -> {});
    assertThatThrownBy(() -> splitter.feed(Buffer.buffer("0123456789x"), line -> {}))
        .isInstanceOf(LineSplitter.LineTooLong.class);
  }
}
