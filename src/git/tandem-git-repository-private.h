/* tandem-git-repository-private.h
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

#pragma once

#include <git2.h>

#include "tandem-git-repository.h"

G_BEGIN_DECLS

/* What one asynchronous operation was asked to do. */
typedef struct
{
  char                 **paths;
  char                  *path;       /* diff, hunk, blob; a branch name; a commit id */
  char                  *text;       /* commit message, hunk header, user name */
  char                  *text2;      /* user email */
  TandemGitIndexAction   action;
  guint                  skip;
  guint                  count;
  guint                  flag : 1;   /* staged, amend, checkout, force, global */
  guint                  modifies : 1;
} TandemGitOp;

/* Runs on a worker thread with the thread's own repository. Returns the result (for
 * boolean operations any non-%NULL pointer), or %NULL with @error set, or %NULL without
 * error for "nothing". */
typedef gpointer (*TandemGitOpFunc) (TandemGitRepository  *self,
                                     git_repository       *repo,
                                     TandemGitOp          *op,
                                     GCancellable         *cancellable,
                                     GError              **error);

TandemGitOp     *_tandem_git_op_new                       (const char           *path,
                                                           const char           *text,
                                                           gboolean              flag,
                                                           gboolean              modifies);

/* Runs @func in a GTask thread with its own git_repository, and queues a refresh when it
 * is done if @op modifies the repository. Takes @op. */
void             _tandem_git_repository_run               (TandemGitRepository  *self,
                                                           TandemGitOp          *op,
                                                           TandemGitOpFunc       func,
                                                           GDestroyNotify        result_free,
                                                           gpointer              source_tag,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gpointer         _tandem_git_repository_propagate         (TandemGitRepository  *self,
                                                           GAsyncResult         *result,
                                                           gpointer              source_tag,
                                                           GError              **error);
gboolean         _tandem_git_repository_propagate_boolean (TandemGitRepository  *self,
                                                           GAsyncResult         *result,
                                                           gpointer              source_tag,
                                                           GError              **error);

/* How many refreshes queue_refresh () has started, for tests. */
guint            _tandem_git_repository_get_n_refreshes   (TandemGitRepository  *self);

git_repository  *_tandem_git_open_workdir                 (const char           *workdir_path,
                                                           GError              **error);
/* Resolves HEAD to a commit, or sets *commit to %NULL when the branch is unborn. */
gboolean         _tandem_git_lookup_head_commit           (git_repository       *repo,
                                                           git_commit          **commit,
                                                           GError              **error);
/* The 7-letter abbreviation of @oid. */
char            *_tandem_git_dup_short_id                 (const git_oid        *oid);

/* Makes @array use the strings of @paths (which keeps them). */
void             _tandem_git_strarray_from_ptr_array      (git_strarray         *array,
                                                           GPtrArray            *paths);
char            *_tandem_git_workdir_file                 (git_repository       *repo,
                                                           const char           *path);
gboolean         _tandem_git_workdir_file_exists          (git_repository       *repo,
                                                           const char           *path);
gboolean         _tandem_git_workdir_file_is_dir          (git_repository       *repo,
                                                           const char           *path);

TandemGitStatus *_tandem_git_compute_status               (git_repository       *repo,
                                                           GCancellable         *cancellable,
                                                           GError              **error);

G_END_DECLS
