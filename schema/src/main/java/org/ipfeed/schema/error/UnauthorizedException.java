package org.ipfeed.schema.error;

/**
 * The request needs credentials it did not carry, or carried wrong ones (an operator's call without
 * the node's admin token).
 */
public final class UnauthorizedException extends IpfeedException {

  private static final long serialVersionUID = 1L;

  public UnauthorizedException(String reason, String message) {
    super(reason, message, null);
  }
}
