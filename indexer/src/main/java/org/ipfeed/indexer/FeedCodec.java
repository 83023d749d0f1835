package org.ipfeed.indexer;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.StoredFieldsFormat;
import org.apache.lucene.codecs.compressing.CompressionMode;
import org.apache.lucene.codecs.lucene90.compressing.Lucene90CompressingStoredFieldsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;

/**
 * Lucene's codec with stored fields in small chunks, because every page a reader asks for loads the
 * stored fields of up to fifty posts scattered over the index.
 *
 * <p>Lucene's default keeps stored fields in chunks of about 80 KB compressed against a shared
 * dictionary, which suits reading documents in order. Reading one post out of such a chunk means
 * decompressing the dictionary and the part of the chunk that holds it, tens of kilobytes for a
 * post of a few hundred bytes: under load that was a fifth of the CPU of timeline and search reads.
 * Here a chunk closes once it holds {@link #CHUNK_BYTES} of fields before compression (or {@link
 * #CHUNK_DOCS} documents) and is compressed with plain LZ4, so a post costs a few kilobytes to
 * read, for somewhat larger stored fields on disk (docs/index.md, "Codec").
 *
 * <p>Lucene records the codec of each segment by name and finds it again through the service loader
 * ({@code META-INF/services}), so segments written before this codec still open, and those that
 * merge are rewritten with it; {@code ipfeed reindex} rewrites them all. The way back is closed: an
 * ipfeed without this class cannot open a segment that names it.
 */
public final class FeedCodec extends FilterCodec {

  /**
   * The name every segment written with this codec carries. It names the Lucene codec underneath: a
   * Lucene upgrade whose default codec changes needs a new name (and a new class), while this one
   * stays for as long as indexes written with it must be read.
   */
  public static final String NAME = "IpfeedFeed912";

  /** The name of the stored-fields files' format, checked in their headers. */
  static final String STORED_FIELDS_FORMAT = "IpfeedStoredFields";

  /** Bytes of fields, before compression, after which a chunk is closed. */
  static final int CHUNK_BYTES = 4 * 1024;

  /** The most documents in one chunk. */
  static final int CHUNK_DOCS = 128;

  /** Lucene's own setting: the fields index keeps one entry per 2^10 chunks. */
  private static final int FIELDS_INDEX_BLOCK_SHIFT = 10;

  private final StoredFieldsFormat storedFields =
      new Lucene90CompressingStoredFieldsFormat(
          STORED_FIELDS_FORMAT,
          CompressionMode.FAST,
          CHUNK_BYTES,
          CHUNK_DOCS,
          FIELDS_INDEX_BLOCK_SHIFT);

  /** Public and without arguments, as the service loader requires. */
  public FeedCodec() {
    super(NAME, new Lucene912Codec());
  }

  @Override
  public StoredFieldsFormat storedFieldsFormat() {
    return storedFields;
  }

  /** The codec as Lucene's registry knows it: what {@link LuceneFeedIndex} writes with. */
  static Codec instance() {
    return Codec.forName(NAME);
  }
}
