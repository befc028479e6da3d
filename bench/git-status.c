/* git-status.c
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

/* Times tandem_git_repository_status_async() end to end, from the call on the main
 * thread until its callback ran there, on an existing repository. Not a test: run it
 * through bench/git-status.sh, which makes the repository and times `git status` too.
 *
 *   bench-git-status [--runs N] [--compare-git] REPOSITORY
 *
 * Prints one line per run and "tandem: median X ms over N runs (files in status: M)".
 * One run before the timed ones is not counted (thread pool start, page cache). With
 * --compare-git, each run is followed by `git status --porcelain` timed from exec to
 * exit, so that both see the same load of a shared machine, and it also prints
 * "git: median X ms" and "ratio: median of the per-run ratios".
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <gio/gio.h>

#include "tandem-git-repository.h"

typedef struct
{
  GMainLoop       *loop;
  TandemGitStatus *status;
  GError          *error;
} Run;

static void
status_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Run *run = user_data;

  run->status = tandem_git_repository_status_finish (TANDEM_GIT_REPOSITORY (object), result,
                                                     &run->error);
  g_main_loop_quit (run->loop);
}

static int compare_doubles (gconstpointer a,
                            gconstpointer b);

static double
time_git (const char *workdir)
{
  const char *argv[] = { "git", "-C", workdir, "status", "--porcelain", NULL };
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int status = 0;

  if (!g_spawn_sync (NULL, (char **)argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("git status failed: %s", error->message);

  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
median (GArray *values)
{
  g_autoptr(GArray) sorted = g_array_copy (values);

  g_array_sort (sorted, compare_doubles);
  if (sorted->len % 2 == 1)
    return g_array_index (sorted, double, sorted->len / 2);
  return (g_array_index (sorted, double, sorted->len / 2 - 1) +
          g_array_index (sorted, double, sorted->len / 2)) / 2;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) directory = NULL;
  g_autoptr(TandemGitRepository) repo = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) git_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *workdir = NULL;
  guint n_changes = 0;
  gboolean compare_git = FALSE;
  int runs = 7;
  GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Timed runs (default 7)", "N" },
    { "compare-git", 'g', 0, G_OPTION_ARG_NONE, &compare_git, "Time git status too", NULL },
    { NULL }
  };

  context = g_option_context_new ("REPOSITORY");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || runs < 1)
    {
      g_printerr ("usage: bench-git-status [--runs N] REPOSITORY\n");
      return EXIT_FAILURE;
    }

  directory = g_file_new_for_commandline_arg (argv[1]);
  repo = tandem_git_repository_open (directory, &error);
  if (repo == NULL)
    {
      g_printerr ("bench-git-status: %s\n", error->message);
      return EXIT_FAILURE;
    }

  loop = g_main_loop_new (NULL, FALSE);
  workdir = g_file_get_path (tandem_git_repository_get_workdir (repo));
  if (compare_git)
    time_git (workdir);

  for (int i = -1; i < runs; i++)
    {
      Run run = { loop, NULL, NULL };
      gint64 start = g_get_monotonic_time ();
      double ms;

      tandem_git_repository_status_async (repo, NULL, status_cb, &run);
      g_main_loop_run (loop);
      ms = (g_get_monotonic_time () - start) / 1000.0;

      if (run.error != NULL)
        {
          g_printerr ("bench-git-status: %s\n", run.error->message);
          g_error_free (run.error);
          return EXIT_FAILURE;
        }

      n_changes = tandem_git_status_get_n_changes (run.status);
      g_object_unref (run.status);

      if (i < 0)
        continue;
      g_array_append_val (times, ms);
      if (compare_git)
        {
          double git_ms = time_git (workdir);
          double ratio = ms / git_ms;

          g_array_append_val (git_times, git_ms);
          g_array_append_val (ratios, ratio);
          printf ("run %d: %.1f ms, git %.1f ms\n", i + 1, ms, git_ms);
        }
      else
        printf ("run %d: %.1f ms\n", i + 1, ms);
    }

  printf ("tandem: median %.1f ms over %d runs (files in status: %u)\n",
          median (times), runs, n_changes);
  if (compare_git)
    {
      printf ("git: median %.1f ms\n", median (git_times));
      printf ("ratio: %.2f (median of the per-run ratios)\n", median (ratios));
    }

  return EXIT_SUCCESS;
}
