package org.ipfeed.schema.entry;

import java.time.Duration;

/**
 * Every limit on entries, in one place. Texts count Unicode code points, so a limit means the same
 * for every script; lists count items.
 */
public final class Limits {

  /** A block, and so an entry, is at most 1 MiB: what IPFS nodes exchange without complaint. */
  public static final int MAX_BLOCK_BYTES = 1 << 20;

  /** Ed25519 signatures are 64 bytes. */
  public static final int SIGNATURE_BYTES = 64;

  /** Sequence numbers stay within what JavaScript clients hold exactly (2^53 - 1). */
  public static final long MAX_SEQ = (1L << 53) - 1;

  /** How far in the future a {@code createdAt} may be when a gateway first sees the entry. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  // Posts: room for a long thought, far short of an article.
  public static final int MAX_POST_TEXT = 3_000;
  public static final int MAX_LANGS = 3;
  public static final int MAX_LANG_TAG = 35;
  public static final int MAX_TAGS = 10;
  public static final int MAX_TAG = 64;
  public static final int MAX_MENTIONS = 50;
  public static final int MAX_EMBEDS = 4;

  // Profiles.
  public static final int MAX_DISPLAY_NAME = 64;
  public static final int MAX_BIO = 1_000;

  // Communities and governance.
  public static final int MAX_COMMUNITY_NAME = 64;
  public static final int MAX_DESCRIPTION = 1_000;
  public static final int MAX_RULES = 30;
  public static final int MAX_RULE = 500;
  public static final int MAX_MODERATORS = 100;
  public static final int MAX_VOTING_PERIOD_HOURS = 24 * 90;
  public static final int MAX_PROPOSAL_TITLE = 200;
  public static final int MAX_PROPOSAL_TEXT = 10_000;

  // Moderation.
  public static final int MAX_LABEL = 64;
  public static final int MAX_REPORT_TEXT = 2_000;

  private Limits() {}
}
