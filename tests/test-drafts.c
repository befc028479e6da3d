/* test-drafts.c
 *
 * Copyright 2026 The Tandem authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <gio/gunixinputstream.h>
#include <gtksourceview/gtksource.h>

#include "tandem-document.h"
#include "tandem-draft-store.h"
#include "tandem-test.h"

/* Must match draft-helper.c. */
#define HELPER_TYPED_TEXT "typed by draft-helper before it was killed\n"

static gboolean
draft_exists (const char *draft_id)
{
  g_autofree char *path = tandem_draft_store_dup_path (draft_id);

  return path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

static void
draft_saved_cb (TandemDocument *doc,
                guint          *count)
{
  (*count)++;
}

static void
wait_draft_saved (TandemDocument *doc)
{
  guint count = 0;
  gulong id = g_signal_connect (doc, "draft-saved", G_CALLBACK (draft_saved_cb), &count);

  g_assert_true (tandem_test_wait_for ((gboolean *)&count, 5000));
  g_signal_handler_disconnect (doc, id);
  g_assert_true (draft_exists (tandem_document_get_draft_id (doc)));
}

static gboolean
ptr_array_has_str (GPtrArray  *array,
                   const char *str)
{
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (g_ptr_array_index (array, i), str) == 0)
      return TRUE;
  return FALSE;
}

static void
test_store_round_trip (void)
{
  g_autofree char *project_path = tandem_test_make_dir ("store-project");
  g_autoptr(GFile) project = g_file_new_for_path (project_path);
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *other_id = g_uuid_string_random ();
  g_autofree char *path = tandem_draft_store_dup_path (id);
  g_autoptr(GVariant) state = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) no_project = NULL;
  g_autoptr(GError) error = NULL;
  const char *str;
  guint32 version;
  gint64 mtime;
  GStatBuf st;

  g_assert_true (tandem_draft_store_write (id,
                                           tandem_draft_store_new_state ("file:///tmp/a.c",
                                                                         project_path,
                                                                         "a.c",
                                                                         "int x; /* ✓ */"),
                                           &error));
  g_assert_no_error (error);
  g_assert_true (tandem_draft_store_write (other_id,
                                           tandem_draft_store_new_state (NULL, NULL, "Untitled",
                                                                         "scratch"),
                                           &error));
  g_assert_no_error (error);

  /* Private to the user: drafts hold unsaved code. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  state = tandem_draft_store_read (id, &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (state, "version", "u", &version));
  g_assert_cmpuint (version, ==, TANDEM_DRAFT_STORE_VERSION);
  g_assert_true (g_variant_lookup (state, "uri", "&s", &str));
  g_assert_cmpstr (str, ==, "file:///tmp/a.c");
  g_assert_true (g_variant_lookup (state, "project", "&s", &str));
  g_assert_cmpstr (str, ==, project_path);
  g_assert_true (g_variant_lookup (state, "title", "&s", &str));
  g_assert_cmpstr (str, ==, "a.c");
  g_assert_true (g_variant_lookup (state, "text", "&s", &str));
  g_assert_cmpstr (str, ==, "int x; /* ✓ */");
  g_assert_true (g_variant_lookup (state, "mtime", "x", &mtime));
  g_assert_cmpint (mtime, >, 0);
  g_assert_cmpint (mtime, <=, g_get_real_time ());

  ids = tandem_draft_store_list (project);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, id);

  no_project = tandem_draft_store_list (NULL);
  g_assert_true (ptr_array_has_str (no_project, other_id));
  g_assert_false (ptr_array_has_str (no_project, id));

  tandem_draft_store_delete (id);
  tandem_draft_store_delete (other_id);
  g_assert_false (draft_exists (id));
  g_clear_pointer (&ids, g_ptr_array_unref);
  ids = tandem_draft_store_list (project);
  g_assert_cmpuint (ids->len, ==, 0);

  /* Reading a draft that is gone is a plain not-found. */
  g_clear_pointer (&state, g_variant_unref);
  state = tandem_draft_store_read (id, &error);
  g_assert_null (state);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
list_ready_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = tandem_draft_store_list_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_list_async (void)
{
  g_autofree char *project_path = tandem_test_make_dir ("async-project");
  g_autoptr(GFile) project = g_file_new_for_path (project_path);
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  tandem_draft_store_write (id, tandem_draft_store_new_state (NULL, project_path, "t", "x"),
                            &error);
  g_assert_no_error (error);

  tandem_draft_store_list_async (project, NULL, list_ready_cb, &ids);
  g_assert_true (tandem_test_wait_for ((gboolean *)&ids, 5000));
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, id);

  tandem_draft_store_delete (id);
}

