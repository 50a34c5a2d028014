#!/usr/bin/env bash
# Writes an overlay's env files (secrets.env, settings.env, …) from the environment, one per
# env/<name>.keys, for kustomize's secret and config map generators. Nothing is written unless
# every required variable is set and sound; the files are git-ignored and readable by the owner only.
#
#   deploy/k8s/write-env.sh deploy/k8s/overlays/production
#   kubectl apply -k deploy/k8s/overlays/production
set -euo pipefail

overlay=${1:?usage: write-env.sh <overlay folder>}
[ -f "$overlay/kustomization.yaml" ] || { echo "write-env.sh: $overlay has no kustomization.yaml" >&2; exit 2; }
keys_dir="$(cd "$(dirname "$0")" && pwd)/env"
umask 077

problems=()
staged=$(mktemp -d)
trap 'rm -rf "$staged"' EXIT

check_value() { # key variable value
  case $3 in *$'\n'*) problems+=("$2 must be one line"); return ;; esac
  # The services refuse shorter identity and token keys; a short password is a guessable one.
  case $1 in
    *_SECRET) [ ${#3} -ge 32 ] || problems+=("$2 must be at least 32 characters (openssl rand -base64 48)") ;;
    password) [ ${#3} -ge 16 ] || problems+=("$2 must be at least 16 characters") ;;
  esac
}

for keys in "$keys_dir"/*.keys; do
  out="$staged/$(basename "$keys" .keys).env"
  : >"$out"
  while read -r key variable default; do
    case $key in '' | '#'*) continue ;; esac
    variable=${variable:-$key}
    value=${!variable-}
    [ -n "$value" ] || value=$default
    if [ -z "$value" ]; then problems+=("$variable is not set"); continue; fi
    check_value "$key" "$variable" "$value"
    printf '%s=%s\n' "$key" "$value" >>"$out"
  done <"$keys"
done

if [ ${#problems[@]} -gt 0 ]; then
  printf 'write-env.sh: nothing written:\n' >&2
  printf '  %s\n' "${problems[@]}" >&2
  exit 1
fi
for file in "$staged"/*.env; do mv "$file" "$overlay/"; done
echo "write-env.sh: wrote $(cd "$overlay" && ls -- *.env | tr '\n' ' ')in $overlay"
