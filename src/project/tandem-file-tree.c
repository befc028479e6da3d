/* tandem-file-tree.c
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

#define G_LOG_DOMAIN "tandem-file-tree"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "tandem-file-item.h"
#include "tandem-file-tree.h"
#include "tandem-project-error-private.h"
#include "tandem-utils.h"

/* Changes on disk often come in bursts (a checkout, a build): apply them together. */
#define RESCAN_DELAY_MSEC 100

#define SCAN_ATTRIBUTES                         \
  G_FILE_ATTRIBUTE_STANDARD_NAME ","            \
  G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","    \
  G_FILE_ATTRIBUTE_STANDARD_TYPE ","            \
  G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK ","      \
  G_FILE_ATTRIBUTE_STANDARD_FAST_CONTENT_TYPE

typedef struct
{
  TandemFileTree *tree;          /* borrowed: the tree owns the Dir */
  GFile          *directory;
  GListStore     *store;         /* weak: the Dir lives as long as someone holds the model */
  GFileMonitor   *monitor;
  GCancellable   *cancellable;   /* of the scan in flight */
  GError         *error;
  guint           rescan_source;
  guint           loaded : 1;
} Dir;

typedef struct
{
  GFile *directory;
  guint  show_hidden : 1;
} ScanData;

typedef struct
{
  git_repository *repo;
  /* Path of the scanned folder relative to the work tree, "" or ending in '/'. */
  char           *prefix;
} IgnoreChecker;

struct _TandemFileTree
{
  GObject       parent_instance;

  GFile        *root;
  GHashTable   *dirs;            /* GFile → Dir */

  guint         show_hidden : 1;
  guint         cancelled : 1;
};

enum {
  PROP_0,
  PROP_ROOT,
  PROP_SHOW_HIDDEN,
  N_PROPS
};

