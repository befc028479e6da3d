/* git-gutter.c
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

/* How fast the git gutter follows typing in a 10,000-line file. Not a test: run it
 * through bench/git-gutter.sh (it needs a display).
 *
 * A repository with one committed 10,000-line C file; the file is shown in a
 * GtkSourceView with line numbers and the git gutter, and 200 keystrokes are typed into
 * line 5,000 one after another. For each keystroke:
 *   marks    time from the insert until the gutter's "marks-changed" (new marks in place
 *            on the main thread; includes the worker thread and the hop back)
 *   frame    time from the insert until the next frame was painted (GtkSourceView's own
 *            relayout and gutter redraw, line numbers included): the reference
 * The run is repeated with one more edited place 4,900 lines above, and with 40 more
 * edited places all over the file (too many edits for the main thread: a worker diffs
 * the middle).
 * Also, separately:
 *   git diff `git diff` of the same edit through the CLI (process start included), 50x
 *   naive    what recomputing from scratch on every keystroke would cost: copying the
 *            buffer's text, and tandem_git_line_marks_compute () on the whole file, 200x
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <gtksourceview/gtksource.h>

#include "tandem-git-gutter-renderer.h"
#include "tandem-git-repository.h"

#define N_LINES      10000
#define N_KEYSTROKES 200

typedef struct
{
  GMainLoop     *loop;
  GtkTextBuffer *buffer;
  GdkFrameClock *clock;
  GArray        *marks_ms;
  GArray        *frame_ms;
  gint64         typed_at;
  guint          typed;
  gboolean       marks_done;
  gboolean       frame_done;
  gboolean       waiting_first;
} Bench;

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static void
summarize (GArray *values,
           double *median,
           double *max)
{
  g_array_sort (values, compare_double);
  *median = g_array_index (values, double, values->len / 2);
  *max = g_array_index (values, double, values->len - 1);
}

static void
run_git (const char  *dir,
         const char **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  int status = 0;

  g_ptr_array_add (argv, (gpointer)"git");
  g_ptr_array_add (argv, (gpointer)"-c");
  g_ptr_array_add (argv, (gpointer)"user.name=Bench");
  g_ptr_array_add (argv, (gpointer)"-c");
  g_ptr_array_add (argv, (gpointer)"user.email=bench@example.com");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (dir, (char **)argv->pdata, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("git %s: %s", args[0], error->message);
}

static void type_next (Bench *bench);

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds. */
static void
spin (guint ms)
{
  GMainLoop *loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (ms, quit_cb, loop);
  g_main_loop_run (loop);
  g_main_loop_unref (loop);
}

static gboolean
type_next_cb (gpointer data)
{
  type_next (data);
  return G_SOURCE_REMOVE;
}

static void
maybe_next (Bench *bench)
{
  if (!bench->marks_done || !bench->frame_done)
    return;

  if (bench->typed == N_KEYSTROKES)
    g_main_loop_quit (bench->loop);
  else
    g_timeout_add (5, type_next_cb, bench);
}

static void
marks_changed_cb (TandemGitGutterRenderer *renderer,
                  Bench                   *bench)
{
  double ms;

  if (bench->waiting_first)
    {
      bench->waiting_first = FALSE;
      g_main_loop_quit (bench->loop);
      return;
    }
  if (bench->marks_done)
    return;

  ms = (g_get_monotonic_time () - bench->typed_at) / 1000.0;
  g_array_append_val (bench->marks_ms, ms);
  bench->marks_done = TRUE;
  maybe_next (bench);
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  double ms;

  if (bench->frame_done || bench->typed_at == 0)
    return;

  ms = (g_get_monotonic_time () - bench->typed_at) / 1000.0;
  g_array_append_val (bench->frame_ms, ms);
  bench->frame_done = TRUE;
  maybe_next (bench);
}

