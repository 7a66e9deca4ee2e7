# zdh — build, test, benchmark, install.
#
#   make            build ./zdh
#   make deps       install missing Debian packages (apt-get, as root)
#   make demo       deps, build, and a short demonstration in a temporary repository
#   make check      deps, build, every test, then the unit tests and a set reaching
#                   every command again under ASan+UBSan+LSan, then the fuzzers
#   make check-asan every test under ASan+UBSan+LSan (about 15 minutes)
#   make check-tsan the tests of threads sharing one SQLite connection, under TSan
#   make bench      speed figures beside Debian's fossil (tests/bench.sh)
#   make fuzz       each libFuzzer target (fuzz/) for FUZZ_SECONDS (60), under ASan+UBSan
#   make install PREFIX=/usr/local
#   make pot        extract every _() and N_() message of cmd/ and core/ into po/zdh.pot
#   make po         make pot, then merge it into po/*.po (new messages left to translate)
#
# Dependencies are found with pkg-config.  libgit2 is not linked: it is
# loaded with dlopen() only by the commands that need it (see core/gitlib.c
# and zdh-repository(5)), so the common write path does not pay for loading
# it and for its TLS set-up.
#
# The other libraries are linked in from their Debian archives (libX.a, in
# the same -dev packages) when they are there, STATIC=no links their
# shared objects instead.  Each process of zdh is one short command, and
# on this machine loading the shared ones cost most of one (`zdh
# --version`: 1.67 million instructions, 1.43 of them the dynamic
# linker's relocations, most for libsqlite3's 1,610 symbol ones, and 147
# page faults; linked in, 0.34 million and 105; README, "Speed").  A security update of
# one of them then needs zdh rebuilt, as Debian's fossil does for the
# SQLite it carries.

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
LOCALEDIR ?= $(PREFIX)/share/locale
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
BUILD    ?= build
CC       ?= cc
CFLAGS   ?= -O2 -g
SAN      ?=

# What building and running need (make demo), and what the tests, fuzzing
# and benchmarks add (make check, make bench): servers, fossil, a browser.
BUILD_PKGS = build-essential pkg-config libgit2-dev libsqlite3-dev zlib1g-dev libdeflate-dev \
	   libjansson-dev libutf8proc-dev libsodium-dev gettext git tzdata
CHECK_PKGS = mandoc fossil hyperfine sqlite3 perl time strace lighttpd openssh-server libfuse3-dev \
	   clang libclang-rt-14-dev chromium fonts-wqy-zenhei zsh
DEB_PKGS = $(BUILD_PKGS) $(CHECK_PKGS)
PKGS     = sqlite3 zlib jansson libutf8proc libdeflate libsodium

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) libgit2 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
STATIC   ?= yes
ifeq ($(STATIC),yes)
# -lsqlite3 becomes /usr/lib/x86_64-linux-gnu/libsqlite3.a where the compiler finds it
PKG_LIBS   := $(foreach f,$(PKG_LIBS),$(if $(filter -l%,$(f)),$(or $(filter /%,$(shell \
	      $(CC) -print-file-name=lib$(patsubst -l%,%,$(f)).a 2>/dev/null)),$(f)),$(f)))
endif
GIT2_LIBDIR := $(shell pkg-config --variable=libdir libgit2 2>/dev/null)
GIT2_SONAME := $(shell objdump -p $(GIT2_LIBDIR)/libgit2.so 2>/dev/null | sed -n 's/^ *SONAME *//p')

WARN     = -Wall -Wextra -Werror -Wno-missing-field-initializers
ALL_CFLAGS = -std=gnu11 -pthread $(WARN) $(CFLAGS) $(SAN) -Iinclude $(PKG_CFLAGS) \
	     -DZDH_LIBGIT2_SONAME='"$(GIT2_SONAME)"' -DLOCALEDIR='"$(LOCALEDIR)"'
ALL_LDFLAGS = $(SAN) $(LDFLAGS)
LIBS     = $(PKG_LIBS) -ldl -lm -pthread

# zdh itself (and zdh-testkind) links no libm: core/mathlib.c loads it on
# the first call of one of these, the only maths functions zdh and
# SQLite's archive use (SQL's sqrt(), ln(), pow() ..., a report's
# round()).  Mapping and relocating libm cost every command about 10 page
# faults and 34,000 instructions (README, "Speed").  A shared libsqlite3
# (STATIC=no) brings its own libm, which its calls go to.
LIBM_WRAP = acos acosh asin asinh atan atanh cos cosh exp log round sin sinh sqrt tan tanh trunc \
	    atan2 fmod pow
