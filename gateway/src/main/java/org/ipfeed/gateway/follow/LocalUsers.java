package org.ipfeed.gateway.follow;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ipfeed.schema.identity.Did;

/**
 * The authors who published through this node (a post, an import): its users, whose follows the
 * node follows. Kept in {@code users.txt} in the data directory, one DID per line, appended when a
 * new one appears.
 *
 * <p>A user lost in a crash before the append reached the disk is added again by their next entry;
 * meanwhile the node follows less than it should, never more.
 */
public final class LocalUsers {

  static final String FILE = "users.txt";

  private final Vertx vertx;
  private final Path file;
  private final Set<Did> users = ConcurrentHashMap.newKeySet();

  private LocalUsers(Vertx vertx, Path file) {
    this.vertx = vertx;
    this.file = file;
  }

  /** Loads the users of {@code dataDir}, on a worker. */
  public static Future<LocalUsers> open(Vertx vertx, Path dataDir) {
    return vertx.executeBlocking(
        () -> {
          LocalUsers u = new LocalUsers(vertx, dataDir.resolve(FILE));
          if (Files.exists(u.file)) {
            for (String line : Files.readAllLines(u.file, StandardCharsets.UTF_8)) {
              try {
                u.users.add(Did.parse(line.strip()));
              } catch (RuntimeException cutOrDamaged) {
                // A line cut by a crash; that user is added again by their next entry.
              }
            }
          }
          return u;
        });
  }

  /** Adds a user; true if they are new. The file is appended on a worker. */
  public boolean add(Did user) {
    if (!users.add(user)) {
      return false;
    }
    vertx.executeBlocking(
        () -> {
          synchronized (this) {
            Files.writeString(
                file,
                user + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
          }
          return null;
        },
        false);
    return true;
  }

  public boolean contains(Did did) {
    return users.contains(did);
  }

  public Set<Did> all() {
    return Set.copyOf(users);
  }
}
