# Test helpers: one operation per invocation, for the enforcement tables.
ALL += $(B)/bin/sb-try

$(B)/bin/sb-try: tools/sb_try.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS_STATIC) -o $@ $<
