/* tandem-file-index.c
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

#define G_LOG_DOMAIN "tandem-file-index"

#include "config.h"

#include <string.h>
#include <git2.h>

#include "tandem-file-index.h"
#include "tandem-fuzzy.h"
#include "tandem-utils.h"

/* The list of a project's files for quick open and for attaching files to an AI
 * question: walked on a worker thread, without .git and what the repository ignores,
 * queried with the fuzzy matcher on a worker thread too. */

struct _TandemFileIndex
{
  GObject    parent_instance;

  GFile     *root;
  GMutex     lock;
  GPtrArray *files;   /* (element-type utf8) sorted relative paths; replaced, never modified */
};

G_DEFINE_FINAL_TYPE (TandemFileIndex, tandem_file_index, G_TYPE_OBJECT)

void
tandem_file_match_free (TandemFileMatch *match)
{
  if (match == NULL)
    return;

  g_free (match->path);
  g_clear_pointer (&match->positions, g_array_unref);
  g_free (match);
}

static GPtrArray *
tandem_file_index_dup_files (TandemFileIndex *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  return self->files ? g_ptr_array_ref (self->files) : NULL;
}

/* Walk ------------------------------------------------------------------------ */

typedef struct
{
  git_repository *repo;
  char           *prefix;  /* the project root relative to the work tree, "" or "sub/dir/" */
  GPtrArray      *files;
} Walk;

static gboolean
has_dot_git_above (const char *path)
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

/* Runs on the worker thread; the repository never leaves it. */
static void
walk_open_repository (Walk       *walk,
                      const char *root_path)
{
  g_autofree char *real_root = NULL;
  const char *workdir;
  gsize wlen;

  if (!has_dot_git_above (root_path))
    return;

  tandem_ensure_libgit2 ();

  if (git_repository_open_ext (&walk->repo, root_path, 0, NULL) != 0)
    {
      walk->repo = NULL;
      return;
    }

  workdir = git_repository_workdir (walk->repo);
  real_root = realpath (root_path, NULL);
  wlen = workdir ? strlen (workdir) : 0;

  /* workdir ends with a slash; the root is the work tree or a folder inside it. */
  if (workdir == NULL || real_root == NULL || wlen == 0 ||
      strncmp (real_root, workdir, wlen - 1) != 0 ||
      (real_root[wlen - 1] != '\0' && real_root[wlen - 1] != '/'))
    {
      g_clear_pointer (&walk->repo, git_repository_free);
      return;
    }

  walk->prefix = real_root[wlen - 1] == '\0' ? g_strdup ("")
                                             : g_strconcat (real_root + wlen, "/", NULL);
}

static gboolean
walk_is_ignored (Walk       *walk,
                 const char *relpath,
                 gboolean    is_dir)
{
  g_autofree char *repo_path = NULL;
  int ignored = 0;

  if (walk->repo == NULL)
    return FALSE;

  repo_path = g_strconcat (walk->prefix, relpath, is_dir ? "/" : "", NULL);
  if (git_ignore_path_is_ignored (&ignored, walk->repo, repo_path) != 0)
    return FALSE;

  return ignored == 1;
}

