/* test-run-config.c
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

/* The per-project run command: guessed from the project's files, remembered per project
 * under the XDG config folder, never inside the project. No display. */

#include "config.h"

#include "tandem-run-config.h"
#include "tandem-test.h"

static char *
detect_in (const char *name,
           const char *file,
           const char *contents)
{
  g_autofree char *dir = tandem_test_make_dir (name);
  g_autoptr(GFile) root = g_file_new_for_path (dir);

  if (file != NULL)
    g_object_unref (tandem_test_write_file (dir, file, contents, -1));

  return tandem_run_config_detect (root, NULL);
}

static void
test_detect (void)
{
  struct {
    const char *name;
    const char *file;
    const char *contents;
    const char *expected;
  } cases[] = {
    { "meson", "meson.build", "project('x', 'c')\n",
      "(test -d _build || meson setup _build) && meson compile -C _build" },
    { "make", "Makefile", "all:\n\ttrue\n", "make" },
    { "cargo", "Cargo.toml", "[package]\nname = \"x\"\n", "cargo run" },
    { "npm", "package.json", "{ \"scripts\": { \"start\": \"node .\" } }", "npm start" },
    { "npm-no-start", "package.json", "{ \"scripts\": { \"test\": \"jest\" } }", NULL },
    { "npm-broken", "package.json", "{ not json", NULL },
    { "python", "main.py", "print('hi')\n", "python3 main.py" },
    { "cmake", "CMakeLists.txt", "project(x)\n", "cmake -S . -B build && cmake --build build" },
    { "empty", NULL, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *command = detect_in (cases[i].name, cases[i].file, cases[i].contents);

      g_assert_cmpstr (command, ==, cases[i].expected);
    }
}

static void
test_remembered_per_project (void)
{
  g_autofree char *dir_a = tandem_test_make_dir ("remember-a");
  g_autofree char *dir_b = tandem_test_make_dir ("remember-b");
  g_autoptr(GFile) a = g_file_new_for_path (dir_a);
  g_autoptr(GFile) b = g_file_new_for_path (dir_b);
  g_autofree char *path_a = tandem_run_config_dup_path (a);
  g_autofree char *path_b = tandem_run_config_dup_path (b);
  g_autofree char *config_root = g_build_filename (g_get_user_config_dir (), "tandem", "projects", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *loaded_a = NULL;
  g_autofree char *loaded_b = NULL;
  g_autoptr(GFileEnumerator) children = NULL;
  gboolean saved = TRUE;

  g_object_unref (tandem_test_write_file (dir_b, "Makefile", "all:\n", -1));

  /* Nothing saved: the detected command, marked as not saved. */
  loaded_b = tandem_run_config_load (b, &saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded_b, ==, "make");
  g_assert_false (saved);
  g_clear_pointer (&loaded_b, g_free);

  g_assert_true (tandem_run_config_save (a, "./run.sh --fast", &error));
  g_assert_no_error (error);
  g_assert_true (tandem_run_config_save (b, "make check", &error));
  g_assert_no_error (error);

  g_assert_cmpstr (path_a, !=, path_b);
  g_assert_true (g_str_has_prefix (path_a, config_root));
  g_assert_true (g_file_test (path_a, G_FILE_TEST_IS_REGULAR));

  loaded_a = tandem_run_config_load (a, &saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded_a, ==, "./run.sh --fast");
  g_assert_true (saved);
  loaded_b = tandem_run_config_load (b, &saved, NULL, &error);
  g_assert_cmpstr (loaded_b, ==, "make check");

  /* Nothing was written inside the projects. */
  children = g_file_enumerate_children (a, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (g_file_enumerator_next_file (children, NULL, NULL));
}

static void
test_async (void)
{
  g_autofree char *dir = tandem_test_make_dir ("async");
  g_autoptr(GFile) root = g_file_new_for_path (dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) saved_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;
  gboolean saved = TRUE;

  tandem_run_config_load_async (root, NULL, tandem_test_store_result_cb, &result);
  command = tandem_run_config_load_finish (tandem_test_wait_result (&result, 5000), &saved, &error);
  g_assert_no_error (error);
  g_assert_null (command);
  g_assert_false (saved);
  g_clear_object (&result);

  tandem_run_config_save_async (root, "echo hi", NULL, tandem_test_store_result_cb, &saved_result);
  g_assert_true (tandem_run_config_save_finish (tandem_test_wait_result (&saved_result, 5000), &error));
  g_assert_no_error (error);

  tandem_run_config_load_async (root, NULL, tandem_test_store_result_cb, &result);
  command = tandem_run_config_load_finish (tandem_test_wait_result (&result, 5000), &saved, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (command, ==, "echo hi");
  g_assert_true (saved);
}

int
main (int   argc,
      char *argv[])
{
  tandem_test_init (&argc, &argv);

  g_test_add_func ("/run-config/detect", test_detect);
  g_test_add_func ("/run-config/remembered-per-project", test_remembered_per_project);
  g_test_add_func ("/run-config/async", test_async);

  return g_test_run ();
}
