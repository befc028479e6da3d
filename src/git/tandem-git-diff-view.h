/* tandem-git-diff-view.h
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

#include <gtk/gtk.h>

#include "tandem-git-repository.h"

G_BEGIN_DECLS

/* A read-only diff page for the editor's tab view: hunk headers, added and removed lines
 * coloured, old and new line numbers, syntax highlighting from the file's language, and
 * per hunk "Stage Hunk" (unstaged diff) or "Unstage Hunk" (staged diff). It reloads when
 * the repository's status changes, and says so when the file has no changes left. */

#define TANDEM_TYPE_GIT_DIFF_VIEW (tandem_git_diff_view_get_type ())
G_DECLARE_FINAL_TYPE (TandemGitDiffView, tandem_git_diff_view, TANDEM, GIT_DIFF_VIEW, GtkWidget)

/* The staged or unstaged changes of @path. */
GtkWidget  *tandem_git_diff_view_new            (TandemGitRepository *repository,
                                                 const char          *path,
                                                 gboolean             staged);
/* Every file a commit changed, one after another; no stage buttons. */
GtkWidget  *tandem_git_diff_view_new_for_commit (TandemGitRepository *repository,
                                                 TandemGitCommit     *commit);
/* "file.c (Staged)", "file.c (Changes)" or "1a2b3c4 Summary". */
const char *tandem_git_diff_view_get_title      (TandemGitDiffView   *self);
/* Identifies the page so the window can focus an open one instead of adding another:
 * "staged:path", "changes:path" or "commit:<id>". */
const char *tandem_git_diff_view_get_key        (TandemGitDiffView   *self);

G_END_DECLS