static void
walk_dir (Walk         *walk,
          GFile        *dir,
          const char   *relpath,
          GCancellable *cancellable)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  GFileInfo *info;

  enumerator = g_file_enumerate_children (dir,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                          cancellable, NULL);
  if (enumerator == NULL)
    return;

  while (walk->files->len < TANDEM_FILE_INDEX_MAX_FILES &&
         !g_cancellable_is_cancelled (cancellable) &&
         (info = g_file_enumerator_next_file (enumerator, cancellable, NULL)))
    {
      const char *name = g_file_info_get_name (info);
      GFileType type = g_file_info_get_file_type (info);
      g_autofree char *child_rel = relpath[0] ? g_strconcat (relpath, "/", name, NULL) : g_strdup (name);

      /* Outside a repository, dot-files are hidden as in the file tree. */
      if (g_str_equal (name, ".git") || (walk->repo == NULL && name[0] == '.') ||
          walk_is_ignored (walk, child_rel, type == G_FILE_TYPE_DIRECTORY))
        {
          g_object_unref (info);
          continue;
        }

      if (type == G_FILE_TYPE_DIRECTORY)
        {
          g_autoptr(GFile) child = g_file_get_child (dir, name);
          walk_dir (walk, child, child_rel, cancellable);
        }
      else if (type == G_FILE_TYPE_REGULAR || type == G_FILE_TYPE_SYMBOLIC_LINK)
        g_ptr_array_add (walk->files, g_steal_pointer (&child_rel));

      g_object_unref (info);
    }
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static void
tandem_file_index_refresh_worker (GTask        *task,
                                  gpointer      source_object,
                                  gpointer      task_data,
                                  GCancellable *cancellable)
{
  TandemFileIndex *self = source_object;
  g_autofree char *root_path = g_file_get_path (self->root);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  Walk walk = { NULL, NULL, files };

  if (root_path != NULL)
    walk_open_repository (&walk, root_path);

  walk_dir (&walk, self->root, "", cancellable);

  g_clear_pointer (&walk.repo, git_repository_free);
  g_clear_pointer (&walk.prefix, g_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  g_ptr_array_sort (files, compare_paths);

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  self->files = g_steal_pointer (&files);
  g_mutex_unlock (&self->lock);

  g_task_return_boolean (task, TRUE);
}

/**
 * tandem_file_index_refresh_async:
 *
 * Lists the project's files again, on a worker thread.
 */
void
tandem_file_index_refresh_async (TandemFileIndex     *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TANDEM_IS_FILE_INDEX (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_file_index_refresh_async);
  g_task_run_in_thread (task, tandem_file_index_refresh_worker);
}

gboolean
tandem_file_index_refresh_finish (TandemFileIndex  *self,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (TANDEM_IS_FILE_INDEX (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

guint
tandem_file_index_get_n_files (TandemFileIndex *self)
{
  g_autoptr(GPtrArray) files = NULL;

  g_return_val_if_fail (TANDEM_IS_FILE_INDEX (self), 0);

  files = tandem_file_index_dup_files (self);
  return files ? files->len : 0;
}

/* Query ----------------------------------------------------------------------- */

typedef struct
{
  char      *query;
  guint      max_results;
  GPtrArray *files;
} Query;

static void
query_free (Query *query)
{
  g_free (query->query);
  g_clear_pointer (&query->files, g_ptr_array_unref);
  g_free (query);
}

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const TandemFileMatch *ma = *(const TandemFileMatch * const *)a;
  const TandemFileMatch *mb = *(const TandemFileMatch * const *)b;

  if (ma->score != mb->score)
    return mb->score - ma->score;
  if (strlen (ma->path) != strlen (mb->path))
    return (int)strlen (ma->path) - (int)strlen (mb->path);
  return strcmp (ma->path, mb->path);
}

static void
tandem_file_index_query_worker (GTask        *task,
                                gpointer      source_object,
                                gpointer      task_data,
                                GCancellable *cancellable)
{
  Query *query = task_data;
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func ((GDestroyNotify)tandem_file_match_free);
  g_autoptr(GString) compact = g_string_new (NULL);

  /* Spaces separate words for the user; the matcher wants one subsequence. */
  for (const char *p = query->query; *p; p++)
    if (*p != ' ')
      g_string_append_c (compact, *p);

  for (guint i = 0; i < query->files->len; i++)
    {
      const char *path = g_ptr_array_index (query->files, i);
      g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
      int score;

      if ((i & 1023) == 0 && g_cancellable_is_cancelled (cancellable))
        break;

      score = tandem_fuzzy_score (compact->str, path, positions);
      if (score >= 0)
        {
          TandemFileMatch *match = g_new0 (TandemFileMatch, 1);

          match->path = g_strdup (path);
          match->score = score;
          match->positions = g_steal_pointer (&positions);
          g_ptr_array_add (matches, match);
        }
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  g_ptr_array_sort (matches, compare_matches);
  if (matches->len > query->max_results)
    g_ptr_array_set_size (matches, query->max_results);

  g_task_return_pointer (task, g_steal_pointer (&matches), (GDestroyNotify)g_ptr_array_unref);
}

/**
 * tandem_file_index_query_async:
 * @query: what the user typed
 * @max_results: at most this many matches
 *
 * Matches @query against the files listed by the last refresh, best first.
 */
void
tandem_file_index_query_async (TandemFileIndex     *self,
                               const char          *query,
                               guint                max_results,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Query *state;

  g_return_if_fail (TANDEM_IS_FILE_INDEX (self));
  g_return_if_fail (query != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_file_index_query_async);

  state = g_new0 (Query, 1);
  state->query = g_strdup (query);
  state->max_results = max_results;
  state->files = tandem_file_index_dup_files (self);
  if (state->files == NULL)
    state->files = g_ptr_array_new ();
  g_task_set_task_data (task, state, (GDestroyNotify)query_free);
  g_task_run_in_thread (task, tandem_file_index_query_worker);
}

/**
 * tandem_file_index_query_finish:
 *
 * Returns: (transfer container) (element-type TandemFileMatch): the matches, best first
 */
GPtrArray *
tandem_file_index_query_finish (TandemFileIndex  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (TANDEM_IS_FILE_INDEX (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GFile *
tandem_file_index_get_root (TandemFileIndex *self)
{
  g_return_val_if_fail (TANDEM_IS_FILE_INDEX (self), NULL);

  return self->root;
}

TandemFileIndex *
tandem_file_index_new (GFile *root)
{
  TandemFileIndex *self;

  g_return_val_if_fail (G_IS_FILE (root), NULL);

  self = g_object_new (TANDEM_TYPE_FILE_INDEX, NULL);
  self->root = g_object_ref (root);

  return self;
}

static void
tandem_file_index_finalize (GObject *object)
{
  TandemFileIndex *self = (TandemFileIndex *)object;

  g_clear_object (&self->root);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (tandem_file_index_parent_class)->finalize (object);
}

static void
tandem_file_index_class_init (TandemFileIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tandem_file_index_finalize;
}

static void
tandem_file_index_init (TandemFileIndex *self)
{
  g_mutex_init (&self->lock);
}
