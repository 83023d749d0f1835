/**
 * Taking entries in: {@link org.ipfeed.gateway.ingest.Ingest} checks a submitted entry in the order
 * of DESIGN.md and stores it durably; {@link org.ipfeed.gateway.ingest.LogHeads} remembers each
 * author's newest entry, a cache the store can always re-prove. Following other gateways' feeds
 * (head discovery, log walking) will live here too.
 */
package org.ipfeed.gateway.ingest;
