/* test-file-tree.c
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

#include <unistd.h>

#include <glib/gstdio.h>
#include <adwaita.h>
#include <gtk/gtk.h>

#include "tandem-file-item.h"
#include "tandem-file-tree.h"
#include "tandem-file-tree-panel.h"
#include "tandem-project-error.h"
#include "tandem-test.h"

#define TIMEOUT_MS 5000

/* The names in @model, joined with spaces, for easy comparison. */
static char *
join_names (GListModel *model)
{
  GString *str = g_string_new (NULL);
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TandemFileItem) item = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append_c (str, ' ');
      g_string_append (str, tandem_file_item_get_name (item));
    }

  return g_string_free (str, FALSE);
}

typedef struct
{
  GListModel *model;
  const char *expected;
} NamesWait;

static gboolean
names_match_cb (gpointer data)
{
  NamesWait *wait = data;
  g_autofree char *names = join_names (wait->model);

  return g_strcmp0 (names, wait->expected) == 0;
}

static void
assert_names_soon (GListModel *model,
                   const char *expected)
{
  NamesWait wait = { model, expected };

  if (!tandem_test_wait_until (names_match_cb, &wait, TIMEOUT_MS))
    {
      g_autofree char *names = join_names (model);

      g_assert_cmpstr (names, ==, expected);
    }
}

static void
count_loaded_cb (TandemFileTree *tree,
                 GFile          *directory,
                 GPtrArray      *loaded)
{
  g_ptr_array_add (loaded, g_file_get_basename (directory));
}

static char *
make_project (const char *name)
{
  char *dir = tandem_test_make_dir (name);

  g_object_unref (tandem_test_write_file (dir, "b.txt", "b", -1));
  g_object_unref (tandem_test_write_file (dir, "a.txt", "a", -1));
  g_object_unref (tandem_test_write_file (dir, "sub/inner.txt", "inner", -1));
  g_object_unref (tandem_test_write_file (dir, "sub/deeper/leaf.txt", "leaf", -1));

  return dir;
}

static void
test_lazy_load (void)
{
  g_autofree char *dir = make_project ("lazy");
  g_autoptr(GFile) root = g_file_new_for_path (dir);
  g_autoptr(GFile) sub = g_file_get_child (root, "sub");
  g_autoptr(TandemFileTree) tree = NULL;
  g_autoptr(GListModel) children = NULL;
  g_autoptr(GListModel) again = NULL;
  g_autoptr(GListModel) sub_children = NULL;
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_free);

  tree = tandem_file_tree_new (root);
  g_signal_connect (tree, "directory-loaded", G_CALLBACK (count_loaded_cb), loaded);
  g_assert_true (g_file_equal (tandem_file_tree_get_root (tree), root));

  /* Nothing is read before someone asks. */
  tandem_test_spin (100);
  g_assert_cmpuint (loaded->len, ==, 0);
  g_assert_false (tandem_file_tree_is_loaded (tree, root));

  children = tandem_file_tree_get_children (tree, root);
  g_assert_true (G_IS_LIST_MODEL (children));
  g_assert_true (g_list_model_get_item_type (children) == TANDEM_TYPE_FILE_ITEM);
  /* Read on a thread, applied from the main loop: still empty now. */
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, 0);

  g_assert_true (tandem_test_wait_loaded (tree, root, TIMEOUT_MS));
  g_assert_cmpuint (loaded->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (loaded, 0), ==, "lazy");
  g_assert_null (tandem_file_tree_get_error (tree, root));
  assert_names_soon (children, "sub a.txt b.txt");

  /* The same model while it is alive */
  again = tandem_file_tree_get_children (tree, root);
  g_assert_true (again == children);

  /* The subfolder was not read: no signal for it, and it stays that way. */
  tandem_test_spin (200);
  g_assert_cmpuint (loaded->len, ==, 1);
  g_assert_false (tandem_file_tree_is_loaded (tree, sub));

  sub_children = tandem_file_tree_get_children (tree, sub);
  g_assert_true (tandem_test_wait_loaded (tree, sub, TIMEOUT_MS));
  g_assert_cmpuint (loaded->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (loaded, 1), ==, "sub");
  assert_names_soon (sub_children, "deeper inner.txt");

  {
    g_autoptr(TandemFileItem) item = g_list_model_get_item (sub_children, 0);
    g_autoptr(GFile) expected = g_file_get_child (sub, "deeper");
    g_autoptr(GIcon) icon = NULL;
    g_autofree char *display_name = NULL;
    gboolean is_directory = FALSE;

    g_assert_true (tandem_file_item_get_is_directory (item));
    g_assert_false (tandem_file_item_get_is_symlink (item));
    g_assert_true (g_file_equal (tandem_file_item_get_file (item), expected));
    g_object_get (item, "icon", &icon, "display-name", &display_name,
                  "is-directory", &is_directory, NULL);
    g_assert_true (G_IS_ICON (icon));
    g_assert_cmpstr (display_name, ==, "deeper");
    g_assert_true (is_directory);
  }

  /* When nobody holds a folder's model any more, it is forgotten. */
  g_clear_object (&sub_children);
  g_assert_false (tandem_file_tree_is_loaded (tree, sub));
}

