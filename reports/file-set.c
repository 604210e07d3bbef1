/* renameat2 (RENAME_EXCHANGE), O_CLOEXEC and O_DIRECTORY are Linux and POSIX, not C17 */
#define _GNU_SOURCE

#include "file-set.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plan-error.h"

typedef struct {
	char *name;
	GBytes *data;
} ReportFile;

struct _ReportFileSet {
	GArray *files; /* ReportFile */
};

static void
report_file_clear(ReportFile *file)
{
	g_clear_pointer(&file->name, g_free);
	g_clear_pointer(&file->data, g_bytes_unref);
}

ReportFileSet *
report_file_set_new(void)
{
	ReportFileSet *set = g_new0(ReportFileSet, 1);

	set->files = g_array_new(FALSE, TRUE, sizeof(ReportFile));
	g_array_set_clear_func(set->files, (GDestroyNotify)report_file_clear);
	return set;
}

void
report_file_set_free(ReportFileSet *set)
{
	if (set == NULL)
		return;
	g_array_unref(set->files);
	g_free(set);
}

static gboolean
report_file_name_ok(const char *name)
{
	return name[0] != '\0' && strchr(name, '/') == NULL && strcmp(name, ".") != 0 &&
	       strcmp(name, "..") != 0;
}

void
report_file_set_add(ReportFileSet *set, const char *name, GBytes *data)
{
	ReportFile file;

	g_return_if_fail(set != NULL && name != NULL && data != NULL);
	g_return_if_fail(report_file_name_ok(name));
	g_return_if_fail(report_file_set_lookup(set, name) == NULL);
	file.name = g_strdup(name);
	file.data = g_bytes_ref(data);
	g_array_append_val(set->files, file);
}

void
report_file_set_add_string(ReportFileSet *set, const char *name, GString *text)
{
	g_autoptr(GBytes) data = g_string_free_to_bytes(text);
	report_file_set_add(set, name, data);
}

guint
report_file_set_n_files(const ReportFileSet *set)
{
	return set->files->len;
}

const char *
report_file_set_name(const ReportFileSet *set, guint index)
{
	g_return_val_if_fail(index < set->files->len, NULL);
	return g_array_index(set->files, ReportFile, index).name;
}

GBytes *
report_file_set_data(const ReportFileSet *set, guint index)
{
	g_return_val_if_fail(index < set->files->len, NULL);
	return g_array_index(set->files, ReportFile, index).data;
}

GBytes *
report_file_set_lookup(const ReportFileSet *set, const char *name)
{
	for (guint i = 0; i < set->files->len; i++) {
		const ReportFile *file = &g_array_index(set->files, ReportFile, i);
		if (strcmp(file->name, name) == 0)
			return file->data;
	}
	return NULL;
}

/* ---- writing ----------------------------------------------------------------------------------
 *
 * The folder holds a manifest, REPORT_FILE_SET_MANIFEST, naming every file ecsplan wrote into
 * it. Only a folder with a manifest (or an empty one) is replaced, and only the files its
 * manifest names are ever deleted: a file of the user's beside a report makes the write fail
 * before anything changes, it is never removed. docs/report.md, "Writing the folder". */

#define REPORT_FILE_SET_MANIFEST ".ecsplan-report"
#define REPORT_FILE_SET_MANIFEST_HEADER                                                            \
	"# ecsplan report: the files ecsplan wrote into this folder, one a line. ecsplan\n"        \
	"# replaces or deletes the folder only when this file is here, and deletes only the\n"     \
	"# files named below.\n"

/* test hooks, read only when set (tests/hostile/output.sh): ECSPLAN_TEST_KILL_AT=STEP kills
 * the process at STEP, as a power cut or `kill -9` would; ECSPLAN_TEST_FAIL_AT=STEP makes STEP
 * fail with EACCES, as a read-only folder would for a user who is not root */
static void
report_file_set_step(const char *step)
{
	const char *kill_at = g_getenv("ECSPLAN_TEST_KILL_AT");

	if (kill_at != NULL && strcmp(kill_at, step) == 0)
		raise(SIGKILL);
}

static gboolean
report_file_set_fail_at(const char *step)
{
	const char *fail_at = g_getenv("ECSPLAN_TEST_FAIL_AT");

	if (fail_at != NULL && strcmp(fail_at, step) == 0) {
		errno = EACCES;
		return TRUE;
	}
	return FALSE;
}

/* all of @data into a new file @path (never an existing one), on disk before it returns;
 * errno set on failure, and the file is then removed */
