/**
 * The {@code ipfeed} command line.
 *
 * <p>{@link org.ipfeed.cli.Main} only wires: {@link org.ipfeed.cli.Cli} builds the picocli command
 * tree with a {@link org.ipfeed.cli.Terminal} (standard streams, or buffers in tests) and turns
 * every error into one line on standard error and an exit code ({@link org.ipfeed.cli.ExitCodes}).
 * Commands live in sub-packages by topic and return exit codes; none calls {@code System.exit}.
 *
 * <p>Tricky bit: some commands write binary data (DAG-CBOR) to standard output, so commands get a
 * byte stream, never a {@code PrintWriter} that would re-encode what they write.
 */
package org.ipfeed.cli;