static void
test_corrupt (void)
{
  g_autofree char *project_path = tandem_test_make_dir ("corrupt-project");
  g_autoptr(GFile) project = g_file_new_for_path (project_path);
  g_autofree char *garbage_id = g_uuid_string_random ();
  g_autofree char *truncated_id = g_uuid_string_random ();
  g_autofree char *empty_id = g_uuid_string_random ();
  g_autofree char *garbage_path = tandem_draft_store_dup_path (garbage_id);
  g_autofree char *truncated_path = tandem_draft_store_dup_path (truncated_id);
  g_autofree char *empty_path = tandem_draft_store_dup_path (empty_id);
  g_autofree char *contents = NULL;
  g_autoptr(TandemDocument) doc = tandem_document_new (NULL, project);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GVariant) state = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *long_text = g_strnfill (4000, 'x');
  gsize len;

  /* A real draft cut in half, as a full disk or a crash in the middle of a
   * non-atomic copy would leave it. */
  g_assert_true (tandem_draft_store_write (truncated_id,
                                           tandem_draft_store_new_state (NULL, project_path,
                                                                         "t", long_text),
                                           &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (truncated_path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (truncated_path, contents, len / 2, NULL));

  g_assert_true (g_file_set_contents (garbage_path, "this is not a draft at all", -1, NULL));
  g_assert_true (g_file_set_contents (empty_path, "", 0, NULL));

  state = tandem_draft_store_read (truncated_id, &error);
  g_assert_null (state);
  g_assert_error (error, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_CORRUPT_DRAFT);
  g_test_message ("truncated draft: %s", error->message);
  g_clear_error (&error);

  state = tandem_draft_store_read (garbage_id, &error);
  g_assert_null (state);
  g_assert_error (error, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_CORRUPT_DRAFT);
  g_clear_error (&error);

  state = tandem_draft_store_read (empty_id, &error);
  g_assert_null (state);
  g_assert_error (error, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_CORRUPT_DRAFT);
  g_clear_error (&error);

  /* An id that would leave the drafts folder is refused. */
  state = tandem_draft_store_read ("../../../etc/passwd", &error);
  g_assert_null (state);
  g_assert_error (error, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (tandem_draft_store_write ("../escape",
                                            tandem_draft_store_new_state (NULL, NULL, "t", "x"),
                                            &error));
  g_assert_error (error, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_FAILED);
  g_clear_error (&error);

  /* Restoring it fails cleanly and leaves the buffer alone. */
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (doc), "untouched", -1);
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (doc), FALSE);
  g_assert_false (tandem_document_restore_draft (doc, truncated_id, &error));
  g_assert_error (error, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_CORRUPT_DRAFT);
  text = tandem_test_dup_text (GTK_TEXT_BUFFER (doc));
  g_assert_cmpstr (text, ==, "untouched");
  g_assert_false (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (doc)));
  g_assert_cmpstr (tandem_document_get_draft_id (doc), !=, truncated_id);

  /* Listing skips damaged drafts. */
  ids = tandem_draft_store_list (project);
  g_assert_cmpuint (ids->len, ==, 0);

  tandem_draft_store_delete (truncated_id);
  tandem_draft_store_delete (garbage_id);
  tandem_draft_store_delete (empty_id);
}

static void
test_debounce (void)
{
  g_autofree char *project_path = tandem_test_make_dir ("debounce-project");
  g_autoptr(GFile) project = g_file_new_for_path (project_path);
  g_autoptr(TandemDocument) doc = tandem_document_new (NULL, project);
  g_autoptr(GVariant) state = NULL;
  g_autoptr(GError) error = NULL;
  const char *draft_id = tandem_document_get_draft_id (doc);
  const char *text;
  guint saved = 0;
  gint64 begin;

  g_assert_cmpuint (tandem_document_get_draft_delay (doc), ==,
                    TANDEM_DOCUMENT_DEFAULT_DRAFT_DELAY);
  tandem_document_set_draft_delay (doc, 400);
  g_signal_connect (doc, "draft-saved", G_CALLBACK (draft_saved_cb), &saved);

  begin = g_get_monotonic_time ();
  tandem_test_append_text (GTK_TEXT_BUFFER (doc), "one");
  tandem_test_spin (200);
  g_assert_false (draft_exists (draft_id));

  /* Another edit restarts the delay. */
  tandem_test_append_text (GTK_TEXT_BUFFER (doc), " two");
  tandem_test_spin (300);
  g_assert_false (draft_exists (draft_id));
  g_assert_cmpuint (saved, ==, 0);

  g_assert_true (tandem_test_wait_for ((gboolean *)&saved, 5000));
  g_assert_cmpint (g_get_monotonic_time () - begin, >=, 600 * 1000);
  g_assert_cmpuint (saved, ==, 1);
  g_assert_true (draft_exists (draft_id));

  state = tandem_draft_store_read (draft_id, &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (state, "text", "&s", &text));
  g_assert_cmpstr (text, ==, "one two");
  g_assert_true (g_variant_lookup (state, "project", "&s", &text));
  g_assert_cmpstr (text, ==, project_path);

  /* No further edit, no further write. */
  tandem_test_spin (600);
  g_assert_cmpuint (saved, ==, 1);

  tandem_document_discard_draft (doc);
  g_assert_false (draft_exists (draft_id));
}

