# Test helpers: one operation per invocation, for the enforcement tables.
ALL += $(B)/bin/sb-try

$(B)/bin/sb-try: tools/sb_try.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS_STATIC) -o $@ $<

# The udp-sink service inside a guest (harness/.../vm/VmBackend): binds, then execs the trial.
ALL += $(B)/bin/sb-udp-sink

$(B)/bin/sb-udp-sink: tools/sb_udp_sink.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS_STATIC) -o $@ $<
