#!/usr/bin/env bash
# `make run`: the main job, offline, on the bundled corpus.
#  1. extract the seed article and print its figures and points;
#  2. extract every bundled article (corpora/) and score the gold corpus;
#  3. build the archive (party.db) from the bundled corpus and show a sample search.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-party.db}
PT=".venv/bin/partytext"

echo "### 1. The seed article: corpora/seed/pleiku.txt"
$PT extract corpora/seed/pleiku.txt --format table

echo "### 2. Every bundled article, scored against the gold annotations"
n=$(find corpora -name '*.txt' -o -name '*.html' | wc -l)
echo "extracting $n files under corpora/ ..."
$PT extract corpora --format jsonl --workers 2 > /tmp/partytext-corpora.jsonl || true
echo "$(wc -l < /tmp/partytext-corpora.jsonl) records written to /tmp/partytext-corpora.jsonl"
if [ -d corpora/gold ]; then
  $PT evaluate corpora/gold --format table || true
fi

if $PT --help | grep -q ' index'; then
  echo "### 3. The archive: $DB"
  $PT index "$DB" corpora
  echo '--- search: "dang vien" (typed without diacritics), newest first'
  $PT search "$DB" "dang vien" --limit 5 --format table
  echo '--- figures: counts of đảng viên'
  $PT figures "$DB" --unit "đảng viên" --kind count --format table | head -15
fi
