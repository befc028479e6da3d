/* test-file-ops.c
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

#include <unistd.h>

#include <glib/gstdio.h>

#include "tandem-file-ops.h"
#include "tandem-test.h"

#define TIMEOUT_MS 10000

typedef enum
{
  OP_CREATE_FILE,
  OP_CREATE_FOLDER,
  OP_RENAME,
} Op;

/* Runs one operation to completion on the real main loop. */
static GFile *
run_op (Op          op,
        GFile      *file,
        const char *name,
        GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  switch (op)
    {
    case OP_CREATE_FILE:
      tandem_file_ops_create_file_async (file, name, cancellable,
                                         tandem_test_store_result_cb, &result);
      tandem_test_wait_result (&result, TIMEOUT_MS);
      return tandem_file_ops_create_file_finish (result, error);

    case OP_CREATE_FOLDER:
      tandem_file_ops_create_folder_async (file, name, cancellable,
                                           tandem_test_store_result_cb, &result);
      tandem_test_wait_result (&result, TIMEOUT_MS);
      return tandem_file_ops_create_folder_finish (result, error);

    case OP_RENAME:
      tandem_file_ops_rename_async (file, name, cancellable,
                                    tandem_test_store_result_cb, &result);
      tandem_test_wait_result (&result, TIMEOUT_MS);
      return tandem_file_ops_rename_finish (result, error);

    default:
      g_assert_not_reached ();
    }
}

static TandemTrashedFile *
run_trash (GFile   *file,
           GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  tandem_file_ops_trash_async (file, cancellable, tandem_test_store_result_cb, &result);
  tandem_test_wait_result (&result, TIMEOUT_MS);
  return tandem_file_ops_trash_finish (result, error);
}

static GFile *
run_restore (TandemTrashedFile  *trashed,
             GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  tandem_file_ops_restore_async (trashed, cancellable, tandem_test_store_result_cb, &result);
  tandem_test_wait_result (&result, TIMEOUT_MS);
  return tandem_file_ops_restore_finish (result, error);
}

static char *
read_file (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;

  return contents;
}

static gboolean
exists (GFile *file)
{
  return g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL) !=
         G_FILE_TYPE_UNKNOWN;
}

static void
test_create (void)
{
  g_autofree char *dir = tandem_test_make_dir ("create");
  g_autoptr(GFile) parent = g_file_new_for_path (dir);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) again = NULL;
  g_autoptr(GFile) nested = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  file = run_op (OP_CREATE_FILE, parent, "notes.md", &error);
  g_assert_no_error (error);
  g_assert_true (g_file_has_parent (file, parent));
  g_assert_cmpint (g_file_query_file_type (file, 0, NULL), ==, G_FILE_TYPE_REGULAR);
  contents = read_file (file);
  g_assert_cmpstr (contents, ==, "");

  folder = run_op (OP_CREATE_FOLDER, parent, "src", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_file_query_file_type (folder, 0, NULL), ==, G_FILE_TYPE_DIRECTORY);

  nested = run_op (OP_CREATE_FILE, folder, "main.c", &error);
  g_assert_no_error (error);
  g_assert_true (exists (nested));

  /* Names taken: nothing is replaced, and the message says what is in the way. */
  g_object_unref (tandem_test_write_file (dir, "taken.txt", "keep me", -1));
  again = run_op (OP_CREATE_FILE, parent, "taken.txt", &error);
  g_assert_null (again);
  g_assert_error (error, TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, "A file named “taken.txt” already exists");
  g_clear_error (&error);
  {
    g_autoptr(GFile) taken = g_file_get_child (parent, "taken.txt");
    g_autofree char *kept = read_file (taken);

    g_assert_cmpstr (kept, ==, "keep me");
  }

  again = run_op (OP_CREATE_FOLDER, parent, "src", &error);
  g_assert_null (again);
  g_assert_error (error, TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, "A folder named “src” already exists");
  g_clear_error (&error);

  again = run_op (OP_CREATE_FILE, parent, "src", &error);
  g_assert_null (again);
  g_assert_error (error, TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, "A folder named “src” already exists");
  g_clear_error (&error);

  again = run_op (OP_CREATE_FOLDER, parent, "notes.md", &error);
  g_assert_null (again);
  g_assert_error (error, TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, "A file named “notes.md” already exists");
}

