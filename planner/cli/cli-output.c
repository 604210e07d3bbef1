/* ecsplan: writing an output file (-o FILE, --timeseries FILE, --chart FILE, chart files).
 *
 * What a path gets depends on what is there, looked at through symbolic links
 * (docs/limits.md, "Output files"):
 * - nothing, or a regular file: a temporary file in the same folder, fsync, rename over the
 *   name, so a reader sees the old file or the new one. Through a symbolic link, the file the
 *   link points to is replaced and the link stays; a link to nothing is refused;
 * - a character device (/dev/null, a terminal) or a FIFO: opened and written through, never
 *   renamed over or unlinked;
 * - "-", /dev/stdout, /dev/stderr and /dev/fd/N: the descriptor ecsplan already holds;
 * - a folder, a block device or a socket: refused (exit 2) before any work is done;
 * - a path below folders that do not exist yet: they are created when the file is written
 *   (`mkdir -p`), never before the work is done, and removed again when the write fails; a
 *   file where one of them would have to be is refused (exit 2). */

/* realpath, lstat, O_CLOEXEC and S_ISSOCK are POSIX, not C17 */
#define _GNU_SOURCE

#include "cli.h"

#include "gnuplot.h"
#include "raster.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plan-error.h"

/* the descriptor "-", /dev/stdout, /dev/stderr or /dev/fd/N names, or -1 for any other path;
 * those are written through the open descriptor, never opened by name: opening /dev/stdout
 * when it is redirected to a file would truncate or replace that file */
static int
plan_cli_output_fd(const char *output)
{
	const char *number;
	guint64 fd = 0;

	if (output == NULL || strcmp(output, "-") == 0 || strcmp(output, "/dev/stdout") == 0)
		return STDOUT_FILENO;
	if (strcmp(output, "/dev/stderr") == 0)
		return STDERR_FILENO;
	if (g_str_has_prefix(output, "/dev/fd/"))
		number = output + strlen("/dev/fd/");
	else if (g_str_has_prefix(output, "/proc/self/fd/"))
		number = output + strlen("/proc/self/fd/");
	else
		return -1;
	if (!g_ascii_string_to_unsigned(number, 10, 0, G_MAXINT, &fd, NULL))
		return -1;
	return (int)fd;
}

/* the folder @path would be created in */
static char *
plan_cli_output_parent(const char *path)
{
	return g_path_get_dirname(path);
}

/**
 * plan_cli_output_init:
 *
 * Called once from main(): a write over the file-size limit (`ulimit -f`) then fails with
 * EFBIG, which the writers report and clean up after, instead of SIGXFSZ killing the process
 * with a temporary file or folder left behind.
 */
void
plan_cli_output_init(void)
{
	signal(SIGXFSZ, SIG_IGN);
}

/* what a special file is, for the message that refuses it */
static const char *
plan_cli_output_kind_name(mode_t mode)
{
	if (S_ISBLK(mode))
		return "block device";
	if (S_ISSOCK(mode))
		return "socket";
	return "special file";
}

/* the nearest folder above @path that exists ("." for a relative path with none), or NULL with
 * errno set when a path above it cannot be looked at; *@not_folder names the first path above
 * @path that exists and is not a folder (a file where a folder would have to be, or a symbolic
 * link to nothing: mkdir cannot make a folder through it) */
static char *
plan_cli_output_ancestor(const char *path, char **not_folder)
{
	g_autofree char *dir = g_path_get_dirname(path);

	*not_folder = NULL;
	for (;;) {
		GStatBuf info;
		char *up;
		if (g_stat(dir, &info) == 0) {
			if (S_ISDIR(info.st_mode))
				return g_steal_pointer(&dir);
			*not_folder = g_steal_pointer(&dir);
			return NULL;
		}
		if (errno != ENOENT && errno != ENOTDIR)
			return NULL;
		if (errno == ENOENT && g_lstat(dir, &info) == 0) {
			*not_folder = g_steal_pointer(&dir);
			return NULL;
		}
		up = g_path_get_dirname(dir);
		/* "/" and "." are their own dirname: the loop ends there */
		if (strcmp(up, dir) == 0) {
			g_free(up);
			errno = ENOENT;
			return NULL;
		}
		g_free(dir);
		dir = up;
	}
}

/* the folders above @output that plan_cli_write() will create must sit in a folder that
 * exists and may be written; a file in their place is refused. @parent: (nullable): @output's
 * own folder, for the message when it exists */
