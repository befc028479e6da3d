/* tandem-test.c
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

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "tandem-document.h"
#include "tandem-file-tree.h"
#include "tandem-test.h"

#define DOCUMENT_TIMEOUT_MS 30000

static char *test_tmpdir;

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;

  enumerator = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (enumerator != NULL)
    {
      GFileInfo *info;

      while ((info = g_file_enumerator_next_file (enumerator, NULL, NULL)))
        {
          g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

          /* Tests make read-only folders on purpose; make them writable to clean up. */
          if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
            {
              g_autofree char *path = g_file_get_path (child);
              g_chmod (path, 0700);
              remove_tree (child);
            }
          else
            g_file_delete (child, NULL, NULL);
          g_object_unref (info);
        }
    }
  g_file_delete (file, NULL, NULL);
}

static void
cleanup_tmpdir (void)
{
  if (test_tmpdir != NULL && g_getenv ("TANDEM_TEST_KEEP") == NULL)
    {
      g_autoptr(GFile) dir = g_file_new_for_path (test_tmpdir);
      remove_tree (dir);
    }
  g_clear_pointer (&test_tmpdir, g_free);
}

void
tandem_test_init (int    *argc,
                  char ***argv)
{
  static const char * const subdirs[][2] = {
    { "HOME", "home" },
    { "XDG_DATA_HOME", "home/.local/share" },
    { "XDG_CONFIG_HOME", "home/.config" },
    { "XDG_STATE_HOME", "home/.local/state" },
    { "XDG_CACHE_HOME", "home/.cache" },
  };
  g_autoptr(GError) error = NULL;

  test_tmpdir = g_dir_make_tmp ("tandem-test-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *path = g_build_filename (test_tmpdir, subdirs[i][1], NULL);

      g_mkdir_with_parents (path, 0700);
      g_setenv (subdirs[i][0], path, TRUE);
    }

  atexit (cleanup_tmpdir);

  g_test_init (argc, argv, NULL);
}

void
tandem_test_init_gtk (int    *argc,
                      char ***argv)
{
  tandem_test_init (argc, argv);
  gtk_init ();
  adw_init ();
  gtk_source_init ();
}

const char *
tandem_test_get_tmpdir (void)
{
  return test_tmpdir;
}

char *
tandem_test_make_dir (const char *name)
{
  char *path = g_build_filename (test_tmpdir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
  return path;
}

GFile *
tandem_test_write_file (const char *dir,
                        const char *relpath,
                        const char *contents,
                        gssize      len)
{
  g_autofree char *path = g_build_filename (dir, relpath, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (parent, 0755);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
tandem_test_wait_until (gboolean (*predicate) (gpointer data),
                        gpointer   data,
                        guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!predicate (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  return predicate (data);
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *)data;
}

gboolean
tandem_test_wait_for (gboolean *done,
                      guint     timeout_ms)
{
  return tandem_test_wait_until (flag_is_set, done, timeout_ms);
}

void
tandem_test_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
tandem_test_store_result_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static gboolean
slot_is_set (gpointer data)
{
  return *(GAsyncResult **)data != NULL;
}

GAsyncResult *
tandem_test_wait_result (GAsyncResult **slot,
                         guint          timeout_ms)
{
  if (!tandem_test_wait_until (slot_is_set, slot, timeout_ms))
    g_error ("timed out after %u ms waiting for an async result", timeout_ms);
  return *slot;
}

GError *
tandem_test_load_document (TandemDocument *document)
{
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;

  tandem_document_load_async (document, NULL, tandem_test_store_result_cb, &result);
  tandem_test_wait_result (&result, DOCUMENT_TIMEOUT_MS);
  tandem_document_load_finish (document, result, &error);

  return error;
}

GError *
tandem_test_save_document (TandemDocument *document,
                           GFile          *save_as)
{
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;

  tandem_document_save_async (document, save_as, NULL, tandem_test_store_result_cb, &result);
  tandem_test_wait_result (&result, DOCUMENT_TIMEOUT_MS);
  tandem_document_save_finish (document, result, &error);

  return error;
}

char *
tandem_test_dup_text (GtkTextBuffer *buffer)
{
  GtkTextIter begin;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &begin, &end);
  return gtk_text_buffer_get_text (buffer, &begin, &end, TRUE);
}

void
tandem_test_append_text (GtkTextBuffer *buffer,
                         const char    *text)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, text, -1);
}

typedef struct
{
  TandemFileTree *tree;
  GFile          *directory;
} LoadedWait;

static gboolean
is_loaded (gpointer data)
{
  LoadedWait *wait = data;

  return tandem_file_tree_is_loaded (wait->tree, wait->directory);
}

gboolean
tandem_test_wait_loaded (TandemFileTree *tree,
                         GFile          *directory,
                         guint           timeout_ms)
{
  LoadedWait wait = { tree, directory };

  return tandem_test_wait_until (is_loaded, &wait, timeout_ms);
}

GtkWidget *
tandem_test_find_descendant (GtkWidget *widget,
                             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = tandem_test_find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}