enum {
  DIRECTORY_LOADED,
  FILE_CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (TandemFileTree, tandem_file_tree, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void dir_start_scan (Dir *dir);

static void
scan_data_free (ScanData *data)
{
  g_clear_object (&data->directory);
  g_free (data);
}

static void
ignore_checker_clear (IgnoreChecker *checker)
{
  g_clear_pointer (&checker->repo, git_repository_free);
  g_clear_pointer (&checker->prefix, g_free);
}

/* A work tree has a ".git" folder (or file, for worktrees and submodules) in itself or
 * an ancestor. Looking for it first keeps libgit2, and the TLS and SSH libraries it
 * initializes, out of projects that are not repositories. */
static gboolean
path_may_be_in_work_tree (const char *path)
{
  g_autofree char *dir = g_strdup (path);

  for (;;)
    {
      g_autofree char *dot_git = g_build_filename (dir, ".git", NULL);
      g_autofree char *parent = NULL;

      if (g_file_test (dot_git, G_FILE_TEST_EXISTS))
        return TRUE;

      parent = g_path_get_dirname (dir);
      if (g_strcmp0 (parent, dir) == 0)
        return FALSE;
      g_free (dir);
      dir = g_steal_pointer (&parent);
    }
}

/* Runs on the worker thread: the repository handle never leaves it. */
static void
ignore_checker_open (IgnoreChecker *checker,
                     GFile         *directory)
{
  g_autofree char *path = NULL;
  g_autofree char *real_dir = NULL;
  const char *workdir;
  gsize workdir_len;

  g_assert (checker != NULL);
  g_assert (G_IS_FILE (directory));

  path = g_file_get_path (directory);
  if (path == NULL || !path_may_be_in_work_tree (path))
    return;

  tandem_ensure_libgit2 ();

  if (git_repository_open_ext (&checker->repo, path, 0, NULL) != 0)
    {
      checker->repo = NULL;
      return;
    }

  /* A bare repository has no work tree to ignore files in. */
  workdir = git_repository_workdir (checker->repo);
  if (workdir == NULL)
    {
      ignore_checker_clear (checker);
      return;
    }

  /* libgit2 resolves symlinks in the work tree path, so compare real paths. */
  real_dir = realpath (path, NULL);
  if (real_dir == NULL)
    {
      ignore_checker_clear (checker);
      return;
    }

  workdir_len = strlen (workdir);
  if (workdir_len > 0 && workdir[workdir_len - 1] == '/')
    workdir_len--;

  if (strncmp (real_dir, workdir, workdir_len) != 0 ||
      (real_dir[workdir_len] != '\0' && real_dir[workdir_len] != '/'))
    {
      ignore_checker_clear (checker);
      return;
    }

  if (real_dir[workdir_len] == '\0')
    checker->prefix = g_strdup ("");
  else
    checker->prefix = g_strconcat (real_dir + workdir_len + 1, "/", NULL);
}

static gboolean
should_hide (IgnoreChecker *checker,
             GFileInfo     *info)
{
  g_autofree char *relative = NULL;
  const char *name;
  int ignored = 0;

  g_assert (checker != NULL);
  g_assert (G_IS_FILE_INFO (info));

  name = g_file_info_get_name (info);

  if (checker->repo == NULL)
    return name[0] == '.';

  if (strcmp (name, ".git") == 0)
    return TRUE;

  /* The trailing slash lets patterns such as "build/" match folders only. */
  relative = g_strconcat (checker->prefix, name,
                          g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY ? "/" : "",
                          NULL);

  if (git_ignore_path_is_ignored (&ignored, checker->repo, relative) != 0)
    return FALSE;

  return ignored != 0;
}

static int
compare_items_indirect (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  return tandem_file_item_compare (*(TandemFileItem * const *)a,
                                   *(TandemFileItem * const *)b,
                                   NULL);
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ScanData *data = task_data;
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  IgnoreChecker checker = { NULL, NULL };

  g_assert (G_IS_TASK (task));
  g_assert (data != NULL);

  enumerator = g_file_enumerate_children (data->directory, SCAN_ATTRIBUTES,
                                          G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (enumerator == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (data->directory);

      g_task_return_error (task, _tandem_project_error_from_io (error, TANDEM_PROJECT_OP_LIST,
                                                                name));
      return;
    }

  if (!data->show_hidden)
    ignore_checker_open (&checker, data->directory);

  items = g_ptr_array_new_with_free_func (g_object_unref);

  for (;;)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, cancellable, &error))
        {
          g_autofree char *name = g_file_get_parse_name (data->directory);

          ignore_checker_clear (&checker);
          g_task_return_error (task, _tandem_project_error_from_io (error, TANDEM_PROJECT_OP_LIST,
                                                                    name));
          return;
        }

      if (info == NULL)
        break;

      if (!data->show_hidden && should_hide (&checker, info))
        continue;

      g_ptr_array_add (items, tandem_file_item_new (child, info));
    }

  ignore_checker_clear (&checker);

  g_ptr_array_sort_with_data (items, compare_items_indirect, NULL);

  g_task_return_pointer (task, g_steal_pointer (&items), (GDestroyNotify)g_ptr_array_unref);
}

/* Updates the store to hold @items (sorted) with as few changes as possible, keeping
 * the existing item objects so expanded rows stay expanded. */
static void
dir_apply_items (Dir       *dir,
                 GPtrArray *items)
{
  guint i = 0;
  guint j = 0;
  guint n_items;

  g_assert (dir != NULL);
  g_assert (dir->store != NULL);
  g_assert (items != NULL);

  if (g_list_model_get_n_items (G_LIST_MODEL (dir->store)) == 0)
    {
      g_list_store_splice (dir->store, 0, 0, items->pdata, items->len);
      return;
    }

  while (j < items->len)
    {
      g_autoptr(TandemFileItem) old_item = NULL;
      TandemFileItem *new_item = g_ptr_array_index (items, j);
      int cmp;

      n_items = g_list_model_get_n_items (G_LIST_MODEL (dir->store));
      if (i >= n_items)
        {
          g_list_store_splice (dir->store, n_items, 0, items->pdata + j, items->len - j);
          i += items->len - j;
          j = items->len;
          break;
        }

      old_item = g_list_model_get_item (G_LIST_MODEL (dir->store), i);
      cmp = tandem_file_item_compare (old_item, new_item, NULL);

      if (cmp == 0)
        {
          i++;
          j++;
        }
      else if (cmp < 0)
        {
          g_list_store_remove (dir->store, i);
        }
      else
        {
          g_list_store_insert (dir->store, i, new_item);
          i++;
          j++;
        }
    }

  n_items = g_list_model_get_n_items (G_LIST_MODEL (dir->store));
  if (i < n_items)
    g_list_store_splice (dir->store, i, n_items - i, NULL, 0);
}

