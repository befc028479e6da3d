/* test-session.c
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

#include <glib/gstdio.h>

#include "tandem-session.h"
#include "tandem-test.h"

static GPtrArray *
make_session (void)
{
  GPtrArray *windows = g_ptr_array_new_with_free_func ((GDestroyNotify)tandem_session_window_free);
  TandemSessionWindow *window;

  window = tandem_session_window_new ("/home/user/src/project");
  window->width = 1024;
  window->height = 700;
  window->maximized = TRUE;
  window->sidebar_width = 300;
  window->active_tab = 1;
  g_ptr_array_add (window->tabs, tandem_session_tab_new ("file:///home/user/src/project/a.c", NULL, 10, 4));
  g_ptr_array_add (window->tabs, tandem_session_tab_new ("file:///home/user/src/project/b.c", "draft-1", 0, 0));
  g_ptr_array_add (window->tabs, tandem_session_tab_new (NULL, "draft-untitled", 3, 1));
  g_ptr_array_add (windows, window);

  window = tandem_session_window_new ("/home/user/other");
  g_ptr_array_add (windows, window);

  return windows;
}

static void
check_session (GPtrArray *windows)
{
  TandemSessionWindow *window;
  TandemSessionTab *tab;

  g_assert_cmpuint (windows->len, ==, 2);
  window = g_ptr_array_index (windows, 0);
  g_assert_cmpstr (window->project_path, ==, "/home/user/src/project");
  g_assert_cmpint (window->width, ==, 1024);
  g_assert_cmpint (window->height, ==, 700);
  g_assert_true (window->maximized);
  g_assert_cmpint (window->sidebar_width, ==, 300);
  g_assert_cmpuint (window->active_tab, ==, 1);
  g_assert_cmpuint (window->tabs->len, ==, 3);

  tab = g_ptr_array_index (window->tabs, 0);
  g_assert_cmpstr (tab->uri, ==, "file:///home/user/src/project/a.c");
  g_assert_null (tab->draft_id);
  g_assert_cmpuint (tab->line, ==, 10);
  g_assert_cmpuint (tab->line_offset, ==, 4);

  tab = g_ptr_array_index (window->tabs, 1);
  g_assert_cmpstr (tab->draft_id, ==, "draft-1");

  tab = g_ptr_array_index (window->tabs, 2);
  g_assert_null (tab->uri);
  g_assert_cmpstr (tab->draft_id, ==, "draft-untitled");
  g_assert_cmpuint (tab->line, ==, 3);

  window = g_ptr_array_index (windows, 1);
  g_assert_cmpstr (window->project_path, ==, "/home/user/other");
  g_assert_cmpuint (window->tabs->len, ==, 0);
}

static void
test_session_round_trip (void)
{
  g_autoptr(GPtrArray) windows = make_session ();
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tandem_session_dup_path ();
  GStatBuf st;

  g_assert_true (tandem_session_save (windows, &error));
  g_assert_no_error (error);

  /* The session may name private files: only the user can read it. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_str_has_prefix (path, g_get_user_state_dir ()));

  loaded = tandem_session_load (&error);
  g_assert_no_error (error);
  check_session (loaded);
}

static void
test_session_async (void)
{
  g_autoptr(GPtrArray) windows = make_session ();
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  tandem_session_save_async (windows, NULL, tandem_test_store_result_cb, &result);
  tandem_test_wait_result (&result, 5000);
  g_assert_true (tandem_session_save_finish (result, &error));
  g_assert_no_error (error);

  loaded = tandem_session_load (&error);
  g_assert_no_error (error);
  check_session (loaded);
}

static void
test_session_missing (void)
{
  g_autofree char *path = tandem_session_dup_path ();
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_unlink (path);
  loaded = tandem_session_load (&error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpuint (loaded->len, ==, 0);
}

static void
test_session_damaged (void)
{
  g_autoptr(GPtrArray) windows = make_session ();
  g_autoptr(GVariant) state = tandem_session_serialize (windows);
  g_autofree char *path = tandem_session_dup_path ();
  gsize size = g_variant_get_size (state);
  const char *data = g_variant_get_data (state);

  /* Every truncation of a valid file, and random garbage, must give either an error
   * or a (possibly shorter) session, never a crash. */
  for (gsize len = 0; len < size; len += 7)
    {
      g_autoptr(GPtrArray) loaded = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_set_contents (path, data, len, NULL));
      loaded = tandem_session_load (&error);
      g_assert_true ((loaded == NULL) != (error == NULL));
    }

  {
    g_autoptr(GPtrArray) loaded = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (g_file_set_contents (path, "this is not a session\n", -1, NULL));
    loaded = tandem_session_load (&error);
    g_assert_null (loaded);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  }
}

static void
test_session_newer_version (void)
{
  g_autoptr(GVariant) state = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "version", g_variant_new_uint32 (TANDEM_SESSION_VERSION + 1));
  state = g_variant_ref_sink (g_variant_builder_end (&builder));

  loaded = tandem_session_deserialize (state, &error);
  g_assert_null (loaded);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

int
main (int   argc,
      char *argv[])
{
  tandem_test_init (&argc, &argv);

  g_test_add_func ("/session/round-trip", test_session_round_trip);
  g_test_add_func ("/session/async", test_session_async);
  g_test_add_func ("/session/missing", test_session_missing);
  g_test_add_func ("/session/damaged", test_session_damaged);
  g_test_add_func ("/session/newer-version", test_session_newer_version);

  return g_test_run ();
}
