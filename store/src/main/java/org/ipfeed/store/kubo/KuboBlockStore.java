package org.ipfeed.store.kubo;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.ipfeed.schema.car.CarBlock;
import org.ipfeed.schema.car.CarReader;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.error.ConflictException;
import org.ipfeed.schema.error.IntegrityException;
import org.ipfeed.schema.error.NotFoundException;
import org.ipfeed.schema.error.TooLargeException;
import org.ipfeed.schema.error.UpstreamException;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;
import org.ipfeed.store.Block;
import org.ipfeed.store.BlockStore;
import org.ipfeed.store.CarExportRequest;
import org.ipfeed.store.CarExportResult;
import org.ipfeed.store.CarImportResult;
import org.ipfeed.store.car.CarExport;
import org.ipfeed.store.car.CarImport;

/**
 * A {@link BlockStore} on an IPFS node's RPC API, for Kubo and js-ipfs alike; see the package
 * documentation for how each call is made and why.
 *
 * <pre>{@code
 * KuboBlockStore node = KuboBlockStore.create(vertx, KuboStoreConfig.of("http://127.0.0.1:5001"));
 * node.putPinned(Block.of(bytes, Multicodec.DAG_CBOR))
 *     .compose(v -> node.get(cid))
 *     .onSuccess(block -> ...);
 * }</pre>
 *
 * <p>Every block that comes back is checked against its CID, and every CID the node reports for a
 * block we sent is compared with ours; a node that lies fails the call with {@link
 * IntegrityException}. A node that is down, slow or incoherent fails it with {@link
 * UpstreamException} within {@link KuboStoreConfig#requestTimeout()} per attempt.
 *
 * <p>Beyond the {@code BlockStore} contract: node-native CAR export and import of a whole DAG
 * ({@link #exportDag}, {@link #importDag}), pubsub ({@link KuboPubSub}), {@link #id()} and {@link
 * #version()}. Thread-safe.
 */
public final class KuboBlockStore implements BlockStore, KuboPubSub {

  /**
   * The reason of a command error: the node is up and answered this call with an RPC error body (it
   * refuses this call, for this block), as opposed to an outage ({@code ipfs-unreachable}, {@code
   * ipfs-timeout}, {@code ipfs-unavailable}) or a failure without an answer ({@code ipfs-error}).
   * The tiered store's outbox backs off only the refused entry, not the node.
   */
  public static final String REFUSED = "ipfs-refused";

  private final Vertx vertx;
  private final KuboStoreConfig config;
  private final NodeRpc rpc;
  private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private KuboBlockStore(Vertx vertx, KuboStoreConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.rpc = new NodeRpc(vertx, config);
  }

  /** A store on the node {@code config} names. Connects lazily: a node that is down fails calls. */
  public static KuboBlockStore create(Vertx vertx, KuboStoreConfig config) {
    return new KuboBlockStore(
        Objects.requireNonNull(vertx, "vertx"), Objects.requireNonNull(config, "config"));
  }

  public KuboStoreConfig config() {
    return config;
  }

  /**
   * {@code block/put?format=<codec>&mhtype=sha2-256}, one block per request. {@code format} is the
   * one codec parameter both nodes honour (js-ipfs ignores {@code cid-codec} and would store a
   * dag-pb CID); the CID the node answers must name the same multihash and codec as ours.
   */
  @Override
  public Future<Void> put(Block block) {
    Objects.requireNonNull(block, "block");
    return guarded(() -> putBlock(block));
  }

  /**
   * Stores, then pins directly. Two calls, not one: {@code block/put?pin=true} pins recursively,
   * which for a block with links makes the node fetch every linked block (and wait for the ones it
   * cannot find). Both steps are idempotent, so a caller that fails in between simply retries.
   */
  @Override
  public Future<Void> putPinned(Block block) {
    Objects.requireNonNull(block, "block");
    return guarded(() -> putBlock(block).compose(v -> pinBlock(block.cid())));
  }

