#!/usr/bin/env bash
# Builds the JMH jar and runs benchmarks, writing JSON results under benchmarks/results/.
# Usage: benchmarks/run-jmh.sh [JMH options and benchmark regexps]
#   benchmarks/run-jmh.sh PostCodec          # one class
#   benchmarks/run-jmh.sh -f 2 -wi 5 Sig     # more forks and warm-up
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -Dmaven.test.skip=true -pl benchmarks -am package
mkdir -p benchmarks/results
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
java -jar benchmarks/target/benchmarks.jar -rf json -rff "benchmarks/results/jmh-$stamp.json" "$@"
echo "results: benchmarks/results/jmh-$stamp.json"
