package org.ipfeed.schema.error;

import java.util.Objects;

/** Root of the error vocabulary; see the package documentation. */
public abstract sealed class IpfeedException extends RuntimeException
    permits BadInputException,
        NotFoundException,
        ConflictException,
        IntegrityException,
        UpstreamException,
        OverloadedException,
        UnauthorizedException {

  private static final long serialVersionUID = 1L;

  private final String reason;

  protected IpfeedException(String reason, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.reason = requireReason(reason);
  }

  /** A short, stable, kebab-case name of the rule that failed, for machines. */
  public final String reason() {
    return reason;
  }

  private static String requireReason(String reason) {
    Objects.requireNonNull(reason, "reason");
    if (!reason.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
      throw new IllegalArgumentException("reason must be kebab-case: " + reason);
    }
    return reason;
  }
}
