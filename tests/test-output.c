/* ecsplan output files (planner/cli/cli-output.c, issue 9 item 1): a regular file is replaced
 * atomically, a FIFO, a character device or a descriptor is written through and stays what it
 * was, a symbolic link keeps pointing at its target, and a folder, a block device, a socket or
 * a dangling link is refused before anything is written */

/* mkfifo, mknod, sockets and setrlimit are POSIX, not C17 */
#define _GNU_SOURCE

#include "cli.h"
#include "plan-error.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

static char *
scratch_new(void)
{
	g_autoptr(GError) error = NULL;
	char *dir = g_dir_make_tmp("test-output-XXXXXX", &error);

	g_assert_no_error(error);
	return dir;
}

static void
scratch_remove(const char *dir)
{
	g_autoptr(GDir) handle = g_dir_open(dir, 0, NULL);
	const char *name;

	while (handle != NULL && (name = g_dir_read_name(handle)) != NULL) {
		g_autofree char *path = g_build_filename(dir, name, NULL);
		g_assert_cmpint(g_unlink(path), ==, 0);
	}
	g_assert_cmpint(g_rmdir(dir), ==, 0);
}

static gint
compare_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* the names in @dir, sorted, joined by spaces: no temporary file may be left behind */
static char *
scratch_list(const char *dir)
{
	g_autoptr(GDir) handle = g_dir_open(dir, 0, NULL);
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	const char *name;

	g_assert_nonnull(handle);
	while ((name = g_dir_read_name(handle)) != NULL)
		g_ptr_array_add(names, g_strdup(name));
	g_ptr_array_sort(names, compare_names);
	g_ptr_array_add(names, NULL);
	return g_strjoinv(" ", (char **)names->pdata);
}

static char *
read_text(const char *path)
{
	char *text = NULL;

	g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
	return text;
}

static gboolean
write_text(const char *path, const char *text, GError **error)
{
	return plan_cli_write(path, text, strlen(text), error);
}

/* a regular file gets a new inode by rename: a reader holding the old one still reads the old
 * bytes in full, the mode of the file is kept, and nothing else is left in the folder */
static void
test_output_regular(void)
{
	g_autofree char *dir = scratch_new();
	g_autofree char *path = g_build_filename(dir, "cost.txt", NULL);
	g_autofree char *text = NULL;
	g_autofree char *names = NULL;
	g_autoptr(GError) error = NULL;
	PlanCliOutputKind kind = PLAN_CLI_OUTPUT_STREAM;
	GStatBuf before, after;
	char old[8] = {0};
	int fd;

	g_assert_true(plan_cli_check_output(path, &kind, &error));
	g_assert_no_error(error);
	g_assert_cmpint(kind, ==, PLAN_CLI_OUTPUT_REPLACE);
	g_assert_true(write_text(path, "old\n", &error));
	g_assert_no_error(error);
	g_assert_cmpint(g_chmod(path, 0600), ==, 0);
	g_assert_cmpint(g_stat(path, &before), ==, 0);
	fd = g_open(path, O_RDONLY, 0);
	g_assert_cmpint(fd, >=, 0);

	g_assert_true(write_text(path, "new and longer\n", &error));
	g_assert_no_error(error);
	text = read_text(path);
	g_assert_cmpstr(text, ==, "new and longer\n");
	g_assert_cmpint(read(fd, old, sizeof(old) - 1), ==, 4);
	g_assert_cmpstr(old, ==, "old\n");
	close(fd);
	g_assert_cmpint(g_stat(path, &after), ==, 0);
	g_assert_true(S_ISREG(after.st_mode));
	g_assert_cmpuint(after.st_ino, !=, before.st_ino);
	g_assert_cmpuint(after.st_mode & 07777, ==, 0600);
	names = scratch_list(dir);
	g_assert_cmpstr(names, ==, "cost.txt");
	scratch_remove(dir);
}

typedef struct {
	const char *path;
	GString *read;
} FifoReader;

static gpointer
fifo_read(gpointer data)
{
	FifoReader *reader = data;
	char buffer[256];
	gssize n;
	int fd = g_open(reader->path, O_RDONLY, 0);

	g_assert_cmpint(fd, >=, 0);
	while ((n = read(fd, buffer, sizeof(buffer))) > 0)
		g_string_append_len(reader->read, buffer, n);
	close(fd);
	return NULL;
}