static void
test_order (void)
{
  static const char *files[] = { "a10", "a2", "B", "c", "file10.txt", "File2.txt", "a1" };
  static const char *folders[] = { "zdir", "Adir", "dir10", "dir9" };
  g_autofree char *dir = tandem_test_make_dir ("order");
  g_autoptr(GFile) root = g_file_new_for_path (dir);
  g_autoptr(TandemFileTree) tree = tandem_file_tree_new (root);
  g_autoptr(GListModel) children = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (tandem_test_write_file (dir, files[i], "x", -1));
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = g_build_filename (dir, folders[i], NULL);

      g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
    }

  children = tandem_file_tree_get_children (tree, root);
  g_assert_true (tandem_test_wait_loaded (tree, root, TIMEOUT_MS));

  /* Folders first, then natural order ignoring case. */
  assert_names_soon (children, "Adir dir9 dir10 zdir a1 a2 a10 B c File2.txt file10.txt");

  g_assert_cmpint (tandem_file_item_compare_names ("a2", FALSE, "a10", FALSE), <, 0);
  g_assert_cmpint (tandem_file_item_compare_names ("zzz", TRUE, "aaa", FALSE), <, 0);
  g_assert_cmpint (tandem_file_item_compare_names ("a", FALSE, "a", FALSE), ==, 0);
}

static void
record_changed_file (GFile **slot,
                     GFile  *file)
{
  g_set_object (slot, file);
}

static gboolean
file_changed_named_a5 (gpointer data)
{
  GFile **slot = data;
  g_autofree char *name = NULL;

  if (*slot == NULL)
    return FALSE;
  name = g_file_get_basename (*slot);
  return g_strcmp0 (name, "a5.txt") == 0;
}

