#!/bin/sh
# subset.sh makes the fonts dpakit embeds, DpakitSerif-*.ttf, from the
# Liberation Serif 2.1.5 files of Debian's fonts-liberation2 package
# (apt-get install fonts-liberation2; SRC overrides the folder).
#
# Why: fpdf parses every TrueType font it is given once per document, and
# that work grows with the number of glyphs; Liberation Serif has ~2,600
# (Greek Extended, phonetic letters, Hebrew points...). The subsets keep the
# ~1,100 glyphs of the scripts European contracts are written in, with the
# TrueType (glyf) outlines, hinting and metrics unchanged, so text is laid
# out and drawn exactly as before.
#
# Licence: the fonts are under the SIL Open Font License 1.1 (LICENSE), which
# allows modified versions such as subsets. "Liberation" is a Reserved Font
# Name (and Tinos, Arimo and Cousine are reserved names of the Google data it
# is based on), so a modified version may not use it as its primary font
# name: the subsets are renamed "Dpakit Serif". The copyright, trademark and
# licence entries of the name table are kept, and LICENSE ships beside them.
#
# Needs fontTools (Debian: apt-get install fonttools). Run it from anywhere:
#   sh assemble/pdf/fonts/subset.sh
# then run go test ./assemble/pdf (TestCovers checks the coverage).
set -eu
cd "$(dirname "$0")"
SRC=${SRC:-/usr/share/fonts/truetype/liberation2}
# The Python that has fontTools (pyftsubset's own, on Debian).
PYTHON=${PYTHON:-/usr/bin/python3}

# Basic Latin, Latin-1 Supplement, Latin Extended-A and -B, IPA (ə),
# spacing modifier letters and combining diacritics (decomposed input),
# Greek and Coptic, Cyrillic, Latin Extended Additional, General
# Punctuation, superscripts and subscripts, currency (€), letterlike
# symbols (™ №), number forms, arrows, mathematical operators (− ≤ ≥),
# geometric shapes (■ □ ● ◦), Latin ligatures (ﬁ ﬂ) and U+FFFD.
UNICODES='U+0020-007E,U+00A0-024F,U+0250-02AF,U+02B0-02FF,U+0300-036F,U+0370-03FF,U+0400-04FF,U+1E00-1EFF,U+2000-206F,U+2070-209F,U+20A0-20CF,U+2100-214F,U+2150-218F,U+2190-21FF,U+2200-22FF,U+25A0-25FF,U+FB00-FB06,U+FFFD'

for style in Regular Bold Italic BoldItalic; do
	in=$SRC/LiberationSerif-$style.ttf
	out=DpakitSerif-$style.ttf
	# No layout tables or kerning: fpdf uses neither. Bounds, average width
	# and timestamps are not recalculated, so metrics and output stay
	# exactly those of the original, and the file is reproducible.
	pyftsubset "$in" --output-file="$out" --unicodes="$UNICODES" \
		--layout-features='' --drop-tables+=kern,FFTM,GDEF,GSUB,GPOS \
		--name-IDs='*' --name-languages='*' --notdef-outline \
		--no-recalc-bounds --no-recalc-timestamp --no-recalc-average-width
	"$PYTHON" - "$out" "$style" <<'EOF'
import sys
from fontTools.ttLib import TTFont

path, style = sys.argv[1], sys.argv[2]
sub = {"Regular": "Regular", "Bold": "Bold", "Italic": "Italic", "BoldItalic": "Bold Italic"}[style]
f = TTFont(path, recalcTimestamp=False)
name = f["name"]
family = "Dpakit Serif"
new = {
    1: family,
    3: "DpakitSerif-" + style + " 2.1.5-subset",
    4: family if sub == "Regular" else family + " " + sub,
    6: "DpakitSerif-" + style,
    16: family,
    17: sub,
    21: family,
    22: sub,
}
# Acknowledge the original (allowed by OFL condition 4) in the description.
name.setName("Subset of Liberation Serif 2.1.5 (SIL OFL 1.1) made for dpakit by subset.sh", 10, 3, 1, 0x409)
for rec in list(name.names):
    if rec.nameID in new:
        rec.string = new[rec.nameID]
# Belt and braces: no entry but the copyright (0) and trademark (7)
# notices may mention a reserved name.
for rec in name.names:
    s = rec.toUnicode()
    if rec.nameID not in (0, 7, 10) and any(r in s for r in ("Liberation", "Tinos", "Arimo", "Cousine")):
        sys.exit("%s: name %d still says %r" % (path, rec.nameID, s))
f.save(path)
EOF
done
