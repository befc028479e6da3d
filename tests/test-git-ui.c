/* test-git-ui.c
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

/* What the issue asks for, end to end: a real TandemWindow opens a clone of a repository
 * served by a real `git daemon --enable=receive-pack` on 127.0.0.1; the user edits a
 * file in the editor, saves, stages it in the sidebar, commits with the commit box,
 * pushes with the Push button, and the server has the commit. On the way: the Git page
 * appears only for a repository, a diff opens as a tab that is not a document, and
 * Ctrl+Shift+G focuses the commit message. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "tandem-application.h"
#include "tandem-document.h"
#include "tandem-editor-page.h"
#include "tandem-git-panel.h"
#include "tandem-test.h"
#include "tandem-window.h"
#include "git-panel-test-util.h"
#include "git-servers.h"
#include "git-test-workers.h"

static gboolean
page_ready (gpointer data)
{
  TandemEditorPage *page = tandem_window_get_active_page (data);

  return page != NULL && !tandem_document_get_loading (tandem_editor_page_get_document (page)) &&
         gtk_text_view_get_editable (GTK_TEXT_VIEW (tandem_editor_page_get_view (page)));
}

static gboolean
document_saved (gpointer data)
{
  return !gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (data));
}

static gboolean
panel_created (gpointer data)
{
  GtkWidget *panel = tandem_test_find_descendant (data, TANDEM_TYPE_GIT_PANEL);

  return panel != NULL && panel_available (panel);
}

static gboolean
has_n_tabs (gpointer data)
{
  AdwTabView *tab_view = ADW_TAB_VIEW (tandem_test_find_descendant (data, ADW_TYPE_TAB_VIEW));

  return adw_tab_view_get_n_pages (tab_view) == GPOINTER_TO_INT (g_object_get_data (data, "n-tabs"));
}

static void
wait_tabs (TandemWindow *window,
           int           n)
{
  g_object_set_data (G_OBJECT (window), "n-tabs", GINT_TO_POINTER (n));
  g_assert_true (tandem_test_wait_until (has_n_tabs, window, 10000));
}

static gboolean
message_focused (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (data));

  return focus != NULL && GTK_IS_TEXT_VIEW (focus) &&
         gtk_widget_get_ancestor (focus, TANDEM_TYPE_GIT_PANEL) != NULL;
}

static TandemApplication *app;

static void
test_no_git_page_outside_repositories (void)
{
  g_autofree char *project = tandem_test_make_dir ("plain-project");
  g_autoptr(GFile) folder = g_file_new_for_path (project);
  TandemWindow *window;

  window = tandem_window_new (app);
  tandem_window_open_project (window, folder);
  gtk_window_present (GTK_WINDOW (window));
  tandem_test_spin (1000);

  /* Not even loaded: no Git page, and its shortcut does nothing. */
  g_assert_null (tandem_test_find_descendant (GTK_WIDGET (window), TANDEM_TYPE_GIT_PANEL));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-git", NULL);
  g_assert_null (tandem_test_find_descendant (GTK_WIDGET (window), TANDEM_TYPE_GIT_PANEL));

  gtk_window_destroy (GTK_WINDOW (window));
  tandem_test_spin (50);
}