static void
test_invalid_names (void)
{
  static const char *names[] = { "", "a/b", "/", ".", "..", "../escape" };
  g_autofree char *dir = tandem_test_make_dir ("invalid");
  g_autoptr(GFile) parent = g_file_new_for_path (dir);
  g_autoptr(GFile) victim = tandem_test_write_file (dir, "victim.txt", "v", -1);
  g_autoptr(GDir) listing = NULL;
  guint n_entries = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      for (Op op = OP_CREATE_FILE; op <= OP_RENAME; op++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GFile) result = NULL;

          result = run_op (op, op == OP_RENAME ? victim : parent, names[i], &error);
          g_assert_null (result);
          g_assert_error (error, TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_INVALID_NAME);
          g_assert_cmpstr (error->message, !=, "");
        }

      g_assert_false (tandem_file_ops_validate_name (names[i], NULL));
    }

  g_assert_true (tandem_file_ops_validate_name ("fine name.txt", NULL));
  g_assert_true (tandem_file_ops_validate_name (".hidden", NULL));

  /* Nothing was created or moved. */
  g_assert_true (exists (victim));
  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  while (g_dir_read_name (listing) != NULL)
    n_entries++;
  g_assert_cmpuint (n_entries, ==, 1);
}

static void
test_rename (void)
{
  g_autofree char *dir = tandem_test_make_dir ("rename");
  g_autoptr(GFile) parent = g_file_new_for_path (dir);
  g_autoptr(GFile) a = tandem_test_write_file (dir, "a.txt", "alpha", -1);
  g_autoptr(GFile) c = tandem_test_write_file (dir, "c.txt", "gamma", -1);
  g_autoptr(GFile) folder_child = tandem_test_write_file (dir, "folder/inside.txt", "in", -1);
  g_autoptr(GFile) folder = g_file_get_child (parent, "folder");
  g_autoptr(GFile) b = NULL;
  g_autoptr(GFile) same = NULL;
  g_autoptr(GFile) failed = NULL;
  g_autoptr(GFile) renamed_folder = NULL;
  g_autoptr(GFile) moved_child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *a_contents = NULL;
  g_autofree char *c_contents = NULL;
  g_autofree char *inside = NULL;

  b = run_op (OP_RENAME, a, "b.txt", &error);
  g_assert_no_error (error);
  g_assert_true (g_file_has_parent (b, parent));
  g_assert_false (exists (a));
  contents = read_file (b);
  g_assert_cmpstr (contents, ==, "alpha");

  /* Same name: nothing to do */
  same = run_op (OP_RENAME, b, "b.txt", &error);
  g_assert_no_error (error);
  g_assert_true (g_file_equal (same, b));

  /* Onto an existing name: refused, and both files are intact. */
  failed = run_op (OP_RENAME, b, "c.txt", &error);
  g_assert_null (failed);
  g_assert_error (error, TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, "A file named “c.txt” already exists");
  g_clear_error (&error);
  a_contents = read_file (b);
  c_contents = read_file (c);
  g_assert_cmpstr (a_contents, ==, "alpha");
  g_assert_cmpstr (c_contents, ==, "gamma");

  failed = run_op (OP_RENAME, c, "folder", &error);
  g_assert_null (failed);
  g_assert_error (error, TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, "A folder named “folder” already exists");
  g_clear_error (&error);
  g_assert_true (exists (c));
  g_assert_true (exists (folder_child));

  /* Folders move with their contents. */
  renamed_folder = run_op (OP_RENAME, folder, "library", &error);
  g_assert_no_error (error);
  moved_child = g_file_get_child (renamed_folder, "inside.txt");
  inside = read_file (moved_child);
  g_assert_cmpstr (inside, ==, "in");
  g_assert_false (exists (folder));

  /* The file is gone meanwhile */
  failed = run_op (OP_RENAME, a, "z.txt", &error);
  g_assert_null (failed);
  g_assert_error (error, TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_NOT_FOUND);
}