static void
dir_remove_named (Dir        *dir,
                  const char *name)
{
  guint n_items;

  g_assert (dir != NULL);
  g_assert (name != NULL);

  if (dir->store == NULL)
    return;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (dir->store));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TandemFileItem) item = g_list_model_get_item (G_LIST_MODEL (dir->store), i);

      if (strcmp (tandem_file_item_get_name (item), name) == 0)
        {
          g_list_store_remove (dir->store, i);
          break;
        }
    }
}

static gboolean
dir_rescan_timeout_cb (gpointer user_data)
{
  Dir *dir = user_data;

  g_assert (dir != NULL);

  dir->rescan_source = 0;
  dir_start_scan (dir);

  return G_SOURCE_REMOVE;
}

static void
dir_schedule_rescan (Dir *dir)
{
  g_assert (dir != NULL);

  if (dir->tree->cancelled || dir->rescan_source != 0)
    return;

  dir->rescan_source = g_timeout_add (RESCAN_DELAY_MSEC, dir_rescan_timeout_cb, dir);
}

/* A changed ignore file or a new repository changes what a whole subtree shows. */
static void
tandem_file_tree_rescan_subtree (TandemFileTree *self,
                                 GFile          *top)
{
  GHashTableIter iter;
  Dir *dir;

  g_assert (TANDEM_IS_FILE_TREE (self));
  g_assert (G_IS_FILE (top));

  g_hash_table_iter_init (&iter, self->dirs);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&dir))
    {
      if (g_file_equal (dir->directory, top) || g_file_has_prefix (dir->directory, top))
        dir_schedule_rescan (dir);
    }
}

static gboolean
is_ignore_file (GFile *file)
{
  g_autofree char *name = NULL;

  if (file == NULL)
    return FALSE;

  name = g_file_get_basename (file);
  return g_strcmp0 (name, ".gitignore") == 0 || g_strcmp0 (name, ".git") == 0;
}