static gboolean
report_file_set_write_file(const char *path, const char *data, gsize length)
{
	int fd = g_open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	int saved;

	if (fd < 0)
		return FALSE;
	while (length > 0) {
		gssize written = write(fd, data, MIN(length, (gsize)G_MAXSSIZE));
		if (written < 0 && errno == EINTR)
			continue;
		if (written < 0) {
			saved = errno;
			close(fd);
			g_unlink(path);
			errno = saved;
			return FALSE;
		}
		data += written;
		length -= (gsize)written;
	}
	if (fsync(fd) != 0) {
		saved = errno;
		close(fd);
		g_unlink(path);
		errno = saved;
		return FALSE;
	}
	if (close(fd) != 0) {
		saved = errno;
		g_unlink(path);
		errno = saved;
		return FALSE;
	}
	return TRUE;
}

/* a rename reaches the disk with its folder; a failure here loses nothing written */
static void
report_file_set_sync_dir(const char *dir)
{
	int fd = g_open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* the names the manifest of @dir lists (without the manifest itself), or NULL when @dir has
 * no manifest. A line that is not a plain file name makes the manifest unreadable (@error) */
static GPtrArray *
report_file_set_manifest_read(const char *dir, const char *shown, gboolean *present, GError **error)
{
	g_autofree char *path = g_build_filename(dir, REPORT_FILE_SET_MANIFEST, NULL);
	g_autofree char *text = NULL;
	g_autoptr(GError) local_error = NULL;
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	g_auto(GStrv) lines = NULL;

	*present = FALSE;
	if (!g_file_get_contents(path, &text, NULL, &local_error)) {
		if (g_error_matches(local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
			return g_steal_pointer(&names);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "cannot read '%s/%s': %s", shown,
			    REPORT_FILE_SET_MANIFEST, local_error->message);
		return NULL;
	}
	*present = TRUE;
	lines = g_strsplit(text, "\n", -1);
	for (guint i = 0; lines[i] != NULL; i++) {
		if (lines[i][0] == '\0' || lines[i][0] == '#' ||
		    strcmp(lines[i], REPORT_FILE_SET_MANIFEST) == 0)
			continue;
		if (!report_file_name_ok(lines[i])) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
				    "'%s/%s' is not an ecsplan manifest (line %u); remove the "
				    "folder by hand or pick a new one",
				    shown, REPORT_FILE_SET_MANIFEST, i + 1);
			return NULL;
		}
		g_ptr_array_add(names, g_strdup(lines[i]));
	}
	return g_steal_pointer(&names);
}

static gboolean
report_file_set_listed(GPtrArray *names, const char *name)
{
	for (guint i = 0; i < names->len; i++) {
		if (strcmp(g_ptr_array_index(names, i), name) == 0)
			return TRUE;
	}
	return FALSE;
}

/* deletes the files @dir's manifest lists, then the manifest, then @dir; a file it does not
 * list stays, and @dir with it (@error then names it). A folder without a manifest is only
 * removed when empty */
static gboolean
report_file_set_remove_listed(const char *dir, GError **error)
{
	g_autoptr(GPtrArray) names = NULL;
	g_autofree char *manifest = g_build_filename(dir, REPORT_FILE_SET_MANIFEST, NULL);
	gboolean present = FALSE;
	int saved;

	names = report_file_set_manifest_read(dir, dir, &present, error);
	if (names == NULL)
		return FALSE;
	for (guint i = 0; i < names->len; i++) {
		g_autofree char *path = g_build_filename(dir, g_ptr_array_index(names, i), NULL);
		if (report_file_set_fail_at("remove-old") ||
		    (g_unlink(path) != 0 && errno != ENOENT && errno != ENAMETOOLONG)) {
			saved = errno;
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "cannot remove '%s': %s",
				    path, g_strerror(saved));
			return FALSE;
		}
		if (i == 0)
			report_file_set_step("during-old-removal");
	}
	/* the manifest goes last: a folder cut short here is still recognised as ours */
	if ((present && g_unlink(manifest) != 0 && errno != ENOENT) || g_rmdir(dir) != 0) {
		saved = errno;
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "cannot remove '%s': %s", dir,
			    g_strerror(saved));
		return FALSE;
	}
	return TRUE;
}

