#!/bin/sh
# make fuzz's compiler: clang with libFuzzer and the sanitizers' runtimes.
# Installed from Debian's packages if missing (as root, or through sudo),
# else what to install is said.  make check needs none of it.
cc=${1:-clang}
works() {
	printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n)\n{ return d == 0 && n > 0; }\n' >"$t/f.c" &&
	    "$cc" -fsanitize=fuzzer,address,undefined -o "$t/f" "$t/f.c" 2>/dev/null
}
t=$(mktemp -d) || exit 3
trap 'rm -rf "$t"' EXIT
works && exit 0
# Debian: clang, and the libFuzzer of its version (libclang-rt-14-dev in
# Debian 12).
if command -v "$cc" >/dev/null 2>&1; then
	v=$("$cc" -dumpversion | cut -d. -f1)
	pkgs="libclang-rt-$v-dev"
else
	pkgs="clang"
fi
if [ "$(id -u)" -eq 0 ]; then sudo=; elif command -v sudo >/dev/null; then sudo=sudo; else
	echo "make fuzz: $cc cannot build with libFuzzer: install $pkgs (apt-get install $pkgs)" >&2
	exit 2
fi
echo "make fuzz: installing $pkgs" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq && $sudo apt-get install -y -qq $pkgs >/dev/null
if [ "$pkgs" = clang ] && ! works; then
	v=$("$cc" -dumpversion | cut -d. -f1)
	$sudo apt-get install -y -qq "libclang-rt-$v-dev" >/dev/null
fi
works && exit 0
echo "make fuzz: $cc still cannot build with libFuzzer: install clang and libclang-rt-N-dev of its version" >&2
exit 2
