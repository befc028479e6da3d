/* test-git-panel.c
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

/* The Git page on a real repository made with the git CLI, in a real window on the test
 * display: it becomes available, lists files in the right sections, stages and unstages
 * through the rows' buttons, commits from the commit box (asking who you are first when
 * git does not know), creates and switches branches, and pages through the history. */

#include "config.h"

#include <adwaita.h>

#include "tandem-git-branches.h"
#include "tandem-git-error.h"
#include "tandem-git-history.h"
#include "tandem-git-panel.h"
#include "tandem-test.h"
#include "git-panel-test-util.h"
#include "git-test-workers.h"

typedef struct
{
  char      *dir;
  GtkWindow *window;
  GtkWidget *panel;
} Fixture;

/* A repository with one commit (a.txt, c.txt) and the test's identity in its config
 * unless @anonymous. */
static void
fixture_set_up (Fixture    *fixture,
                const char *name,
                gboolean    anonymous)
{
  g_autoptr(GFile) root = NULL;

  fixture->dir = tandem_test_make_dir (name);
  views_git_quiet (fixture->dir, "init", "-q", NULL);
  if (!anonymous)
    {
      views_git_quiet (fixture->dir, "config", "user.name", "Panel Tester");
      views_git_quiet (fixture->dir, "config", "user.email", "panel@example.com");
    }
  g_object_unref (tandem_test_write_file (fixture->dir, "a.txt", "alpha\n", -1));
  g_object_unref (tandem_test_write_file (fixture->dir, "c.txt", "gamma\n", -1));
  views_git_quiet (fixture->dir, "add", ".", NULL);
  views_git_quiet (fixture->dir, "commit", "-qm", "First");

  root = g_file_new_for_path (fixture->dir);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 320, 700);
  fixture->panel = tandem_git_panel_new (root);
  gtk_window_set_child (fixture->window, fixture->panel);
  gtk_window_present (fixture->window);
  g_assert_true (tandem_test_wait_until (panel_available, fixture->panel, 10000));
}

static void
fixture_tear_down (Fixture *fixture)
{
  gtk_window_destroy (fixture->window);
  tandem_test_spin (50);
  g_free (fixture->dir);
}

static void
test_not_a_repository (void)
{
  g_autofree char *dir = tandem_test_make_dir ("plain");
  g_autoptr(GFile) root = g_file_new_for_path (dir);
  GtkWidget *panel = g_object_ref_sink (tandem_git_panel_new (root));
  TandemGitRepository *repository = NULL;

  /* The discovery answers quickly; it must say "not available". */
  tandem_test_spin (1000);
  g_assert_false (panel_available (panel));
  g_object_get (panel, "repository", &repository, NULL);
  g_assert_null (repository);

  g_object_unref (panel);
}

static void
test_sections_and_staging (void)
{
  Fixture fixture = { 0 };
  GtkWidget *b_row;
  guint n_changes = 0;

  fixture_set_up (&fixture, "sections", FALSE);

  g_object_unref (tandem_test_write_file (fixture.dir, "a.txt", "alpha changed\n", -1));
  g_object_unref (tandem_test_write_file (fixture.dir, "b.txt", "beta\n", -1));
  g_object_unref (tandem_test_write_file (fixture.dir, "c.txt", "gamma staged\n", -1));
  views_git_quiet (fixture.dir, "add", "c.txt", NULL);
  tandem_git_panel_refresh (fixture.panel);

  /* Changes offer Stage, Staged offers Unstage, untracked files offer Stage. */
  wait_row (fixture.panel, "git.stage", "a.txt");
  wait_row (fixture.panel, "git.stage", "b.txt");
  wait_row (fixture.panel, "git.unstage", "c.txt");
  g_assert_null (find_action_button (fixture.panel, "git.unstage", "a.txt"));
  g_assert_nonnull (views_find_label (fixture.panel, "Untracked Files (1)"));
  g_assert_nonnull (views_find_label (fixture.panel, "Staged Changes (1)"));
  g_object_get (fixture.panel, "n-changes", &n_changes, NULL);
  g_assert_cmpuint (n_changes, ==, 3);

  b_row = gtk_widget_get_ancestor (find_action_button (fixture.panel, "git.stage", "b.txt"),
                                   GTK_TYPE_LIST_BOX_ROW);
  g_object_add_weak_pointer (G_OBJECT (b_row), (gpointer *)&b_row);

  click_row_button (fixture.panel, "git.stage", "a.txt");
  wait_row (fixture.panel, "git.unstage", "a.txt");
  wait_git (fixture.dir, "diff", "--cached", "--name-only", "a.txt\nc.txt");

  /* Only what changed is rebuilt: b.txt's row is the same widget. */
  g_assert_nonnull (b_row);
  g_assert_true (gtk_widget_get_ancestor (find_action_button (fixture.panel, "git.stage", "b.txt"),
                                          GTK_TYPE_LIST_BOX_ROW) == b_row);
  g_object_remove_weak_pointer (G_OBJECT (b_row), (gpointer *)&b_row);

  click_row_button (fixture.panel, "git.unstage", "c.txt");
  wait_row (fixture.panel, "git.stage", "c.txt");

  /* Stage All of the untracked section (the last "Stage All" shown). */
  g_assert_nonnull (views_find_button (fixture.panel, "Stage All"));
  gtk_widget_activate_action (fixture.panel, "git.stage-section", "i", 2);
  wait_row (fixture.panel, "git.unstage", "b.txt");
  wait_git (fixture.dir, "diff", "--cached", "--name-only", "a.txt\nb.txt");

  fixture_tear_down (&fixture);
}

