# dun — collecting overdue property-management fees.
# make [all|check|demo|install|dist|clean] [SAN=1] [CC=clang]

VERSION  = 0.1.0
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
COMPDIR ?= $(PREFIX)/share/bash-completion/completions
DESTDIR ?=

CC      ?= cc
PKGS     = sqlite3 yaml-0.1 nettle pangocairo pangoft2 cairo-pdf fontconfig harfbuzz-subset zlib libcurl xlsxwriter libzip expat freexl
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
DEFS     = -D_POSIX_C_SOURCE=200809L -DDUN_VERSION='"$(VERSION)"'
# -isystem: the warnings we force on are for our code, not for glib's.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null | sed 's/-I/-isystem /g')
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LIBS     = $(PKG_LIBS) -lcsv -pthread

# SAN=1: AddressSanitizer and UndefinedBehaviorSanitizer, built apart in
# build-san/ so that both builds live side by side.
ifeq ($(SAN),1)
O       ?= build-san
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
else
O       ?= build
SANFLAGS =
endif

ALL_CFLAGS = $(WARN) $(DEFS) $(CFLAGS) $(SANFLAGS) $(PKG_CFLAGS) $(INCS)
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS)

PROGS    = dun-import dun-age dun-classify dun-notice dun-report
# lib/ is in parts, a directory each (lib/PART/*.c, its header PART.h);
# lib/dun.h includes every part's header.  Each part's directory is on
# the include path, so that a file names a header without its part.
LIBSRC   = $(wildcard lib/*/*.c)
PARTDIRS = $(sort $(dir $(LIBSRC)))
INCS     = -Ilib $(PARTDIRS:%/=-I%)
LIBOBJ   = $(LIBSRC:lib/%.c=$(O)/lib/%.o) $(O)/lib/config/default_config.o \
           $(O)/lib/calendar/default_holidays.o \
           $(O)/lib/notice/default_templates.o
TEMPLATES = $(sort $(wildcard lib/notice/templates/*.*.*))
# tests/unit/unit.c is no test: what the tests share, linked into each.
UNITSRC  = $(filter-out tests/unit/unit.c,$(wildcard tests/unit/*.c))
UNITBIN  = $(UNITSRC:tests/unit/%.c=$(O)/tests/%.t)
# The fuzz harnesses, tests/fuzz/NAME.c: make check runs each over its
# seed corpus and past crashes with a plain driver; make fuzz runs each
# with libFuzzer, FUZZ_SECONDS apiece (FUZZ=NAME: that one only).
FUZZNAME = $(filter-out driver,$(basename $(notdir $(wildcard tests/fuzz/*.c))))
FUZZBIN  = $(FUZZNAME:%=$(O)/tests/fuzz-%.t)
FUZZ    ?= $(FUZZNAME)
FUZZ_SECONDS ?= 600
FUZZ_CC ?= clang
FUZZ_SAN = -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
BIN      = $(PROGS:%=$(O)/%)
MAN1     = $(PROGS:%=man/%.1)
MAN5     = man/dun.5 man/dun.yaml.5
MAN7     = man/dun.7

all: $(BIN) $(O)/gen

# Each object depends on the headers it includes, as the compiler found
# them (-MMD: NAME.d beside NAME.o; -MP: a header removed is no error).
DEPFLAGS = -MMD -MP

$(O)/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

# The default config is lib/config/dun.yaml, compiled in byte for byte
# (made again, as the two below are, when this Makefile changes).
$(O)/lib/config/default_config.c: lib/config/dun.yaml Makefile
	@mkdir -p $(@D)
	{ echo '/* generated from lib/config/dun.yaml by make; do not edit */'; \
	  echo '#include "config.h"'; \
	  echo 'const char dun_default_config[] = {'; \
	  od -An -v -tx1 lib/config/dun.yaml | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo '0x00 };'; \
	  echo 'const size_t dun_default_config_len = sizeof dun_default_config - 1;'; } > $@.tmp
	mv $@.tmp $@

$(O)/lib/config/default_config.o: $(O)/lib/config/default_config.c \
    lib/config/config.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The built-in calendar of public holidays is lib/calendar/holidays.tsv,
# likewise.
$(O)/lib/calendar/default_holidays.c: lib/calendar/holidays.tsv Makefile
	@mkdir -p $(@D)
	{ echo '/* generated from lib/calendar/holidays.tsv by make; do not edit */'; \
	  echo '#include "calendar.h"'; \
	  echo 'const char dun_default_holidays[] = {'; \
	  od -An -v -tx1 lib/calendar/holidays.tsv | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo '0x00 };'; \
	  echo 'const size_t dun_default_holidays_len = sizeof dun_default_holidays - 1;'; } > $@.tmp
	mv $@.tmp $@

