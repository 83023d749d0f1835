/**
 * The gateway's side of the index: {@link org.ipfeed.gateway.feed.IndexFeeder} moves stored entries
 * into it (catching up through the store after a crash), and {@link
 * org.ipfeed.gateway.feed.FeedApi} answers timelines, feeds, threads and search from it as JSON.
 */
package org.ipfeed.gateway.feed;
