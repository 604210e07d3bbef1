/* ecsplan: reading input files within documented limits (docs/limits.md, "Input files and
 * streams"): one bounded reader for models, Terraform plans, price books and load-profile CSVs,
 * the confinement of a model's load.file to the model's folder, and short sanitised excerpts
 * of input text for error messages */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PLAN_INPUT_MIB ((gsize)1024 * 1024)
/* the largest file of each kind ecsplan reads */
/* the loader's own limit, PLAN_MODEL_MAX_BYTES (loader.h): a million subnets fit */
#define PLAN_INPUT_MODEL_MAX (256 * PLAN_INPUT_MIB)
#define PLAN_INPUT_TERRAFORM_MAX (256 * PLAN_INPUT_MIB)
#define PLAN_INPUT_PRICES_MAX (64 * PLAN_INPUT_MIB)
#define PLAN_INPUT_CSV_MAX (64 * PLAN_INPUT_MIB)
/* an excerpt of input text in a message: at most this many characters */
#define PLAN_TEXT_EXCERPT_MAX 80

/* one kind of input file: what messages call it, its limit and how to get under it */
typedef struct {
	const char *what;    /* "model", "price book", ... */
	gsize max_bytes;     /* the limit */
	const char *fix;     /* "split the model", ... */
} PlanInputKind;

extern const PlanInputKind plan_input_model;
extern const PlanInputKind plan_input_model_or_plan; /* a model or a Terraform plan/state */
extern const PlanInputKind plan_input_terraform;
extern const PlanInputKind plan_input_prices;
extern const PlanInputKind plan_input_csv;

/**
 * plan_input_read:
 * @path: the file to read (a regular file, or a pipe, FIFO or device read up to the limit)
 * @kind: what the file is, and its limit
 * @data: (out) (transfer full): the bytes, NUL-terminated
 * @length: (out): their number, without the NUL
 *
 * Reads @path whole when it is at most @kind's limit. A regular file over the limit is
 * refused before any byte is read; any other source (a FIFO, /dev/zero, a pipe) is read up to
 * one byte past the limit and refused then. A FIFO that no process has open for writing is
 * refused at once instead of waiting for a writer. Fails with PLAN_ERROR_LIMIT over the limit
 * and PLAN_ERROR_IO when the file cannot be read; messages name the file and the limit.
 */
gboolean plan_input_read(const char *path, const PlanInputKind *kind, char **data, gsize *length,
			 GError **error);

/* FALSE with PLAN_ERROR_LIMIT when @length bytes already read from @path are over @kind's
 * limit (a file read under a larger kind's limit, then found to be @kind) */
gboolean plan_input_check_length(const char *path, const PlanInputKind *kind, gsize length,
				 GError **error);

/**
 * plan_input_resolve_inside:
 * @base_dir: (nullable): the folder of the file that names @file (NULL: the current folder)
 * @file: the path as written, relative to @base_dir
 * @allow_outside: TRUE to accept any path (absolute, or leading out of @base_dir)
 * @what: what @file is, for messages ("load.file")
 * Returns: (transfer full): the path to open, or NULL with @error set (PLAN_ERROR_INVALID_MODEL
 * when @file leads outside @base_dir: an absolute path, `..`, or a symbolic link; PLAN_ERROR_IO
 * when it does not exist)
 */
char *plan_input_resolve_inside(const char *base_dir, const char *file, gboolean allow_outside,
				const char *what, GError **error) G_GNUC_WARN_UNUSED_RESULT;

/**
 * plan_text_excerpt:
 * @text: input text (any bytes)
 * @length: its length, or -1 when NUL-terminated
 * Returns: (transfer full): at most PLAN_TEXT_EXCERPT_MAX characters of @text for a message:
 * control characters and bytes that are not UTF-8 written as \n, \t, \xNN, and "..." with
 * the full length in bytes appended when the text was cut
 */
char *plan_text_excerpt(const char *text, gssize length) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