$(O)/lib/calendar/default_holidays.o: $(O)/lib/calendar/default_holidays.c \
    lib/calendar/calendar.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The built-in notice templates: lib/notice/templates/STAGE.CHANNEL.LANG.
$(O)/lib/notice/default_templates.c: $(TEMPLATES) Makefile
	@mkdir -p $(@D)
	{ echo '/* generated from lib/notice/templates by make; do not edit */'; \
	  echo '#include "notice.h"'; \
	  for f in $(TEMPLATES); do \
	    n=$$(basename $$f | tr '.-' '__'); \
	    echo "static const char t_$$n[] = {"; \
	    od -An -v -tx1 $$f | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	    echo '0x00 };'; \
	  done; \
	  echo 'const struct builtin_tpl builtin_templates[] = {'; \
	  for f in $(TEMPLATES); do \
	    n=$$(basename $$f | tr '.-' '__'); \
	    echo "{ \"$$(basename $$f)\", t_$$n, sizeof t_$$n - 1 },"; \
	  done; \
	  echo '{ 0, 0, 0 } };'; } > $@.tmp
	mv $@.tmp $@

$(O)/lib/notice/default_templates.o: $(O)/lib/notice/default_templates.c \
    lib/notice/notice.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(O)/libdun.a: $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

$(O)/dun-%: cmd/dun-%.c $(O)/libdun.a
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -o $@ $< $(O)/libdun.a $(ALL_LDFLAGS) $(LIBS)

$(O)/gen: bench/gen.c $(O)/libdun.a
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -o $@ $< $(O)/libdun.a $(ALL_LDFLAGS) $(LIBS)

$(O)/tests/unit.o: tests/unit/unit.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(O)/tests/%.t: tests/unit/%.c $(O)/tests/unit.o $(O)/libdun.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -Itests/unit -o $@ $< $(O)/tests/unit.o $(O)/libdun.a $(ALL_LDFLAGS) $(LIBS)

$(O)/tests/fuzz-%.t: tests/fuzz/%.c tests/fuzz/driver.c $(O)/libdun.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -DFUZZ_NAME='"$*"' -o $@ $< tests/fuzz/driver.c $(O)/libdun.a $(ALL_LDFLAGS) $(LIBS)

# With libFuzzer: only under make fuzz, which builds in build-fuzz/.
$(O)/fuzz-%: tests/fuzz/%.c $(O)/libdun.a
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -fsanitize=fuzzer -o $@ $< $(O)/libdun.a $(ALL_LDFLAGS) $(LIBS)

deps:
	@sh tools/deps

check: deps
	$(MAKE) $(BIN) $(O)/gen $(UNITBIN) $(FUZZBIN)
	DUN_BUILD=$(CURDIR)/$(O) \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	prove --exec '' $(UNITBIN) $(FUZZBIN) tests/*.t

# clang with libFuzzer (installed if missing), then each harness in turn.
fuzz: deps
	@sh tests/fuzz/deps.sh $(FUZZ_CC)
	$(MAKE) O=build-fuzz CC=$(FUZZ_CC) CFLAGS='-O1 -g' SANFLAGS='$(FUZZ_SAN)' $(FUZZ:%=build-fuzz/fuzz-%)
	sh tests/fuzz/run.sh build-fuzz $(FUZZ_SECONDS) $(FUZZ)

demo: deps
	$(MAKE) $(BIN)
	@sh examples/demo.sh $(CURDIR)/$(O)

install: $(BIN)
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	cp $(BIN) $(DESTDIR)$(BINDIR)/
	cp $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	cp $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	cp $(MAN7) $(DESTDIR)$(MANDIR)/man7/
	mkdir -p $(DESTDIR)$(PREFIX)/share/dun/templates
	cp $(TEMPLATES) $(DESTDIR)$(PREFIX)/share/dun/templates/
	cp lib/calendar/holidays.tsv $(DESTDIR)$(PREFIX)/share/dun/
	mkdir -p $(DESTDIR)$(COMPDIR)
	cp completion/dun $(DESTDIR)$(COMPDIR)/dun-import
	for p in $(filter-out dun-import,$(PROGS)); do \
	  ln -sf dun-import $(DESTDIR)$(COMPDIR)/$$p; done

# The release tarball, dun-VERSION.tar.gz: the files of the commit checked
# out (not what is changed and uncommitted), under dun-VERSION/.
dist:
	git archive --format=tar.gz --prefix=dun-$(VERSION)/ \
	    -o dun-$(VERSION).tar.gz HEAD

clean:
	rm -rf build build-san build-clang build-fuzz

.PHONY: all check demo deps dist fuzz install clean
.SECONDARY:

-include $(wildcard $(O)/lib/*/*.d $(O)/*.d $(O)/tests/*.d)
