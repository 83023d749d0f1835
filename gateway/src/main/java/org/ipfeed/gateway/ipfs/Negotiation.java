package org.ipfeed.gateway.ipfs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.multiformats.Multicodec;

/**
 * Picks the response format from {@code ?format=} and {@code Accept}. The query parameter wins
 * (IPIP-523): a link someone shares must mean the same thing whatever their client sends.
 *
 * @param format the chosen format
 * @param byAcceptOnly whether only {@code Accept} chose it, so the answer names its canonical URL
 *     in {@code Content-Location}
 */
record Negotiation(ResponseFormat format, boolean byAcceptOnly) {

  static Negotiation choose(String formatParam, String accept, Multicodec codec) {
    if (formatParam != null && !formatParam.isEmpty()) {
      ResponseFormat f =
          ResponseFormat.byParam(formatParam)
              .orElseThrow(
                  () ->
                      new BadInputException(
                          "unsupported-format",
                          "format="
                              + formatParam
                              + " is not one of raw, car, dag-json, dag-cbor, json, cbor"));
      return new Negotiation(f, false);
    }
    if (accept == null || accept.isBlank()) {
      return new Negotiation(ResponseFormat.nativeFor(codec), false);
    }
    for (MediaRange range : MediaRange.parseAll(accept)) {
      if (range.quality() <= 0) {
        continue;
      }
      if (range.type().equals("*/*") || range.type().equals("application/*")) {
        return new Negotiation(ResponseFormat.nativeFor(codec), false);
      }
      Optional<ResponseFormat> f = ResponseFormat.byMediaType(range.type());
      if (f.isPresent() && (f.get() != ResponseFormat.CAR || range.carVersionOk())) {
        return new Negotiation(f.get(), true);
      }
    }
    throw new BadInputException(
        "not-acceptable",
        "none of the types in Accept can be served: " + accept.strip() + " (try ?format=raw)");
  }

  /** One entry of an {@code Accept} header. */
  record MediaRange(String type, double quality, String version, int order) {

    boolean carVersionOk() {
      return version == null || version.equals("1");
    }

    static List<MediaRange> parseAll(String header) {
      List<MediaRange> out = new ArrayList<>();
      String[] parts = header.split(",");
      for (int i = 0; i < parts.length; i++) {
        String[] fields = parts[i].split(";");
        String type = fields[0].strip().toLowerCase(Locale.ROOT);
        if (type.isEmpty()) {
          continue;
        }
        double q = 1;
        String version = null;
        for (int j = 1; j < fields.length; j++) {
          String[] kv = fields[j].split("=", 2);
          String key = kv[0].strip().toLowerCase(Locale.ROOT);
          String value = kv.length > 1 ? kv[1].strip() : "";
          if (key.equals("q")) {
            q = quality(value);
          } else if (key.equals("version")) {
            version = value;
          }
        }
        out.add(new MediaRange(type, q, version, i));
      }
      // Highest quality first; among equals, the client's order.
      Comparator<MediaRange> byQuality = Comparator.comparingDouble(MediaRange::quality);
      out.sort(byQuality.reversed().thenComparingInt(MediaRange::order));
      return out;
    }

    private static double quality(String value) {
      try {
        double q = Double.parseDouble(value);
        return q >= 0 && q <= 1 ? q : 0;
      } catch (NumberFormatException e) {
        return 0;
      }
    }
  }
}
