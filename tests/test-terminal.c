/* test-terminal.c
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

/* Terminal pages and the panel with a real VTE, real shells and real processes, under
 * a real display: the shell starts in the project, typed input runs, exits are reported,
 * file references open files, the palette follows dark mode, Run and Stop. */

#include "config.h"

#include <signal.h>
#include <sys/wait.h>

#include <adwaita.h>

#include "tandem-run-config.h"
#include "tandem-terminal-page.h"
#include "tandem-terminal-panel.h"
#include "tandem-test.h"

#define TIMEOUT_MS 15000

static GSettings *settings;

typedef struct
{
  TandemTerminalPage *page;
  const char         *needle;
} TextWait;

static gboolean
text_contains (gpointer data)
{
  TextWait *wait = data;
  g_autofree char *text = tandem_terminal_page_dup_text (wait->page);

  return text != NULL && strstr (text, wait->needle) != NULL;
}

static void
wait_for_text (TandemTerminalPage *page,
               const char         *needle)
{
  TextWait wait = { page, needle };

  if (!tandem_test_wait_until (text_contains, &wait, TIMEOUT_MS))
    {
      g_autofree char *text = tandem_terminal_page_dup_text (page);
      g_error ("“%s” did not appear in the terminal; it shows:\n%s", needle, text);
    }
}

static gboolean
banner_shown (gpointer data)
{
  g_autofree char *text = tandem_terminal_page_dup_banner_text (data);

  return text != NULL;
}

static gboolean
page_running (gpointer data)
{
  return tandem_terminal_page_get_state (data) == TANDEM_TERMINAL_STATE_RUNNING;
}

static gboolean
page_exited (gpointer data)
{
  return tandem_terminal_page_get_state (data) == TANDEM_TERMINAL_STATE_EXITED;
}

static void
type_text (TandemTerminalPage *page,
           const char         *text)
{
  vte_terminal_feed_child (tandem_terminal_page_get_terminal (page), text, -1);
}

/* A window shows the page, as in the app: VTE reads its PTY only while realized. */
static GtkWindow *
show_in_window (GtkWidget *child)
{
  GtkWindow *window = GTK_WINDOW (adw_window_new ());

  gtk_window_set_default_size (window, 800, 500);
  adw_window_set_content (ADW_WINDOW (window), child);
  gtk_window_present (window);
  return window;
}

static void
test_shell_in_project_root (void)
{
  g_autofree char *project = tandem_test_make_dir ("shell-root");
  g_autoptr(GFile) root = g_file_new_for_path (project);
  g_autofree char *expected = NULL;
  TandemTerminalPage *page;
  GtkWindow *window;

  page = tandem_terminal_page_new (root, NULL);
  window = show_in_window (GTK_WIDGET (page));
  g_assert_true (tandem_test_wait_until (page_running, page, TIMEOUT_MS));
  g_assert_cmpint (tandem_terminal_page_get_pid (page), >, 0);

  type_text (page, "pwd; echo \"TERM=$TERM COLORTERM=$COLORTERM\"\n");
  wait_for_text (page, "COLORTERM=truecolor");
  expected = g_strdup_printf ("\n%s", project);
  wait_for_text (page, expected);
  wait_for_text (page, "TERM=xterm-256color");

  /* Typed input runs: the result is something the typed line does not contain. */
  type_text (page, "echo sum-$((6 * 7))\n");
  wait_for_text (page, "sum-42");

  gtk_window_destroy (window);
}