static gboolean
plan_cli_check_ancestor(const char *output, const char *parent, GError **error)
{
	g_autofree char *not_folder = NULL;
	g_autofree char *ancestor = plan_cli_output_ancestor(output, &not_folder);

	if (not_folder != NULL) {
		GStatBuf info;
		if (g_stat(not_folder, &info) != 0)
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
				    "cannot write '%s': '%s' is a symbolic link to nothing; remove it "
				    "or give another path",
				    output, not_folder);
		else
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
				    "cannot write '%s': '%s' is a file, not a folder", output,
				    not_folder);
		return FALSE;
	}
	if (ancestor == NULL) {
		int saved = errno;
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE, "cannot write '%s': %s", output,
			    g_strerror(saved));
		return FALSE;
	}
	if (g_access(ancestor, W_OK) != 0) {
		int saved = errno;
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "cannot write '%s': the folder '%s': %s", output,
			    parent != NULL && strcmp(parent, ancestor) == 0 ? parent : ancestor,
			    g_strerror(saved));
		return FALSE;
	}
	return TRUE;
}

/**
 * plan_cli_check_output:
 * @output: (nullable): -o FILE as given; NULL or "-" is standard output
 * @kind: (out) (optional): how plan_cli_write() will write it
 *
 * Checks, before a command does its work, that @output can be written: the nearest existing
 * folder above a missing file is writable (the folders between are created when the file is
 * written), a folder, block device, socket, dangling symbolic link or a file where a folder
 * would have to be is refused.
 * Returns: TRUE, or FALSE with @error set (PLAN_ERROR_USAGE: exit 2)
 */
gboolean
plan_cli_check_output(const char *output, PlanCliOutputKind *kind, GError **error)
{
	GStatBuf info;
	int fd = plan_cli_output_fd(output);

	g_return_val_if_fail(error == NULL || *error == NULL, FALSE);

	if (kind != NULL)
		*kind = PLAN_CLI_OUTPUT_STREAM;
	if (fd >= 0) {
		if (fcntl(fd, F_GETFD) < 0) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
				    "cannot write '%s': the descriptor is not open", output);
			return FALSE;
		}
		return TRUE;
	}
	if (output[0] == '\0') {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "the output file name is empty; give a file name, or '-' for standard "
			    "output");
		return FALSE;
	}
	if (g_stat(output, &info) != 0) {
		int saved = errno;
		g_autofree char *parent = NULL;
		GStatBuf link_info;

		/* "notes.txt/cost.txt": a file where a folder would have to be */
		if (saved == ENOTDIR)
			return plan_cli_check_ancestor(output, NULL, error);
		if (saved != ENOENT) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE, "cannot write '%s': %s",
				    output, g_strerror(saved));
			return FALSE;
		}
		if (g_lstat(output, &link_info) == 0) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
				    "cannot write '%s': it is a symbolic link to a file that does "
				    "not exist; remove the link or give the file name itself",
				    output);
			return FALSE;
		}
		/* the folders above a new file are created when it is written (mkdir -p): the
		 * nearest one that exists must be a folder ecsplan may write in */
		parent = plan_cli_output_parent(output);
		if (!plan_cli_check_ancestor(output, parent, error))
			return FALSE;
		if (kind != NULL)
			*kind = PLAN_CLI_OUTPUT_REPLACE;
		return TRUE;
	}
	if (S_ISREG(info.st_mode)) {
		/* the file is replaced by a rename in its own folder */
		g_autofree char *real = realpath(output, NULL);
		g_autofree char *parent = plan_cli_output_parent(real != NULL ? real : output);
		if (g_access(parent, W_OK) != 0) {
			int saved = errno;
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
				    "cannot replace '%s': the folder '%s': %s", output, parent,
				    g_strerror(saved));
			return FALSE;
		}
		if (kind != NULL)
			*kind = PLAN_CLI_OUTPUT_REPLACE;
		return TRUE;
	}
	if (S_ISCHR(info.st_mode) || S_ISFIFO(info.st_mode))
		return TRUE;
	if (S_ISDIR(info.st_mode)) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "cannot write '%s': it is a folder; give a file name in it", output);
		return FALSE;
	}
	g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
		    "cannot write '%s': it is a %s; give a regular file name, or '-' for standard "
		    "output",
		    output, plan_cli_output_kind_name(info.st_mode));
	return FALSE;
}

/**
 * plan_cli_check_output_dir:
 * @dir: a folder ecsplan writes files into (--charts DIR), created when missing
 *
 * Returns: TRUE when @dir is a folder or does not exist yet (and can be created: the nearest
 * folder above it that exists may be written), else FALSE with @error set
 * (PLAN_ERROR_USAGE: exit 2)
 */