/* A thousand untracked files: the page shows the first rows and says how many more;
 * Stage All takes them all. */
static void
test_many_files (void)
{
  Fixture fixture = { 0 };
  g_autofree char *staged = NULL;
  g_auto(GStrv) lines = NULL;

  fixture_set_up (&fixture, "many", FALSE);
  for (int i = 0; i < 1000; i++)
    {
      g_autofree char *name = g_strdup_printf ("gen/file-%04d.txt", i);

      g_object_unref (tandem_test_write_file (fixture.dir, name, "x\n", -1));
    }

  g_test_timer_start ();
  tandem_git_panel_refresh (fixture.panel);
  wait_label (fixture.panel, "Untracked Files (1000)");
  g_test_message ("1000 untracked files listed in %.0f ms", g_test_timer_elapsed () * 1000);
  g_assert_nonnull (views_find_label (fixture.panel, "…and 900 more files"));
  g_assert_nonnull (find_action_button (fixture.panel, "git.stage", "gen/file-0000.txt"));
  g_assert_null (find_action_button (fixture.panel, "git.stage", "gen/file-0999.txt"));

  gtk_widget_activate_action (fixture.panel, "git.stage-section", "i", 2);
  wait_label (fixture.panel, "Staged Changes (1000)");
  staged = git_out (fixture.dir, "diff", "--cached", "--name-only");
  lines = g_strsplit (staged, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1000);

  fixture_tear_down (&fixture);
}

static gboolean
check_button_off (gpointer data)
{
  return !gtk_check_button_get_active (data);
}

static void
test_commit_box (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *long_summary = g_strnfill (60, 'x');
  GtkTextBuffer *buffer;

  fixture_set_up (&fixture, "commit", FALSE);
  buffer = gtk_text_view_get_buffer (get_message_view (fixture.panel));
  before = git_out (fixture.dir, "rev-parse", "HEAD", NULL);

  /* An empty message is refused here, before git is asked. */
  g_assert_true (gtk_widget_activate_action (fixture.panel, "git.commit", NULL));
  wait_label (fixture.panel, "Write a commit message first");

  /* Nothing staged: refused with a plain message. */
  set_message (fixture.panel, "Nothing here");
  gtk_widget_activate_action (fixture.panel, "git.commit", NULL);
  wait_label (fixture.panel, "Nothing is staged");
  after = git_out (fixture.dir, "rev-parse", "HEAD", NULL);
  g_assert_cmpstr (before, ==, after);

  /* A long summary line gets a hint. */
  set_message (fixture.panel, long_summary);
  g_assert_nonnull (views_find_label (fixture.panel, "keep it to 50"));
  set_message (fixture.panel, "Short\n\nwith a body line that is longer than fifty characters in all");
  g_assert_null (views_find_label (fixture.panel, "keep it to 50"));

  /* Stage, then commit with the Commit button. */
  g_object_unref (tandem_test_write_file (fixture.dir, "a.txt", "alpha 2\n", -1));
  tandem_git_panel_refresh (fixture.panel);
  wait_row (fixture.panel, "git.stage", "a.txt");
  click_row_button (fixture.panel, "git.stage", "a.txt");
  wait_row (fixture.panel, "git.unstage", "a.txt");
  set_message (fixture.panel, "Change alpha");
  g_signal_emit_by_name (views_find_button (fixture.panel, "C_ommit"), "clicked");
  wait_git (fixture.dir, "log", "-1", "--format=%s", "Change alpha");
  wait_label (fixture.panel, "Committed");
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 0);
  {
    g_autofree char *author = git_out (fixture.dir, "log", "-1", "--format=%an <%ae>");

    g_assert_cmpstr (author, ==, "Panel Tester <panel@example.com>");
  }

  /* Amend loads HEAD's message; committing replaces HEAD. */
  {
    GtkWidget *amend = tandem_test_find_descendant (fixture.panel, GTK_TYPE_CHECK_BUTTON);
    g_autofree char *count = NULL;

    gtk_check_button_set_active (GTK_CHECK_BUTTON (amend), TRUE);
    wait_label (fixture.panel, "Change alpha");
    set_message (fixture.panel, "Change alpha, amended");
    gtk_widget_activate_action (fixture.panel, "git.commit", NULL);
    wait_git (fixture.dir, "log", "-1", "--format=%s", "Change alpha, amended");
    count = git_out (fixture.dir, "rev-list", "--count", "HEAD");
    g_assert_cmpstr (count, ==, "2");
    g_assert_true (tandem_test_wait_until (check_button_off, amend, 10000));
  }

  fixture_tear_down (&fixture);
}