static void
test_exit_banner (void)
{
  g_autofree char *project = tandem_test_make_dir ("exit-banner");
  g_autoptr(GFile) root = g_file_new_for_path (project);
  g_autofree char *banner = NULL;
  TandemTerminalPage *page;
  GtkWindow *window;
  GPid first_pid;

  page = tandem_terminal_page_new (root, NULL);
  window = show_in_window (GTK_WIDGET (page));
  g_assert_true (tandem_test_wait_until (page_running, page, TIMEOUT_MS));
  type_text (page, "echo ready\n");
  wait_for_text (page, "\nready");
  /* Past the "died at once" limit, so the exit is reported and not retried. */
  tandem_test_spin (1200);

  first_pid = tandem_terminal_page_get_pid (page);
  type_text (page, "exit 3\n");
  g_assert_true (tandem_test_wait_until (banner_shown, page, TIMEOUT_MS));
  banner = tandem_terminal_page_dup_banner_text (page);
  g_assert_cmpstr (banner, ==, "The shell exited with code 3");
  g_assert_cmpint (tandem_terminal_page_get_state (page), ==, TANDEM_TERMINAL_STATE_EXITED);
  g_assert_true (WIFEXITED (tandem_terminal_page_get_wait_status (page)));
  g_assert_cmpint (WEXITSTATUS (tandem_terminal_page_get_wait_status (page)), ==, 3);

  /* Restart starts a new shell. */
  gtk_widget_activate_action (GTK_WIDGET (page), "term.restart", NULL);
  g_assert_true (tandem_test_wait_until (page_running, page, TIMEOUT_MS));
  g_assert_cmpint (tandem_terminal_page_get_pid (page), !=, first_pid);
  g_assert_false (banner_shown (page));

  gtk_window_destroy (window);
}

static void
count_exits_cb (TandemTerminalPage *page,
                int                 status,
                gpointer            user_data)
{
  (*(guint *)user_data)++;
}

static void
test_quick_death_not_respawned (void)
{
  g_autofree char *banner = NULL;
  TandemTerminalPage *page;
  GtkWindow *window;
  guint exits = 0;

  g_settings_set_string (settings, "terminal-shell", "/bin/false");

  page = tandem_terminal_page_new (NULL, NULL);
  g_signal_connect (page, "exited", G_CALLBACK (count_exits_cb), &exits);
  window = show_in_window (GTK_WIDGET (page));
  g_assert_true (tandem_test_wait_until (banner_shown, page, TIMEOUT_MS));
  banner = tandem_terminal_page_dup_banner_text (page);
  g_assert_nonnull (strstr (banner, "twice in a row"));
  g_assert_nonnull (strstr (banner, "code 1"));

  /* No loop: it stays at two attempts. */
  tandem_test_spin (1500);
  g_assert_cmpuint (exits, ==, 2);
  g_assert_cmpint (tandem_terminal_page_get_state (page), ==, TANDEM_TERMINAL_STATE_EXITED);

  gtk_window_destroy (window);
  g_settings_set_string (settings, "terminal-shell", "/bin/sh");
}

typedef struct
{
  GFile *file;
  int    line;
  int    column;
  guint  count;
} OpenFile;

static void
open_file_cb (GtkWidget *page,
              GFile     *file,
              int        line,
              int        column,
              OpenFile  *open)
{
  g_set_object (&open->file, file);
  open->line = line;
  open->column = column;
  open->count++;
}

static guint wanted_opens;

static gboolean
opened_enough (gpointer data)
{
  return ((OpenFile *)data)->count >= wanted_opens;
}

static void
test_reference_opens_file (void)
{
  g_autofree char *project = tandem_test_make_dir ("reference");
  g_autoptr(GFile) root = g_file_new_for_path (project);
  g_autoptr(GFile) source = tandem_test_write_file (project, "src/a.c", "int a;\n", -1);
  OpenFile open = { NULL, -1, -1, 0 };
  TandemTerminalPage *page;
  GtkWindow *window;

  page = tandem_terminal_page_new (root, NULL);
  g_signal_connect (page, "open-file", G_CALLBACK (open_file_cb), &open);
  window = show_in_window (GTK_WIDGET (page));

  tandem_terminal_page_open_reference (page, "src/a.c:12:5: error: expected ';'");
  wanted_opens = 1;
  g_assert_true (tandem_test_wait_until (opened_enough, &open, TIMEOUT_MS));
  g_assert_true (g_file_equal (open.file, source));
  g_assert_cmpint (open.line, ==, 11);
  g_assert_cmpint (open.column, ==, 4);

  /* grep -n style, without a column. */
  tandem_terminal_page_open_reference (page, "src/a.c:1:int a;");
  wanted_opens = 2;
  g_assert_true (tandem_test_wait_until (opened_enough, &open, TIMEOUT_MS));
  g_assert_cmpuint (open.count, ==, 2);
  g_assert_cmpint (open.line, ==, 0);
  g_assert_cmpint (open.column, ==, 0);

  /* A reference to a file that is not there opens nothing. */
  tandem_terminal_page_open_reference (page, "src/missing.c:3");
  tandem_test_spin (300);
  g_assert_cmpuint (open.count, ==, 2);

  g_clear_object (&open.file);
  gtk_window_destroy (window);
}

