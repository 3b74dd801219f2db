#!/usr/bin/env bash
# The documents as their readers show them: LibreOffice converts tables.docx, audit.docx and
# tables.xlsx (Persian and English) to PDF, pdftoppm renders every page to PNG
# (target/documents/pages/, to look at), and pdfLaTeX compiles the English LaTeX fragments in
# a small document. Checks that each converts, has pages, and says what it should; fails
# otherwise. Installs what is missing (Debian: apt-get).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
# Writer and Calc each: a machine with one of them has `soffice` but cannot convert the other.
for module in writer calc; do
  dpkg-query -W -f='${Status}' "libreoffice-$module-nogui" 2>/dev/null | grep -q "ok installed" ||
    dpkg-query -W -f='${Status}' "libreoffice-$module" 2>/dev/null | grep -q "ok installed" ||
    missing+=("libreoffice-$module-nogui")
done
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu)
# The fonts LibreOffice lays out Times New Roman and Arial in (see .ci/pdf.sh).
fc-list 2>/dev/null | grep -qi "Liberation Serif" || missing+=(fonts-liberation)
if ! command -v pdflatex >/dev/null || ! kpsewhich multirow.sty >/dev/null 2>&1; then
  missing+=(texlive-latex-base texlive-latex-recommended texlive-latex-extra)
fi
if ((${#missing[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

out=target/documents
rm -rf "$out" && mkdir -p "$out/pages"
cargo build --release --quiet
bin=./target/release/thematic
for lang in fa en; do
  $bin tables --format docx --lang "$lang" --out "$out/$lang" >/dev/null
  $bin tables --format xlsx --lang "$lang" --out "$out/$lang" >/dev/null
  $bin tables --format latex --lang "$lang" --out "$out/$lang" >/dev/null
  $bin check --format docx --lang "$lang" --fail-on never >"$out/$lang/audit.docx"
  # A profile of its own: a LibreOffice already running elsewhere would swallow the job.
  soffice -env:UserInstallation=file://"$PWD/$out/profile" --headless --convert-to pdf \
    --outdir "$out/$lang/pdf" "$out/$lang/tables.docx" "$out/$lang/audit.docx" >/dev/null 2>&1
  soffice -env:UserInstallation=file://"$PWD/$out/profile" --headless --convert-to pdf \
    --outdir "$out/$lang/xlsx" "$out/$lang/tables.xlsx" >/dev/null 2>&1
  for pdf in "$out/$lang/pdf/tables.pdf" "$out/$lang/pdf/audit.pdf" "$out/$lang/xlsx/tables.pdf"; do
    test -s "$pdf" || { echo "LibreOffice did not convert $pdf" >&2; exit 1; }
    kind=$(basename "$(dirname "$pdf")")
    pdftoppm -png -r 70 "$pdf" "$out/pages/$lang-$kind-$(basename "$pdf" .pdf)"
  done
done
# What the pages say (pdftotext gives the text in reading order). The text is read whole
# first: `grep -q` closing the pipe early would fail the pipeline under pipefail.
expect() {
  local text
  text=$(pdftotext "$1" -)
  grep -qF -- "$2" <<<"$text" || { echo "$1 does not say: $2" >&2; exit 1; }
}
expect "$out/en/pdf/tables.pdf" "Table 2: Coding of the base themes"
expect "$out/en/pdf/tables.pdf" "Transport cooperation"
expect "$out/en/pdf/audit.pdf" "Does the conclusion survive?"
expect "$out/en/xlsx/tables.pdf" "source_codes"
expect "$out/fa/pdf/tables.pdf" "همکاری در حوزه حمل و نقل"
expect "$out/fa/pdf/audit.pdf" "آیا نتیجه‌گیری مقاله معتبر می‌ماند؟"
pages=$(ls "$out/pages" | wc -l)
test "$pages" -ge 6 || { echo "only $pages pages rendered" >&2; exit 1; }

# The English LaTeX fragments compile, and every table fits its page.
tex="$out/en/latex-check"
mkdir -p "$tex"
cp "$out/en/tables.tex" "$tex/"
cat >"$tex/document.tex" <<'TEX'
\documentclass[a4paper]{article}
\usepackage[T1]{fontenc}
\usepackage{booktabs,multirow,array,rotating}
\begin{document}
\input{tables.tex}
\end{document}
TEX
(cd "$tex" && pdflatex -interaction=nonstopmode -halt-on-error document.tex >/dev/null) ||
  { echo "pdfLaTeX failed on the English fragments: see $tex/document.log" >&2; exit 1; }
if grep -q "Float too large" "$tex/document.log"; then
  echo "a LaTeX table does not fit its page: see $tex/document.log" >&2
  exit 1
fi
pdftoppm -png -r 60 "$tex/document.pdf" "$out/pages/en-latex"
echo "documents: $(ls "$out/pages" | wc -l) pages in $out/pages"
