/**
 * {@code /ipfs/{cid}} as the IPFS HTTP gateway specifications describe it: raw blocks and CARs for
 * trustless clients, which verify what they get against the CID, and DAG-JSON or DAG-CBOR
 * renderings for readers. Format negotiation ({@code ?format=} over {@code Accept}), entity tags
 * and {@code If-None-Match}, single byte ranges on raw blocks, and {@code dag-scope} for CARs. See
 * docs/gateway.md.
 */
package org.ipfeed.gateway.ipfs;
