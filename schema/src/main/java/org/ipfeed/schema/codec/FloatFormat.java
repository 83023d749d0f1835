package org.ipfeed.schema.codec;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one DAG-JSON text of a float: ECMAScript's {@code Number.prototype.toString}, which is what
 * the upstream fixtures (and every JavaScript encoder) write, made to read back as a float.
 *
 * <p>The digits are the fewest that read back as the same double; of two candidates with that many
 * digits the nearer one, of two equally near the even one. The layout is ECMAScript's: plain
 * decimal while the decimal exponent is in [-6, 20] ({@code 0.000001}, {@code 82497.63712086187}),
 * otherwise one digit before the point and an exponent with an explicit sign and no padding ({@code
 * 1e-7}, {@code 8.940696716308594e-8}, {@code 1e+21}, {@code 1.7976931348623157e+308}).
 *
 * <p>Decisions where ECMAScript and DAG-JSON part ways:
 *
 * <ul>
 *   <li>A whole float whose text has neither a point nor an exponent gets {@code .0} ({@code 1.0},
 *       {@code 100000000000000000000.0}), as the DAG-JSON spec asks, so it reads back as a float
 *       and not as an integer. Whole floats of 1e21 and up already carry an exponent ({@code
 *       1e+21}) and are left as they are.
 *   <li>Negative zero is {@code -0.0}, not ECMAScript's {@code 0}: DAG-CBOR keeps the sign bit, so
 *       this keeps DAG-CBOR → DAG-JSON → DAG-CBOR byte-identical. Positive zero is {@code 0.0}.
 * </ul>
 *
 * <p>Java 17's {@link Double#toString} is not used: it does not always give the shortest digits
 * (JDK-4511638, fixed in Java 19), for instance {@code 9.9E-324} for what is {@code 1e-323}. The
 * search here is slow next to Ryu-style algorithms, which is fine for a value the data model
 * advises against.
 */
final class FloatFormat {

  /**
   * No canonical float is longer than this many bytes ({@code -0.00000} and 17 digits), so longer
   * number text is refused before it is parsed.
   */
  static final int MAX_LENGTH = 25;

  private static final int MAX_DIGITS = 17; // enough to tell any two doubles apart

  private FloatFormat() {}

  /** The canonical DAG-JSON text of a finite double. */
  static String format(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("no DAG-JSON form for " + value);
    }
    boolean negative = Double.doubleToRawLongBits(value) < 0;
    if (value == 0) {
      return negative ? "-0.0" : "0.0";
    }
    BigDecimal shortest = shortest(Math.abs(value));
    String digits = shortest.unscaledValue().toString();
    int k = digits.length();
    int n = k - shortest.scale(); // the value is 0.<digits> × 10^n
    StringBuilder out = new StringBuilder(MAX_LENGTH);
    if (negative) {
      out.append('-');
    }
    if (k <= n && n <= 21) {
      out.append(digits).append("0".repeat(n - k)).append(".0");
    } else if (0 < n && n <= 21) {
      out.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.").append("0".repeat(-n)).append(digits);
    } else {
      out.append(digits.charAt(0));
      if (k > 1) {
        out.append('.').append(digits, 1, k);
      }
      out.append('e').append(n - 1 < 0 ? '-' : '+').append(Math.abs(n - 1));
    }
    return out.toString();
  }

  /**
   * The decimal with the fewest digits that reads back as {@code value} (positive). At each
   * precision only the two neighbours of the exact value can read back as it; rounding the exact
   * value to the nearest is not enough, because next to a power of two the doubles on one side are
   * twice as close and the nearest decimal can fall outside while the other neighbour is inside.
   */
  private static BigDecimal shortest(double value) {
    BigDecimal exact = new BigDecimal(value);
    for (int precision = 1; precision <= MAX_DIGITS; precision++) {
      BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
      BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
      boolean downReadsBack = readsBackAs(down, value);
      boolean upReadsBack = readsBackAs(up, value);
      if (downReadsBack && upReadsBack) {
        int nearer = exact.subtract(down).compareTo(up.subtract(exact));
        boolean pickDown = nearer < 0 || (nearer == 0 && !down.unscaledValue().testBit(0));
        return (pickDown ? down : up).stripTrailingZeros();
      }
      if (downReadsBack) {
        return down.stripTrailingZeros();
      }
      if (upReadsBack) {
        return up.stripTrailingZeros();
      }
    }
    throw new IllegalStateException("no " + MAX_DIGITS + "-digit decimal reads back as " + value);
  }

  private static boolean readsBackAs(BigDecimal decimal, double value) {
    // Double.parseDouble rounds correctly (round half to even), as ECMAScript's reading does.
    return Double.parseDouble(decimal.toString()) == value;
  }
}
