/* test-quick-open.c
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

#include <adwaita.h>

#include "tandem-quick-open.h"
#include "tandem-test.h"

typedef struct
{
  GListModel *results;
  const char *first;
} ResultsCheck;

static gboolean
results_ready (gpointer data)
{
  ResultsCheck *check = data;
  g_autoptr(GtkStringObject) first = NULL;

  if (g_list_model_get_n_items (check->results) == 0)
    return FALSE;
  first = g_list_model_get_item (check->results, 0);
  return g_strcmp0 (gtk_string_object_get_string (first), check->first) == 0;
}

static void
file_chosen_cb (TandemQuickOpen *quick_open,
                GFile           *file,
                GFile          **out)
{
  g_set_object (out, file);
}

static void
test_quick_open_choose (void)
{
  g_autofree char *project = tandem_test_make_dir ("quick-open");
  g_autoptr(GFile) root = g_file_new_for_path (project);
  g_autoptr(TandemFileIndex) index = tandem_file_index_new (root);
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(GFile) expected = NULL;
  TandemQuickOpen *quick_open;
  ResultsCheck check;

  g_object_unref (tandem_test_write_file (project, "src/app/tandem-window.c", "", -1));
  g_object_unref (tandem_test_write_file (project, "src/app/tandem-greeter.c", "", -1));
  g_object_unref (tandem_test_write_file (project, "README.md", "", -1));
  expected = g_file_get_child (root, "src/app/tandem-window.c");

  quick_open = tandem_quick_open_new (NULL, index);
  g_signal_connect (quick_open, "file-chosen", G_CALLBACK (file_chosen_cb), &chosen);
  gtk_window_present (GTK_WINDOW (quick_open));

  /* With nothing typed, every file is offered. */
  check.results = tandem_quick_open_get_results (quick_open);
  check.first = "README.md";
  g_assert_true (tandem_test_wait_until (results_ready, &check, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (check.results), ==, 3);

  /* Typing narrows and ranks. */
  tandem_quick_open_set_query (quick_open, "twin");
  check.first = "src/app/tandem-window.c";
  g_assert_true (tandem_test_wait_until (results_ready, &check, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (check.results), ==, 1);

  /* Enter opens the selected file and closes the window. */
  g_object_ref (quick_open);
  g_assert_true (tandem_quick_open_activate_selected (quick_open));
  g_assert_nonnull (chosen);
  g_assert_true (g_file_equal (chosen, expected));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (quick_open)));
  g_object_unref (quick_open);
}

int
main (int   argc,
      char *argv[])
{
  tandem_test_init_gtk (&argc, &argv);

  g_test_add_func ("/quick-open/choose", test_quick_open_choose);

  return g_test_run ();
}