static void
test_identity_dialog (void)
{
  Fixture fixture = { 0 };
  GtkWidget *name_row;
  GtkWidget *email_row;
  GtkWindow *dialog;
  GtkWidget *save;
  GtkWidget *global;

  fixture_set_up (&fixture, "identity", TRUE);
  g_unsetenv ("EMAIL");

  g_object_unref (tandem_test_write_file (fixture.dir, "c.txt", "gamma 2\n", -1));
  views_git_quiet (fixture.dir, "add", "c.txt", NULL);
  tandem_git_panel_refresh (fixture.panel);
  wait_row (fixture.panel, "git.unstage", "c.txt");

  set_message (fixture.panel, "Who made this");
  gtk_widget_activate_action (fixture.panel, "git.commit", NULL);
  dialog = wait_toplevel (ADW_TYPE_WINDOW, "Who Are You?");
  g_assert_true (gtk_window_get_transient_for (dialog) == fixture.window);

  /* Name, then email, in one group. */
  name_row = tandem_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (name_row);
  email_row = gtk_widget_get_next_sibling (name_row);
  g_assert_true (ADW_IS_ENTRY_ROW (email_row));
  save = views_find_button (GTK_WIDGET (dialog), "_Save and Commit");
  g_assert_nonnull (save);
  g_assert_false (gtk_widget_get_sensitive (save));

  /* Not a valid address yet. */
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Grace Hopper");
  gtk_editable_set_text (GTK_EDITABLE (email_row), "grace");
  g_assert_false (gtk_widget_get_sensitive (save));
  gtk_editable_set_text (GTK_EDITABLE (email_row), "grace@example.com");
  g_assert_true (gtk_widget_get_sensitive (save));

  /* For this repository only: ~/.gitconfig stays as it is. */
  global = tandem_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_SWITCH);
  gtk_switch_set_active (GTK_SWITCH (global), FALSE);
  g_signal_emit_by_name (save, "clicked");

  wait_git (fixture.dir, "log", "-1", "--format=%s", "Who made this");
  {
    g_autofree char *author = git_out (fixture.dir, "log", "-1", "--format=%an <%ae>");
    g_autofree char *name = git_out (fixture.dir, "config", "--local", "user.name");
    g_autofree char *global_config = g_build_filename (g_get_home_dir (), ".gitconfig", NULL);

    g_assert_cmpstr (author, ==, "Grace Hopper <grace@example.com>");
    g_assert_cmpstr (name, ==, "Grace Hopper");
    g_assert_false (g_file_test (global_config, G_FILE_TEST_EXISTS));
  }
  g_assert_null (find_toplevel (ADW_TYPE_WINDOW, "Who Are You?"));

  fixture_tear_down (&fixture);
}