  private Future<Void> putBlock(Block block) {
    if (block.length() > config.maxBlockBytes()) {
      throw new TooLargeException(
          "block-too-large",
          "a block of "
              + block.length()
              + " bytes exceeds the node limit "
              + config.maxBlockBytes(),
          config.maxBlockBytes());
    }
    Cid cid = block.cid();
    if (!cid.multihash().function().equals(Multicodec.SHA2_256)) {
      throw new BadInputException(
          "unsupported-hash",
          "the IPFS node store keeps sha2-256 blocks only, not " + cid.multihash().function());
    }
    RpcCall call =
        RpcCall.to("block/put")
            .param("format", codecName(cid.codec()))
            .param("mhtype", "sha2-256")
            .param("cid-base", "base32")
            .file(Buffer.buffer(block.bytes()));
    return rpc.json(call)
        .map(
            json -> {
              Cid stored = KuboResponses.keySize(json).key();
              if (!sameBlock(stored, cid)) {
                throw new IntegrityException(
                    "ipfs-cid-mismatch",
                    "the IPFS node stored the block of " + cid + " under " + stored);
              }
              return (Void) null;
            })
        .recover(commandErrors("block/put", cid, e -> null));
  }

  /**
   * {@code block/get?timeout=...}. The answer is cut off at {@link KuboStoreConfig#maxBlockBytes()}
   * and must hash to {@code cid}.
   */
  @Override
  public Future<Block> get(Cid cid) {
    Objects.requireNonNull(cid, "cid");
    return guarded(
        () ->
            rpc.buffer(
                    RpcCall.to("block/get").arg(cid).nodeTimeout(config.nodeTimeout()),
                    config.maxBlockBytes(),
                    () -> tooLarge(cid))
                .map(bytes -> Block.verified(cid, bytes.getBytes()))
                .recover(commandErrors("block/get", cid, this::missing)));
  }

  /**
   * {@code block/stat?offline=true}: Kubo then answers from its own blockstore at once; js-ipfs
   * ignores {@code offline} and, for a block it lacks, answers "not found" only when {@code
   * timeout=} runs out.
   */
  @Override
  public Future<Boolean> has(Cid cid) {
    Objects.requireNonNull(cid, "cid");
    return guarded(
        () ->
            stat(cid, true)
                .map(size -> true)
                .recover(
                    e ->
                        e instanceof NotFoundException
                            ? Future.succeededFuture(false)
                            : Future.failedFuture(e)));
  }

  @Override
  public Future<Integer> size(Cid cid) {
    Objects.requireNonNull(cid, "cid");
    return guarded(() -> stat(cid, false));
  }

  private Future<Integer> stat(Cid cid, boolean offline) {
    RpcCall call = RpcCall.to("block/stat").arg(cid).nodeTimeout(config.nodeTimeout());
    if (offline) {
      call.param("offline", true);
    }
    return rpc.json(call)
        .map(
            json -> {
              KuboResponses.KeySize stat = KuboResponses.keySize(json);
              if (!stat.key().multihash().equals(cid.multihash())) {
                throw new UpstreamException(
                    "ipfs-bad-response",
                    "asked block/stat for " + cid + ", the node answered for " + stat.key());
              }
              return (int) Math.min(Integer.MAX_VALUE, stat.size());
            })
        .recover(commandErrors("block/stat", cid, this::missing));
  }

  /**
   * {@code block/rm}. Both nodes answer 200 with one line per block whose {@code Error} says what
   * went wrong: "not found" is fine here, "pinned" is a conflict. No {@code force=true}: on js-ipfs
   * it also hides the refusal to remove a pinned block.
   */
  @Override
  public Future<Void> delete(Cid cid) {
    Objects.requireNonNull(cid, "cid");
    return guarded(
        () -> {
          List<KuboResponses.Removal> removals = new ArrayList<>();
          return rpc.jsonLines(
                  RpcCall.to("block/rm").arg(cid),
                  json -> removals.add(KuboResponses.removal(json)))
              .map(
                  v -> {
                    for (KuboResponses.Removal removal : removals) {
                      if (removal.error() == null) {
                        continue;
                      }
                      NodeCommandError error = new NodeCommandError(200, removal.error());
                      if (error.pinned()) {
                        throw new ConflictException(
                            "block-pinned", cid + " is pinned on the IPFS node; unpin it first");
                      }
                      if (!error.blockMissing()) {
                        throw new UpstreamException(
                            "ipfs-error",
                            "the IPFS node did not remove " + cid + ": " + removal.error());
                      }
                    }
                    return (Void) null;
                  })
              .recover(commandErrors("block/rm", cid, e -> null));
        });
  }

