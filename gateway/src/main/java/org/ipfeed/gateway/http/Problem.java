package org.ipfeed.gateway.http;

import io.vertx.core.json.JsonObject;
import org.ipfeed.schema.entry.InvalidEntryException;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.error.ConflictException;
import org.ipfeed.schema.error.IntegrityException;
import org.ipfeed.schema.error.IpfeedException;
import org.ipfeed.schema.error.NotFoundException;
import org.ipfeed.schema.error.OverloadedException;
import org.ipfeed.schema.error.TooLargeException;
import org.ipfeed.schema.error.UnauthorizedException;
import org.ipfeed.schema.error.UpstreamException;

/**
 * An error as an RFC 9457 problem document: the one place where ipfeed's error vocabulary becomes
 * HTTP status codes. Clients branch on {@code reason} (stable, kebab-case); {@code detail} is for
 * people.
 *
 * @param status the HTTP status
 * @param reason the error's stable reason, also the last part of {@code type}
 * @param title a short, fixed summary of the status
 * @param detail what went wrong with this request
 */
public record Problem(int status, String reason, String title, String detail) {

  public static final String CONTENT_TYPE = "application/problem+json";

  /** Reasons of bad input that HTTP has a more precise status for than 400. */
  static final String NOT_ACCEPTABLE = "not-acceptable";

  static final String RANGE_NOT_SATISFIABLE = "range-not-satisfiable";
  static final String NOT_IMPLEMENTED = "not-implemented";

  /** The problem for any failure; anything outside the vocabulary is an internal error. */
  public static Problem of(Throwable failure) {
    if (failure instanceof IpfeedException e) {
      return new Problem(status(e), e.reason(), title(status(e)), e.getMessage());
    }
    return new Problem(
        500, "internal", title(500), "an internal error; the server log has details");
  }

  static int status(IpfeedException e) {
    if (e instanceof TooLargeException) {
      return 413;
    }
    if (e instanceof InvalidEntryException) {
      // Well-formed, but not an acceptable entry (schema, signature, clock).
      return 422;
    }
    if (e instanceof BadInputException) {
      return switch (e.reason()) {
        case NOT_ACCEPTABLE -> 406;
        case RANGE_NOT_SATISFIABLE -> 416;
        case NOT_IMPLEMENTED -> 501;
        case "unsupported-media-type" -> 415;
        default -> 400;
      };
    }
    if (e instanceof NotFoundException) {
      return 404;
    }
    if (e instanceof UnauthorizedException) {
      return 401;
    }
    if (e instanceof ConflictException) {
      return 409;
    }
    if (e instanceof OverloadedException) {
      return 503;
    }
    if (e instanceof UpstreamException) {
      return e.reason().contains("timeout") ? 504 : 502;
    }
    if (e instanceof IntegrityException) {
      // A stored block that no longer matches its CID is this server's fault, not the client's.
      return 500;
    }
    return 500;
  }

  static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 404 -> "Not Found";
      case 406 -> "Not Acceptable";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 416 -> "Range Not Satisfiable";
      case 422 -> "Unprocessable Content";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Internal Server Error";
    };
  }

  /** The problem document, with {@code instance} naming the request path. */
  public JsonObject toJson(String instance) {
    return new JsonObject()
        .put("type", "urn:ipfeed:problem:" + reason)
        .put("title", title)
        .put("status", status)
        .put("detail", detail)
        .put("instance", instance)
        .put("reason", reason);
  }
}