static gboolean
background_is_dark (gpointer data)
{
  GdkRGBA color;

  vte_terminal_get_color_background_for_draw (tandem_terminal_page_get_terminal (data), &color);
  return color.red + color.green + color.blue < 0.5;
}

static void
test_palette_follows_dark (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  TandemTerminalPage *page;
  GtkWindow *window;

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  page = tandem_terminal_page_new (NULL, NULL);
  window = show_in_window (GTK_WIDGET (page));
  g_assert_false (background_is_dark (page));

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (tandem_test_wait_until (background_is_dark, page, TIMEOUT_MS));

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  tandem_test_spin (50);
  g_assert_false (background_is_dark (page));

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (window);
}

static TandemTerminalPage *
wait_run_page (TandemTerminalPanel *panel)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_MS * 1000;

  while (tandem_terminal_panel_get_run_page (panel) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_nonnull (tandem_terminal_panel_get_run_page (panel));
  return tandem_terminal_panel_get_run_page (panel);
}

static void
test_run_reports_status_and_duration (void)
{
  g_autofree char *project = tandem_test_make_dir ("run-status");
  g_autoptr(GFile) root = g_file_new_for_path (project);
  g_autoptr(GError) error = NULL;
  g_autofree char *banner = NULL;
  TandemTerminalPanel *panel;
  TandemTerminalPage *page;
  GtkWindow *window;
  gint64 duration;

  g_assert_true (tandem_run_config_save (root, "sleep 1.2; echo ran-in-$(pwd); exit 7", &error));
  g_assert_no_error (error);

  panel = TANDEM_TERMINAL_PANEL (tandem_terminal_panel_new (root));
  window = show_in_window (GTK_WIDGET (panel));
  tandem_terminal_panel_run (GTK_WIDGET (panel));
  page = wait_run_page (panel);
  g_assert_true (tandem_test_wait_until (page_running, page, TIMEOUT_MS));
  g_assert_true (tandem_terminal_panel_get_running (GTK_WIDGET (panel)));

  g_assert_true (tandem_test_wait_until (page_exited, page, TIMEOUT_MS));
  g_assert_false (tandem_terminal_panel_get_running (GTK_WIDGET (panel)));
  wait_for_text (page, project);
  g_assert_cmpint (WEXITSTATUS (tandem_terminal_page_get_wait_status (page)), ==, 7);
  duration = tandem_terminal_page_get_duration (page);
  g_assert_cmpint (duration, >=, 1200000);
  g_assert_cmpint (duration, <, 10 * G_USEC_PER_SEC);

  banner = tandem_terminal_page_dup_banner_text (page);
  g_assert_true (g_str_has_prefix (banner, "Exited with status 7 after 1."));
  g_assert_true (g_str_has_suffix (banner, " s"));

  gtk_window_destroy (window);
}

