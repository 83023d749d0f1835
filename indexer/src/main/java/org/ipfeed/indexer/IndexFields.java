package org.ipfeed.indexer;

/**
 * Every Lucene field name and {@code kind} value of the index, in one place, so the writer, the
 * reads and the query translator ({@code query.QueryTranslator}) agree on them. Keep these stable:
 * renaming a field means reindexing.
 *
 * <p>Values are canonical texts: a DID is {@code Did.toString()} ({@code did:key:z6Mk…}), a CID is
 * {@code Cid.toString()} (base32 {@code bafy…}), a time is epoch milliseconds. Post fields have
 * names no other kind of document uses, so a query on a post field never needs a {@code kind}
 * filter to keep out follows, reactions or labels. docs/index.md describes the documents.
 */
public final class IndexFields {

  private IndexFields() {}

  // ---- Every document ----

  /**
   * What the document is: one of the {@code KIND_*} values. StringField, stored: reads filter by
   * it, the writer finds every label and charter with it, and a document read back says what it is.
   */
  public static final String KIND = "kind";

  /**
   * The unique key of every document, the term of {@code updateDocument} and {@code
   * deleteDocuments}: a post's original CID, or a prefixed key for other kinds (docs/index.md).
   * StringField, stored.
   */
  public static final String ID = "id";

  /**
   * A post id's order key, high and low half ({@code IdOrder}): NumericDocValues, posts only. The
   * unique last key of every list sort and of the index sort, which makes {@code searchAfter}
   * cursors total.
   */
  public static final String ID_HIGH = "idHigh";

  /** See {@link #ID_HIGH}. */
  public static final String ID_LOW = "idLow";

  // ---- kind values ----

  /** A post as readers see it: the original's identity with the newest version's content. */
  public static final String KIND_POST = "post";

  /** An edit whose original has not arrived yet, waiting to be applied. */
  public static final String KIND_EDIT = "edit";

  /** A tombstone, kept so that what it deletes is not indexed when it arrives later. */
  public static final String KIND_TOMBSTONE = "tombstone";

  /** A like or a repost. */
  public static final String KIND_REACTION = "reaction";

  /** Whether one author follows another, as the follow or unfollow with the highest seq says. */
  public static final String KIND_FOLLOW = "follow";

  /** A block entry. */
  public static final String KIND_BLOCK = "block";

  /** A local user's private mute of an author (not an entry). */
  public static final String KIND_MUTE = "mute";

  /** A label entry. */
  public static final String KIND_LABEL = "label";

  /** A community charter entry (the first charter or an amendment). */
  public static final String KIND_COMMUNITY = "community";

  /** How far the index has read one author's log. */
  public static final String KIND_CHECKPOINT = "checkpoint";

  // ---- Posts (kind = post); the query translator searches these ----

  /**
   * The post's text, the newest version's. TextField (positions, for phrases), stored for display
   * and highlighting; analysed by {@link TextAnalysis#analyzer()} (ICU-based {@code
   * query.PostAnalyzer}).
   */
  public static final String TEXT = "text";

  /**
   * The author's DID. StringField, stored: {@code from:} matches it exactly. Sorted doc values on
   * posts: a home timeline walks them newest first and keeps the followed authors ({@code
   * AuthorSetQuery}).
   */
  public static final String AUTHOR = "author";

  /**
   * When the original was written, epoch milliseconds. LongField (points for {@code since:} and
   * {@code until:} ranges, SortedNumericDocValues for newest-first sorting and the index sort),
   * stored. An edit keeps the original's time so it never moves a post in a timeline.
   */
  public static final String CREATED_AT = "createdAt";

  /** Hashtags, lower case without {@code #}, one value each. StringField, stored. */
  public static final String TAG = "tag";

  /**
   * Languages. StringField, indexed in lower case twice, whole tag and primary subtag ({@code
   * pt-br} and {@code pt}), so {@code lang:pt} finds Brazilian Portuguese too; the stored values
   * are the tags as written ({@code pt-BR}).
   */
  public static final String LANG = "lang";

  /**
   * DIDs the post mentions, one value each. StringField, stored: {@code @did} and mention feeds.
   */
  public static final String MENTION = "mention";

  /** The charter CID of the post's community. StringField, stored: {@code in:} and feeds. */
  public static final String COMMUNITY = "community";

  /** The thread's first post. StringField, stored: a thread is one term query. */
  public static final String REPLY_ROOT = "replyRoot";

  /**
   * The post answered. StringField, stored, and SortedDocValues to count replies of a page of posts
   * in one pass.
   */
  public static final String REPLY_PARENT = "replyParent";

  /**
   * Every version's CID but the original's (which is {@link #ID}). StringField, stored: with the
   * id, finds a post by any of its versions (a tombstone or a label may name any) and lists them
   * when the post is rewritten. Absent on a post never edited.
   */
  public static final String VERSION = "version";

