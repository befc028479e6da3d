/* tandem-git-types.h
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

G_BEGIN_DECLS

/* Immutable value objects produced by the git service on worker threads and read on the
 * main thread. None of them holds a libgit2 object. */

typedef enum
{
  TANDEM_GIT_SECTION_STAGED,
  TANDEM_GIT_SECTION_CHANGES,
  TANDEM_GIT_SECTION_UNTRACKED,
  TANDEM_GIT_SECTION_CONFLICTS,
  TANDEM_GIT_N_SECTIONS
} TandemGitSection;

typedef enum
{
  TANDEM_GIT_CHANGE_ADDED,
  TANDEM_GIT_CHANGE_MODIFIED,
  TANDEM_GIT_CHANGE_DELETED,
  TANDEM_GIT_CHANGE_RENAMED,
  TANDEM_GIT_CHANGE_TYPECHANGE,
  TANDEM_GIT_CHANGE_UNTRACKED,
  TANDEM_GIT_CHANGE_CONFLICTED,
} TandemGitChangeKind;

typedef enum
{
  TANDEM_GIT_STATE_NONE,
  TANDEM_GIT_STATE_MERGE,
  TANDEM_GIT_STATE_REBASE,
  TANDEM_GIT_STATE_OTHER,   /* cherry-pick, revert, bisect… */
} TandemGitRepoState;

/* One changed file in one section (a file staged and changed again appears in both). */
#define TANDEM_TYPE_GIT_FILE_STATUS (tandem_git_file_status_get_type ())
G_DECLARE_FINAL_TYPE (TandemGitFileStatus, tandem_git_file_status, TANDEM, GIT_FILE_STATUS, GObject)

TandemGitFileStatus *tandem_git_file_status_new          (const char          *path,
                                                          const char          *old_path,
                                                          TandemGitSection     section,
                                                          TandemGitChangeKind  kind);
/* Path relative to the work tree, '/'-separated. */
const char          *tandem_git_file_status_get_path     (TandemGitFileStatus *self);
/* The previous path of a rename, else %NULL. */
const char          *tandem_git_file_status_get_old_path (TandemGitFileStatus *self);
TandemGitSection     tandem_git_file_status_get_section  (TandemGitFileStatus *self);
TandemGitChangeKind  tandem_git_file_status_get_kind     (TandemGitFileStatus *self);
/* A one-letter badge: "A", "M", "D", "R", "T", "U" (untracked) or "!" (conflict). */
const char          *tandem_git_file_status_get_badge    (TandemGitFileStatus *self);

/* A snapshot of the repository: branch, upstream and every changed file. */
#define TANDEM_TYPE_GIT_STATUS (tandem_git_status_get_type ())
G_DECLARE_FINAL_TYPE (TandemGitStatus, tandem_git_status, TANDEM, GIT_STATUS, GObject)

/* The branch's short name ("main"), or %NULL when HEAD is detached. */
const char         *tandem_git_status_get_branch        (TandemGitStatus  *self);
gboolean            tandem_git_status_get_detached      (TandemGitStatus  *self);
/* TRUE in a repository without any commit yet. */
gboolean            tandem_git_status_get_unborn        (TandemGitStatus  *self);
/* Short id of HEAD's commit ("1a2b3c4"), %NULL when unborn. */
const char         *tandem_git_status_get_head_short_id (TandemGitStatus  *self);
/* The upstream's short name ("origin/main"), or %NULL. */
const char         *tandem_git_status_get_upstream      (TandemGitStatus  *self);
guint               tandem_git_status_get_ahead         (TandemGitStatus  *self);
guint               tandem_git_status_get_behind        (TandemGitStatus  *self);
TandemGitRepoState  tandem_git_status_get_state         (TandemGitStatus  *self);
/* A GListModel of TandemGitFileStatus of one section, sorted by path (never %NULL). */
GListModel         *tandem_git_status_get_files         (TandemGitStatus  *self,
                                                         TandemGitSection  section);
/* Files in all sections together. */
guint               tandem_git_status_get_n_changes     (TandemGitStatus  *self);

typedef enum
{
  TANDEM_GIT_LINE_CONTEXT = ' ',
  TANDEM_GIT_LINE_ADDED   = '+',
  TANDEM_GIT_LINE_REMOVED = '-',
} TandemGitLineOrigin;