static void
dir_monitor_changed_cb (GFileMonitor      *monitor,
                        GFile             *file,
                        GFile             *other_file,
                        GFileMonitorEvent  event,
                        gpointer           user_data)
{
  Dir *dir = user_data;
  g_autofree char *name = NULL;
  gboolean is_child;

  g_assert (G_IS_FILE_MONITOR (monitor));
  g_assert (G_IS_FILE (file));
  g_assert (dir != NULL);

  is_child = g_file_has_parent (file, dir->directory);
  name = g_file_get_basename (file);

  switch (event)
    {
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      if (is_child)
        dir_remove_named (dir, name);
      break;

    case G_FILE_MONITOR_EVENT_RENAMED:
      if (is_child)
        dir_remove_named (dir, name);
      dir_schedule_rescan (dir);
      break;

    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
      dir_schedule_rescan (dir);
      break;

    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      break;
    }

  if (is_child && (is_ignore_file (file) || is_ignore_file (other_file)) &&
      event != G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    tandem_file_tree_rescan_subtree (dir->tree, dir->directory);

  /* Contents written by another program (a terminal, a build) matter to the git status
   * even though the listing stays the same. */
  if (is_child &&
      event != G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED &&
      event != G_FILE_MONITOR_EVENT_CHANGED)
    g_signal_emit (dir->tree, signals[FILE_CHANGED], 0,
                   event == G_FILE_MONITOR_EVENT_RENAMED && other_file != NULL ? other_file : file);
}

static void
dir_stop (Dir *dir)
{
  g_assert (dir != NULL);

  if (dir->cancellable != NULL)
    g_cancellable_cancel (dir->cancellable);
  g_clear_object (&dir->cancellable);
  g_clear_handle_id (&dir->rescan_source, g_source_remove);

  if (dir->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (dir->monitor, dir);
      g_file_monitor_cancel (dir->monitor);
      g_clear_object (&dir->monitor);
    }
}

static void dir_store_weak_notify (gpointer  data,
                                   GObject  *where_the_object_was);

static void
dir_free (Dir *dir)
{
  dir_stop (dir);

  if (dir->store != NULL)
    g_object_weak_unref (G_OBJECT (dir->store), dir_store_weak_notify, dir);
  dir->store = NULL;

  g_clear_error (&dir->error);
  g_clear_object (&dir->directory);
  g_free (dir);
}

static void
dir_store_weak_notify (gpointer  data,
                       GObject  *where_the_object_was)
{
  Dir *dir = data;

  g_assert (dir != NULL);

  dir->store = NULL;
  /* Frees @dir: nobody shows this folder any more, stop watching it. */
  g_hash_table_remove (dir->tree->dirs, dir->directory);
}

static void
scan_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  TandemFileTree *self = TANDEM_FILE_TREE (object);
  g_autoptr(GFile) directory = user_data;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  Dir *dir;

  g_assert (TANDEM_IS_FILE_TREE (self));
  g_assert (G_IS_TASK (result));
  g_assert (G_IS_FILE (directory));

  items = g_task_propagate_pointer (G_TASK (result), &error);

  /* Stale: the model went away, or a newer scan replaced this one. */
  dir = g_hash_table_lookup (self->dirs, directory);
  if (dir == NULL || dir->cancellable != g_task_get_cancellable (G_TASK (result)))
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&dir->cancellable);
  g_clear_error (&dir->error);

  if (error != NULL)
    {
      g_debug ("Could not list %s: %s", g_file_peek_path (directory), error->message);
      dir->error = g_steal_pointer (&error);
      items = g_ptr_array_new ();
    }

  dir_apply_items (dir, items);
  dir->loaded = TRUE;

  g_signal_emit (self, signals[DIRECTORY_LOADED], 0, directory);
}

static void
dir_start_scan (Dir *dir)
{
  g_autoptr(GTask) task = NULL;
  ScanData *data;

  g_assert (dir != NULL);

  if (dir->tree->cancelled)
    return;

  g_clear_handle_id (&dir->rescan_source, g_source_remove);

  if (dir->cancellable != NULL)
    g_cancellable_cancel (dir->cancellable);
  g_clear_object (&dir->cancellable);
  dir->cancellable = g_cancellable_new ();

  data = g_new0 (ScanData, 1);
  data->directory = g_object_ref (dir->directory);
  data->show_hidden = dir->tree->show_hidden;

  task = g_task_new (dir->tree, dir->cancellable, scan_cb, g_object_ref (dir->directory));
  g_task_set_source_tag (task, dir_start_scan);
  g_task_set_task_data (task, data, (GDestroyNotify)scan_data_free);
  g_task_run_in_thread (task, scan_thread);
}

static void
dir_start_monitor (Dir *dir)
{
  g_autoptr(GError) error = NULL;

  g_assert (dir != NULL);
  g_assert (dir->monitor == NULL);

  dir->monitor = g_file_monitor_directory (dir->directory, G_FILE_MONITOR_WATCH_MOVES,
                                           NULL, &error);
  if (dir->monitor == NULL)
    {
      /* The listing still works, it just will not follow changes. */
      g_debug ("Cannot watch %s: %s", g_file_peek_path (dir->directory), error->message);
      return;
    }

  g_signal_connect (dir->monitor, "changed", G_CALLBACK (dir_monitor_changed_cb), dir);
}

static void
tandem_file_tree_dispose (GObject *object)
{
  TandemFileTree *self = (TandemFileTree *)object;

  tandem_file_tree_cancel (self);
  g_hash_table_remove_all (self->dirs);

  G_OBJECT_CLASS (tandem_file_tree_parent_class)->dispose (object);
}

