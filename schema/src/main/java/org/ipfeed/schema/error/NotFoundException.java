package org.ipfeed.schema.error;

/** The thing asked for (a block, an entry, an author) is not known here. */
public final class NotFoundException extends IpfeedException {

  private static final long serialVersionUID = 1L;

  public NotFoundException(String reason, String message) {
    super(reason, message, null);
  }

  public NotFoundException(String reason, String message, Throwable cause) {
    super(reason, message, cause);
  }
}