static void
test_discard (void)
{
  Fixture fixture = { 0 };
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  AdwMessageDialog *dialog;

  fixture_set_up (&fixture, "discard", FALSE);
  g_object_unref (tandem_test_write_file (fixture.dir, "a.txt", "lost\n", -1));
  tandem_git_panel_refresh (fixture.panel);
  wait_row (fixture.panel, "git.discard", "a.txt");
  click_row_button (fixture.panel, "git.discard", "a.txt");

  dialog = ADW_MESSAGE_DIALOG (wait_toplevel (ADW_TYPE_MESSAGE_DIALOG, "Discard Changes"));

  /* Asked, not done yet. */
  path = g_build_filename (fixture.dir, "a.txt", NULL);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "lost\n");
  g_clear_pointer (&contents, g_free);

  adw_message_dialog_response (dialog, "confirm");
  wait_git (fixture.dir, "status", "--porcelain", NULL, "");
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "alpha\n");

  fixture_tear_down (&fixture);
}

static GtkWidget *
get_branches (GtkWidget *panel)
{
  GtkWidget *button = tandem_test_find_descendant (panel, GTK_TYPE_MENU_BUTTON);

  g_assert_nonnull (button);
  return GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
}

/* Listed again after a switch to main. */
static gboolean
main_is_head (gpointer data)
{
  GListModel *model = tandem_git_branches_get_model (data);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TandemGitBranch) branch = g_list_model_get_item (model, i);

      if (g_str_equal (tandem_git_branch_get_name (branch), "main"))
        return tandem_git_branch_get_is_head (branch);
    }

  return FALSE;
}

static gboolean
branches_listed (gpointer data)
{
  return g_list_model_get_n_items (tandem_git_branches_get_model (data)) >= 2;
}

static gboolean
tooltip_shown (gpointer data)
{
  return find_widget (data, match_tooltip, g_object_get_data (data, "tooltip")) != NULL;
}

static void
wait_tooltip (GtkWidget  *widget,
              const char *tooltip)
{
  g_object_set_data_full (G_OBJECT (widget), "tooltip", g_strdup (tooltip), g_free);
  g_assert_true (tandem_test_wait_until (tooltip_shown, widget, 10000));
}

static void
test_branches (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  GtkWidget *branches;
  GtkWidget *entry;
  GtkWidget *create;
  GtkWidget *local_list;
  GtkListBoxRow *row = NULL;

  fixture_set_up (&fixture, "branches", FALSE);
  g_free (views_git (fixture.dir, "branch", "-M", "main", NULL));
  tandem_git_panel_refresh (fixture.panel);
  wait_label (fixture.panel, "main");

  g_assert_false (tandem_git_branch_name_is_valid ("bad name", &error));
  g_assert_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_INVALID_NAME);
  g_clear_error (&error);
  g_assert_false (tandem_git_branch_name_is_valid ("x..y", NULL));
  g_assert_false (tandem_git_branch_name_is_valid ("topic.lock", NULL));
  g_assert_true (tandem_git_branch_name_is_valid ("feature/login-2", NULL));

  tandem_git_panel_activate (fixture.panel, "branches");
  branches = get_branches (fixture.panel);
  g_assert_true (gtk_widget_get_visible (branches));

  entry = tandem_test_find_descendant (branches, GTK_TYPE_ENTRY);
  create = views_find_button (branches, "C_reate");
  gtk_editable_set_text (GTK_EDITABLE (entry), "bad name");
  g_assert_false (gtk_widget_get_sensitive (create));
  gtk_editable_set_text (GTK_EDITABLE (entry), "feature/x");
  g_assert_true (gtk_widget_get_sensitive (create));
  g_signal_emit_by_name (create, "clicked");
  wait_git (fixture.dir, "symbolic-ref", "--short", "HEAD", "feature/x");
  wait_label (fixture.panel, "feature/x");

  /* Switch back by activating main's row. */
  tandem_git_panel_activate (fixture.panel, "branches");
  g_assert_true (tandem_test_wait_until (branches_listed, branches, 10000));
  local_list = tandem_test_find_descendant (branches, GTK_TYPE_LIST_BOX);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (local_list), i)) != NULL; i++)
    if (views_find_label (GTK_WIDGET (row), "main") != NULL)
      break;
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activate");
  wait_git (fixture.dir, "symbolic-ref", "--short", "HEAD", "main");
  wait_label (fixture.panel, "Switched to “main”");

  /* A switch that would lose local changes is refused, saying so. */
  views_git_quiet (fixture.dir, "checkout", "-q", "feature/x");
  g_object_unref (tandem_test_write_file (fixture.dir, "a.txt", "alpha on feature\n", -1));
  views_git_quiet (fixture.dir, "commit", "-qam", "Feature alpha");
  views_git_quiet (fixture.dir, "checkout", "-q", "main");
  g_object_unref (tandem_test_write_file (fixture.dir, "a.txt", "alpha, not committed\n", -1));
  tandem_git_panel_activate (fixture.panel, "branches");
  g_assert_true (tandem_test_wait_until (main_is_head, branches, 10000));
  for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (local_list), i)) != NULL; i++)
    if (views_find_label (GTK_WIDGET (row), "feature/x") != NULL)
      break;
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activate");
  wait_label (branches, "your local changes would be overwritten");
  wait_label (fixture.panel, "your local changes would be overwritten");
  wait_git (fixture.dir, "symbolic-ref", "--short", "HEAD", "main");
  g_free (views_git (fixture.dir, "checkout", "-q", "--", "a.txt", NULL));

  /* Deleting a branch with work nowhere else asks twice. */
  views_git_quiet (fixture.dir, "checkout", "-qb", "topic");
  g_object_unref (tandem_test_write_file (fixture.dir, "t.txt", "topic work\n", -1));
  views_git_quiet (fixture.dir, "add", "t.txt", NULL);
  views_git_quiet (fixture.dir, "commit", "-qm", "Topic work");
  views_git_quiet (fixture.dir, "checkout", "-q", "main");
  tandem_git_panel_activate (fixture.panel, "branches");
  wait_tooltip (branches, "Delete Branch “topic”");
  g_signal_emit_by_name (find_widget (branches, match_tooltip, "Delete Branch “topic”"), "clicked");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (wait_toplevel (ADW_TYPE_MESSAGE_DIALOG, "Delete Branch “topic”?")), "confirm");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (wait_toplevel (ADW_TYPE_MESSAGE_DIALOG, "“topic” Has Unmerged Work")), "confirm");
  wait_git (fixture.dir, "branch", "--list", "topic", "");
  wait_label (fixture.panel, "Deleted branch “topic”");

  /* Detached HEAD is shown as such. */
  {
    g_autofree char *short_id = git_out (fixture.dir, "rev-parse", "--short=7", "HEAD");
    g_autofree char *expected = g_strdup_printf ("Detached at %s", short_id);

    views_git_quiet (fixture.dir, "checkout", "-q", "--detach");
    tandem_git_panel_refresh (fixture.panel);
    wait_label (fixture.panel, expected);
  }

  fixture_tear_down (&fixture);
}

