#!/usr/bin/env bash
# `make run`: the main job, offline, on the bundled corpus.
#  1. extract the seed article and print its figures and points;
#  2. extract every bundled article (corpora/) and score the gold corpus;
#  3. build the archive (party.db) from the bundled corpus, show a sample search and a facts
#     table (party figures by province and year, on the 2025 map);
#  4. topics and a trend chart over the archive.
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
if [ -d ../shared/corpora-raw ]; then
  echo '--- real articles of ../shared/corpora-raw (corpora/gold-real)'
  $PT evaluate corpora/gold-real --format table || true
fi

echo "### 3. The archive: $DB (SQLite; a postgresql:// URL works the same)"
$PT index "$DB" corpora/seed corpora/gold corpora/heldout corpora/sites
echo '--- search: "dang vien" (typed without diacritics), newest first'
$PT search "$DB" "dang vien" --limit 5 --format table
echo '--- figures: counts of đảng viên, with their article and date'
$PT figures "$DB" --unit "đảng viên" --kind count --format table | head -15
echo '--- facts: new party members admitted, by province (2025 borders) and year'
$PT facts "$DB" --metric new_party_members --by province --per year --admin 2025 --format table

echo "### 4. Analysis"
echo '--- topics'
$PT topics "$DB" --k 4 --format table
echo '--- trend of "đảng viên" per year (chart: trend.png)'
$PT trend "$DB" '"đảng viên"' --by year --plot trend.png --format table
echo
echo "Browse it: .venv/bin/partytext serve $DB   (then open http://127.0.0.1:8000/)"
