package org.ipfeed.schema.error;

/**
 * The input (a request, a file, a block offered to us) breaks a rule; retrying it unchanged cannot
 * succeed.
 */
public non-sealed class BadInputException extends IpfeedException {

  private static final long serialVersionUID = 1L;

  public BadInputException(String reason, String message) {
    super(reason, message, null);
  }

  public BadInputException(String reason, String message, Throwable cause) {
    super(reason, message, cause);
  }
}
