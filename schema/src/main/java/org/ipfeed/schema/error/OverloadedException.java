package org.ipfeed.schema.error;

/** We refuse work because a queue or a limit is full; the same request may succeed later. */
public final class OverloadedException extends IpfeedException {

  private static final long serialVersionUID = 1L;

  public OverloadedException(String reason, String message) {
    super(reason, message, null);
  }

  public OverloadedException(String reason, String message, Throwable cause) {
    super(reason, message, cause);
  }
}
