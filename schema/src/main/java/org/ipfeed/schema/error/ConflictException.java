package org.ipfeed.schema.error;

/**
 * The input is well formed but conflicts with what is already stored, such as an entry whose `prev`
 * is not the author's known head.
 */
public final class ConflictException extends IpfeedException {

  private static final long serialVersionUID = 1L;

  public ConflictException(String reason, String message) {
    super(reason, message, null);
  }

  public ConflictException(String reason, String message, Throwable cause) {
    super(reason, message, cause);
  }
}