static void
test_permission_denied (void)
{
  g_autofree char *dir = tandem_test_make_dir ("readonly");
  g_autoptr(GFile) parent = g_file_new_for_path (dir);
  g_autoptr(GFile) file = tandem_test_write_file (dir, "fixed.txt", "fixed", -1);
  g_autoptr(GFile) result = NULL;
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root may write anywhere");
      return;
    }

  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  result = run_op (OP_CREATE_FILE, parent, "new.txt", &error);
  g_assert_null (result);
  g_assert_error (error, TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_PERMISSION);
  g_assert_cmpstr (error->message, ==, "You do not have permission to create a file here");
  g_clear_error (&error);

  result = run_op (OP_CREATE_FOLDER, parent, "new", &error);
  g_assert_null (result);
  g_assert_error (error, TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_PERMISSION);
  g_clear_error (&error);

  result = run_op (OP_RENAME, file, "moved.txt", &error);
  g_assert_null (result);
  g_assert_error (error, TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_PERMISSION);
  g_assert_cmpstr (error->message, ==, "You do not have permission to rename “fixed.txt”");
  g_assert_true (exists (file));

  g_chmod (dir, 0755);
}

static GFile *
trash_files_child (const char *name)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "Trash", "files", name, NULL);

  return g_file_new_for_path (path);
}

static void
test_trash_restore (void)
{
  g_autofree char *dir = tandem_test_make_dir ("trash");
  g_autoptr(GFile) file = tandem_test_write_file (dir, "doomed.txt", "precious", -1);
  g_autoptr(GFile) inner = tandem_test_write_file (dir, "folder/inner.txt", "inner", -1);
  g_autoptr(GFile) folder = g_file_get_parent (inner);
  g_autoptr(TandemTrashedFile) trashed = NULL;
  g_autoptr(TandemTrashedFile) trashed_folder = NULL;
  g_autoptr(GFile) in_trash = trash_files_child ("doomed.txt");
  g_autoptr(GFile) restored = NULL;
  g_autoptr(GFile) restored_folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *inner_contents = NULL;
  g_autofree char *name = NULL;
  GFile *info_file;

  trashed = run_trash (file, &error);
  g_assert_no_error (error);
  g_assert_true (TANDEM_IS_TRASHED_FILE (trashed));
  g_assert_true (g_file_equal (tandem_trashed_file_get_original (trashed), file));
  name = tandem_trashed_file_dup_display_name (trashed);
  g_assert_cmpstr (name, ==, "doomed.txt");
  g_assert_false (exists (file));
  g_assert_true (exists (in_trash));
  info_file = tandem_trashed_file_get_info_file (trashed);
  g_assert_nonnull (info_file);
  g_assert_true (exists (info_file));

  restored = run_restore (trashed, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_equal (restored, file));
  contents = read_file (file);
  g_assert_cmpstr (contents, ==, "precious");
  g_assert_false (exists (in_trash));
  g_assert_false (exists (info_file));

  /* A folder comes back with what was in it. */
  trashed_folder = run_trash (folder, &error);
  g_assert_no_error (error);
  g_assert_false (exists (folder));
  restored_folder = run_restore (trashed_folder, &error);
  g_assert_no_error (error);
  inner_contents = read_file (inner);
  g_assert_cmpstr (inner_contents, ==, "inner");
}