static void
test_edit_commit_push (void)
{
  g_autofree char *root = tandem_test_make_dir ("served");
  g_autofree char *bare = git_test_make_bare (root, "project.git");
  g_autofree char *git_dir = g_strdup_printf ("--git-dir=%s", bare);
  g_autofree char *clones = tandem_test_make_dir ("clones");
  g_autofree char *clone = g_build_filename (clones, "project", NULL);
  g_autofree char *url = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) readme = NULL;
  g_autoptr(TandemSessionWindow) session = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  GitTestServer *server;
  TandemWindow *window;
  TandemEditorPage *page;
  TandemDocument *document;
  GtkWidget *panel;
  GtkWidget *push;
  GtkTextIter end;

  server = git_test_daemon_start (root);
  url = git_test_server_url (server, "project.git", FALSE);
  g_free (git_test_run (NULL, "clone", "-q", url, clone, NULL));
  g_free (git_test_run (clone, "config", "user.name", "Ui Tester", NULL));
  g_free (git_test_run (clone, "config", "user.email", "ui@example.com", NULL));

  folder = g_file_new_for_path (clone);
  readme = g_file_get_child (folder, "README");
  window = tandem_window_new (app);
  g_test_timer_start ();
  tandem_window_open_project (window, folder);
  gtk_window_present (GTK_WINDOW (window));

  /* The Git page shows up for a repository. */
  g_assert_true (tandem_test_wait_until (panel_created, window, 10000));
  g_test_message ("Git page available %.0f ms after opening the project", g_test_timer_elapsed () * 1000);
  panel = tandem_test_find_descendant (GTK_WIDGET (window), TANDEM_TYPE_GIT_PANEL);
  wait_label (panel, "main");

  /* Edit README in the editor and save it. */
  page = tandem_window_open_file (window, readme, -1, -1);
  g_assert_true (tandem_test_wait_until (page_ready, window, 10000));
  document = tandem_editor_page_get_document (page);
  gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (document), &end);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (document), &end);
  g_signal_emit_by_name (tandem_editor_page_get_view (page), "insert-at-cursor", "edited in Tandem\n");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_true (tandem_test_wait_until (document_saved, document, 10000));

  /* The editor got the change marks against HEAD. */
  g_assert_nonnull (tandem_test_find_descendant (GTK_WIDGET (tandem_editor_page_get_view (page)),
                                                 g_type_from_name ("TandemGitGutterRenderer")));

  /* Saving refreshes the page: README is listed under Changes; stage it there. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-git", NULL));
  wait_row (panel, "git.stage", "README");
  click_row_button (panel, "git.stage", "README");
  wait_row (panel, "git.unstage", "README");

  /* Activating the row opens its diff as a tab, which is not a document. */
  {
    GtkWidget *button = find_action_button (panel, "git.unstage", "README");
    GtkWidget *row = gtk_widget_get_ancestor (button, GTK_TYPE_LIST_BOX_ROW);

    g_signal_emit_by_name (row, "activate");
    wait_tabs (window, 2);
    g_signal_emit_by_name (row, "activate");
    tandem_test_spin (200);
    wait_tabs (window, 2);
    g_assert_null (tandem_window_get_active_page (window));
    pages = tandem_window_list_pages (window);
    g_assert_cmpuint (pages->len, ==, 1);
    session = tandem_window_capture_session (window);
    g_assert_cmpuint (session->tabs->len, ==, 1);
  }

  /* Ctrl+Shift+G: the Git page, with the commit message focused (the diff tab has it now). */
  g_assert_false (message_focused (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-git", NULL));
  g_assert_true (tandem_test_wait_until (message_focused, window, 5000));

  /* A file made outside Tandem shows up too: the file tree notices it. */
  g_object_unref (tandem_test_write_file (clone, "made-elsewhere.txt", "hi\n", -1));
  wait_row (panel, "git.stage", "made-elsewhere.txt");

  set_message (panel, "Edit README from Tandem");
  g_signal_emit_by_name (views_find_button (panel, "C_ommit"), "clicked");
  wait_git (clone, "log", "-1", "--format=%s", "Edit README from Tandem");

  /* Push with the Push button; the server has the commit. */
  push = find_action_button (panel, "git.push", NULL);
  g_assert_nonnull (push);
  g_assert_true (tandem_test_wait_until ((gboolean (*) (gpointer))gtk_widget_is_sensitive, push, 5000));
  g_test_timer_start ();
  g_signal_emit_by_name (push, "clicked");
  wait_git (bare, git_dir, "log", "--format=%s", "Edit README from Tandem\nFirst commit");
  wait_label (panel, "Pushed");
  g_test_message ("Push to git daemon shown done after %.0f ms", g_test_timer_elapsed () * 1000);

  /* Closing the diff tab asks nothing; closing the window works with it open too. */
  {
    AdwTabView *tab_view = ADW_TAB_VIEW (tandem_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_TAB_VIEW));
    AdwTabPage *diff = adw_tab_view_get_selected_page (tab_view);

    g_signal_emit_by_name (panel, "open-page", gtk_label_new ("x"), "Extra", NULL);
    wait_tabs (window, 3);
    adw_tab_view_close_page (tab_view, diff);
    wait_tabs (window, 2);
  }

  gtk_window_close (GTK_WINDOW (window));
  tandem_test_spin (100);
  git_test_server_stop (server);
}

