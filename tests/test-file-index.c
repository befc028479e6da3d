/* test-file-index.c
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

#include "tandem-file-index.h"
#include "tandem-fuzzy.h"
#include "tandem-test.h"

static void
test_fuzzy_basics (void)
{
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));

  g_assert_cmpint (tandem_fuzzy_score ("xyz", "main.c", NULL), ==, -1);
  g_assert_cmpint (tandem_fuzzy_score ("cm", "main.c", NULL), ==, -1);
  g_assert_cmpint (tandem_fuzzy_score ("", "main.c", NULL), ==, 0);
  g_assert_cmpint (tandem_fuzzy_score ("MAIN", "src/main.c", NULL), >, 0);

  /* The matched characters are reported, in order. */
  g_assert_cmpint (tandem_fuzzy_score ("twc", "src/app/tandem-window.c", positions), >, 0);
  g_assert_cmpuint (positions->len, ==, 3);
  g_assert_cmpuint (g_array_index (positions, guint, 0), ==, 8);   /* t of tandem */
  g_assert_cmpuint (g_array_index (positions, guint, 1), ==, 15);  /* w of window */
  g_assert_cmpuint (g_array_index (positions, guint, 2), ==, 22);  /* c of .c */
}

static void
test_fuzzy_ranking (void)
{
  /* Word starts and the file name beat scattered letters. */
  g_assert_cmpint (tandem_fuzzy_score ("fb", "src/foo_bar.c", NULL), >,
                   tandem_fuzzy_score ("fb", "src/fabulous.c", NULL));
  g_assert_cmpint (tandem_fuzzy_score ("win", "src/app/tandem-window.c", NULL), >,
                   tandem_fuzzy_score ("win", "src/w/i/n.c", NULL));
  /* A consecutive run beats the same letters apart. */
  g_assert_cmpint (tandem_fuzzy_score ("doc", "document.c", NULL), >,
                   tandem_fuzzy_score ("doc", "dark_orange_cat.c", NULL));
  /* Shorter wins a tie. */
  g_assert_cmpint (tandem_fuzzy_score ("main", "main.c", NULL), >,
                   tandem_fuzzy_score ("main", "main_long_name.c", NULL));
  /* Long strings are still matched correctly. */
  {
    g_autofree char *lng = g_strnfill (3000, 'a');
    g_autofree char *candidate = g_strconcat (lng, "/zq.c", NULL);

    g_assert_cmpint (tandem_fuzzy_score ("zq", candidate, NULL), >, 0);
    g_assert_cmpint (tandem_fuzzy_score ("qz", candidate, NULL), ==, -1);
  }
}

static GPtrArray *
query (TandemFileIndex *index,
       const char      *text)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *matches;

  tandem_file_index_query_async (index, text, 50, NULL, tandem_test_store_result_cb, &result);
  tandem_test_wait_result (&result, 10000);
  matches = tandem_file_index_query_finish (index, result, &error);
  g_assert_no_error (error);
  return matches;
}

static void
refresh (TandemFileIndex *index)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  tandem_file_index_refresh_async (index, NULL, tandem_test_store_result_cb, &result);
  tandem_test_wait_result (&result, 10000);
  g_assert_true (tandem_file_index_refresh_finish (index, result, &error));
  g_assert_no_error (error);
}

static void
test_index_respects_ignore_rules (void)
{
  g_autofree char *project = tandem_test_make_dir ("indexed");
  g_autoptr(GFile) root = g_file_new_for_path (project);
  g_autoptr(TandemFileIndex) index = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  const char *git[] = { "git", "init", "-q", project, NULL };
  int status = 0;

  g_object_unref (tandem_test_write_file (project, "src/main.c", "", -1));
  g_object_unref (tandem_test_write_file (project, "src/util/helpers.c", "", -1));
  g_object_unref (tandem_test_write_file (project, "README.md", "", -1));
  g_object_unref (tandem_test_write_file (project, "build/main.o", "", -1));
  g_object_unref (tandem_test_write_file (project, "src/main.o", "", -1));
  g_object_unref (tandem_test_write_file (project, ".gitignore", "build/\n*.o\n", -1));

  g_assert_true (g_spawn_sync (NULL, (char **)git, NULL, G_SPAWN_SEARCH_PATH |
                               G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  index = tandem_file_index_new (root);
  refresh (index);

  /* src/main.c, src/util/helpers.c, README.md and .gitignore; not .git, build/ or *.o */
  g_assert_cmpuint (tandem_file_index_get_n_files (index), ==, 4);

  matches = query (index, "main");
  g_assert_cmpuint (matches->len, ==, 1);
  g_assert_cmpstr (((TandemFileMatch *)g_ptr_array_index (matches, 0))->path, ==, "src/main.c");
  g_clear_pointer (&matches, g_ptr_array_unref);

  matches = query (index, "s u h");
  g_assert_cmpuint (matches->len, >=, 1);
  g_assert_cmpstr (((TandemFileMatch *)g_ptr_array_index (matches, 0))->path, ==, "src/util/helpers.c");
  g_clear_pointer (&matches, g_ptr_array_unref);

  /* A file added later appears after the next refresh. */
  g_object_unref (tandem_test_write_file (project, "src/mainloop.c", "", -1));
  refresh (index);
  matches = query (index, "mainl");
  g_assert_cmpuint (matches->len, ==, 1);
}

static void
test_index_plain_folder (void)
{
  g_autofree char *project = tandem_test_make_dir ("plain");
  g_autoptr(GFile) root = g_file_new_for_path (project);
  g_autoptr(TandemFileIndex) index = tandem_file_index_new (root);
  g_autoptr(GPtrArray) matches = NULL;

  g_object_unref (tandem_test_write_file (project, "a/b/c.txt", "", -1));
  g_object_unref (tandem_test_write_file (project, ".hidden/x.txt", "", -1));
  refresh (index);

  g_assert_cmpuint (tandem_file_index_get_n_files (index), ==, 1);
  matches = query (index, "abc");
  g_assert_cmpuint (matches->len, ==, 1);
  g_assert_cmpstr (((TandemFileMatch *)g_ptr_array_index (matches, 0))->path, ==, "a/b/c.txt");
}

int
main (int   argc,
      char *argv[])
{
  tandem_test_init (&argc, &argv);

  g_test_add_func ("/fuzzy/basics", test_fuzzy_basics);
  g_test_add_func ("/fuzzy/ranking", test_fuzzy_ranking);
  g_test_add_func ("/file-index/ignore-rules", test_index_respects_ignore_rules);
  g_test_add_func ("/file-index/plain-folder", test_index_plain_folder);

  return g_test_run ();
}