static void
test_restore_conflict (void)
{
  g_autofree char *dir = tandem_test_make_dir ("conflict");
  g_autoptr(GFile) file = tandem_test_write_file (dir, "twice.txt", "old", -1);
  g_autoptr(GFile) gone = tandem_test_write_file (dir, "gone.txt", "gone", -1);
  g_autoptr(TandemTrashedFile) trashed = NULL;
  g_autoptr(TandemTrashedFile) trashed_gone = NULL;
  g_autoptr(GFile) replacement = NULL;
  g_autoptr(GFile) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *old_contents = NULL;
  g_autofree char *in_trash_contents = NULL;
  g_autoptr(GFile) in_trash = NULL;
  GFile *info_file;

  trashed = run_trash (file, &error);
  g_assert_no_error (error);
  info_file = tandem_trashed_file_get_info_file (trashed);
  g_assert_nonnull (info_file);

  /* Something new took the name: restoring must not overwrite it. */
  replacement = tandem_test_write_file (dir, "twice.txt", "new", -1);
  restored = run_restore (trashed, &error);
  g_assert_null (restored);
  g_assert_error (error, TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "twice.txt"));
  g_clear_error (&error);

  contents = read_file (replacement);
  g_assert_cmpstr (contents, ==, "new");
  g_assert_true (exists (info_file));
  {
    g_autoptr(GFile) info_dir = g_file_get_parent (info_file);
    g_autoptr(GFile) trash_dir = g_file_get_parent (info_dir);
    g_autofree char *basename = g_file_get_basename (info_file);

    basename[strlen (basename) - strlen (".trashinfo")] = '\0';
    in_trash = g_file_resolve_relative_path (trash_dir, "files");
    g_set_object (&in_trash, g_file_get_child (in_trash, basename));
  }
  in_trash_contents = read_file (in_trash);
  g_assert_cmpstr (in_trash_contents, ==, "old");

  /* Once the way is clear, it comes back. */
  g_assert_true (g_file_delete (replacement, NULL, NULL));
  restored = run_restore (trashed, &error);
  g_assert_no_error (error);
  old_contents = read_file (file);
  g_assert_cmpstr (old_contents, ==, "old");

  /* Emptied from the trash meanwhile: a clear error. */
  trashed_gone = run_trash (gone, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GFile) gone_in_trash = trash_files_child ("gone.txt");

    g_assert_true (g_file_delete (gone_in_trash, NULL, NULL));
    g_assert_true (g_file_delete (tandem_trashed_file_get_info_file (trashed_gone), NULL, NULL));
  }
  g_clear_object (&restored);
  restored = run_restore (trashed_gone, &error);
  g_assert_null (restored);
  g_assert_error (error, TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "“gone.txt” is no longer in the trash");
  g_assert_false (exists (gone));
}

static void
test_cancelled (void)
{
  g_autofree char *dir = tandem_test_make_dir ("cancelled");
  g_autoptr(GFile) parent = g_file_new_for_path (dir);
  g_autoptr(GFile) child = g_file_get_child (parent, "never.txt");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  tandem_file_ops_create_file_async (parent, "never.txt", cancellable,
                                     tandem_test_store_result_cb, &result);
  tandem_test_wait_result (&result, TIMEOUT_MS);
  file = tandem_file_ops_create_file_finish (result, &error);
  g_assert_null (file);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (exists (child));
}

int
main (int   argc,
      char *argv[])
{
  tandem_test_init (&argc, &argv);

  g_test_add_func ("/file-ops/create", test_create);
  g_test_add_func ("/file-ops/invalid-names", test_invalid_names);
  g_test_add_func ("/file-ops/rename", test_rename);
  g_test_add_func ("/file-ops/permission-denied", test_permission_denied);
  g_test_add_func ("/file-ops/trash-restore", test_trash_restore);
  g_test_add_func ("/file-ops/restore-conflict", test_restore_conflict);
  g_test_add_func ("/file-ops/cancelled", test_cancelled);

  return g_test_run ();
}