  /** {@code pin/add?recursive=false&timeout=...}: a direct pin, see the package documentation. */
  @Override
  public Future<Void> pin(Cid cid) {
    Objects.requireNonNull(cid, "cid");
    return guarded(() -> pinBlock(cid));
  }

  private Future<Void> pinBlock(Cid cid) {
    RpcCall call =
        RpcCall.to("pin/add")
            .arg(cid)
            .param("recursive", false)
            .param("cid-base", "base32")
            .nodeTimeout(config.nodeTimeout());
    return rpc.json(call)
        .map(
            json -> {
              requireListed(KuboResponses.pins(json), cid, "pin/add");
              return (Void) null;
            })
        .recover(commandErrors("pin/add", cid, this::missing));
  }

  /** {@code pin/rm?recursive=false}; "not pinned" counts as done. */
  @Override
  public Future<Void> unpin(Cid cid) {
    Objects.requireNonNull(cid, "cid");
    return guarded(
        () ->
            rpc.json(RpcCall.to("pin/rm").arg(cid).param("recursive", false))
                .<Void>mapEmpty()
                .recover(commandErrors("pin/rm", cid, e -> e.notPinned() ? VALUE_OK : null)));
  }

  @Override
  public Future<Boolean> isPinned(Cid cid) {
    Objects.requireNonNull(cid, "cid");
    return guarded(
        () -> {
          List<Cid> listed = new ArrayList<>();
          RpcCall call =
              RpcCall.to("pin/ls")
                  .arg(cid)
                  .param("type", "direct")
                  .param("stream", true)
                  .param("cid-base", "base32");
          return rpc.jsonLines(call, json -> listed.addAll(KuboResponses.pinLsLine(json, "direct")))
              .map(v -> listed.stream().anyMatch(p -> p.multihash().equals(cid.multihash())))
              .recover(commandErrors("pin/ls", cid, e -> e.notPinned() ? VALUE_FALSE : null));
        });
  }

  /**
   * {@code pin/ls?type=direct&stream=true}, read line by line; either node's shape of the answer is
   * understood. CIDs come back as CIDv1 even when a CIDv0 was pinned.
   */
  @Override
  public Future<List<Cid>> pins() {
    return guarded(
        () -> {
          Set<Cid> pins = new HashSet<>();
          RpcCall call =
              RpcCall.to("pin/ls")
                  .param("type", "direct")
                  .param("stream", true)
                  .param("cid-base", "base32");
          return rpc.jsonLines(call, json -> pins.addAll(KuboResponses.pinLsLine(json, "direct")))
              .map(v -> List.copyOf(pins))
              .recover(commandErrors("pin/ls", null, e -> null));
        });
  }

  /**
   * The generic walk of {@link CarExport} over this store's verified {@code block/get}, so depth
   * and block limits and missing-block handling work as for every store. For a whole DAG straight
   * from the node, see {@link #exportDag}.
   */
  @Override
  public Future<CarExportResult> exportCar(CarExportRequest request, WriteStream<Buffer> out) {
    return CarExport.write(this, request, out);
  }

  /**
   * The generic verified import of {@link CarImport}: the whole CAR is checked before any block
   * reaches the node. For a node-native import of a CAR already in memory, see {@link #importDag}.
   */
  @Override
  public Future<CarImportResult> importCar(ReadStream<Buffer> in, boolean pinRoots) {
    return CarImport.read(vertx, this, in, pinRoots);
  }

