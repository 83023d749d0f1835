package org.ipfeed.schema.identity;

import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.ipfeed.schema.error.BadInputException;

/**
 * An Ed25519 signing key: the 32-byte secret seed and the public key derived from it.
 *
 * <p>The seed never leaves this package except through {@link KeyFile}; {@link #toString} shows
 * only the {@link Did}. Equality is identity on purpose: comparing secrets is not something callers
 * should need, and an {@code equals} over the seed would not run in constant time.
 */
public final class KeyPair {

  /** Length of an Ed25519 seed (RFC 8032 calls it the private key). */
  public static final int SEED_SIZE = Ed25519.SECRET_KEY_SIZE;

  private final byte[] seed;
  private final PublicKey publicKey;
  private final Did did;

  private KeyPair(byte[] seed) {
    this.seed = seed;
    this.publicKey = PublicKey.fromSeed(seed);
    this.did = Did.of(publicKey);
  }

  /** A new key pair with a seed drawn from {@code random}. */
  public static KeyPair generate(SecureRandom random) {
    byte[] seed = new byte[SEED_SIZE];
    Ed25519.generatePrivateKey(Objects.requireNonNull(random, "random"), seed);
    return new KeyPair(seed);
  }

  /**
   * The key pair of a 32-byte seed; the seed is copied.
   *
   * @throws BadInputException {@code invalid-seed-length} unless {@code seed} has 32 bytes
   */
  public static KeyPair fromSeed(byte[] seed) {
    Objects.requireNonNull(seed, "seed");
    if (seed.length != SEED_SIZE) {
      throw new BadInputException(
          "invalid-seed-length", "an Ed25519 seed is " + SEED_SIZE + " bytes, got " + seed.length);
    }
    return new KeyPair(seed.clone());
  }

  /** The 64-byte Ed25519 signature (R followed by S) of {@code message}; deterministic. */
  public byte[] sign(byte[] message) {
    return sign(message, 0, message.length);
  }

  /**
   * Signs the {@code length} bytes of {@code message} that start at {@code offset}.
   *
   * @throws IndexOutOfBoundsException if the range is not inside {@code message}
   */
  public byte[] sign(byte[] message, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, message.length);
    byte[] signature = new byte[PublicKey.SIGNATURE_SIZE];
    // Passing the public key we already have saves deriving it again on every signature.
    Ed25519.sign(seed, 0, publicKey.unsafeBytes(), 0, message, offset, length, signature, 0);
    return signature;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** The identity that others verify this key pair's signatures against. */
  public Did did() {
    return did;
  }

  /** The seed itself, for {@link KeyFile}; callers must not modify or keep it. */
  byte[] unsafeSeed() {
    return seed;
  }

  /** {@code KeyPair[did:key:...]}: the public half only, so logging a key pair leaks nothing. */
  @Override
  public String toString() {
    return "KeyPair[" + did + "]";
  }
}