/* TRUE when @name is ".BASE.TAG-XXXXXX", a folder report_file_set_sibling() makes */
static gboolean
report_file_set_is_sibling(const char *name, const char *base, const char *tag)
{
	g_autofree char *prefix = g_strdup_printf(".%s.%s-", base, tag);
	const char *rest;

	if (!g_str_has_prefix(name, prefix))
		return FALSE;
	rest = name + strlen(prefix);
	if (strlen(rest) != 6)
		return FALSE;
	for (const char *p = rest; *p != '\0'; p++) {
		if (!g_ascii_isalnum(*p))
			return FALSE;
	}
	return TRUE;
}

static gint
report_file_set_compare_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* a run killed during the swap leaves ".DIR.new-*" and ".DIR.old-*" beside @dir: when @dir is
 * missing, the old report is put back (it was whole: the new one may not be), then every such
 * folder is removed, files its manifest lists only */
static gboolean
report_file_set_recover(const char *dir, const char *shown, GError **error)
{
	g_autofree char *parent = g_path_get_dirname(dir);
	g_autofree char *base = g_path_get_basename(dir);
	g_autoptr(GDir) handle = g_dir_open(parent, 0, NULL);
	g_autoptr(GPtrArray) leftovers = g_ptr_array_new_with_free_func(g_free);
	GStatBuf info;
	const char *name;
	gboolean missing = g_lstat(dir, &info) != 0 && errno == ENOENT;

	/* an unreadable parent fails later, with a clearer message */
	if (handle == NULL)
		return TRUE;
	while ((name = g_dir_read_name(handle)) != NULL) {
		if (report_file_set_is_sibling(name, base, "new") ||
		    report_file_set_is_sibling(name, base, "old"))
			g_ptr_array_add(leftovers, g_strdup(name));
	}
	/* sorted, so that which old copy comes back does not depend on the folder's order */
	g_ptr_array_sort(leftovers, report_file_set_compare_names);
	for (guint i = 0; i < leftovers->len && missing; i++) {
		const char *leftover = g_ptr_array_index(leftovers, i);
		g_autofree char *path = g_build_filename(parent, leftover, NULL);
		if (!report_file_set_is_sibling(leftover, base, "old"))
			continue;
		if (g_rename(path, dir) != 0) {
			int saved = errno;
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED,
				    "cannot put the previous report '%s' back as '%s': %s; rename "
				    "it by hand",
				    path, shown, g_strerror(saved));
			return FALSE;
		}
		report_file_set_sync_dir(parent);
		g_ptr_array_remove_index(leftovers, i);
		missing = FALSE;
	}
	for (guint i = 0; i < leftovers->len; i++) {
		g_autofree char *path =
		    g_build_filename(parent, g_ptr_array_index(leftovers, i), NULL);
		if (!report_file_set_remove_listed(path, error)) {
			g_prefix_error(error, "a killed run left '%s' behind: ", path);
			return FALSE;
		}
	}
	return TRUE;
}

/* TRUE when @dir may be replaced: missing, empty, or holding its manifest and only regular
 * files the manifest lists, in a folder ecsplan may write */
static gboolean
report_file_set_replaceable(const char *dir, const char *shown, GError **error)
{
	g_autoptr(GError) local_error = NULL;
	g_autoptr(GDir) handle = NULL;
	g_autoptr(GPtrArray) names = NULL;
	g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func(g_free);
	g_autofree char *parent = g_path_get_dirname(dir);
	gboolean present = FALSE;
	GStatBuf info;
	const char *name;

	if (g_access(parent, W_OK) != 0) {
		int saved = errno;
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "cannot write '%s': the folder '%s': %s", shown, parent,
			    g_strerror(saved));
		return FALSE;
	}
	if (g_lstat(dir, &info) != 0)
		return TRUE;
	if (!S_ISDIR(info.st_mode)) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "'%s' exists and is not a folder (a symbolic link is not replaced); "
			    "pick a new folder",
			    shown);
		return FALSE;
	}
	handle = g_dir_open(dir, 0, &local_error);
	if (handle == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE, "cannot read the folder '%s': %s",
			    shown, local_error->message);
		return FALSE;
	}
	while ((name = g_dir_read_name(handle)) != NULL)
		g_ptr_array_add(found, g_strdup(name));
	if (found->len == 0)
		return TRUE;
	names = report_file_set_manifest_read(dir, shown, &present, error);
	if (names == NULL)
		return FALSE;
	if (!present) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "'%s' exists and is not an ecsplan report (it has no %s); pick a new "
			    "folder or remove it",
			    shown, REPORT_FILE_SET_MANIFEST);
		return FALSE;
	}
	g_ptr_array_sort(found, report_file_set_compare_names);
	for (guint i = 0; i < found->len; i++) {
		const char *entry = g_ptr_array_index(found, i);
		g_autofree char *path = g_build_filename(dir, entry, NULL);
		if (strcmp(entry, REPORT_FILE_SET_MANIFEST) == 0)
			continue;
		if (!report_file_set_listed(names, entry) || g_lstat(path, &info) != 0 ||
		    !S_ISREG(info.st_mode)) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
				    "'%s' holds '%s', which ecsplan did not write; move it out or "
				    "pick a new folder",
				    shown, entry);
			return FALSE;
		}
	}
	if (g_access(dir, W_OK) != 0) {
		int saved = errno;
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "cannot replace '%s': %s; make it writable or pick a new folder", shown,
			    g_strerror(saved));
		return FALSE;
	}
	return TRUE;
}