static gboolean
history_idle (gpointer data)
{
  return !tandem_git_history_get_loading (data) &&
         g_list_model_get_n_items (tandem_git_history_get_model (data)) > 0;
}

static void
open_page_cb (GtkWidget   *panel,
              GtkWidget   *page,
              const char  *title,
              const char  *icon_name,
              GtkWidget  **opened)
{
  g_assert_null (*opened);
  *opened = g_object_ref_sink (page);
  g_object_set_data_full (G_OBJECT (page), "test-title", g_strdup (title), g_free);
}

static void
test_history (void)
{
  Fixture fixture = { 0 };
  g_autoptr(TandemGitCommit) first = NULL;
  GtkWidget *opened = NULL;
  GtkWidget *history;
  GtkWidget *scroller;
  GListModel *model;

  fixture_set_up (&fixture, "history", FALSE);
  /* 120 commits in one go: fast-import instead of 120 processes. */
  {
    g_autoptr(GString) stream = g_string_new (NULL);
    g_autofree char *import = g_build_filename (fixture.dir, "import.txt", NULL);
    g_autofree char *command = NULL;
    g_autofree char *parent = git_out (fixture.dir, "rev-parse", "HEAD", NULL);
    int status = 0;

    for (int i = 1; i < 120; i++)
      {
        g_string_append_printf (stream, "commit refs/heads/%s\n", "history-import");
        g_string_append_printf (stream, "committer Panel Tester <panel@example.com> %" G_GINT64_FORMAT " +0000\n",
                                g_get_real_time () / G_USEC_PER_SEC + i * 60);
        g_string_append_printf (stream, "data <<EOM\nCommit %d\nEOM\n", i);
        if (i == 1)
          g_string_append_printf (stream, "from %s\n", parent);
        g_string_append (stream, "\n");
      }
    g_assert_true (g_file_set_contents (import, stream->str, -1, NULL));
    command = g_strdup_printf ("sh -c 'cd %s && git fast-import --quiet < import.txt && git reset -q --hard history-import && rm import.txt'",
                               fixture.dir);
    g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, NULL));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  tandem_git_panel_refresh (fixture.panel);

  history = tandem_test_find_descendant (fixture.panel, TANDEM_TYPE_GIT_HISTORY);
  g_assert_nonnull (history);
  model = tandem_git_history_get_model (TANDEM_GIT_HISTORY (history));

  /* Pages of 50, newest first. */
  g_assert_true (tandem_test_wait_until (history_idle, history, 10000));
  tandem_test_spin (500);
  g_assert_true (tandem_test_wait_until (history_idle, history, 10000));
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (tandem_git_commit_get_summary (first), ==, "Commit 119");
  g_assert_cmpuint (g_list_model_get_n_items (model) % 50, ==, 0);

  /* Scrolling to the end loads the rest. */
  scroller = tandem_test_find_descendant (history, GTK_TYPE_SCROLLED_WINDOW);
  for (int i = 0; i < 3; i++)
    {
      g_signal_emit_by_name (scroller, "edge-reached", GTK_POS_BOTTOM);
      g_assert_true (tandem_test_wait_until (history_idle, history, 10000));
    }
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 120);

  /* Activating a commit opens its diff. */
  g_signal_connect (fixture.panel, "open-page", G_CALLBACK (open_page_cb), &opened);
  g_signal_emit_by_name (tandem_test_find_descendant (history, GTK_TYPE_LIST_VIEW), "activate", 0);
  g_assert_nonnull (opened);
  g_assert_cmpstr (G_OBJECT_TYPE_NAME (opened), ==, "TandemGitDiffView");
  g_assert_nonnull (strstr (g_object_get_data (G_OBJECT (opened), "test-title"), "Commit 119"));
  g_clear_object (&opened);

  fixture_tear_down (&fixture);
}