gboolean
plan_cli_check_output_dir(const char *dir, GError **error)
{
	GStatBuf info;

	g_return_val_if_fail(dir != NULL, FALSE);
	if (dir[0] == '\0') {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "the output folder name is empty; give a folder name");
		return FALSE;
	}
	if (g_stat(dir, &info) != 0) {
		int saved = errno;
		/* created with the folders above it, in the nearest one that exists */
		if (saved == ENOENT || saved == ENOTDIR)
			return plan_cli_check_ancestor(dir, NULL, error);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE, "cannot write into '%s': %s", dir,
			    g_strerror(saved));
		return FALSE;
	}
	if (!S_ISDIR(info.st_mode)) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "cannot write into '%s': it is not a folder; give a folder name", dir);
		return FALSE;
	}
	if (g_access(dir, W_OK) != 0) {
		int saved = errno;
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE, "cannot write into '%s': %s", dir,
			    g_strerror(saved));
		return FALSE;
	}
	return TRUE;
}

/* all of @data to @fd, through EINTR and short writes; errno set on failure */
static gboolean
plan_cli_write_all(int fd, const char *data, gsize length)
{
	while (length > 0) {
		gssize written = write(fd, data, MIN(length, (gsize)G_MAXSSIZE));
		if (written < 0) {
			if (errno == EINTR)
				continue;
			return FALSE;
		}
		data += written;
		length -= (gsize)written;
	}
	return TRUE;
}

/* the mode a new file gets: the one it replaces keeps its mode, else 0666 less the umask */
static mode_t
plan_cli_output_mode(const char *target)
{
	GStatBuf info;
	mode_t mask;

	if (g_stat(target, &info) == 0 && S_ISREG(info.st_mode))
		return info.st_mode & 07777;
	/* umask() sets as it reads: put it straight back (the CLI writes from one thread) */
	mask = umask(022);
	umask(mask);
	return 0666 & ~mask;
}

/**
 * plan_cli_make_parents:
 * @output: a file or folder about to be written
 * @created: (out) (transfer full) (nullable): the topmost folder created, or NULL
 *
 * Creates the folders above @output that do not exist yet, as `mkdir -p` (0777 less the
 * umask). Returns: TRUE, or FALSE with @error set (PLAN_ERROR_FAILED)
 */
gboolean
plan_cli_make_parents(const char *output, char **created, GError **error)
{
	g_autofree char *not_folder = NULL;
	g_autofree char *ancestor = plan_cli_output_ancestor(output, &not_folder);
	g_autofree char *parent = plan_cli_output_parent(output);

	*created = NULL;
	if (ancestor != NULL && strcmp(ancestor, parent) == 0)
		return TRUE;
	/* no ancestor (a file in the way, checked before): mkdir says why */
	if (ancestor == NULL || g_mkdir_with_parents(parent, 0777) != 0) {
		int saved = errno;
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED,
			    "cannot write '%s': cannot create the folder '%s': %s", output, parent,
			    g_strerror(saved));
		return FALSE;
	}
	/* the topmost new folder: the one just below the ancestor on the way to @parent */
	{
		g_autofree char *top = g_strdup(parent);
		for (;;) {
			g_autofree char *up = g_path_get_dirname(top);
			if (strcmp(up, ancestor) == 0 || strcmp(up, top) == 0)
				break;
			g_free(top);
			top = g_steal_pointer(&up);
		}
		*created = g_steal_pointer(&top);
	}
	return TRUE;
}

/**
 * plan_cli_remove_created:
 * @output: what plan_cli_make_parents() made the folders for
 * @created: (nullable): its *@created
 *
 * Removes the folders plan_cli_make_parents() made for @output that are still empty, from
 * @output's own folder up to @created; a folder something else has written into stays.
 */
void
plan_cli_remove_created(const char *output, const char *created)
{
	g_autofree char *dir = NULL;

	if (created == NULL)
		return;
	dir = plan_cli_output_parent(output);
	for (;;) {
		char *up;
		if (g_rmdir(dir) != 0 || strcmp(dir, created) == 0)
			return;
		up = g_path_get_dirname(dir);
		g_free(dir);
		dir = up;
	}
}

/* an output being written (cli.h): a descriptor written through, or a temporary file beside
 * the target that plan_cli_writer_commit() renames over it */
