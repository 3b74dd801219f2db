#!/usr/bin/env bash
# The PDF reader on PDFs made now, by this machine's LibreOffice (the committed fixtures were
# made by LibreOffice 7.4): tests/fixtures/manuscripts/pdf/make.sh writes them to
# target/pdf-fixtures, and the PDF tests read them instead of the committed ones. Installs
# LibreOffice Writer, poppler and the Liberation fonts when missing (Debian: apt-get). The
# fonts matter: the Word files name Times New Roman, which LibreOffice lays out in Liberation
# Serif (metric-compatible, as Word's own layout) when it is there and in DejaVu Serif, wider,
# when it is not, which breaks other lines than the fixtures'.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
dpkg-query -W -f='${Status}' libreoffice-writer-nogui 2>/dev/null | grep -q "ok installed" ||
  dpkg-query -W -f='${Status}' libreoffice-writer 2>/dev/null | grep -q "ok installed" ||
  missing+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
fc-list 2>/dev/null | grep -qi "Liberation Serif" || missing+=(fonts-liberation)
if ((${#missing[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
out=$PWD/target/pdf-fixtures
rm -rf "$out" && mkdir -p "$out"
cargo build --quiet
OUT=$out bash tests/fixtures/manuscripts/pdf/make.sh target/debug/thematic
THEMATIC_PDF_FIXTURES=$out cargo test --quiet --test it -- read::made_up read::thematics read::a_manuscript_without
echo "pdf: $(ls "$out"/*.pdf | wc -l) PDFs made by $(soffice --version | head -n 1 | cut -d' ' -f1-2) read back"
