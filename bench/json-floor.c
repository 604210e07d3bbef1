/* ecsplan bench: the floor of issue 18. Reads a JSON file and parses it with cJSON alone (its
 * default allocator, the tree freed at the end), which is the least any JSON reader built on
 * cJSON must do; bench-validate.py and bench-import.sh time it under bench/rusage next to
 * ecsplan on the same file and print each target as a ratio to it.
 * usage: json-floor FILE   (exit 0 when the file parses, 1 when it does not, 2 on usage) */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: json-floor FILE\n");
		return 2;
	}
	FILE *file = fopen(argv[1], "rb");
	if (file == NULL) {
		perror(argv[1]);
		return 1;
	}
	size_t cap = 1 << 20, len = 0;
	char *text = malloc(cap);
	size_t got;
	while (text != NULL && (got = fread(text + len, 1, cap - len, file)) > 0) {
		len += got;
		if (len == cap) {
			cap *= 2;
			char *grown = realloc(text, cap);
			if (grown == NULL)
				free(text);
			text = grown;
		}
	}
	fclose(file);
	if (text == NULL) {
		fprintf(stderr, "json-floor: out of memory\n");
		return 1;
	}
	cJSON *root = cJSON_ParseWithLength(text, len);
	int status = root != NULL ? 0 : 1;
	if (root == NULL)
		fprintf(stderr, "json-floor: %s: not JSON\n", argv[1]);
	cJSON_Delete(root);
	free(text);
	return status;
}
