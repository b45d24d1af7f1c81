# Measurement helpers of the sweeps and `sandbench validate` (native/bench/).
ALL += $(B)/bin/sb-seccomp-bench

$(B)/bin/sb-seccomp-bench: bench/sb_seccomp_bench.c $(RUNTIME_OBJ) $(SANDBOX_OBJ) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS_STATIC) -o $@ $< $(RUNTIME_OBJ) $(SANDBOX_OBJ) $(LIBSECCOMP)
