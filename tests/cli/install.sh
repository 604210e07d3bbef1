#!/bin/sh
# `meson install` into a DESTDIR (issue 16): the binary, a man page per command, bash, zsh and
# fish completions, the JSON Schema and the docs land where Debian's tools look for them, and
# the completion offers the commands and the values of the options.
set -u
: "${BUILDDIR:?BUILDDIR must name the build folder}"
passed=0
failed=0
ok() { echo "ok $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }
dest=$(mktemp -d "${TMPDIR:-/tmp}/ecsplan-install.XXXXXX")
trap 'rm -rf "$dest"' EXIT

if ! meson install -C "$BUILDDIR" --destdir "$dest" --no-rebuild >"$dest.log" 2>&1; then
	cat "$dest.log"
	rm -f "$dest.log"
	echo "0 passed, 1 failed"
	exit 1
fi
rm -f "$dest.log"
prefix=$(find "$dest" -path '*/bin/ecsplan' | head -n 1)
prefix=${prefix%/bin/ecsplan}
[ -n "$prefix" ] && ok binary || fail "binary: no bin/ecsplan under $dest"
for command in validate alloc prices diagram cost compare diff import simulate optimize report schema; do
	if [ -f "$prefix/share/man/man1/ecsplan-$command.1" ]; then ok "man ecsplan-$command"; else
		fail "man ecsplan-$command"; fi
done
for file in share/man/man1/ecsplan.1 share/bash-completion/completions/ecsplan \
	share/zsh/vendor-completions/_ecsplan share/fish/vendor_completions.d/ecsplan.fish \
	share/ecsplan/ecsplan.schema.json share/doc/ecsplan/README.md share/doc/ecsplan/docs/rules.md; do
	if [ -f "$prefix/$file" ]; then ok "$file"; else fail "$file"; fi
done

# the installed binary runs
if "$prefix/bin/ecsplan" --version | grep -q '^ecsplan '; then ok version; else fail version; fi

# the man page reads, with the command's options and its example
if command -v man >/dev/null 2>&1; then
	page=$(MANPATH="$prefix/share/man" MANWIDTH=200 man ecsplan-validate 2>/dev/null | col -b 2>/dev/null || true)
	case $page in
	*"--format=FORMAT"*"Output format: text, json, sarif, junit"*"ecsplan validate models/examples/seed002"*) ok "man ecsplan-validate reads" ;;
	*) fail "man ecsplan-validate reads: $(printf '%s' "$page" | head -5)" ;;
	esac
	# prices' subcommands have their options on ecsplan-prices(1)
	page=$(MANPATH="$prefix/share/man" MANWIDTH=200 man ecsplan-prices 2>/dev/null | col -b 2>/dev/null || true)
	case $page in
	*"--instance-type=TYPE"*SUBCOMMANDS*"ecsplan prices import [OPTION...] FILE..."*"--from=DIR"*) ok "man ecsplan-prices: --instance-type and the subcommands" ;;
	*) fail "man ecsplan-prices: $(printf '%s' "$page" | head -5)" ;;
	esac
fi

