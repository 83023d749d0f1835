package org.ipfeed.gateway.follow;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a Server-Sent Events byte stream into events, as the HTML specification's event stream
 * interpretation does for the fields ipfeed uses: {@code event}, {@code id} and {@code data}
 * (several {@code data} lines are joined with newlines). Comments and other fields are skipped.
 * Input may arrive cut anywhere, even inside a UTF-8 sequence.
 */
final class SseParser {

  /** One dispatched event; {@code event} is {@code "message"} when the stream named none. */
  record Event(String event, String id, String data) {}

  private static final int MAX_LINE = 64 * 1024;

  private final Consumer<Event> sink;
  private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
  private boolean lastWasCr;
  private String event = "";
  private String id = "";
  private StringBuilder data;

  SseParser(Consumer<Event> sink) {
    this.sink = sink;
  }

  /** Feeds the next bytes of the stream. */
  void feed(byte[] bytes) {
    for (byte b : bytes) {
      if (b == '\n' && lastWasCr) {
        lastWasCr = false;
        continue; // the LF of a CRLF
      }
      lastWasCr = b == '\r';
      if (b == '\n' || b == '\r') {
        line(line.toString(StandardCharsets.UTF_8));
        line.reset();
      } else if (line.size() < MAX_LINE) {
        line.write(b);
      }
    }
  }

  private void line(String text) {
    if (text.isEmpty()) {
      dispatch();
      return;
    }
    if (text.startsWith(":")) {
      return;
    }
    int colon = text.indexOf(':');
    String field = colon < 0 ? text : text.substring(0, colon);
    String value = colon < 0 ? "" : text.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "event" -> event = value;
      case "id" -> id = value;
      case "data" -> {
        if (data == null) {
          data = new StringBuilder(value);
        } else {
          data.append('\n').append(value);
        }
      }
      default -> {}
    }
  }

  private void dispatch() {
    if (data != null) {
      sink.accept(new Event(event.isEmpty() ? "message" : event, id, data.toString()));
    }
    data = null;
    event = "";
  }
}
