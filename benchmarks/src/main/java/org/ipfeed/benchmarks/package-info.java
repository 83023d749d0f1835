/**
 * JMH benchmarks for the paths whose speed the targets name: encoding and addressing posts, strict
 * decoding, and signature verification against raw Bouncy Castle in the same run.
 *
 * <p>Inputs are built once per trial from the fortune corpus ({@code posts.txt}) with a fixed seed,
 * so two runs measure the same bytes. Run them with {@code benchmarks/run-jmh.sh}; results go to
 * {@code benchmarks/RESULTS.md} by hand, with the machine and the command.
 *
 * <p>{@code KuboStoreBenchmark} is a load measurement rather than a micro-benchmark: it drives a
 * real IPFS node (started with {@code tools/js-ipfs/ipfs-node.sh}) and compares with a bare Node.js
 * client of the same node ({@code tools/js-ipfs/rpc-baseline.mjs}) run beside it.
 *
 * <p>{@code FeedIndexLoad} is another: the index at a million posts, on {@code FeedDataset}, the
 * data set shared/baselines.md gives PostgreSQL, which {@code FeedDatasetDump} writes out for it.
 *
 * <p>{@code IngestLoad} is the third: signed posts through raw Bouncy Castle verification, the
 * gateway's ingest pipeline in process ({@code IngestPipeline}) and {@code POST /api/v1/entries}
 * over HTTP ({@code IngestHttp}), the logs submitted by {@code LogDriver} with each author's
 * entries in order; {@code ThreadCpu} says which threads the CPU went to.
 */
package org.ipfeed.benchmarks;
