/* test-window.c
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

/* The project window as a user drives it: start screen, project windows, closing modified
 * tabs, quitting with unsaved work, session restore and crash drafts. */

#include "config.h"

#include <adwaita.h>

#include "tandem-application.h"
#include "tandem-document.h"
#include "tandem-draft-store.h"
#include "tandem-editor-page.h"
#include "tandem-recent-projects.h"
#include "tandem-session.h"
#include "tandem-test.h"
#include "tandem-window.h"

static TandemApplication *app;

static gboolean
page_loaded (gpointer data)
{
  TandemEditorPage *page = data;

  return !tandem_document_get_loading (tandem_editor_page_get_document (page));
}

static TandemEditorPage *
open_and_wait (TandemWindow *window,
               GFile        *file)
{
  TandemEditorPage *page = tandem_window_open_file (window, file, -1, -1);

  g_assert_nonnull (page);
  g_assert_true (tandem_test_wait_until (page_loaded, page, 5000));
  return page;
}

/* Like typing over the whole buffer (gtk_text_buffer_set_text() is not an edit: it
 * leaves the buffer unmodified). */
static void
replace_text (GtkTextBuffer *buffer,
              const char    *text,
              int            len)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, text, len);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static char *
make_project (const char *name)
{
  char *project = tandem_test_make_dir (name);

  g_object_unref (tandem_test_write_file (project, "a.c", "int a;\n", -1));
  g_object_unref (tandem_test_write_file (project, "b.c", "line 0\nline 1\nline 2\nline 3\nline 4\n", -1));
  return project;
}

