/* reading input files within documented limits (docs/limits.md, "Input files and streams") */
/* open() flags and realpath(): POSIX 2008 with XSI */
#define _XOPEN_SOURCE 700

#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plan-error.h"

const PlanInputKind plan_input_model = {"model", PLAN_INPUT_MODEL_MAX,
					"split it into smaller models"};
const PlanInputKind plan_input_model_or_plan = {
    "model", PLAN_INPUT_TERRAFORM_MAX,
    "split it into smaller models, or import a plan per module or workspace"};
const PlanInputKind plan_input_terraform = {
    "Terraform plan", PLAN_INPUT_TERRAFORM_MAX,
    "import a smaller plan (one per module or workspace)"};
const PlanInputKind plan_input_prices = {"price book", PLAN_INPUT_PRICES_MAX,
					 "keep only the regions and prices the models use"};
const PlanInputKind plan_input_csv = {
    "load profile", PLAN_INPUT_CSV_MAX,
    "resample it to fewer rows (one a minute is as fine as the simulator sees)"};

static char *
input_size_text(guint64 bytes)
{
	if (bytes >= PLAN_INPUT_MIB)
		return g_strdup_printf("%.1f MiB", (double)bytes / (double)PLAN_INPUT_MIB);
	return g_strdup_printf("%" G_GUINT64_FORMAT " bytes", bytes);
}

static void
input_limit_error(const char *path, const PlanInputKind *kind, guint64 size, gboolean known,
		  GError **error)
{
	g_autofree char *size_text = input_size_text(size);

	if (known)
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_LIMIT,
			    "cannot read the %s '%s': it is %s, over the limit of %" G_GSIZE_FORMAT
			    " MiB for a %s (docs/limits.md); %s",
			    kind->what, path, size_text, kind->max_bytes / PLAN_INPUT_MIB,
			    kind->what, kind->fix);
	else
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_LIMIT,
			    "cannot read the %s '%s': it holds more than %" G_GSIZE_FORMAT
			    " MiB, the limit for a %s (docs/limits.md); %s",
			    kind->what, path, kind->max_bytes / PLAN_INPUT_MIB, kind->what,
			    kind->fix);
}

static void
input_io_error(const char *path, const PlanInputKind *kind, int saved_errno, GError **error)
{
	g_set_error(error, PLAN_ERROR, PLAN_ERROR_IO, "cannot read the %s '%s': %s", kind->what,
		    path, g_strerror(saved_errno));
}

/* reads from @fd until the end or @cap bytes; -1 with errno on a read error */
static gssize
input_read_all(int fd, char **buffer, gsize *allocated, gsize have, gsize cap)
{
	while (have < cap) {
		gssize n;
		if (have + 1 >= *allocated) {
			gsize grown = MIN(MAX(*allocated * 2, (gsize)65536), cap + 1);
			*buffer = g_realloc(*buffer, grown);
			*allocated = grown;
		}
		n = read(fd, *buffer + have, MIN(*allocated - 1 - have, cap - have));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		have += (gsize)n;
	}
	return (gssize)have;
}

gboolean
plan_input_read(const char *path, const PlanInputKind *kind, char **data, gsize *length,
		GError **error)
{
	g_autofree char *buffer = NULL;
	gsize allocated = 0;
	gsize have = 0;
	gssize total;
	struct stat info;
	int fd;
	int saved_errno;

	g_return_val_if_fail(path != NULL && kind != NULL, FALSE);
	g_return_val_if_fail(data != NULL && length != NULL, FALSE);

	/* O_NONBLOCK: opening a FIFO does not wait for a writer */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		input_io_error(path, kind, errno, error);
		return FALSE;
	}
	if (fstat(fd, &info) != 0) {
		saved_errno = errno;
		close(fd);
		input_io_error(path, kind, saved_errno, error);
		return FALSE;
	}
	if (S_ISDIR(info.st_mode)) {
		close(fd);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_IO,
			    "cannot read the %s '%s': it is a folder; give a file", kind->what, path);
		return FALSE;
	}
	if (S_ISREG(info.st_mode) && (guint64)info.st_size > kind->max_bytes) {
		close(fd);
		input_limit_error(path, kind, (guint64)info.st_size, TRUE, error);
		return FALSE;
	}
	if (S_ISREG(info.st_mode)) {
		allocated = (gsize)info.st_size + 1;
		buffer = g_malloc(allocated);
	} else if (S_ISFIFO(info.st_mode)) {
		/* an empty FIFO reads as the end when no process has it open for writing, and
		 * fails with EAGAIN when one has: wait only for a writer that exists */
		gssize n;
		allocated = 65536;
		buffer = g_malloc(allocated);
		do
			n = read(fd, buffer, allocated - 1);
		while (n < 0 && errno == EINTR);
		if (n == 0) {
			close(fd);
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_IO,
				    "cannot read the %s '%s': it is a FIFO that no process writes "
				    "to; start the writer first, or give a regular file",
				    kind->what, path);
			return FALSE;
		}
		if (n < 0 && errno != EAGAIN) {
			saved_errno = errno;
			close(fd);
			input_io_error(path, kind, saved_errno, error);
			return FALSE;
		}
		have = n > 0 ? (gsize)n : 0;
	}
	/* from here reads wait for data */
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0) {
		saved_errno = errno;
		close(fd);
		input_io_error(path, kind, saved_errno, error);
		return FALSE;
	}
	/* one byte past the limit tells a source over it (a file that grew, a device) */
	total = input_read_all(fd, &buffer, &allocated, have, kind->max_bytes + 1);
	saved_errno = errno;
	close(fd);
	if (total < 0) {
		input_io_error(path, kind, saved_errno, error);
		return FALSE;
	}
	if ((gsize)total > kind->max_bytes) {
		input_limit_error(path, kind, (guint64)total, FALSE, error);
		return FALSE;
	}
	if (buffer == NULL)
		buffer = g_malloc(1);
	buffer[total] = '\0';
	*length = (gsize)total;
	*data = g_steal_pointer(&buffer);
	return TRUE;
}

