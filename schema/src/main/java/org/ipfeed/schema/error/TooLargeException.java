package org.ipfeed.schema.error;

/** Input larger than a stated limit; refused before it is read in full. */
public final class TooLargeException extends BadInputException {

  private static final long serialVersionUID = 1L;

  private final long limit;

  public TooLargeException(String reason, String message, long limit) {
    super(reason, message);
    this.limit = limit;
  }

  /** The limit that was exceeded, in the unit the message names (usually bytes). */
  public long limit() {
    return limit;
  }
}
