package org.ipfeed.indexer;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.multiformats.Cid;

/**
 * A post as a reader sees it, with what a client needs to verify it: the CID of the block to fetch
 * and check ({@code cid}, the newest version) and the author whose signature it carries.
 *
 * @param id the original post's CID: the post's identity across edits, used by replies and
 *     reactions
 * @param cid the CID of the version shown (the newest edit, or the original)
 * @param createdAt the original's time: an edit does not move a post in timelines
 * @param edited whether the text shown is an edit
 * @param likes likes counted by this gateway
 * @param reposts reposts counted by this gateway
 * @param replies direct replies counted by this gateway
 */
public record PostView(
    Cid id,
    Cid cid,
    Did author,
    long seq,
    Instant createdAt,
    String text,
    List<String> tags,
    List<String> langs,
    Optional<Cid> replyRoot,
    Optional<Cid> replyParent,
    Optional<Cid> community,
    boolean edited,
    long likes,
    long reposts,
    long replies) {

  public PostView {
    tags = List.copyOf(tags);
    langs = List.copyOf(langs);
  }
}
