/* ecsplan bench: runs a command and writes its wall time, user and system CPU time (seconds, to
 * the microsecond) and peak resident set size (KiB) to a file, like `/usr/bin/time -o FILE -f
 * '%e %U %S %M'`, whose CPU times are in hundredths (truncated): a step of 8 % of the 0.12 s of
 * CPU that bench/json-floor takes on the import bench plan, too coarse for a ratio held against
 * 2x. The figures come from wait4(), as time's do; this program forks the command itself, so
 * the peak is the command's (a child forked straight from a large Python process would start
 * with that process's peak).
 * usage: rusage OUTFILE COMMAND [ARG]...
 * OUTFILE gets one line "WALL USER SYSTEM PEAK_KIB"; the exit status is the command's (128 + the
 * signal when a signal ended it, 127 when it could not be run, 2 on usage). */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds(struct timeval t)
{
	return (double)t.tv_sec + (double)t.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
	struct timespec start;
	struct timespec end;
	struct rusage usage;
	int status;
	pid_t pid;
	FILE *out;

	if (argc < 3) {
		fprintf(stderr, "usage: rusage OUTFILE COMMAND [ARG]...\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &start);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "rusage: fork: %s\n", strerror(errno));
		return 127;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "rusage: %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &status, 0, &usage) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "rusage: wait4: %s\n", strerror(errno));
			return 127;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &end);
	out = fopen(argv[1], "w");
	if (out == NULL) {
		fprintf(stderr, "rusage: %s: %s\n", argv[1], strerror(errno));
		return 127;
	}
	fprintf(out, "%.6f %.6f %.6f %ld\n",
		(double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9,
		seconds(usage.ru_utime), seconds(usage.ru_stime), usage.ru_maxrss);
	if (fclose(out) != 0) {
		fprintf(stderr, "rusage: %s: %s\n", argv[1], strerror(errno));
		return 127;
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
