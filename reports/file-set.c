#include "file-set.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

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

/* ---- writing --------------------------------------------------------------------------------- */

/* the names a report writes; a folder holding anything else is not ours to replace */
static gboolean
report_file_set_ours(const char *name)
{
	return strcmp(name, "report.md") == 0 || strcmp(name, "report.html") == 0 ||
	       strcmp(name, "cost.json") == 0 || strcmp(name, "timeseries.csv") == 0 ||
	       (g_str_has_suffix(name, ".svg") && name[0] != '.');
}

/* deletes @dir and the files in it (no subfolders: neither folder ever has any) */
static void
report_file_set_remove_dir(const char *dir)
{
	g_autoptr(GDir) handle = g_dir_open(dir, 0, NULL);
	const char *name;

	while (handle != NULL && (name = g_dir_read_name(handle)) != NULL) {
		g_autofree char *path = g_build_filename(dir, name, NULL);
		g_unlink(path);
	}
	g_rmdir(dir);
}

/* TRUE when @dir may be replaced: it holds only regular files a report writes */
static gboolean
report_file_set_replaceable(const char *dir, const char *shown, GError **error)
{
	g_autoptr(GError) local_error = NULL;
	g_autoptr(GDir) handle = g_dir_open(dir, 0, &local_error);
	const char *name;

	if (handle == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "cannot read the folder '%s': %s",
			    shown, local_error->message);
		return FALSE;
	}
	while ((name = g_dir_read_name(handle)) != NULL) {
		g_autofree char *path = g_build_filename(dir, name, NULL);
		if (!report_file_set_ours(name) || !g_file_test(path, G_FILE_TEST_IS_REGULAR) ||
		    g_file_test(path, G_FILE_TEST_IS_SYMLINK)) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED,
				    "'%s' holds '%s', which is not part of an ecsplan report; "
				    "remove it or choose another folder with -o",
				    shown, name);
			return FALSE;
		}
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

static gboolean
report_file_set_fill(const ReportFileSet *set, const char *folder, const char *dir, GError **error)
{
	for (guint i = 0; i < set->files->len; i++) {
		const ReportFile *file = &g_array_index(set->files, ReportFile, i);
		g_autofree char *path = g_build_filename(folder, file->name, NULL);
		g_autoptr(GError) local_error = NULL;
		gsize length = 0;
		const char *data = g_bytes_get_data(file->data, &length);

		if (!g_file_set_contents_full(path, data, (gssize)length,
					      G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local_error)) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED,
				    "cannot write '%s' of '%s': %s", file->name, dir,
				    local_error->message);
			return FALSE;
		}
	}
	return TRUE;
}

/* renames the new folder to @dir, moving an existing @dir aside first and deleting it after */
static gboolean
report_file_set_swap(const char *fresh, const char *dir, const char *shown, GError **error)
{
	g_autofree char *old = NULL;
	int saved;

	if (g_file_test(dir, G_FILE_TEST_EXISTS)) {
		/* a fresh empty folder to rename onto: rename() replaces an empty folder */
		old = report_file_set_sibling(dir, shown, "old", error);
		if (old == NULL)
			return FALSE;
		if (g_rename(dir, old) != 0) {
			saved = errno;
			g_rmdir(old);
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED,
				    "cannot move '%s' aside: %s", shown, g_strerror(saved));
			return FALSE;
		}
	}
	if (g_rename(fresh, dir) != 0) {
		saved = errno;
		if (old != NULL)
			g_rename(old, dir);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "cannot rename '%s' to '%s': %s",
			    fresh, shown, g_strerror(saved));
		return FALSE;
	}
	if (old != NULL)
		report_file_set_remove_dir(old);
	return TRUE;
}

/**
 * report_file_set_write_dir:
 * @set: (transfer none): the files
 * @dir: the folder to write; created or replaced
 * Returns: TRUE, or FALSE with @error set and @dir as it was
 */
gboolean
report_file_set_write_dir(const ReportFileSet *set, const char *dir, GError **error)
{
	g_autofree char *path = NULL;
	g_autofree char *fresh = NULL;

	g_return_val_if_fail(set != NULL && dir != NULL, FALSE);
	g_return_val_if_fail(error == NULL || *error == NULL, FALSE);

	/* absolute, without "." or a trailing '/': "out/" has to be renamed as "out", and the
	 * new folder must be made next to it, not inside */
	path = g_canonicalize_filename(dir, NULL);
	if (strcmp(path, "/") == 0) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "cannot replace '%s'", dir);
		return FALSE;
	}
	if (g_file_test(path, G_FILE_TEST_EXISTS)) {
		if (!g_file_test(path, G_FILE_TEST_IS_DIR) ||
		    g_file_test(path, G_FILE_TEST_IS_SYMLINK)) {
			g_set_error(
			    error, PLAN_ERROR, PLAN_ERROR_FAILED,
			    "'%s' exists and is not a folder (a symbolic link is not replaced)",
			    dir);
			return FALSE;
		}
		if (!report_file_set_replaceable(path, dir, error))
			return FALSE;
	}
	fresh = report_file_set_sibling(path, dir, "new", error);
	if (fresh == NULL)
		return FALSE;
	if (!report_file_set_fill(set, fresh, dir, error) ||
	    !report_file_set_swap(fresh, path, dir, error)) {
		report_file_set_remove_dir(fresh);
		return FALSE;
	}
	return TRUE;
}
