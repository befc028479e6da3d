/* tandem-git-repository.h
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

#include <gio/gio.h>

#include "tandem-git-types.h"

G_BEGIN_DECLS

/* The git service of one work tree. Every libgit2 call runs in a GTask thread that
 * opens its own git_repository; the object itself only keeps paths and may be used
 * from the main thread only. Results are the immutable values of tandem-git-types.h.
 * Each async call takes a GCancellable; dispose cancels what is still running. */

#define TANDEM_TYPE_GIT_REPOSITORY (tandem_git_repository_get_type ())
G_DECLARE_FINAL_TYPE (TandemGitRepository, tandem_git_repository, TANDEM, GIT_REPOSITORY, GObject)

/* Finds the repository containing @directory (walking up). Finishes with %NULL and no
 * error when @directory is not inside a repository (or only inside a bare one). */
void                 tandem_git_repository_discover_async  (GFile                *directory,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
TandemGitRepository *tandem_git_repository_discover_finish (GAsyncResult         *result,
                                                            GError              **error);
/* Blocking variant for worker threads and tests. */
TandemGitRepository *tandem_git_repository_open            (GFile                *directory,
                                                            GError              **error);

GFile       *tandem_git_repository_get_workdir   (TandemGitRepository *self);
/* The .git folder. */
GFile       *tandem_git_repository_get_git_dir   (TandemGitRepository *self);
/* The path of @file relative to the work tree ('/'-separated), or %NULL when outside. */
char        *tandem_git_repository_get_relative_path (TandemGitRepository *self,
                                                      GFile               *file);
/* The latest status, or %NULL before the first refresh finished. */
TandemGitStatus *tandem_git_repository_get_status (TandemGitRepository *self);

/* Asks for a new status soon: calls within 300 ms are merged into one refresh, and one
 * refresh runs at a time. "status-changed" is emitted on the main thread with the new
 * TandemGitStatus when it differs from the previous one. Every operation below that
 * changes the repository queues a refresh itself when it finishes. The repository also
 * watches .git (HEAD, index, refs) so commands typed in a terminal are noticed; changes
 * of work-tree files are reported by the window calling this. */
void         tandem_git_repository_queue_refresh (TandemGitRepository *self);

/* A status computed now in a worker (used by the above and by benchmarks). */
void             tandem_git_repository_status_async  (TandemGitRepository  *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
TandemGitStatus *tandem_git_repository_status_finish (TandemGitRepository  *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

typedef enum
{
  TANDEM_GIT_INDEX_STAGE,        /* add to the index (or remove a deleted file from it) */
  TANDEM_GIT_INDEX_UNSTAGE,      /* reset the index entry to HEAD (remove when unborn) */
  TANDEM_GIT_INDEX_DISCARD,      /* work tree back to the index; untracked files are deleted */
  TANDEM_GIT_INDEX_TAKE_OURS,    /* conflicts: keep our side, staged */
  TANDEM_GIT_INDEX_TAKE_THEIRS,  /* conflicts: keep their side, staged */
  TANDEM_GIT_INDEX_MARK_RESOLVED,/* conflicts: stage the work tree file as it is */
} TandemGitIndexAction;

/* Applies @action to @paths (relative paths, %NULL-terminated); a %NULL @paths means
 * every file the action applies to (Stage All, Unstage All). */
void     tandem_git_repository_index_async  (TandemGitRepository   *self,
                                             TandemGitIndexAction   action,
                                             const char * const    *paths,
                                             GCancellable          *cancellable,
                                             GAsyncReadyCallback    callback,
                                             gpointer               user_data);
gboolean tandem_git_repository_index_finish (TandemGitRepository   *self,
                                             GAsyncResult          *result,
                                             GError               **error);

/* The diff of one file: staged (HEAD -> index) or unstaged (index -> work tree; an
 * untracked file shows as all added). Finishes with a TandemGitFileDiff, possibly with
 * no hunks when nothing differs. */
void               tandem_git_repository_diff_file_async  (TandemGitRepository  *self,
                                                           const char           *path,
                                                           gboolean              staged,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
TandemGitFileDiff *tandem_git_repository_diff_file_finish (TandemGitRepository  *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

/* Stages one hunk of an unstaged diff (@staged FALSE) or unstages one hunk of a staged
 * diff (@staged TRUE). @hunk_header must equal the hunk's header as listed; when the
 * file changed since, fails with TANDEM_GIT_ERROR_DIFF_CHANGED and changes nothing. */
void     tandem_git_repository_apply_hunk_async  (TandemGitRepository  *self,
                                                  const char           *path,
                                                  gboolean              staged,
                                                  const char           *hunk_header,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean tandem_git_repository_apply_hunk_finish (TandemGitRepository  *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Commits the index with @message (whitespace trimmed, must not be empty) as HEAD's
 * child, or, with @amend, replaces HEAD's commit. Fails with IDENTITY_MISSING when
 * user.name or user.email is not set, NOTHING_TO_COMMIT when the index equals HEAD
 * (unless amending, or finishing a merge). Finishing a merge makes a two-parent commit
 * and clears the merge state. Finishes with the new commit's full id. */
void     tandem_git_repository_commit_async  (TandemGitRepository  *self,
                                              const char           *message,
                                              gboolean              amend,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
char    *tandem_git_repository_commit_finish (TandemGitRepository  *self,
                                              GAsyncResult         *result,
                                              GError              **error);

/* HEAD's commit (for Amend: its message), or %NULL with no error when unborn. */
void             tandem_git_repository_head_commit_async  (TandemGitRepository  *self,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
TandemGitCommit *tandem_git_repository_head_commit_finish (TandemGitRepository  *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

/* user.name and user.email as git sees them (repository, global, system config); either
 * may come back %NULL. */
void     tandem_git_repository_get_identity_async  (TandemGitRepository  *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean tandem_git_repository_get_identity_finish (TandemGitRepository  *self,
                                                    GAsyncResult         *result,
                                                    char                **name,
                                                    char                **email,
                                                    GError              **error);
/* Writes user.name and user.email to the global config (~/.gitconfig, or
 * $XDG_CONFIG_HOME/git/config when that exists), or to the repository's with @global FALSE. */
void     tandem_git_repository_set_identity_async  (TandemGitRepository  *self,
                                                    const char           *name,
                                                    const char           *email,
                                                    gboolean              global,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean tandem_git_repository_set_identity_finish (TandemGitRepository  *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

/* Local branches first (sorted by name), then remote ones; a GListModel of
 * TandemGitBranch. Remote HEAD symbolic refs ("origin/HEAD") are left out. */
void        tandem_git_repository_list_branches_async  (TandemGitRepository  *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GListModel *tandem_git_repository_list_branches_finish (TandemGitRepository  *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/* Creates local branch @name at HEAD, and switches to it when @checkout. */
void     tandem_git_repository_create_branch_async  (TandemGitRepository  *self,
                                                     const char           *name,
                                                     gboolean              checkout,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean tandem_git_repository_create_branch_finish (TandemGitRepository  *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
/* Switches to local branch @name; a remote name ("origin/feature") creates the local
 * branch "feature" tracking it (or switches to it when it exists). Safe checkout: fails
 * with WOULD_OVERWRITE naming the files when local changes would be lost. */
void     tandem_git_repository_switch_branch_async  (TandemGitRepository  *self,
                                                     const char           *name,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean tandem_git_repository_switch_branch_finish (TandemGitRepository  *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
/* Deletes local branch @name. Without @force, fails with UNMERGED when it has commits
 * that neither HEAD nor its upstream contain. The current branch cannot be deleted. */
void     tandem_git_repository_delete_branch_async  (TandemGitRepository  *self,
                                                     const char           *name,
                                                     gboolean              force,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean tandem_git_repository_delete_branch_finish (TandemGitRepository  *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

/* Up to @count commits of HEAD's history (first parent order by time), skipping the
 * first @skip: a GPtrArray of TandemGitCommit (empty when unborn). */
void       tandem_git_repository_history_async  (TandemGitRepository  *self,
                                                 guint                 skip,
                                                 guint                 count,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GPtrArray *tandem_git_repository_history_finish (TandemGitRepository  *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
/* The changes a commit made against its first parent: a GPtrArray of TandemGitFileDiff. */
void       tandem_git_repository_commit_diff_async  (TandemGitRepository  *self,
                                                     const char           *commit_id,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GPtrArray *tandem_git_repository_commit_diff_finish (TandemGitRepository  *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

/* The content of @path in HEAD, or %NULL with no error when HEAD has no such file
 * (or is unborn). For the gutter. */
void    tandem_git_repository_read_head_blob_async  (TandemGitRepository  *self,
                                                     const char           *path,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GBytes *tandem_git_repository_read_head_blob_finish (TandemGitRepository  *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

/* Compares @text with @head line by line. Pure and thread-safe (no repository needed);
 * returns a GArray of TandemGitLineMark sorted by line. A %NULL @head marks every line
 * added. */
GArray *tandem_git_line_marks_compute (GBytes     *head,
                                       const char *text,
                                       gsize       length);

G_END_DECLS