static void
type_next (Bench *bench)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_line (bench->buffer, &iter, N_LINES / 2);
  gtk_text_iter_forward_to_line_end (&iter);

  bench->marks_done = FALSE;
  bench->frame_done = FALSE;
  bench->typed++;
  bench->typed_at = g_get_monotonic_time ();
  gtk_text_buffer_insert (bench->buffer, &iter, "x", 1);
}

typedef struct
{
  const char *label;
  GArray     *marks_ms;
  GArray     *frame_ms;
} Scenario;

/* Types N_KEYSTROKES characters into line N_LINES / 2, one after the other. */
static void
run_keystrokes (Bench    *bench,
                Scenario *scenario)
{
  scenario->marks_ms = bench->marks_ms = g_array_new (FALSE, FALSE, sizeof (double));
  scenario->frame_ms = bench->frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench->typed = 0;
  type_next (bench);
  g_main_loop_run (bench->loop);
}

/* Edits @count lines, @step lines apart from line @first, and lets the marks settle. */
static void
edit_lines (Bench *bench,
            guint  first,
            guint  step,
            guint  count)
{
  for (guint i = 0; i < count; i++)
    {
      GtkTextIter iter;

      gtk_text_buffer_get_iter_at_line (bench->buffer, &iter, first + i * step);
      gtk_text_buffer_insert (bench->buffer, &iter, "/* edited */ ", -1);
    }
  bench->marks_done = bench->frame_done = TRUE;
  spin (300);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("tandem-bench-gutter-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.c", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GFile) workdir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemGitRepository) repository = NULL;
  g_autoptr(GArray) copy_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) diff_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) git_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GBytes) head = NULL;
  TandemGitGutterRenderer *renderer;
  GtkSourceBuffer *buffer;
  GtkWidget *view;
  GtkWidget *scroller;
  GtkWindow *window;
  Bench bench = { 0 };
  double marks_med, marks_max, frame_med, frame_max, copy_med, copy_max;
  double diff_med, diff_max, git_med, git_max, first_marks_med = 0, first_frame_med = 1;
  Scenario scenarios[] = {
    { "typing in one place" },
    { "  + 1 more edited place, 4,900 lines away" },
    { "  + 40 more edited places (diffed in a worker)" },
  };

  gtk_init ();
  gtk_source_init ();

  for (guint i = 0; i < N_LINES; i++)
    g_string_append_printf (text, "static int value_%05u = %u; /* line %u of the benchmark file */\n",
                            i, i * 7, i + 1);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  head = g_bytes_new (text->str, text->len);
  run_git (dir, (const char *[]) { "init", "-q", NULL });
  run_git (dir, (const char *[]) { "add", "big.c", NULL });
  run_git (dir, (const char *[]) { "commit", "-qm", "Big file", NULL });

  workdir = g_file_new_for_path (dir);
  repository = tandem_git_repository_open (workdir, &error);
  g_assert_no_error (error);

  buffer = gtk_source_buffer_new_with_language (
    gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (), "c"));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), text->str, text->len - 1);
  view = gtk_source_view_new_with_buffer (buffer);
  g_object_unref (buffer);
  gtk_source_view_set_show_line_numbers (GTK_SOURCE_VIEW (view), TRUE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1000, 800);
  gtk_window_set_child (window, scroller);
  gtk_window_present (window);

  bench.loop = g_main_loop_new (NULL, FALSE);
  bench.buffer = GTK_TEXT_BUFFER (buffer);

  renderer = tandem_git_gutter_renderer_attach (GTK_SOURCE_VIEW (view), repository, "big.c");
  g_signal_connect (renderer, "marks-changed", G_CALLBACK (marks_changed_cb), &bench);

  /* The first marks (HEAD read, nothing changed yet). */
  bench.waiting_first = TRUE;
  g_main_loop_run (bench.loop);

  /* Type in the middle of the file, with that line on screen. */
  {
    GtkTextIter iter;

    gtk_text_buffer_get_iter_at_line (bench.buffer, &iter, N_LINES / 2);
    gtk_text_buffer_place_cursor (bench.buffer, &iter);
    gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (view), &iter, 0, TRUE, 0, 0.5);
  }
  spin (300);
  bench.clock = gtk_widget_get_frame_clock (view);
  g_signal_connect (bench.clock, "after-paint", G_CALLBACK (after_paint_cb), &bench);

  /* Typing in one place; then with another edited place 4,900 lines above; then with
   * 40 places edited all over the file, which is more than the main thread diffs. */
  run_keystrokes (&bench, &scenarios[0]);
  edit_lines (&bench, 100, 0, 1);
  run_keystrokes (&bench, &scenarios[1]);
  edit_lines (&bench, 25, 250, 40);
  run_keystrokes (&bench, &scenarios[2]);

  g_signal_handlers_disconnect_by_data (bench.clock, &bench);
  g_signal_handlers_disconnect_by_data (renderer, &bench);

  /* The parts, one by one. */
  for (guint i = 0; i < N_KEYSTROKES; i++)
    {
      GtkTextIter begin, end;
      g_autofree char *copy = NULL;
      g_autoptr(GArray) marks = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double ms;

      gtk_text_buffer_get_bounds (bench.buffer, &begin, &end);
      copy = gtk_text_buffer_get_text (bench.buffer, &begin, &end, TRUE);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (copy_ms, ms);

      t0 = g_get_monotonic_time ();
      marks = tandem_git_line_marks_compute (head, copy, strlen (copy));
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (diff_ms, ms);
    }

  /* The same edit on disk, diffed by the git command line. */
  {
    GtkTextIter begin, end;
    g_autofree char *now = NULL;

    gtk_text_buffer_get_bounds (bench.buffer, &begin, &end);
    now = gtk_text_buffer_get_text (bench.buffer, &begin, &end, TRUE);
    g_file_set_contents (path, now, -1, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < 50; i++)
      {
        gint64 t0 = g_get_monotonic_time ();
        double ms;

        run_git (dir, (const char *[]) { "diff", "--no-color", "-U0", "--", "big.c", NULL });
        ms = (g_get_monotonic_time () - t0) / 1000.0;
        g_array_append_val (git_ms, ms);
      }
  }

  summarize (copy_ms, &copy_med, &copy_max);
  summarize (diff_ms, &diff_med, &diff_max);
  summarize (git_ms, &git_med, &git_max);

  printf ("git gutter, %u-line C file, %u keystrokes typed into line %u in each case\n",
          N_LINES, N_KEYSTROKES, N_LINES / 2);
  printf ("%-50s %22s %22s\n", "", "keystroke -> marks", "keystroke -> frame");
  printf ("%-50s %11s %10s %11s %10s\n", "", "median ms", "max ms", "median ms", "max ms");
  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    {
      summarize (scenarios[i].marks_ms, &marks_med, &marks_max);
      summarize (scenarios[i].frame_ms, &frame_med, &frame_max);
      printf ("%-50s %11.2f %10.2f %11.2f %10.2f\n", scenarios[i].label,
              marks_med, marks_max, frame_med, frame_max);
      if (i == 0)
        first_marks_med = marks_med, first_frame_med = frame_med;
    }
  printf ("%-50s %11.2f %10.2f\n", "reference: git diff of the same edit (CLI)", git_med, git_max);
  printf ("%-50s %11.2f %10.2f\n", "naive way, main thread: copy the whole text", copy_med, copy_max);
  printf ("%-50s %11.2f %10.2f\n", "naive way, worker: diff the whole file", diff_med, diff_max);
  printf ("one place: ratio marks / frame %.3f, marks / git diff %.3f\n",
          first_marks_med / first_frame_med, first_marks_med / git_med);

  gtk_window_destroy (window);
  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    {
      g_array_unref (scenarios[i].marks_ms);
      g_array_unref (scenarios[i].frame_ms);
    }
  g_main_loop_unref (bench.loop);
  {
    g_autofree char *command = g_strdup_printf ("rm -rf %s", dir);

    g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  }

  return 0;
}
