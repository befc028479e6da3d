/* test-recent-projects.c
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

#include "tandem-recent-projects.h"
#include "tandem-test.h"
#include "tandem-utils.h"

#define TIMEOUT_MS 5000

static char *
recent_path (void)
{
  g_autofree char *state_dir = tandem_dup_state_dir ();

  return g_build_filename (state_dir, "recent-projects", NULL);
}

static void
reset_state (void)
{
  g_autofree char *path = recent_path ();

  g_unlink (path);
}

static void
flush (TandemRecentProjects *recent)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  tandem_recent_projects_flush_async (recent, NULL, tandem_test_store_result_cb, &result);
  tandem_test_wait_result (&result, TIMEOUT_MS);
  g_assert_true (tandem_recent_projects_flush_finish (recent, result, &error));
  g_assert_no_error (error);
}

static GFile *
make_project (const char *name)
{
  g_autofree char *dir = tandem_test_make_dir (name);

  return g_file_new_for_path (dir);
}

static char *
join_names (GListModel *model)
{
  GString *str = g_string_new (NULL);
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TandemRecentProject) project = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append_c (str, ' ');
      g_string_append (str, tandem_recent_project_get_name (project));
    }

  return g_string_free (str, FALSE);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n_changes)
{
  (*n_changes)++;
}

static void
test_add_reorder_remove (void)
{
  g_autoptr(TandemRecentProjects) recent = NULL;
  g_autoptr(TandemRecentProjects) reloaded = NULL;
  g_autoptr(GFile) alpha = make_project ("recent/alpha");
  g_autoptr(GFile) beta = make_project ("recent/beta");
  g_autoptr(GFile) gamma = make_project ("recent/gamma");
  g_autoptr(TandemRecentProject) first = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *names = NULL;
  g_autofree char *expected_display = NULL;
  g_autofree char *name_prop = NULL;
  g_autofree char *display_prop = NULL;
  g_autoptr(GFile) file_prop = NULL;
  gint64 last_opened_prop = 0;
  guint n_changes = 0;

  reset_state ();

  recent = tandem_recent_projects_new ();
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (recent)) == TANDEM_TYPE_RECENT_PROJECT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (recent)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (recent), 0));
  g_signal_connect (recent, "items-changed", G_CALLBACK (items_changed_cb), &n_changes);

  tandem_recent_projects_add (recent, alpha);
  tandem_recent_projects_add (recent, beta);
  tandem_recent_projects_add (recent, gamma);
  g_assert_cmpuint (n_changes, >=, 3);
  names = join_names (G_LIST_MODEL (recent));
  g_assert_cmpstr (names, ==, "gamma beta alpha");

  first = g_list_model_get_item (G_LIST_MODEL (recent), 0);
  g_assert_true (g_file_equal (tandem_recent_project_get_file (first), gamma));
  expected_display = tandem_path_for_display (gamma);
  g_assert_cmpstr (tandem_recent_project_get_path_for_display (first), ==, expected_display);
  g_assert_cmpint (ABS (tandem_recent_project_get_last_opened (first) - g_date_time_to_unix (now)),
                   <=, 5);
  g_object_get (first,
                "file", &file_prop,
                "name", &name_prop,
                "path-for-display", &display_prop,
                "last-opened", &last_opened_prop,
                NULL);
  g_assert_true (g_file_equal (file_prop, gamma));
  g_assert_cmpstr (name_prop, ==, "gamma");
  g_assert_cmpstr (display_prop, ==, expected_display);
  g_assert_cmpint (last_opened_prop, ==, tandem_recent_project_get_last_opened (first));

  /* Opening again moves it to the top, without a duplicate. */
  tandem_recent_projects_add (recent, alpha);
  g_clear_pointer (&names, g_free);
  names = join_names (G_LIST_MODEL (recent));
  g_assert_cmpstr (names, ==, "alpha gamma beta");

  tandem_recent_projects_remove (recent, gamma);
  g_clear_pointer (&names, g_free);
  names = join_names (G_LIST_MODEL (recent));
  g_assert_cmpstr (names, ==, "alpha beta");

  /* Removing something not in the list changes nothing. */
  n_changes = 0;
  tandem_recent_projects_remove (recent, gamma);
  g_assert_cmpuint (n_changes, ==, 0);

  /* Another instance (the next run) sees the same list. */
  flush (recent);
  reloaded = tandem_recent_projects_new ();
  g_clear_pointer (&names, g_free);
  names = join_names (G_LIST_MODEL (reloaded));
  g_assert_cmpstr (names, ==, "alpha beta");
  {
    g_autoptr(TandemRecentProject) top = g_list_model_get_item (G_LIST_MODEL (reloaded), 0);

    g_assert_true (g_file_equal (tandem_recent_project_get_file (top), alpha));
    g_assert_cmpint (tandem_recent_project_get_last_opened (top), >, 0);
  }
}

