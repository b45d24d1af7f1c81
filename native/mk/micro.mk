# Micro workloads: workloads/micro/<id>.c -> build/workloads/<id>
MICRO_DIR := ../workloads/micro
MICRO := $(patsubst $(MICRO_DIR)/%.c,$(B)/workloads/%,$(wildcard $(MICRO_DIR)/*.c))
ALL += $(MICRO)

$(B)/workloads/%: $(MICRO_DIR)/%.c $(RUNTIME_OBJ) $(SANDBOX_OBJ) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS_STATIC) -o $@ $< $(RUNTIME_OBJ) $(SANDBOX_OBJ) $(LIBSECCOMP)
