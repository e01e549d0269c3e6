#!/usr/bin/env bash
# Write checker/data/languagetool/artifacts.txt: every runtime jar of the LanguageTool version
# pinned in pom.xml, with its Maven coordinates, size and SHA-256. `checker setup` downloads
# exactly these files from Maven Central and refuses any whose checksum differs.
#
# Run after changing <languagetool.version> in pom.xml (needs Maven; fetch.sh first).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
pom="$here/pom.xml"
out="$root/checker/data/languagetool/artifacts.txt"
version="$(sed -n 's:.*<languagetool.version>\(.*\)</languagetool.version>.*:\1:p' "$pom" | head -n1)"
list="$(mktemp)"
trap 'rm -f "$list"' EXIT

mvn -q -B -f "$pom" dependency:list -DincludeScope=runtime -DoutputAbsoluteArtifactFilename=true \
    "-DoutputFile=$list"
mkdir -p "$(dirname "$out")"
{
    echo "# LanguageTool runtime jars for \`checker setup\` (written by tools/languagetool/lock.sh)."
    echo "# coordinates (group:artifact:version[:classifier]) size sha256"
    echo "version $version"
    grep -E '^\s+[^ ]+:jar:' "$list" | sed 's/ -- .*//' | sort | while read -r entry; do
        IFS=: read -r group artifact _type rest <<< "$entry"
        path="${entry##*:}"
        fields="${entry%:*}"            # drop the path
        fields="${fields%:*}"           # drop the scope
        IFS=: read -r -a parts <<< "$fields"
        if [[ ${#parts[@]} -eq 5 ]]; then coords="$group:$artifact:${parts[4]}:${parts[3]}";
        else coords="$group:$artifact:${parts[3]}"; fi
        printf '%s %s %s\n' "$coords" "$(stat -c %s "$path")" "$(sha256sum "$path" | cut -d' ' -f1)"
    done
} > "$out"
echo "languagetool $version: $(grep -cv -E "^(#|version )" "$out") jars listed in $out"
