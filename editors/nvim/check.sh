#!/usr/bin/env bash
# Headless Neovim attaches `itembank lsp` to an item with planted errors and prints the diagnostics it
# received; the output is compared with the expected lines below. Run from the repository root:
#   editors/nvim/check.sh [ITEMBANK_BINARY]     (default .build/debug/itembank)
set -euo pipefail
cd "$(dirname "$0")/../.."
repository="$PWD"
binary="$(realpath "${1:-.build/debug/itembank}")"
command -v nvim >/dev/null || { echo "nvim is not installed (apt-get install neovim)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r Tests/Fixtures/clean-bank "$work/bank"
# Planted: a QCU with two keys, and a straight apostrophe after non-ASCII French text.
cat > "$work/bank/items/1.1/guillemets.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<item xmlns="urn:itembank:item:1" id="guillemets" skill="@rechercheWeb3" type="qcu" status="validated" xml:lang="fr-FR">
  <stem>Quelle requête « énergie » cherche l'expression exacte ?</stem>
  <choices>
    <choice key="true"><code>"énergie solaire"</code></choice>
    <choice key="true"><code>énergie solaire</code></choice>
    <choice><code>intitle:"énergie solaire"</code></choice>
  </choices>
</item>
XML
output="$(cd "$work" && ITEMBANK_BIN="$binary" timeout 60 nvim --headless --clean -n \
  -c "luafile $repository/editors/nvim/check.lua" -- "$work/bank/items/1.1/guillemets.xml" 2>&1 | tr -d '\r')" || true
# Neovim turns the server's UTF-16 characters into byte columns (0-based): « and ê are 2 bytes each.
expected="typo.nbsp-in-guillemets 3:26 warning: ordinary space after «: French typography puts a no-break space there
typo.nbsp-in-guillemets 3:35 warning: ordinary space before »: French typography puts a no-break space there
typo.straight-apostrophe 3:48 warning: straight apostrophe: French typography uses ’
typo.nbsp-before-punctuation 3:66 warning: ordinary space before \"?\": French typography puts a no-break space there
key.qcu-single-key 6:4 error: qcu item guillemets has 2 keys"
echo "$output"
if [ "$output" != "$expected" ]; then
  echo "--- expected:" >&2
  echo "$expected" >&2
  exit 1
fi
echo "neovim check passed"