static void
test_relative_time (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 5, 10, 12, 0, 0);
  static const struct {
    GTimeSpan   ago;
    const char *text;
  } cases[] = {
    { 10 * G_TIME_SPAN_SECOND, "just now" },
    { 1 * G_TIME_SPAN_MINUTE, "1 minute ago" },
    { 59 * G_TIME_SPAN_MINUTE, "59 minutes ago" },
    { 2 * G_TIME_SPAN_HOUR, "2 hours ago" },
    { 30 * G_TIME_SPAN_HOUR, "yesterday" },
    { 3 * G_TIME_SPAN_DAY, "3 days ago" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) then = g_date_time_add (now, -cases[i].ago);
      g_autofree char *text = tandem_git_format_relative_time (then, now);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  {
    g_autoptr(GDateTime) old = g_date_time_new_utc (2025, 1, 2, 12, 0, 0);
    g_autofree char *text = tandem_git_format_relative_time (old, now);

    g_assert_nonnull (strstr (text, "2025"));
  }
}

static gboolean
widget_visible (gpointer data)
{
  return gtk_widget_get_visible (data);
}

/* The empty commit message shows a dim hint, which goes away once there is text; the
 * hint never takes clicks meant for the text view. */
static void
test_message_hint (void)
{
  Fixture fixture = { 0 };
  GtkTextView *view;
  GtkWidget *hint;

  fixture_set_up (&fixture, "message-hint", FALSE);
  view = get_message_view (fixture.panel);

  hint = views_find_label (fixture.panel, "Ctrl+Enter to commit");
  g_assert_nonnull (hint);
  g_assert_false (gtk_widget_get_can_target (hint));
  g_assert_true (gtk_widget_get_ancestor (hint, GTK_TYPE_OVERLAY) ==
                 gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_OVERLAY));

  gtk_widget_grab_focus (GTK_WIDGET (view));
  g_signal_emit_by_name (view, "insert-at-cursor", "F");
  g_assert_false (gtk_widget_get_visible (hint));
  g_assert_null (views_find_label (fixture.panel, "Ctrl+Enter to commit"));

  set_message (fixture.panel, "");
  g_assert_true (tandem_test_wait_until (widget_visible, hint, 1000));

  fixture_tear_down (&fixture);
}

/* The shortcut controller on the commit message: Ctrl+Enter (and keypad Enter) run
 * git.commit from the text view, and the commit is made. */