static void
test_window_greeter_and_projects (void)
{
  g_autofree char *p1 = make_project ("greeter-1");
  g_autofree char *p2 = make_project ("greeter-2");
  g_autoptr(GFile) f1 = g_file_new_for_path (p1);
  g_autoptr(GFile) f2 = g_file_new_for_path (p2);
  TandemRecentProjects *recent = tandem_application_get_recent_projects (app);
  TandemWindow *window = tandem_window_new (app);
  TandemWindow *w1;
  TandemWindow *w2;
  g_autoptr(GObject) first = NULL;
  g_autoptr(GFile) first_file = NULL;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_null (tandem_window_get_project_root (window));

  /* The start screen's window takes the first project... */
  w1 = tandem_application_open_project (app, f1, window);
  g_assert_true (w1 == window);
  g_assert_true (g_file_equal (tandem_window_get_project_root (w1), f1));

  /* ...the same folder again presents the same window, another gets its own. */
  g_assert_true (tandem_application_open_project (app, f1, NULL) == w1);
  w2 = tandem_application_open_project (app, f2, w1);
  g_assert_true (w2 != w1);
  g_assert_true (g_file_equal (tandem_window_get_project_root (w2), f2));

  /* Both are recent, the last opened first. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (recent)), >=, 2);
  first = g_list_model_get_item (G_LIST_MODEL (recent), 0);
  g_object_get (first, "file", &first_file, NULL);
  g_assert_true (g_file_equal (first_file, f2));

  gtk_window_destroy (GTK_WINDOW (w1));
  gtk_window_destroy (GTK_WINDOW (w2));
}

static void
test_window_close_modified_tab (void)
{
  g_autofree char *project = make_project ("close-tab");
  g_autoptr(GFile) folder = g_file_new_for_path (project);
  g_autoptr(GFile) file = g_file_get_child (folder, "a.c");
  g_autofree char *contents = NULL;
  TandemWindow *window = tandem_application_open_project (app, folder, NULL);
  TandemEditorPage *page = open_and_wait (window, file);
  TandemDocument *document = tandem_editor_page_get_document (page);
  AdwMessageDialog *dialog;

  replace_text (GTK_TEXT_BUFFER (document), "changed", -1);
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)));

  /* Ctrl+W asks; Cancel keeps the tab and the text. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-tab", NULL));
  g_assert_true (tandem_test_wait_until (dialog_shown, NULL, 5000));
  dialog = find_message_dialog ();
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  tandem_test_spin (50);
  g_assert_true (tandem_window_get_active_page (window) == page);

  /* Discard closes it and leaves the file as it was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-tab", NULL));
  g_assert_true (tandem_test_wait_until (dialog_shown, NULL, 5000));
  dialog = find_message_dialog ();
  adw_message_dialog_response (dialog, "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));
  tandem_test_spin (50);
  g_assert_null (tandem_window_get_active_page (window));

  g_assert_true (g_file_get_contents (g_file_peek_path (file), &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "int a;\n");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_quit_lists_all (void)
{
  g_autofree char *p1 = make_project ("quit-1");
  g_autofree char *p2 = make_project ("quit-2");
  g_autoptr(GFile) f1 = g_file_new_for_path (p1);
  g_autoptr(GFile) f2 = g_file_new_for_path (p2);
  g_autoptr(GFile) a = g_file_get_child (f1, "a.c");
  g_autoptr(GFile) b = g_file_get_child (f2, "b.c");
  TandemWindow *w1 = tandem_application_open_project (app, f1, NULL);
  TandemWindow *w2 = tandem_application_open_project (app, f2, NULL);
  TandemEditorPage *pa = open_and_wait (w1, a);
  TandemEditorPage *pb = open_and_wait (w2, b);
  AdwMessageDialog *dialog;
  const char *body;

  replace_text (GTK_TEXT_BUFFER (tandem_editor_page_get_document (pa)), "x", -1);
  replace_text (GTK_TEXT_BUFFER (tandem_editor_page_get_document (pb)), "y", -1);

  /* One question for both windows, naming both files. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_true (tandem_test_wait_until (dialog_shown, NULL, 5000));
  dialog = find_message_dialog ();
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, "a.c"));
  g_assert_nonnull (strstr (body, "b.c"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  tandem_test_spin (50);

  g_assert_false (tandem_application_get_quitting (app));
  g_assert_true (tandem_application_find_project_window (app, f1) == w1);
  g_assert_true (tandem_application_find_project_window (app, f2) == w2);

  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (tandem_editor_page_get_document (pa)), FALSE);
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (tandem_editor_page_get_document (pb)), FALSE);
  gtk_window_destroy (GTK_WINDOW (w1));
  gtk_window_destroy (GTK_WINDOW (w2));
}

static gboolean
cursor_restored (gpointer data)
{
  TandemEditorPage *page = data;
  guint line = 0, offset = 0;

  if (tandem_document_get_loading (tandem_editor_page_get_document (page)))
    return FALSE;
  tandem_editor_page_get_cursor (page, &line, &offset);
  return line == 3 && offset == 2;
}

static void
test_window_session_restore (void)
{
  g_autofree char *project = make_project ("session");
  g_autoptr(GFile) folder = g_file_new_for_path (project);
  g_autoptr(GFile) a = g_file_get_child (folder, "a.c");
  g_autoptr(GFile) b = g_file_get_child (folder, "b.c");
  g_autoptr(TandemSessionWindow) state = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  TandemWindow *window = tandem_application_open_project (app, folder, NULL);
  TandemEditorPage *page;
  TandemSessionTab *tab;

  open_and_wait (window, a);
  page = open_and_wait (window, b);
  tandem_editor_page_goto (page, 3, 2);

  state = tandem_window_capture_session (window);
  g_assert_nonnull (state);
  g_assert_cmpstr (state->project_path, ==, project);
  g_assert_cmpuint (state->tabs->len, ==, 2);
  g_assert_cmpuint (state->active_tab, ==, 1);
  tab = g_ptr_array_index (state->tabs, 1);
  g_assert_cmpuint (tab->line, ==, 3);
  g_assert_cmpuint (tab->line_offset, ==, 2);
  g_assert_null (tab->draft_id);

  gtk_window_destroy (GTK_WINDOW (window));
  tandem_test_spin (50);

  window = tandem_window_new (app);
  tandem_window_open_project (window, folder);
  tandem_window_restore_session (window, state);
  gtk_window_present (GTK_WINDOW (window));

  pages = tandem_window_list_pages (window);
  g_assert_cmpuint (pages->len, ==, 2);
  page = tandem_window_get_active_page (window);
  g_assert_true (page == g_ptr_array_index (pages, 1));
  g_assert_true (g_file_equal (tandem_document_get_file (tandem_editor_page_get_document (page)), b));
  g_assert_true (tandem_test_wait_until (cursor_restored, page, 5000));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
draft_written (gpointer data)
{
  TandemDocument *document = data;
  g_autoptr(GVariant) draft = tandem_draft_store_read (tandem_document_get_draft_id (document), NULL);

  return draft != NULL;
}

static gboolean
restored_text (gpointer data)
{
  TandemWindow *window = data;
  g_autoptr(GPtrArray) pages = tandem_window_list_pages (window);

  for (guint i = 0; i < pages->len; i++)
    {
      TandemDocument *document = tandem_editor_page_get_document (g_ptr_array_index (pages, i));
      g_autofree char *text = NULL;
      GtkTextIter start, end;

      if (tandem_document_get_loading (document))
        continue;
      gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (document), &start, &end);
      text = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (document), &start, &end, TRUE);
      if (g_strcmp0 (text, "unsaved work") == 0 &&
          gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)))
        return TRUE;
    }

  return FALSE;
}

static void
test_window_recovers_drafts (void)
{
  g_autofree char *project = make_project ("drafts");
  g_autoptr(GFile) folder = g_file_new_for_path (project);
  g_autoptr(GFile) a = g_file_get_child (folder, "a.c");
  TandemWindow *window = tandem_application_open_project (app, folder, NULL);
  TandemEditorPage *page = open_and_wait (window, a);
  TandemDocument *document = tandem_editor_page_get_document (page);

  tandem_document_set_draft_delay (document, 50);
  replace_text (GTK_TEXT_BUFFER (document), "unsaved work", -1);
  g_assert_true (tandem_test_wait_until (draft_written, document, 5000));

  /* The window goes away without any chance to ask or save, as in a crash. */
  gtk_window_destroy (GTK_WINDOW (window));
  tandem_test_spin (50);

  window = tandem_application_open_project (app, folder, NULL);
  g_assert_true (tandem_test_wait_until (restored_text, window, 5000));

  {
    g_autoptr(GPtrArray) pages = tandem_window_list_pages (window);

    for (guint i = 0; i < pages->len; i++)
      {
        TandemDocument *doc = tandem_editor_page_get_document (g_ptr_array_index (pages, i));

        tandem_document_discard_draft (doc);
        gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (doc), FALSE);
      }
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
page_has_error (gpointer data)
{
  return tandem_editor_page_get_error (data) != NULL;
}

static void
test_window_binary_file_is_safe (void)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
  g_autofree char *project = make_project ("binary");
  g_autoptr(GFile) folder = g_file_new_for_path (project);
  g_autoptr(GFile) file = tandem_test_write_file (project, "logo.png", png, sizeof png);
  g_autofree char *contents = NULL;
  TandemWindow *window = tandem_application_open_project (app, folder, NULL);
  TandemEditorPage *page = tandem_window_open_file (window, file, -1, -1);
  gsize len = 0;

  /* The tab explains; Ctrl+S must not write the empty buffer over the image. */
  g_assert_true (tandem_test_wait_until (page_has_error, page, 5000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  tandem_test_spin (200);

  g_assert_true (g_file_get_contents (g_file_peek_path (file), &contents, &len, NULL));
  g_assert_cmpmem (contents, len, png, sizeof png);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_project_window (gpointer data)
{
  return tandem_application_find_project_window (app, data) != NULL;
}

static void
test_window_startup_restores_session (void)
{
  g_autofree char *project = make_project ("startup");
  g_autoptr(GFile) folder = g_file_new_for_path (project);
  g_autoptr(GFile) b = g_file_get_child (folder, "b.c");
  g_autoptr(GPtrArray) pages = NULL;
  TandemWindow *window = tandem_application_open_project (app, folder, NULL);
  TandemEditorPage *page = open_and_wait (window, b);

  tandem_editor_page_goto (page, 3, 2);

  /* Quitting writes the session with the last window in it... */
  tandem_application_save_session (app, window);
  gtk_window_destroy (GTK_WINDOW (window));
  tandem_test_spin (50);
  g_assert_null (tandem_application_find_project_window (app, folder));

  /* ...and starting without arguments brings the project, its tab and cursor back. */
  g_application_activate (G_APPLICATION (app));
  g_assert_true (tandem_test_wait_until (has_project_window, folder, 5000));
  window = tandem_application_find_project_window (app, folder);
  pages = tandem_window_list_pages (window);
  g_assert_cmpuint (pages->len, ==, 1);
  page = g_ptr_array_index (pages, 0);
  g_assert_true (g_file_equal (tandem_document_get_file (tandem_editor_page_get_document (page)), b));
  g_assert_true (tandem_test_wait_until (cursor_restored, page, 5000));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  tandem_test_init_gtk (&argc, &argv);

  app = tandem_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/window/greeter-and-projects", test_window_greeter_and_projects);
  g_test_add_func ("/window/close-modified-tab", test_window_close_modified_tab);
  g_test_add_func ("/window/quit-lists-all", test_window_quit_lists_all);
  g_test_add_func ("/window/session-restore", test_window_session_restore);
  g_test_add_func ("/window/recovers-drafts", test_window_recovers_drafts);
  g_test_add_func ("/window/binary-file-is-safe", test_window_binary_file_is_safe);
  g_test_add_func ("/window/startup-restores-session", test_window_startup_restores_session);

  ret = g_test_run ();

  g_clear_object (&app);
  return ret;
}