/* a new empty folder next to @dir: PARENT/.BASE.TAG-XXXXXX. Returns: (transfer full) */
static char *
report_file_set_sibling(const char *dir, const char *shown, const char *tag, GError **error)
{
	g_autofree char *parent = g_path_get_dirname(dir);
	g_autofree char *base = g_path_get_basename(dir);
	g_autofree char *template = g_strdup_printf(".%s.%s-XXXXXX", base, tag);
	char *path = g_build_filename(parent, template, NULL);

	if (g_mkdtemp_full(path, 0755) == NULL) {
		int saved = errno;
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED,
			    "cannot create a folder next to '%s': %s", shown, g_strerror(saved));
		g_free(path);
		return NULL;
	}
	return path;
}

static GString *
report_file_set_manifest(const ReportFileSet *set)
{
	GString *text = g_string_new(REPORT_FILE_SET_MANIFEST_HEADER);

	for (guint i = 0; i < set->files->len; i++)
		g_string_append_printf(text, "%s\n", g_array_index(set->files, ReportFile, i).name);
	return text;
}

/* the manifest first, so that a folder cut short by a kill is still recognised and removed by
 * the next run; then every file */
static gboolean
report_file_set_fill(const ReportFileSet *set, const char *folder, const char *shown,
		     GError **error)
{
	g_autoptr(GString) manifest = report_file_set_manifest(set);
	g_autofree char *manifest_path = g_build_filename(folder, REPORT_FILE_SET_MANIFEST, NULL);

	if (!report_file_set_write_file(manifest_path, manifest->str, manifest->len)) {
		int saved = errno;
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "cannot write '%s' of '%s': %s",
			    REPORT_FILE_SET_MANIFEST, shown, g_strerror(saved));
		return FALSE;
	}
	report_file_set_step("after-manifest");
	for (guint i = 0; i < set->files->len; i++) {
		const ReportFile *file = &g_array_index(set->files, ReportFile, i);
		g_autofree char *path = g_build_filename(folder, file->name, NULL);
		gsize length = 0;
		const char *data = g_bytes_get_data(file->data, &length);

		if (!report_file_set_write_file(path, data != NULL ? data : "", length)) {
			int saved = errno;
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED,
				    "cannot write '%s' of '%s': %s", file->name, shown,
				    g_strerror(saved));
			return FALSE;
		}
	}
	report_file_set_sync_dir(folder);
	return TRUE;
}

/* swaps @fresh and @dir in one step; FALSE with errno set when the kernel or the file system
 * cannot (EINVAL, ENOSYS) or ECSPLAN_TEST_NO_EXCHANGE is set */
static gboolean
report_file_set_exchange(const char *fresh, const char *dir)
{
	if (g_getenv("ECSPLAN_TEST_NO_EXCHANGE") != NULL) {
		errno = ENOSYS;
		return FALSE;
	}
	return renameat2(AT_FDCWD, fresh, AT_FDCWD, dir, RENAME_EXCHANGE) == 0;
}

/* the new folder becomes @dir. Returns: (transfer full) the folder now holding the previous
 * report, to be removed, or "" when there was none; NULL with @error set, @dir untouched */
