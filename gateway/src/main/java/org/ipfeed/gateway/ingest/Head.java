package org.ipfeed.gateway.ingest;

import org.ipfeed.schema.multiformats.Cid;

/**
 * The newest entry this node holds of one author's log.
 *
 * @param seq its sequence number
 * @param cid its CID
 */
public record Head(long seq, Cid cid) {}