static void
test_ctrl_enter_commits (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GtkShortcutTrigger) ctrl_return = gtk_shortcut_trigger_parse_string ("<Control>Return");
  g_autoptr(GListModel) controllers = NULL;
  GtkTextView *view;
  GtkShortcut *commit_shortcut = NULL;

  fixture_set_up (&fixture, "ctrl-enter", FALSE);
  view = get_message_view (fixture.panel);

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && commit_shortcut == NULL; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
            trigger = gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger));
          if (gtk_shortcut_trigger_equal (trigger, ctrl_return))
            commit_shortcut = g_steal_pointer (&shortcut);
        }
    }
  g_assert_nonnull (commit_shortcut);

  g_object_unref (tandem_test_write_file (fixture.dir, "a.txt", "alpha by keyboard\n", -1));
  views_git_quiet (fixture.dir, "add", "a.txt", NULL);
  tandem_git_panel_refresh (fixture.panel);
  wait_row (fixture.panel, "git.unstage", "a.txt");

  gtk_widget_grab_focus (GTK_WIDGET (view));
  g_signal_emit_by_name (view, "insert-at-cursor", "Commit by keyboard");
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (commit_shortcut), 0,
                                               GTK_WIDGET (view), NULL));
  wait_git (fixture.dir, "log", "-1", "--format=%s", "Commit by keyboard");
  g_assert_cmpint (gtk_text_buffer_get_line_count (gtk_text_view_get_buffer (view)), ==, 1);

  g_object_unref (commit_shortcut);
  fixture_tear_down (&fixture);
}

/* A git:// server that answers the fetch with a ref it will never send: after the
 * negotiation it only says "Counting objects" every 50 ms, as a busy server would, until
 * the client hangs up. */
typedef struct
{
  GSocketService *service;
  guint           port;
  gint            n_running;
  gint            n_served;
} StallServer;

static gboolean
stall_read_pkt (GInputStream *in,
                GString      *into)
{
  char header[5] = { 0 };
  gsize read = 0;
  guint64 length;

  if (!g_input_stream_read_all (in, header, 4, &read, NULL, NULL) || read != 4)
    return FALSE;
  length = g_ascii_strtoull (header, NULL, 16);
  if (length < 4)
    {
      g_string_append (into, "0000");
      return TRUE;
    }
  length -= 4;
  {
    g_autofree char *data = g_malloc (length + 1);

    if (!g_input_stream_read_all (in, data, length, &read, NULL, NULL) || read != length)
      return FALSE;
    g_string_append_len (into, data, length);
  }
  return TRUE;
}

static gboolean
stall_write_pkt (GOutputStream *out,
                 const char    *data,
                 gsize          length)
{
  g_autofree char *header = g_strdup_printf ("%04x", (guint)(length + 4));

  return g_output_stream_write_all (out, header, 4, NULL, NULL, NULL) &&
         g_output_stream_write_all (out, data, length, NULL, NULL, NULL);
}

static gboolean
stall_run_cb (GThreadedSocketService *service,
              GSocketConnection      *connection,
              GObject                *source,
              StallServer            *server)
{
  static const char oid[] = "1111111111111111111111111111111111111111";
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GString) request = g_string_new (NULL);
  g_autoptr(GString) head = g_string_new (oid);
  g_autofree char *main_ref = g_strdup_printf ("%s refs/heads/main\n", oid);
  static const char progress[] = "\002Counting objects: 1\r";

  g_atomic_int_inc (&server->n_running);

  /* The first line of the advertisement carries the capabilities after a NUL. */
  g_string_append (head, " HEAD");
  g_string_append_c (head, '\0');
  g_string_append (head, "side-band-64k ofs-delta\n");

  if (stall_read_pkt (in, request) &&
      stall_write_pkt (out, head->str, head->len) &&
      stall_write_pkt (out, main_ref, strlen (main_ref)) &&
      g_output_stream_write_all (out, "0000", 4, NULL, NULL, NULL))
    {
      /* Wants, a flush, haves, then "done". */
      g_string_truncate (request, 0);
      while (strstr (request->str, "done\n") == NULL && stall_read_pkt (in, request))
        ;
      if (strstr (request->str, "done\n") != NULL && stall_write_pkt (out, "NAK\n", 4))
        {
          g_atomic_int_inc (&server->n_served);
          while (stall_write_pkt (out, progress, sizeof progress - 1))
            g_usleep (50 * G_TIME_SPAN_MILLISECOND);
        }
    }

  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  g_atomic_int_dec_and_test (&server->n_running);
  return TRUE;
}

static gboolean
stall_server_served (gpointer data)
{
  StallServer *server = data;

  return g_atomic_int_get (&server->n_served) > 0;
}