  /**
   * The CID of the version shown (the newest). Stored only, and only when it is not {@link #ID}.
   */
  public static final String CID = "cid";

  /** The {@code seq} of the version shown; a higher one replaces it. Stored only. */
  public static final String SEQ = "seq";

  /** Embedded block CIDs of the version shown. StringField, stored. */
  public static final String EMBED = "embed";

  // ---- Edits waiting for their original (kind = edit) ----

  /** The original CID the pending edit replaces. StringField: dropped when the original arrives. */
  public static final String EDIT_OF = "editOf";

  /** The pending edit's block bytes (the highest seq seen). Stored only, decoded when applied. */
  public static final String EDIT_BLOCK = "editBlock";

  /** Every pending version's CID, so tombstones of any of them are honoured. Stored only. */
  public static final String EDIT_VERSIONS = "editVersions";

  // ---- Tombstones (kind = tombstone) ----

  /** The CID the tombstone deletes. Stored only; the id holds author and subject. */
  public static final String TOMBSTONE_SUBJECT = "tombstoneSubject";

  // ---- Reactions (kind = reaction) ----

  /**
   * The post reacted to (its original CID). StringField and SortedDocValues: counts for a page of
   * posts are one pass over the reactions naming them.
   */
  public static final String REACTION_SUBJECT = "reactionSubject";

  /** {@code like} or {@code repost}. StringField, SortedDocValues. */
  public static final String REACTION_KIND = "reactionKind";

  /** Who reacted. SortedDocValues (counts are of distinct authors) and stored. */
  public static final String REACTOR = "reactor";

  // ---- Follows (kind = follow) ----

  /** Who follows. StringField: a viewer's follow list is one term query. */
  public static final String FOLLOWER = "follower";

  /** Who is followed. StringField, SortedDocValues (read in one pass per list), stored. */
  public static final String FOLLOWEE = "followee";

  /** {@code follow} or {@code unfollow}: what the deciding entry says. StringField, stored. */
  public static final String FOLLOW_STATE = "followState";

  /** Value of {@link #FOLLOW_STATE} when the deciding entry is a follow. */
  public static final String FOLLOW_STATE_FOLLOWING = "follow";

  /** Value of {@link #FOLLOW_STATE} when the deciding entry is an unfollow. */
  public static final String FOLLOW_STATE_UNFOLLOWED = "unfollow";

  /** The deciding entry's seq. Stored only: a later entry wins only with a higher one. */
  public static final String FOLLOW_SEQ = "followSeq";

  /** The deciding entry's CID: on equal seq (a forked log) the greater CID text wins. Stored. */
  public static final String FOLLOW_ENTRY = "followEntry";

  // ---- Blocks (kind = block) ----

  /** Who blocks. StringField, SortedDocValues (read per request without stored fields), stored. */
  public static final String BLOCKER = "blocker";

  /**
   * Who is blocked. StringField, SortedDocValues, stored; blocks hide in both directions, so both
   * are indexed.
   */
  public static final String BLOCKED = "blocked";

  // ---- Mutes (kind = mute) ----

  /** The local user who mutes. StringField, stored. */
  public static final String MUTER = "muter";

  /** The author muted. SortedDocValues, stored. */
  public static final String MUTED = "muted";

  // ---- Labels (kind = label); read whole into each searcher's moderation view ----

  /** Who labelled. Stored. */
  public static final String LABELER = "labeler";

  /** A CID or a DID: what is labelled. Stored. */
  public static final String LABEL_SUBJECT = "labelSubject";

  /** The label value ({@code spam}, {@code hide}, …). Stored. */
  public static final String LABEL_VALUE = "labelValue";

  /** The community the label is given for, if any. Stored. */
  public static final String LABEL_COMMUNITY = "labelCommunity";

  /** {@code 1} when the label withdraws an earlier one. Stored. */
  public static final String LABEL_NEGATE = "labelNegate";

  /**
   * The label entry's seq: per labeller, subject, value and community the highest decides. Stored.
   */
  public static final String LABEL_SEQ = "labelSeq";

  // ---- Community charters (kind = community) ----

  /** The community a charter is for: its own CID, or the first charter's when it amends. Stored. */
  public static final String CHARTER_OF = "charterOf";

  /** The charter entry's author; only the founder's amendments count. Stored. */
  public static final String CHARTER_AUTHOR = "charterAuthor";

  /** The charter entry's seq: the founder's highest is current. Stored. */
  public static final String CHARTER_SEQ = "charterSeq";

  /** The charter's moderators, one value each. Stored. */
  public static final String MODERATOR = "moderator";

  // ---- Checkpoints (kind = checkpoint) ----

  /** The author whose log the checkpoint is in. Stored. */
  public static final String CHECKPOINT_AUTHOR = "checkpointAuthor";

  /** The head CID applied. Stored. */
  public static final String CHECKPOINT_HEAD = "checkpointHead";

  /** The head's seq. Stored. */
  public static final String CHECKPOINT_SEQ = "checkpointSeq";
}