ZDH_LIBS = $(PKG_LIBS) -ldl -pthread $(foreach f,$(LIBM_WRAP),-Wl,--wrap=$(f))
# The executable's 5,800 relative relocations (PIE: a pointer in a table
# moves with the load address) packed as DT_RELR (binutils 2.38, glibc
# 2.36): 1.5 KiB for ld.so to read and apply instead of 137 KiB of
# .rela.dyn.  Only when the linker knows the option (an unknown -z is
# only a warning to ld).
RELR := $(shell printf 'int main(void){return 0;}' | $(CC) -x c -Wl,--fatal-warnings \
	  -Wl,-z,pack-relative-relocs -o /dev/null - 2>/dev/null && echo -Wl,-z,pack-relative-relocs)

# "zdh --version": 0.1-g<commit> (or a v* tag's name without the v), as git describes it
VERSION := $(shell git describe --tags --match 'v[0-9]*' --dirty 2>/dev/null | sed 's/^v//' | grep . || \
	     { h=$$(git describe --always --dirty 2>/dev/null) && echo 0.1-g$$h; } || echo 0.1)

CORE_SRC = $(wildcard core/*.c)
# cmd/lib/: what the commands share (option tables, the shapes of a
# command), not commands; its headers are found by the commands' files
CMD_SRC  = $(wildcard cmd/*.c cmd/lib/*.c)
UNIT_SRC = $(wildcard tests/unit/*.c)
CORE_OBJ = $(CORE_SRC:%.c=$(BUILD)/%.o)
CMD_OBJ  = $(CMD_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
ZDH      = $(if $(filter build,$(BUILD)),zdh,$(BUILD)/zdh)

# The message catalogues (po/*.po), compiled beside the binary, where
# core/i18n.c finds them through /proc/self/exe ($(dir $(ZDH))locale/),
# and installed under $(LOCALEDIR).  t0600 fails when a message of the
# code has no translation: run `make po` and translate what it adds.
LINGUAS  = zh_CN
LOCALE_BUILD = $(dir $(ZDH))locale
MO_FILES = $(LINGUAS:%=$(LOCALE_BUILD)/%/LC_MESSAGES/zdh.mo)
XGETTEXT = xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=NN_:1,2 --keyword=C_:1c,2 \
	   --package-name=zdh --add-location=file --sort-output

.PHONY: all deps deps-build demo check check-main test unit check-asan check-sanitize check-tsan stress bench install clean \
	lint-man fuzz fuzz-check testkind pot po po-check

all: $(ZDH) $(UNIT_BIN) $(MO_FILES)

$(LOCALE_BUILD)/%/LC_MESSAGES/zdh.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

pot:
	$(XGETTEXT) -o po/zdh.pot $(sort $(CMD_SRC) $(CORE_SRC) $(wildcard cmd/lib/*.h))

po: pot
	for l in $(LINGUAS); do msgmerge --quiet --update --backup=none po/$$l.po po/zdh.pot || exit 1; done

# t0600: every message of the code translated in each catalogue (msgcmp
# also refuses an empty or fuzzy one); POT_CHECK is where the fresh pot goes.
POT_CHECK ?= $(BUILD)/zdh.pot
po-check:
	@mkdir -p $(dir $(POT_CHECK))
	@$(XGETTEXT) -o $(POT_CHECK) $(sort $(CMD_SRC) $(CORE_SRC) $(wildcard cmd/lib/*.h)) 2>/dev/null
	@for l in $(LINGUAS); do msgcmp po/$$l.po $(POT_CHECK) || exit 1; done

$(BUILD)/%.o: %.c $(wildcard include/*.h cmd/lib/*.h core/*.h) Makefile
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/cmd/%.o: ALL_CFLAGS += -Icmd/lib

# Only main.o knows the version, so a new commit does not rebuild everything.
$(BUILD)/cmd/main.o: ALL_CFLAGS += -DZDH_VERSION='"$(VERSION)"'
$(BUILD)/cmd/main.o: .FORCE
.FORCE:

$(BUILD)/libzdh.a: $(CORE_OBJ)
	rm -f $@ && ar rcs $@ $^

$(ZDH): $(CMD_OBJ) $(BUILD)/libzdh.a
	$(CC) $(ALL_LDFLAGS) $(RELR) -o $@ $(CMD_OBJ) $(BUILD)/core/mathlib.o $(BUILD)/libzdh.a $(ZDH_LIBS)

# zdh-testkind: zdh plus the test-only record kind of tests/testkind/ (one
# core file and its command), built for the tests only (t13xx: a kind
# added without touching the engine; offices on different versions).
TESTKIND_OBJ = $(BUILD)/testkind/kinds.o $(BUILD)/testkind/main.o \
	       $(BUILD)/testkind/testnote.o $(BUILD)/testkind/cmd-testnote.o
TESTKIND     = $(BUILD)/zdh-testkind

testkind: $(TESTKIND)

$(BUILD)/testkind/kinds.o: core/kinds.c $(wildcard include/*.h) Makefile
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -DZDH_TEST_KIND -c -o $@ $<

$(BUILD)/testkind/main.o: cmd/main.c $(wildcard include/*.h cmd/lib/*.h) Makefile .FORCE
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Icmd/lib -DZDH_TEST_KIND -DZDH_VERSION='"$(VERSION)-testkind"' -c -o $@ $<

$(BUILD)/testkind/%.o: tests/testkind/%.c $(wildcard include/*.h cmd/lib/*.h core/*.h tests/testkind/*.h) Makefile
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Icore -Icmd/lib -Itests/testkind -c -o $@ $<

$(TESTKIND): $(filter-out $(BUILD)/cmd/main.o,$(CMD_OBJ)) $(filter-out $(BUILD)/core/kinds.o,$(CORE_OBJ)) $(TESTKIND_OBJ)
	$(CC) $(ALL_LDFLAGS) $(RELR) -o $@ $^ $(ZDH_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(BUILD)/libzdh.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Icore -Itests/unit $(ALL_LDFLAGS) -o $@ $< $(BUILD)/libzdh.a $(LIBS)

deps: DEPS_PKGS = $(DEB_PKGS)
deps-build: DEPS_PKGS = $(BUILD_PKGS)
deps deps-build:
	@missing=; for p in $(DEPS_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

demo: deps-build
	$(MAKE) all
	sh tests/demo.sh ./zdh

# TESTS: the shell tests to run (all by default); PROVE_JOBS: how many at
# once (they wait on fsync and on their own processes: 2 cores stay busy
# with 4).  --timer prints each file's time, to see which grow.
#
# prove starts the files in the order given, so a long one started last
# runs alone at the end while the other core idles: SLOW_FIRST (the
# longest files, longest first, as measured by `make check` on 2 cores,
# 2026-12: t1400 74 to 113 s, t5160, t5040, t3000 ... 25 to 60 s each;
# under ASan+UBSan the unit tests packread and fold and t0500, t8000) go
# first, the rest after them in name order.  A file not in SLOW_FIRST
# runs in its place by name: the long t99NN files (t9998 65 s, t9995 42 s,
# t9997, t9996 34 s and more) were started last by name, one core left
# idle for half a minute at the end; they are in SLOW_FIRST too.
SLOW_FIRST = %/t1400-durable-replay.sh %/packread %/t0500-usage-errors.sh %/t8000-hostile-peer.sh \
	     %/t5160-recover-resumed.sh %/t5040-sync-three.sh %/t3000-bad-input.sh \
	     %/t4000-concurrency.sh %/fold %/t5030-sync-interrupted.sh \
	     %/t5050-sync-ssh.sh %/t5000-sync-local.sh %/t9070-hostile-log-names.sh \
	     %/t7072-report-same-name-orgs.sh %/t0450-usage-synopsis.sh %/t9975-refs-crafted.sh \
	     %/t1200-issue-lifecycle.sh %/t1210-issue-state-machine.sh \
	     %/t1220-issue-import.sh %/t9860-roles-daily-work.sh %/t7010-report-asof-replicas.sh \
	     %/t7060-report-summary.sh %/t6020-council-sync.sh %/t5140-clone-stopped.sh \
	     %/t9998-pull-fsck-objects.sh %/t9995-menu-sync.sh %/t5070-replica-recover.sh \
	     %/t9997-project-sync.sh %/t8010-bytes-sizes.sh %/t9996-visit-sync.sh \
	     %/t5127-pull-many.sh %/t5020-sync-http.sh %/t4100-crash.sh
slow_first = $(foreach p,$(SLOW_FIRST),$(filter $(p),$(1))) $(filter-out $(SLOW_FIRST),$(1))
TESTS      ?= $(wildcard tests/t[0-9]*.sh)
PROVE_JOBS ?= 4
PROVE_RUN  = ZDH_BUILD=$(BUILD) ZDH=$(abspath $(ZDH)) ZDH_TESTKIND=$(abspath $(TESTKIND)) \
	     prove --timer -j$(PROVE_JOBS) $(call slow_first,$(UNIT_BIN) $(TESTS))
test: all testkind
	$(PROVE_RUN)

# make check: every test on the build users get, then the unit tests and
# SAN_TESTS under ASan+UBSan+LeakSanitizer, then the fuzzers briefly.
# A process under ASan+LeakSanitizer costs 4 to 6 times its CPU time
# without (mostly at start and at exit), so the whole suite under the
# sanitizers (make check-asan, about 12 minutes of 2 cores) is its own
# target; SAN_TESTS (the usage errors of every command, the registry, a
# council, the menu, visits, a hostile peer, bytes and sizes, signatures,
# a diverged replica, a clock at the ceiling, votes unseen, another
# area's council, another office's pairing place, a hub's refs and
# objects that are no plain files) takes about 2.
SAN_TESTS = tests/t0500-usage-errors.sh tests/t1000-org.sh tests/t6000-council.sh \
	    tests/t6100-menu.sh tests/t6200-visit.sh tests/t8000-hostile-peer.sh \
	    tests/t8010-bytes-sizes.sh tests/t8110-signed-events.sh tests/t5070-replica-recover.sh \
	    tests/t8197-hostile-clock-ceiling.sh tests/t9650-decision-unseen-vote-consent.sh \
	    tests/t9810-area-of-another-council.sh tests/t9830-offer-release-of-active-pairing.sh \
	    tests/t9992-hostile-hub-ref-files.sh tests/t9993-hostile-hub-object-files.sh
ASAN_MAKE = $(MAKE) BUILD=build-asan CFLAGS='-O1 -g -fno-omit-frame-pointer' \
	    SAN='-fsanitize=address,undefined -fno-sanitize-recover=all' \
	    LDFLAGS='-static-libasan -static-libubsan'

# What make check spends (a fresh clone, .ci/run, 2 cores, 2026-12-04):
# it was 8 min 35 s as four steps one after another: the build on one
# core (62 s), the tests (about 300 s, 2 cores busy: 600 to 670 s of CPU),
# then the ASan+UBSan build on one core and SAN_TESTS (about 69 s), then
# the clang build of the core on one core and the five fuzzers one at a
# time (4 s each, one core idle).  The builds and the fuzzers now use both
# cores (-j2).  Running the ASan+UBSan build and SAN_TESTS beside the
# suite gained nothing: the suite keeps both cores busy by itself (8 min
# 54 s with them beside it, the suite then 479 s instead of about 300).
# On 2026-12-05's machine (faster, the same 2 cores) a fresh clone's
# make check took 3 min 45 s: the suite of 325 files 144 s (243 s of CPU,
# more of it system time than user: processes, refs and fsyncs), SAN_TESTS
# 19 s, the fuzzers 4 s each.
check: deps
	$(MAKE) -j2 all testkind
	$(MAKE) check-main
	$(MAKE) -j2 check-sanitize
	$(MAKE) -j2 fuzz-check

# (the build made by check's first step: `make test` would build main.o
# and link zdh again, 4 s before the first test starts)
check-main:
	$(PROVE_RUN)

# (+: $(ASAN_MAKE) is a make, to share the jobserver of make -j)
check-sanitize:
	+$(ASAN_MAKE) TESTS='$(SAN_TESTS)' test

check-asan:
	+$(ASAN_MAKE) test

# make stress: the randomized and exhaustive loops at their long settings,
# where make check runs them short: sync orders (t5000 and t5040 take 10
# seeds in make check, the four kinds' sync tests 6; here 100 each),
# writers killed at random moments (t4100: 60 rounds, here 500, a new
# seed each run, printed), and every write a block-level cut point with a
# journal too (t1400: every 4th write between flushes in make check).
# Run it before a release and whenever sync,
# the fold's order or the write path changed.
STRESS_TESTS = tests/t5000-sync-local.sh tests/t5040-sync-three.sh tests/t6020-council-sync.sh \
	       tests/t9995-menu-sync.sh tests/t9996-visit-sync.sh tests/t9997-project-sync.sh \
	       tests/t4100-crash.sh tests/t1400-durable-replay.sh
STRESS_SEEDS  ?= 100
STRESS_ROUNDS ?= 500
stress: all
	ZDH_SYNC_SEEDS=$(STRESS_SEEDS) ZDH_CRASH_ROUNDS=$(STRESS_ROUNDS) ZDH_REPLAY_CUTS=all \
		$(MAKE) TESTS='$(STRESS_TESTS)' UNIT_BIN= test

# make check-tsan: the tests whose commands run threads on one SQLite
# connection (an import's rows thread, a large pull's, clone's and
# reindex's fold), and a transfer's watchdog (t5035), under
# ThreadSanitizer, about 2 minutes of 2 cores.
TSAN_TESTS = tests/t1222-import-new-repository.sh tests/t5090-sync-summaries-some.sh \
	     tests/t5127-pull-many.sh tests/t5035-sync-silent-remote.sh
check-tsan:
	$(MAKE) BUILD=build-tsan CFLAGS='-O1 -g' SAN='-fsanitize=thread' \
		LDFLAGS='-static-libtsan' TESTS='$(TSAN_TESTS)' test

# Fuzzing: libFuzzer targets in fuzz/ (clang, Debian's libclang-rt-14-dev),
# the core built again with clang under ASan+UBSan into build-fuzz/.
# `make fuzz` runs each for FUZZ_SECONDS; `make check` runs each for
# FUZZ_CHECK_SECONDS, after its regression inputs (fuzz/run.sh).
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_CHECK_SECONDS ?= 4
FUZZ_TARGETS = csv event config pack delta
FUZZ_CFLAGS  = -std=gnu11 -pthread -Wall -Wextra -Werror -Wno-missing-field-initializers -g -O1 \
	       -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
	       -fno-sanitize-recover=all -Iinclude $(PKG_CFLAGS) \
	       -DZDH_LIBGIT2_SONAME='"$(GIT2_SONAME)"' -DLOCALEDIR='"$(LOCALEDIR)"'
FUZZ_OBJ     = $(CORE_SRC:%.c=build-fuzz/%.o)
FUZZ_BIN     = $(FUZZ_TARGETS:%=build-fuzz/fuzz_%)

build-fuzz/%.o: %.c $(wildcard include/*.h core/*.h) Makefile
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

build-fuzz/fuzz_%: fuzz/fuzz_%.c $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(LIBS)

fuzz: $(FUZZ_BIN)
	sh fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# one target a job: make -j2 fuzz-check runs two fuzzers at once
FUZZ_CHECKS = $(FUZZ_TARGETS:%=fuzz-check-%)
.PHONY: $(FUZZ_CHECKS)
fuzz-check: $(FUZZ_CHECKS)

$(FUZZ_CHECKS): fuzz-check-%: build-fuzz/fuzz_%
	sh fuzz/run.sh $(FUZZ_CHECK_SECONDS) $*

# bench section 11's fixture writer, linked as the unit tests are (one list of libraries)
$(BUILD)/bench-council: tests/bench-council.c $(BUILD)/libzdh.a
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(BUILD)/libzdh.a $(LIBS)

bench: deps
	$(MAKE) all $(BUILD)/bench-council
	sh tests/bench.sh

lint-man:
	for m in man/*.[15]; do mandoc -T lint -W warning $$m || exit 1; done

install: $(ZDH) $(MO_FILES)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 $(ZDH) $(DESTDIR)$(BINDIR)/zdh
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1
	install -m 644 man/*.5 $(DESTDIR)$(MANDIR)/man5
	for l in $(LINGUAS); do \
	  install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	  install -m 644 $(LOCALE_BUILD)/$$l/LC_MESSAGES/zdh.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/zdh.mo || exit 1; \
	done
	install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 644 contrib/completion/zdh.bash $(DESTDIR)$(BASHCOMPDIR)/zdh
	install -m 644 contrib/completion/_zdh $(DESTDIR)$(ZSHCOMPDIR)/_zdh

clean:
	rm -rf build build-asan build-fuzz zdh locale
