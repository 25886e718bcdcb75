#!/usr/bin/env bash
# Cuts a release of leakwatch, locally; it pushes nothing.
#
# The Action and git-dependency installs run the compiled JavaScript, never the TypeScript compiler,
# so a release is the source tree of HEAD plus the compiled dist/src and dist/bundle (what bin/ runs),
# committed on the `release`
# branch and tagged:
#   vX.Y.Z  the version in package.json (refused if it exists)
#   vX      moved to the newest release of that major version (what the README's `uses:` names)
# and the npm package of that tree (npm pack) is written to release-assets/leakwatch-X.Y.Z.tgz,
# to attach to the GitHub release (the hook snippets install it from there).
#
# Usage: scripts/release.sh [--skip-tests]
#   Needs a clean working tree and the development dependencies (npm ci). Runs `npm test` first
#   (which builds), or only `npm run build` with --skip-tests.
set -euo pipefail
cd "$(dirname "$0")/.."

skip_tests=false
for arg in "$@"; do
  case "$arg" in
    --skip-tests) skip_tests=true ;;
    *) echo "release: unknown argument: $arg (usage: scripts/release.sh [--skip-tests])" >&2; exit 2 ;;
  esac
done

fail() { echo "release: $*" >&2; exit 2; }

[ -z "$(git status --porcelain)" ] || fail "the working tree has changes or untracked files: commit or remove them first (the release is built from HEAD)"
version=$(node -p 'require("./package.json").version')
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "package.json's version '$version' is not X.Y.Z"
tag="v$version"
major="v${version%%.*}"
git rev-parse -q --verify "refs/tags/$tag" >/dev/null && fail "tag $tag exists already: raise the version in package.json (and package-lock.json) first"
source=$(git rev-parse HEAD)

if [ "$skip_tests" = true ]; then npm run build; else npm test; fi
[ -f dist/src/cli/main.js ] || fail "the build left no dist/src/cli/main.js"
[ -f dist/bundle/main.js ] || fail "the build left no dist/bundle/main.js"
[ -z "$(git status --porcelain)" ] || fail "the build changed tracked files (see git status)"

# The release tree: HEAD's tree plus dist/src and dist/bundle (ignored on the development branches), staged in a
# throwaway index so the working tree and the real index stay as they are.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
index="$scratch/index"
GIT_INDEX_FILE="$index" git read-tree "$source"
GIT_INDEX_FILE="$index" git add --force -- dist/src dist/bundle
tree=$(GIT_INDEX_FILE="$index" git write-tree)

# The release branch keeps every release; each release commit also has its source commit as a
# parent, so `git log`/`git describe` on a release reach the code it was compiled from.
parents=()
if previous=$(git rev-parse -q --verify refs/heads/release); then parents+=(-p "$previous"); fi
parents+=(-p "$source")
commit=$(git commit-tree "$tree" "${parents[@]}" -m "Release $tag: the source of ${source:0:12} with its compiled dist/src and dist/bundle")
git update-ref -m "release $tag" refs/heads/release "$commit"
git tag -a -m "leakwatch $version" "$tag" "$commit"
git tag -f -a -m "leakwatch $major: the newest $major.x release ($tag)" "$major" "$commit" >/dev/null

# The npm package, packed from the release tree itself (what `npm install github:…#tag` would get).
mkdir -p release-assets
out=$(cd release-assets && pwd)
export_dir="$scratch/package"
mkdir "$export_dir"
git archive "$commit" | tar -x -C "$export_dir"
(cd "$export_dir" && npm pack --ignore-scripts --silent --pack-destination "$out" >/dev/null)
tarball="release-assets/leakwatch-$version.tgz"
[ -f "$tarball" ] || fail "npm pack wrote no $tarball"

cat <<EOF
release: $tag (and $major) -> $commit on branch release, compiled from $source
release: npm package $tarball
To publish it (nothing was pushed):
  git push origin release $tag && git push --force origin $major
  gh release create $tag $tarball --title "leakwatch $version" --notes "..."
EOF