static void
test_live_updates (void)
{
  g_autofree char *dir = make_project ("live");
  g_autoptr(GFile) root = g_file_new_for_path (dir);
  g_autoptr(TandemFileTree) tree = tandem_file_tree_new (root);
  g_autoptr(GListModel) children = NULL;
  g_autoptr(TandemFileItem) sub_item = NULL;
  g_autoptr(TandemFileItem) sub_item_after = NULL;
  g_autofree char *old_path = g_build_filename (dir, "b.txt", NULL);
  g_autofree char *new_path = g_build_filename (dir, "0-renamed.txt", NULL);
  g_autofree char *a_path = g_build_filename (dir, "a.txt", NULL);
  g_autofree char *new_dir = g_build_filename (dir, "newdir", NULL);
  g_autofree char *moved_out = g_build_filename (tandem_test_get_tmpdir (), "moved-out.txt", NULL);
  GFile *changed = NULL;

  children = tandem_file_tree_get_children (tree, root);
  g_assert_true (tandem_test_wait_loaded (tree, root, TIMEOUT_MS));
  assert_names_soon (children, "sub a.txt b.txt");
  sub_item = g_list_model_get_item (children, 0);

  /* Created: inserted at its sorted place */
  g_object_unref (tandem_test_write_file (dir, "a5.txt", "new", -1));
  assert_names_soon (children, "sub a.txt a5.txt b.txt");

  g_assert_cmpint (g_mkdir (new_dir, 0755), ==, 0);
  assert_names_soon (children, "newdir sub a.txt a5.txt b.txt");

  /* Renamed */
  g_assert_cmpint (g_rename (old_path, new_path), ==, 0);
  assert_names_soon (children, "newdir sub 0-renamed.txt a.txt a5.txt");

  /* Deleted */
  g_assert_cmpint (g_unlink (a_path), ==, 0);
  assert_names_soon (children, "newdir sub 0-renamed.txt a5.txt");

  /* Moved out of the project */
  g_assert_cmpint (g_rename (new_path, moved_out), ==, 0);
  assert_names_soon (children, "newdir sub a5.txt");

  /* Moved in */
  g_assert_cmpint (g_rename (moved_out, new_path), ==, 0);
  assert_names_soon (children, "newdir sub 0-renamed.txt a5.txt");

  /* Unchanged entries keep their item, so expanded rows stay expanded. */
  sub_item_after = g_list_model_get_item (children, 1);
  g_assert_true (sub_item == sub_item_after);

  /* A file written by another program, with the listing unchanged, is reported. */
  g_signal_connect_swapped (tree, "file-changed", G_CALLBACK (record_changed_file), &changed);
  g_object_unref (tandem_test_write_file (dir, "a5.txt", "rewritten by a terminal", -1));
  g_assert_true (tandem_test_wait_until (file_changed_named_a5, &changed, TIMEOUT_MS));
  g_signal_handlers_disconnect_by_data (tree, &changed);
  g_clear_object (&changed);
}

static gboolean
run_git_init (const char *dir)
{
  const char *argv[] = { "git", "init", "-q", ".", NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (dir, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error))
    {
      g_test_message ("Could not run git: %s", error->message);
      return FALSE;
    }

  return g_spawn_check_wait_status (status, NULL);
}