struct _PlanCliWriter {
	char *output;  /* as given; NULL is standard output */
	int fd;
	gboolean held;  /* a descriptor ecsplan already holds (stdout, /dev/fd/N): left open */
	gboolean owned; /* opened here (a device, a FIFO or the temporary file), not closed yet */
	char *temp;     /* PLAN_CLI_OUTPUT_REPLACE: the temporary file */
	char *target;   /* ... the file it replaces (what a symbolic link resolves to) */
	char *parent;   /* ... their folder */
	char *created;  /* ... the topmost folder made for it, removed again on failure */
	mode_t mode;    /* ... the mode it gets */
	gboolean failed;
};

static void
plan_cli_writer_free(PlanCliWriter *writer)
{
	g_free(writer->output);
	g_free(writer->temp);
	g_free(writer->target);
	g_free(writer->parent);
	g_free(writer->created);
	g_free(writer);
}

/**
 * plan_cli_writer_open:
 * @output: (nullable): the file; NULL or "-" is standard output
 *
 * Opens @output as the file's header describes: a temporary file beside a regular file or a
 * new one (the folders above it that are missing are created now), or the descriptor, device
 * or FIFO itself (a FIFO blocks here until a reader opens it, as `cat > FIFO` does).
 * Returns: (transfer full): the writer, or NULL with @error set (PLAN_ERROR_USAGE for a path
 * plan_cli_check_output() refuses, else PLAN_ERROR_FAILED)
 */
PlanCliWriter *
plan_cli_writer_open(const char *output, GError **error)
{
	PlanCliOutputKind kind;
	PlanCliWriter *writer;
	int saved;

	/* the path may have changed since the command checked it: look again */
	if (!plan_cli_check_output(output, &kind, error))
		return NULL;
	writer = g_new0(PlanCliWriter, 1);
	writer->output = g_strdup(output);
	writer->fd = -1;
	if (kind == PLAN_CLI_OUTPUT_REPLACE) {
		g_autofree char *real = NULL;
		g_autofree char *base = NULL;
		if (!plan_cli_make_parents(output, &writer->created, error)) {
			plan_cli_writer_free(writer);
			return NULL;
		}
		real = realpath(output, NULL);
		writer->target = g_strdup(real != NULL ? real : output);
		writer->parent = plan_cli_output_parent(writer->target);
		base = g_path_get_basename(writer->target);
		writer->mode = plan_cli_output_mode(writer->target);
		/* a short prefix keeps the temporary name within NAME_MAX for any base name */
		writer->temp = g_strdup_printf("%s/.%.32s.tmp-XXXXXX", writer->parent, base);
		writer->fd = g_mkstemp_full(writer->temp, O_WRONLY | O_CLOEXEC, 0600);
		if (writer->fd < 0) {
			saved = errno;
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED,
				    "cannot write '%s': cannot create a file in '%s': %s", output,
				    writer->parent, g_strerror(saved));
			g_clear_pointer(&writer->temp, g_free);
			plan_cli_writer_abort(writer);
			return NULL;
		}
		writer->owned = TRUE;
		return writer;
	}
	writer->fd = plan_cli_output_fd(output);
	if (writer->fd >= 0) {
		/* stdio may hold bytes for this descriptor already */
		fflush(writer->fd == STDERR_FILENO ? stderr : stdout);
		writer->held = TRUE;
		return writer;
	}
	writer->fd = g_open(output, O_WRONLY | O_NOCTTY | O_CLOEXEC, 0);
	if (writer->fd < 0) {
		saved = errno;
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "cannot open '%s': %s", output,
			    g_strerror(saved));
		plan_cli_writer_free(writer);
		return NULL;
	}
	writer->owned = TRUE;
	return writer;
}

/* a write, fsync or rename failed with errno @saved: the message, worded for the output */
static gboolean
plan_cli_writer_fail(PlanCliWriter *writer, int saved, GError **error)
{
	writer->failed = TRUE;
	if (!writer->held)
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "cannot write '%s': %s",
			    writer->output, g_strerror(saved));
	else
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "cannot write to %s: %s",
			    writer->fd == STDOUT_FILENO ? "standard output" : writer->output,
			    g_strerror(saved));
	return FALSE;
}

/**
 * plan_cli_writer_write:
 * @data: (array length=length): the next bytes
 *
 * Returns: TRUE, or FALSE with @error set (PLAN_ERROR_FAILED); after a failure the writer
 * only aborts
 */
