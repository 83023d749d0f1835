/**
 * {@code ipfeed entry}: signing and verifying entries as files, without a gateway.
 *
 * <p>{@code sign} builds an entry from flags (a post's text) or a JSON body (any type), checks it
 * against the schema, signs it and writes its block; {@code verify} runs every check a gateway runs
 * on a block except log continuity, which needs the author's log.
 *
 * <p>Tricky bit: the JSON body is ordinary JSON, read leniently (any whitespace or key order), but
 * links use the DAG-JSON form {@code {"/": "bafy..."}} so they can be told from strings. The entry
 * built from it is then checked as strictly as any entry.
 */
package org.ipfeed.cli.entry;