static void
test_ignore_rules (void)
{
  g_autofree char *dir = tandem_test_make_dir ("ignored");
  g_autofree char *plain_dir = tandem_test_make_dir ("not-a-repo");
  g_autoptr(GFile) root = g_file_new_for_path (dir);
  g_autoptr(GFile) src = g_file_get_child (root, "src");
  g_autoptr(GFile) plain_root = g_file_new_for_path (plain_dir);
  g_autoptr(TandemFileTree) tree = tandem_file_tree_new (root);
  g_autoptr(TandemFileTree) plain_tree = tandem_file_tree_new (plain_root);
  g_autoptr(GListModel) children = NULL;
  g_autoptr(GListModel) src_children = NULL;
  g_autoptr(GListModel) plain_children = NULL;
  g_autofree char *git = g_find_program_in_path ("git");

  if (git == NULL)
    {
      g_test_skip ("git is not installed");
      return;
    }

  g_assert_true (run_git_init (dir));
  g_object_unref (tandem_test_write_file (dir, ".gitignore", "*.o\nbuild/\n", -1));
  g_object_unref (tandem_test_write_file (dir, "main.c", "int main;", -1));
  g_object_unref (tandem_test_write_file (dir, "main.o", "obj", -1));
  g_object_unref (tandem_test_write_file (dir, "build/out.bin", "bin", -1));
  g_object_unref (tandem_test_write_file (dir, "src/util.c", "c", -1));
  g_object_unref (tandem_test_write_file (dir, "src/util.o", "o", -1));
  g_object_unref (tandem_test_write_file (dir, "src/build/x", "x", -1));

  children = tandem_file_tree_get_children (tree, root);
  src_children = tandem_file_tree_get_children (tree, src);
  g_assert_true (tandem_test_wait_loaded (tree, root, TIMEOUT_MS));
  g_assert_true (tandem_test_wait_loaded (tree, src, TIMEOUT_MS));

  /* In a repository: .git and ignored files are hidden, other dot-files are not. */
  assert_names_soon (children, "src .gitignore main.c");
  assert_names_soon (src_children, "util.c");

  /* Showing hidden files updates the loaded folders in place. */
  tandem_file_tree_set_show_hidden (tree, TRUE);
  g_assert_true (tandem_file_tree_get_show_hidden (tree));
  assert_names_soon (children, ".git build src .gitignore main.c main.o");
  assert_names_soon (src_children, "build util.c util.o");

  tandem_file_tree_set_show_hidden (tree, FALSE);
  assert_names_soon (children, "src .gitignore main.c");
  assert_names_soon (src_children, "util.c");

  /* Editing .gitignore re-filters the folders below it. */
  g_object_unref (tandem_test_write_file (dir, ".gitignore", "*.o\n*.c\n", -1));
  assert_names_soon (children, "build src .gitignore");
  assert_names_soon (src_children, "build");

  /* Not a repository: only dot-files are hidden. */
  g_object_unref (tandem_test_write_file (plain_dir, ".hidden", "h", -1));
  g_object_unref (tandem_test_write_file (plain_dir, "visible.o", "v", -1));
  g_object_unref (tandem_test_write_file (plain_dir, ".config/x", "x", -1));
  plain_children = tandem_file_tree_get_children (plain_tree, plain_root);
  g_assert_true (tandem_test_wait_loaded (plain_tree, plain_root, TIMEOUT_MS));
  assert_names_soon (plain_children, "visible.o");

  g_object_set (plain_tree, "show-hidden", TRUE, NULL);
  assert_names_soon (plain_children, ".config .hidden visible.o");
}

static void
test_permission_denied (void)
{
  g_autofree char *dir = make_project ("locked");
  g_autofree char *locked_path = g_build_filename (dir, "sub", NULL);
  g_autoptr(GFile) root = g_file_new_for_path (dir);
  g_autoptr(GFile) locked = g_file_new_for_path (locked_path);
  g_autoptr(TandemFileTree) tree = tandem_file_tree_new (root);
  g_autoptr(GListModel) children = NULL;
  g_autoptr(GListModel) locked_children = NULL;
  const GError *error;

  children = tandem_file_tree_get_children (tree, root);
  g_assert_true (tandem_test_wait_loaded (tree, root, TIMEOUT_MS));
  g_assert_null (tandem_file_tree_get_error (tree, root));

  if (geteuid () == 0)
    {
      g_test_skip ("root can read any folder");
      return;
    }

  g_assert_cmpint (g_chmod (locked_path, 0000), ==, 0);

  locked_children = tandem_file_tree_get_children (tree, locked);
  g_assert_true (tandem_test_wait_loaded (tree, locked, TIMEOUT_MS));
  g_assert_cmpuint (g_list_model_get_n_items (locked_children), ==, 0);

  error = tandem_file_tree_get_error (tree, locked);
  g_assert_error (error, TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_PERMISSION);
  g_assert_cmpstr (error->message, ==, "You do not have permission to open this folder");

  g_chmod (locked_path, 0755);
}

typedef struct
{
  GListModel *model;
  guint       n_items;
} CountWait;

static gboolean
count_is_cb (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (wait->model) == wait->n_items;
}

static GtkTreeListRow *
find_row (GListModel *rows,
          const char *name)
{
  guint n_items = g_list_model_get_n_items (rows);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(TandemFileItem) item = gtk_tree_list_row_get_item (row);

      if (g_strcmp0 (tandem_file_item_get_name (item), name) == 0)
        return g_steal_pointer (&row);
    }

  return NULL;
}