gboolean
plan_input_check_length(const char *path, const PlanInputKind *kind, gsize length, GError **error)
{
	if (length <= kind->max_bytes)
		return TRUE;
	input_limit_error(path, kind, length, TRUE, error);
	return FALSE;
}

char *
plan_input_resolve_inside(const char *base_dir, const char *file, gboolean allow_outside,
			  const char *what, GError **error)
{
	g_autofree char *shown = NULL;
	g_autofree char *joined = NULL;
	g_autofree char *real_base = NULL;
	g_autofree char *real_file = NULL;
	const char *base = base_dir != NULL ? base_dir : ".";
	gsize base_length;

	g_return_val_if_fail(file != NULL && what != NULL, NULL);
	if (g_path_is_absolute(file) || base_dir == NULL)
		joined = g_strdup(file);
	else
		joined = g_build_filename(base_dir, file, NULL);
	if (allow_outside)
		return g_steal_pointer(&joined);

	shown = plan_text_excerpt(file, -1);
	if (g_path_is_absolute(file)) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s '%s' is an absolute path; a model reads files only from its own "
			    "folder: give a path relative to it, or pass --allow-outside-files "
			    "to read it anyway",
			    what, shown);
		return NULL;
	}
	real_base = realpath(base, NULL);
	if (real_base == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_IO, "cannot read the folder '%s': %s", base,
			    g_strerror(errno));
		return NULL;
	}
	real_file = realpath(joined, NULL);
	if (real_file == NULL) {
		int saved_errno = errno;
		/* say nothing about a file outside, not even whether it exists: the same message as
		 * for one that does */
		if (strstr(file, "..") != NULL) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
				    "%s '%s' leads outside the model's folder (through '..' or a "
				    "symbolic link); a model reads files only from its own folder: "
				    "move the file beside the model, or pass --allow-outside-files "
				    "to read it anyway",
				    what, shown);
			return NULL;
		}
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_IO, "cannot read the %s '%s': %s", what,
			    shown, g_strerror(saved_errno));
		return NULL;
	}
	base_length = strlen(real_base);
	/* the folder itself, or a name under it ("/" holds everything) */
	if (!(strncmp(real_file, real_base, base_length) == 0 &&
	      (real_file[base_length] == '/' || strcmp(real_base, "/") == 0) &&
	      strcmp(real_file, real_base) != 0)) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s '%s' leads outside the model's folder (through '..' or a symbolic "
			    "link); a model reads files only from its own folder: move the file "
			    "beside the model, or pass --allow-outside-files to read it anyway",
			    what, shown);
		return NULL;
	}
	return g_steal_pointer(&real_file);
}

/* characters that change how a terminal shows the text after them */
static gboolean
excerpt_is_hidden(gunichar c)
{
	return c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0x200b && c <= 0x200f) ||
	       (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0xfeff;
}

char *
plan_text_excerpt(const char *text, gssize length)
{
	GString *out = g_string_new(NULL);
	gsize size;
	gsize at = 0;
	guint shown = 0;

	g_return_val_if_fail(text != NULL || length <= 0, g_strdup(""));
	if (text == NULL)
		return g_string_free(out, FALSE);
	size = length < 0 ? strlen(text) : (gsize)length;
	while (at < size && shown < PLAN_TEXT_EXCERPT_MAX) {
		gunichar c = g_utf8_get_char_validated(text + at, (gssize)(size - at));
		if (c == (gunichar)-1 || c == (gunichar)-2) {
			g_string_append_printf(out, "\\x%02x", (guchar)text[at]);
			at++;
		} else {
			gsize next = (gsize)(g_utf8_next_char(text + at) - text);
			if (c == '\n')
				g_string_append(out, "\\n");
			else if (c == '\t')
				g_string_append(out, "\\t");
			else if (c == '\r')
				g_string_append(out, "\\r");
			else if (c < 0x80 && excerpt_is_hidden(c))
				g_string_append_printf(out, "\\x%02x", (guint)c);
			else if (excerpt_is_hidden(c))
				g_string_append_printf(out, "\\u{%04x}", (guint)c);
			else
				g_string_append_len(out, text + at, (gssize)(next - at));
			at = next;
		}
		shown++;
	}
	if (at < size)
		g_string_append_printf(out, "... (%" G_GSIZE_FORMAT " bytes)", size);
	return g_string_free(out, FALSE);
}