static void
test_deleted_after_save (void)
{
  g_autofree char *project_path = tandem_test_make_dir ("save-project");
  g_autoptr(GFile) project = g_file_new_for_path (project_path);
  g_autoptr(GFile) file = tandem_test_write_file (project_path, "main.c", "int x;\n", -1);
  g_autoptr(TandemDocument) doc = tandem_document_new (file, project);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *draft_id = NULL;

  error = tandem_test_load_document (doc);
  g_assert_no_error (error);
  tandem_document_set_draft_delay (doc, 50);
  draft_id = g_strdup (tandem_document_get_draft_id (doc));

  tandem_test_append_text (GTK_TEXT_BUFFER (doc), "\nint y;");
  wait_draft_saved (doc);
  ids = tandem_draft_store_list (project);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, draft_id);

  error = tandem_test_save_document (doc, NULL);
  g_assert_no_error (error);
  g_assert_false (draft_exists (draft_id));

  /* Undoing back to the saved text removes the draft too. */
  tandem_test_append_text (GTK_TEXT_BUFFER (doc), "\nint z;");
  wait_draft_saved (doc);
  g_assert_true (gtk_text_buffer_get_can_undo (GTK_TEXT_BUFFER (doc)));
  gtk_text_buffer_undo (GTK_TEXT_BUFFER (doc));
  g_assert_false (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (doc)));
  g_assert_false (draft_exists (draft_id));
  tandem_test_spin (200);
  g_assert_false (draft_exists (draft_id));

  /* Discard (closing a tab without saving) removes it as well. */
  tandem_test_append_text (GTK_TEXT_BUFFER (doc), "\nint w;");
  wait_draft_saved (doc);
  tandem_document_discard_draft (doc);
  g_assert_false (draft_exists (draft_id));
  tandem_test_spin (200);
  g_assert_false (draft_exists (draft_id));

  /* A reload throws the edits and their draft away. */
  tandem_test_append_text (GTK_TEXT_BUFFER (doc), "\nint v;");
  wait_draft_saved (doc);
  g_assert_true (draft_exists (draft_id));
  g_clear_error (&error);
  error = tandem_test_load_document (doc);
  g_assert_no_error (error);
  g_assert_false (draft_exists (draft_id));
}

static void
test_untitled_draft (void)
{
  g_autoptr(TandemDocument) doc = tandem_document_new (NULL, NULL);
  g_autoptr(TandemDocument) restored = tandem_document_new (NULL, NULL);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GVariant) state = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = tandem_document_dup_title (doc);
  g_autofree char *text = NULL;
  g_autofree char *draft_id = g_strdup (tandem_document_get_draft_id (doc));
  const char *str;

  tandem_document_set_draft_delay (doc, 50);
  tandem_test_append_text (GTK_TEXT_BUFFER (doc), "notes\nwith ünïcode\n");
  wait_draft_saved (doc);

  ids = tandem_draft_store_list (NULL);
  g_assert_true (ptr_array_has_str (ids, draft_id));

  state = tandem_draft_store_read (draft_id, &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (state, "uri", "&s", &str));
  g_assert_cmpstr (str, ==, "");
  g_assert_true (g_variant_lookup (state, "project", "&s", &str));
  g_assert_cmpstr (str, ==, "");
  g_assert_true (g_variant_lookup (state, "title", "&s", &str));
  g_assert_cmpstr (str, ==, title);

  g_assert_true (tandem_document_restore_draft (restored, draft_id, &error));
  g_assert_no_error (error);
  text = tandem_test_dup_text (GTK_TEXT_BUFFER (restored));
  g_assert_cmpstr (text, ==, "notes\nwith ünïcode\n");
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (restored)));
  g_assert_cmpstr (tandem_document_get_draft_id (restored), ==, draft_id);
  /* Restoring is not an edit the user can undo into an empty buffer. */
  g_assert_false (gtk_text_buffer_get_can_undo (GTK_TEXT_BUFFER (restored)));

  tandem_document_discard_draft (restored);
  g_assert_false (draft_exists (draft_id));
}