static void
test_limit (void)
{
  g_autoptr(TandemRecentProjects) recent = NULL;
  g_autoptr(TandemRecentProjects) reloaded = NULL;
  g_autoptr(TandemRecentProject) top = NULL;
  g_autoptr(TandemRecentProject) bottom = NULL;

  reset_state ();
  recent = tandem_recent_projects_new ();

  for (guint i = 0; i < TANDEM_RECENT_PROJECTS_MAX + 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("limit/project-%02u", i);
      g_autoptr(GFile) folder = make_project (name);

      tandem_recent_projects_add (recent, folder);
    }

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (recent)), ==,
                    TANDEM_RECENT_PROJECTS_MAX);
  top = g_list_model_get_item (G_LIST_MODEL (recent), 0);
  bottom = g_list_model_get_item (G_LIST_MODEL (recent), TANDEM_RECENT_PROJECTS_MAX - 1);
  g_assert_cmpstr (tandem_recent_project_get_name (top), ==, "project-24");
  g_assert_cmpstr (tandem_recent_project_get_name (bottom), ==, "project-05");

  flush (recent);
  reloaded = tandem_recent_projects_new ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==,
                    TANDEM_RECENT_PROJECTS_MAX);
}

static void
write_state (const char *contents,
             gssize      length)
{
  g_autofree char *path = recent_path ();
  g_autoptr(GError) error = NULL;

  tandem_write_file_atomic (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
test_damaged_file (void)
{
  static const char garbage[] = "\x01\xff not a variant \x00\x13\x37 at all";
  g_autoptr(GFile) folder = make_project ("damaged/good");

  /* Random bytes */
  {
    g_autoptr(TandemRecentProjects) recent = NULL;

    write_state (garbage, sizeof garbage);
    recent = tandem_recent_projects_new ();
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (recent)), ==, 0);
  }

  /* Empty file */
  {
    g_autoptr(TandemRecentProjects) recent = NULL;

    write_state ("", 0);
    recent = tandem_recent_projects_new ();
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (recent)), ==, 0);
  }

  /* A version this build does not know */
  {
    g_autoptr(TandemRecentProjects) recent = NULL;
    g_autoptr(GVariant) variant = NULL;
    g_autofree char *uri = g_file_get_uri (folder);
    GVariantBuilder builder;

    g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sx)"));
    g_variant_builder_add (&builder, "(sx)", uri, (gint64)1000);
    variant = g_variant_ref_sink (g_variant_new ("(ua(sx))", 99, &builder));
    write_state (g_variant_get_data (variant), g_variant_get_size (variant));

    recent = tandem_recent_projects_new ();
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (recent)), ==, 0);
  }

  /* A good file cut short */
  {
    g_autoptr(TandemRecentProjects) writer = NULL;
    g_autoptr(TandemRecentProjects) recent = NULL;
    g_autofree char *path = recent_path ();
    g_autofree char *contents = NULL;
    gsize length = 0;

    reset_state ();
    writer = tandem_recent_projects_new ();
    tandem_recent_projects_add (writer, folder);
    flush (writer);

    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    g_assert_cmpuint (length, >, 8);
    write_state (contents, length / 2);

    recent = tandem_recent_projects_new ();
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (recent)), ==, 0);

    /* And the list works again from there. */
    tandem_recent_projects_add (recent, folder);
    flush (recent);
    g_clear_object (&writer);
    writer = tandem_recent_projects_new ();
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (writer)), ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  tandem_test_init (&argc, &argv);

  g_test_add_func ("/recent-projects/add-reorder-remove", test_add_reorder_remove);
  g_test_add_func ("/recent-projects/limit", test_limit);
  g_test_add_func ("/recent-projects/damaged-file", test_damaged_file);

  return g_test_run ();
}