static void
test_tree_model (void)
{
  g_autofree char *dir = make_project ("treemodel");
  g_autoptr(GFile) root = g_file_new_for_path (dir);
  g_autoptr(GFile) sub = g_file_get_child (root, "sub");
  g_autoptr(TandemFileTree) tree = tandem_file_tree_new (root);
  g_autoptr(GtkTreeListModel) tree_model = NULL;
  g_autoptr(GtkTreeListRow) sub_row = NULL;
  g_autoptr(GtkTreeListRow) file_row = NULL;
  g_autoptr(GtkTreeListRow) child_row = NULL;
  g_autoptr(TandemFileItem) child_item = NULL;
  CountWait wait;

  tree_model = tandem_file_tree_create_tree_model (tree);
  g_assert_true (tandem_test_wait_loaded (tree, root, TIMEOUT_MS));

  wait.model = G_LIST_MODEL (tree_model);
  wait.n_items = 3;
  g_assert_true (tandem_test_wait_until (count_is_cb, &wait, TIMEOUT_MS));
  g_assert_false (tandem_file_tree_is_loaded (tree, sub));

  sub_row = find_row (G_LIST_MODEL (tree_model), "sub");
  file_row = find_row (G_LIST_MODEL (tree_model), "a.txt");
  g_assert_nonnull (sub_row);
  g_assert_nonnull (file_row);
  g_assert_true (gtk_tree_list_row_is_expandable (sub_row));
  g_assert_false (gtk_tree_list_row_is_expandable (file_row));

  /* Expanding reads the folder and shows its entries below it. */
  gtk_tree_list_row_set_expanded (sub_row, TRUE);
  g_assert_true (tandem_test_wait_loaded (tree, sub, TIMEOUT_MS));
  wait.n_items = 5;
  g_assert_true (tandem_test_wait_until (count_is_cb, &wait, TIMEOUT_MS));

  child_row = g_list_model_get_item (G_LIST_MODEL (tree_model), 1);
  child_item = gtk_tree_list_row_get_item (child_row);
  g_assert_cmpuint (gtk_tree_list_row_get_depth (child_row), ==, 1);
  g_assert_cmpstr (tandem_file_item_get_name (child_item), ==, "deeper");

  gtk_tree_list_row_set_expanded (sub_row, FALSE);
  wait.n_items = 3;
  g_assert_true (tandem_test_wait_until (count_is_cb, &wait, TIMEOUT_MS));
}

/* The names drawn by the list view's row widgets */
static char *
visible_row_names (GtkWidget *list_view)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (list_view);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = tandem_test_find_descendant (child, GTK_TYPE_LABEL);

      if (label != NULL && gtk_widget_get_mapped (child))
        g_ptr_array_add (names, (gpointer)gtk_label_get_label (GTK_LABEL (label)));
    }

  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **)names->pdata);
}

typedef struct
{
  GtkWidget  *list_view;
  const char *expected;
} RowsWait;

static gboolean
rows_shown_cb (gpointer data)
{
  RowsWait *wait = data;
  g_autofree char *names = visible_row_names (wait->list_view);

  return g_strcmp0 (names, wait->expected) == 0;
}

static void
file_activated_cb (GtkWidget  *panel,
                   GFile      *file,
                   GPtrArray  *activated)
{
  g_ptr_array_add (activated, g_object_ref (file));
}

static gboolean
two_activated_cb (gpointer data)
{
  GPtrArray *activated = data;

  return activated->len >= 2;
}

static gboolean
widget_visible_cb (gpointer data)
{
  return gtk_widget_get_visible (GTK_WIDGET (data));
}

static gboolean
stack_shows_tree_cb (gpointer data)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (data)), "tree") == 0;
}