static gboolean
stall_server_idle (gpointer data)
{
  StallServer *server = data;

  return g_atomic_int_get (&server->n_running) == 0;
}

static gboolean
has_error_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (GTK_WIDGET (window)) && ADW_IS_MESSAGE_DIALOG (window))
        return TRUE;
    }
  return FALSE;
}

static gboolean
button_usable (gpointer data)
{
  return gtk_widget_is_visible (data) && gtk_widget_is_sensitive (data);
}

static gboolean
widget_hidden (gpointer data)
{
  return !gtk_widget_is_visible (data);
}

/* Fetch from a server that keeps the client waiting: the Cancel button stops it, the
 * progress goes away, "Cancelled." is said plainly (not as an error), no dialog opens. */
static void
test_cancel_fetch (void)
{
  Fixture fixture = { 0 };
  StallServer server = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GtkWidget *cancel;
  GtkWidget *cancelled;
  GtkWidget *progress;

  /* Progress reports of the worker are dispatched by this thread's loop, as in the app. */
  g_main_context_acquire (g_main_context_default ());

  server.service = g_threaded_socket_service_new (2);
  server.port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (server.service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (server.service, "run", G_CALLBACK (stall_run_cb), &server);
  g_socket_service_start (server.service);

  fixture_set_up (&fixture, "cancel-fetch", FALSE);
  url = g_strdup_printf ("git://127.0.0.1:%u/stall.git", server.port);
  views_git_quiet (fixture.dir, "config", "remote.origin.url", url);
  views_git_quiet (fixture.dir, "config", "remote.origin.fetch", "+refs/heads/*:refs/remotes/origin/*");

  g_assert_true (gtk_widget_activate_action (fixture.panel, "git.fetch", NULL));
  cancel = find_action_button (fixture.panel, "git.cancel", NULL);
  g_assert_nonnull (cancel);
  g_assert_true (tandem_test_wait_until (button_usable, cancel, 5000));
  progress = tandem_test_find_descendant (fixture.panel, GTK_TYPE_PROGRESS_BAR);
  g_assert_true (gtk_widget_is_visible (progress));
  /* The server got as far as sending progress: the fetch is under way, not refused. */
  g_assert_true (tandem_test_wait_until (stall_server_served, &server, 10000));
  tandem_test_spin (200);

  g_test_timer_start ();
  g_signal_emit_by_name (cancel, "clicked");
  wait_label (fixture.panel, "Cancelled");
  g_test_message ("Fetch stopped %.0f ms after Cancel", g_test_timer_elapsed () * 1000);
  cancelled = views_find_label (fixture.panel, "Cancelled");
  g_assert_false (gtk_widget_has_css_class (cancelled, "error"));
  g_assert_true (tandem_test_wait_until (widget_hidden, cancel, 1000));
  g_assert_false (gtk_widget_is_visible (progress));
  g_assert_false (has_error_dialog ());
  g_assert_true (gtk_widget_is_sensitive (find_action_button (fixture.panel, "git.fetch", NULL)));

  /* The client hung up, so the server's thread ends. */
  g_assert_true (tandem_test_wait_until (stall_server_idle, &server, 10000));
  g_socket_service_stop (server.service);
  g_socket_listener_close (G_SOCKET_LISTENER (server.service));
  g_object_unref (server.service);

  fixture_tear_down (&fixture);
  g_main_context_release (g_main_context_default ());
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tandem_test_init_gtk (&argc, &argv);

  g_test_add_func ("/git-panel/not-a-repository", test_not_a_repository);
  g_test_add_func ("/git-panel/sections-and-staging", test_sections_and_staging);
  g_test_add_func ("/git-panel/many-files", test_many_files);
  g_test_add_func ("/git-panel/commit-box", test_commit_box);
  g_test_add_func ("/git-panel/identity-dialog", test_identity_dialog);
  g_test_add_func ("/git-panel/discard", test_discard);
  g_test_add_func ("/git-panel/branches", test_branches);
  g_test_add_func ("/git-panel/history", test_history);
  g_test_add_func ("/git-panel/relative-time", test_relative_time);
  g_test_add_func ("/git-panel/message-hint", test_message_hint);
  g_test_add_func ("/git-panel/ctrl-enter-commits", test_ctrl_enter_commits);
  g_test_add_func ("/git-panel/cancel-fetch", test_cancel_fetch);

  status = g_test_run ();
  git_test_wait_workers ();

  return status;
}
