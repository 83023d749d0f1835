package org.ipfeed.store;

/**
 * What an export wrote.
 *
 * @param blocks blocks written
 * @param bytes bytes written, header included
 * @param skipped linked blocks left out because the store did not have them
 * @param truncated whether {@code maxBlocks} or {@code maxDepth} stopped the walk early
 */
public record CarExportResult(int blocks, long bytes, int skipped, boolean truncated) {}