static GtkWidget *
find_error_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error"))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_error_label (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
find_label_with_text (GtkWidget  *widget,
                      const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (find_label_with_text (child, text))
        return TRUE;
    }

  return FALSE;
}

static void
test_panel (void)
{
  g_autofree char *dir = make_project ("panel");
  g_autoptr(GFile) root = g_file_new_for_path (dir);
  g_autoptr(GFile) b_file = g_file_get_child (root, "b.txt");
  g_autoptr(TandemFileTree) tree = tandem_file_tree_new (root);
  g_autoptr(GPtrArray) activated = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autoptr(GtkTreeListRow) sub_row = NULL;
  g_autoptr(GFile) created = g_file_get_child (root, "created.txt");
  g_autoptr(GFile) a_file = g_file_get_child (root, "a.txt");
  GtkWidget *window;
  GtkWidget *overlay;
  GtkWidget *panel;
  GtkWidget *list_view;
  GtkWidget *entry;
  GtkWidget *popover;
  GtkWidget *error_label;
  GListModel *rows;
  RowsWait wait;

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 400);
  overlay = adw_toast_overlay_new ();
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  panel = tandem_file_tree_panel_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), panel);
  tandem_file_tree_panel_set_tree (TANDEM_FILE_TREE_PANEL (panel), tree);
  g_assert_true (tandem_file_tree_panel_get_tree (TANDEM_FILE_TREE_PANEL (panel)) == tree);
  g_signal_connect (panel, "file-activated", G_CALLBACK (file_activated_cb), activated);
  gtk_window_present (GTK_WINDOW (window));

  list_view = tandem_test_find_descendant (panel, GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (list_view);

  g_assert_true (tandem_test_wait_loaded (tree, root, TIMEOUT_MS));
  wait.list_view = list_view;
  wait.expected = "sub a.txt b.txt";
  if (!tandem_test_wait_until (rows_shown_cb, &wait, TIMEOUT_MS))
    {
      g_autofree char *names = visible_row_names (list_view);

      g_assert_cmpstr (names, ==, wait.expected);
    }

  /* Activating a file row (Enter, double click) opens that file. */
  rows = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));
  gtk_widget_activate_action (list_view, "list.activate-item", "u", 2);
  g_assert_cmpuint (activated->len, ==, 1);
  g_assert_true (g_file_equal (g_ptr_array_index (activated, 0), b_file));

  /* Activating a folder row expands it, and opens nothing. */
  gtk_widget_activate_action (list_view, "list.activate-item", "u", 0);
  g_assert_cmpuint (activated->len, ==, 1);
  sub_row = g_list_model_get_item (rows, 0);
  g_assert_true (gtk_tree_list_row_get_expanded (sub_row));
  wait.expected = "sub deeper inner.txt a.txt b.txt";
  g_assert_true (tandem_test_wait_until (rows_shown_cb, &wait, TIMEOUT_MS));

  /* The panel owns the show-hidden setting, also as the "tree.show-hidden" action. */
  g_assert_false (tandem_file_tree_get_show_hidden (tree));
  gtk_widget_activate_action (panel, "tree.show-hidden", NULL);
  g_assert_true (g_settings_get_boolean (settings, "show-hidden-files"));
  g_assert_true (tandem_file_tree_get_show_hidden (tree));
  g_settings_set_boolean (settings, "show-hidden-files", FALSE);
  g_assert_false (tandem_file_tree_get_show_hidden (tree));

  /* New File: the inline editor creates it and opens it. */
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (rows), GTK_INVALID_LIST_POSITION);
  entry = tandem_test_find_descendant (panel, GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  gtk_widget_activate_action (panel, "tree.new-file", NULL);
  popover = gtk_widget_get_ancestor (entry, GTK_TYPE_POPOVER);
  g_assert_true (gtk_widget_get_visible (popover));
  gtk_editable_set_text (GTK_EDITABLE (entry), "created.txt");
  /* What the entry does on Enter */
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (tandem_test_wait_until (two_activated_cb, activated, TIMEOUT_MS));
  g_assert_true (g_file_equal (g_ptr_array_index (activated, 1), created));
  g_assert_true (g_file_query_exists (created, NULL));
  g_assert_false (gtk_widget_get_visible (popover));

  /* A taken name is refused in plain words, in the editor. */
  gtk_widget_activate_action (panel, "tree.new-file", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "a.txt");
  g_signal_emit_by_name (entry, "activate");

  error_label = find_error_label (popover);
  g_assert_nonnull (error_label);
  g_assert_true (tandem_test_wait_until (widget_visible_cb, error_label, TIMEOUT_MS));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error_label)), ==,
                   "A file named “a.txt” already exists");
  g_assert_true (gtk_widget_get_visible (popover));
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* Rename the selected row */
  wait.expected = "sub deeper inner.txt a.txt b.txt created.txt";
  g_assert_true (tandem_test_wait_until (rows_shown_cb, &wait, TIMEOUT_MS));
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (rows), 4);
  gtk_widget_activate_action (panel, "tree.rename", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "b.txt");
  gtk_editable_set_text (GTK_EDITABLE (entry), "renamed.txt");
  g_signal_emit_by_name (entry, "activate");
  wait.expected = "sub deeper inner.txt a.txt created.txt renamed.txt";
  g_assert_true (tandem_test_wait_until (rows_shown_cb, &wait, TIMEOUT_MS));
  g_assert_false (g_file_query_exists (b_file, NULL));

  /* Move to Trash, with a toast to undo */
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (rows), 3);
  gtk_widget_activate_action (panel, "tree.trash", NULL);
  wait.expected = "sub deeper inner.txt created.txt renamed.txt";
  g_assert_true (tandem_test_wait_until (rows_shown_cb, &wait, TIMEOUT_MS));
  g_assert_false (g_file_query_exists (a_file, NULL));

  gtk_window_destroy (GTK_WINDOW (window));
  tandem_test_spin (50);
}

