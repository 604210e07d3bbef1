/* ecsplan: runs a libFuzzer target's seeds through it in the normal build, so that every test
 * run exercises the corpora (tests/fuzz/seeds-*): `fuzz-replay-NAME DIR...` feeds each file of
 * each folder to LLVMFuzzerTestOneInput once, as libFuzzer does when given a file. The target
 * aborts on a broken promise, so a seed that regresses fails the test. */
#include <stdio.h>

#include "fuzz.h"

int
main(int argc, char **argv)
{
	guint n_files = 0;

	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(GDir) dir = g_dir_open(argv[i], 0, &error);
		const char *name;

		if (dir == NULL) {
			fprintf(stderr, "fuzz-replay: %s\n", error->message);
			return 1;
		}
		while ((name = g_dir_read_name(dir)) != NULL) {
			g_autofree char *path = g_build_filename(argv[i], name, NULL);
			g_autofree char *data = NULL;
			gsize length = 0;

			if (!g_file_get_contents(path, &data, &length, &error)) {
				fprintf(stderr, "fuzz-replay: %s\n", error->message);
				return 1;
			}
			/* the seed's own bytes, without the terminating NUL g_file_get_contents adds */
			LLVMFuzzerTestOneInput((const uint8_t *)data, length);
			n_files++;
		}
	}
	if (n_files == 0) {
		fprintf(stderr, "fuzz-replay: no seeds\n");
		return 1;
	}
	printf("%u seeds replayed\n", n_files);
	return 0;
}
