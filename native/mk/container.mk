# Container backend (docs/containers.md): how libseccomp resolves a profile's names.
ALL += $(B)/bin/sb-scmp-resolve

$(B)/bin/sb-scmp-resolve: container/scmp_resolve.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS_STATIC) -o $@ $< $(LIBSECCOMP)

# One raw system call by number, for the container agreement tables.
ALL += $(B)/bin/sb-rawsys

$(B)/bin/sb-rawsys: container/rawsys.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS_STATIC) -o $@ $<
