/* test-terminal-window.c
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

/* The terminal in the project window: Ctrl+` (win.toggle-terminal) creates the panel
 * through the module lookup, file references open in the editor, Open in Terminal. */

#include "config.h"

#include <adwaita.h>

#include "tandem-application.h"
#include "tandem-editor-page.h"
#include "tandem-document.h"
#include "tandem-file-tree-panel.h"
#include "tandem-terminal-panel.h"
#include "tandem-test.h"
#include "tandem-window.h"

#define TIMEOUT_MS 15000

static TandemApplication *app;

static gboolean
panel_has_page (gpointer data)
{
  return tandem_terminal_panel_get_n_pages (data) > 0;
}

static gboolean
page_loaded (gpointer data)
{
  TandemWindow *window = data;
  TandemEditorPage *page = tandem_window_get_active_page (window);

  return page != NULL && !tandem_document_get_loading (tandem_editor_page_get_document (page));
}

static void
test_toggle_creates_panel (void)
{
  g_autofree char *project = tandem_test_make_dir ("window-terminal");
  g_autoptr(GFile) root = g_file_new_for_path (project);
  g_autoptr(GFile) file = tandem_test_write_file (project, "b.c", "l0\nl1\nl2\nl3\n", -1);
  g_autoptr(GFile) sub = NULL;
  g_autofree char *sub_path = NULL;
  TandemWindow *window = tandem_window_new (app);
  TandemTerminalPanel *panel;
  TandemTerminalPage *page;
  TandemEditorPage *editor;
  GtkTextIter iter;
  GtkWidget *tree_panel;

  tandem_window_open_project (window, root);
  gtk_window_present (GTK_WINDOW (window));
  tandem_test_spin (100);

  /* Nothing of the terminal exists before it is asked for. */
  g_assert_null (tandem_test_find_descendant (GTK_WIDGET (window), TANDEM_TYPE_TERMINAL_PANEL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-terminal", NULL));
  panel = TANDEM_TERMINAL_PANEL (tandem_test_find_descendant (GTK_WIDGET (window),
                                                              TANDEM_TYPE_TERMINAL_PANEL));
  g_assert_nonnull (panel);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_assert_true (tandem_test_wait_until (panel_has_page, panel, TIMEOUT_MS));
  page = tandem_terminal_panel_get_selected_page (panel);
  g_assert_true (g_file_equal (tandem_terminal_page_get_directory (page), root));

  /* A reference in the terminal opens the file at that line in the editor. */
  g_signal_emit_by_name (panel, "open-file", file, 2, 1);
  g_assert_true (tandem_test_wait_until (page_loaded, window, TIMEOUT_MS));
  editor = tandem_window_get_active_page (window);
  g_assert_true (g_file_equal (tandem_document_get_file (tandem_editor_page_get_document (editor)), file));
  tandem_test_spin (100);
  gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (tandem_editor_page_get_document (editor)), &iter,
                                    gtk_text_buffer_get_insert (GTK_TEXT_BUFFER (tandem_editor_page_get_document (editor))));
  g_assert_cmpint (gtk_text_iter_get_line (&iter), ==, 2);
  g_assert_cmpint (gtk_text_iter_get_line_offset (&iter), ==, 1);

  /* Toggling again hides it; it stays alive with its shells. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-terminal", NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_assert_cmpuint (tandem_terminal_panel_get_n_pages (panel), ==, 1);

  /* Open in Terminal from the file tree: a new tab in that folder, panel shown. */
  sub_path = tandem_test_make_dir ("window-terminal/sub");
  sub = g_file_new_for_path (sub_path);
  tree_panel = tandem_test_find_descendant (GTK_WIDGET (window), TANDEM_TYPE_FILE_TREE_PANEL);
  g_signal_emit_by_name (tree_panel, "open-in-terminal", sub);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_assert_cmpuint (tandem_terminal_panel_get_n_pages (panel), ==, 2);
  page = tandem_terminal_panel_get_selected_page (panel);
  g_assert_true (g_file_equal (tandem_terminal_page_get_directory (page), sub));

  /* New terminal (Ctrl+Shift+T). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-terminal", NULL));
  g_assert_cmpuint (tandem_terminal_panel_get_n_pages (panel), ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  int ret;

  tandem_test_init_gtk (&argc, &argv);

  settings = g_settings_new (SCHEMA_ID);
  g_settings_set_string (settings, "terminal-shell", "/bin/sh");

  app = tandem_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/terminal-window/toggle-creates-panel", test_toggle_creates_panel);

  ret = g_test_run ();

  g_clear_object (&app);
  return ret;
}
