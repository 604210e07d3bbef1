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

/* Before any work: puts back what a run killed during the swap left beside @dir, then checks
 * that @dir may be replaced (missing, empty, or an ecsplan report holding only files its
 * manifest lists). PLAN_ERROR_USAGE (exit 2) when it may not; docs/report.md */
gboolean report_file_set_check_dir(const char *dir, GError **error);

/* Writes every file into the folder @dir, replacing what was there, so that a reader sees the
 * old folder or the new one, whole, even after a kill at any point:
 * 1. report_file_set_check_dir();
 * 2. a new folder ".NAME.new-XXXXXX" next to @dir (same file system) gets the manifest
 *    ".ecsplan-report" (every file's name), then every file, each fsynced;
 * 3. it is exchanged with @dir in one step (renameat2 RENAME_EXCHANGE), or, where the file
 *    system cannot, @dir is renamed aside to ".NAME.old-XXXXXX" and the new one renamed to @dir;
 * 4. the previous report is removed: the files its manifest lists, the manifest, the folder.
 * A failure before 3 removes the new folder and leaves @dir as it was (PLAN_ERROR_FAILED, or
 * PLAN_ERROR_USAGE from 1); a failure in 4 is PLAN_ERROR_FAILED naming what is left.
 * Returns: TRUE on success */
gboolean report_file_set_write_dir(const ReportFileSet *set, const char *dir, GError **error);

G_END_DECLS