static char *
report_file_set_swap(const char *fresh, const char *dir, const char *shown, GError **error)
{
	g_autofree char *old = NULL;
	GStatBuf info;
	int saved;

	if (g_lstat(dir, &info) != 0) {
		if (g_rename(fresh, dir) != 0) {
			saved = errno;
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED,
				    "cannot rename '%s' to '%s': %s", fresh, shown,
				    g_strerror(saved));
			return NULL;
		}
		report_file_set_step("after-rename");
		return g_strdup("");
	}
	if (report_file_set_exchange(fresh, dir)) {
		/* one atomic step: @dir is the new report, @fresh the old one */
		report_file_set_step("after-exchange");
		return g_strdup(fresh);
	}
	saved = errno;
	if (saved != EINVAL && saved != ENOSYS && saved != ENOTSUP) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "cannot replace '%s': %s", shown,
			    g_strerror(saved));
		return NULL;
	}
	/* two renames: between them @dir is missing, and the next run puts the old one back
	 * (report_file_set_recover) */
	old = report_file_set_sibling(dir, shown, "old", error);
	if (old == NULL)
		return NULL;
	if (g_rename(dir, old) != 0) {
		saved = errno;
		g_rmdir(old);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "cannot move '%s' aside: %s",
			    shown, g_strerror(saved));
		return NULL;
	}
	report_file_set_step("after-first-rename");
	if (g_rename(fresh, dir) != 0) {
		saved = errno;
		if (g_rename(old, dir) != 0) {
			int undo = errno;
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED,
				    "cannot rename '%s' to '%s': %s, nor put the previous report "
				    "back from '%s': %s; the next run puts it back",
				    fresh, shown, g_strerror(saved), old, g_strerror(undo));
			return NULL;
		}
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "cannot rename '%s' to '%s': %s",
			    fresh, shown, g_strerror(saved));
		return NULL;
	}
	report_file_set_step("after-second-rename");
	return g_steal_pointer(&old);
}

/**
 * report_file_set_check_dir:
 * @dir: the folder report_file_set_write_dir() is to write
 *
 * First finishes what a killed run left beside @dir (puts the previous report back when @dir
 * is missing, removes ".DIR.new-*" and ".DIR.old-*" folders, files their manifest lists only),
 * then checks that @dir may be replaced: missing, empty, or an ecsplan report with nothing
 * of anyone else's in it, in a folder ecsplan may write. Called before a command does its work.
 * Returns: TRUE, or FALSE with @error set: PLAN_ERROR_USAGE when @dir is not ours to replace,
 * PLAN_ERROR_FAILED when the recovery failed
 */
gboolean
report_file_set_check_dir(const char *dir, GError **error)
{
	g_autofree char *path = NULL;

	g_return_val_if_fail(dir != NULL, FALSE);
	g_return_val_if_fail(error == NULL || *error == NULL, FALSE);

	/* absolute, without "." or a trailing '/': "out/" has to be renamed as "out", and the
	 * new folder must be made next to it, not inside */
	if (dir[0] == '\0') {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "the report folder name is empty; give a folder name with -o");
		return FALSE;
	}
	path = g_canonicalize_filename(dir, NULL);
	if (strcmp(path, "/") == 0) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "cannot replace '%s'; pick a new folder", dir);
		return FALSE;
	}
	if (!report_file_set_recover(path, dir, error))
		return FALSE;
	return report_file_set_replaceable(path, dir, error);
}

/**
 * report_file_set_write_dir:
 * @set: (transfer none): the files
 * @dir: the folder to write; created or replaced
 * Returns: TRUE, or FALSE with @error set and @dir as it was (or, when only removing the
 * previous report failed, @dir written and the error naming what is left)
 */
gboolean
report_file_set_write_dir(const ReportFileSet *set, const char *dir, GError **error)
{
	g_autofree char *path = NULL;
	g_autofree char *parent = NULL;
	g_autofree char *fresh = NULL;
	g_autofree char *old = NULL;
	g_autoptr(GError) cleanup_error = NULL;

	g_return_val_if_fail(set != NULL && dir != NULL, FALSE);
	g_return_val_if_fail(error == NULL || *error == NULL, FALSE);

	if (!report_file_set_check_dir(dir, error))
		return FALSE;
	path = g_canonicalize_filename(dir, NULL);
	parent = g_path_get_dirname(path);
	fresh = report_file_set_sibling(path, dir, "new", error);
	if (fresh == NULL)
		return FALSE;
	report_file_set_step("after-new-dir");
	if (!report_file_set_fill(set, fresh, dir, error)) {
		report_file_set_remove_listed(fresh, NULL);
		return FALSE;
	}
	report_file_set_step("after-new-written");
	old = report_file_set_swap(fresh, path, dir, error);
	if (old == NULL) {
		report_file_set_remove_listed(fresh, NULL);
		return FALSE;
	}
	report_file_set_sync_dir(parent);
	if (old[0] != '\0' && !report_file_set_remove_listed(old, &cleanup_error)) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED,
			    "wrote '%s', but cannot remove the previous report: %s; remove '%s' "
			    "by hand (the next run tries again)",
			    dir, cleanup_error->message, old);
		return FALSE;
	}
	return TRUE;
}
