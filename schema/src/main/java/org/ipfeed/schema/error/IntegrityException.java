package org.ipfeed.schema.error;

/**
 * Bytes failed an integrity check: a stored or received block does not hash to its CID, or a file
 * on disk is damaged. Never served, always reported.
 */
public final class IntegrityException extends IpfeedException {

  private static final long serialVersionUID = 1L;

  public IntegrityException(String reason, String message) {
    super(reason, message, null);
  }

  public IntegrityException(String reason, String message, Throwable cause) {
    super(reason, message, cause);
  }
}
