/**
 * Full-text search: how post text is cut into tokens ({@link
 * org.ipfeed.indexer.query.PostAnalyzer}), how a search box query becomes a Lucene query ({@link
 * org.ipfeed.indexer.query.QueryTranslator}), and how a hit's text is marked up for display ({@link
 * org.ipfeed.indexer.query.SnippetHighlighter}). Nothing here opens an index; the index module
 * wires these pieces.
 *
 * <h2>The query language</h2>
 *
 * <p>What people know from Google, Bluesky and Mastodon:
 *
 * <table>
 *   <caption>Terms</caption>
 *   <tr><th>write</th><th>finds posts</th></tr>
 *   <tr><td>{@code cats dogs}</td><td>with both words, anywhere in the text</td></tr>
 *   <tr><td>{@code "big cats"}</td><td>with the words next to each other, in this order
 *       (curly quotes work too)</td></tr>
 *   <tr><td>{@code -dogs}, {@code -"hot dogs"}, {@code -#nsfw}</td><td>without the term</td></tr>
 *   <tr><td>{@code cats OR dogs}</td><td>with either (upper-case {@code OR}; {@code or} is a
 *       word)</td></tr>
 *   <tr><td>{@code (cats dogs) OR birds}</td><td>parentheses group</td></tr>
 *   <tr><td>{@code #lucene}</td><td>with the hashtag, in any case</td></tr>
 *   <tr><td>{@code from:did:key:z6Mk…}</td><td>by this author</td></tr>
 *   <tr><td>{@code @did:key:z6Mk…}</td><td>that mention this author</td></tr>
 *   <tr><td>{@code in:bafyrei…}</td><td>in the community of this charter</td></tr>
 *   <tr><td>{@code since:2024-05-01}</td><td>written on that day or later</td></tr>
 *   <tr><td>{@code until:2024-05-31}</td><td>written on that day or earlier</td></tr>
 *   <tr><td>{@code lang:pt}</td><td>tagged with the language ({@code pt} finds {@code pt-BR}
 *       too)</td></tr>
 * </table>
 *
 * <p>Precedence, tightest first: {@code -} applies to the one term after it; {@code OR} joins the
 * terms on either side; terms side by side must all match ({@code AND} may be written, and changes
 * nothing). So {@code a b OR c -d} is a, and b or c, and not d, as on Google. Grammar:
 *
 * <pre>
 * query        = sequence
 * sequence     = alternatives { ["AND"] alternatives }
 * alternatives = unary { "OR" unary }          (no side of OR may be an exclusion)
 * unary        = ["-"] atom                    (no space after "-")
 * atom         = word | phrase | operator | "(" sequence ")"
 * operator     = "#" tag | "@" did | ("from:" did) | ("in:" cid) | ("since:" | "until:") day
 *              | "lang:" language
 * </pre>
 *
 * <p>Words end at a space (any Unicode space), a quote or a parenthesis. Operator names are read in
 * any case ({@code From:}), their values follow the colon with no space, and anything else with a
 * colon is a word ({@code https://…}, {@code 10:30}, {@code re:}). Inside quotes nothing is an
 * operator. A word that the analyzer cuts into several tokens ({@code e-mail}, 東京都) is searched as
 * a phrase of them. A word with nothing searchable ({@code !!!}, {@code :-)}) is left out; a query
 * of nothing else is refused.
 *
 * <p>Days are calendar days in the searcher's time zone, both ends included; {@code since:} and
 * {@code until:} at the same level merge into one range, the latest since and the earliest until.
 *
 * <h2>Errors</h2>
 *
 * <p>Every refusal is a {@link org.ipfeed.indexer.query.QuerySyntaxException} (bad input, HTTP 400)
 * with the column of the problem and a caret line: an empty query, only exclusions, nothing
 * searchable, an unclosed quote or parenthesis, an unmatched {@code )}, empty quotes or
 * parentheses, {@code OR}/{@code AND} without a term on each side, an exclusion as a side of {@code
 * OR}, {@code -} alone or twice, {@code NOT} (use {@code -}), a malformed tag, DID, CID, day or
 * language, {@code until:} before {@code since:}, and the limits: {@value
 * org.ipfeed.indexer.query.QueryTranslator#MAX_LENGTH} characters, {@value
 * org.ipfeed.indexer.query.QueryTranslator#MAX_TERMS} terms, parentheses {@value
 * org.ipfeed.indexer.query.QueryTranslator#MAX_DEPTH} deep. A query of exclusions alone is an error
 * rather than "everything but": a search that returns the whole feed is never what was meant.
 *
 * <h2>Tricky bits</h2>
 *
 * <ul>
 *   <li>Operators filter (Lucene FILTER clauses) and words rank: {@code from:x cats} orders by how
 *       well the text matches cats. Inside an OR next to words, an operator's side scores a
 *       constant, so it neither dominates nor vanishes.
 *   <li>CJK text is indexed as characters and overlapping bigrams at the same positions; the
 *       translator searches multi-character words by their bigrams only, at the analyzer's
 *       positions, so a phrase keeps its gaps where a bigram spanned two characters.
 *   <li>Every analyzed field uses one {@link org.ipfeed.indexer.query.PostAnalyzer}: the index, the
 *       translator and the highlighter must agree, and changing it means a reindex.
 *   <li>The translator's query matches posts by what was asked only; blocks, mutes, tombstones and
 *       moderation are the index's filters.
 * </ul>
 */
package org.ipfeed.indexer.query;
