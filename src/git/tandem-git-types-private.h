/* tandem-git-types-private.h
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
#include "tandem-git-types.h"

G_BEGIN_DECLS

/* Builders of the value objects, for the git service's worker threads. An object is
 * immutable once it has been handed to the main thread. */

TandemGitStatus   *_tandem_git_status_new             (void);
void               _tandem_git_status_set_head        (TandemGitStatus     *self,
                                                       const char          *branch,
                                                       gboolean             detached,
                                                       gboolean             unborn,
                                                       const char          *head_short_id);
void               _tandem_git_status_set_upstream    (TandemGitStatus     *self,
                                                       const char          *upstream,
                                                       guint                ahead,
                                                       guint                behind);
void               _tandem_git_status_set_state       (TandemGitStatus     *self,
                                                       TandemGitRepoState   state);
/* Takes @file; its section says where it goes. Call _tandem_git_status_sort() at the end. */
void               _tandem_git_status_take_file       (TandemGitStatus     *self,
                                                       TandemGitFileStatus *file);
void               _tandem_git_status_sort            (TandemGitStatus     *self);
gboolean           _tandem_git_status_equal           (TandemGitStatus     *a,
                                                       TandemGitStatus     *b);

TandemGitFileDiff *_tandem_git_file_diff_new          (const char          *path,
                                                       const char          *old_path,
                                                       TandemGitChangeKind  kind,
                                                       gboolean             binary,
                                                       gboolean             staged);
/* Appends a hunk; @header may end in a newline, which is dropped. */
void               _tandem_git_file_diff_add_hunk     (TandemGitFileDiff   *self,
                                                       const char          *header,
                                                       gsize                header_len,
                                                       int                  old_start,
                                                       int                  old_lines,
                                                       int                  new_start,
                                                       int                  new_lines);
/* Appends a line to the last hunk; @content may end in a newline and need not be UTF-8. */
void               _tandem_git_file_diff_add_line     (TandemGitFileDiff   *self,
                                                       TandemGitLineOrigin  origin,
                                                       int                  old_lineno,
                                                       int                  new_lineno,
                                                       const char          *content,
                                                       gsize                content_len);
/* The last line added has no newline at the end of the file. */
void               _tandem_git_file_diff_mark_no_newline (TandemGitFileDiff *self);
/* Builds a file diff from a libgit2 patch (all of its hunks and lines). */
TandemGitFileDiff *_tandem_git_file_diff_new_from_patch (git_patch         *patch,
                                                         gboolean           staged,
                                                         GError           **error);
TandemGitFileDiff *_tandem_git_file_diff_new_from_diff (git_diff          *diff,
                                                        size_t             index,
                                                        gboolean           staged,
                                                        GError           **error);
TandemGitChangeKind _tandem_git_change_kind_from_delta (git_delta_t         status);

TandemGitCommit   *_tandem_git_commit_new_from_libgit2 (const git_commit   *commit);

TandemGitBranch   *_tandem_git_branch_new             (const char          *name,
                                                       gboolean             is_remote,
                                                       gboolean             is_head,
                                                       const char          *upstream,
                                                       const char          *target_short_id);

/* git_libgit2_init() once per process (refcounted by libgit2, so sharing it with other
 * areas is fine). */

/* Opens a new git_repository for the work tree of @self, for use on the calling (worker)
 * thread only. Free it with git_repository_free(). */
git_repository    *tandem_git_repository_open_libgit2 (TandemGitRepository *self,
                                                       GError             **error);

/* Makes a safe checkout collect, in @paths (of char *), the files whose local changes
 * would be overwritten. */
void               _tandem_git_checkout_collect_conflicts (git_checkout_options *options,
                                                           GPtrArray            *paths);
/* Sets @error to WOULD_OVERWRITE with a message naming @paths (char *). */
void               _tandem_git_set_would_overwrite    (GError             **error,
                                                       GPtrArray           *paths);
gboolean           _tandem_git_check                  (int                  rc,
                                                       const char          *what,
                                                       GError             **error);
gboolean           _tandem_git_default_signature      (git_repository      *repo,
                                                       const char          *missing_message,
                                                       git_signature      **signature,
                                                       GError             **error);
int                _tandem_git_create_commit          (git_repository      *repo,
                                                       const git_signature *signature,
                                                       const char          *message,
                                                       git_tree            *tree,
                                                       GArray              *parent_ids,
                                                       gboolean             end_merge,
                                                       git_oid             *commit_id);

G_END_DECLS
