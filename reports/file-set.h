/* ecsplan: a folder's worth of files rendered in memory, written all at once or not at all */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ReportFileSet ReportFileSet;

ReportFileSet *report_file_set_new(void) G_GNUC_WARN_UNUSED_RESULT;
void report_file_set_free(ReportFileSet *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ReportFileSet, report_file_set_free)

/* adds @name (a plain file name: no '/', not "." or "..") with @data (a new reference is
 * taken). Adding a name twice is a programming error */
void report_file_set_add(ReportFileSet *set, const char *name, GBytes *data);
/* the same, taking @text's bytes (the GString is freed) */
void report_file_set_add_string(ReportFileSet *set, const char *name, GString *text);
guint report_file_set_n_files(const ReportFileSet *set);
/* in the order added. Returns: (transfer none) */
const char *report_file_set_name(const ReportFileSet *set, guint index);
GBytes *report_file_set_data(const ReportFileSet *set, guint index);
/* Returns: (transfer none) (nullable) */
GBytes *report_file_set_lookup(const ReportFileSet *set, const char *name);

/* Writes every file into the folder @dir, replacing what was there, so that a reader sees the
 * old folder or the new one and a failure leaves the old one as it was:
 * 1. every file is written with g_file_set_contents() into a new folder made next to @dir
 *    (".NAME.new-XXXXXX", same parent, so the renames below stay on one file system);
 * 2. an existing @dir is renamed aside (".NAME.old-XXXXXX"), the new folder renamed to @dir,
 *    and only then is the old one deleted. If the second rename fails, the first is undone.
 * An existing @dir is replaced only when it is empty or holds nothing but files a report
 * writes (regular files named report.md, report.html, cost.json, timeseries.csv or *.svg),
 * so a mistyped -o cannot delete anything else; otherwise it fails before writing anything.
 * On failure the new folder is removed and @error is set (PLAN_ERROR_FAILED, naming the
 * file or folder). Returns: TRUE on success */
gboolean report_file_set_write_dir(const ReportFileSet *set, const char *dir, GError **error);

G_END_DECLS
