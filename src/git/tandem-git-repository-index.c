/* tandem-git-repository-index.c
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

#define G_LOG_DOMAIN "tandem-git"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <git2.h>

#include "tandem-git-error.h"
#include "tandem-git-repository-private.h"
#include "tandem-git-types-private.h"

/* Index actions */

static gboolean
remove_workdir_file (git_repository  *repo,
                     const char      *path,
                     GError         **error)
{
  g_autofree char *full = _tandem_git_workdir_file (repo, path);

  if (g_unlink (full) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not delete “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_index (git_index  *index,
             GError    **error)
{
  return _tandem_git_check (git_index_write (index), _("Could not write the index"), error);
}

static gboolean
stage_paths (git_repository      *repo,
             git_index           *index,
             const char * const  *paths,
             GError             **error)
{
  int rc = 0;

  if (paths == NULL)
    {
      /* Like "git add --all": new and changed files, and deletions. */
      if ((rc = git_index_add_all (index, NULL, GIT_INDEX_ADD_DEFAULT, NULL, NULL)) == 0)
        rc = git_index_update_all (index, NULL, NULL, NULL);
    }
  else
    {
      for (guint i = 0; rc == 0 && paths[i] != NULL; i++)
        {
          if (_tandem_git_workdir_file_is_dir (repo, paths[i]))
            {
              char *one[] = { (char *)paths[i] };
              git_strarray spec = { one, 1 };

              rc = git_index_add_all (index, &spec, GIT_INDEX_ADD_DEFAULT, NULL, NULL);
            }
          else if (_tandem_git_workdir_file_exists (repo, paths[i]))
            rc = git_index_add_bypath (index, paths[i]);
          else
            rc = git_index_remove_bypath (index, paths[i]);
        }
    }

  if (!_tandem_git_check (rc, _("Could not stage the changes"), error))
    return FALSE;

  return write_index (index, error);
}

static gboolean
path_in (const char * const *paths,
         const char         *path)
{
  return paths == NULL || (path != NULL && g_strv_contains (paths, path));
}

static gboolean
unstage_paths (git_repository      *repo,
               git_index           *index,
               const char * const  *paths,
               GError             **error)
{
  g_autoptr(GPtrArray) reset = g_ptr_array_new_with_free_func (g_free);
  git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
  git_commit *head = NULL;
  git_tree *tree = NULL;
  git_diff *diff = NULL;
  git_strarray spec;
  int rc;

  if (!_tandem_git_lookup_head_commit (repo, &head, error))
    return FALSE;

  if (head == NULL)
    {
      /* Nothing is committed yet: unstaging removes the file from the index. */
      rc = 0;
      if (paths == NULL)
        rc = git_index_clear (index);
      for (guint i = 0; rc == 0 && paths != NULL && paths[i] != NULL; i++)
        rc = git_index_remove_bypath (index, paths[i]);
      if (!_tandem_git_check (rc, _("Could not unstage the changes"), error))
        return FALSE;
      return write_index (index, error);
    }

  /* A staged rename is undone with both of its paths. */
  find.flags = GIT_DIFF_FIND_RENAMES;
  if ((rc = git_commit_tree (&tree, head)) < 0 ||
      (rc = git_diff_tree_to_index (&diff, repo, tree, index, NULL)) < 0 ||
      (rc = git_diff_find_similar (diff, &find)) < 0)
    goto out;

  for (size_t i = 0; i < git_diff_num_deltas (diff); i++)
    {
      const git_diff_delta *delta = git_diff_get_delta (diff, i);

      if (path_in (paths, delta->new_file.path) || path_in (paths, delta->old_file.path))
        {
          g_ptr_array_add (reset, g_strdup (delta->new_file.path));
          if (g_strcmp0 (delta->old_file.path, delta->new_file.path) != 0)
            g_ptr_array_add (reset, g_strdup (delta->old_file.path));
        }
    }
  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    g_ptr_array_add (reset, g_strdup (paths[i]));

  if (reset->len > 0)
    {
      _tandem_git_strarray_from_ptr_array (&spec, reset);
      rc = git_reset_default (repo, (git_object *)head, &spec);
    }

out:
  git_diff_free (diff);
  git_tree_free (tree);
  git_commit_free (head);

  return _tandem_git_check (rc, _("Could not unstage the changes"), error);
}

static gboolean
checkout_index_paths (git_repository  *repo,
                      git_index       *index,
                      GPtrArray       *paths,
                      GError         **error)
{
  git_checkout_options options = GIT_CHECKOUT_OPTIONS_INIT;

  if (paths->len == 0)
    return TRUE;

  options.checkout_strategy = GIT_CHECKOUT_FORCE | GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH;
  _tandem_git_strarray_from_ptr_array (&options.paths, paths);

  return _tandem_git_check (git_checkout_index (repo, index, &options),
                            _("Could not restore the files"), error);
}

static gboolean
discard_paths (git_repository      *repo,
               git_index           *index,
               const char * const  *paths,
               GError             **error)
{
  g_autoptr(GPtrArray) checkout = g_ptr_array_new_with_free_func (g_free);
  git_status_options options = GIT_STATUS_OPTIONS_INIT;
  git_status_list *list = NULL;
  gboolean ret = TRUE;
  int rc;

  options.show = GIT_STATUS_SHOW_WORKDIR_ONLY;
  options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
                  GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
  if (paths != NULL)
    {
      options.flags |= GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH;
      options.pathspec.strings = (char **)paths;
      options.pathspec.count = g_strv_length ((char **)paths);
    }

  if ((rc = git_status_list_new (&list, repo, &options)) < 0)
    {
      tandem_git_error_set_from_libgit2 (error, rc, _("Could not discard the changes"));
      return FALSE;
    }

  for (size_t i = 0; ret && i < git_status_list_entrycount (list); i++)
    {
      const git_status_entry *entry = git_status_byindex (list, i);
      const char *path;

      if (entry->index_to_workdir == NULL || (entry->status & GIT_STATUS_CONFLICTED))
        continue;

      path = entry->index_to_workdir->new_file.path;
      if (entry->status & GIT_STATUS_WT_NEW)
        ret = remove_workdir_file (repo, path, error);
      else
        g_ptr_array_add (checkout, g_strdup (path));
    }
  git_status_list_free (list);

  return ret && checkout_index_paths (repo, index, checkout, error);
}

static GPtrArray *
list_conflicts (git_index           *index,
                const char * const  *paths)
{
  GPtrArray *conflicts = g_ptr_array_new_with_free_func (g_free);
  git_index_conflict_iterator *iter = NULL;
  const git_index_entry *ancestor, *ours, *theirs;

  if (git_index_conflict_iterator_new (&iter, index) < 0)
    return conflicts;

  while (git_index_conflict_next (&ancestor, &ours, &theirs, iter) == 0)
    {
      const git_index_entry *any = ours ? ours : theirs ? theirs : ancestor;

      if (path_in (paths, any->path) &&
          (conflicts->len == 0 ||
           strcmp (g_ptr_array_index (conflicts, conflicts->len - 1), any->path) != 0))
        g_ptr_array_add (conflicts, g_strdup (any->path));
    }
  git_index_conflict_iterator_free (iter);

  return conflicts;
}

static gboolean
take_side (git_repository      *repo,
           git_index           *index,
           const char * const  *paths,
           gboolean             theirs,
           GError             **error)
{
  g_autoptr(GPtrArray) conflicts = list_conflicts (index, paths);
  g_autoptr(GPtrArray) checkout = g_ptr_array_new_with_free_func (g_free);
  int rc = 0;

  for (guint i = 0; rc == 0 && i < conflicts->len; i++)
    {
      const char *path = g_ptr_array_index (conflicts, i);
      const git_index_entry *ancestor_entry, *our_entry, *their_entry;
      const git_index_entry *side;
      git_index_entry resolved;

      rc = git_index_conflict_get (&ancestor_entry, &our_entry, &their_entry, index, path);
      if (rc < 0)
        break;

      side = theirs ? their_entry : our_entry;
      if (side == NULL)
        {
          /* That side deleted the file. */
          if ((rc = git_index_conflict_remove (index, path)) == 0 &&
              !remove_workdir_file (repo, path, error))
            return FALSE;
          continue;
        }

      resolved = *side;
      resolved.path = path;
      GIT_INDEX_ENTRY_STAGE_SET (&resolved, 0);
      if ((rc = git_index_conflict_remove (index, path)) == 0 &&
          (rc = git_index_add (index, &resolved)) == 0)
        g_ptr_array_add (checkout, g_strdup (path));
    }

  if (!_tandem_git_check (rc, _("Could not resolve the conflict"), error))
    return FALSE;

  return write_index (index, error) && checkout_index_paths (repo, index, checkout, error);
}

static gboolean
mark_resolved (git_repository      *repo,
               git_index           *index,
               const char * const  *paths,
               GError             **error)
{
  g_autoptr(GPtrArray) conflicts = list_conflicts (index, paths);
  int rc = 0;

  /* Adding or removing the path clears its conflict entries. */
  for (guint i = 0; rc == 0 && i < conflicts->len; i++)
    {
      const char *path = g_ptr_array_index (conflicts, i);

      if (_tandem_git_workdir_file_exists (repo, path))
        rc = git_index_add_bypath (index, path);
      else
        rc = git_index_remove_bypath (index, path);
    }

  if (!_tandem_git_check (rc, _("Could not mark the conflict as resolved"), error))
    return FALSE;

  return write_index (index, error);
}

static gpointer
index_op (TandemGitRepository  *self,
          git_repository       *repo,
          TandemGitOp          *op,
          GCancellable         *cancellable,
          GError              **error)
{
  const char * const *paths = (const char * const *)op->paths;
  git_index *index = NULL;
  gboolean ret = FALSE;
  int rc;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if ((rc = git_repository_index (&index, repo)) < 0)
    {
      tandem_git_error_set_from_libgit2 (error, rc, _("Could not read the index"));
      return NULL;
    }

  switch (op->action)
    {
    case TANDEM_GIT_INDEX_STAGE:
      ret = stage_paths (repo, index, paths, error);
      break;
    case TANDEM_GIT_INDEX_UNSTAGE:
      ret = unstage_paths (repo, index, paths, error);
      break;
    case TANDEM_GIT_INDEX_DISCARD:
      ret = discard_paths (repo, index, paths, error);
      break;
    case TANDEM_GIT_INDEX_TAKE_OURS:
    case TANDEM_GIT_INDEX_TAKE_THEIRS:
      ret = take_side (repo, index, paths, op->action == TANDEM_GIT_INDEX_TAKE_THEIRS, error);
      break;
    case TANDEM_GIT_INDEX_MARK_RESOLVED:
      ret = mark_resolved (repo, index, paths, error);
      break;
    default:
      g_assert_not_reached ();
    }

  git_index_free (index);

  return ret ? GINT_TO_POINTER (TRUE) : NULL;
}

void
tandem_git_repository_index_async (TandemGitRepository  *self,
                                   TandemGitIndexAction  action,
                                   const char * const   *paths,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  TandemGitOp *op;

  g_return_if_fail (action <= TANDEM_GIT_INDEX_MARK_RESOLVED);

  op = _tandem_git_op_new (NULL, NULL, FALSE, TRUE);
  op->action = action;
  op->paths = g_strdupv ((char **)paths);

  _tandem_git_repository_run (self, op, index_op, NULL, tandem_git_repository_index_async,
                              cancellable, callback, user_data);
}

gboolean
tandem_git_repository_index_finish (TandemGitRepository  *self,
                                    GAsyncResult         *result,
                                    GError              **error)
{
  return _tandem_git_repository_propagate_boolean (self, result, tandem_git_repository_index_async,
                                                   error);
}

/* Diffs */

/* The diff of one file, staged (HEAD → index) or not (index → work tree), as libgit2
 * computes it; @reverse swaps both sides. */
static git_diff *
diff_for_path (git_repository  *repo,
               const char      *path,
               gboolean         staged,
               gboolean         reverse,
               GError         **error)
{
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  char *pathspec[] = { (char *)path };
  git_commit *head = NULL;
  git_tree *tree = NULL;
  git_diff *diff = NULL;
  int rc = 0;

  options.pathspec.strings = pathspec;
  options.pathspec.count = 1;
  options.flags = GIT_DIFF_DISABLE_PATHSPEC_MATCH;
  if (reverse)
    options.flags |= GIT_DIFF_REVERSE;

  if (staged)
    {
      if (!_tandem_git_lookup_head_commit (repo, &head, error))
        return NULL;
      if (head != NULL)
        rc = git_commit_tree (&tree, head);
      if (rc == 0)
        rc = git_diff_tree_to_index (&diff, repo, tree, NULL, &options);
    }
  else
    {
      options.flags |= GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_SHOW_UNTRACKED_CONTENT |
                       GIT_DIFF_RECURSE_UNTRACKED_DIRS;
      rc = git_diff_index_to_workdir (&diff, repo, NULL, &options);
    }

  git_tree_free (tree);
  git_commit_free (head);

  if (!_tandem_git_check (rc, _("Could not compute the changes"), error))
    return NULL;

  return diff;
}

/* A staged rename is an added file to a diff of that one path: finds the rename in the
 * whole staged diff, so that it shows only the lines that changed. Returns whether @path is
 * a rename; then *@file_diff is its diff, or %NULL with @error set. */
static gboolean
find_staged_rename (git_repository     *repo,
                    const char         *path,
                    TandemGitFileDiff **file_diff,
                    GError            **error)
{
  git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
  git_commit *head = NULL;
  git_tree *tree = NULL;
  git_diff *diff = NULL;
  gboolean found = FALSE;

  find.flags = GIT_DIFF_FIND_RENAMES;

  if (_tandem_git_lookup_head_commit (repo, &head, NULL) && head != NULL &&
      git_commit_tree (&tree, head) == 0 &&
      git_diff_tree_to_index (&diff, repo, tree, NULL, NULL) == 0 &&
      git_diff_find_similar (diff, &find) == 0)
    {
      for (size_t i = 0; i < git_diff_num_deltas (diff); i++)
        {
          const git_diff_delta *delta = git_diff_get_delta (diff, i);

          if (delta->status == GIT_DELTA_RENAMED && g_strcmp0 (delta->new_file.path, path) == 0)
            {
              *file_diff = _tandem_git_file_diff_new_from_diff (diff, i, TRUE, error);
              found = TRUE;
              break;
            }
        }
    }

  git_diff_free (diff);
  git_tree_free (tree);
  git_commit_free (head);

  return found;
}

static gpointer
diff_file_op (TandemGitRepository  *self,
              git_repository       *repo,
              TandemGitOp          *op,
              GCancellable         *cancellable,
              GError              **error)
{
  TandemGitFileDiff *file_diff = NULL;
  git_diff *diff;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if ((diff = diff_for_path (repo, op->path, op->flag, FALSE, error)) == NULL)
    return NULL;

  if (git_diff_num_deltas (diff) == 0)
    file_diff = _tandem_git_file_diff_new (op->path, NULL, TANDEM_GIT_CHANGE_MODIFIED,
                                           FALSE, op->flag);
  else if (!(op->flag && git_diff_get_delta (diff, 0)->status == GIT_DELTA_ADDED &&
             find_staged_rename (repo, op->path, &file_diff, error)))
    file_diff = _tandem_git_file_diff_new_from_diff (diff, 0, op->flag, error);

  git_diff_free (diff);

  return file_diff;
}

void
tandem_git_repository_diff_file_async (TandemGitRepository *self,
                                       const char          *path,
                                       gboolean             staged,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (path != NULL);

  _tandem_git_repository_run (self, _tandem_git_op_new (path, NULL, staged, FALSE), diff_file_op,
                              g_object_unref, tandem_git_repository_diff_file_async, cancellable,
                              callback, user_data);
}

/**
 * tandem_git_repository_diff_file_finish:
 *
 * Returns: (transfer full): the diff
 */
TandemGitFileDiff *
tandem_git_repository_diff_file_finish (TandemGitRepository  *self,
                                        GAsyncResult         *result,
                                        GError              **error)
{
  return _tandem_git_repository_propagate (self, result, tandem_git_repository_diff_file_async,
                                           error);
}

/* Applying one hunk */

typedef struct
{
  int index;      /* of the hunk to apply */
  int seen;
} HunkChoice;

static int
choose_hunk_cb (const git_diff_hunk *hunk,
                void                *payload)
{
  HunkChoice *choice = payload;

  g_assert (choice != NULL);

  /* 0 applies the hunk, a positive value skips it. */
  return choice->seen++ == choice->index ? 0 : 1;
}

static gboolean
header_matches (const git_diff_hunk *hunk,
                const char          *header)
{
  gsize len = hunk->header_len;

  while (len > 0 && (hunk->header[len - 1] == '\n' || hunk->header[len - 1] == '\r'))
    len--;

  return strlen (header) == len && strncmp (hunk->header, header, len) == 0;
}

/* The position of the hunk with @header in the file's diff, or -1. */
static int
find_hunk (git_diff    *diff,
           const char  *header,
           git_delta_t *status)
{
  git_patch *patch = NULL;
  int found = -1;

  if (git_diff_num_deltas (diff) != 1 || git_patch_from_diff (&patch, diff, 0) < 0 || patch == NULL)
    return -1;

  *status = git_patch_get_delta (patch)->status;
  for (size_t i = 0; found < 0 && i < git_patch_num_hunks (patch); i++)
    {
      const git_diff_hunk *hunk;
      size_t n_lines;

      if (git_patch_get_hunk (&hunk, &n_lines, patch, i) == 0 && header_matches (hunk, header))
        found = (int)i;
    }
  git_patch_free (patch);

  return found;
}

static void
set_diff_changed (GError     **error,
                  const char  *path)
{
  g_set_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_DIFF_CHANGED,
               _("The changes of “%s” are no longer as shown. Look at them again and retry."),
               path);
}

static gpointer
apply_hunk_op (TandemGitRepository  *self,
               git_repository       *repo,
               TandemGitOp          *op,
               GCancellable         *cancellable,
               GError              **error)
{
  git_apply_options options = GIT_APPLY_OPTIONS_INIT;
  git_delta_t status = GIT_DELTA_UNMODIFIED;
  HunkChoice choice = { 0, 0 };
  const gboolean staged = op->flag;
  git_diff *diff;
  int rc;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if ((diff = diff_for_path (repo, op->path, staged, FALSE, error)) == NULL)
    return NULL;

  choice.index = find_hunk (diff, op->text, &status);
  if (choice.index < 0)
    {
      git_diff_free (diff);
      set_diff_changed (error, op->path);
      return NULL;
    }

  /* A new file is one hunk: (un)staging it is (un)staging the file. */
  if ((!staged && status == GIT_DELTA_UNTRACKED) || (staged && status == GIT_DELTA_ADDED))
    {
      git_index *index = NULL;
      gboolean ok = FALSE;

      git_diff_free (diff);
      if ((rc = git_repository_index (&index, repo)) < 0)
        tandem_git_error_set_from_libgit2 (error, rc, _("Could not read the index"));
      else if ((rc = staged ? git_index_remove_bypath (index, op->path)
                            : git_index_add_bypath (index, op->path)) < 0)
        tandem_git_error_set_from_libgit2 (error, rc, staged ? _("Could not unstage the changes")
                                             : _("Could not stage the changes"));
      else
        ok = write_index (index, error);
      git_index_free (index);

      return ok ? GINT_TO_POINTER (TRUE) : NULL;
    }

  /* Unstaging applies the staged hunk backwards to the index. */
  if (staged)
    {
      git_diff_free (diff);
      if ((diff = diff_for_path (repo, op->path, TRUE, TRUE, error)) == NULL)
        return NULL;
    }

  options.hunk_cb = choose_hunk_cb;
  options.payload = &choice;
  rc = git_apply (repo, diff, GIT_APPLY_LOCATION_INDEX, &options);
  git_diff_free (diff);

  if (rc == GIT_EAPPLYFAIL)
    {
      set_diff_changed (error, op->path);
      return NULL;
    }
  if (rc < 0)
    {
      tandem_git_error_set_from_libgit2 (error, rc, staged ? _("Could not unstage the changes")
                                           : _("Could not stage the changes"));
      return NULL;
    }

  return GINT_TO_POINTER (TRUE);
}

void
tandem_git_repository_apply_hunk_async (TandemGitRepository *self,
                                        const char          *path,
                                        gboolean             staged,
                                        const char          *hunk_header,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (path != NULL);
  g_return_if_fail (hunk_header != NULL);

  _tandem_git_repository_run (self, _tandem_git_op_new (path, hunk_header, staged, TRUE),
                              apply_hunk_op, NULL, tandem_git_repository_apply_hunk_async,
                              cancellable, callback, user_data);
}

gboolean
tandem_git_repository_apply_hunk_finish (TandemGitRepository  *self,
                                         GAsyncResult         *result,
                                         GError              **error)
{
  return _tandem_git_repository_propagate_boolean (self, result,
                                                   tandem_git_repository_apply_hunk_async, error);
}
