/* what every fuzz target shares: libFuzzer's two entry points, and the start-up most targets
 * use: a GLib critical or warning is a finding, so it is made fatal for libFuzzer to report.
 * replay.c calls the same two functions in the normal build */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* defines LLVMFuzzerInitialize for a target that needs nothing else at start-up */
#define FUZZ_DEFINE_INITIALIZE                                                                     \
	int LLVMFuzzerInitialize(int *argc, char ***argv)                                          \
	{                                                                                          \
		(void)argc;                                                                        \
		(void)argv;                                                                        \
		g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);                \
		return 0;                                                                          \
	}