static void
test_flush_on_dispose (void)
{
  g_autofree char *project_path = tandem_test_make_dir ("dispose-project");
  g_autoptr(GFile) project = g_file_new_for_path (project_path);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GVariant) state = NULL;
  g_autoptr(GError) error = NULL;
  TandemDocument *doc = tandem_document_new (NULL, project);
  const char *text;

  /* Typing just before the window closes is not lost to the debounce. */
  tandem_document_set_draft_delay (doc, 60000);
  tandem_test_append_text (GTK_TEXT_BUFFER (doc), "last words");
  g_object_unref (doc);

  ids = tandem_draft_store_list (project);
  g_assert_cmpuint (ids->len, ==, 1);
  state = tandem_draft_store_read (g_ptr_array_index (ids, 0), &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (state, "text", "&s", &text));
  g_assert_cmpstr (text, ==, "last words");
  tandem_draft_store_delete (g_ptr_array_index (ids, 0));
}

static void
read_line_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **line = user_data;
  g_autoptr(GError) error = NULL;

  *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result,
                                                     NULL, &error);
  g_assert_no_error (error);
  if (*line == NULL)
    *line = g_strdup ("(end of output)");
}

static void
test_crash_recovery (void)
{
  static const char original[] = "int main (void)\n{\n  return 0;\n}\n";
  g_autofree char *project_path = tandem_test_make_dir ("crash-project");
  g_autoptr(GFile) project = g_file_new_for_path (project_path);
  g_autoptr(GFile) file = tandem_test_write_file (project_path, "src/main.c", original, -1);
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "draft-helper", NULL);
  g_autofree char *file_path = g_file_get_path (file);
  g_autoptr(GInputStream) pipe_stream = NULL;
  g_autoptr(GDataInputStream) data_stream = NULL;
  g_autoptr(TandemDocument) doc = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = g_strconcat (HELPER_TYPED_TEXT, original, NULL);
  const char *argv[] = { helper, file_path, project_path, NULL };
  const char *draft_id;
  GPid pid;
  int out_fd;
  int status;

  g_assert_true (g_file_test (helper, G_FILE_TEST_IS_EXECUTABLE));

  g_spawn_async_with_pipes (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);

  pipe_stream = g_unix_input_stream_new (out_fd, TRUE);
  data_stream = g_data_input_stream_new (pipe_stream);
  g_data_input_stream_read_line_async (data_stream, G_PRIORITY_DEFAULT, NULL,
                                       read_line_cb, &line);
  g_assert_true (tandem_test_wait_for ((gboolean *)&line, 30000));
  g_assert_true (g_str_has_prefix (line, "ready "));
  draft_id = line + strlen ("ready ");
  g_assert_true (g_uuid_string_is_valid (draft_id));

  /* The helper dies the hard way: no dispose, no cleanup. */
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_spawn_close_pid (pid);

  /* The file on disk was never touched. */
  text = NULL;
  g_assert_true (g_file_get_contents (file_path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, original);
  g_clear_pointer (&text, g_free);

  /* Next session: the project's drafts are found and restored over the file. */
  ids = tandem_draft_store_list (project);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, draft_id);

  doc = tandem_document_new (file, project);
  error = tandem_test_load_document (doc);
  g_assert_no_error (error);
  g_assert_true (tandem_document_restore_draft (doc, draft_id, &error));
  g_assert_no_error (error);

  text = tandem_test_dup_text (GTK_TEXT_BUFFER (doc));
  /* The buffer holds the file without its final newline, which is implicit. */
  expected[strlen (expected) - 1] = '\0';
  g_assert_cmpstr (text, ==, expected);
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (doc)));
  g_assert_cmpstr (tandem_document_get_draft_id (doc), ==, draft_id);

  /* Saving the recovered text makes it the file and clears the draft. */
  error = tandem_test_save_document (doc, NULL);
  g_assert_no_error (error);
  g_assert_false (draft_exists (draft_id));
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (file_path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, HELPER_TYPED_TEXT "int main (void)\n{\n  return 0;\n}\n");
}

int
main (int   argc,
      char *argv[])
{
  tandem_test_init_gtk (&argc, &argv);

  g_test_add_func ("/drafts/store-round-trip", test_store_round_trip);
  g_test_add_func ("/drafts/list-async", test_list_async);
  g_test_add_func ("/drafts/corrupt", test_corrupt);
  g_test_add_func ("/drafts/debounce", test_debounce);
  g_test_add_func ("/drafts/deleted-after-save", test_deleted_after_save);
  g_test_add_func ("/drafts/untitled", test_untitled_draft);
  g_test_add_func ("/drafts/flush-on-dispose", test_flush_on_dispose);
  g_test_add_func ("/drafts/crash-recovery", test_crash_recovery);

  return g_test_run ();
}