static void
test_panel_empty (void)
{
  g_autofree char *dir = tandem_test_make_dir ("empty-panel");
  g_autoptr(GFile) root = g_file_new_for_path (dir);
  g_autoptr(TandemFileTree) tree = tandem_file_tree_new (root);
  GtkWidget *window;
  GtkWidget *panel;
  GtkWidget *stack;

  window = gtk_window_new ();
  panel = tandem_file_tree_panel_new ();
  gtk_window_set_child (GTK_WINDOW (window), panel);
  tandem_file_tree_panel_set_tree (TANDEM_FILE_TREE_PANEL (panel), tree);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (tandem_test_wait_loaded (tree, root, TIMEOUT_MS));
  stack = tandem_test_find_descendant (panel, GTK_TYPE_STACK);
  g_assert_nonnull (stack);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "message");
  g_assert_true (find_label_with_text (stack, "This folder is empty"));

  /* A file appears: the list comes back. */
  g_object_unref (tandem_test_write_file (dir, "first.txt", "1", -1));
  g_assert_true (tandem_test_wait_until (stack_shows_tree_cb, stack, TIMEOUT_MS));

  gtk_window_destroy (GTK_WINDOW (window));
  tandem_test_spin (50);
}

int
main (int   argc,
      char *argv[])
{
  tandem_test_init_gtk (&argc, &argv);

  g_test_add_func ("/file-tree/lazy-load", test_lazy_load);
  g_test_add_func ("/file-tree/order", test_order);
  g_test_add_func ("/file-tree/live-updates", test_live_updates);
  g_test_add_func ("/file-tree/ignore-rules", test_ignore_rules);
  g_test_add_func ("/file-tree/permission-denied", test_permission_denied);
  g_test_add_func ("/file-tree/tree-model", test_tree_model);
  g_test_add_func ("/file-tree/panel", test_panel);
  g_test_add_func ("/file-tree/panel-empty", test_panel_empty);

  return g_test_run ();
}
