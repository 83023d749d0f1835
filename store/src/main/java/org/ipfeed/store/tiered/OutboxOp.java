package org.ipfeed.store.tiered;

/** What an outbox entry asks of the node; the names are the journal's words. */
enum OutboxOp {
  /** Make the node hold the block (unpinned). */
  PUT("put"),
  /** Make the node hold the block, pinned. */
  PIN("pin"),
  /** Take the node's pin off the block. */
  UNPIN("unpin");

  private final String word;

  OutboxOp(String word) {
    this.word = word;
  }

  String word() {
    return word;
  }

  static OutboxOp parse(String word) {
    for (OutboxOp op : values()) {
      if (op.word.equals(word)) {
        return op;
      }
    }
    throw new IllegalArgumentException("unknown outbox operation '" + word + "'");
  }
}
