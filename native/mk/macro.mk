# Macro workloads: workloads/macro/<id>.c -> build/workloads/<id> (same runtime as the micro ones)
MACRO_DIR := ../workloads/macro
MACRO := $(patsubst $(MACRO_DIR)/%.c,$(B)/workloads/%,$(wildcard $(MACRO_DIR)/*.c))
ALL += $(MACRO)

$(B)/workloads/%: $(MACRO_DIR)/%.c $(RUNTIME_OBJ) $(SANDBOX_OBJ) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS_STATIC) -o $@ $< $(RUNTIME_OBJ) $(SANDBOX_OBJ) $(LIBSECCOMP)
