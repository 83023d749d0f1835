#!/usr/bin/env bash
# Writes a small synthetic data set in the format that run.sh reads (the same format as the
# `dump` mode of FeedIndexLoad), so that run.sh can be tested without the Java side.
#
#   gen-sample.sh DIR [POSTS] [NORMAL_VIEWERS]
#
# Distribution follows ../../../shared/baselines.md roughly: author = floor(20000 * u^2),
# created_at uniform over 30 days and rows written in time order, texts of about 100 characters
# from a 2,000-word vocabulary with Zipf frequencies, each normal viewer follows 500 random
# authors, one quiet viewer follows 10 of the least active authors, search pairs are drawn by
# corpus frequency. Only for testing the scripts: the real comparison uses the Java dump, which
# holds the same posts that the Lucene side indexes. Deterministic for a given SEED (env).
set -euo pipefail

if [[ $# -lt 1 || $# -gt 3 ]]; then
  echo "usage: $0 DIR [POSTS=5000] [NORMAL_VIEWERS=20]" >&2
  exit 2
fi
dir=$1
posts=${2:-5000}
viewers=${3:-20}
seed=${SEED:-42}
mkdir -p "$dir"

# One awk program writes all four files; posts go through sort so they come out in time order
# and then get their ids in that order.
LC_ALL=C awk -v posts="$posts" -v viewers="$viewers" -v seed="$seed" -v dir="$dir" '
function word(r,    w) {
  # Distinct pronounceable words; the frequent ones are the short ones.
  w = syl[r % 20] syl[int(r / 20) % 20]
  if (r >= 400) w = w syl[int(r / 400)]
  return w
}
function zipf(    x, lo, hi, mid) {
  # Binary search in the cumulative weights of ranks 0..1999 (weight 1/(rank+1)).
  x = rand() * total
  lo = 0; hi = 1999
  while (lo < hi) { mid = int((lo + hi) / 2); if (cum[mid] < x) lo = mid + 1; else hi = mid }
  return lo
}
BEGIN {
  srand(seed)
  split("ka lo mi nu pe ra si to vu we ba de fi go hu ja ke li mo ny", s, " ")
  for (i = 0; i < 20; i++) syl[i] = s[i + 1]
  total = 0
  for (r = 0; r < 2000; r++) { total += 1 / (r + 1); cum[r] = total; vocab[r] = word(r) }
  end_ms = 1793491200000          # 2026-11-01T00:00:00Z
  span = 30 * 24 * 3600 * 1000
  for (p = 0; p < posts; p++) {
    u = rand()
    author = int(20000 * u * u)
    t = end_ms - span + int(rand() * span)
    text = vocab[zipf()]
    while (length(text) < 100) text = text " " vocab[zipf()]
    printf "%.0f\tdid:plc:a%05d\t%s\n", t, author, text > (dir "/posts.unsorted")
  }
  for (v = 0; v < viewers; v++) {
    name = sprintf("did:plc:v%04d", v)
    printf "%s\tnormal\n", name > (dir "/viewers.tsv")
    delete seen
    for (k = 0; k < 500; ) {
      a = int(rand() * 20000)
      if (a in seen) continue
      seen[a] = 1; k++
      printf "%s\tdid:plc:a%05d\n", name, a > (dir "/follows.tsv")
    }
  }
  printf "did:plc:quiet\tquiet\n" > (dir "/viewers.tsv")
  for (k = 0; k < 10; k++) printf "did:plc:quiet\tdid:plc:a%05d\n", 19990 + k > (dir "/follows.tsv")
  for (q = 0; q < 100; q++) {
    w1 = zipf(); do w2 = zipf(); while (w2 == w1)
    printf "%s\t%s\n", vocab[w1], vocab[w2] > (dir "/searches.tsv")
  }
}'

LC_ALL=C sort -n -k1,1 -s "$dir/posts.unsorted" \
  | awk -F '\t' -v OFS='\t' '{ printf "post%07d\t%s\t%s\t%s\n", NR, $2, $1, $3 }' >"$dir/posts.tsv"
rm -f "$dir/posts.unsorted"
wc -l "$dir"/*.tsv