gboolean
plan_cli_writer_write(PlanCliWriter *writer, const char *data, gsize length, GError **error)
{
	g_return_val_if_fail(writer != NULL && !writer->failed, FALSE);
	g_return_val_if_fail(data != NULL || length == 0, FALSE);
	if (plan_cli_write_all(writer->fd, data, length))
		return TRUE;
	return plan_cli_writer_fail(writer, errno, error);
}

/**
 * plan_cli_writer_commit:
 *
 * Finishes and frees @writer: a temporary file is fsynced and renamed over its target (its
 * folder fsynced after), a device or FIFO closed. On failure nothing of a temporary file is
 * left and the target is as it was. Returns: TRUE, or FALSE with @error set
 */
gboolean
plan_cli_writer_commit(PlanCliWriter *writer, GError **error)
{
	int saved;
	int dir_fd;

	g_return_val_if_fail(writer != NULL, FALSE);
	if (writer->temp == NULL) {
		gboolean ok = TRUE;
		if (writer->owned && close(writer->fd) != 0) {
			writer->owned = FALSE;
			saved = errno;
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "cannot write '%s': %s",
				    writer->output, g_strerror(saved));
			ok = FALSE;
		}
		writer->owned = FALSE;
		plan_cli_writer_free(writer);
		return ok;
	}
	if (fchmod(writer->fd, writer->mode) != 0 || fsync(writer->fd) != 0) {
		plan_cli_writer_fail(writer, errno, error);
		plan_cli_writer_abort(writer);
		return FALSE;
	}
	writer->owned = FALSE;
	if (close(writer->fd) != 0 || g_rename(writer->temp, writer->target) != 0) {
		plan_cli_writer_fail(writer, errno, error);
		plan_cli_writer_abort(writer);
		return FALSE;
	}
	/* the rename itself reaches the disk with the folder; a failure here loses nothing */
	dir_fd = g_open(writer->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
	if (dir_fd >= 0) {
		fsync(dir_fd);
		close(dir_fd);
	}
	plan_cli_writer_free(writer);
	return TRUE;
}

/**
 * plan_cli_writer_abort:
 *
 * Frees @writer without finishing it: a temporary file is removed (the target stays as it
 * was), with the folders made for it that are still empty; a device or FIFO is closed.
 */
void
plan_cli_writer_abort(PlanCliWriter *writer)
{
	if (writer == NULL)
		return;
	if (writer->owned)
		close(writer->fd);
	if (writer->temp != NULL)
		g_unlink(writer->temp);
	if (writer->target != NULL)
		plan_cli_remove_created(writer->output, writer->created);
	plan_cli_writer_free(writer);
}

/**
 * plan_cli_write:
 * @output: (nullable): the file; NULL or "-" is standard output
 * @data: (array length=length): the bytes
 *
 * Writes @data to @output as the file's header describes: atomically over a regular file or a
 * new one (creating the folders above it that are missing, and removing them again when the
 * write fails), through to a device, a FIFO or an open descriptor. Returns: TRUE, or FALSE with
 * @error set (PLAN_ERROR_USAGE for a path plan_cli_check_output() refuses, else
 * PLAN_ERROR_FAILED)
 */
gboolean
plan_cli_write(const char *output, const char *data, gsize length, GError **error)
{
	PlanCliWriter *writer;

	g_return_val_if_fail(data != NULL || length == 0, FALSE);
	writer = plan_cli_writer_open(output, error);
	if (writer == NULL)
		return FALSE;
	if (!plan_cli_writer_write(writer, data, length, error)) {
		plan_cli_writer_abort(writer);
		return FALSE;
	}
	return plan_cli_writer_commit(writer, error);
}

/* a chart's gnuplot @script drawn into @chart_file: SVG, or PNG or PDF by its extension (the
 * same drawing through librsvg), written like any output; gnuplot must be installed (the
 * caller says what is skipped without it) */
gboolean
plan_cli_write_chart(const char *script, const char *chart_file, GError **error)
{
	g_autoptr(GBytes) svg = report_gnuplot_svg(script, REPORT_GNUPLOT_TIMEOUT_MS, error);
	g_autoptr(GBytes) picture = NULL;
	gsize length = 0;
	const char *data;

	if (svg == NULL) {
		g_prefix_error(error, "cannot draw '%s': ", chart_file);
		return FALSE;
	}
	picture = report_raster_convert(svg, report_raster_format_for_path(chart_file), error);
	if (picture == NULL) {
		g_prefix_error(error, "cannot draw '%s': ", chart_file);
		return FALSE;
	}
	data = g_bytes_get_data(picture, &length);
	return plan_cli_write(chart_file, data, length, error);
}
