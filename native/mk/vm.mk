# The VM backend's native part (docs/vm.md).
#
# FreeBSD-side C (native/freebsd/) is built inside the FreeBSD guest with the base
# system's cc; this host can only check that it is valid C11 that compiles without a
# warning.  freebsd-check does that with the host compiler against a header that
# declares the Capsicum interfaces as the FreeBSD manual pages document them
# (native/freebsd/hostcheck/), with __linux__ undefined so that the runtime's non-Linux
# branches are the ones compiled, and SB_FREEBSD_HOSTCHECK defined so that the workloads
# see the FreeBSD declarations of sb_open and sb_stat.  (Defining __FreeBSD__ itself would
# pull the host's libc headers into FreeBSD-only includes.)  Objects are compiled and thrown
# away rather than -fsyntax-only, which skips the unused-function warnings clang's -Wall
# would turn into errors in the guest.
FREEBSD_SRC := freebsd/sb_capsicum.c freebsd/cap_sweep.c
FREEBSD_CHECK_FLAGS := -std=c11 -D_DEFAULT_SOURCE -U__linux__ -DSB_FREEBSD_HOSTCHECK -Wall -Wextra -Werror \
	-Ifreebsd/hostcheck -Ifreebsd -Iruntime -Iinclude
ALL += $(B)/stamp/freebsd-check

$(B)/stamp/freebsd-check: $(FREEBSD_SRC) freebsd/sb_capsicum.h freebsd/hostcheck/sys/capsicum.h \
		runtime/sb_runtime.c runtime/sb_runtime.h runtime/sb_self.h $(wildcard $(MICRO_DIR)/*.c) $(wildcard $(MACRO_DIR)/*.c)
	@mkdir -p $(dir $@)
	@for f in $(FREEBSD_SRC) runtime/sb_runtime.c $(wildcard $(MICRO_DIR)/*.c) $(wildcard $(MACRO_DIR)/*.c); do \
		$(CC) $(FREEBSD_CHECK_FLAGS) -c -o /dev/null $$f || { echo "freebsd-check: $$f does not compile as FreeBSD C11" >&2; exit 1; }; \
	done
	@touch $@