# bash: the commands after `ecsplan `, the formats after `validate --format `, the examples
if [ -f /usr/share/bash-completion/bash_completion ]; then
	complete_words() {
		bash -c '. /usr/share/bash-completion/bash_completion
			. "$1"; shift
			COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
			_ecsplan; printf "%s\n" "${COMPREPLY[@]}"' sh "$prefix/share/bash-completion/completions/ecsplan" "$@" | sort | tr '\n' ' '
	}
	got=$(complete_words ecsplan va)
	[ "$got" = "validate " ] && ok "bash: commands" || fail "bash: commands: '$got'"
	got=$(complete_words ecsplan validate --format '')
	[ "$got" = "json junit sarif text " ] && ok "bash: formats" || fail "bash: formats: '$got'"
	got=$(complete_words ecsplan cost --example seed00)
	[ "$got" = "seed000-off-to-the-cloud seed001-vault-fargate seed002-chronous-payments-ec2 seed003-fargate-https-alb seed004-cruddur-bootcamp " ] &&
		ok "bash: examples" || fail "bash: examples: '$got'"
	got=$(complete_words ecsplan prices --region eu-west-)
	[ "$got" = "eu-west-1 eu-west-2 eu-west-3 " ] && ok "bash: regions" || fail "bash: regions: '$got'"
	# instance types of the built-in books, after the long and the short option
	got=$(complete_words ecsplan prices --instance-type m5.)
	[ "$got" = "m5.12xlarge m5.16xlarge m5.24xlarge m5.2xlarge m5.4xlarge m5.8xlarge m5.large m5.metal m5.xlarge " ] && ok "bash: instance types" ||
		fail "bash: instance types: '$got'"
	got=$(complete_words ecsplan prices -t t4g.n)
	[ "$got" = "t4g.nano " ] && ok "bash: instance types after -t" || fail "bash: -t: '$got'"
	# prices' subcommands, their options, and every commercial region where offer files go
	got=$(complete_words ecsplan prices '')
	[ "$got" = "import update " ] && ok "bash: prices subcommands" || fail "bash: prices subcommands: '$got'"
	got=$(complete_words ecsplan prices update --offer AmazonE)
	[ "$got" = "AmazonEC2 AmazonECS " ] && ok "bash: offer codes" || fail "bash: offer codes: '$got'"
	got=$(complete_words ecsplan prices import --region ap-south-)
	[ "$got" = "ap-south-1 ap-south-2 " ] && ok "bash: every region for import" ||
		fail "bash: every region for import: '$got'"
	got=$(complete_words ecsplan simulate --chart-format '')
	[ "$got" = "pdf png svg " ] && ok "bash: chart formats" || fail "bash: chart formats: '$got'"
	got=$(complete_words ecsplan report --profile di)
	[ "$got" = "diurnal " ] && ok "bash: profiles" || fail "bash: profiles: '$got'"
	got=$(complete_words ecsplan cost --q)
	[ "$got" = "--quiet " ] && ok "bash: --quiet" || fail "bash: --quiet: '$got'"
fi
bash -n "$prefix/share/bash-completion/completions/ecsplan" && ok "bash: syntax" || fail "bash: syntax"
if command -v zsh >/dev/null 2>&1; then
	zsh -n "$prefix/share/zsh/vendor-completions/_ecsplan" && ok "zsh: syntax" || fail "zsh: syntax"
fi
if command -v fish >/dev/null 2>&1; then
	fish -n "$prefix/share/fish/vendor_completions.d/ecsplan.fish" && ok "fish: syntax" || fail "fish: syntax"
	got=$(HOME=$dest fish -c "source '$prefix/share/fish/vendor_completions.d/ecsplan.fish'; complete -C 'ecsplan validate --format '" | cut -f1 | sort | tr '\n' ' ')
	[ "$got" = "json junit sarif text " ] && ok "fish: formats" || fail "fish: formats: '$got'"
	fish_complete() {
		HOME=$dest fish -c "source '$prefix/share/fish/vendor_completions.d/ecsplan.fish'; complete -C '$1'" | cut -f1 | sort | tr '\n' ' '
	}
	got=$(fish_complete 'ecsplan prices --instance-type m6g.')
	[ "$got" = "m6g.12xlarge m6g.16xlarge m6g.2xlarge m6g.4xlarge m6g.8xlarge m6g.large m6g.medium m6g.metal m6g.xlarge " ] && ok "fish: instance types" ||
		fail "fish: instance types: '$got'"
	# `ecsplan prices import` completes prices import's options, not `ecsplan import`'s
	got=$(fish_complete 'ecsplan prices import --')
	case $got in *--region*) ok "fish: prices import options" ;; *) fail "fish: prices import options: '$got'" ;; esac
	case $got in *--instance-type*) fail "fish: prices import offers prices' options: '$got'" ;; *) ok "fish: prices import alone" ;; esac
	got=$(fish_complete 'ecsplan import ')
	case " $got" in *" terraform "*) ok "fish: import terraform" ;; *) fail "fish: import terraform: '$got'" ;; esac
fi
if command -v zsh >/dev/null 2>&1; then
	grep -q "instance-type}'=\[.*\]:type:(.*m5.large" "$prefix/share/zsh/vendor-completions/_ecsplan" &&
		ok "zsh: instance types" || fail "zsh: instance types"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