typedef struct
{
  TandemGitLineOrigin origin;
  int                 old_lineno;      /* -1 for added lines */
  int                 new_lineno;      /* -1 for removed lines */
  gboolean            no_newline;      /* "\ No newline at end of file" follows */
  char               *content;         /* without the trailing newline; valid UTF-8 */
} TandemGitDiffLine;

typedef struct
{
  char      *header;                   /* "@@ -1,4 +1,5 @@ fn main()" */
  int        old_start;
  int        old_lines;
  int        new_start;
  int        new_lines;
  GArray    *lines;                    /* of TandemGitDiffLine */
} TandemGitDiffHunk;

/* The changes of one file: between HEAD and the index (staged), the index and the work
 * tree (unstaged), or a commit and its first parent (history). */
#define TANDEM_TYPE_GIT_FILE_DIFF (tandem_git_file_diff_get_type ())
G_DECLARE_FINAL_TYPE (TandemGitFileDiff, tandem_git_file_diff, TANDEM, GIT_FILE_DIFF, GObject)

const char          *tandem_git_file_diff_get_path     (TandemGitFileDiff *self);
const char          *tandem_git_file_diff_get_old_path (TandemGitFileDiff *self);
TandemGitChangeKind  tandem_git_file_diff_get_kind     (TandemGitFileDiff *self);
/* TRUE when either side is binary: there are no hunks then. */
gboolean             tandem_git_file_diff_get_binary   (TandemGitFileDiff *self);
/* TRUE for a staged diff (HEAD -> index). */
gboolean             tandem_git_file_diff_get_staged   (TandemGitFileDiff *self);
guint                tandem_git_file_diff_get_n_hunks  (TandemGitFileDiff *self);
const TandemGitDiffHunk *tandem_git_file_diff_get_hunk (TandemGitFileDiff *self,
                                                         guint              index);
guint                tandem_git_file_diff_get_additions (TandemGitFileDiff *self);
guint                tandem_git_file_diff_get_deletions (TandemGitFileDiff *self);

#define TANDEM_TYPE_GIT_COMMIT (tandem_git_commit_get_type ())
G_DECLARE_FINAL_TYPE (TandemGitCommit, tandem_git_commit, TANDEM, GIT_COMMIT, GObject)

const char *tandem_git_commit_get_id           (TandemGitCommit *self); /* 40 hex */
const char *tandem_git_commit_get_short_id     (TandemGitCommit *self); /* 7 hex */
const char *tandem_git_commit_get_summary      (TandemGitCommit *self);
const char *tandem_git_commit_get_message      (TandemGitCommit *self);
const char *tandem_git_commit_get_author_name  (TandemGitCommit *self);
const char *tandem_git_commit_get_author_email (TandemGitCommit *self);
GDateTime  *tandem_git_commit_get_time         (TandemGitCommit *self);
guint       tandem_git_commit_get_n_parents    (TandemGitCommit *self);

#define TANDEM_TYPE_GIT_BRANCH (tandem_git_branch_get_type ())
G_DECLARE_FINAL_TYPE (TandemGitBranch, tandem_git_branch, TANDEM, GIT_BRANCH, GObject)

/* "main" for a local branch, "origin/main" for a remote one. */
const char *tandem_git_branch_get_name      (TandemGitBranch *self);
gboolean    tandem_git_branch_get_is_remote (TandemGitBranch *self);
/* TRUE for the checked-out branch. */
gboolean    tandem_git_branch_get_is_head   (TandemGitBranch *self);
/* The upstream's short name of a local branch, or %NULL. */
const char *tandem_git_branch_get_upstream  (TandemGitBranch *self);
const char *tandem_git_branch_get_target_short_id (TandemGitBranch *self);

/* A line of the editor's text compared with HEAD, for the gutter. */
typedef enum
{
  TANDEM_GIT_LINE_MARK_ADDED,
  TANDEM_GIT_LINE_MARK_CHANGED,
  TANDEM_GIT_LINE_MARK_DELETED,     /* lines were removed just above this line */
} TandemGitLineMarkKind;

typedef struct
{
  guint                  line;      /* 0-based line of the new text */
  TandemGitLineMarkKind  kind;
} TandemGitLineMark;

G_END_DECLS
