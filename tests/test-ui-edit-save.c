/* test-ui-edit-save.c
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

/* The path a user takes on the first day: open a folder, open a file from the tree, type,
 * press Ctrl+S, and find the bytes on disk. Runs in a real window on the test display. */

#include "config.h"

#include <adwaita.h>

#include "tandem-application.h"
#include "tandem-document.h"
#include "tandem-editor-page.h"
#include "tandem-file-item.h"
#include "tandem-file-tree.h"
#include "tandem-test.h"
#include "tandem-window.h"

static gboolean
page_ready (gpointer data)
{
  TandemWindow *window = data;
  TandemEditorPage *page = tandem_window_get_active_page (window);

  /* Ready for typing: loaded, and the view shows the document (not its placeholder). */
  return page != NULL && !tandem_document_get_loading (tandem_editor_page_get_document (page)) &&
         gtk_text_view_get_editable (GTK_TEXT_VIEW (tandem_editor_page_get_view (page))) &&
         gtk_text_view_get_buffer (GTK_TEXT_VIEW (tandem_editor_page_get_view (page))) ==
           GTK_TEXT_BUFFER (tandem_editor_page_get_document (page));
}

static gboolean
document_saved (gpointer data)
{
  return !gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (data));
}

static guint
find_row (GListModel *model,
          const char *name)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);
      g_autofree char *basename = g_file_get_basename (tandem_file_item_get_file (TANDEM_FILE_ITEM (item)));

      if (g_strcmp0 (basename, name) == 0)
        return i;
    }

  return G_MAXUINT;
}

static void
test_open_type_save (void)
{
  g_autoptr(TandemApplication) app = tandem_application_new ();
  g_autofree char *project = tandem_test_make_dir ("project");
  g_autoptr(GFile) folder = g_file_new_for_path (project);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  TandemWindow *window;
  TandemEditorPage *page;
  TandemDocument *document;
  GtkWidget *list_view;
  GtkSourceView *view;
  GtkTextIter end;
  GListModel *model;
  guint position;

  file = tandem_test_write_file (project, "hello.c", "int\nmain (void)\n{\n  return 0;\n}\n", -1);
  tandem_test_write_file (project, "src/util.c", "/* util */\n", -1);

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  window = tandem_window_new (app);
  tandem_window_open_project (window, folder);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (tandem_test_wait_loaded (tandem_window_get_file_tree (window), folder, 5000));

  /* The file tree is a list view; activate the row the way a click or Enter does. */
  list_view = tandem_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (list_view);
  model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));
  position = find_row (model, "hello.c");
  g_assert_cmpuint (position, !=, G_MAXUINT);
  /* Folders come first. */
  g_assert_cmpuint (find_row (model, "src"), <, position);
  gtk_widget_activate_action (list_view, "list.activate-item", "u", position);

  g_assert_true (tandem_test_wait_until (page_ready, window, 5000));
  page = tandem_window_get_active_page (window);
  document = tandem_editor_page_get_document (page);
  g_assert_true (g_file_equal (tandem_document_get_file (document), file));
  g_assert_false (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)));

  /* Type at the end of the file, through the view's own keybinding signal. */
  view = tandem_editor_page_get_view (page);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (document), &end);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (document), &end);
  g_signal_emit_by_name (view, "insert-at-cursor", "\n/* typed */");
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)));

  /* Ctrl+S */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_true (tandem_test_wait_until (document_saved, document, 5000));

  g_assert_true (g_file_get_contents (g_file_peek_path (file), &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "int\nmain (void)\n{\n  return 0;\n}\n/* typed */\n");

  gtk_window_destroy (GTK_WINDOW (window));
  tandem_test_spin (50);
}

int
main (int   argc,
      char *argv[])
{
  tandem_test_init_gtk (&argc, &argv);

  g_test_add_func ("/ui/open-type-save", test_open_type_save);

  return g_test_run ();
}
