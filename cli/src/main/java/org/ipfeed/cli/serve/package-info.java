/**
 * {@code ipfeed serve}: the main job. Reads the settings (flags, then environment, then defaults),
 * opens the embedded store under the data directory, starts the gateway and runs until the process
 * is asked to stop, closing the server before the store so nothing acknowledged is lost.
 */
package org.ipfeed.cli.serve;