  /**
   * The whole DAG under {@code root} as the node exports it ({@code dag/export}, a CARv1 in the
   * node's own order), streamed to {@code out} with back-pressure. Every section is checked as it
   * arrives and only verified bytes are written; {@code out} is not ended.
   *
   * <p>A block the node cannot find within {@link KuboStoreConfig#nodeTimeout()} fails the export
   * with {@link NotFoundException} after part of it was written (the node reports it in a trailer,
   * after the 200): discard what {@code out} received then.
   */
  public Future<CarExportResult> exportDag(Cid root, WriteStream<Buffer> out) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(out, "out");
    return guarded(
        () -> {
          CarStreamVerifier car = new CarStreamVerifier(config.maxBlockBytes());
          RpcCall call =
              RpcCall.to("dag/export")
                  .arg(root)
                  .nodeTimeout(config.nodeTimeout())
                  .streaming()
                  .notIdempotent();
          return rpc.call(call, () -> response -> pipeVerified(response, car, out))
              .map(
                  v -> {
                    List<Cid> roots = car.roots();
                    if (roots.size() != 1 || !roots.get(0).multihash().equals(root.multihash())) {
                      throw new UpstreamException(
                          "ipfs-bad-response",
                          "asked dag/export for " + root + ", the CAR names roots " + roots);
                    }
                    return new CarExportResult(car.blocks(), car.bytes(), 0, false);
                  })
              .recover(commandErrors("dag/export", root, this::missing));
        });
  }

  private Future<Void> pipeVerified(
      HttpClientResponse response, CarStreamVerifier car, WriteStream<Buffer> out) {
    Promise<Void> done = Promise.promise();
    response.handler(
        chunk -> {
          if (done.future().isComplete()) {
            return;
          }
          try {
            car.feed(chunk, out::write);
          } catch (RuntimeException e) {
            done.tryFail(e);
            response.request().reset();
            return;
          }
          if (out.writeQueueFull()) {
            response.pause();
            out.drainHandler(v -> response.resume());
          }
        });
    response.exceptionHandler(done::tryFail);
    response.endHandler(
        v -> {
          try {
            car.finish();
            done.tryComplete();
          } catch (RuntimeException e) {
            done.tryFail(e);
          }
        });
    return done.future();
  }

  /**
   * Imports a CAR with {@code dag/import}, after checking on a worker thread that every block
   * hashes to its CID, fits {@link KuboStoreConfig#maxBlockBytes()}, and that every root is in it;
   * a CAR that fails is not sent, so nothing of it is stored. The node cannot say which blocks it
   * had already, so {@code stored} counts every block sent.
   */
  public Future<CarImportResult> importDag(Buffer car, boolean pinRoots) {
    Objects.requireNonNull(car, "car");
    return guarded(
        () ->
            vertx
                .executeBlocking(() -> checkCar(car.getBytes()), false)
                .compose(
                    checked -> {
                      List<KuboResponses.ImportedRoot> imported = new ArrayList<>();
                      RpcCall call =
                          RpcCall.to("dag/import").param("pin-roots", pinRoots).file(car);
                      return rpc.jsonLines(
                              call,
                              json -> {
                                KuboResponses.ImportedRoot root = KuboResponses.importedRoot(json);
                                if (root != null) {
                                  imported.add(root);
                                }
                              })
                          .map(
                              v -> {
                                for (KuboResponses.ImportedRoot root : imported) {
                                  if (root.pinError() != null) {
                                    throw new UpstreamException(
                                        "ipfs-pin-failed",
                                        "the IPFS node imported the CAR but did not pin "
                                            + root.cid()
                                            + ": "
                                            + root.pinError());
                                  }
                                }
                                return checked;
                              })
                          .recover(commandErrors("dag/import", null, e -> null));
                    }));
  }

  private CarImportResult checkCar(byte[] car) {
    CarReader.Limits limits = new CarReader.Limits(1 << 20, config.maxBlockBytes() + 128);
    try (CarReader reader = CarReader.open(new ByteArrayInputStream(car), limits)) {
      Set<Cid> seen = new HashSet<>();
      int blocks = 0;
      long bytes = 0;
      for (CarBlock block = reader.next(); block != null; block = reader.next()) {
        if (block.length() > config.maxBlockBytes()) {
          throw new TooLargeException(
              "block-too-large",
              "block " + block.cid() + " of the CAR has " + block.length() + " bytes",
              config.maxBlockBytes());
        }
        seen.add(block.cid());
        blocks++;
        bytes += block.length();
      }
      for (Cid root : reader.roots()) {
        if (!seen.contains(root)) {
          throw new BadInputException(
              "car-missing-root", "the CAR names root " + root + " but does not hold its block");
        }
      }
      return new CarImportResult(reader.roots(), blocks, blocks, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code /api/v0/id}. */
  public Future<KuboNodeId> id() {
    return guarded(
        () ->
            rpc.json(RpcCall.to("id"))
                .map(KuboResponses::id)
                .recover(commandErrors("id", null, e -> null)));
  }

  /** {@code /api/v0/version}, which also tells Kubo from js-ipfs. */
  public Future<KuboNodeVersion> version() {
    return guarded(
        () ->
            rpc.json(RpcCall.to("version"))
                .map(KuboResponses::version)
                .recover(commandErrors("version", null, e -> null)));
  }

  /** {@code pubsub/pub}; never retried, since a second try could deliver the message twice. */
  @Override
  public Future<Void> publish(String topic, byte[] data) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(data, "data");
    return guarded(
        () -> {
          if (data.length > config.maxBlockBytes()) {
            throw new TooLargeException(
                "message-too-large",
                "a pubsub message of " + data.length + " bytes exceeds " + config.maxBlockBytes(),
                config.maxBlockBytes());
          }
          RpcCall call =
              RpcCall.to("pubsub/pub")
                  .arg(KuboResponses.topicArg(topic))
                  .file(Buffer.buffer(data))
                  .notIdempotent();
          return rpc.buffer(call, NodeRpc.MAX_ERROR_BYTES, rpc::jsonTooLarge)
              .<Void>mapEmpty()
              .recover(commandErrors("pubsub/pub", null, e -> null));
        });
  }

  /**
   * {@code pubsub/sub}, a long-lived NDJSON stream on a connection of its own. It counts as
   * subscribed when the answer's head arrives: Kubo flushes it right after subscribing, and js-ipfs
   * sends it with the empty {@code {}} line it writes once subscribed.
   */
  @Override
  public Future<PubSubSubscription> subscribe(String topic, Handler<PubSubMessage> onMessage) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(onMessage, "onMessage");
    return guarded(
        () -> {
          Subscription subscription = new Subscription(topic);
          Promise<PubSubSubscription> ready = Promise.promise();
          RpcCall call =
              RpcCall.to("pubsub/sub")
                  .arg(KuboResponses.topicArg(topic))
                  .streaming()
                  .notIdempotent();
          rpc.longStream(
                  call,
                  response -> {
                    subscription.response = response;
                    subscriptions.add(subscription);
                    ready.tryComplete(subscription);
                    return rpc.readLines(
                        response,
                        line -> {
                          PubSubMessage message = KuboResponses.pubSubMessage(rpc.parseJson(line));
                          if (message != null && !subscription.cancelled.get()) {
                            onMessage.handle(message);
                          }
                        });
                  })
              .onComplete(
                  end -> {
                    subscriptions.remove(subscription);
                    Throwable failure = end.failed() ? end.cause() : null;
                    if (!ready.tryFail(
                        failure != null
                            ? asVocabulary(failure, "pubsub/sub")
                            : new UpstreamException("ipfs-error", "pubsub/sub ended at once"))) {
                      subscription.end(failure);
                    }
                  });
          return ready.future();
        });
  }

  private final class Subscription implements PubSubSubscription {
    private final String topic;
    private final Promise<Void> ended = Promise.promise();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile HttpClientResponse response;

    Subscription(String topic) {
      this.topic = topic;
    }

    @Override
    public String topic() {
      return topic;
    }

    @Override
    public Future<Void> ended() {
      return ended.future();
    }

    @Override
    public Future<Void> cancel() {
      if (cancelled.compareAndSet(false, true)) {
        HttpClientResponse r = response;
        if (r != null) {
          r.request().reset();
        }
        ended.tryComplete();
      }
      return ended.future();
    }

    void end(Throwable failure) {
      if (cancelled.get()) {
        ended.tryComplete();
      } else if (failure != null) {
        ended.tryFail(asVocabulary(failure, "pubsub/sub"));
      } else {
        ended.tryFail(
            new UpstreamException(
                "ipfs-subscription-ended",
                "the IPFS node at " + config.apiUrl() + " ended the subscription to " + topic));
      }
    }
  }

  @Override
  public Future<Void> close() {
    closed = true;
    List<Future<Void>> cancelled = new ArrayList<>();
    for (Subscription s : subscriptions) {
      cancelled.add(s.cancel());
    }
    return Future.join(cancelled).transform(v -> rpc.close());
  }

  // -- helpers

  private static final Object VALUE_OK = new Object();
  private static final Object VALUE_FALSE = new Object();

  /**
   * Maps the node's command errors for {@code command}: {@code special} may turn one into the
   * vocabulary (an exception), into success ({@link #VALUE_OK}: a null result; {@link
   * #VALUE_FALSE}: {@code false}), or decline with null, which makes it {@code ipfs-error}.
   */
  private <T> Function<Throwable, Future<T>> commandErrors(
      String command, Cid cid, Function<NodeCommandError, Object> special) {
    return failure -> {
      if (!(failure instanceof NodeCommandError error)) {
        return Future.failedFuture(failure);
      }
      Object mapped = special.apply(error);
      if (mapped == VALUE_OK) {
        return Future.succeededFuture();
      }
      if (mapped == VALUE_FALSE) {
        @SuppressWarnings("unchecked")
        T no = (T) Boolean.FALSE;
        return Future.succeededFuture(no);
      }
      if (mapped instanceof RuntimeException e) {
        return Future.failedFuture(e);
      }
      return Future.failedFuture(
          new UpstreamException(
              REFUSED,
              "the IPFS node at "
                  + config.apiUrl()
                  + " refused "
                  + command
                  + (cid == null ? "" : " for " + cid)
                  + ": "
                  + error.getMessage(),
              error));
    };
  }

  private Object missing(NodeCommandError error) {
    return error.blockMissing()
        ? new NotFoundException(
            "block-not-found",
            "the IPFS node at "
                + config.apiUrl()
                + " did not find the block within "
                + config.nodeTimeout().toMillis()
                + " ms: "
                + error.getMessage(),
            error)
        : null;
  }

  private Throwable asVocabulary(Throwable failure, String command) {
    if (failure instanceof NodeCommandError error) {
      return new UpstreamException(
          REFUSED, "the IPFS node refused " + command + ": " + error.getMessage(), error);
    }
    return failure;
  }

  private TooLargeException tooLarge(Cid cid) {
    return new TooLargeException(
        "block-too-large",
        "the IPFS node sent more than " + config.maxBlockBytes() + " bytes for " + cid,
        config.maxBlockBytes());
  }

  private static void requireListed(List<Cid> listed, Cid cid, String command) {
    for (Cid c : listed) {
      if (c.multihash().equals(cid.multihash())) {
        return;
      }
    }
    throw new UpstreamException(
        "ipfs-bad-response", command + " for " + cid + " answered with other CIDs: " + listed);
  }

  /** The same block: multihash and codec. The CID version may differ (js-ipfs: dag-pb as v0). */
  static boolean sameBlock(Cid a, Cid b) {
    return a.multihash().equals(b.multihash()) && a.codec().equals(b.codec());
  }

  /** The {@code format} name both nodes know, for the codecs ipfeed stores. */
  static String codecName(Multicodec codec) {
    if (codec.equals(Multicodec.DAG_CBOR)
        || codec.equals(Multicodec.RAW)
        || codec.equals(Multicodec.DAG_JSON)
        || codec.equals(Multicodec.DAG_PB)
        || codec.equals(Multicodec.JSON)) {
      return codec.name();
    }
    throw new BadInputException(
        "unsupported-codec", "the IPFS node store cannot store blocks of codec " + codec.name());
  }

  /** Runs {@code call}, turning a closed store and synchronous throws into failed futures. */
  private <T> Future<T> guarded(java.util.function.Supplier<Future<T>> call) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("the KuboBlockStore is closed"));
    }
    try {
      return call.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