static gboolean
button_sensitive (gpointer data)
{
  return gtk_widget_is_sensitive (data);
}

static void
click_when_sensitive (GtkWidget  *panel,
                      const char *action)
{
  GtkWidget *button = find_action_button (panel, action, NULL);

  g_assert_nonnull (button);
  g_assert_true (tandem_test_wait_until (button_sensitive, button, 10000));
  g_signal_emit_by_name (button, "clicked");
}

/* Someone else pushed first: Push says to pull first, Fetch shows ↑1 ↓1, Pull stops at
 * the conflict with guidance, Take Theirs resolves it, and the merge is committed and
 * pushed. */
static void
test_conflict_flow (void)
{
  g_autofree char *root = tandem_test_make_dir ("served-conflict");
  g_autofree char *bare = git_test_make_bare (root, "shared.git");
  g_autofree char *clones = tandem_test_make_dir ("clones-conflict");
  g_autofree char *mine = g_build_filename (clones, "mine", NULL);
  g_autofree char *theirs = g_build_filename (clones, "theirs", NULL);
  g_autofree char *url = NULL;
  g_autofree char *readme_path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *parents = NULL;
  g_autofree char *hook = NULL;
  g_autoptr(GFile) folder = NULL;
  GitTestServer *server;
  TandemWindow *window;
  GtkWidget *panel;

  server = git_test_daemon_start (root);
  url = git_test_server_url (server, "shared.git", FALSE);
  g_free (git_test_run (NULL, "clone", "-q", url, mine, NULL));
  g_free (git_test_run (NULL, "clone", "-q", url, theirs, NULL));
  g_free (git_test_run (mine, "config", "user.name", "Ui Tester", NULL));
  g_free (git_test_run (mine, "config", "user.email", "ui@example.com", NULL));

  g_object_unref (tandem_test_write_file (theirs, "README", "their line\n", -1));
  g_free (git_test_run (theirs, "commit", "-qam", "Their change", NULL));
  g_free (git_test_run (theirs, "push", "-q", "origin", "main", NULL));
  g_object_unref (tandem_test_write_file (mine, "README", "my line\n", -1));
  g_free (git_test_run (mine, "commit", "-qam", "My change", NULL));

  folder = g_file_new_for_path (mine);
  window = tandem_window_new (app);
  tandem_window_open_project (window, folder);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (tandem_test_wait_until (panel_created, window, 10000));
  panel = tandem_test_find_descendant (GTK_WIDGET (window), TANDEM_TYPE_GIT_PANEL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-git", NULL));
  wait_label (panel, "↑1");

  click_when_sensitive (panel, "git.push");
  wait_label (panel, "pull first");

  click_when_sensitive (panel, "git.fetch");
  wait_label (panel, "Fetched");
  wait_label (panel, "↑1 ↓1");

  click_when_sensitive (panel, "git.pull");
  wait_label (panel, "merge conflicts");
  wait_label (panel, "Conflicts (1)");
  wait_label (panel, "Then commit to finish the merge");
  wait_row (panel, "git.take-theirs", "README");
  click_row_button (panel, "git.take-theirs", "README");
  wait_row (panel, "git.unstage", "README");
  readme_path = g_build_filename (mine, "README", NULL);
  g_assert_true (g_file_get_contents (readme_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "their line\n");

  set_message (panel, "Merge their change");
  gtk_widget_activate_action (panel, "git.commit", NULL);
  wait_git (mine, "log", "-1", "--format=%s", "Merge their change");
  parents = git_out (mine, "log", "-1", "--format=%p");
  g_assert_nonnull (strchr (parents, ' '));

  click_when_sensitive (panel, "git.push");
  wait_label (panel, "Pushed");
  wait_git (bare, "log", "-1", "--format=%s", "Merge their change");

  /* A server hook refuses the next push: its reason is shown. */
  hook = g_build_filename (bare, "hooks", "pre-receive", NULL);
  g_assert_true (g_file_set_contents (hook, "#!/bin/sh\necho 'pushes are closed today' >&2\nexit 1\n", -1, NULL));
  g_assert_cmpint (g_chmod (hook, 0755), ==, 0);
  g_object_unref (tandem_test_write_file (mine, "README", "one more\n", -1));
  g_free (git_test_run (mine, "commit", "-qam", "One more", NULL));
  tandem_git_panel_refresh (panel);
  click_when_sensitive (panel, "git.push");
  wait_label (panel, "The server refused the push");
  wait_label (panel, "pushes are closed today");
  wait_git (bare, "log", "-1", "--format=%s", "Merge their change");

  gtk_window_close (GTK_WINDOW (window));
  tandem_test_spin (100);
  git_test_server_stop (server);
}

static gboolean
has_gutter (gpointer data)
{
  return tandem_test_find_descendant (data, g_type_from_name ("TandemGitGutterRenderer")) != NULL;
}

/* An untitled document saved into the work tree (Save As) gets the change marks at
 * once, without being reopened. */
static void
test_untitled_saved_as (void)
{
  g_autofree char *project = tandem_test_make_dir ("saved-as");
  g_autoptr(GFile) folder = g_file_new_for_path (project);
  g_autoptr(GFile) target = g_file_get_child (folder, "notes.txt");
  g_autoptr(GError) error = NULL;
  TandemWindow *window;
  TandemEditorPage *page;
  TandemDocument *document;
  GtkWidget *view;

  g_free (git_test_run (project, "init", "-q", NULL));
  window = tandem_window_new (app);
  tandem_window_open_project (window, folder);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (tandem_test_wait_until (panel_created, window, 10000));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-file", NULL));
  g_assert_true (tandem_test_wait_until (page_ready, window, 10000));
  page = tandem_window_get_active_page (window);
  document = tandem_editor_page_get_document (page);
  view = GTK_WIDGET (tandem_editor_page_get_view (page));
  g_assert_null (tandem_document_get_file (document));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (document), "one\ntwo\n", -1);
  tandem_test_spin (200);
  g_assert_false (has_gutter (view));

  error = tandem_test_save_document (document, target);
  g_assert_no_error (error);
  g_assert_true (tandem_test_wait_until (has_gutter, view, 5000));

  gtk_window_close (GTK_WINDOW (window));
  tandem_test_spin (100);
}

static gboolean
project_opened (gpointer data)
{
  return tandem_window_get_project_root (data) != NULL;
}

/* "Clone Repository…" on the start screen: the window shows the clone dialog, and opens
 * the clone when the dialog says it is done. */
static void
test_clone_repository_action (void)
{
  g_autofree char *root = tandem_test_make_dir ("clone-action");
  g_autofree char *bare = git_test_make_bare (root, "origin.git");
  g_autofree char *clone = g_build_filename (root, "cloned", NULL);
  g_autoptr(GFile) folder = NULL;
  GtkWindow *dialog;
  TandemWindow *window;

  g_free (git_test_run (NULL, "clone", "-q", bare, clone, NULL));
  folder = g_file_new_for_path (clone);

  window = tandem_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.clone-repository", NULL));
  dialog = wait_toplevel (g_type_from_name ("TandemGitCloneDialog"), NULL);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));

  g_signal_emit_by_name (dialog, "cloned", folder);
  g_assert_true (tandem_test_wait_until (project_opened, window, 5000));
  g_assert_true (g_file_equal (tandem_window_get_project_root (window), folder));
  g_assert_true (tandem_test_wait_until (panel_created, window, 10000));

  gtk_window_destroy (dialog);
  gtk_window_close (GTK_WINDOW (window));
  tandem_test_spin (100);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  tandem_test_init_gtk (&argc, &argv);

  /* As in the application, where the running main loop owns the main context: then
   * progress reports of workers are always dispatched here, never run in the worker. */
  g_main_context_acquire (g_main_context_default ());

  app = tandem_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/git-ui/no-git-page-outside-repositories", test_no_git_page_outside_repositories);
  g_test_add_func ("/git-ui/edit-commit-push", test_edit_commit_push);
  g_test_add_func ("/git-ui/conflict-flow", test_conflict_flow);
  g_test_add_func ("/git-ui/clone-repository-action", test_clone_repository_action);
  g_test_add_func ("/git-ui/untitled-saved-as", test_untitled_saved_as);

  status = g_test_run ();
  g_clear_object (&app);
  git_test_wait_workers ();
  g_main_context_release (g_main_context_default ());

  return status;
}
