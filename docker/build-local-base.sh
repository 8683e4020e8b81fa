#!/usr/bin/env bash
# Build a local base image for docker/Dockerfile from Debian packages, for machines that reach Debian's
# archive but no image registry (CI: tests/test_container_image.py). Prints the image's tag on stdout.
#
#   docker build --network host -f docker/Dockerfile \
#       --build-arg BASE_IMAGE="$(docker/build-local-base.sh)" -t lbcl-cds .
#
# What it does: `debootstrap --variant=minbase` of this machine's Debian release from this machine's own
# apt sources, with python3, python3-venv, python3-pip and ca-certificates; this machine's apt sources,
# apt `Acquire::` settings and CA certificates copied in (so apt and pip inside reach the archive and
# the package index the same way the host does); apt's caches emptied; then `docker import`.
# The tag is a content tag (release, packages, this script, the copied sources, settings and CA
# certificates): a second run with the same inputs finds the image and returns at once.
# Needs root, debootstrap and a running Docker engine. Names no host: everything comes from /etc/apt.
set -euo pipefail

REPO=${LBCL_CDS_BASE_REPO:-lbcl-cds-base}
PACKAGES=python3,python3-venv,python3-pip,ca-certificates
DOCKER=${DOCKER:-docker}

die() { echo "build-local-base: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "needs root (debootstrap)"
command -v debootstrap >/dev/null || die "needs debootstrap (apt-get install debootstrap)"
"$DOCKER" info >/dev/null 2>&1 || die "no Docker engine answers"

. /etc/os-release
SUITE=${VERSION_CODENAME:?no VERSION_CODENAME in /etc/os-release}

# The machine's apt sources (deb822 .sources or one-line .list files), enabled ones only.
SOURCES=()
[ -s /etc/apt/sources.list ] && SOURCES+=(/etc/apt/sources.list)
for f in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] && SOURCES+=("$f")
done
[ ${#SOURCES[@]} -gt 0 ] || die "no apt sources in /etc/apt"
# The mirror debootstrap starts from: the first URI that serves "$SUITE" itself.
MIRROR=$(python3 - "$SUITE" "${SOURCES[@]}" <<'EOF'
import sys
suite, paths = sys.argv[1], sys.argv[2:]
for path in paths:
    text = open(path).read()
    if path.endswith(".sources"):
        for stanza in text.split("\n\n"):
            f = {}
            for line in stanza.splitlines():
                if line and not line.startswith("#") and ":" in line and not line.startswith(" "):
                    k, v = line.split(":", 1)
                    f[k.strip().lower()] = v.split()
            if "deb" in f.get("types", []) and suite in f.get("suites", []) and f.get("uris"):
                print(f["uris"][0]); sys.exit(0)
    else:
        for line in text.splitlines():
            w = line.split("#", 1)[0].split()
            if w[:1] == ["deb"]:
                w = [x for x in w[1:] if not x.startswith("[")]
                if len(w) >= 2 and w[1] == suite:
                    print(w[0]); sys.exit(0)
sys.exit("no apt source serves " + suite)
EOF
)
# apt settings that change how the archive is reached (e.g. a snapshot archive's Check-Valid-Until).
APT_CONF=()
for f in /etc/apt/apt.conf.d/*; do
    [ -f "$f" ] && grep -q '^[[:space:]]*Acquire' "$f" && APT_CONF+=("$f")
done
CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt
LOCAL_CAS=(/usr/local/share/ca-certificates/*.crt)
[ -e "${LOCAL_CAS[0]}" ] || LOCAL_CAS=()

TAG=$(cat "$0" "${SOURCES[@]}" ${APT_CONF[@]+"${APT_CONF[@]}"} ${LOCAL_CAS[@]+"${LOCAL_CAS[@]}"} \
      <(echo "$SUITE $PACKAGES $(dpkg --print-architecture)") | sha256sum | cut -c1-16)
IMAGE="$REPO:$SUITE-$TAG"
if "$DOCKER" image inspect "$IMAGE" >/dev/null 2>&1; then
    echo "$IMAGE"
    exit 0
fi

ROOT=$(mktemp -d /tmp/lbcl-base.XXXXXX)
cleanup() {
    umount "$ROOT/proc" 2>/dev/null || true
    rm -rf --one-file-system "$ROOT"
}
trap cleanup EXIT
echo "build-local-base: debootstrap $SUITE (minbase + $PACKAGES) into $ROOT" >&2
debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$ROOT" "$MIRROR" >"$ROOT.log" 2>&1 \
    || { tail -n 30 "$ROOT.log" >&2; rm -f "$ROOT.log"; die "debootstrap failed"; }
rm -f "$ROOT.log"

# The machine's apt sources, settings and CA certificates, so apt and pip inside work as on the host.
rm -f "$ROOT/etc/apt/sources.list"
for f in "${SOURCES[@]}"; do
    case "$f" in /etc/apt/sources.list) cp "$f" "$ROOT/etc/apt/sources.list" ;;
                 *) cp "$f" "$ROOT/etc/apt/sources.list.d/" ;; esac
done
for f in ${APT_CONF[@]+"${APT_CONF[@]}"}; do cp "$f" "$ROOT/etc/apt/apt.conf.d/"; done
for f in ${LOCAL_CAS[@]+"${LOCAL_CAS[@]}"}; do cp "$f" "$ROOT/usr/local/share/ca-certificates/"; done
cp /usr/share/keyrings/*.gpg "$ROOT/usr/share/keyrings/" 2>/dev/null || true
mount -t proc proc "$ROOT/proc"
chroot "$ROOT" update-ca-certificates >/dev/null 2>&1 || die "update-ca-certificates failed in the image"
umount "$ROOT/proc"
cmp -s "$CA_BUNDLE" "$ROOT$CA_BUNDLE" || echo "build-local-base: note: the image's CA bundle differs from the host's" >&2

# Leave no package caches, logs or machine identity in the image.
rm -rf "$ROOT"/var/cache/apt/archives/*.deb "$ROOT"/var/lib/apt/lists/* "$ROOT"/var/log/* "$ROOT"/tmp/*
: > "$ROOT/etc/machine-id" 2>/dev/null || true

tar --numeric-owner --xattrs -C "$ROOT" -c . | "$DOCKER" import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["python3"]' \
    --message "lbcl-cds local base: Debian $SUITE minbase + $PACKAGES" - "$IMAGE" >/dev/null
echo "$IMAGE"
