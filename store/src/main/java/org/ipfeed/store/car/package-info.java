/**
 * CAR export and import for any {@link org.ipfeed.store.BlockStore}, non-blocking.
 *
 * <p>{@link org.ipfeed.store.car.CarExport} walks a DAG through the store's {@code get} and writes
 * sections to a Vert.x {@code WriteStream} as it goes, waiting for each write, so a CAR of any size
 * holds one block in memory and a slow reader slows the walk instead of filling the heap. {@link
 * org.ipfeed.store.car.CarImport} spools the incoming stream to a temporary file, verifies the
 * whole CAR there on a worker thread (every block against its CID, every root present), and only
 * then stores the blocks in batches: a CAR that fails any check leaves the store unchanged.
 *
 * <p>Tricky bit: futures that are already complete run their continuations at once, so a walk
 * written as a chain of {@code compose} calls would recurse once per block and overflow the stack
 * on a long log. Both classes drive their loops iteratively and only wait on futures that are still
 * pending.
 */
package org.ipfeed.store.car;