/* a FIFO is written through to its reader and is still a FIFO afterwards */
static void
test_output_fifo(void)
{
	g_autofree char *dir = scratch_new();
	g_autofree char *path = g_build_filename(dir, "pipe", NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(GString) payload = g_string_new(NULL);
	FifoReader reader = {path, g_string_new(NULL)};
	PlanCliOutputKind kind = PLAN_CLI_OUTPUT_REPLACE;
	GThread *thread;
	GStatBuf info;

	/* more than a pipe holds at once (64 KiB), so the writer has to wait for the reader */
	for (guint i = 0; i < 20000; i++)
		g_string_append_printf(payload, "line %u\n", i);
	g_assert_cmpint(mkfifo(path, 0600), ==, 0);
	g_assert_true(plan_cli_check_output(path, &kind, &error));
	g_assert_cmpint(kind, ==, PLAN_CLI_OUTPUT_STREAM);
	thread = g_thread_new("fifo-reader", fifo_read, &reader);
	g_assert_true(plan_cli_write(path, payload->str, payload->len, &error));
	g_assert_no_error(error);
	g_thread_join(thread);
	g_assert_cmpuint(reader.read->len, ==, payload->len);
	g_assert_true(memcmp(reader.read->str, payload->str, payload->len) == 0);
	g_assert_cmpint(g_lstat(path, &info), ==, 0);
	g_assert_true(S_ISFIFO(info.st_mode));
	g_string_free(reader.read, TRUE);
	scratch_remove(dir);
}

/* a character device made in the scratch folder (root only: mknod) stays a device; the
 * audit found `cost -o /dev/null` as root turning /dev/null into a regular file */
static void
test_output_char_device(void)
{
	g_autofree char *dir = NULL;
	g_autofree char *path = NULL;
	g_autoptr(GError) error = NULL;
	GStatBuf info;

	if (geteuid() != 0) {
		g_test_skip("mknod needs root");
		return;
	}
	dir = scratch_new();
	path = g_build_filename(dir, "null", NULL);
	if (mknod(path, S_IFCHR | 0666, makedev(1, 3)) != 0) {
		g_test_skip("mknod is not allowed here");
		scratch_remove(dir);
		return;
	}
	g_assert_true(write_text(path, "into the void\n", &error));
	g_assert_no_error(error);
	g_assert_cmpint(g_lstat(path, &info), ==, 0);
	g_assert_true(S_ISCHR(info.st_mode));
	g_assert_cmpuint(major(info.st_rdev), ==, 1);
	g_assert_cmpuint(minor(info.st_rdev), ==, 3);
	/* through a symbolic link to it, too */
	{
		g_autofree char *link = g_build_filename(dir, "to-null", NULL);
		g_assert_cmpint(symlink(path, link), ==, 0);
		g_assert_true(write_text(link, "again\n", &error));
		g_assert_no_error(error);
		g_assert_cmpint(g_lstat(path, &info), ==, 0);
		g_assert_true(S_ISCHR(info.st_mode));
		g_assert_cmpint(g_lstat(link, &info), ==, 0);
		g_assert_true(S_ISLNK(info.st_mode));
	}
	scratch_remove(dir);
}

/* /dev/fd/N is the open descriptor, written through: here the write end of a pipe */
static void
test_output_descriptor(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *path = NULL;
	char buffer[64] = {0};
	int fds[2];

	g_assert_cmpint(pipe(fds), ==, 0);
	path = g_strdup_printf("/dev/fd/%d", fds[1]);
	g_assert_true(write_text(path, "through\n", &error));
	g_assert_no_error(error);
	close(fds[1]);
	g_assert_cmpint(read(fds[0], buffer, sizeof(buffer) - 1), ==, 8);
	g_assert_cmpstr(buffer, ==, "through\n");
	close(fds[0]);

	/* a descriptor that is not open is refused before any work */
	g_assert_false(plan_cli_check_output("/dev/fd/987", NULL, &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
}

/* a symbolic link to a file: the file gets the new bytes, the link stays a link; a link to
 * nothing is refused and nothing is created */
static void
test_output_symlink(void)
{
	g_autofree char *dir = scratch_new();
	g_autofree char *target = g_build_filename(dir, "target.txt", NULL);
	g_autofree char *link = g_build_filename(dir, "link.txt", NULL);
	g_autofree char *dangling = g_build_filename(dir, "dangling.txt", NULL);
	g_autofree char *text = NULL;
	g_autofree char *names = NULL;
	g_autoptr(GError) error = NULL;
	GStatBuf info;

	g_assert_true(g_file_set_contents(target, "old\n", -1, NULL));
	g_assert_cmpint(symlink("target.txt", link), ==, 0);
	g_assert_true(write_text(link, "new\n", &error));
	g_assert_no_error(error);
	g_assert_cmpint(g_lstat(link, &info), ==, 0);
	g_assert_true(S_ISLNK(info.st_mode));
	text = read_text(target);
	g_assert_cmpstr(text, ==, "new\n");

	g_assert_cmpint(symlink("missing.txt", dangling), ==, 0);
	g_assert_false(write_text(dangling, "new\n", &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
	g_assert_nonnull(
	    strstr(error->message, "is a symbolic link to a file that does not exist"));
	g_clear_error(&error);
	names = scratch_list(dir);
	g_assert_cmpstr(names, ==, "dangling.txt link.txt target.txt");
	scratch_remove(dir);
}

/* refused before anything is written, with what to pass instead */
static void
test_output_refused(void)
{
	g_autofree char *dir = scratch_new();
	g_autofree char *socket_path = g_build_filename(dir, "sock", NULL);
	g_autofree char *block = g_build_filename(dir, "loop", NULL);
	g_autofree char *file = g_build_filename(dir, "notes.txt", NULL);
	g_autofree char *below_file = g_build_filename(file, "cost.txt", NULL);
	g_autofree char *deep_below_file = g_build_filename(file, "a", "b", "cost.txt", NULL);
	g_autoptr(GError) error = NULL;
	struct sockaddr_un address = {.sun_family = AF_UNIX};
	int sock;

	g_assert_false(write_text(dir, "x", &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
	g_assert_nonnull(strstr(error->message, "it is a folder; give a file name in it"));
	g_clear_error(&error);

	/* a file where a folder would have to be: refused, nothing created (issue 16, item 7) */
	g_assert_true(g_file_set_contents(file, "mine", -1, NULL));
	g_assert_false(write_text(below_file, "x", &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
	g_assert_nonnull(strstr(error->message, "is a file, not a folder"));
	g_assert_nonnull(strstr(error->message, "notes.txt'"));
	g_clear_error(&error);
	g_assert_false(write_text(deep_below_file, "x", &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
	g_assert_nonnull(strstr(error->message, "is a file, not a folder"));
	g_clear_error(&error);
	g_assert_cmpint(g_unlink(file), ==, 0);
	/* a symbolic link to nothing where a folder would have to be: refused, not followed */
	g_assert_cmpint(symlink("gone", file), ==, 0);
	g_assert_false(write_text(deep_below_file, "x", &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
	g_assert_nonnull(strstr(error->message, "notes.txt' is a symbolic link to nothing"));
	g_clear_error(&error);
	g_assert_cmpint(g_unlink(file), ==, 0);

	g_assert_false(plan_cli_check_output("", NULL, &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
	g_clear_error(&error);

	g_assert_cmpuint(strlen(socket_path), <, sizeof(address.sun_path));
	memcpy(address.sun_path, socket_path, strlen(socket_path) + 1);
	sock = socket(AF_UNIX, SOCK_STREAM, 0);
	g_assert_cmpint(sock, >=, 0);
	g_assert_cmpint(bind(sock, (struct sockaddr *)&address, sizeof(address)), ==, 0);
	g_assert_false(write_text(socket_path, "x", &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
	g_assert_nonnull(strstr(error->message, "it is a socket; give a regular file name, or '-' "
						"for standard output"));
	g_clear_error(&error);
	close(sock);

	if (geteuid() == 0 && mknod(block, S_IFBLK | 0600, makedev(7, 0)) == 0) {
		GStatBuf info;
		g_assert_false(write_text(block, "x", &error));
		g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
		g_assert_nonnull(strstr(error->message, "it is a block device"));
		g_clear_error(&error);
		g_assert_cmpint(g_lstat(block, &info), ==, 0);
		g_assert_true(S_ISBLK(info.st_mode));
	}
	scratch_remove(dir);
}

/* `-o reports/2026/cost.txt` creates the missing folders (mkdir -p) when it writes; when the
 * write fails the folders it created are gone again, and folders that existed stay */
static void
test_output_parents(void)
{
	g_autofree char *dir = scratch_new();
	g_autofree char *top = g_build_filename(dir, "reports", NULL);
	g_autofree char *middle = g_build_filename(top, "2026", NULL);
	g_autofree char *path = g_build_filename(middle, "cost.txt", NULL);
	g_autofree char *big_path = g_build_filename(dir, "big", "one", "big.csv", NULL);
	g_autofree char *big_top = g_build_filename(dir, "big", NULL);
	g_autofree char *text = NULL;
	g_autofree char *names = NULL;
	g_autofree char *big = g_malloc0(64 * 1024);
	g_autoptr(GError) error = NULL;
	struct rlimit saved, limit;

	/* checked before any work: the missing folders are not made yet */
	g_assert_true(plan_cli_check_output(path, NULL, &error));
	g_assert_no_error(error);
	g_assert_false(g_file_test(top, G_FILE_TEST_EXISTS));
	g_assert_true(write_text(path, "x\n", &error));
	g_assert_no_error(error);
	text = read_text(path);
	g_assert_cmpstr(text, ==, "x\n");
	/* a second write into the folders that now exist */
	g_assert_true(write_text(path, "y\n", &error));
	g_clear_pointer(&text, g_free);
	text = read_text(path);
	g_assert_cmpstr(text, ==, "y\n");
	g_assert_cmpint(g_unlink(path), ==, 0);
	g_assert_cmpint(g_rmdir(middle), ==, 0);
	g_assert_cmpint(g_rmdir(top), ==, 0);

	/* a write that fails (over `ulimit -f`) leaves neither the file nor its new folders */
	plan_cli_output_init();
	g_assert_cmpint(getrlimit(RLIMIT_FSIZE, &saved), ==, 0);
	limit = saved;
	limit.rlim_cur = 4096;
	g_assert_cmpint(setrlimit(RLIMIT_FSIZE, &limit), ==, 0);
	g_assert_false(plan_cli_write(big_path, big, 64 * 1024, &error));
	g_assert_cmpint(setrlimit(RLIMIT_FSIZE, &saved), ==, 0);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_FAILED);
	g_assert_false(g_file_test(big_top, G_FILE_TEST_EXISTS));
	names = scratch_list(dir);
	g_assert_cmpstr(names, ==, "");
	scratch_remove(dir);
}

/* --charts DIR: a folder or nothing yet */
static void
test_output_check_dir(void)
{
	g_autofree char *dir = scratch_new();
	g_autofree char *file = g_build_filename(dir, "file", NULL);
	g_autofree char *missing = g_build_filename(dir, "charts", NULL);
	g_autoptr(GError) error = NULL;

	g_assert_true(plan_cli_check_output_dir(dir, &error));
	g_assert_true(plan_cli_check_output_dir(missing, &error));
	g_assert_no_error(error);
	g_assert_true(g_file_set_contents(file, "x", -1, NULL));
	g_assert_false(plan_cli_check_output_dir(file, &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
	g_assert_nonnull(strstr(error->message, "it is not a folder"));
	g_clear_error(&error);
	/* a folder to be made below a file: refused */
	{
		g_autofree char *below = g_build_filename(file, "charts", NULL);
		g_assert_false(plan_cli_check_output_dir(below, &error));
		g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
		g_assert_nonnull(strstr(error->message, "is a file, not a folder"));
	}
	scratch_remove(dir);
}

/* over the file-size limit (`ulimit -f`) the write fails with EFBIG instead of SIGXFSZ killing
 * the process; the old file stays and no temporary file is left */
static void
test_output_file_size_limit(void)
{
	g_autofree char *dir = scratch_new();
	g_autofree char *path = g_build_filename(dir, "big.csv", NULL);
	g_autofree char *text = NULL;
	g_autofree char *names = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree char *big = g_malloc0(64 * 1024);
	struct rlimit saved, limit;

	g_assert_true(write_text(path, "old\n", &error));
	plan_cli_output_init();
	g_assert_cmpint(getrlimit(RLIMIT_FSIZE, &saved), ==, 0);
	limit = saved;
	limit.rlim_cur = 4096;
	g_assert_cmpint(setrlimit(RLIMIT_FSIZE, &limit), ==, 0);
	g_assert_false(plan_cli_write(path, big, 64 * 1024, &error));
	g_assert_cmpint(setrlimit(RLIMIT_FSIZE, &saved), ==, 0);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_FAILED);
	g_assert_nonnull(strstr(error->message, g_strerror(EFBIG)));
	text = read_text(path);
	g_assert_cmpstr(text, ==, "old\n");
	names = scratch_list(dir);
	g_assert_cmpstr(names, ==, "big.csv");
	scratch_remove(dir);
}

/* a document written in pieces (validate): a regular file is replaced only at the commit, so a
 * reader sees the old file until then and never half of the new one; an abort leaves the old
 * file and no temporary file, and removes the folders made for it */
static void
test_output_writer_pieces(void)
{
	g_autofree char *dir = scratch_new();
	g_autofree char *path = g_build_filename(dir, "findings.json", NULL);
	g_autofree char *new_dir = g_build_filename(dir, "new", NULL);
	g_autofree char *below = g_build_filename(new_dir, "findings.json", NULL);
	g_autoptr(GError) error = NULL;
	PlanCliWriter *writer;

	g_assert_true(write_text(path, "old\n", &error));
	writer = plan_cli_writer_open(path, &error);
	g_assert_no_error(error);
	g_assert_nonnull(writer);
	g_assert_true(plan_cli_writer_write(writer, "{\"a\": ", 6, &error));
	{
		g_autofree char *during = read_text(path);
		g_assert_cmpstr(during, ==, "old\n");
	}
	g_assert_true(plan_cli_writer_write(writer, "1}\n", 3, &error));
	g_assert_true(plan_cli_writer_commit(writer, &error));
	g_assert_no_error(error);
	{
		g_autofree char *after = read_text(path);
		g_autofree char *names = scratch_list(dir);
		g_assert_cmpstr(after, ==, "{\"a\": 1}\n");
		g_assert_cmpstr(names, ==, "findings.json");
	}

	/* an abort midway: the file as it was, no temporary file */
	writer = plan_cli_writer_open(path, &error);
	g_assert_nonnull(writer);
	g_assert_true(plan_cli_writer_write(writer, "half", 4, &error));
	plan_cli_writer_abort(writer);
	{
		g_autofree char *after = read_text(path);
		g_autofree char *names = scratch_list(dir);
		g_assert_cmpstr(after, ==, "{\"a\": 1}\n");
		g_assert_cmpstr(names, ==, "findings.json");
	}

	/* below a folder that does not exist yet: made at the open, gone again after an abort */
	writer = plan_cli_writer_open(below, &error);
	g_assert_no_error(error);
	g_assert_true(g_file_test(new_dir, G_FILE_TEST_IS_DIR));
	plan_cli_writer_abort(writer);
	g_assert_false(g_file_test(new_dir, G_FILE_TEST_EXISTS));
	scratch_remove(dir);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/cli/output/regular-replaced", test_output_regular);
	g_test_add_func("/cli/output/fifo-written-through", test_output_fifo);
	g_test_add_func("/cli/output/char-device-stays", test_output_char_device);
	g_test_add_func("/cli/output/descriptor", test_output_descriptor);
	g_test_add_func("/cli/output/symlink", test_output_symlink);
	g_test_add_func("/cli/output/refused", test_output_refused);
	g_test_add_func("/cli/output/check-dir", test_output_check_dir);
	g_test_add_func("/cli/output/parents-created", test_output_parents);
	g_test_add_func("/cli/output/file-size-limit", test_output_file_size_limit);
	g_test_add_func("/cli/output/writer-pieces", test_output_writer_pieces);
	return g_test_run();
}
