package org.ipfeed.schema.error;

/** A service we depend on (an IPFS node, a peer gateway) failed, timed out or answered nonsense. */
public final class UpstreamException extends IpfeedException {

  private static final long serialVersionUID = 1L;

  public UpstreamException(String reason, String message) {
    super(reason, message, null);
  }

  public UpstreamException(String reason, String message, Throwable cause) {
    super(reason, message, cause);
  }
}