static void
tandem_file_tree_finalize (GObject *object)
{
  TandemFileTree *self = (TandemFileTree *)object;

  g_clear_pointer (&self->dirs, g_hash_table_unref);
  g_clear_object (&self->root);

  G_OBJECT_CLASS (tandem_file_tree_parent_class)->finalize (object);
}

static void
tandem_file_tree_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TandemFileTree *self = TANDEM_FILE_TREE (object);

  switch (prop_id)
    {
    case PROP_ROOT:
      g_value_set_object (value, self->root);
      break;

    case PROP_SHOW_HIDDEN:
      g_value_set_boolean (value, self->show_hidden);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_file_tree_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TandemFileTree *self = TANDEM_FILE_TREE (object);

  switch (prop_id)
    {
    case PROP_ROOT:
      self->root = g_value_dup_object (value);
      break;

    case PROP_SHOW_HIDDEN:
      tandem_file_tree_set_show_hidden (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_file_tree_class_init (TandemFileTreeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tandem_file_tree_dispose;
  object_class->finalize = tandem_file_tree_finalize;
  object_class->get_property = tandem_file_tree_get_property;
  object_class->set_property = tandem_file_tree_set_property;

  properties[PROP_ROOT] =
    g_param_spec_object ("root", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHOW_HIDDEN] =
    g_param_spec_boolean ("show-hidden", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TandemFileTree::directory-loaded:
   * @self: a #TandemFileTree
   * @directory: the folder
   *
   * Emitted on the main context each time a listing of @directory has been applied
   * to its model, including after a failure (see tandem_file_tree_get_error()).
   */
  signals[DIRECTORY_LOADED] =
    g_signal_new ("directory-loaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  /**
   * TandemFileTree::file-changed:
   * @self: a #TandemFileTree
   * @file: the file
   *
   * Emitted on the main context when a file in a listed folder was created, written
   * (once the writer closed it), deleted or renamed, by anyone.
   */
  signals[FILE_CHANGED] =
    g_signal_new ("file-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);
}

static void
tandem_file_tree_init (TandemFileTree *self)
{
  self->dirs = g_hash_table_new_full (g_file_hash, (GEqualFunc)g_file_equal,
                                      NULL, (GDestroyNotify)dir_free);
}

/**
 * tandem_file_tree_new:
 * @root: the project folder
 *
 * Nothing is read from disk until tandem_file_tree_get_children() is called.
 *
 * Returns: (transfer full): a new #TandemFileTree
 */
TandemFileTree *
tandem_file_tree_new (GFile *root)
{
  g_return_val_if_fail (G_IS_FILE (root), NULL);

  return g_object_new (TANDEM_TYPE_FILE_TREE, "root", root, NULL);
}

/**
 * tandem_file_tree_get_root:
 *
 * Returns: (transfer none): the project folder
 */
GFile *
tandem_file_tree_get_root (TandemFileTree *self)
{
  g_return_val_if_fail (TANDEM_IS_FILE_TREE (self), NULL);

  return self->root;
}

gboolean
tandem_file_tree_get_show_hidden (TandemFileTree *self)
{
  g_return_val_if_fail (TANDEM_IS_FILE_TREE (self), FALSE);

  return self->show_hidden;
}

/**
 * tandem_file_tree_set_show_hidden:
 * @self: a #TandemFileTree
 * @show_hidden: whether to show dot-files, `.git` and ignored files
 *
 * Folders already loaded are listed again and updated in place.
 */
void
tandem_file_tree_set_show_hidden (TandemFileTree *self,
                                  gboolean        show_hidden)
{
  GHashTableIter iter;
  Dir *dir;

  g_return_if_fail (TANDEM_IS_FILE_TREE (self));

  show_hidden = !!show_hidden;
  if (self->show_hidden == show_hidden)
    return;

  self->show_hidden = show_hidden;

  g_hash_table_iter_init (&iter, self->dirs);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&dir))
    dir_start_scan (dir);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_HIDDEN]);
}

/**
 * tandem_file_tree_get_children:
 * @self: a #TandemFileTree
 * @directory: a folder of the project
 *
 * Returns the listing of @directory, folders first, in natural order. The folder is
 * read on a worker thread the first time it is asked for; the model fills in when
 * #TandemFileTree::directory-loaded is emitted and then follows changes on disk. While
 * the model is alive, the same instance is returned for the same folder.
 *
 * Returns: (transfer full): a #GListModel of #TandemFileItem
 */
GListModel *
tandem_file_tree_get_children (TandemFileTree *self,
                               GFile          *directory)
{
  Dir *dir;

  g_return_val_if_fail (TANDEM_IS_FILE_TREE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (directory), NULL);

  dir = g_hash_table_lookup (self->dirs, directory);
  if (dir != NULL)
    return g_object_ref (G_LIST_MODEL (dir->store));

  dir = g_new0 (Dir, 1);
  dir->tree = self;
  dir->directory = g_object_ref (directory);
  dir->store = g_list_store_new (TANDEM_TYPE_FILE_ITEM);
  g_object_weak_ref (G_OBJECT (dir->store), dir_store_weak_notify, dir);
  g_hash_table_insert (self->dirs, dir->directory, dir);

  if (!self->cancelled)
    {
      /* Watch first so that nothing created during the scan is missed. */
      dir_start_monitor (dir);
      dir_start_scan (dir);
    }

  return G_LIST_MODEL (dir->store);
}

static GListModel *
create_child_model_cb (gpointer item,
                       gpointer user_data)
{
  TandemFileTree *self = user_data;
  TandemFileItem *file_item = item;

  g_assert (TANDEM_IS_FILE_TREE (self));
  g_assert (TANDEM_IS_FILE_ITEM (file_item));

  if (!tandem_file_item_get_is_directory (file_item))
    return NULL;

  return tandem_file_tree_get_children (self, tandem_file_item_get_file (file_item));
}

/**
 * tandem_file_tree_create_tree_model:
 *
 * A tree of the project for a #GtkListView: the root's children, with folders
 * listed (lazily) when they are expanded.
 *
 * Returns: (transfer full): a new #GtkTreeListModel of #GtkTreeListRow
 */
GtkTreeListModel *
tandem_file_tree_create_tree_model (TandemFileTree *self)
{
  g_return_val_if_fail (TANDEM_IS_FILE_TREE (self), NULL);

  return gtk_tree_list_model_new (tandem_file_tree_get_children (self, self->root),
                                  FALSE, FALSE,
                                  create_child_model_cb,
                                  g_object_ref (self), g_object_unref);
}

/**
 * tandem_file_tree_is_loaded:
 *
 * Returns: %TRUE once a listing of @directory has been applied to its model
 */
gboolean
tandem_file_tree_is_loaded (TandemFileTree *self,
                            GFile          *directory)
{
  Dir *dir;

  g_return_val_if_fail (TANDEM_IS_FILE_TREE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (directory), FALSE);

  dir = g_hash_table_lookup (self->dirs, directory);
  return dir != NULL && dir->loaded;
}

/**
 * tandem_file_tree_get_error:
 *
 * Why the last listing of @directory failed, in plain words, for example
 * %TANDEM_PROJECT_ERROR_PERMISSION. The model of such a folder is empty.
 *
 * Returns: (transfer none) (nullable): the error, or %NULL
 */
const GError *
tandem_file_tree_get_error (TandemFileTree *self,
                            GFile          *directory)
{
  Dir *dir;

  g_return_val_if_fail (TANDEM_IS_FILE_TREE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (directory), NULL);

  dir = g_hash_table_lookup (self->dirs, directory);
  return dir != NULL ? dir->error : NULL;
}

/**
 * tandem_file_tree_cancel:
 *
 * Stops all listings in flight and all watching of the disk, for example when the
 * project is closed. Models keep their current contents; folders asked for later
 * stay empty.
 */
void
tandem_file_tree_cancel (TandemFileTree *self)
{
  GHashTableIter iter;
  Dir *dir;

  g_return_if_fail (TANDEM_IS_FILE_TREE (self));

  self->cancelled = TRUE;

  g_hash_table_iter_init (&iter, self->dirs);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&dir))
    dir_stop (dir);
}
