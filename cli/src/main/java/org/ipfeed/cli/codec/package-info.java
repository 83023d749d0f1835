/**
 * {@code ipfeed codec}: content addressing and codec conversion for files, strictly.
 *
 * <p>{@code cid} prints the CID each file would have as a block of the named codec, after checking
 * that the file is a strict encoding in that codec; {@code convert} turns DAG-JSON into DAG-CBOR
 * and back. Both refuse anything the strict decoders refuse, with the rule and byte offset.
 */
package org.ipfeed.cli.codec;
