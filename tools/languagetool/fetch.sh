#!/usr/bin/env bash
# Fetch the pinned LanguageTool server jars from Maven Central into
# .cache/languagetool/<version>/ (or $CHECKER_LANGUAGETOOL_HOME/<version>/).
#
# Idempotent: when the stamp file of a complete earlier fetch is present the
# script exits at once without calling Maven, so a second run downloads nothing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
pom="$here/pom.xml"
version="$(sed -n 's:.*<languagetool.version>\(.*\)</languagetool.version>.*:\1:p' "$pom" | head -n1)"
home="${CHECKER_LANGUAGETOOL_HOME:-$root/.cache/languagetool}"
dest="$home/$version"
stamp="$dest/.complete"

if [[ -f "$stamp" ]] && compgen -G "$dest/languagetool-server-$version.jar" > /dev/null; then
    echo "languagetool $version: already fetched in $dest"
    exit 0
fi

install_tools() {
    # Maven and a Java runtime from Debian when missing (as root, as on CI machines).
    if [[ "$(id -u)" -eq 0 ]] && command -v apt-get > /dev/null 2>&1; then
        echo "languagetool: installing maven and a Java runtime with apt-get"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven default-jre-headless > /dev/null
    fi
}

if ! command -v mvn > /dev/null 2>&1 || ! command -v java > /dev/null 2>&1; then
    install_tools
fi
if ! command -v mvn > /dev/null 2>&1; then
    echo "languagetool: mvn not found; cannot fetch LanguageTool $version" >&2
    exit 1
fi

echo "languagetool $version: fetching jars into $dest"
mkdir -p "$dest"
mvn -q -B -f "$pom" package "-Dlt.output.dir=$dest"
count="$(find "$dest" -maxdepth 1 -name '*.jar' | wc -l)"
printf 'version=%s\njars=%s\n' "$version" "$count" > "$stamp"
echo "languagetool $version: $count jars ready"
