package org.ipfeed.store.kubo;

/**
 * What {@code /api/v0/version} says about the node.
 *
 * @param version the implementation's version: Kubo's, or ipfs-core's on js-ipfs (0.18.1 for the
 *     npm package ipfs 0.66.1)
 * @param implementation which node this is, told by the keys only one of them sends
 * @param repo the repo format version
 */
public record KuboNodeVersion(String version, Implementation implementation, String repo) {

  /** The implementations whose differences {@link KuboBlockStore} knows. */
  public enum Implementation {
    /** Go; its version answer has a {@code Golang} key. */
    KUBO,
    /** js-ipfs; its version answer has an {@code ipfs-core} key. */
    JS_IPFS,
    /** Something else that speaks the RPC API. */
    UNKNOWN
  }
}
