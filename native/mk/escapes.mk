# Escape corpus (docs/escapes.md): the arena's helpers and one static program per attempt.
#   build/bin/sb-jail    runs one attempt in the arena (root, namespaces, drop to the sandbox uid)
#   build/bin/sb-victim  the process IPC attempts aim at
#   build/bin/sb-marker  the planted executables (the harness copies it with a token)
#   build/escapes/<id>   workloads/escapes/<id>.c linked with the attempt runtime (sbx.c)
# Static, so the same binaries run in a FROM-scratch container and in a guest.
ESC_SRC := ../workloads/escapes
ESC_RT := $(B)/obj/sbx.o $(B)/obj/self_linux.o $(B)/obj/plan.o $(B)/obj/apply.o
ESC_CFLAGS := $(CFLAGS) -Iescapes
ESCAPES := $(patsubst $(ESC_SRC)/%.c,$(B)/escapes/%,$(wildcard $(ESC_SRC)/*.c))
ALL += $(B)/bin/sb-jail $(B)/bin/sb-victim $(B)/bin/sb-marker $(ESCAPES)

$(B)/obj/sbx.o: escapes/sbx.c escapes/sbx.h $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ESC_CFLAGS) -c -o $@ $<

$(B)/bin/sb-jail: escapes/sb_jail.c
	@mkdir -p $(dir $@)
	$(CC) $(ESC_CFLAGS) $(LDFLAGS_STATIC) -o $@ $<

$(B)/bin/sb-victim: escapes/sb_victim.c
	@mkdir -p $(dir $@)
	$(CC) $(ESC_CFLAGS) $(LDFLAGS_STATIC) -o $@ $<

$(B)/bin/sb-marker: escapes/sb_marker.c
	@mkdir -p $(dir $@)
	$(CC) $(ESC_CFLAGS) $(LDFLAGS_STATIC) -o $@ $<

$(B)/escapes/%: $(ESC_SRC)/%.c $(ESC_RT) escapes/sbx.h $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ESC_CFLAGS) $(LDFLAGS_STATIC) -o $@ $< $(ESC_RT) $(LIBSECCOMP)

# An attempt written outside the repository (./sandbench escapes --attempts-dir DIR builds
# each DIR/*.c this way):  make -C native user-attempt USER_SRC=/abs/x.c USER_OUT=/abs/x
user-attempt: $(ESC_RT)
	@test -n "$(USER_SRC)" -a -n "$(USER_OUT)" || { echo "usage: make user-attempt USER_SRC=FILE.c USER_OUT=FILE" >&2; exit 2; }
	@mkdir -p $(dir $(USER_OUT))
	$(CC) $(ESC_CFLAGS) $(LDFLAGS_STATIC) -o $(USER_OUT) $(USER_SRC) $(ESC_RT) $(LIBSECCOMP)

.PHONY: user-attempt