/* Processes of process group @pgid that are not zombies. */
static guint
count_group_processes (GPid pgid)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  guint count = 0;

  g_assert_nonnull (proc);
  while ((name = g_dir_read_name (proc)))
    {
      g_autofree char *path = NULL;
      g_autofree char *stat = NULL;
      char state;
      int pid, ppid, pgrp;
      const char *after_name;

      if (!g_ascii_isdigit (name[0]))
        continue;
      path = g_build_filename ("/proc", name, "stat", NULL);
      if (!g_file_get_contents (path, &stat, NULL, NULL))
        continue;
      /* "pid (comm) state ppid pgrp …"; comm may hold spaces and parentheses. */
      after_name = strrchr (stat, ')');
      if (after_name == NULL || sscanf (stat, "%d", &pid) != 1 ||
          sscanf (after_name + 1, " %c %d %d", &state, &ppid, &pgrp) != 3)
        continue;
      if (pgrp == pgid && state != 'Z')
        count++;
    }

  return count;
}

static gboolean
group_gone (gpointer data)
{
  return count_group_processes (GPOINTER_TO_INT (data)) == 0;
}

static void
test_stop_leaves_nothing (void)
{
  g_autofree char *project = tandem_test_make_dir ("run-stop");
  g_autoptr(GFile) root = g_file_new_for_path (project);
  g_autoptr(GError) error = NULL;
  g_autofree char *banner = NULL;
  TandemTerminalPanel *panel;
  TandemTerminalPage *page;
  GtkWindow *window;
  GPid pgid;
  gint64 stopped_at;

  /* Ignores SIGINT, with children in the background: only SIGKILL ends it all. */
  g_assert_true (tandem_run_config_save (root,
                                         "trap '' INT; sleep 60 & sleep 60 & echo started; wait",
                                         &error));
  g_assert_no_error (error);

  panel = TANDEM_TERMINAL_PANEL (tandem_terminal_panel_new (root));
  window = show_in_window (GTK_WIDGET (panel));
  tandem_terminal_panel_run (GTK_WIDGET (panel));
  page = wait_run_page (panel);
  g_assert_true (tandem_test_wait_until (page_running, page, TIMEOUT_MS));
  wait_for_text (page, "started");

  pgid = tandem_terminal_page_get_pid (page);
  g_assert_cmpuint (count_group_processes (pgid), >=, 3);

  stopped_at = g_get_monotonic_time ();
  tandem_terminal_panel_stop (GTK_WIDGET (panel));
  g_assert_true (tandem_test_wait_until (page_exited, page, TIMEOUT_MS));
  /* SIGINT was ignored: SIGKILL after the grace period. */
  g_assert_cmpint (g_get_monotonic_time () - stopped_at, >=, 1900000);
  g_assert_true (WIFSIGNALED (tandem_terminal_page_get_wait_status (page)));
  g_assert_cmpint (WTERMSIG (tandem_terminal_page_get_wait_status (page)), ==, SIGKILL);
  g_assert_true (tandem_test_wait_until (group_gone, GINT_TO_POINTER (pgid), TIMEOUT_MS));

  banner = tandem_terminal_page_dup_banner_text (page);
  g_assert_true (g_str_has_prefix (banner, "Stopped by signal 9"));

  /* A command that obeys SIGINT ends at once. */
  g_assert_true (tandem_run_config_save (root, "echo again; sleep 60", &error));
  tandem_terminal_panel_run (GTK_WIDGET (panel));
  g_assert_true (tandem_test_wait_until (page_running, page, TIMEOUT_MS));
  wait_for_text (page, "\nagain");
  pgid = tandem_terminal_page_get_pid (page);
  stopped_at = g_get_monotonic_time ();
  tandem_terminal_panel_stop (GTK_WIDGET (panel));
  g_assert_true (tandem_test_wait_until (page_exited, page, TIMEOUT_MS));
  g_assert_cmpint (g_get_monotonic_time () - stopped_at, <, 1900000);
  g_assert_true (tandem_test_wait_until (group_gone, GINT_TO_POINTER (pgid), TIMEOUT_MS));

  gtk_window_destroy (window);
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

typedef struct
{
  TandemTerminalPage *page;
  GPid                old_pid;
} Restarted;

static gboolean
restarted (gpointer data)
{
  Restarted *r = data;

  return page_running (r->page) && tandem_terminal_page_get_pid (r->page) != r->old_pid;
}

static void
test_run_while_running_asks (void)
{
  g_autofree char *project = tandem_test_make_dir ("run-restart");
  g_autoptr(GFile) root = g_file_new_for_path (project);
  g_autoptr(GError) error = NULL;
  TandemTerminalPanel *panel;
  TandemTerminalPage *page;
  GtkWindow *window;
  Restarted r;

  g_assert_true (tandem_run_config_save (root, "sleep 60", &error));
  panel = TANDEM_TERMINAL_PANEL (tandem_terminal_panel_new (root));
  window = show_in_window (GTK_WIDGET (panel));
  tandem_terminal_panel_run (GTK_WIDGET (panel));
  page = wait_run_page (panel);
  g_assert_true (tandem_test_wait_until (page_running, page, TIMEOUT_MS));

  r.page = page;
  r.old_pid = tandem_terminal_page_get_pid (page);
  tandem_terminal_panel_run (GTK_WIDGET (panel));
  g_assert_true (tandem_test_wait_until (dialog_shown, NULL, TIMEOUT_MS));
  adw_message_dialog_response (find_message_dialog (), "restart");
  g_assert_true (tandem_test_wait_until (restarted, &r, TIMEOUT_MS));
  g_assert_true (group_gone (GINT_TO_POINTER (r.old_pid)));

  /* Closing the window ends the command too. */
  r.old_pid = tandem_terminal_page_get_pid (page);
  gtk_window_destroy (window);
  g_assert_true (tandem_test_wait_until (group_gone, GINT_TO_POINTER (r.old_pid), TIMEOUT_MS));
}

static void
test_first_run_asks_for_command (void)
{
  g_autofree char *project = tandem_test_make_dir ("run-first");
  g_autoptr(GFile) root = g_file_new_for_path (project);
  g_autoptr(GFile) makefile = tandem_test_write_file (project, "Makefile", "all:\n\t@echo built-it\n", -1);
  g_autofree char *saved = NULL;
  TandemTerminalPanel *panel;
  TandemTerminalPage *page;
  GtkWindow *window;
  GtkWidget *entry;
  gboolean was_saved = FALSE;

  panel = TANDEM_TERMINAL_PANEL (tandem_terminal_panel_new (root));
  window = show_in_window (GTK_WIDGET (panel));
  tandem_terminal_panel_run (GTK_WIDGET (panel));
  g_assert_true (tandem_test_wait_until (dialog_shown, NULL, TIMEOUT_MS));

  /* Prefilled with the detected command. */
  entry = adw_message_dialog_get_extra_child (find_message_dialog ());
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "make");
  adw_message_dialog_response (find_message_dialog (), "run");

  page = wait_run_page (panel);
  g_assert_true (tandem_test_wait_until (page_exited, page, TIMEOUT_MS));
  wait_for_text (page, "built-it");
  saved = tandem_run_config_load (root, &was_saved, NULL, NULL);
  g_assert_cmpstr (saved, ==, "make");
  g_assert_true (was_saved);

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  tandem_test_init_gtk (&argc, &argv);

  settings = g_settings_new (SCHEMA_ID);
  g_settings_set_string (settings, "terminal-shell", "/bin/sh");

  g_test_add_func ("/terminal/shell-in-project-root", test_shell_in_project_root);
  g_test_add_func ("/terminal/exit-banner", test_exit_banner);
  g_test_add_func ("/terminal/quick-death-not-respawned", test_quick_death_not_respawned);
  g_test_add_func ("/terminal/reference-opens-file", test_reference_opens_file);
  g_test_add_func ("/terminal/palette-follows-dark", test_palette_follows_dark);
  g_test_add_func ("/terminal/run-reports-status-and-duration", test_run_reports_status_and_duration);
  g_test_add_func ("/terminal/stop-leaves-nothing", test_stop_leaves_nothing);
  g_test_add_func ("/terminal/run-while-running-asks", test_run_while_running_asks);
  g_test_add_func ("/terminal/first-run-asks-for-command", test_first_run_asks_for_command);

  ret = g_test_run ();
  g_clear_object (&settings);
  return ret;
}
